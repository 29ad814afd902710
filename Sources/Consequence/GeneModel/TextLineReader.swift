import CHTSlib
import HTS

/// Reads a text file line by line through htslib, so plain, gzip and bgzip files read the same way.
final class TextLineReader {
    let path: String
    private let fp: UnsafeMutablePointer<htsFile>
    private var line = kstring_t()
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(path: String) throws(InputError) {
        HTSLog.quiet()
        self.path = path
        guard let fp = hts_open(path, "r") else {
            throw InputError(file: path, location: .file, problem: "cannot open the gene model file",
                             hint: "check the path; GFF3/GTF may be plain text, gzip or bgzip")
        }
        self.fp = fp
    }

    deinit {
        csl_kstring_free(&line)
        hts_close(fp)
    }

    /// Calls `body` with the next line's bytes (no line terminator); false at the end of the file.
    func next(_ body: (UnsafeBufferPointer<UInt8>) throws(InputError) -> Void) throws(InputError) -> Bool {
        let r = hts_getline(fp, 10, &line)
        if r < -1 {
            throw InputError(file: path, location: .line(lineNumber + 1), problem: "the file is damaged or truncated",
                             hint: "re-download or re-compress it")
        }
        if r < 0 { return false }
        lineNumber += 1
        var n = Int(csl_kstring_len(&line))
        guard let base = line.s else { try body(UnsafeBufferPointer(start: nil, count: 0)); return true }
        let bytes = UnsafeRawPointer(base).assumingMemoryBound(to: UInt8.self)
        if n > 0 && bytes[n - 1] == 13 { n -= 1 }  // CRLF
        try body(UnsafeBufferPointer(start: bytes, count: n))
        return true
    }
}
