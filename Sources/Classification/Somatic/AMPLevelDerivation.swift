/// The documented mapping from one evidence item to an AMP/ASCO/CAP 2017 level for a tumor type
/// (docs/classification.md, "AMP/ASCO/CAP tiers").
///
/// CIViC evidence levels map as in the VICC meta-knowledgebase harmonization (Wagner et al. 2020, Nat Genet
/// 52:448, Supplementary Table) **[verify]**: A → A, B → B, C → C, D → D, E → D. Tumor context then applies
/// (Li 2017 Table 3; cancervariants/variation-normalization #303):
///
/// | evidence | on-label | off-label |
/// |---|---|---|
/// | therapeutic, level A or B | A / B | C ("approved therapy for a different tumor type" / investigational) |
/// | therapeutic, level C / D | C / D | C / D |
/// | diagnostic or prognostic, any level | same level | not tiered (an association in another disease says nothing here) |
///
/// A CIViC assertion already carries an AMP level for its own disease: used as is on-label, A/B → C off-label.
/// Not tiered at all: rejected items, submitted items not yet accepted by CIViC's editors, items that do not support their significance (CIViC `Does Not Support`;
/// listed, not counted), predisposing/oncogenic/functional types, and therapeutic items whose significance is
/// neither sensitivity nor resistance (adverse response).
public enum AMPLevelDerivation {
    public static func level(for evidence: ActionabilityEvidence, onLabel: Bool) -> (level: AMPLevel?, reason: String) {
        if evidence.status == "rejected" { return (nil, "rejected by the source: not tiered") }
        if evidence.status == "submitted" { return (nil, "submitted, not yet accepted by the source's editors: listed, not tiered") }
        if !evidence.supports { return (nil, "does not support its significance: listed, not tiered") }
        switch evidence.category {
        case .other: return (nil, "\(evidence.sourceType) evidence has no AMP/ASCO/CAP therapeutic, diagnostic or prognostic level")
        case .therapeutic where evidence.effect == .other:
            return (nil, "therapeutic evidence of \(evidence.significance ?? "unknown significance"): not tiered")
        case .diagnostic, .prognostic:
            if !onLabel { return (nil, "\(evidence.category.rawValue) evidence in another tumor type: not tiered") }
        case .therapeutic:
            break
        }
        let base: AMPLevel
        let from: String
        if evidence.isAssertion {
            guard let l = evidence.assertedLevel.flatMap(AMPLevel.init(rawValue:)) else {
                return (nil, "assertion without an AMP level")
            }
            base = l
            from = "asserted AMP level \(l.rawValue)"
        } else {
            switch evidence.sourceLevel {
            case "A": base = .A
            case "B": base = .B
            case "C": base = .C
            case "D", "E": base = .D
            default: return (nil, "no source evidence level")
            }
            from = "CIViC level \(evidence.sourceLevel ?? "?")"
        }
        if onLabel { return (base, "\(from), this tumor type → \(base.rawValue)") }
        if base <= .B { return (.C, "\(from) in another tumor type → C (off-label)") }
        return (base, "\(from), another tumor type → \(base.rawValue)")
    }
}
