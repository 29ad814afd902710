/// Class boundaries on the Tavtigian 2020 point scale.
///
/// Tavtigian et al. 2020 (Hum Mutat 41:1734, Table 3, https://pmc.ncbi.nlm.nih.gov/articles/PMC8011844/table/T3):
/// Pathogenic ≥ 10, Likely Pathogenic 6–9, Uncertain 0–5, Likely Benign −1 to −6, Benign ≤ −7.
public struct PointThresholds: Sendable, Hashable, Codable {
    /// Lowest total that is Pathogenic.
    public var pathogenic: Int
    /// Lowest total that is Likely Pathogenic.
    public var likelyPathogenic: Int
    /// Highest total that is Likely Benign (−1 in Tavtigian 2020; −2 where −1 is read as uncertain).
    public var likelyBenign: Int
    /// Highest total that is Benign.
    public var benign: Int

    public init(pathogenic: Int = 10, likelyPathogenic: Int = 6, likelyBenign: Int = -1, benign: Int = -7) {
        self.pathogenic = pathogenic
        self.likelyPathogenic = likelyPathogenic
        self.likelyBenign = likelyBenign
        self.benign = benign
    }

    /// Tavtigian 2020 Table 3 as published.
    public static let tavtigian2020 = PointThresholds()

    public func classify(_ points: Int) -> ACMGClass {
        if points >= pathogenic { return .pathogenic }
        if points >= likelyPathogenic { return .likelyPathogenic }
        if points <= benign { return .benign }
        if points <= likelyBenign { return .likelyBenign }
        return .uncertainSignificance
    }

    /// The band in words, e.g. "6…9".
    public func band(of c: ACMGClass) -> String {
        switch c {
        case .pathogenic: return "≥ \(pathogenic)"
        case .likelyPathogenic: return "\(likelyPathogenic)…\(pathogenic - 1)"
        case .uncertainSignificance: return "\(likelyBenign + 1)…\(likelyPathogenic - 1)"
        case .likelyBenign: return "\(likelyBenign)…\(benign + 1)"
        case .benign: return "≤ \(benign)"
        }
    }
}

/// Tavtigian et al. 2020 point sum: Supporting 1, Moderate 2, Strong 4, Very Strong 8; benign evidence negative.
/// BA1 counts −8 here; the profiles end the classification at BA1 before points are read.
public enum PointsCombiner {
    public static func points(_ criteria: [AppliedCriterion]) -> Int {
        criteria.reduce(0) { $0 + ($1.criterion.isRetired ? 0 : $1.points) }
    }
}
