/// Everything the germline classifier reads about one variant, as plain values. The annotator builds it from
/// the knowledge base and the consequences; a case file or a test may build it by hand.
public struct GermlineFacts: Sendable, Hashable, Codable {
    /// Gene and HGVS names (for the BA1 exception list and the report).
    public var variant: VariantName?
    /// HGNC symbol of the report transcript's gene; chooses the VCEP specification.
    public var gene: String?
    /// The expert panel, when known (a curation or a case names it); chosen before the gene.
    public var expertPanel: String?
    /// Every frequency source consulted, with or without a record of the allele.
    public var frequencies: [PopulationFrequency]
    /// ClinVar's record: shown as context, never a criterion (PP5/BP6 are retired).
    public var clinvar: ClinVarContext?
    public var geneParameters: GeneParameters?
    /// The change on the report transcript; nil for non-coding variants.
    public var proteinChange: ProteinChange?
    /// Whether the variant may act through splicing (canonical site, splice region, SpliceAI ≥ 0.2); nil unknown.
    public var mayAffectSplicing: Bool?
    /// Established P/LP variants in the gene (ClinVar ≥ 2 stars, curations); PS1/PM5 pick those at the residue.
    public var knownPathogenic: [KnownPathogenicVariant]
    public var hotspots: [MutationalHotspot]
    public var domains: [FunctionalDomain]
    /// Results of the sequence criteria (PVS1, PM4, PP3/BP4, BP3, BP7 …) computed elsewhere (CRIT-SEQ).
    public var sequenceResults: [CriterionResult]
    /// Curator decisions (curation file or case file): new criteria and changes to computed ones.
    public var curatorEntries: [CuratorEntry]
    /// A prior classification of the variant by the institution's panel, shown as context.
    public var priorCuration: PriorCuration?

    public init(variant: VariantName? = nil, gene: String? = nil, expertPanel: String? = nil,
                frequencies: [PopulationFrequency] = [], clinvar: ClinVarContext? = nil,
                geneParameters: GeneParameters? = nil, proteinChange: ProteinChange? = nil,
                mayAffectSplicing: Bool? = nil, knownPathogenic: [KnownPathogenicVariant] = [],
                hotspots: [MutationalHotspot] = [], domains: [FunctionalDomain] = [],
                sequenceResults: [CriterionResult] = [], curatorEntries: [CuratorEntry] = [],
                priorCuration: PriorCuration? = nil) {
        self.variant = variant
        self.gene = gene
        self.expertPanel = expertPanel
        self.frequencies = frequencies
        self.clinvar = clinvar
        self.geneParameters = geneParameters
        self.proteinChange = proteinChange
        self.mayAffectSplicing = mayAffectSplicing
        self.knownPathogenic = knownPathogenic
        self.hotspots = hotspots
        self.domains = domains
        self.sequenceResults = sequenceResults
        self.curatorEntries = curatorEntries
        self.priorCuration = priorCuration
    }
}

/// ClinVar's record of the variant, shown next to the classification (Biesecker & Harrison 2018: a reputable
/// source's assertion is not evidence; PP5 and BP6 are retired).
public struct ClinVarContext: Sendable, Hashable, Codable {
    public var id: String?
    public var significance: String?
    public var reviewStatus: String?
    public var stars: Int?
    public var version: String?

    public init(id: String? = nil, significance: String? = nil, reviewStatus: String? = nil, stars: Int? = nil, version: String? = nil) {
        self.id = id
        self.significance = significance
        self.reviewStatus = reviewStatus
        self.stars = stars
        self.version = version
    }
}

/// The institution's earlier classification of the same allele (curation file), as context.
public struct PriorCuration: Sendable, Hashable, Codable {
    public var acmgClass: String
    public var criteria: [AppliedCriterion]
    public var date: String
    public var curator: String
    public var note: String?

    public init(acmgClass: String, criteria: [AppliedCriterion], date: String, curator: String, note: String? = nil) {
        self.acmgClass = acmgClass
        self.criteria = criteria
        self.date = date
        self.curator = curator
        self.note = note
    }
}

/// Per-gene classification parameters (the gene table's row, converted by the annotator).
public struct GeneParameters: Sendable, Hashable, Codable {
    public var symbol: String
    /// `AD`, `AR`, `XL`, `XLD`, `XLR`, `MT`, `SD`.
    public var inheritance: [String]
    public var lofMechanism: Bool?
    public var ba1: ResolvedThreshold?
    public var bs1: ResolvedThreshold?
    public var pm2: ResolvedThreshold?
    public var prevalence: Double?
    public var allelicContribution: Double?
    public var geneticContribution: Double?
    public var penetrance: Double?
    public var pp2: Bool?
    public var bp1: Bool?
    /// Where the row comes from (file and line), for evidence texts.
    public var origin: String

    public init(symbol: String, inheritance: [String] = [], lofMechanism: Bool? = nil, ba1: ResolvedThreshold? = nil,
                bs1: ResolvedThreshold? = nil, pm2: ResolvedThreshold? = nil, prevalence: Double? = nil,
                allelicContribution: Double? = nil, geneticContribution: Double? = nil, penetrance: Double? = nil,
                pp2: Bool? = nil, bp1: Bool? = nil, origin: String = "gene table") {
        self.symbol = symbol
        self.inheritance = inheritance
        self.lofMechanism = lofMechanism
        self.ba1 = ba1
        self.bs1 = bs1
        self.pm2 = pm2
        self.prevalence = prevalence
        self.allelicContribution = allelicContribution
        self.geneticContribution = geneticContribution
        self.penetrance = penetrance
        self.pp2 = pp2
        self.bp1 = bp1
        self.origin = origin
    }

    /// One mode of inheritance for BS1/BS2; mixed when the gene has dominant and recessive disorders.
    public var mode: BS2Rule.Inheritance {
        let set = Set(inheritance.map { $0.uppercased() })
        if set.isEmpty { return .unknown }
        let dominant = !set.isDisjoint(with: ["AD", "SD"]), recessive = set.contains("AR")
        let x = !set.isDisjoint(with: ["XL", "XLD", "XLR"])
        if (dominant ? 1 : 0) + (recessive ? 1 : 0) + (x ? 1 : 0) > 1 { return .mixed }
        if dominant { return .dominant }
        if recessive { return .recessive }
        if x { return .xLinked }
        return .unknown
    }

    /// The Whiffin 2017 inputs, when all four are given and the gene has one AD or AR mode.
    public var whiffin: WhiffinParameters? {
        guard let prevalence, let allelicContribution, let geneticContribution, let penetrance else { return nil }
        let inheritance: WhiffinParameters.Inheritance
        switch mode {
        case .dominant: inheritance = .dominant
        case .recessive: inheritance = .recessive
        default: return nil
        }
        return WhiffinParameters(inheritance: inheritance, prevalence: prevalence, allelicContribution: allelicContribution,
                                 geneticContribution: geneticContribution, penetrance: penetrance)
    }
}
