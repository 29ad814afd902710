import Testing
@testable import Classification

/// Tavtigian et al. 2020 (Hum Mutat 41:1734, Table 3, https://pmc.ncbi.nlm.nih.gov/articles/PMC8011844/table/T3):
/// Supporting 1, Moderate 2, Strong 4, Very Strong 8, benign negative; P ≥ 10, LP 6–9, VUS 0–5, LB −1…−6, B ≤ −7.
@Suite struct PointsCombinerTests {
    @Test func pointValues() throws {
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PP3")) == 1)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PM1")) == 2)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PS3")) == 4)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PVS1")) == 8)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("BP4, BS1")) == -5)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("BA1")) == -8)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PVS1_Strong, PM2_Supporting, PS3_Moderate")) == 7)
        #expect(PointsCombiner.points(try AppliedCriterion.parseList("PM3_Very Strong, BS3_Supporting")) == 7)
    }

    @Test("Every boundary of Table 3, both sides", arguments: [
        (10, ACMGClass.pathogenic), (9, .likelyPathogenic), (6, .likelyPathogenic), (5, .uncertainSignificance),
        (0, .uncertainSignificance), (-1, .likelyBenign), (-6, .likelyBenign), (-7, .benign), (-20, .benign), (30, .pathogenic),
    ])
    func tavtigianBoundaries(points: Int, expected: ACMGClass) {
        #expect(PointThresholds.tavtigian2020.classify(points) == expected)
    }

    @Test("The clingen-svi-2024 scale reads −1 as Uncertain, −2 as Likely Benign")
    func sviBoundaries() {
        let t = ClassificationProfile.clingenSVI2024.thresholds
        #expect(t.classify(-1) == .uncertainSignificance)
        #expect(t.classify(-2) == .likelyBenign)
        #expect(t.classify(-7) == .benign)
        #expect(t.band(of: .likelyBenign) == "-2…-6")
    }
}
