/// PP2 (missense in a gene with a low rate of benign missense variation, where missense is a common mechanism)
/// and BP1 (missense in a gene where truncating variants are the known mechanism), Richards et al. 2015
/// Tables 3–4. Both read the gene table's `pp2`/`bp1` flags: yes → the rule applies to missense changes; no →
/// not met; no flag → not evaluated (the engine does not guess a gene's mechanism).
public enum MissenseGeneRules {
    public static let citation = "Richards et al. 2015, Genet Med 17:405, Tables 3–4 (PP2, BP1); gene flags from the gene table"

    public static func pp2(_ change: ProteinChange?, flag: Bool?) -> CriterionResult { rule(.PP2, change, flag) }
    public static func bp1(_ change: ProteinChange?, flag: Bool?) -> CriterionResult { rule(.BP1, change, flag) }

    static func rule(_ c: Criterion, _ change: ProteinChange?, _ flag: Bool?) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: c, status: status, strength: .supporting, fact: fact, source: citation)
        }
        guard let change else { return result(.notEvaluated(reason: "no protein change on a report transcript"), "no coding consequence") }
        guard change.kind == .missense else { return result(.notMet, "\(change.kind.rawValue) change: \(c.rawValue) is for missense changes") }
        guard let flag else {
            return result(.notEvaluated(reason: "the gene table has no \(c.rawValue.lowercased()) flag for \(change.gene)"), "gene flag not set")
        }
        let what = c == .PP2 ? "few benign missense; missense a common mechanism" : "truncation is the known mechanism"
        return flag ? result(.met, "missense in \(change.gene) (gene table: \(what))")
                    : result(.notMet, "gene table: \(c.rawValue) does not apply to \(change.gene)")
    }
}
