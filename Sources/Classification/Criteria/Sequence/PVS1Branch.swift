/// A leaf of the PVS1 decision tree (Abou Tayoun et al. 2018, Figure 1), with the strength it gives.
public enum PVS1Branch: Sendable, Hashable, CustomStringConvertible {
    /// Which column of the figure a truncating variant takes.
    public enum Route: String, Sendable, Hashable {
        case nonsenseFrameshift = "nonsense/frameshift"
        case spliceSite = "canonical ±1/2 splice site"
        case exonDeletion = "single/multi-exon deletion"
    }

    /// The first question under each column: NMD predicted, frame disrupted without NMD (for nonsense and
    /// frameshift: "not predicted to undergo NMD"), or frame preserved (splice and deletion only).
    public enum Product: String, Sendable, Hashable {
        case nmd = "disrupts reading frame, NMD predicted"
        case noNMD = "not predicted to undergo NMD"
        case inFrame = "preserves reading frame"
    }

    /// The leaves below the first question.
    public enum Leaf: String, Sendable, Hashable {
        /// NMD: exon present in biologically relevant transcript(s) → PVS1.
        case exonRelevant = "exon present in biologically relevant transcript(s)"
        /// NMD: exon absent from biologically relevant transcript(s) → N/A.
        case exonNotRelevant = "exon absent from biologically relevant transcript(s)"
        /// Truncated/altered region critical to protein function → PVS1_Strong.
        case criticalRegion = "truncated/altered region critical to protein function"
        /// Role unknown; LoF frequent in the population or exon absent from relevant transcripts → N/A.
        case frequentOrNotRelevant = "role of region unknown; LoF variants in this exon frequent in the population and/or exon absent from relevant transcript(s)"
        /// Role unknown; removes > 10 % of the protein → PVS1_Strong.
        case over10Percent = "role of region unknown; removes >10% of protein"
        /// Role unknown; removes ≤ 10 % of the protein → PVS1_Moderate.
        case atMost10Percent = "role of region unknown; removes ≤10% of protein"
    }

    public enum Duplication: String, Sendable, Hashable {
        case provenTandemFrameshiftNMD = "proven in tandem; reading frame disrupted and NMD predicted"
        case presumedTandemFrameshiftNMD = "presumed in tandem; reading frame presumed disrupted and NMD predicted"
        case noOrUnknownImpact = "in tandem; no or unknown impact on reading frame and NMD"
        case provenNotInTandem = "proven not in tandem"
    }

    public enum InitiationCodon: String, Sendable, Hashable {
        case alternativeStart = "different functional transcript uses an alternative start codon"
        case pathogenicUpstream = "no known alternative start; ≥1 pathogenic variant upstream of the closest in-frame start codon"
        case noPathogenicUpstream = "no known alternative start; no pathogenic variant upstream of the closest in-frame start codon"
    }

    case truncating(Route, Product, Leaf)
    case fullGeneDeletion
    case duplication(Duplication)
    case initiationCodon(InitiationCodon)

    /// The strength the leaf gives; nil for N/A (PVS1 not applicable).
    public var strength: Strength? {
        switch self {
        case .fullGeneDeletion: return .veryStrong
        case .truncating(_, _, let leaf):
            switch leaf {
            case .exonRelevant: return .veryStrong
            case .exonNotRelevant, .frequentOrNotRelevant: return nil
            case .criticalRegion, .over10Percent: return .strong
            case .atMost10Percent: return .moderate
            }
        case .duplication(let d):
            switch d {
            case .provenTandemFrameshiftNMD: return .veryStrong
            case .presumedTandemFrameshiftNMD: return .strong
            case .noOrUnknownImpact, .provenNotInTandem: return nil
            }
        case .initiationCodon(let i):
            switch i {
            case .alternativeStart: return nil
            case .pathogenicUpstream: return .moderate
            case .noPathogenicUpstream: return .supporting
            }
        }
    }

    /// The path through the figure, e.g. "nonsense/frameshift → not predicted to undergo NMD → … → PVS1_Strong".
    public var description: String {
        let steps: [String]
        switch self {
        case .fullGeneDeletion: steps = ["deletion", "full gene deletion"]
        case .truncating(let route, let product, let leaf): steps = [route.rawValue, product.rawValue, leaf.rawValue]
        case .duplication(let d): steps = ["duplication (≥1 exon, within the gene)", d.rawValue]
        case .initiationCodon(let i): steps = ["initiation codon", i.rawValue]
        }
        let outcome = strength.map { $0 == .veryStrong ? "PVS1" : "PVS1_\($0.label)" } ?? "N/A"
        return (steps + [outcome]).joined(separator: " → ")
    }
}
