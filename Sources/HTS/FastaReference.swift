import CHTSlib
import Foundation

/// A reference genome FASTA (plain or bgzipped, with `.fai`, and `.gzi` when bgzipped) through htslib's faidx.
public final class FastaReference {
    public let path: String
    let fai: OpaquePointer  // faidx_t*

    /// Sequence names in file order with their lengths.
    public let sequences: [(name: String, length: Int)]
    private let lengthByName: [String: Int]

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
    }

    deinit { fai_destroy(fai) }

    public func length(of name: String) -> Int? { lengthByName[name] }
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
}
