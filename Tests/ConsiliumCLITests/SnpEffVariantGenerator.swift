import Foundation
import TestSupport

/// One transcript's structure read from a GFF3, enough to aim generated variants at its parts.
struct SnpEffTargetTranscript {
    var id: String
    var contig: String
    var minusStrand: Bool
    /// Exons and CDS parts as 1-based inclusive genomic intervals, sorted by start.
    var exons: [ClosedRange<Int>]
    var cds: [ClosedRange<Int>]

    var span: ClosedRange<Int> { (exons.first?.lowerBound ?? 0)...(exons.last?.upperBound ?? 0) }
    var introns: [ClosedRange<Int>] {
        zip(exons, exons.dropFirst()).compactMap { a, b in a.upperBound + 1 <= b.lowerBound - 1 ? (a.upperBound + 1)...(b.lowerBound - 1) : nil }
    }

    /// Reads the exons and CDS parts of `ids` (without the `transcript:`/`rna-` prefixes of Ensembl and RefSeq GFF3).
    static func read(gff: String, ids: Set<String>, contig: String) throws -> [SnpEffTargetTranscript] {
        var found: [String: SnpEffTargetTranscript] = [:]
        for line in try String(contentsOfFile: gff, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9, f[2] == "exon" || f[2] == "CDS", let start = Int(f[3]), let end = Int(f[4]) else { continue }
            guard let parent = f[8].split(separator: ";").first(where: { $0.hasPrefix("Parent=") }) else { continue }
            let id = SnpEffGFF.strippedID(String(parent.dropFirst("Parent=".count)))
            guard ids.contains(id) else { continue }
            var t = found[id] ?? SnpEffTargetTranscript(id: id, contig: contig, minusStrand: f[6] == "-", exons: [], cds: [])
            if f[2] == "exon" { t.exons.append(start...end) } else { t.cds.append(start...end) }
            found[id] = t
        }
        return ids.sorted().compactMap { id in
            guard var t = found[id] else { return nil }
            t.exons.sort { $0.lowerBound < $1.lowerBound }
            t.cds.sort { $0.lowerBound < $1.lowerBound }
            return t
        }
    }
}

/// A reference slice held in memory: `bases[0]` is genomic position `start` (1-based).
struct SnpEffReferenceSlice {
    var contig: String
    var start: Int
    var bases: [UInt8]

    /// Reads a one-sequence FASTA whose header is `>chrN:START-END` (the shared region slices).
    init(fasta: String) throws {
        let text = try String(contentsOfFile: fasta, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let name = lines.first.map { $0.dropFirst() } ?? ""
        let parts = name.split(separator: ":")
        guard parts.count == 2, let s = parts[1].split(separator: "-").first.flatMap({ Int($0) }) else {
            throw SnpEffSetupError(message: "\(fasta): header is not >contig:start-end")
        }
        contig = String(parts[0])
        start = s
        bases = Array(lines.dropFirst().joined().utf8).map { $0 & 0xDF }
    }

    var end: Int { start + bases.count - 1 }
    func contains(_ range: ClosedRange<Int>) -> Bool { range.lowerBound >= start && range.upperBound <= end }
    func base(_ pos: Int) -> UInt8 { bases[pos - start] }
    func text(_ range: ClosedRange<Int>) -> String { String(decoding: bases[(range.lowerBound - start)...(range.upperBound - start)], as: UTF8.self) }
}

struct SnpEffSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Deterministic variants aimed at the parts of real transcripts where consequence rules differ: coding SNVs
/// (including start and stop codons), splice sites and splice regions on both sides of each internal exon edge,
/// UTRs, deep introns, the 5 kb flanks (and just beyond them), and small insertions and deletions in coding
/// exons and across exon edges.
struct SnpEffVariantGenerator {
    var reference: SnpEffReferenceSlice
    private var rng: SplitMix64

    init(reference: SnpEffReferenceSlice, seed: UInt64) {
        self.reference = reference
        rng = SplitMix64(seed: seed)
    }

    struct Variant: Hashable, Comparable {
        var pos: Int
        var ref: String
        var alt: String
        static func < (a: Variant, b: Variant) -> Bool { (a.pos, a.ref, a.alt) < (b.pos, b.ref, b.alt) }
    }

    private mutating func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
    private mutating func pick(_ r: ClosedRange<Int>) -> Int { r.lowerBound + pick(r.count) }
    private mutating func randomBases(_ n: Int) -> String {
        let acgt = Array("ACGT")
        var s = ""
        for _ in 0..<n { s.append(acgt[pick(4)]) }
        return s
    }

