/// The five ACMG/AMP classes (Richards et al. 2015).
public enum ACMGClass: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case pathogenic = "Pathogenic"
    case likelyPathogenic = "Likely Pathogenic"
    case uncertainSignificance = "Uncertain Significance"
    case likelyBenign = "Likely Benign"
    case benign = "Benign"

    /// Ordered from pathogenic to benign.
    public static func < (lhs: ACMGClass, rhs: ACMGClass) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int { ACMGClass.allCases.firstIndex(of: self) ?? 0 }

    /// P, LP, VUS, LB, B.
    public var abbreviation: String {
        switch self {
        case .pathogenic: return "P"
        case .likelyPathogenic: return "LP"
        case .uncertainSignificance: return "VUS"
        case .likelyBenign: return "LB"
        case .benign: return "B"
        }
    }

    /// Reads the eRepo `Assertion` column, ClinVar-style labels and the abbreviations, case-insensitively.
    public init?(label: some StringProtocol) {
        var key = ""
        for ch in label.lowercased() where ch.isLetter { key.append(ch) }
        switch key {
        case "pathogenic", "p": self = .pathogenic
        case "likelypathogenic", "lp": self = .likelyPathogenic
        case "uncertainsignificance", "vus", "us", "uncertain", "variantofuncertainsignificance": self = .uncertainSignificance
        case "likelybenign", "lb": self = .likelyBenign
        case "benign", "b": self = .benign
        default: return nil
        }
    }
}
