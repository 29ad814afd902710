/// A SpliceAI prediction read against the ClinGen SVI Splicing Subgroup thresholds (Walker et al. 2023):
/// the highest of the four delta scores ≥ 0.2 supports a splicing impact (PP3), ≤ 0.1 supports none (BP4, BP7);
/// in between is no call.
public enum SpliceImpact: Sendable, Hashable {
    case impact
    case noImpact
    case indeterminate

    public static let impactThreshold = 0.2
    public static let noImpactThreshold = 0.1

    /// nil when there is no score (or it is not a number).
    public init?(spliceAIMaxDelta score: Double?) {
        guard let score, score.isFinite else { return nil }
        if score >= Self.impactThreshold {
            self = .impact
        } else if score <= Self.noImpactThreshold {
            self = .noImpact
        } else {
            self = .indeterminate
        }
    }

    static func describe(_ score: Double) -> String {
        "SpliceAI max Δ \(ScoreInterval.text(score))"
    }
}
