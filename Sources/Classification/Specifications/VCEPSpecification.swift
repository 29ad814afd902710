/// A ClinGen Variant Curation Expert Panel (VCEP) specification of the ACMG/AMP criteria, as data.
///
/// Encoded from the ClinGen Criteria Specification Registry (CSpec, https://cspec.genome.network) and the
/// panels' publications; each field carries its citation, and facts not checked against the primary document
/// are listed in `verify` (shown as **[verify]** in docs/classification.md). Only what changes the engine is
/// encoded: the combining rule, the point boundaries, strength changes, disabled criteria, frequency thresholds.
public struct VCEPSpecification: Sendable, Hashable, Codable, Identifiable {
    /// CSpec identifier when known (e.g. "GN009"), else a local one.
    public var id: String
    public var title: String
    public var version: String
    /// The panel's name as the ClinGen Evidence Repository writes it in `Expert Panel`, and other spellings.
    public var expertPanels: [String]
    /// HGNC symbols the specification covers.
    public var genes: [String]
    /// Replaces the profile's combining rule when set.
    public var combining: CombiningRule?
    /// Replaces the profile's point boundaries when set.
    public var thresholds: PointThresholds?
    /// DICER1 VCEP Table 4: a total of −1 is Likely Benign when PM2_Supporting is the only pathogenic code.
    public var minusOneIsLikelyBenignWithOnlyPM2Supporting: Bool
    /// Strengths at which the engine applies a criterion for these genes (used by automatic evaluation; codes
    /// written by a curator keep the strength written).
    public var strengthChanges: [Criterion: Strength]
    /// Criteria the panel does not use; the combiner ignores them and says so.
    public var disabledCriteria: [Criterion]
    /// Population-frequency thresholds (allele frequency, fraction of 1).
    public var frequency: FrequencyThresholds?
    /// Variants excepted from BA1 in addition to the general list.
    public var ba1Exceptions: [VariantName]
    public var citations: [Citation]
    /// Facts encoded here that were not checked against the primary document.
    public var verify: [String]
    public var notes: [String]

    public var versionedID: String { "\(id)@\(version)" }

    public init(id: String, title: String, version: String, expertPanels: [String], genes: [String],
                combining: CombiningRule? = nil, thresholds: PointThresholds? = nil,
                minusOneIsLikelyBenignWithOnlyPM2Supporting: Bool = false,
                strengthChanges: [Criterion: Strength] = [:], disabledCriteria: [Criterion] = [],
                frequency: FrequencyThresholds? = nil, ba1Exceptions: [VariantName] = [],
                citations: [Citation], verify: [String] = [], notes: [String] = []) {
        self.id = id
        self.title = title
        self.version = version
        self.expertPanels = expertPanels
        self.genes = genes
        self.combining = combining
        self.thresholds = thresholds
        self.minusOneIsLikelyBenignWithOnlyPM2Supporting = minusOneIsLikelyBenignWithOnlyPM2Supporting
        self.strengthChanges = strengthChanges
        self.disabledCriteria = disabledCriteria
        self.frequency = frequency
        self.ba1Exceptions = ba1Exceptions
        self.citations = citations
        self.verify = verify
        self.notes = notes
    }
}

/// Allele-frequency thresholds of a specification (grpmax / popmax as the panel defines it).
public struct FrequencyThresholds: Sendable, Hashable, Codable {
    /// BA1 applies above this frequency.
    public var ba1: Double?
    /// BS1 applies above this frequency.
    public var bs1: Double?
    /// PM2 (at the panel's strength) applies at or below this frequency.
    public var pm2: Double?

    public init(ba1: Double? = nil, bs1: Double? = nil, pm2: Double? = nil) {
        self.ba1 = ba1
        self.bs1 = bs1
        self.pm2 = pm2
    }
}

/// A variant named by gene and coding HGVS (`GJB2`, `c.109G>A`), as the BA1 exception lists name them.
public struct VariantName: Sendable, Hashable, Codable, CustomStringConvertible {
    public var gene: String
    public var cdna: String
    public var protein: String?

    public init(gene: String, cdna: String, protein: String? = nil) {
        self.gene = gene
        self.cdna = cdna
        self.protein = protein
    }

    public var description: String { "\(gene) \(cdna)" + (protein.map { " (\($0))" } ?? "") }

    /// Reads the gene and the c. change from names such as `NM_004004.6(GJB2):c.109G>A (p.Val37Ile)`
    /// or from a gene plus a `c.` string. Returns nil when no c. change is found.
    public init?(describing text: String, gene: String? = nil) {
        var symbol = gene
        if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")"),
           text[close...].dropFirst().hasPrefix(":c.") {
            symbol = String(text[text.index(after: open)..<close])
        }
        guard let start = text.range(of: "c.") else { return nil }
        let change = text[start.lowerBound...].prefix { $0 != " " && $0 != "," && $0 != ";" && $0 != "\t" }
        guard let symbol, change.count > 2 else { return nil }
        self.init(gene: symbol, cdna: String(change))
    }

    /// Same gene (case-insensitive) and same c. change.
    public func matches(_ other: VariantName) -> Bool {
        gene.uppercased() == other.gene.uppercased() && cdna == other.cdna
    }
}
