/// AMP/ASCO/CAP 2017 tiers (Li et al. 2017, J Mol Diagn 19:4, Figure 2 and Table 3).
public enum AMPTier: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// Strong clinical significance (level A or B).
    case I
    /// Potential clinical significance (level C or D).
    case II
    /// Unknown clinical significance.
    case III
    /// Benign or likely benign.
    case IV

    /// Tier I is the strongest.
    private var rank: Int {
        switch self {
        case .I: return 1
        case .II: return 2
        case .III: return 3
        case .IV: return 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// AMP/ASCO/CAP 2017 levels of evidence (Li 2017, Table 3). A is the strongest.
public enum AMPLevel: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// FDA-approved therapy or professional guideline, this tumor type.
    case A
    /// Well-powered studies with consensus, this tumor type.
    case B
    /// Approved therapy in another tumor type, inclusion criterion for trials, or multiple small studies.
    case C
    /// Preclinical studies or a few case reports.
    case D

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The tier the level belongs to: A/B → I, C/D → II.
    public var tier: AMPTier { self <= .B ? .I : .II }
}

/// A tier with its level: `IA`, `IB`, `IIC`, `IID`, `III`, `IV` (the `CSL_AMP_TIER` values).
public struct AMPCategory: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var tier: AMPTier
    /// Nil for tiers III and IV.
    public var level: AMPLevel?

    public init(level: AMPLevel) {
        tier = level.tier
        self.level = level
    }

    public init(tier: AMPTier) {
        self.tier = tier
        level = nil
    }

    /// `IA` … `IV`.
    public var code: String { tier.rawValue + (level?.rawValue ?? "") }
    public var description: String { code }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
        switch (lhs.level, rhs.level) {
        case let (l?, r?): return l < r
        case (.some, nil): return true
        default: return false
        }
    }
}
