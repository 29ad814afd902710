import Testing
@testable import Classification

/// ACMG/AMP 2015 Table 5 (Richards et al. 2015, Genet Med 17:405, https://pmc.ncbi.nlm.nih.gov/articles/PMC4544753/table/T5),
/// one case per row, plus the rows just short of it.
@Suite struct Table5CombinerTests {
    let strict = Table5Combiner(bayesianAdditions: false)
    let bayes = Table5Combiner(bayesianAdditions: true)

    func outcome(_ codes: String, _ combiner: Table5Combiner? = nil) throws -> Table5Outcome {
        (combiner ?? strict).evaluate(try AppliedCriterion.parseList(codes))
    }

    /// "LP i": the class abbreviation and the row met, pathogenic side first.
    func label(_ codes: String) throws -> String? {
        let o = try outcome(codes)
        return (o.pathogenicRule ?? o.benignRule).map { "\($0.outcome.abbreviation) \($0.row)" }
    }

    @Test("Pathogenic (i): 1 Very Strong with ≥1 Strong, ≥2 Moderate, 1 Moderate + 1 Supporting, or ≥2 Supporting",
          arguments: ["PVS1, PS3", "PVS1, PM1, PM2", "PVS1, PM1, PP3", "PVS1, PP3, PP4"])
    func pathogenicI(_ codes: String) throws {
        let o = try outcome(codes)
        #expect(o.acmgClass == .pathogenic)
        #expect(o.pathogenicRule?.row == "i")
    }

    @Test func pathogenicIIandIII() throws {
        #expect(try outcome("PS3, PS4").pathogenicRule?.row == "ii")
        #expect(try outcome("PS3, PM1, PM2, PM5").pathogenicRule?.row == "iii")
        #expect(try outcome("PS3, PM1, PM2, PP3, PP4").pathogenicRule?.row == "iii")
        #expect(try outcome("PS3, PM1, PP1, PP2, PP3, PP4").pathogenicRule?.row == "iii")
        #expect(try outcome("PS3, PM1, PM2, PP3").acmgClass == .likelyPathogenic, "2 Moderate + 1 Supporting is one short of (iii)")
    }

    @Test func likelyPathogenicRows() throws {
        #expect(try label("PVS1, PM2") == "LP i")
        #expect(try outcome("PS3, PM1").pathogenicRule?.row == "ii")
        #expect(try outcome("PS3, PM1, PM2").pathogenicRule?.row == "ii")
        #expect(try outcome("PS3, PP3, PP4").pathogenicRule?.row == "iii")
        #expect(try outcome("PM1, PM2, PM5").pathogenicRule?.row == "iv")
        #expect(try outcome("PM1, PM2, PP3, PP4").pathogenicRule?.row == "v")
        #expect(try outcome("PM1, PP1, PP2, PP3, PP4").pathogenicRule?.row == "vi")
        #expect(try outcome("PM1, PP1, PP2, PP3").acmgClass == .uncertainSignificance)
    }

    @Test func benignAndLikelyBenignRows() throws {
        #expect(try outcome("BA1").benignRule?.row == "i")
        #expect(try label("BS1, BS2") == "B ii")
        #expect(try label("BS1, BP4") == "LB i")
        #expect(try label("BP4, BP7") == "LB ii")
        #expect(try outcome("BS1").acmgClass == .uncertainSignificance, "a lone Strong benign line meets no row")
        #expect(try outcome("BP4").acmgClass == .uncertainSignificance)
    }

    @Test("Uncertain significance (ii): benign and pathogenic rows both met")
    func contradictory() throws {
        let o = try outcome("PVS1, PS3, BS1, BS2")
        #expect(o.isContradictory)
        #expect(o.acmgClass == .uncertainSignificance)
        #expect(o.explanation.contains("contradictory"))
    }

    @Test("Modified strengths count at the strength applied (ClinGen SVI 2017 nomenclature)")
    func modifiedStrengths() throws {
        #expect(try outcome("PM3_Very Strong, PS3").acmgClass == .pathogenic)
        #expect(try outcome("PVS1, PM2_Supporting").acmgClass == .uncertainSignificance, "strict 2015: 1 Very Strong + 1 Supporting meets no row")
        #expect(try outcome("PP4_Strong, PS3").pathogenicRule?.row == "ii")
    }

    @Test("Tavtigian 2018 / SVI additions: 1 Very Strong + ≥1 Supporting → LP; ≥2 Very Strong → P")
    func bayesianAdditions() throws {
        let lp = try outcome("PVS1, PM2_Supporting", bayes)
        #expect(lp.acmgClass == .likelyPathogenic)
        #expect(lp.pathogenicRule?.isAddition == true)
        #expect(try outcome("PVS1, PM3_Very Strong", bayes).acmgClass == .pathogenic)
        #expect(try outcome("PVS1, PM3_Very Strong").acmgClass == .uncertainSignificance)
        #expect(try outcome("PVS1", bayes).acmgClass == .uncertainSignificance)
    }

    @Test("Retired PP5/BP6 are not counted (Biesecker & Harrison 2018)")
    func retired() throws {
        #expect(try outcome("PM1, PM2, PP5, PP3").acmgClass == .uncertainSignificance)
    }
}
