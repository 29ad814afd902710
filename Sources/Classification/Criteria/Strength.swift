/// The strength at which a criterion is applied.
///
/// The 2015 guideline fixes one strength per criterion; ClinGen SVI's nomenclature (2017) lets a criterion be
/// applied at another strength with a suffix (`PM2_Supporting`, `PS3_Moderate`, `PM3_Very Strong`). The raw
/// values are Tavtigian et al. 2020 (Hum Mutat 41:1734) points: Supporting 1, Moderate 2, Strong 4, Very Strong 8.
public enum Strength: Int, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case supporting = 1
    case moderate = 2
    case strong = 4
    case veryStrong = 8
    /// BA1 only (Richards 2015 Table 4). Not a point value: the profiles short-circuit it (see `ClassificationProfile`).
    case standAlone = 16

    public static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The magnitude of the points (Tavtigian 2020 Table 2). Stand-alone evidence counts as Very Strong (8) where a
    /// profile adds points for it instead of ending the classification.
    public var points: Int { self == .standAlone ? 8 : rawValue }

    /// The spelling used by ClinGen (eRepo, CSpec): "Supporting", "Moderate", "Strong", "Very Strong", "Stand Alone".
    public var label: String {
        switch self {
        case .supporting: return "Supporting"
        case .moderate: return "Moderate"
        case .strong: return "Strong"
        case .veryStrong: return "Very Strong"
        case .standAlone: return "Stand Alone"
        }
    }

    /// Reads a strength suffix as curators and the ClinGen Evidence Repository write it: case-insensitive, with a
    /// space, an underscore, a hyphen or nothing between words ("Very Strong", "very_strong", "VeryStrong"),
    /// and the short forms VS/S/M/P.
    public init?(suffix: some StringProtocol) {
        var key = ""
        for ch in suffix.lowercased() where ch != " " && ch != "_" && ch != "-" { key.append(ch) }
        switch key {
        case "supporting", "sup", "p": self = .supporting
        case "moderate", "mod", "m": self = .moderate
        case "strong", "str", "s": self = .strong
        case "verystrong", "vs": self = .veryStrong
        case "standalone", "sa", "a": self = .standAlone
        default: return nil
        }
    }
}
