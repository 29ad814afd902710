/// Evidence levels of the JSMO/JSCO/JCA joint guidance 「次世代シークエンサー等を用いた遺伝子パネル検査に基づく
/// がん診療ガイダンス」 (ed. 2.0/2.1, 2020; English: Naito et al. 2021, Int J Clin Oncol 26:233, Table 4),
/// as used in C-CAT findings and expert-panel reports. A is the strongest; R (resistance) stands apart.
public enum JPEvidenceLevel: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// This tumor type: a drug for the biomarker is approved in Japan or by the FDA, or a guideline recommends it.
    case A
    /// This tumor type: statistically reliable clinical trials or meta-analyses with expert consensus.
    case B
    /// Another tumor type: approved drug (Japan/FDA) or reliable trials with consensus.
    case C
    /// Small clinical trials or case reports, whatever the tumor type. [verify wording against ed. 2.1]
    case D
    /// Preclinical (in vitro / in vivo) studies. [verify]
    case E
    /// Known to be involved in carcinogenesis (biological significance), no drug evidence. [verify]
    case F
    /// The biomarker is known to confer resistance to a drug. [verify]
    case R

    private var rank: Int {
        switch self {
        case .A: return 1
        case .B: return 2
        case .C: return 3
        case .D: return 4
        case .E: return 5
        case .F: return 6
        case .R: return 7
        }
    }

    /// A < B < … < F < R: for the best sensitivity level, R sorts last.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The documented derivation of a JP level from one therapeutic evidence item (docs/classification.md,
/// "Japanese evidence levels"). Only therapeutic evidence that supports its significance is levelled.
///
/// | evidence | on-label | off-label |
/// |---|---|---|
/// | resistance, any source level | R | R |
/// | sensitivity, CIViC A, or FDA approval / guideline stated | A | C |
/// | sensitivity, CIViC B (clinical trials) | B | C |
/// | sensitivity, CIViC C (case study) | D | D |
/// | sensitivity, CIViC D (preclinical) | E | E |
/// | sensitivity, CIViC E (inferential) | E | E |
///
/// Level A in the guidance covers approval in Japan *or* by the FDA; the knowledge base holds no PMDA approvals
/// yet, so an A says which: `approvedInJapan` when a source states it, else "FDA/guideline (Japan not known)".
/// F is not derived here: it is given to an oncogenic variant with no levelled drug evidence (see
/// `SomaticClassifier`). Rejected and submitted (not yet accepted) items get no level, as for AMP.
public enum JPLevelDerivation {
    public static func level(for evidence: ActionabilityEvidence, onLabel: Bool) -> (level: JPEvidenceLevel, reason: String)? {
        guard evidence.category == .therapeutic, evidence.supports, evidence.status != "rejected", evidence.status != "submitted" else {
            return nil
        }
        switch evidence.effect {
        case .resistance:
            return (.R, "resistance evidence (\(evidence.significance ?? "resistance"))")
        case .other:
            return nil
        case .sensitivity:
            break
        }
        let label = onLabel ? "this tumor type" : "another tumor type"
        let approvedOrGuideline = evidence.fdaApproved == true || evidence.guideline != nil
            || (evidence.isAssertion ? evidence.assertedLevel == "A" : evidence.sourceLevel == "A")
        if approvedOrGuideline {
            let basis = evidence.approvedInJapan == true ? "approved in Japan" : "FDA approval/guideline (approval in Japan not known)"
            return onLabel ? (.A, "\(basis), \(label)") : (.C, "\(basis), \(label)")
        }
        if evidence.isAssertion {
            // A curated assertion carries an AMP level, not a CIViC level: B = trials, C = other tumor type or
            // small studies, D = preclinical or case reports.
            switch evidence.assertedLevel {
            case "B": return onLabel ? (.B, "asserted AMP level B, \(label)") : (.C, "asserted AMP level B, \(label)")
            case "C": return (.C, "asserted AMP level C")
            case "D": return (.D, "asserted AMP level D")
            default: return nil
            }
        }
        switch evidence.sourceLevel {
        case "B": return onLabel ? (.B, "clinical trial evidence, \(label)") : (.C, "clinical trial evidence, \(label)")
        case "C": return (.D, "case study evidence (any tumor type)")
        case "D": return (.E, "preclinical evidence")
        case "E": return (.E, "inferential evidence (treated as preclinical)")
        default: return nil
        }
    }
}
