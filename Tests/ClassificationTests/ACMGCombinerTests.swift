import Foundation
import Testing
@testable import Classification

/// The clingen-svi-2024 profile's precedence (docs/classification.md) and the VCEP specifications.
@Suite struct ACMGCombinerTests {
    let combiner = ACMGCombiner()

    func combine(_ codes: String, gene: String? = nil, panel: String? = nil, variant: String? = nil,
                 profile: ClassificationProfile = .default) throws -> CombinationResult {
        ACMGCombiner(profile: profile).combine(try AppliedCriterion.parseList(codes), gene: gene, expertPanel: panel,
                                               variant: variant.flatMap { VariantName(describing: $0) })
    }

    @Test("1. BA1 ends the classification as Benign, whatever else is applied (Richards 2015 Benign (i); Ghosh 2018)")
    func ba1StandAlone() throws {
        let r = try combine("BA1, PVS1, PS3")
        #expect(r.acmgClass == .benign)
        #expect(r.decidedBy == .ba1)
        #expect(r.points == 4, "points are still reported: -8 + 8 + 4")
        #expect(r.table5.acmgClass == .uncertainSignificance, "Table 5 alone calls this contradictory")
    }

    @Test("BA1 on the Ghosh 2018 exception list is not counted")
    func ba1Exception() throws {
        let r = try combine("BA1, PM3_Strong, PP4", variant: "NM_004004.6(GJB2):c.109G>A (p.Val37Ile)")
        #expect(r.ignored.map(\.criterion.code) == ["BA1"])
        #expect(r.acmgClass == .uncertainSignificance)
        let other = try combine("BA1, PM3_Strong, PP4", variant: "NM_004004.6(GJB2):c.110G>A")
        #expect(other.acmgClass == .benign)
    }

    @Test("2. One direction and a Table 5 row met → the row decides, even against points")
    func tableDecides() throws {
        let r = try combine("PVS1, PM2")
        #expect(r.acmgClass == .likelyPathogenic)
        #expect(r.pointsClass == .pathogenic, "10 points")
        #expect(r.rule == "2015 Table 5: Likely Pathogenic (i) 1 Very Strong + 1 Moderate")
        let p = try combine("PS3, PS4, PM2_Supporting")
        #expect(p.acmgClass == .pathogenic)
        #expect(p.points == 9)
    }

    @Test("3. Table silent → points; −1 is Uncertain, −2…−6 Likely Benign")
    func silentUsesPoints() throws {
        #expect(try combine("BS1").acmgClass == .likelyBenign)
        #expect(try combine("BS1").rule == "points -4 → Likely Benign [-2…-6]; no 2015 Table 5 row met")
        #expect(try combine("BP4").acmgClass == .uncertainSignificance)
        #expect(try combine("PVS1_Strong, PM2_Supporting").acmgClass == .uncertainSignificance)
        #expect(try combine("PS3_Moderate, PM1, PP3, PP4").acmgClass == .likelyPathogenic, "6 points, no Table 5 row")
    }

    @Test("3. Evidence in both directions → points; a lone PM2_Supporting is not a direction")
    func conflictUsesPoints() throws {
        let r = try combine("PVS1, PS3, BS1")
        #expect(r.decidedBy == .points)
        #expect(r.acmgClass == .likelyPathogenic)
        let lb = try combine("BP4, BP7, PM2_Supporting")
        #expect(lb.acmgClass == .likelyBenign)
        #expect(lb.decidedBy == .table5)
        let vus = try combine("BP4, BP7, PM2_Supporting, PP3")
        #expect(vus.acmgClass == .uncertainSignificance)
    }

