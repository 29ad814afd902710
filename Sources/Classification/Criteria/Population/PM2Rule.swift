/// PM2 at Supporting: absent from controls, or below a threshold (ClinGen SVI Recommendation for Absence/Rarity,
/// v1.0, 2020 **[verify]**: apply at Supporting by default).
///
/// Every consulted source must agree, the Japanese one included: each source is *absent* (no record, or AC 0
/// with at least `minimumAN` called alleles), *rare* (frequency at or below the threshold, AN ≥ the floor),
/// *too common* (observed above the threshold, or observed at all when the threshold is absence), or *poorly
/// covered* (a record with fewer called alleles than the floor and not too common). One too-common source →
/// not met; otherwise one poorly covered source → not evaluated (a low-coverage site does not count as
/// absence); all absent or rare → met. A sites-only source says nothing of coverage where it has no record:
/// no record is read as absent, and the evidence text says so.
public enum PM2Rule {
    public static let citation = "ClinGen SVI Recommendation for Absence/Rarity (PM2) v1.0, 2020: PM2_Supporting [verify]"

    enum SourceState { case absent, rare, tooCommon, lowCoverage }

    public static func evaluate(_ frequencies: [PopulationFrequency], threshold: ResolvedThreshold, minimumAN: Int,
                                strength: Strength = .supporting, requireJapanese: Bool = false) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .PM2, status: status, strength: strength, fact: fact, source: citation)
        }
        guard !frequencies.isEmpty else {
            return result(.notEvaluated(reason: "no population-frequency source in the knowledge base"), "no frequency source")
        }
        let hasJapanese = frequencies.contains(where: \.isJapanese)
        var parts: [String] = []
        var states: [SourceState] = []
        let absence = threshold.value == 0
        for f in frequencies {
            let jp = f.isJapanese ? " [Japanese]" : ""
            guard f.found else {
                states.append(.absent); parts.append("\(f.name)\(jp): no record"); continue
            }
            let ac = f.ac ?? (f.af.map { $0 > 0 ? 1 : 0 } ?? 0)
            let af = f.highestAF ?? 0
            let enough = (f.an ?? 0) >= minimumAN
            let anText = "AN \(f.an.map(String.init) ?? "unknown")"
            if absence ? ac > 0 : (ac > 0 && !threshold.admits(af)) {
                states.append(.tooCommon); parts.append("\(f.name)\(jp): AC \(ac), AF \(formatFrequency(af)) (\(anText))")
            } else if !enough {
                states.append(.lowCoverage); parts.append("\(f.name)\(jp): AC \(ac) with \(anText) < \(minimumAN)")
            } else if ac == 0 {
                states.append(.absent); parts.append("\(f.name)\(jp): AC 0 (\(anText))")
            } else {
                states.append(.rare); parts.append("\(f.name)\(jp): AF \(formatFrequency(af)) (\(anText))")
            }
        }
        let rule = absence ? "absent (AC 0) from every source" : "AF ≤ \(threshold.text) in every source"
        var fact = parts.joined(separator: "; ") + " — PM2 needs \(rule), AN ≥ \(minimumAN) where recorded"
        if !hasJapanese { fact += "; no Japanese source consulted" }
        if states.contains(.tooCommon) { return result(.notMet, fact) }
        if states.contains(.lowCoverage) {
            return result(.notEvaluated(reason: "a source has too few called alleles at the site to establish absence or rarity"), fact)
        }
        if requireJapanese && !hasJapanese {
            return result(.notEvaluated(reason: "the profile requires a Japanese frequency source and none is in the knowledge base"), fact)
        }
        return result(.met, fact)
    }
}
