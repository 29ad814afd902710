/// BS2: observed in a healthy adult with a recessive (homozygous), dominant (heterozygous) or X-linked
/// (hemizygous) disorder with full penetrance expected at an early age (Richards et al. 2015, Table 4).
///
/// Population panels stand in for healthy adults. Recessive genes: homozygotes in any source ≥
/// `bs2Homozygotes`; heterozygotes say nothing (carriers are expected). Dominant genes: only with complete
/// penetrance (gene penetrance ≥ `bs2CompletePenetrance`), heterozygotes (AC − 2 × homozygotes) ≥
/// `bs2Heterozygotes`. Counts are taken per source, not summed: two releases of one cohort would count twice.
/// X-linked genes are not evaluated (the knowledge base has no hemizygote counts); nor are genes with both
/// or no inheritance recorded. The count thresholds follow common practice (bihealth auto-acmg: ≥ 2
/// homozygotes, > 5 heterozygotes) **[verify]**; VCEPs publish their own.
public enum BS2Rule {
    public static let citation = "Richards et al. 2015, Genet Med 17:405, Table 4 (BS2); counts per classification-rules.md a.1 [verify]"

    public enum Inheritance: String, Sendable, Hashable, Codable { case dominant, recessive, xLinked, mixed, unknown }

    public static func evaluate(_ frequencies: [PopulationFrequency], inheritance: Inheritance, penetrance: Double?,
                                settings: FrequencySettings) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .BS2, status: status, strength: .strong, fact: fact, source: citation)
        }
        let records = frequencies.filter(\.found)
        switch inheritance {
        case .unknown: return result(.notEvaluated(reason: "the gene table gives no inheritance for the gene"), "inheritance unknown")
        case .mixed: return result(.notEvaluated(reason: "the gene has both dominant and recessive disorders; BS2 needs one mode"), "several inheritance modes")
        case .xLinked: return result(.notEvaluated(reason: "X-linked: hemizygote counts are not in the knowledge base"), "X-linked gene")
        case .recessive:
            guard records.contains(where: { $0.nhomalt != nil }) else {
                return result(records.isEmpty ? .notMet : .notEvaluated(reason: "no homozygote counts in the sources"),
                              records.isEmpty ? "absent from every source: no homozygote" : "no homozygote count")
            }
            let best = records.max { ($0.nhomalt ?? 0) < ($1.nhomalt ?? 0) }!
            let n = best.nhomalt ?? 0
            let fact = "\(n) homozygote\(n == 1 ? "" : "s") in \(best.name) (recessive gene; BS2 at ≥ \(settings.bs2Homozygotes))"
            return result(n >= settings.bs2Homozygotes ? .met : .notMet, fact)
        case .dominant:
            guard let p = penetrance else {
                return result(.notEvaluated(reason: "dominant gene without a penetrance in the gene table: BS2 needs full penetrance"), "penetrance unknown")
            }
            guard p >= settings.bs2CompletePenetrance else {
                return result(.notEvaluated(reason: "dominant gene with incomplete penetrance (\(formatFrequency(p))): healthy carriers are expected"),
                              "penetrance \(formatFrequency(p)) < \(formatFrequency(settings.bs2CompletePenetrance))")
            }
            guard let best = records.filter({ $0.heterozygotes != nil }).max(by: { ($0.heterozygotes ?? 0) < ($1.heterozygotes ?? 0) }) else {
                return result(.notMet, "absent from every source: no heterozygote")
            }
            let n = best.heterozygotes ?? 0
            let fact = "\(n) heterozygote\(n == 1 ? "" : "s") in \(best.name) (dominant, penetrance \(formatFrequency(p)); BS2 at ≥ \(settings.bs2Heterozygotes))"
            return result(n >= settings.bs2Heterozygotes ? .met : .notMet, fact)
        }
    }
}
