/// Sequence Ontology consequence terms as Ensembl VEP defines and ranks them.
///
/// Cases are declared in VEP's severity order (most severe first, from VEP's `Constants.pm`), so the raw value
/// is the rank and a set of terms is a bit mask whose lowest set bit is the most severe term.
public enum SOTerm: UInt8, CaseIterable, Sendable, Comparable {
    case transcriptAblation
    case spliceAcceptor
    case spliceDonor
    case stopGained
    case frameshift
    case stopLost
    case startLost
    case transcriptAmplification
    case inframeInsertion
    case inframeDeletion
    case missense
    case proteinAltering
    case spliceRegion
    case incompleteTerminalCodon
    case startRetained
    case stopRetained
    case synonymous
    case codingSequence
    case fivePrimeUTR
    case threePrimeUTR
    case nonCodingTranscriptExon
    case intron
    case nmdTranscript
    case nonCodingTranscript
    case upstreamGene
    case downstreamGene
    case intergenic

    public static func < (a: SOTerm, b: SOTerm) -> Bool { a.rawValue < b.rawValue }

    /// The SO term name VEP writes.
    public var name: String {
        switch self {
        case .transcriptAblation: return "transcript_ablation"
        case .spliceAcceptor: return "splice_acceptor_variant"
        case .spliceDonor: return "splice_donor_variant"
        case .stopGained: return "stop_gained"
        case .frameshift: return "frameshift_variant"
        case .stopLost: return "stop_lost"
        case .startLost: return "start_lost"
        case .transcriptAmplification: return "transcript_amplification"
        case .inframeInsertion: return "inframe_insertion"
        case .inframeDeletion: return "inframe_deletion"
        case .missense: return "missense_variant"
        case .proteinAltering: return "protein_altering_variant"
        case .spliceRegion: return "splice_region_variant"
        case .incompleteTerminalCodon: return "incomplete_terminal_codon_variant"
        case .startRetained: return "start_retained_variant"
        case .stopRetained: return "stop_retained_variant"
        case .synonymous: return "synonymous_variant"
        case .codingSequence: return "coding_sequence_variant"
        case .fivePrimeUTR: return "5_prime_UTR_variant"
        case .threePrimeUTR: return "3_prime_UTR_variant"
        case .nonCodingTranscriptExon: return "non_coding_transcript_exon_variant"
        case .intron: return "intron_variant"
        case .nmdTranscript: return "NMD_transcript_variant"
        case .nonCodingTranscript: return "non_coding_transcript_variant"
        case .upstreamGene: return "upstream_gene_variant"
        case .downstreamGene: return "downstream_gene_variant"
        case .intergenic: return "intergenic_variant"
        }
    }

    /// VEP's impact class.
    public var impact: Impact {
        switch self {
        case .transcriptAblation, .spliceAcceptor, .spliceDonor, .stopGained, .frameshift, .stopLost, .startLost,
             .transcriptAmplification:
            return .high
        case .inframeInsertion, .inframeDeletion, .missense, .proteinAltering:
            return .moderate
        case .spliceRegion, .incompleteTerminalCodon, .startRetained, .stopRetained, .synonymous:
            return .low
        default:
            return .modifier
        }
    }

    /// The term with SO name `name`, if VEP defines it here.
    public init?(name: String) {
        guard let t = SOTerm.allCases.first(where: { $0.name == name }) else { return nil }
        self = t
    }
}

/// VEP's impact classes, most severe first.
public enum Impact: UInt8, Sendable, Comparable {
    case high, moderate, low, modifier
    public static func < (a: Impact, b: Impact) -> Bool { a.rawValue < b.rawValue }
    public var name: String {
        switch self {
        case .high: return "HIGH"
        case .moderate: return "MODERATE"
        case .low: return "LOW"
        case .modifier: return "MODIFIER"
        }
    }
}

/// A set of consequence terms, as a bit mask (no allocation).
public struct ConsequenceSet: Sendable, Equatable, Sequence {
    public private(set) var bits: UInt64 = 0
    public init() {}
    public init(_ terms: [SOTerm]) { for t in terms { insert(t) } }
    public mutating func insert(_ t: SOTerm) { bits |= 1 << UInt64(t.rawValue) }
    public mutating func remove(_ t: SOTerm) { bits &= ~(1 << UInt64(t.rawValue)) }
    public func contains(_ t: SOTerm) -> Bool { bits & (1 << UInt64(t.rawValue)) != 0 }
    public var isEmpty: Bool { bits == 0 }
    /// The most severe term, nil when empty.
    public var mostSevere: SOTerm? { bits == 0 ? nil : SOTerm(rawValue: UInt8(bits.trailingZeroBitCount)) }
    public var impact: Impact { mostSevere?.impact ?? .modifier }
    /// Terms in severity order.
    public func makeIterator() -> AnyIterator<SOTerm> {
        var rest = bits
        return AnyIterator {
            guard rest != 0 else { return nil }
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            return SOTerm(rawValue: UInt8(i))
        }
    }
    /// VEP's `&`-joined form, most severe first.
    public var joined: String { map(\.name).joined(separator: "&") }
}
