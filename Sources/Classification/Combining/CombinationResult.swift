/// What decided the final class.
public enum DecidingRule: String, Sendable, Hashable, Codable {
    /// BA1 stand-alone.
    case ba1
    /// A 2015 Table 5 row (or one of its Bayesian additions).
    case table5
    /// The Tavtigian point total.
    case points
    /// A specification's override of the point band (DICER1: −1 with only PM2_Supporting → Likely Benign).
    case specificationOverride = "specification-override"
}

/// A criterion given but not counted, and why.
public struct IgnoredCriterion: Sendable, Hashable, Codable {
    public var criterion: AppliedCriterion
    public var reason: String
}

/// The classification of one set of applied criteria, with both framework results and the rule that decided.
public struct CombinationResult: Sendable, Hashable, Codable {
    /// The final class under the profile (and specification, if one applied).
    public var acmgClass: ACMGClass
    /// Tavtigian 2020 point total of the counted criteria (BA1 = −8).
    public var points: Int
    /// The class the points alone give (Tavtigian 2020 Table 3 boundaries).
    public var pointsClass: ACMGClass
    /// The 2015 Table 5 reading of the counted criteria.
    public var table5: Table5Outcome
    public var decidedBy: DecidingRule
    /// The deciding rule in words, e.g. "2015 Table 5: Pathogenic (ii) ≥2 Strong" or "points 7 → Likely Pathogenic".
    public var rule: String
    public var profile: String
    public var specification: String?
    public var counted: [AppliedCriterion]
    public var ignored: [IgnoredCriterion]
}
