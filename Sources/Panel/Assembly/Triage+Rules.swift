/// Triage for the expert panel (rules in docs/report.md, "Triage"): every rule is evaluated and listed; the
/// decision is `meeting` when any meeting rule fires, else `omission_candidate` when its rule fires, else
/// `circulation` (持ち回り協議, allowed for all cases since 2025-07-07).
extension Triage {
    static func decide(somatic: [VariantFinding], germline: GermlineSection, therapies: [TherapyOption], consent: String,
                       inputs: [InputSummary]) -> Triage {
        var rules: [TriageRule] = []
        // T1: germline findings or presumed-germline flags need the medical-genetics and genetic-counseling roles.
        let germlineContent = germline.status != "withheld" && (!germline.findings.isEmpty || !germline.presumedGermline.isEmpty)
        rules.append(TriageRule(id: "T1_germline_review", fired: germlineContent, outcome: "meeting"))
        // T2: consent for secondary findings undecided while there is germline content to decide on.
        rules.append(TriageRule(id: "T2_consent_undecided", fired: consent == "undecided" && germlineContent, outcome: "meeting"))
        // T3: a therapy that needs discussion: unverified row, off-label use, or approved abroad and not in Japan.
        let discuss = therapies.contains { !$0.verified || $0.context == "off_label" || $0.approvedAbroadNotJapan || $0.japanStatusUnknown }
        rules.append(TriageRule(id: "T3_therapy_needs_discussion", fired: discuss, outcome: "meeting"))
        // T4: no usable input (nothing read, or nothing kept from a tumor VCF).
        let noInput = inputs.isEmpty || inputs.allSatisfy { $0.recordsRead == 0 }
        rules.append(TriageRule(id: "T4_inputs_empty", fired: noInput, outcome: "meeting"))
        // T5: every actionable finding has a verified on-label JP level A therapy approved in Japan: a candidate for
        // the MHLW EP-omission list (to be confirmed against that list for the test used).
        let actionable = somatic.filter(\.actionable)
        let omission = !actionable.isEmpty && actionable.allSatisfy { f in
            therapies.contains { t in
                t.findings.contains(f.id) && t.context == "on_label" && t.jpLevel == "A" && t.verified
                    && t.approvals.contains { $0.region == "JP" && $0.status == "approved" }
            }
        }
        rules.append(TriageRule(id: "T5_level_a_on_label", fired: omission, outcome: "omission_candidate"))
        // T6: everything else goes to circulation.
        rules.append(TriageRule(id: "T6_default", fired: true, outcome: "circulation"))
        let decision: String
        if rules.contains(where: { $0.fired && $0.outcome == "meeting" }) { decision = "meeting" }
        else if omission { decision = "omission_candidate" }
        else { decision = "circulation" }
        return Triage(decision: decision, rules: rules)
    }
}
