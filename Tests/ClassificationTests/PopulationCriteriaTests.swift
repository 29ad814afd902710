import Testing
@testable import Classification

/// The population-frequency criteria (issue 5 part 1): BA1 with the Ghosh 2018 exception list, BS1 from the
/// Whiffin 2017 maximum credible allele frequency, BS2 by inheritance, PM2 at Supporting in every source
/// including the Japanese one, with an AN floor.
@Suite struct PopulationCriteriaTests {
    static let svi = ResolvedThreshold(value: 0.05, inclusive: false, origin: "profile")
    static let absence = ResolvedThreshold(value: 0, inclusive: true, origin: "profile")

    static func gnomad(_ af: Double, an: Int = 150_000, grpmax: Double? = nil, faf: Double? = nil, hom: Int? = nil) -> PopulationFrequency {
        PopulationFrequency(source: "gnomad_genomes", version: "v4.0", af: af, ac: Int((af * Double(an)).rounded()), an: an,
                            nhomalt: hom, afGrpmax: grpmax, faf95: faf)
    }

    // MARK: BA1 (Ghosh et al. 2018: > 5 % in a population with enough alleles; exception list Table 1)

    @Test func ba1MetAboveFivePercentInGrpmax() {
        let r = BA1Rule.evaluate([Self.gnomad(0.03, grpmax: 0.051)], threshold: Self.svi, minimumAN: 2000, excepted: false)
        #expect(r.status == .met)
        #expect(r.strength == .standAlone)
        #expect(r.fact?.contains("0.051") == true)
    }

    @Test func ba1BoundaryIsStrict() {
        // "> 5 %": exactly 5 % does not fire.
        let r = BA1Rule.evaluate([Self.gnomad(0.05)], threshold: Self.svi, minimumAN: 2000, excepted: false)
        #expect(r.status == .notMet)
    }

    @Test func ba1NotCountedBelowTheANFloor() {
        let r = BA1Rule.evaluate([Self.gnomad(0.2, an: 1000)], threshold: Self.svi, minimumAN: 2000, excepted: false)
        guard case .notEvaluated = r.status else { Issue.record("expected not evaluated, got \(r.status)"); return }
    }

    @Test("GJB2 c.109G>A (p.Val37Ile) is on Ghosh 2018 Table 1: BA1 not applied however common")
    func ba1ExceptionHonoured() {
        let gjb2 = VariantName(gene: "GJB2", cdna: "c.109G>A", protein: "p.Val37Ile")
        #expect(BA1ExceptionList.isExcepted(gjb2))
        let r = BA1Rule.evaluate([Self.gnomad(0.08, grpmax: 0.085)], threshold: Self.svi, minimumAN: 2000, excepted: true)
        #expect(r.status == .notMet)
        #expect(r.fact?.contains("exception list") == true)
        // Through the assembler: the exception comes from the variant name, and the class is not Benign.
        let facts = GermlineFacts(variant: gjb2, gene: "GJB2", frequencies: [Self.gnomad(0.08, grpmax: 0.085)])
        let c = GermlineClassifier().classify(facts)
        #expect(c.criteria.first { $0.criterion == .BA1 }?.final.status == .notMet)
        #expect(c.acmgClass != .benign)
        // The same frequency for a variant not on the list is Benign by BA1.
        let other = GermlineClassifier().classify(GermlineFacts(variant: VariantName(gene: "GJB2", cdna: "c.79G>A"), gene: "GJB2",
                                                                frequencies: [Self.gnomad(0.08, grpmax: 0.085)]))
        #expect(other.acmgClass == .benign)
        #expect(other.final.decidedBy == .ba1)
    }

    @Test("A VCEP's lower BA1 (Hearing Loss GN005: 0.5 %) replaces the 5 % default")
    func ba1FromSpecification() {
        let facts = GermlineFacts(variant: VariantName(gene: "MYO7A", cdna: "c.1A>G"), gene: "MYO7A", frequencies: [Self.gnomad(0.006)])
        let r = GermlineClassifier().computedCriteria(facts).first { $0.criterion == .BA1 }
        #expect(r?.status == .met)
        #expect(r?.fact?.contains("GN005@2") == true)
    }

    // MARK: BS1 (Whiffin et al. 2017)

