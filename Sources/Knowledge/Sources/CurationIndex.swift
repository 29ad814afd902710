import Variants

/// The curations of a knowledge base keyed by allele, built once per annotator so that a lookup per record
/// does not scan the whole file (an institution's curation file grows with every panel meeting).
public struct CurationIndex: Sendable {
    private struct Key: Hashable {
        var chrom: String
        var pos: Int
        var ref: String
        var alt: String
    }

    private var byAllele: [Key: [Curation]] = [:]

    public init(_ curations: Curations) {
        for c in curations.entries {
            byAllele[Key(chrom: ContigAliases.canonical(c.chrom), pos: c.pos, ref: c.ref, alt: c.alt), default: []].append(c)
        }
        for k in byAllele.keys { byAllele[k]?.sort { ($0.date, $0.line) < ($1.date, $1.line) } }
    }

    /// Curations of an allele with the contig matched in any naming style (`chr17` = `17`), oldest first
    /// (date, then file line): the last one is the panel's current decision.
    public func history(chrom: String, pos: Int, ref: String, alt: String) -> [Curation] {
        byAllele[Key(chrom: ContigAliases.canonical(chrom), pos: pos, ref: ref, alt: alt)] ?? []
    }
}
