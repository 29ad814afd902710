import CHTSlib
import Foundation

/// A reference genome FASTA (plain or bgzipped, with `.fai`, and `.gzi` when bgzipped) through htslib's faidx.
public final class FastaReference {
    public let path: String
    let fai: OpaquePointer  // faidx_t*

    /// Sequence names in file order with their lengths.
    public let sequences: [(name: String, length: Int)]
    private let lengthByName: [String: Int]
    private let indexByName: [String: Int]
    private let cNames: [ContiguousArray<CChar>]

    /// The cached window: raw bases (case and IUPAC codes as in the file) of one sequence from `windowStart`.
    /// Normalization reads a few bases around each record, in genome order; one faidx call per window
    /// instead of one or two per record is what keeps `norm` as fast as bcftools.
    private var window = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var windowCount = 0
    private var windowSequence = -1
    private var windowStart: Int64 = 0
    /// Bases fetched per window; records cluster, so one window serves thousands of them.
    public static let windowSize: Int64 = 1 << 20
    /// Bases kept before the requested start, for left-alignment padding that walks back through repeats.
    public static let windowLookBehind: Int64 = 1 << 14

    /// A second handle on the file for loading windows in bulk. faidx (htslib 1.16) reads a range one
    /// `bgzf_getc` at a time, ~30 instructions a base, which made window loads a tenth of `norm`'s time; with
    /// the `.fai` line layout a window is one seek, one read and a copy per line. Nil: windows come from faidx.
    private var bulk: UnsafeMutablePointer<BGZF>?
    /// For a plain (uncompressed) FASTA, a descriptor read with `pread` straight into `scratch` (BGZF would
    /// copy every byte twice more); -1 otherwise.
    private var plainFile: Int32 = -1
    /// Where each sequence's bases are in the file (`.fai` columns), by sequence index.
    private var layouts: [FastaLayout] = []
    /// The raw bytes (bases and line ends) of the window being loaded.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    public init(path: String) throws(InputError) {
        HTSLog.quiet()
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, location: .file, problem: "no such reference FASTA",
                             hint: "give the FASTA the VCF was called against (-f REF.fa)")
        }
        // fai_load builds a missing .fai (and .gzi for bgzipped files); it fails on gzip that is not bgzip.
        guard let fai = fai_load(path) else {
            throw InputError(file: path, location: .file, problem: "cannot index or read the reference FASTA",
                             hint: "a compressed FASTA must use bgzip (not gzip): `zcat REF.fa.gz | bgzip > REF.fa.gz.new`; then `samtools faidx` it")
        }
        self.fai = fai
        var seqs: [(String, Int)] = []
        let n = faidx_nseq(fai)
        for i in 0..<n {
            guard let cname = faidx_iseq(fai, i) else { continue }
            let name = String(cString: cname)
            seqs.append((name, Int(faidx_seq_len(fai, cname))))
        }
        sequences = seqs
        lengthByName = Dictionary(seqs, uniquingKeysWith: { a, _ in a })
        var index: [String: Int] = [:]
        for (i, s) in seqs.enumerated() where index[s.0] == nil { index[s.0] = i }
        indexByName = index
        cNames = seqs.map { ContiguousArray($0.0.utf8CString) }
        openBulkReader()
    }

    deinit {
        window.deallocate()
        scratch.deallocate()
        if let bulk { bgzf_close(bulk) }
        if plainFile >= 0 { Foundation.close(plainFile) }
        fai_destroy(fai)
    }

    /// Opens the bulk reader when the `.fai` (which `fai_load` made or checked) describes exactly the
    /// sequences faidx lists, and the file is plain or bgzipped with its `.gzi`; otherwise windows keep
    /// coming from faidx.
    private func openBulkReader() {
        guard let text = try? String(contentsOfFile: path + ".fai", encoding: .utf8) else { return }
        var found: [FastaLayout] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 5, let length = Int(f[1]), let offset = Int64(f[2]), let bases = Int64(f[3]),
                  let bytes = Int64(f[4]), bases > 0, bytes >= bases else { return }
            let i = found.count
            guard i < sequences.count, sequences[i].name == f[0], sequences[i].length == length else { return }
            found.append(FastaLayout(offset: offset, lineBases: bases, lineBytes: bytes))
        }
        guard found.count == sequences.count, let fp = bgzf_open(path, "r") else { return }
        let compression = bgzf_compression(fp)
        if compression == 1 || (compression == 2 && bgzf_index_load(fp, path, ".gzi") != 0) {
            bgzf_close(fp)
            return
        }
        bulk = fp
        layouts = found
        if compression == 0 { plainFile = open(path, O_RDONLY) }
    }

    public func length(of name: String) -> Int? { lengthByName[name] }
    /// The index of `name` in `sequences` (for `bases(sequence:start:end:_:)`), or nil when the FASTA lacks it.
    public func sequenceIndex(of name: String) -> Int? { indexByName[name] }
    public func contains(_ name: String) -> Bool { lengthByName[name] != nil }

    /// Bases `[start, end)` (0-based) of `name`, upper-cased; nil if the contig is unknown or the range is off its end.
    public func fetch(_ name: String, start: Int64, end: Int64) -> [UInt8]? {
        guard end > start, start >= 0 else { return [] }
        var len: hts_pos_t = 0
        guard let seq = faidx_fetch_seq64(fai, name, start, end - 1, &len), len >= 0 else { return nil }
        defer { free(seq) }
        return (0..<Int(len)).map { i in
            let c = UInt8(bitPattern: seq[i])
            return (c >= 0x61 && c <= 0x7A) ? c - 0x20 : c
        }
    }

    /// Calls `body` with the raw bases `[start, end)` (0-based) of sequence `index`, as stored in the FASTA
    /// (soft-masked lower case and IUPAC codes kept), from a cached window. The buffer is shorter than asked
    /// when the range runs off the end of the sequence, and empty when `start` is past it. Returns nil for an
    /// unknown index. The buffer is only valid inside `body`.
    public func withBases<R>(sequence index: Int, start: Int64, end: Int64,
                             _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard index >= 0, index < sequences.count else { return nil }
        let length = Int64(sequences[index].length)
        let s = max(0, start), e = min(end, length)
        guard e > s else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        if index != windowSequence || s < windowStart || e > windowStart + Int64(windowCount) {
            guard loadWindow(sequence: index, start: s, end: e, length: length) else { return nil }
        }
        let offset = Int(s - windowStart)
        return try body(UnsafeBufferPointer(rebasing: window[offset..<(offset + Int(e - s))]))
    }

    /// The raw bases `[start, end)` of sequence `index` from the cached window, as `withBases` gives them,
    /// without a closure: the buffer stays valid until the next call on this reference. Nil for an unknown
    /// index or when faidx fails.
    public func bases(sequence index: Int, start: Int64, end: Int64) -> UnsafeBufferPointer<UInt8>? {
        guard index >= 0, index < sequences.count else { return nil }
        let length = Int64(sequences[index].length)
        let s = max(0, start), e = min(end, length)
        guard e > s else { return UnsafeBufferPointer(start: nil, count: 0) }
        if index != windowSequence || s < windowStart || e > windowStart + Int64(windowCount) {
            guard loadWindow(sequence: index, start: s, end: e, length: length) else { return nil }
        }
        let offset = Int(s - windowStart)
        return UnsafeBufferPointer(rebasing: window[offset..<(offset + Int(e - s))])
    }

    private func loadWindow(sequence index: Int, start: Int64, end: Int64, length: Int64) -> Bool {
        let from = max(0, start - Self.windowLookBehind)
        let to = min(length, max(end, start + Self.windowSize))
        if bulk != nil && loadWindowInBulk(sequence: index, from: from, to: to) { return true }
        var got: hts_pos_t = 0
        let seq = cNames[index].withUnsafeBufferPointer { name in
            faidx_fetch_seq64(fai, name.baseAddress, from, to - 1, &got)
        }
        guard let seq, got >= 0 else { return false }
        defer { free(seq) }
        let n = Int(got)
        if window.count < n {
            window.deallocate()
            window = .allocate(capacity: n)
        }
        seq.withMemoryRebound(to: UInt8.self, capacity: n) { src in
            _ = window.baseAddress.map { $0.update(from: src, count: n) }
        }
        windowCount = n
        windowSequence = index
        windowStart = from
        return true
    }

    /// Loads bases `[from, to)` of sequence `index` with one read, giving exactly what faidx gives (it keeps
    /// the printable characters from the first base on). False, and nothing changed, when the read fails or
    /// the bytes do not have the `.fai`'s line layout (a printable character where a line should end, or a
    /// blank inside a line); the caller then asks faidx.
    private func loadWindowInBulk(sequence index: Int, from: Int64, to: Int64) -> Bool {
        guard let bulk, index < layouts.count, to > from else { return false }
        let layout = layouts[index]
        let n = Int(to - from)
        let first = layout.fileOffset(of: from), last = layout.fileOffset(of: to - 1)
        let span = Int(last - first + 1)
        if scratch.count < span {
            scratch.deallocate()
            scratch = .allocate(byteCount: span, alignment: 16)
        }
        guard let src = scratch.baseAddress else { return false }
        if plainFile >= 0 {
            var got = 0
            while got < span {
                let n = pread(plainFile, src + got, span - got, off_t(first) + off_t(got))
                if n <= 0 { return false }
                got += n
            }
        } else if bgzf_useek(bulk, off_t(first), SEEK_SET) != 0 || bgzf_read(bulk, src, span) != span {
            return false
        }
        let bytes = src.assumingMemoryBound(to: UInt8.self)
        if window.count < n {
            window.deallocate()
            window = .allocate(capacity: n)
        }
        guard let dst = window.baseAddress else { return false }
        let lineBases = Int(layout.lineBases), gap = Int(layout.lineBytes - layout.lineBases)
        var column = Int(from % layout.lineBases)
        var s = 0, d = 0
        // Line ends must not be printable (isgraph in the C locale: 0x21...0x7E), bases must be.
        var printableEnd: UInt8 = 0
        while d < n {
            let take = min(lineBases - column, n - d)
            memcpy(dst + d, bytes + s, take)
            s += take
            d += take
            column = 0
            if d < n {
                for k in 0..<gap { printableEnd |= (bytes[s + k] &- 0x21) < 0x5E ? 1 : 0 }
                s += gap
            }
        }
        let notPrintable = !Self.allPrintable(UnsafeRawPointer(dst), count: n)
        guard !notPrintable, printableEnd == 0, s == span else {
            windowSequence = -1
            windowCount = 0
            return false
        }
        windowCount = n
        windowSequence = index
        windowStart = from
        return true
    }
}

extension FastaReference {
    /// Whether every byte is printable (0x21...0x7E, C's isgraph), eight bytes at a time.
    static func allPrintable(_ p: UnsafeRawPointer, count: Int) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var bad: UInt64 = 0
        var i = 0
        while i &+ 8 <= count {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let t = w & low7
            // Per byte, no carry between bytes: bit 7 of w (>= 0x80), of ~(t + 0x5F) (t < 0x21), of t + 1 (t == 0x7F).
            bad |= (w | ~(t &+ 0x5F5F_5F5F_5F5F_5F5F) | (t &+ 0x0101_0101_0101_0101)) & high
            i &+= 8
        }
        while i < count {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c < 0x21 || c > 0x7E { return false }
            i &+= 1
        }
        return bad == 0
    }
}

/// One `.fai` entry's layout: the file offset of the first base, bases per line, bytes per line.
struct FastaLayout {
    var offset: Int64
    var lineBases: Int64
    var lineBytes: Int64

    /// The file offset of base `position` (0-based), as faidx computes it.
    @inline(__always)
    func fileOffset(of position: Int64) -> Int64 {
        offset + position / lineBases * lineBytes + position % lineBases
    }
}
