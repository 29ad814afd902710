/// The protein-level change of a variant on its report transcript, as plain values (from the consequence
/// predictor; the Classification target knows no gene models).
public struct ProteinChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case missense, synonymous, nonsense, frameshift, inframeIndel = "inframe_indel", startLoss = "start_loss", stopLoss = "stop_loss", other
    }
    public var gene: String
    public var transcript: String?
    public var kind: Kind
    /// 1-based residue (the first affected one).
    public var position: Int
    /// One-letter reference and alternate residues (`R`, `W`; `*` stop).
    public var ref: String
    public var alt: String
    /// The HGVS c. change (`c.1799T>A`), for evidence texts and exception lists.
    public var cdna: String?
    /// Genomic allele key (`chr17:43045712:G:A` style) to tell "same nucleotide change" apart.
    public var alleleKey: String?

    public init(gene: String, transcript: String? = nil, kind: Kind, position: Int, ref: String, alt: String,
                cdna: String? = nil, alleleKey: String? = nil) {
        self.gene = gene
        self.transcript = transcript
        self.kind = kind
        self.position = position
        self.ref = ref
        self.alt = alt
        self.cdna = cdna
        self.alleleKey = alleleKey
    }

    /// `p.R175H`-style short text.
    public var shortName: String { "p.\(ref)\(position)\(alt)" }
}

/// An established pathogenic or likely pathogenic variant, for PS1/PM5 (ClinVar at ≥ 2 stars, or curated).
public struct KnownPathogenicVariant: Sendable, Hashable, Codable {
    public var change: ProteinChange
    /// `P` or `LP` (or the ClinVar wording).
    public var significance: String
    /// `ClinVar` or `curation`.
    public var source: String
    /// ClinVar review stars, nil for curations.
    public var stars: Int?
    /// ClinVar variation id or the curation's reference.
    public var id: String?

    public init(change: ProteinChange, significance: String, source: String, stars: Int? = nil, id: String? = nil) {
        self.change = change
        self.significance = significance
        self.source = source
        self.stars = stars
        self.id = id
    }

    var label: String {
        var s = "\(change.shortName)"
        if let c = change.cdna { s += " (\(c))" }
        s += " \(significance) in \(source)"
        if let id { s += " \(id)" }
        if let stars { s += ", \(stars)★" }
        return s
    }
}
