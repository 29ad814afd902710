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
    }

    deinit {
        window.deallocate()
        fai_destroy(fai)
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
}
