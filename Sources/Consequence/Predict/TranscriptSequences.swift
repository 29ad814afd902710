import HTS
import Variants

/// Spliced transcript sequences from the reference, built once per transcript and cached.
///
/// Variants arrive sorted, so a transcript's sequence is reused by every variant that hits it; the cache holds
/// transcripts of the current contig and is emptied when the contig changes.
public final class TranscriptSequences {
    public let reference: FastaReference
    public let model: GeneModel
    private var cdna: [Int: [UInt8]] = [:]
    private var cachedContig = ""
    /// Reference sequence index per style-free contig name.
    private var referenceIndex: [String: Int] = [:]
    private var lastContig = ""
    private var lastIndex: Int?

    public init(reference: FastaReference, model: GeneModel) {
        self.reference = reference
        self.model = model
    }

    /// The reference's sequence index for `contig` in any naming style, nil when absent.
    public func referenceSequence(for contig: String) -> Int? {
        // Sorted input asks for one contig many times in a row: skip hashing the name.
        if let i = lastIndex, contig == lastContig { return i }
        if let i = referenceIndex[contig] { lastContig = contig; lastIndex = i; return i }
        guard let name = ContigAliases.resolve(contig, in: { reference.contains($0) }),
              let i = reference.sequenceIndex(of: name) else { return nil }
        referenceIndex[contig] = i
        lastContig = contig
        lastIndex = i
        return i
    }

    /// The spliced cDNA of transcript `index` (upper case, transcript orientation), nil when the reference lacks
    /// its contig or its exons run off the sequence.
    public func cdna(_ index: Int) -> [UInt8]? {
        if let s = cdna[index] { return s }
        let t = model.transcripts[index]
        if t.contig != cachedContig {
            cdna.removeAll(keepingCapacity: true)
            cachedContig = t.contig
        }
        guard let ref = referenceSequence(for: t.contig) else { return nil }
        var seq: [UInt8] = []
        seq.reserveCapacity(t.cdnaLength)
        for e in t.exons {
            guard let bases = reference.bases(sequence: ref, start: Int64(e.start - 1), end: Int64(e.end)),
                  bases.count == e.length else { return nil }
            if t.strand == .plus {
                for b in bases { seq.append(Self.upper(b)) }
            } else {
                for b in bases.reversed() { seq.append(Self.complement(Self.upper(b))) }
            }
        }
        cdna[index] = seq
        return seq
    }

    /// Genomic bases `[start, end]` (1-based inclusive), upper case, + strand; nil when unavailable.
    public func genomic(contig: String, start: Int, end: Int) -> [UInt8]? {
        guard end >= start else { return [] }
        guard let ref = referenceSequence(for: contig),
              let bases = reference.bases(sequence: ref, start: Int64(start - 1), end: Int64(end)),
              bases.count == end - start + 1 else { return nil }
        return [UInt8](unsafeUninitializedCapacity: bases.count) { out, n in
            for i in 0..<bases.count { out[i] = Self.upper(bases[i]) }
            n = bases.count
        }
    }

    /// The genomic base at `position` (1-based), upper case, + strand; nil when unavailable. No allocation.
    public func genomicBase(contig: String, position: Int) -> UInt8? {
        guard let ref = referenceSequence(for: contig),
              let bases = reference.bases(sequence: ref, start: Int64(position - 1), end: Int64(position)),
              bases.count == 1 else { return nil }
        return Self.upper(bases[0])
    }

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b }

    @inline(__always) public static func complement(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "A"): return UInt8(ascii: "T")
        case UInt8(ascii: "C"): return UInt8(ascii: "G")
        case UInt8(ascii: "G"): return UInt8(ascii: "C")
        case UInt8(ascii: "T"): return UInt8(ascii: "A")
        case UInt8(ascii: "a"): return UInt8(ascii: "t")
        case UInt8(ascii: "c"): return UInt8(ascii: "g")
        case UInt8(ascii: "g"): return UInt8(ascii: "c")
        case UInt8(ascii: "t"): return UInt8(ascii: "a")
        default: return UInt8(ascii: "N")
        }
    }

    public static func reverseComplement<C: BidirectionalCollection>(_ s: C) -> [UInt8] where C.Element == UInt8 {
        s.reversed().map(complement)
    }
}
