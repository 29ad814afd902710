import Foundation

/// Generates un-normalized variant records in the repeats of a real reference sequence, for differential
/// tests of normalization against `bcftools norm`.
///
/// Every record is a true change of the given sequence, written the way callers and databases write them
/// when they do not normalize: indels shifted to the right end of their repeat, padded with extra shared
/// bases on both sides, several alleles in one record (an indel with an SNV, two indels of different
/// lengths), and MNP-style records whose alleles share bases. Each record carries GT (unphased, phased,
/// multi-allelic, missing), FORMAT/AD (Number=R), FORMAT/PL (Number=G), INFO/AF and INFO/AC (Number=A)
/// and INFO/XR (Number=R), so splitting is exercised too. Deterministic for a given seed.
public struct RepeatIndelGenerator {
    /// Reference bases, upper case; `offset` is the 0-based genomic position of `sequence[0]`.
    public let sequence: [UInt8]
    public let offset: Int
    public let contig: String
    private var rng: SplitMix64

    public init(sequence: [UInt8], offset: Int, contig: String, seed: UInt64 = 20261124) {
        self.sequence = sequence
        self.offset = offset
        self.contig = contig
        rng = SplitMix64(seed: seed)
    }

    /// A perfect tandem repeat: `unit` repeated from `start` (index into `sequence`) to `end` (exclusive).
    public struct Repeat { public var start: Int; public var end: Int; public var unit: Int }

    /// Tandem repeats with units of 1 to 4 bases, spanning at least 6 bases, no N.
    public func repeats() -> [Repeat] {
        var found: [Repeat] = []
        var i = 1
        let s = sequence
        while i + 12 < s.count {
            var best: Repeat?
            for unit in 1...4 {
                var j = i + unit
                while j < s.count && s[j] == s[j - unit] { j += 1 }
                if j - i >= max(6, 2 * unit + 2), !s[i..<j].contains(UInt8(ascii: "N")) {
                    if let b = best, j - i <= b.end - b.start { continue }
                    best = Repeat(start: i, end: j, unit: unit)
                }
            }
            if let b = best { found.append(b); i = b.end + 1 } else { i += 1 }
        }
        return found
    }