    @Test("Whiffin's hypertrophic cardiomyopathy example: 1/500, allelic 0.02, penetrance 0.5 → 4.0e-5")
    func whiffinWorkedExample() throws {
        let hcm = WhiffinParameters(inheritance: .dominant, prevalence: 1.0 / 500, allelicContribution: 0.02,
                                    geneticContribution: 1, penetrance: 0.5)
        let max = try #require(hcm.maximumCredibleAlleleFrequency)
        #expect(abs(max - 4.0e-5) < 1e-12)
        // Recessive: √(prevalence × genetic / penetrance) × allelic. 1/10,000, allelic 0.5, genetic 1, penetrance 1 → 0.005.
        let ar = WhiffinParameters(inheritance: .recessive, prevalence: 1e-4, allelicContribution: 0.5, geneticContribution: 1, penetrance: 1)
        #expect(abs((ar.maximumCredibleAlleleFrequency ?? 0) - 0.005) < 1e-12)
        #expect(WhiffinParameters(inheritance: .dominant, prevalence: 0, allelicContribution: 1, geneticContribution: 1, penetrance: 1).maximumCredibleAlleleFrequency == nil)
    }

    @Test("BS1 from the gene table's Whiffin inputs, compared with the filtering AF (FAF95)")
    func bs1FromGeneParameters() {
        let gene = GeneParameters(symbol: "MYH7", inheritance: ["AD"], prevalence: 1.0 / 500, allelicContribution: 0.02,
                                  geneticContribution: 1, penetrance: 0.5)
        let classifier = GermlineClassifier()
        let above = classifier.computedCriteria(GermlineFacts(gene: "MYH7", frequencies: [Self.gnomad(3e-5, an: 1_500_000, faf: 5e-5)], geneParameters: gene))
            .first { $0.criterion == .BS1 }
        #expect(above?.status == .met)
        #expect(above?.fact?.contains("FAF95 5e-05") == true)
        #expect(above?.fact?.contains("4e-05") == true)
        let below = classifier.computedCriteria(GermlineFacts(gene: "MYH7", frequencies: [Self.gnomad(3e-5, an: 1_500_000, faf: 3.5e-5)], geneParameters: gene))
            .first { $0.criterion == .BS1 }
        #expect(below?.status == .notMet)
    }

    @Test func bs1WithoutThresholdIsNotEvaluated() {
        let r = BS1Rule.evaluate([Self.gnomad(0.01)], threshold: nil, minimumAN: 2000)
        guard case .notEvaluated = r.status else { Issue.record("expected not evaluated"); return }
        // The gene table's explicit bs1 cell wins over the Whiffin inputs.
        let gene = GeneParameters(symbol: "X", inheritance: ["AD"], bs1: ResolvedThreshold(value: 0.001, inclusive: false, origin: "gene table"),
                                  prevalence: 1.0 / 500, allelicContribution: 0.02, geneticContribution: 1, penetrance: 0.5)
        let x = GermlineClassifier().computedCriteria(GermlineFacts(gene: "X", frequencies: [Self.gnomad(0.0005, faf: 0.0006)], geneParameters: gene))
            .first { $0.criterion == .BS1 }
        #expect(x?.status == .notMet)
        #expect(x?.fact?.contains("gene table") == true)
    }

    // MARK: BS2

    @Test func bs2Recessive() {
        let s = FrequencySettings()
        #expect(BS2Rule.evaluate([Self.gnomad(0.01, hom: 3)], inheritance: .recessive, penetrance: nil, settings: s).status == .met)
        #expect(BS2Rule.evaluate([Self.gnomad(0.01, hom: 1)], inheritance: .recessive, penetrance: nil, settings: s).status == .notMet)
        // Counts per source, not summed: 1 + 1 homozygotes in two sources is not 2.
        let two = [Self.gnomad(0.01, hom: 1), PopulationFrequency(source: "tommo", isJapanese: true, af: 0.01, ac: 100, an: 10_000, nhomalt: 1)]
        #expect(BS2Rule.evaluate(two, inheritance: .recessive, penetrance: nil, settings: s).status == .notMet)
    }

