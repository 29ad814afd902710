/// One variant's germline classification with all its evidence: the structured value the annotator writes to
/// `CSL_ACMG*` and the report (issue 6) renders.
///
/// Every criterion the engine considered appears once in `criteria`, with the computed result and the final
/// one (the curator's where there is one). Both combinations are kept: `computed` (engine only) and `final`
/// (after the curator), each with the 2015 Table 5 reading, the Tavtigian 2020 points and the deciding rule.
public struct GermlineClassification: Sendable, Hashable, Codable {
    /// One criterion: what the engine computed and what holds after the curator.
    public struct CriterionOutcome: Sendable, Hashable, Codable {
        public var criterion: Criterion
        /// Nil for a criterion only a curator gave.
        public var computed: CriterionResult?
        public var final: CriterionResult
        public var isOverridden: Bool { computed != final && final.origin != .computed }
    }

    public var variant: VariantName?
    public var gene: String?
    /// `clingen-svi-2024@2`.
    public var profile: String
    /// The VCEP specification chosen by gene or panel (`GN005@2`), nil when none.
    public var specification: String?
    public var criteria: [CriterionOutcome]
    /// The combination of the computed criteria alone.
    public var computed: CombinationResult
    /// The combination after the curator's decisions: the class reported.
    public var final: CombinationResult
    public var clinvar: ClinVarContext?
    public var priorCuration: PriorCuration?

    /// The final class.
    public var acmgClass: ACMGClass { final.acmgClass }
    /// Tavtigian 2020 points of the final criteria.
    public var points: Int { final.points }
    /// The met final criteria, in criterion order.
    public var metCriteria: [AppliedCriterion] { criteria.compactMap { $0.final.applied }.sorted() }

    /// `PVS1&PM2_Supporting` (`CSL_ACMG_CRITERIA`): met final criteria joined by `&`, a strength suffix when
    /// not the 2015 default, words joined by `_` (`PM3_Very_Strong`); `.` when none.
    public var criteriaField: String {
        let codes = metCriteria.map { $0.code.replacingSpaces() }
        return codes.isEmpty ? "." : codes.joined(separator: "&")
    }

    /// `clingen-svi-2024@2:PVS1+PM2_Supporting->LP(table5 points 9)` (`CSL_ACMG_RULE`): the profile or
    /// specification, the counted criteria, the class and what decided (`(points 7)` when the points decided; no
    /// comma: the field is Number=A).
    public var ruleField: String {
        let who = final.specification ?? final.profile
        let counted = final.counted.map { $0.code.replacingSpaces() }.joined(separator: "+")
        let how = final.decidedBy == .points ? "points \(final.points)" : "\(final.decidedBy.rawValue) points \(final.points)"
        return "\(who):\(counted.isEmpty ? "none" : counted)->\(final.acmgClass.abbreviation)(\(how))"
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "_" : $0 }) }
}
