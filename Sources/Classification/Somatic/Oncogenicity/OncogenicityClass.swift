/// Oncogenicity classes and the points table (Horak et al. 2022, Genet Med 24:986, Table 3):
/// Oncogenic ≥ 10; Likely oncogenic 6–9; VUS 0–5; Likely benign −1 to −6; Benign ≤ −7.
public enum OncogenicityClass: String, Sendable, Codable, Hashable, CaseIterable {
    case oncogenic = "Oncogenic"
    case likelyOncogenic = "Likely_oncogenic"
    case uncertainSignificance = "Uncertain_significance"
    case likelyBenign = "Likely_benign"
    case benign = "Benign"

    /// The class for a points total.
    public init(points: Int) {
        switch points {
        case 10...: self = .oncogenic
        case 6...9: self = .likelyOncogenic
        case 0...5: self = .uncertainSignificance
        case -6 ... -1: self = .likelyBenign
        default: self = .benign
        }
    }

    /// The `CSL_ONCOGENICITY` value (also `rawValue`).
    public var code: String { rawValue }
}
