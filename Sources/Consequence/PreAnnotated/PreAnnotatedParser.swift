import Foundation

/// Reads one INFO value of a pre-annotated consequence field into `PreAnnotatedEffect`s, one per entry.
///
/// Entries are comma-separated and fields `|`-separated in all three formats. VEP percent-encodes `,;=|` and
/// space in values (`p.Leu19%3D`); SnpEff and bcftools do not encode. A malformed entry (too few fields) still
/// yields the fields it has: a pipeline's file is read as it is, never rejected for a short entry.
public struct PreAnnotatedParser: Sendable {
    public let layout: AnnotationLayout

    public init(layout: AnnotationLayout) { self.layout = layout }

    /// The entries of one INFO value.
    public func parse(_ value: String) -> [PreAnnotatedEffect] {
        // Some writers leave commas unescaped inside a field (gnomAD's VEP LoF_info: `GERP_DIST:…,BP_DIST:…`): a
        // piece without the layout's `|` count continues the entry before it.
        let pipes = layout.fields.count - 1
        var entries: [Substring] = []
        for piece in value.split(separator: ",") {
            if let last = entries.last, pipes > 0, piece.count(where: { $0 == "|" }) < pipes && !piece.hasPrefix("@") {
                entries[entries.count - 1] = value[last.startIndex..<piece.endIndex]
            } else {
                entries.append(piece)
            }
        }
        return entries.map(parseEntry)
    }

    /// The entries that describe ALT `alt` of a record with REF `ref` and ALTs `alts` (VEP's and SnpEff's Allele
    /// conventions; bcftools entries carry no allele and match every ALT whose change their `dna_change` names).
    public func entries(_ effects: [PreAnnotatedEffect], ref: String, alt: String, alts: [String]) -> [PreAnnotatedEffect] {
        switch layout.tool {
        case .snpEff:
            return effects.filter { $0.allele == alt }
        case .vep:
            let wanted = Self.vepAllele(ref: ref, alt: alt, alts: alts)
            return effects.filter { $0.allele == wanted || $0.allele == alt }
        case .bcftools:
            return effects.filter { e in
                e.compoundLead != nil || e.dnaChange.isEmpty
                    || e.dnaChange.split(separator: "+").contains { $0.hasSuffix(">" + alt) }
            }
        }
    }

    /// VEP's Allele for `alt`: when every allele of the record shares its first base (an indel's VCF padding),
    /// VEP drops that base; an empty remainder is `-`.
    public static func vepAllele(ref: String, alt: String, alts: [String]) -> String {
        guard let first = ref.first, alts.allSatisfy({ $0.first == first }),
              alts.contains(where: { $0.count != ref.count }) else { return alt }
        let rest = String(alt.dropFirst())
        return rest.isEmpty ? "-" : rest
    }

    func parseEntry(_ text: Substring) -> PreAnnotatedEffect {
        let f = text.split(separator: "|", omittingEmptySubsequences: false)
        let L = layout
        func field(_ i: Int) -> Substring? {
            guard i >= 0, i < f.count else { return nil }
            let v = f[i].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : Substring(v)
        }
        var e = PreAnnotatedEffect(tool: L.tool)
        if L.tool == .bcftools, let first = f.first, first.hasPrefix("@") {
            e.compoundLead = Int(first.dropFirst())
            return e
        }
        e.allele = field(L.allele).map(String.init) ?? ""
        if let c = field(L.consequence) {
            for name in c.split(separator: "&") {
                e.termNames.append(String(name))
                if let t = SOTerm.fromToolName(name) { e.terms.insert(t) } else { e.unmappedTerms.append(String(name)) }
            }
        }
        if let i = field(L.impact) {
            switch i {
            case "HIGH": e.impact = .high
            case "MODERATE": e.impact = .moderate
            case "LOW": e.impact = .low
            case "MODIFIER": e.impact = .modifier
            default: break
            }
        }
        e.symbol = field(L.symbol).map(String.init) ?? ""
        e.geneID = field(L.gene).map(String.init) ?? ""
        e.transcript = field(L.feature).map(String.init) ?? ""
        e.biotype = field(L.biotype).map(String.init) ?? ""
        e.hgvsc = field(L.hgvsc).map { Self.withoutAccession(Self.decoded($0)) }
        e.hgvsp = field(L.hgvsp).map { Self.withoutAccession(Self.decoded($0)) }
        // VEP `175`, `175-176`, `?-5`; SnpEff `175/393`; bcftools `175R>175H`.
        if let p = field(L.proteinPosition) { e.proteinPosition = Int(p.prefix { $0.isNumber }) }
        if let x = field(L.exon) {
            let parts = x.split(separator: "/")
            // SnpEff's Rank is an exon rank on exonic entries and an intron rank on the others.
            if parts.count == 2, let n = Int(parts[0].prefix { $0.isNumber }), let of = Int(parts[1]),
               L.tool != .snpEff || e.terms.bits & Self.exonicTerms.bits != 0 {
                e.exon = (n, of)
            }
        }
        if let s = field(L.strand) { e.strand = s == "+" || s == "1" ? 1 : (s == "-" || s == "-1" ? -1 : nil) }
        e.isCanonical = field(L.canonical) == "YES"
        e.maneSelect = field(L.mane).map(String.init)
        e.dnaChange = field(L.dnaChange).map(String.init) ?? ""
        return e
    }

    /// Terms that only an exonic change gets.
    static let exonicTerms = ConsequenceSet([
        .stopGained, .frameshift, .stopLost, .startLost, .inframeInsertion, .inframeDeletion, .missense, .proteinAltering,
        .incompleteTerminalCodon, .startRetained, .stopRetained, .synonymous, .codingSequence, .fivePrimeUTR,
        .threePrimeUTR, .nonCodingTranscriptExon,
    ])

    /// `ENST00000269305.8:c.524G>A` → `c.524G>A`.
    static func withoutAccession(_ s: String) -> String {
        guard let r = s.range(of: ":c.") ?? s.range(of: ":n.") ?? s.range(of: ":p.") ?? s.range(of: ":g.") else { return s }
        return String(s[s.index(after: r.lowerBound)...])
    }

    /// VEP's percent-encoding of `,;=|` and space.
    static func decoded(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        return String(s).removingPercentEncoding ?? String(s)
    }
}
