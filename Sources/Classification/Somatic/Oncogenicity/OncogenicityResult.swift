/// One oncogenicity criterion evaluated for one variant.
public struct OncogenicityCriterionResult: Sendable, Codable, Hashable {
    public var criterion: OncogenicityCriterion
    /// The code as printed under the result's label map (`OM3` …).
    public var code: String
    public var status: CriterionStatus
    /// Points counted: the criterion's points when met and counted, else 0.
    public var points: Int
    /// The fact that decided, or why the criterion was not counted (e.g. excluded by OS1).
    public var fact: String?
    public var source: String?
    public var origin: EvidenceOrigin

    public init(criterion: OncogenicityCriterion, code: String, status: CriterionStatus, points: Int, fact: String?,
                source: String?, origin: EvidenceOrigin) {
        self.criterion = criterion
        self.code = code
        self.status = status
        self.points = points
        self.fact = fact
        self.source = source
        self.origin = origin
    }
}

/// The ClinGen/CGC/VICC 2022 oncogenicity call: class, points and every criterion with its status.
public struct OncogenicityResult: Sendable, Codable, Hashable {
    public var oncogenicityClass: OncogenicityClass
    public var points: Int
    /// Computed results with curator calls applied (a curator call replaces the computed one), all 17 criteria.
    public var criteria: [OncogenicityCriterionResult]
    /// The engine's own results before curator calls, for reports that show both.
    public var computed: [OncogenicityCriterionResult]
    /// The label map the codes were printed with (see `OncogenicityLabelMap`).
    public var labelMap: OncogenicityLabelMap

    /// Met criteria codes joined by `&` (e.g. `OS3&OP4`), `.` when none.
    public var metCodes: String {
        let met = criteria.filter { $0.status == .met && $0.points != 0 }.map(\.code)
        return met.isEmpty ? "." : met.joined(separator: "&")
    }
}
