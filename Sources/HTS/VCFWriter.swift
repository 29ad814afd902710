import CHTSlib
import Foundation

/// Writes VCF/BCF to a file or standard output, optionally with a CSI index, never leaving a partial file.
///
/// Call `finish()` on success; a writer that is deinitialised unfinished (an error was thrown) removes
/// what it wrote.
public final class VCFWriter {
    public let output: AtomicOutput
    public let format: OutputFormat
    public let header: VCFHeader
    private let fp: UnsafeMutablePointer<htsFile>
    private let indexed: Bool
    /// htslib 1.16 builds wrong on-the-fly indexes when BGZF compression is multi-threaded (offsets are
    /// taken before the worker threads have placed the blocks), so with threads the index is built from
    /// the finished file instead.
    private let indexAfterClose: Bool
    private let indexThreads: Int32
    private var threadPool: ThreadPool?
    private var done = false
    /// htslib keeps the index name pointer (it does not copy it) until the file is closed.
    private var indexName: UnsafeMutablePointer<CChar>?
    /// Records written so far.
    public private(set) var recordCount = 0
    /// The BGZF stream when records may be written as text (`acceptsText`).
    private let textStream: OpaquePointer?


    /// Opens the destination and writes the header.
    ///
    /// - Parameters:
    ///   - path: the destination; `-` for standard output.
    ///   - format: encoding; infer it from `path` with `OutputFormat.inferred(fromPath:)`.
    ///   - writeIndex: also write `path.csi` (BGZF outputs only, not to standard output).
    public init(path: String, format: OutputFormat, header: VCFHeader, threads: Int = 0, pool: ThreadPool? = nil,
                writeIndex: Bool = false) throws(InputError) {
        HTSLog.quiet()
        if writeIndex && (!format.isIndexable || path == "-") {
            throw InputError(file: path, location: .file, problem: "--write-index needs a bgzipped VCF or a BCF written to a file",
                             hint: "use -O z or -O b with -o FILE")
        }
        output = try AtomicOutput(destination: path)
        self.format = format
        self.header = header
        indexed = writeIndex
        guard let fp = hts_open(output.writePath, format.htsMode) else {
            output.abandon()
            throw InputError(file: path, location: .file, problem: "cannot open the output for writing (\(String(cString: strerror(errno))))",
                             hint: "check that the folder exists and is writable")
        }
        self.fp = fp
        if let pool { pool.attach(to: fp) } else if threads > 0, let own = ThreadPool(threads: threads) {
            own.attach(to: fp)
            threadPool = own
        }
        let threaded = pool != nil || threadPool != nil
        indexAfterClose = writeIndex && threaded
        textStream = format == .vcfGz && (!writeIndex || indexAfterClose) && csl_file_is_bgzf(fp) != 0
            ? OpaquePointer(csl_file_bgzf(fp)) : nil
        indexThreads = Int32(max(threads, pool?.threads ?? 0))
        if bcf_hdr_write(fp, header.pointer) != 0 {
            hts_close(fp)
            output.abandon()
            throw InputError(file: path, location: .file, problem: "could not write the header (disk full or closed pipe?)")
        }
        if writeIndex {
            PartialFiles.register(output.companion(".csi"))
        }
        if writeIndex && !indexAfterClose {
            // min_shift 14 gives a CSI index, as `bcftools --write-index` does.
            indexName = strdup(output.companion(".csi"))
            if bcf_idx_init(fp, header.pointer, 14, indexName) != 0 {
                free(indexName)
                hts_close(fp)
                output.abandon(companions: [".csi"])
                throw InputError(file: path, location: .file, problem: "could not start the index")
            }
        }
    }

    deinit {
        if !done {
            hts_close(fp)
            output.abandon(companions: indexed ? [".csi"] : [])
        }
        free(indexName)
    }

    /// Whether `write(_:text:info:)` may be used (bgzipped VCF without an index built while writing).
    public var acceptsText: Bool { textStream != nil }

    /// Writes `record` given as its VCF text (`VCFReader.text(of:)`: what `vcf_format` writes for it) with
    /// `info` (`KEY=VALUE` pairs joined by ';', as `vcf_format` writes them) added at the end of its INFO column:
    /// the bytes `write(_:)` would write had the fields been added to the record. The caller checks `acceptsText`.
    @inline(__always)
    public func write(_ record: VCFRecord, text: VCFRecordText, info: UnsafeBufferPointer<UInt8>) throws(InputError) {
        guard let stream = textStream, let t = text.bytes.baseAddress, header.pointer.pointee.dirty == 0 else {
            return try write(record)  // not reached through annotate, which checks acceptsText
        }
        let count = text.bytes.count, start = text.info.lowerBound, end = text.info.upperBound
        let bgzf = UnsafeMutablePointer<BGZF>(stream)
        // The pieces go straight into the BGZF block (no line assembled first); as vcf_write, the record does
        // not straddle two blocks when it fits in one.
        let empty = end - start == 1 && t[start] == 0x2E
        let head = info.isEmpty ? count : (empty ? start : end)
        let separator = info.isEmpty || empty ? 0 : 1
        let length = head + separator + info.count + (info.isEmpty ? 0 : count - end) + 1
        var ok = bgzf_flush_try(bgzf, length) >= 0 && bgzf_write(bgzf, t, head) == head
        if ok && !info.isEmpty {
            var semicolon: UInt8 = 0x3B
            ok = (separator == 0 || bgzf_write(bgzf, &semicolon, 1) == 1)
                && bgzf_write(bgzf, info.baseAddress, info.count) == info.count
                && bgzf_write(bgzf, t + end, count - end) == count - end
        }
        var newline: UInt8 = 0x0A
        if !ok || bgzf_write(bgzf, &newline, 1) != 1 {
            throw InputError(file: output.destination, location: .record(recordCount + 1),
                             problem: "could not write the record (disk full or closed pipe)")
        }
        recordCount += 1
    }

    /// Writes one record.
    @inline(__always)
    public func write(_ record: VCFRecord) throws(InputError) {
        if bcf_write(fp, header.pointer, record.pointer) != 0 {
            throw InputError(file: output.destination, location: .record(recordCount + 1),
                             problem: "could not write the record (disk full, closed pipe, or a record the header does not describe)")
        }
        recordCount += 1
    }

    /// Flushes, writes the index, closes, and moves the file into place.
    public func finish() throws(InputError) {
        guard !done else { return }
        done = true
        if indexed && !indexAfterClose && bcf_idx_save(fp) != 0 {
            hts_close(fp)
            output.abandon(companions: [".csi"])
            throw InputError(file: output.destination, location: .file, problem: "could not write the index")
        }
        if hts_close(fp) != 0 {
            output.abandon(companions: indexed ? [".csi"] : [])
            throw InputError(file: output.destination, location: .file, problem: "could not finish writing (disk full?)")
        }
        if indexAfterClose && bcf_index_build3(output.writePath, output.companion(".csi"), 14, indexThreads) != 0 {
            output.abandon(companions: [".csi"])
            throw InputError(file: output.destination, location: .file, problem: "could not write the index")
        }
        do {
            try output.commit(companions: indexed ? [(".csi", output.destination + ".csi")] : [])
        } catch {
            output.abandon(companions: indexed ? [".csi"] : [])
            throw error
        }
    }
}
