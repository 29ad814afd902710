/// How an evidence item's disease relates to the patient's tumor type in the OncoTree, and whether that makes
/// the evidence on-label.
///
/// The rule (documented in docs/classification.md, "Somatic classification"):
/// - `exact`: same code → on-label.
/// - `evidenceBroader`: the evidence disease is an ancestor of the tumor type (evidence in Melanoma `MEL` for a
///   Cutaneous Melanoma `SKCM`; pan-cancer evidence at the root) → on-label: a finding for the broader disease
///   covers its subtypes.
/// - `evidenceNarrower`: the evidence disease is a descendant of the tumor type (evidence in `SKCM` for a tumor
///   given as `MEL`) → on-label only when the tumor type is a disease (OncoTree level ≥ 2), not a bare tissue
///   (`SKIN`, `LUNG`): the tumor may well be that subtype, and the result marks the match as narrower so the
///   panel can confirm the subtype; a tissue says too little to claim another disease's indication.
/// - `unrelated`: different branches → off-label (AMP level A becomes C, Li 2017).
/// - `unmapped`: the evidence disease has no OncoTree code → off-label, with the reason shown.
public struct OncoTreeMatch: Sendable, Codable, Hashable {
    public enum Relation: String, Sendable, Codable, Hashable {
        case exact, evidenceBroader, evidenceNarrower, unrelated, unmapped
    }

    public var relation: Relation
    /// The evidence disease's OncoTree code, when mapped.
    public var evidenceCode: String?
    public var tumorCode: String
    public var onLabel: Bool

    public init(relation: Relation, evidenceCode: String?, tumorCode: String, onLabel: Bool) {
        self.relation = relation
        self.evidenceCode = evidenceCode
        self.tumorCode = tumorCode
        self.onLabel = onLabel
    }

    /// Words for reports and the evidence string, e.g. `MEL is an ancestor of SKCM`.
    public var explanation: String {
        switch relation {
        case .exact: return "evidence in \(tumorCode), the tumor type"
        case .evidenceBroader:
            return evidenceCode == OncoTree.root ? "pan-cancer evidence (OncoTree root) covers \(tumorCode)"
                : "evidence in \(evidenceCode ?? "?"), an ancestor of \(tumorCode)"
        case .evidenceNarrower:
            return onLabel ? "evidence in \(evidenceCode ?? "?"), a subtype of \(tumorCode) (confirm the subtype)"
                : "evidence in \(evidenceCode ?? "?"), under the tissue \(tumorCode): off-label"
        case .unrelated: return "evidence in \(evidenceCode ?? "?"), not in the \(tumorCode) lineage: off-label"
        case .unmapped: return "evidence disease has no OncoTree mapping: treated as off-label"
        }
    }
}

extension OncoTree {
    /// Relates an evidence disease (an OncoTree code, or nil when unmapped) to the tumor type `tumor`.
    public func match(evidence: String?, tumor: String) -> OncoTreeMatch {
        guard let evidence, contains(evidence) else {
            return OncoTreeMatch(relation: .unmapped, evidenceCode: evidence, tumorCode: tumor, onLabel: false)
        }
        if evidence == tumor {
            return OncoTreeMatch(relation: .exact, evidenceCode: evidence, tumorCode: tumor, onLabel: true)
        }
        if ancestors(of: tumor).contains(evidence) {
            return OncoTreeMatch(relation: .evidenceBroader, evidenceCode: evidence, tumorCode: tumor, onLabel: true)
        }
        if ancestors(of: evidence).contains(tumor) {
            let isDisease = (node(tumor)?.level ?? 0) >= 2
            return OncoTreeMatch(relation: .evidenceNarrower, evidenceCode: evidence, tumorCode: tumor, onLabel: isDisease)
        }
        return OncoTreeMatch(relation: .unrelated, evidenceCode: evidence, tumorCode: tumor, onLabel: false)
    }
}