    @Test("A lone PM2 written at Moderate (a bare PM2 from a pre-2020 specification) is not a direction either")
    func lonePM2AtModerate() throws {
        // Rarity is the same observation the ClinGen SVI PM2 recommendation (v1.0, 2020) calibrates as Supporting:
        // without other pathogenic evidence it does not make BP4 + BP7 contradictory (Table 5 Likely benign (ii)).
        let lb = try combine("PM2, BP4, BP7")
        #expect(lb.points == 0, "points still count PM2 at the strength written: 2 − 1 − 1")
        #expect(lb.acmgClass == .likelyBenign)
        #expect(lb.decidedBy == .table5)
        #expect(try combine("PM2, BS1, BS2").acmgClass == .benign, "Table 5 Benign (ii)")
        // Any other pathogenic code makes the evidence conflicting again: points decide.
        let vus = try combine("PM2, PP3, BP4, BP7")
        #expect(vus.decidedBy == .points)
        #expect(vus.acmgClass == .uncertainSignificance)
        #expect(try combine("PM2, BP4, BP7", profile: .tavtigian2020Points).acmgClass == .uncertainSignificance,
                "points alone: 0")
        // The DICER1 override keeps its own wording (PM2_Supporting only).
        #expect(try combine("PM2, BP4, BS2_Supporting, BP7", gene: "DICER1").decidedBy != .specificationOverride)
    }

    @Test("Platelet Disorders VCEP (GN011, ITGA2B/ITGB3): thresholds and not-applicable rules from the eRepo criteria table; combining unchanged")
    func plateletDisorders() throws {
        let spec = try #require(SpecificationCatalog.builtIn.specification(gene: nil, expertPanel: "Platelet Disorders VCEP"))
        #expect(spec.versionedID == "GN011@2.1")
        #expect(spec.genes == ["ITGA2B", "ITGB3"])
        // eRepo guideline 011: BA1 > 0.0024, BS1 > 0.00158, PM2_Supporting < 0.0001.
        #expect(spec.frequency == FrequencyThresholds(ba1: 0.0024, bs1: 0.00158, pm2: 0.0001))
        #expect(spec.strengthChanges[.PM2] == .supporting)
        #expect(spec.combining == nil && spec.thresholds == nil, "no combining change is stated")
        // PS4 and BP1 "do not apply": a curator's PS4 is shown as ignored, not counted.
        let r = try combine("PVS1, PM3, PS4", gene: "ITGB3")
        #expect(r.specification == "GN011@2.1")
        #expect(r.ignored.map(\.criterion.code) == ["PS4"])
        #expect(r.acmgClass == .likelyPathogenic, "PVS1 + PM3: Table 5 Likely pathogenic (i)")
        #expect(try combine("PVS1, PM3, PS4", gene: "ITGB4").acmgClass == .pathogenic, "other genes keep PS4")
        #expect(try combine("BP1, BP4", gene: "ITGA2B").acmgClass == .uncertainSignificance, "BP1 ignored: one BP is not LB")
    }

    @Test("DICER1 VCEP Table 4: points only; −1 → Likely Benign only when PM2_Supporting is the only pathogenic code")
    func dicer1() throws {
        let caveat = try combine("BP4, BP7, BS2_Supporting, PM2_Supporting", gene: "DICER1")
        #expect(caveat.points == -2)
        #expect(caveat.acmgClass == .likelyBenign)
        let override = try combine("BP4, BS2_Supporting, PM2_Supporting", gene: "DICER1")
        #expect(override.points == -1)
        #expect(override.acmgClass == .likelyBenign)
        #expect(override.decidedBy == .specificationOverride)
        #expect(try combine("BP4", gene: "DICER1").acmgClass == .uncertainSignificance)
        #expect(try combine("PVS1, PM2", gene: "DICER1").acmgClass == .pathogenic, "points only: 10")
        #expect(try combine("PVS1, PM2", gene: "DICER1").specification == "DICER1-VCEP@1")
    }

    @Test("Glaucoma VCEP (MYOC v1): points decide, −1 is uncertain, −2…−6 likely benign (the panel's stated bands)")
    func glaucomaSpecification() throws {
        // BP4 + BP7 + PM2_Supporting scores −1: Table 5 Likely benign (ii) would apply, the panel's band says uncertain.
        let weak = try combine("BP7, PM2_Supporting, BP4", gene: "MYOC")
        #expect(weak.specification == "Glaucoma-VCEP@1")
        #expect(weak.points == -1)
        #expect(weak.acmgClass == .uncertainSignificance)
        #expect(try combine("BP7, PM2_Supporting, BP4").acmgClass == .likelyBenign, "without the specification: Table 5 LB (ii)")
        #expect(try combine("BS3_Moderate", gene: "MYOC").acmgClass == .likelyBenign, "−2 is the top of the LB band")
        #expect(try combine("PM1, PM2_Supporting, PP3, PP1", gene: "MYOC").acmgClass == .uncertainSignificance, "5 points")
        #expect(try combine("PS4, PM2_Supporting, PP1", gene: "MYOC").acmgClass == .likelyPathogenic, "6 points")
        #expect(SpecificationCatalog.builtIn.specification(gene: nil, expertPanel: "Glaucoma VCEP")?.id == "Glaucoma-VCEP")
    }

    @Test("The panel name chooses the specification before the gene")
    func specificationChoice() {
        let catalog = SpecificationCatalog.builtIn
        #expect(catalog.specification(gene: "RUNX1", expertPanel: nil)?.id == "GN008")
        #expect(catalog.specification(gene: "XYZ", expertPanel: "Myeloid  Malignancy VCEP")?.id == "GN008")
        #expect(catalog.specification(gene: "PAH", expertPanel: "Phenylketonuria VCEP") == nil)
        #expect(catalog.specification(gene: "tp53", expertPanel: nil)?.id == "GN009")
    }

    @Test("Framework profiles ignore specifications")
    func frameworkProfiles() throws {
        #expect(try combine("PVS1, PM2", gene: "DICER1", profile: .acmg2015).acmgClass == .likelyPathogenic)
        #expect(try combine("BP4", profile: .tavtigian2020Points).acmgClass == .likelyBenign)
        #expect(try combine("BA1, PVS1, PS3", profile: .tavtigian2020Points).acmgClass == .uncertainSignificance)
        #expect(ClassificationProfile.named("clingen-svi-2024@2") == .clingenSVI2024)
    }

    @Test("Specifications load from JSON; a later one replaces the built-in with the same id")
    func specificationJSON() throws {
        var catalog = SpecificationCatalog.builtIn
        let json = """
        [{"id":"LOCAL-1","title":"t","version":"1","expertPanels":[],"genes":["ABC1"],"combining":"tavtigian-2020-points",
          "minusOneIsLikelyBenignWithOnlyPM2Supporting":false,"strengthChanges":{"PM2":1},"disabledCriteria":["PP2"],
          "ba1Exceptions":[],"citations":[{"text":"x","verify":true}],"verify":[],"notes":[]}]
        """
        try catalog.add(json: Data(json.utf8))
        let spec = try #require(catalog.specification(gene: "ABC1", expertPanel: nil))
        #expect(spec.strengthChanges[.PM2] == .supporting)
        let r = ACMGCombiner(catalog: catalog).combine(try AppliedCriterion.parseList("PM1, PM2, PP2, PP3"), gene: "ABC1")
        #expect(r.ignored.map(\.criterion.criterion) == [.PP2])
        #expect(r.acmgClass == .uncertainSignificance, "points only: 5")
    }

    @Test("Computed and curator results are kept apart; the final set takes the curator's")
    func evidenceOverrides() {
        let e = Evidence(
            computed: [CriterionResult(criterion: .PM2, status: .met, strength: .supporting, fact: "absent from gnomAD", source: "gnomAD", version: "4.1"),
                       CriterionResult(criterion: .PP3, status: .notEvaluated(reason: "no REVEL score"))],
            overrides: [CriterionResult(criterion: .PP3, status: .met, origin: .curator(name: "A", date: "2025-01-01", justification: "splice assay"))])
        #expect(e.appliedComputed.map(\.code) == ["PM2_Supporting"])
        #expect(e.appliedFinal.map(\.code) == ["PM2_Supporting", "PP3"])
    }
}
