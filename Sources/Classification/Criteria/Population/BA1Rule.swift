/// BA1: allele frequency above 5 % in a continental population (Richards et al. 2015, Table 4; ClinGen SVI,
/// Ghosh et al. 2018, Hum Mutat 39:1525), unless the variant is on the BA1 exception list.
///
/// Read per source: the highest of the grpmax AF and the overall AF, counted only where the source called at
/// least `minimumAN` alleles (a frequency from a few alleles is not "a population with enough alleles").
/// Met when any counted source exceeds the threshold; not met when every source with a record is counted and
/// below it, or when the allele is absent; not evaluated when the only records above the threshold, or all the
/// records, come from too few alleles.
public enum BA1Rule {
    public static let citation = "Ghosh et al. 2018, Hum Mutat 39:1525 (BA1 > 5 %, exception list Table 1)"

    /// - Parameters:
    ///   - threshold: usually 0.05 strict (`> 5 %`); a VCEP or the gene table may lower it.
    ///   - excepted: whether the variant is on the exception list (`BA1ExceptionList.isExcepted`).
    public static func evaluate(_ frequencies: [PopulationFrequency], threshold: ResolvedThreshold, minimumAN: Int,
                                excepted: Bool) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .BA1, status: status, strength: .standAlone, fact: fact, source: citation)
        }
        guard !frequencies.isEmpty else { return result(.notEvaluated(reason: "no population-frequency source in the knowledge base"), "no frequency source") }
        var highest: (af: Double, source: PopulationFrequency)?
        var lowCoverageAbove: [String] = []
        var counted = 0
        for f in frequencies where f.found {
            guard let af = f.highestAF else { continue }
            guard let an = f.an, an >= minimumAN else {
                if threshold.exceeded(by: af) { lowCoverageAbove.append("\(f.name) (AN \(f.an.map(String.init) ?? "unknown") < \(minimumAN))") }
                continue
            }
            counted += 1
            if highest == nil || af > highest!.af { highest = (af, f) }
        }
        if let h = highest, threshold.exceeded(by: h.af) {
            let fact = "\(h.source.name) AF \(formatFrequency(h.af)) (AN \(h.source.an ?? 0)) > \(threshold.text)"
            if excepted {
                return result(.notMet, fact + "; the variant is on the BA1 exception list (\(BA1ExceptionList.citation.text)): BA1 not applied")
            }
            return result(.met, fact)
        }
        if !lowCoverageAbove.isEmpty {
            return result(.notEvaluated(reason: "frequency above the BA1 threshold only where too few alleles were called"),
                          "above \(threshold.text) only in " + lowCoverageAbove.joined(separator: ", "))
        }
        if let h = highest {
            return result(.notMet, "highest AF \(formatFrequency(h.af)) in \(h.source.name) (AN \(h.source.an ?? 0)) ≤ \(threshold.text)")
        }
        if frequencies.contains(where: { $0.found }) && counted == 0 {
            return result(.notEvaluated(reason: "the records have fewer than \(minimumAN) called alleles or no frequency"),
                          "no source with AN ≥ \(minimumAN)")
        }
        return result(.notMet, "absent from " + frequencies.map(\.name).joined(separator: ", "))
    }
}
