/// BS1: allele frequency greater than expected for the disorder (Richards et al. 2015, Table 4).
///
/// The threshold is the maximum credible population allele frequency of Whiffin et al. 2017 (Genet Med
/// 19:1151) when the gene's parameters are known, else a specification's or the profile's value; without any
/// threshold BS1 is not evaluated. The variant's frequency is the filtering allele frequency (gnomAD FAF95,
/// grpmax) where the source gives one — Whiffin's own comparison, which allows for sampling variance — else the
/// highest of grpmax AF and AF; sources with fewer than `minimumAN` called alleles are not counted.
public enum BS1Rule {
    public static let citation = "Whiffin et al. 2017, Genet Med 19:1151 (maximum credible population AF; filtering AF)"

    public static func evaluate(_ frequencies: [PopulationFrequency], threshold: ResolvedThreshold?, minimumAN: Int) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .BS1, status: status, strength: .strong, fact: fact, source: citation)
        }
        guard let threshold else {
            return result(.notEvaluated(reason: "no BS1 threshold: the gene table has neither a bs1 value nor the Whiffin inputs (prevalence, allelic and genetic contribution, penetrance, inheritance AD or AR), and the profile sets no default"),
                          "no threshold for this gene")
        }
        var best: (af: Double, kind: String, source: PopulationFrequency)?
        var found = false
        for f in frequencies where f.found {
            found = true
            guard let an = f.an, an >= minimumAN else { continue }
            let value: (Double, String)?
            if let faf = f.faf95 { value = (faf, "FAF95") } else if let h = f.highestAF { value = (h, f.afGrpmax != nil ? "grpmax AF" : "AF") } else { value = nil }
            guard let (af, kind) = value else { continue }
            if best == nil || af > best!.af { best = (af, kind, f) }
        }
        guard let best else {
            if found { return result(.notEvaluated(reason: "the records have fewer than \(minimumAN) called alleles or no frequency"), "no source with AN ≥ \(minimumAN)") }
            return result(.notMet, "absent from " + (frequencies.isEmpty ? "every source (none loaded)" : frequencies.map(\.name).joined(separator: ", ")))
        }
        let fact = "\(best.source.name) \(best.kind) \(formatFrequency(best.af)) (AN \(best.source.an ?? 0))"
        if threshold.exceeded(by: best.af) { return result(.met, "\(fact) > \(threshold.text)") }
        return result(.notMet, "\(fact) ≤ \(threshold.text)")
    }
}

/// The maximum credible population allele frequency of Whiffin et al. 2017 (Genet Med 19:1151, "Methods":
/// prevalence × maximum allelic contribution × maximum genetic contribution / penetrance, halved for a
/// dominant disorder — each case carries one allele — and taken as the square root of the genotype
/// frequency for a recessive one).
///
/// Dominant: prevalence / 2 × allelic × genetic / penetrance. Recessive: √(prevalence × genetic / penetrance)
/// × allelic (classification-rules.md a.4). Worked example, hypertrophic cardiomyopathy: prevalence 1/500,
/// maximum allelic contribution 0.02, genetic contribution 1, penetrance 0.5 → 4.0 × 10⁻⁵ **[verify]** against the
/// paper's text (the same 4 × 10⁻⁵ is the HCM rarity cut-off used by de Marvao et al. 2021, PMC8434420).
public struct WhiffinParameters: Sendable, Hashable, Codable {
    public enum Inheritance: String, Sendable, Hashable, Codable { case dominant = "AD", recessive = "AR" }
    public var inheritance: Inheritance
    public var prevalence: Double
    public var allelicContribution: Double
    public var geneticContribution: Double
    public var penetrance: Double

    public init(inheritance: Inheritance, prevalence: Double, allelicContribution: Double, geneticContribution: Double, penetrance: Double) {
        self.inheritance = inheritance
        self.prevalence = prevalence
        self.allelicContribution = allelicContribution
        self.geneticContribution = geneticContribution
        self.penetrance = penetrance
    }

    /// Nil when an input is outside (0, 1].
    public var maximumCredibleAlleleFrequency: Double? {
        for x in [prevalence, allelicContribution, geneticContribution, penetrance] where !(x > 0 && x <= 1) { return nil }
        switch inheritance {
        case .dominant: return prevalence / 2 * allelicContribution * geneticContribution / penetrance
        case .recessive: return (prevalence * geneticContribution / penetrance).squareRoot() * allelicContribution
        }
    }

    public var description: String {
        "Whiffin \(inheritance.rawValue): prevalence \(formatFrequency(prevalence)), allelic \(formatFrequency(allelicContribution)), genetic \(formatFrequency(geneticContribution)), penetrance \(formatFrequency(penetrance))"
    }
}
