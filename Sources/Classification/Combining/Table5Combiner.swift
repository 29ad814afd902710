/// One row of ACMG/AMP 2015 Table 5 (or an addition to it) that a set of criteria satisfies.
public struct Table5Rule: Sendable, Hashable, Codable, CustomStringConvertible {
    public var outcome: ACMGClass
    /// The row's number as printed in Table 5 ("ii"), or the label of an addition ("SVI: 1 Very Strong + ≥1 Supporting").
    public var row: String
    /// What the row asks for, in words.
    public var requirement: String
    /// Whether the row is one of Richards 2015's own or a later addition.
    public var isAddition: Bool

    public var description: String {
        isAddition ? "\(outcome.rawValue) [\(row)]: \(requirement)" : "2015 Table 5: \(outcome.rawValue) (\(row)) \(requirement)"
    }
}

/// What Table 5 says about a set of criteria: the strongest pathogenic row met, the strongest benign row met, and
/// the class (uncertain significance when neither or both directions reach a row: Richards 2015 Table 5,
/// "Uncertain significance (i) other criteria not met or (ii) the criteria for benign and pathogenic are contradictory").
public struct Table5Outcome: Sendable, Hashable, Codable {
    public var pathogenicRule: Table5Rule?
    public var benignRule: Table5Rule?

    public var isContradictory: Bool { pathogenicRule != nil && benignRule != nil }
    public var isSilent: Bool { pathogenicRule == nil && benignRule == nil }

    public var acmgClass: ACMGClass {
        if isContradictory { return .uncertainSignificance }
        return pathogenicRule?.outcome ?? benignRule?.outcome ?? .uncertainSignificance
    }

    /// The deciding rule, in words.
    public var explanation: String {
        if let p = pathogenicRule, let b = benignRule {
            return "2015 Table 5: Uncertain Significance (ii) contradictory — \(p.outcome.rawValue) (\(p.row)) and \(b.outcome.rawValue) (\(b.row))"
        }
        if let r = pathogenicRule ?? benignRule { return r.description }
        return "2015 Table 5: Uncertain Significance (i) no rule met"
    }
}

/// ACMG/AMP 2015 combining rules (Richards et al. 2015, Genet Med 17:405, Table 5,
/// https://pmc.ncbi.nlm.nih.gov/articles/PMC4544753/table/T5).
public struct Table5Combiner: Sendable, Hashable, Codable {
    /// Two combinations the 2015 table leaves out but the Bayesian reading of it puts in a class
    /// (Tavtigian et al. 2018, Genet Med 20:1054): 1 Very Strong + ≥1 Supporting has posterior ≈ 0.988 →
    /// Likely Pathogenic, the combination ClinGen SVI's PM2 recommendation (v1.0, 2020) names for
    /// PVS1 + PM2_Supporting; and ≥2 Very Strong (e.g. PVS1 + PM3_Very Strong) → Pathogenic.
    public var bayesianAdditions: Bool

    public init(bayesianAdditions: Bool = true) {
        self.bayesianAdditions = bayesianAdditions
    }

    public func evaluate(_ criteria: [AppliedCriterion]) -> Table5Outcome {
        evaluate(EvidenceTally(criteria))
    }

    public func evaluate(_ t: EvidenceTally) -> Table5Outcome {
        Table5Outcome(pathogenicRule: pathogenicRule(t), benignRule: benignRule(t))
    }

    private func rule(_ c: ACMGClass, _ row: String, _ text: String, addition: Bool = false) -> Table5Rule {
        Table5Rule(outcome: c, row: row, requirement: text, isAddition: addition)
    }

    func pathogenicRule(_ t: EvidenceTally) -> Table5Rule? {
        let vs = t.veryStrong, s = t.strong, m = t.moderate, p = t.supporting
        if vs >= 1 {
            if s >= 1 { return rule(.pathogenic, "i", "1 Very Strong + ≥1 Strong") }
            if m >= 2 { return rule(.pathogenic, "i", "1 Very Strong + ≥2 Moderate") }
            if m == 1 && p >= 1 { return rule(.pathogenic, "i", "1 Very Strong + 1 Moderate + 1 Supporting") }
            if p >= 2 { return rule(.pathogenic, "i", "1 Very Strong + ≥2 Supporting") }
        }
        if bayesianAdditions && vs >= 2 {
            return rule(.pathogenic, "Tavtigian 2018", "≥2 Very Strong", addition: true)
        }
        if s >= 2 { return rule(.pathogenic, "ii", "≥2 Strong") }
        if s == 1 {
            if m >= 3 { return rule(.pathogenic, "iii", "1 Strong + ≥3 Moderate") }
            if m == 2 && p >= 2 { return rule(.pathogenic, "iii", "1 Strong + 2 Moderate + ≥2 Supporting") }
            if m == 1 && p >= 4 { return rule(.pathogenic, "iii", "1 Strong + 1 Moderate + ≥4 Supporting") }
        }
        if vs >= 1 && m >= 1 { return rule(.likelyPathogenic, "i", "1 Very Strong + 1 Moderate") }
        if bayesianAdditions && vs >= 1 && p >= 1 {
            return rule(.likelyPathogenic, "SVI PM2 v1.0 / Tavtigian 2018", "1 Very Strong + ≥1 Supporting", addition: true)
        }
        if s == 1 && (m == 1 || m == 2) { return rule(.likelyPathogenic, "ii", "1 Strong + 1–2 Moderate") }
        if s == 1 && p >= 2 { return rule(.likelyPathogenic, "iii", "1 Strong + ≥2 Supporting") }
        if m >= 3 { return rule(.likelyPathogenic, "iv", "≥3 Moderate") }
        if m == 2 && p >= 2 { return rule(.likelyPathogenic, "v", "2 Moderate + ≥2 Supporting") }
        if m == 1 && p >= 4 { return rule(.likelyPathogenic, "vi", "1 Moderate + ≥4 Supporting") }
        return nil
    }

    func benignRule(_ t: EvidenceTally) -> Table5Rule? {
        if t.standAlone >= 1 { return rule(.benign, "i", "1 Stand-alone (BA1)") }
        if t.benignStrong >= 2 { return rule(.benign, "ii", "≥2 Strong") }
        if t.benignStrong == 1 && t.benignSupporting >= 1 { return rule(.likelyBenign, "i", "1 Strong + 1 Supporting") }
        if t.benignSupporting >= 2 { return rule(.likelyBenign, "ii", "≥2 Supporting") }
        return nil
    }
}
