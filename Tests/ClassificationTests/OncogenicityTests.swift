import Foundation
import Testing
import TestSupport
@testable import Classification

/// ClinGen/CGC/VICC oncogenicity SOP (Horak et al. 2022, Genet Med 24:986): criteria points (Table 3: very strong
/// 8, strong 4, moderate 2, supporting 1, benign negative), classes by points (Oncogenic ≥ 10, Likely oncogenic
/// 6–9, VUS 0–5, Likely benign −1…−6, Benign ≤ −7), hotspot counts from cancerhotspots.org (Chang 2018, v2),
/// population cut-offs (SBVS1 > 5 %, SBS1 > 1 %), exclusions, and the OM3/OM4 label maps.
@Suite("Oncogenicity (Horak 2022)")
struct OncogenicityTests {
    static let hotspotPath = SharedData.path("tables/cancerhotspots/v2_multi_type_residue.txt")

    @Test("points → class at every boundary", arguments: [
        (10, OncogenicityClass.oncogenic), (18, .oncogenic), (9, .likelyOncogenic), (6, .likelyOncogenic),
        (5, .uncertainSignificance), (0, .uncertainSignificance), (-1, .likelyBenign), (-6, .likelyBenign),
        (-7, .benign), (-16, .benign),
    ])
    func classBoundaries(points: Int, expected: OncogenicityClass) {
        #expect(OncogenicityClass(points: points) == expected)
    }