    /// An SNV at `pos` to a different base; nil outside the slice or on N.
    mutating func snv(_ pos: Int) -> Variant? {
        guard reference.contains(pos...pos) else { return nil }
        let ref = reference.base(pos)
        let choices = [UInt8(ascii: "A"), UInt8(ascii: "C"), UInt8(ascii: "G"), UInt8(ascii: "T")].filter { $0 != ref }
        guard choices.count == 3 else { return nil }
        return Variant(pos: pos, ref: String(UnicodeScalar(ref)), alt: String(UnicodeScalar(choices[pick(3)])))
    }

    /// Deletes `length` bases after the anchor base at `pos`.
    mutating func deletion(_ pos: Int, length: Int) -> Variant? {
        guard reference.contains(pos...(pos + length)) else { return nil }
        return Variant(pos: pos, ref: reference.text(pos...(pos + length)), alt: reference.text(pos...pos))
    }

    /// Inserts `length` random bases after the base at `pos`.
    mutating func insertion(_ pos: Int, length: Int) -> Variant? {
        guard reference.contains(pos...pos) else { return nil }
        let anchor = reference.text(pos...pos)
        return Variant(pos: pos, ref: anchor, alt: anchor + randomBases(length))
    }

    /// `count` variants over `t`, sorted and without duplicates.
    mutating func variants(for t: SnpEffTargetTranscript, count: Int) -> [Variant] {
        var out = Set<Variant>()
        let cdsBases = t.cds.flatMap { Array($0) }
        let exonBases = t.exons.flatMap { Array($0) }
        let utrBases = exonBases.filter { p in !t.cds.contains { $0.contains(p) } }
        let introns = t.introns
        // Internal exon edges: (last exon base, first intron base, direction into the intron).
        var edges: [(exon: Int, intronStep: Int)] = []
        for (a, b) in zip(t.exons, t.exons.dropFirst()) {
            edges.append((a.upperBound, 1))
            edges.append((b.lowerBound, -1))
        }
        var attempts = 0
        while out.count < count && attempts < count * 50 {
            attempts += 1
            let v: Variant?
            switch pick(14) {
            case 0, 1, 2:  // coding SNV
                v = cdsBases.isEmpty ? nil : snv(cdsBases[pick(cdsBases.count)])
            case 3:  // start or stop codon SNV (the 3 first and 3 last CDS bases)
                guard let lo = t.cds.first?.lowerBound, let hi = t.cds.last?.upperBound else { v = nil; break }
                v = snv(pick(2) == 0 ? lo + pick(3) : hi - pick(3))
            case 4:  // splice site: intron bases 1-2
                guard !edges.isEmpty else { v = nil; break }
                let e = edges[pick(edges.count)]
                v = snv(e.exon + e.intronStep * pick(1...2))
            case 5:  // splice region: intron bases 3-8, or exon bases 1-3 from the edge
                guard !edges.isEmpty else { v = nil; break }
                let e = edges[pick(edges.count)]
                v = pick(2) == 0 ? snv(e.exon + e.intronStep * pick(3...8)) : snv(e.exon - e.intronStep * pick(0...2))
            case 6:  // UTR
                v = utrBases.isEmpty ? nil : snv(utrBases[pick(utrBases.count)])
            case 7:  // intron, anywhere
                guard !introns.isEmpty else { v = nil; break }
                v = snv(pick(introns[pick(introns.count)]))
            case 8:  // flanks: up to 5,200 bp beyond either end (the 5 kb up/downstream limit is inside)
                v = snv(pick(2) == 0 ? t.span.lowerBound - pick(1...5200) : t.span.upperBound + pick(1...5200))
            case 9, 10:  // coding deletion of 1-6 bases
                v = cdsBases.isEmpty ? nil : deletion(cdsBases[pick(cdsBases.count)], length: pick(1...6))
            case 11:  // coding insertion of 1-6 bases
                v = cdsBases.isEmpty ? nil : insertion(cdsBases[pick(cdsBases.count)], length: pick(1...6))
            case 12:  // deletion of 1-4 bases starting within 5 bp of an exon edge
                guard !edges.isEmpty else { v = nil; break }
                let e = edges[pick(edges.count)]
                v = deletion(e.exon + pick(-5...5), length: pick(1...4))
            default:  // insertion of 1-3 bases within 3 bp of an exon edge
                guard !edges.isEmpty else { v = nil; break }
                let e = edges[pick(edges.count)]
                v = insertion(e.exon + pick(-3...3), length: pick(1...3))
            }
            if let v { out.insert(v) }
        }
        return out.sorted()
    }
}
