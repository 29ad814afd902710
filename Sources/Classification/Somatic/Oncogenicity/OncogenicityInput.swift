/// The facts the oncogenicity SOP needs for one variant, as plain values. Nil means "not known": the criteria
/// that need it are reported as not evaluated, with the reason.
public struct OncogenicityInput: Sendable, Codable, Hashable {
    /// The gene's role in cancer.
    public enum GeneRole: String, Sendable, Codable, Hashable {
        case oncogene, tumorSuppressor, both
    }

    /// The variant's effect on the protein, as far as the SOP distinguishes it.
    public enum VariantClass: String, Sendable, Codable, Hashable {
        /// Nonsense, frameshift, canonical ±1/2 splice site, initiation codon, single- or multi-exon deletion.
        case null
        case inFrameIndel
        case stopLoss
        case missense
        case synonymous
        /// Intronic, UTR, non-coding and the rest.
        case other
    }

    /// A cancer-hotspot lookup at the variant's residue.
    public enum Hotspot: Sendable, Codable, Hashable {
        /// No hotspot table was given.
        case notLooked
        /// The table cannot answer for this variant (e.g. not a missense change: the table counts amino acids).
        case notApplicable(reason: String)
        /// The residue is not a hotspot in the table.
        case notHotspot(source: String)
        /// Samples with a mutation at the residue, samples with this amino-acid change.
        case hotspot(residue: String, residueSamples: Int, changeSamples: Int, source: String)
    }

    /// What the computational predictors say (once, however many were used).
    public enum Computational: String, Sendable, Codable, Hashable {
        case oncogenic, benign, mixed
    }

    public var gene: String?
    public var geneRole: GeneRole?
    public var variantClass: VariantClass?
    /// HGVS-style protein change with one-letter codes (`V600E`), for the evidence text.
    public var proteinChange: String?
    public var hotspot: Hotspot
    /// Highest allele frequency in any continental population of the population sources, when a source covers the site.
    public var populationMaxAF: Double?
    /// Whether any population source holds the allele: false = absent from controls; nil = no population source.
    public var presentInControls: Bool?
    /// The population source(s), e.g. `gnomad_exomes v4.1`.
    public var populationSource: String?
    public var computational: Computational?
    /// The facts behind `computational` (e.g. `REVEL 0.93 ≥ 0.644`).
    public var computationalFact: String?
    /// Source ids of established oncogenic variants with this same amino-acid change (OS1); nil = not looked up.
    public var establishedOncogenicSameChange: [String]?
    /// Curator calls for criteria the engine cannot compute (OS2, OM1, OM4, OP2, SBS2, SBP2) or overrides.
    public var curated: [OncogenicityCuratorCall]

    public init(gene: String? = nil, geneRole: GeneRole? = nil, variantClass: VariantClass? = nil, proteinChange: String? = nil,
                hotspot: Hotspot = .notLooked, populationMaxAF: Double? = nil, presentInControls: Bool? = nil,
                populationSource: String? = nil, computational: Computational? = nil, computationalFact: String? = nil,
                establishedOncogenicSameChange: [String]? = nil, curated: [OncogenicityCuratorCall] = []) {
        self.gene = gene
        self.geneRole = geneRole
        self.variantClass = variantClass
        self.proteinChange = proteinChange
        self.hotspot = hotspot
        self.populationMaxAF = populationMaxAF
        self.presentInControls = presentInControls
        self.populationSource = populationSource
        self.computational = computational
        self.computationalFact = computationalFact
        self.establishedOncogenicSameChange = establishedOncogenicSameChange
        self.curated = curated
    }
}

/// A curator's decision on one oncogenicity criterion, kept next to the computed result.
public struct OncogenicityCuratorCall: Sendable, Codable, Hashable {
    public var criterion: OncogenicityCriterion
    public var met: Bool
    public var curator: String
    public var date: String?
    public var justification: String

    public init(criterion: OncogenicityCriterion, met: Bool, curator: String, date: String? = nil, justification: String) {
        self.criterion = criterion
        self.met = met
        self.curator = curator
        self.date = date
        self.justification = justification
    }
}