    @Test func bs2DominantNeedsCompletePenetrance() {
        let s = FrequencySettings()
        // 10 carriers: AC 10, no homozygote.
        let f = [PopulationFrequency(source: "gnomad_exomes", af: 10.0 / 1_000_000, ac: 10, an: 1_000_000, nhomalt: 0)]
        #expect(BS2Rule.evaluate(f, inheritance: .dominant, penetrance: 1.0, settings: s).status == .met)
        let five = [PopulationFrequency(source: "gnomad_exomes", af: 5.0 / 1_000_000, ac: 5, an: 1_000_000, nhomalt: 0)]
        #expect(BS2Rule.evaluate(five, inheritance: .dominant, penetrance: 1.0, settings: s).status == .notMet)
        guard case .notEvaluated = BS2Rule.evaluate(f, inheritance: .dominant, penetrance: 0.5, settings: s).status else {
            Issue.record("incomplete penetrance must not give BS2"); return
        }
        guard case .notEvaluated = BS2Rule.evaluate(f, inheritance: .xLinked, penetrance: 1, settings: s).status else {
            Issue.record("X-linked needs hemizygote counts"); return
        }
    }

    // MARK: PM2 (SVI 2020: Supporting; every source including the Japanese one; AN floor)

    static let tommoAbsent = PopulationFrequency.absent(source: "tommo_54kjpn", version: "54KJPN", isJapanese: true)

    @Test func pm2AbsentEverywhereIncludingJapanese() {
        let r = PM2Rule.evaluate([.absent(source: "gnomad_exomes"), .absent(source: "gnomad_genomes"), Self.tommoAbsent],
                                 threshold: Self.absence, minimumAN: 2000)
        #expect(r.status == .met)
        #expect(r.strength == .supporting)
        #expect(r.fact?.contains("[Japanese]") == true)
        #expect(r.fact?.contains("no Japanese source") == false)
    }

    @Test("Absent from gnomAD but seen in the Japanese panel: PM2 not met")
    func pm2PresentInJapaneseSource() {
        let tommo = PopulationFrequency(source: "tommo_54kjpn", isJapanese: true, af: 0.0004, ac: 43, an: 108_000)
        let r = PM2Rule.evaluate([.absent(source: "gnomad_exomes"), tommo], threshold: Self.absence, minimumAN: 2000)
        #expect(r.status == .notMet)
        #expect(r.fact?.contains("tommo_54kjpn [Japanese]: AC 43") == true)
    }

    @Test func pm2WithoutJapaneseSourceSaysSoAndCanBeRequired() {
        let r = PM2Rule.evaluate([.absent(source: "gnomad_exomes")], threshold: Self.absence, minimumAN: 2000)
        #expect(r.status == .met)
        #expect(r.fact?.contains("no Japanese source consulted") == true)
        let required = PM2Rule.evaluate([.absent(source: "gnomad_exomes")], threshold: Self.absence, minimumAN: 2000, requireJapanese: true)
        guard case .notEvaluated = required.status else { Issue.record("expected not evaluated"); return }
    }

    @Test("AN floor: AC 0 at a site with 800 called alleles does not count as absent")
    func pm2ANFloor() {
        let lowCoverage = PopulationFrequency(source: "gnomad_genomes", af: 0, ac: 0, an: 800)
        let r = PM2Rule.evaluate([.absent(source: "gnomad_exomes"), lowCoverage, Self.tommoAbsent], threshold: Self.absence, minimumAN: 2000)
        guard case .notEvaluated = r.status else { Issue.record("expected not evaluated, got \(r.status)"); return }
        let covered = PopulationFrequency(source: "gnomad_genomes", af: 0, ac: 0, an: 152_000)
        #expect(PM2Rule.evaluate([covered, Self.tommoAbsent], threshold: Self.absence, minimumAN: 2000).status == .met)
    }

    @Test("A rarity threshold (gene table pm2 ≤ 0.0001) admits rare records in every source")
    func pm2Threshold() {
        let t = ResolvedThreshold(value: 1e-4, inclusive: true, origin: "gene table")
        let rare = [Self.gnomad(5e-5, an: 1_000_000), PopulationFrequency(source: "tommo", isJapanese: true, af: 1e-4, ac: 10, an: 100_000)]
        #expect(PM2Rule.evaluate(rare, threshold: t, minimumAN: 2000).status == .met)
        let common = [Self.gnomad(5e-5, an: 1_000_000), PopulationFrequency(source: "tommo", isJapanese: true, af: 2e-4, ac: 20, an: 100_000)]
        #expect(PM2Rule.evaluate(common, threshold: t, minimumAN: 2000).status == .notMet)
    }

    @Test func frequencyFormatting() {
        #expect(formatFrequency(0.05) == "0.05")
        #expect(formatFrequency(0.0499) == "0.0499")
        #expect(formatFrequency(4e-5) == "4e-05")
        #expect(formatFrequency(0.000123) == "1.23e-04")
        #expect(formatFrequency(1) == "1")
    }
}
