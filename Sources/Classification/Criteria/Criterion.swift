/// The 28 ACMG/AMP criteria (Richards et al. 2015, Genet Med 17:405, Tables 3 and 4).
public enum Criterion: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case PVS1
    case PS1, PS2, PS3, PS4
    case PM1, PM2, PM3, PM4, PM5, PM6
    case PP1, PP2, PP3, PP4, PP5
    case BA1
    case BS1, BS2, BS3, BS4
    case BP1, BP2, BP3, BP4, BP5, BP6, BP7

    public static func < (lhs: Criterion, rhs: Criterion) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { Criterion.allCases.firstIndex(of: self) ?? 0 }

    public var direction: Direction { rawValue.hasPrefix("P") ? .pathogenic : .benign }

    /// The strength the 2015 guideline gives the criterion: the strength of a code written without a suffix.
    public var defaultStrength: Strength {
        switch rawValue.prefix(2) {
        case "PV": return .veryStrong
        case "PS", "BS": return .strong
        case "PM": return .moderate
        case "BA": return .standAlone
        default: return .supporting
        }
    }

    /// PP5 and BP6 ("reputable source") were retired by ClinGen SVI (Biesecker & Harrison 2018, Genet Med
    /// 20:1687): ClinVar is context, never a criterion. The combiners do not count them.
    public var isRetired: Bool { self == .PP5 || self == .BP6 }

    /// Whether a curator applies it from case, family or functional data (issue 5, part 2) rather than the
    /// engine from the knowledge base and consequences (part 1).
    public var isCuratorCriterion: Bool {
        switch self {
        case .PS2, .PS3, .PS4, .PM3, .PM6, .PP1, .PP4, .BS3, .BS4, .BP2, .BP5: return true
        default: return false
        }
    }
}

/// Criteria key dictionaries by their code in JSON (`{"PM2": …}`), not as key/value arrays.
extension Criterion: CodingKeyRepresentable {}
