/// A named, versioned way of deciding the final class from applied criteria.
///
/// Both framework results (2015 Table 5 and Tavtigian points) are always computed and reported; the profile
/// only decides which one is final and how the boundaries are drawn. A profile with `usesSpecifications`
/// lets a VCEP specification chosen by gene or expert panel change the combining rule and the boundaries.
public struct ClassificationProfile: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var version: String
    public var title: String
    public var combining: CombiningRule
    public var table5: Table5Combiner
    public var thresholds: PointThresholds
    /// BA1 ends the classification as Benign unless the variant is on the exception list (Ghosh et al. 2018).
    public var ba1EndsClassification: Bool
    /// A lone PM2 does not make the evidence conflicting: rarity is the absence of a benign line (frequency)
    /// rather than a pathogenic finding, and the ClinGen DICER1 VCEP writes the same rule into its point scale
    /// (Table 4: −1 is Likely Benign when PM2_Supporting is the only pathogenic code). This holds for PM2 at the
    /// strength a panel wrote it: a bare `PM2` from a specification older than the ClinGen SVI PM2 recommendation
    /// (v1.0, 2020) is Moderate, the same observation that recommendation calibrates as Supporting. (The name
    /// is kept for the profiles' JSON form.)
    public var lonePM2SupportingIsNotConflict: Bool
    /// The strength at which the engine applies PM2 when it computes it (ClinGen SVI PM2 recommendation v1.0,
    /// 2020: Supporting). Codes given by a curator keep the strength written.
    public var pm2Strength: Strength
    public var usesSpecifications: Bool
    public var citations: [Citation]

    public var versionedID: String { "\(id)@\(version)" }

    public init(id: String, version: String, title: String, combining: CombiningRule, table5: Table5Combiner,
                thresholds: PointThresholds, ba1EndsClassification: Bool, lonePM2SupportingIsNotConflict: Bool,
                pm2Strength: Strength, usesSpecifications: Bool, citations: [Citation]) {
        self.id = id
        self.version = version
        self.title = title
        self.combining = combining
        self.table5 = table5
        self.thresholds = thresholds
        self.ba1EndsClassification = ba1EndsClassification
        self.lonePM2SupportingIsNotConflict = lonePM2SupportingIsNotConflict
        self.pm2Strength = pm2Strength
        self.usesSpecifications = usesSpecifications
        self.citations = citations
    }
}

extension ClassificationProfile {
    static let richards = Citation("Richards et al. 2015, Genet Med 17:405, Table 5",
                                   url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC4544753/table/T5")
    static let tavtigian2018 = Citation("Tavtigian et al. 2018, Genet Med 20:1054 (Bayesian framework)")
    static let tavtigian2020 = Citation("Tavtigian et al. 2020, Hum Mutat 41:1734, Table 3",
                                        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC8011844/table/T3")
    static let ghosh2018 = Citation("Ghosh et al. 2018, Hum Mutat 39:1525 (BA1 and its exception list)",
                                    url: "https://www.clinicalgenome.org/docs/updated-recommendation-for-the-benign-stand-alone-acmg-amp-criterion/")
    static let sviPM2 = Citation("ClinGen SVI Recommendation for Absence/Rarity (PM2), v1.0, 2020: PM2 at Supporting; PVS1 + PM2_Supporting reaches Likely Pathogenic",
                                 verify: true)
    static let dicer1 = Citation("ClinGen DICER1 VCEP specifications, Hum Mutat 2023:9537832, Table 4 (points; −1 uncertain with caveat)",
                                 url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC10713350/table/T4")

    /// The default: ClinGen SVI behaviour as of 2024.
    ///
    /// Precedence (`ACMGCombiner.combine`): (1) BA1 not on the exception list → Benign; (2) evidence in one
    /// direction only (a lone PM2, at Supporting or written bare as in pre-2020 specifications, does not count as the other
    /// direction; version 1 let a bare PM2 conflict with benign codes) → the 2015 Table 5 class with
    /// the Tavtigian 2018 additions where a row is met; (3) otherwise, when the table is silent or the evidence
    /// conflicts → Tavtigian 2020 points, with a total of −1 read as Uncertain: one supporting benign line is not
    /// enough for Likely Benign in the 2015 table (Likely benign (ii) needs two) nor on the DICER1 VCEP scale.
    public static let clingenSVI2024 = ClassificationProfile(
        id: "clingen-svi-2024", version: "2",
        title: "ClinGen SVI: BA1 stand-alone, 2015 Table 5 where it reaches a class, points where it is silent or evidence conflicts",
        combining: .sviHybrid, table5: Table5Combiner(bayesianAdditions: true),
        thresholds: PointThresholds(pathogenic: 10, likelyPathogenic: 6, likelyBenign: -2, benign: -7),
        ba1EndsClassification: true, lonePM2SupportingIsNotConflict: true, pm2Strength: .supporting,
        usesSpecifications: true,
        citations: [richards, tavtigian2018, tavtigian2020, ghosh2018, sviPM2, dicer1,
                    Citation("Tavtigian 2020 notes that a case can be made for Likely Benign to need ≤ −2 (as quoted in the project's classification-rules reference)", verify: true)])

    /// Richards 2015 Table 5 exactly as printed.
    public static let acmg2015 = ClassificationProfile(
        id: "acmg-2015", version: "1", title: "ACMG/AMP 2015 Table 5 as printed",
        combining: .table5, table5: Table5Combiner(bayesianAdditions: false), thresholds: .tavtigian2020,
        ba1EndsClassification: true, lonePM2SupportingIsNotConflict: false, pm2Strength: .moderate,
        usesSpecifications: false, citations: [richards])

    /// Richards 2015 Table 5 with the two Bayesian additions (1 Very Strong + ≥1 Supporting → LP; ≥2 Very Strong → P).
    public static let acmg2015Bayesian = ClassificationProfile(
        id: "acmg-2015-bayesian", version: "1", title: "ACMG/AMP 2015 Table 5 with the Tavtigian 2018 / SVI additions",
        combining: .table5, table5: Table5Combiner(bayesianAdditions: true), thresholds: .tavtigian2020,
        ba1EndsClassification: true, lonePM2SupportingIsNotConflict: false, pm2Strength: .supporting,
        usesSpecifications: false, citations: [richards, tavtigian2018, sviPM2])

    /// Tavtigian 2020 points only, BA1 counted as −8.
    public static let tavtigian2020Points = ClassificationProfile(
        id: "tavtigian-2020", version: "1", title: "Tavtigian 2020 points only (BA1 = −8)",
        combining: .points, table5: Table5Combiner(bayesianAdditions: true), thresholds: .tavtigian2020,
        ba1EndsClassification: false, lonePM2SupportingIsNotConflict: false, pm2Strength: .supporting,
        usesSpecifications: false, citations: [tavtigian2020])

    public static let builtIn: [ClassificationProfile] = [clingenSVI2024, acmg2015, acmg2015Bayesian, tavtigian2020Points]
    public static let `default` = clingenSVI2024

    /// Finds a built-in profile by id, with or without `@version`.
    public static func named(_ name: String) -> ClassificationProfile? {
        let key = name.lowercased()
        return builtIn.first { $0.id == key || $0.versionedID == key }
    }
}
