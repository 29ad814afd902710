import Testing
@testable import Classification

/// The spellings of the ClinGen Evidence Repository column `Applied Evidence Codes (Met)` (all seen in the dev set)
/// and ClinGen SVI's strength-suffix nomenclature.
@Suite struct CriterionParsingTests {
    @Test(arguments: [
        ("PVS1", Criterion.PVS1, Strength.veryStrong), ("PM2", .PM2, .moderate), ("PM2_Supporting", .PM2, .supporting),
        ("PS3_Moderate", .PS3, .moderate), ("PVS1_Strong", .PVS1, .strong), ("PM3_Very Strong", .PM3, .veryStrong),
        ("PS2_Very Strong", .PS2, .veryStrong), ("BP1_Strong", .BP1, .strong), ("BS2_Stand Alone", .BS2, .standAlone),
        ("BA1", .BA1, .standAlone), ("pp3_moderate", .PP3, .moderate), ("PP4-Strong", .PP4, .strong),
        ("PM3_VeryStrong", .PM3, .veryStrong), ("PS3 (Supporting)", .PS3, .supporting),
    ])
    func spellings(text: String, criterion: Criterion, strength: Strength) throws {
        let c = try AppliedCriterion(parsing: text)
        #expect(c.criterion == criterion)
        #expect(c.strength == strength)
    }

    @Test func codeRoundTrip() throws {
        #expect(try AppliedCriterion(parsing: "PM3_Very Strong").code == "PM3_Very Strong")
        #expect(try AppliedCriterion(parsing: "PM2_Moderate").code == "PM2", "the default strength prints bare")
    }

    @Test func lists() throws {
        let list = try AppliedCriterion.parseList("PVS1, PM2_Supporting, PP4_Moderate")
        #expect(list.map(\.code) == ["PVS1", "PM2_Supporting", "PP4_Moderate"])
        #expect(try AppliedCriterion.parseList("").isEmpty)
    }

    @Test func errorsNameTheItem() {
        #expect(throws: CriterionListError(item: 2, problem: .unknownCriterion)) { try AppliedCriterion.parseList("PVS1, PX9") }
        #expect(throws: CriterionListError(item: 1, problem: .unknownStrength)) { try AppliedCriterion.parseList("PM2_Weak") }
        #expect(throws: CriterionListError(item: 1, problem: .standAloneNotBenign)) { try AppliedCriterion.parseList("PVS1_Stand Alone") }
        #expect(throws: CriterionListError(item: 1, problem: .ba1NotStandAlone)) { try AppliedCriterion.parseList("BA1_Strong") }
    }

    @Test func classLabels() {
        #expect(ACMGClass(label: "Uncertain Significance") == .uncertainSignificance)
        #expect(ACMGClass(label: "likely pathogenic") == .likelyPathogenic)
        #expect(ACMGClass(label: "VUS") == .uncertainSignificance)
        #expect(ACMGClass(label: "conflicting") == nil)
    }
}
