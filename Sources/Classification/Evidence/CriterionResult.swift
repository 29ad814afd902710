/// Whether a criterion applies to a variant.
public enum CriterionStatus: Sendable, Hashable, Codable {
    case met
    case notMet
    /// The engine could not decide; the reason says what was missing (e.g. "no gnomAD coverage at this site").
    case notEvaluated(reason: String)
}

/// Who or what produced a criterion result.
public enum EvidenceOrigin: Sendable, Hashable, Codable {
    /// Computed by the engine from the knowledge base and consequences.
    case computed
    /// Given or changed by a curator (case or curation file).
    case curator(name: String, date: String?, justification: String)
}

/// One criterion evaluated for one variant: status, strength, the fact that fired it and its source.
public struct CriterionResult: Sendable, Hashable, Codable {
    public var criterion: Criterion
    public var status: CriterionStatus
    /// The strength when met (defaults to the criterion's 2015 strength).
    public var strength: Strength
    /// The fact that decided, in words (e.g. "gnomAD v4.1 grpmax AF 0 with AN 152,312").
    public var fact: String?
    /// The source of the fact (e.g. "gnomAD", "ClinVar 2024-05", "Abou Tayoun 2018 tree, branch NMD").
    public var source: String?
    /// The source's version.
    public var version: String?
    public var origin: EvidenceOrigin

    public init(criterion: Criterion, status: CriterionStatus, strength: Strength? = nil, fact: String? = nil,
                source: String? = nil, version: String? = nil, origin: EvidenceOrigin = .computed) {
        self.criterion = criterion
        self.status = status
        self.strength = strength ?? criterion.defaultStrength
        self.fact = fact
        self.source = source
        self.version = version
        self.origin = origin
    }

    /// The applied criterion when met.
    public var applied: AppliedCriterion? {
        status == .met ? AppliedCriterion(criterion, strength) : nil
    }
}

/// The evidence for one variant: what the engine computed and what the curator decided, kept apart.
///
/// `final` takes the curator's result for a criterion where there is one, else the computed one; both remain
/// readable so a report can show the computed call next to the override.
public struct Evidence: Sendable, Hashable, Codable {
    public var computed: [CriterionResult]
    public var overrides: [CriterionResult]

    public init(computed: [CriterionResult] = [], overrides: [CriterionResult] = []) {
        self.computed = computed
        self.overrides = overrides
    }

    public var final: [CriterionResult] {
        var byCriterion: [Criterion: CriterionResult] = [:]
        for r in computed { byCriterion[r.criterion] = r }
        for r in overrides { byCriterion[r.criterion] = r }
        return byCriterion.values.sorted { $0.criterion < $1.criterion }
    }

    /// The met criteria of the final results, ready for `ACMGCombiner`.
    public var appliedFinal: [AppliedCriterion] { final.compactMap(\.applied) }
    /// The met criteria of the computed results alone.
    public var appliedComputed: [AppliedCriterion] { computed.compactMap(\.applied) }
}