    /// Records as VCF lines (without header), sorted by position.
    public mutating func records(count: Int) -> [String] {
        let reps = repeats()
        guard !reps.isEmpty else { return [] }
        var lines: [(Int, String)] = []
        var n = 0
        while lines.count < count {
            let r = reps[Int(rng.next() % UInt64(reps.count))]
            n += 1
            if let rec = makeRecord(r, kind: Int(rng.next() % 7)) { lines.append(rec) }
            if n > count * 20 { break }
        }
        return lines.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private func text(_ a: Int, _ b: Int) -> String { String(decoding: sequence[a..<b], as: UTF8.self) }

    private mutating func makeRecord(_ r: Repeat, kind: Int) -> (Int, String)? {
        let k = r.unit
        // Right-most anchor for a one-unit deletion, and the inserted unit for a right-shifted insertion.
        let anchor = r.end - k - 1
        guard anchor >= 1, r.end + 6 < sequence.count else { return nil }
        let unit = text(r.end - k, r.end)
        var ref: String, alts: [String], pos: Int
        switch kind {
        case 0:  // right-shifted deletion of one unit
            pos = anchor; ref = text(anchor, r.end); alts = [text(anchor, anchor + 1)]
        case 1:  // right-shifted insertion of one unit
            pos = r.end - 1; ref = text(r.end - 1, r.end); alts = [text(r.end - 1, r.end) + unit]
        case 2:  // padded deletion: two shared bases before, three after
            let a = max(1, anchor - 2)
            pos = a; ref = text(a, r.end + 3)
            alts = [text(a, anchor + 1) + text(r.end, r.end + 3)]
        case 3:  // multiallelic: deletion, insertion of two units, and an SNV just after the repeat
            pos = anchor; ref = text(anchor, r.end + 1)
            let last = sequence[r.end]
            let snv = String(decoding: sequence[anchor..<r.end] + [alternative(to: last)], as: UTF8.self)
            alts = [text(anchor, anchor + 1) + text(r.end, r.end + 1), ref.dropLast() + unit + unit + text(r.end, r.end + 1), snv]
        case 4:  // deletion of two units and of one unit in one record, padded on the right
            guard r.end - r.start >= 3 * k else { return nil }
            pos = r.end - 2 * k - 1; ref = text(pos, r.end + 2)
            alts = [text(pos, pos + 1) + text(r.end, r.end + 2), text(pos, pos + 1 + k) + text(r.end, r.end + 2)]
        case 5:  // MNP-style record whose alleles share the first and last base
            pos = r.end; ref = text(r.end, r.end + 3)
            let mid = alternative(to: sequence[r.end + 1])
            alts = [text(r.end, r.end + 1) + String(UnicodeScalar(mid)) + text(r.end + 2, r.end + 3)]
        default:  // complex: replace the repeat's last unit by something else, padded
            pos = anchor; ref = text(anchor, r.end + 1)
            alts = [text(anchor, anchor + 1) + "T" + text(r.end, r.end + 1)]
            if alts[0] == ref { return nil }
        }
        alts = alts.filter { $0 != ref }
        var seen = Set<String>()
        alts = alts.filter { seen.insert($0).inserted }
        guard !alts.isEmpty else { return nil }
        return (pos, line(pos: pos, ref: ref, alts: alts))
    }

    private func alternative(to base: UInt8) -> UInt8 {
        switch base {
        case UInt8(ascii: "A"): return UInt8(ascii: "G")
        case UInt8(ascii: "G"): return UInt8(ascii: "A")
        case UInt8(ascii: "C"): return UInt8(ascii: "T")
        default: return UInt8(ascii: "C")
        }
    }

    private mutating func line(pos: Int, ref: String, alts: [String]) -> String {
        let n = alts.count
        let nAll = n + 1
        func gt() -> String {
            switch rng.next() % 6 {
            case 0: return "0/1"
            case 1: return "0|1"
            case 2: return n > 1 ? "1/2" : "1/1"
            case 3: return n > 1 ? "0|2" : "1|0"
            case 4: return "./."
            default: return "\(Int(rng.next() % UInt64(nAll)))/\(n)"
            }
        }
        func ad() -> String { (0..<nAll).map { _ in String(rng.next() % 60) }.joined(separator: ",") }
        func pl() -> String { (0..<(nAll * (nAll + 1) / 2)).map { _ in String(rng.next() % 250) }.joined(separator: ",") }
        let af = (0..<n).map { _ in String(format: "%.3f", Double(rng.next() % 1000) / 1000) }.joined(separator: ",")
        let ac = (0..<n).map { _ in String(rng.next() % 4) }.joined(separator: ",")
        let xr = (0..<nAll).map { _ in String(rng.next() % 100) }.joined(separator: ",")
        let samples = (0..<2).map { _ in "\(gt()):\(ad()):\(rng.next() % 200):\(pl())" }.joined(separator: "\t")
        return "\(contig)\t\(pos + offset + 1)\t.\t\(ref)\t\(alts.joined(separator: ","))\t50\tPASS\tDP=\(rng.next() % 500);AF=\(af);AC=\(ac);XR=\(xr)\tGT:AD:DP:PL\t\(samples)"
    }

    /// The header matching `records`.
    public static func header(contig: String, length: Int) -> String {
        """
        ##fileformat=VCFv4.2
        ##contig=<ID=\(contig),length=\(length)>
        ##FILTER=<ID=PASS,Description="All filters passed">
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
        ##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
        ##INFO=<ID=XR,Number=R,Type=Integer,Description="Per-allele test value">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Phred-scaled genotype likelihoods">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2

        """
    }
}

/// A small, fast, deterministic PRNG (Steele, Lea & Flood 2014), so generated test data never changes.
public struct SplitMix64 {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