    @Test("criterion points per Table 3")
    func points() {
        let byCode = Dictionary(uniqueKeysWithValues: OncogenicityCriterion.allCases.map { (OncogenicityLabelMap.horak2022.code($0), $0.points) })
        #expect(byCode == ["OVS1": 8, "OS1": 4, "OS2": 4, "OS3": 4, "OM1": 2, "OM2": 2, "OM3": 2, "OM4": 2,
                           "OP1": 1, "OP2": 1, "OP3": 1, "OP4": 1, "SBVS1": -8, "SBS1": -4, "SBS2": -4, "SBP1": -1, "SBP2": -1])
    }

    @Test("label maps: Horak Table 2 prints the low-count hotspot as OM3; PCGR prints it as OM4 and swaps the other")
    func labelMaps() {
        #expect(OncogenicityLabelMap.horak2022.code(.hotspotLowResidueCount) == "OM3")
        #expect(OncogenicityLabelMap.horak2022.code(.differentMissenseSameResidue) == "OM4")
        #expect(OncogenicityLabelMap.pcgr.code(.hotspotLowResidueCount) == "OM4")
        #expect(OncogenicityLabelMap.pcgr.code(.differentMissenseSameResidue) == "OM3")
        #expect(OncogenicityLabelMap.pcgr.criterion(code: "om4") == .hotspotLowResidueCount)
    }

    static func hotspots() throws -> CancerHotspots { try CancerHotspots.load(path: hotspotPath) }

    @Test("the v2 residue table: 1,024 single-residue amino-acid hotspots; BRAF V600 has 897 samples, 833 of them V600E",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func hotspotTable() throws {
        guard try SharedData.require() else { return }
        let h = try Self.hotspots()
        // 1,110 rows with a single position and no indel size, less 86 splice rows (X126, counts `sp:75`);
        // counted independently with Python's csv module.
        #expect(h.count == 1024)
        let v600 = try #require(h.residue(gene: "BRAF", position: 600))
        #expect(v600.samples == 897 && v600.changes["E"] == 833)
    }

    @Test("hotspot criteria from real counts: BRAF V600E → OS3; ESR1 Y537S (47 samples, 25 S) → OM3; ESR1 Y537D (1) and TP53 R175C (8) → OP3",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: [("BRAF", 600, "E", OncogenicityCriterion.hotspotHighCount), ("ESR1", 537, "S", .hotspotLowResidueCount),
                      ("ESR1", 537, "D", .hotspotRareChange), ("TP53", 175, "C", .hotspotRareChange)])
    func hotspotCriteria(gene: String, position: Int, alt: String, expected: OncogenicityCriterion) throws {
        guard try SharedData.require() else { return }
        let input = OncogenicityInput(gene: gene, variantClass: .missense, hotspot: try Self.hotspots().lookup(gene: gene, position: position, alt: alt))
        let r = OncogenicityClassifier().classify(input)
        let met = r.criteria.filter { $0.status == .met }.map(\.criterion)
        #expect(met == [expected])
        #expect(r.points == expected.points)
    }

    @Test("hotspot boundaries: 50 samples at the residue and 10 with the change are inclusive")
    func hotspotBoundaries() {
        func met(_ n: Int, _ k: Int) -> [String] {
            OncogenicityClassifier().classify(OncogenicityInput(hotspot: .hotspot(residue: "G R1", residueSamples: n, changeSamples: k, source: "t")))
                .criteria.filter { $0.status == .met }.map(\.code)
        }
        #expect(met(50, 10) == ["OS3"])
        #expect(met(49, 10) == ["OM3"])
        #expect(met(50, 9) == ["OP3"])
        #expect(met(49, 9) == ["OP3"])
    }

    @Test("population: SBVS1 above 5 %, SBS1 above 1 % (not both), OP4 only when absent", arguments: [
        (0.0501, true, ["SBVS1"], -8), (0.05, true, ["SBS1"], -4), (0.0101, true, ["SBS1"], -4), (0.01, true, [String](), 0),
        (0.0, false, ["OP4"], 1),
    ])
    func population(af: Double, present: Bool, codes: [String], points: Int) {
        let r = OncogenicityClassifier().classify(OncogenicityInput(populationMaxAF: af, presentInControls: present, populationSource: "gnomad"))
        #expect(r.criteria.filter { $0.status == .met }.map(\.code) == codes)
        #expect(r.points == points)
        if af > 0.05 {
            #expect(r.criteria.first { $0.code == "SBS1" }?.fact?.contains("not counted with SBVS1") == true)
        }
    }

    @Test("without facts every criterion is not evaluated, with its reason; the class is VUS at 0 points")
    func nothingKnown() {
        let r = OncogenicityClassifier().classify(OncogenicityInput())
        #expect(r.criteria.count == 17)
        #expect(r.criteria.allSatisfy { if case .notEvaluated = $0.status { true } else { false } })
        #expect(r.oncogenicityClass == .uncertainSignificance && r.points == 0 && r.metCodes == ".")
    }

    @Test("OVS1 needs a null variant in a tumor suppressor; OM2 needs an in-frame indel with a known role, never with OVS1")
    func nullAndLength() {
        let c = OncogenicityClassifier()
        #expect(c.classify(OncogenicityInput(gene: "TP53", geneRole: .tumorSuppressor, variantClass: .null)).metCodes == "OVS1")
        #expect(c.classify(OncogenicityInput(gene: "BRAF", geneRole: .oncogene, variantClass: .null)).metCodes == ".")
        if case .notEvaluated = c.classify(OncogenicityInput(variantClass: .null)).criteria[0].status {} else {
            Issue.record("OVS1 without a gene role must be not evaluated")
        }
        #expect(c.classify(OncogenicityInput(geneRole: .oncogene, variantClass: .inFrameIndel)).metCodes == "OM2")
        #expect(c.classify(OncogenicityInput(geneRole: .oncogene, variantClass: .stopLoss)).metCodes == ".")
        #expect(c.classify(OncogenicityInput(geneRole: .tumorSuppressor, variantClass: .stopLoss)).metCodes == "OM2")
    }

    @Test("a curator call replaces the computed result and exclusions still hold: OS1 by curation removes OS3")
    func curatorAndExclusion() {
        let input = OncogenicityInput(variantClass: .missense,
                                      hotspot: .hotspot(residue: "BRAF V600", residueSamples: 897, changeSamples: 833, source: "t"),
                                      presentInControls: false,
                                      curated: [OncogenicityCuratorCall(criterion: .sameAminoAcidChange, met: true, curator: "Dr. A",
                                                                         date: "2026-11-25", justification: "ClinGen SOP example"),
                                                OncogenicityCuratorCall(criterion: .functionalOncogenic, met: true, curator: "Dr. A",
                                                                         justification: "kinase assays")])
        let r = OncogenicityClassifier().classify(input)
        #expect(r.metCodes == "OS1&OS2&OP4")
        #expect(r.points == 9 && r.oncogenicityClass == .likelyOncogenic)
        #expect(r.criteria.first { $0.code == "OS3" }?.fact?.hasPrefix("not counted with OS1") == true)
        // The computed results are kept apart: OS3 was met before curation.
        #expect(r.computed.first { $0.criterion == .hotspotHighCount }?.status == .met)
        #expect(r.criteria.first { $0.code == "OS1" }?.origin == .curator(name: "Dr. A", date: "2026-11-25", justification: "ClinGen SOP example"))
    }
}

/// OP1/SBP1 from one calibrated predictor: Pejaver 2022 REVEL bands (PP3 from 0.644 inclusive, BP4 up to 0.290
/// inclusive); between them neither criterion.
@Suite("Oncogenicity computational line (OP1/SBP1)")
struct OncogenicityComputationalTests {
    @Test("REVEL at the band edges", arguments: [
        (0.644, OncogenicityInput.Computational.oncogenic, "OP1"), (0.6439, .mixed, "."), (0.932, .oncogenic, "OP1"),
        (0.290, .benign, "SBP1"), (0.2901, .mixed, "."), (0.003, .benign, "SBP1"),
    ])
    func revel(score: Double, expected: OncogenicityInput.Computational, codes: String) {
        let line = OncogenicityInput.Computational.from(predictor: .revel, score: score)
        #expect(line.value == expected)
        let r = OncogenicityClassifier().classify(OncogenicityInput(computational: line.value, computationalFact: line.fact))
        #expect(r.metCodes == codes)
        #expect(r.criteria.first { $0.code == "OP1" }?.fact == line.fact)
    }
}
