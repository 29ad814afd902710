import Foundation
import Testing
import TestSupport
@testable import Classification

/// The assembler: the three axes side by side. Tier III/IV when no evidence is tiered (IV for benign
/// oncogenicity or a population AF above 1 %); JP F for an oncogenic variant without drug evidence, R when only
/// resistance is known; therapies grouped per drug combination and effect.
@Suite("Somatic classifier (axes side by side)")
struct SomaticClassifierTests {
    static func classifier() throws -> SomaticClassifier {
        SomaticClassifier(oncoTree: try OncoTree.load(path: SharedData.path("tables/oncotree/oncotree_2025_10_03.tsv")))
    }

    static func resistance(_ id: String, level: String, doid: String) -> ActionabilityEvidence {
        ActionabilityEvidence(sourceID: id, sourceLevel: level, category: .therapeutic, sourceType: "Predictive", supports: true,
                              significance: "Resistance", effect: .resistance, disease: nil, doid: doid, therapies: ["Cetuximab"])
    }

    @Test("no evidence: a null TP53 variant is Likely oncogenic, Tier III, JP F — the axes are not merged",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func oncogenicWithoutEvidence() throws {
        guard try SharedData.require() else { return }
        let r = try Self.classifier().classify(tumorType: "BRCA", evidence: [],
                                               oncogenicity: OncogenicityInput(gene: "TP53", geneRole: .tumorSuppressor, variantClass: .null))
        #expect(r.oncogenicity.oncogenicityClass == .likelyOncogenic)
        #expect(r.amp.category.code == "III")
        #expect(r.jp.level == .F && r.jp.reason.hasPrefix("Likely_oncogenic (8 points)"))
        #expect(r.tumorTypeName == "Invasive Breast Carcinoma" && r.oncoTreeRelease == "oncotree_2025_10_03")
    }

    @Test("Tier IV: benign oncogenicity (SBVS1, SBS1), or a population AF above 1 % whatever the class; Tier III below",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tierIV() throws {
        guard try SharedData.require() else { return }
        let c = try Self.classifier()
        let common = try c.classify(tumorType: "COAD", evidence: [],
                                    oncogenicity: OncogenicityInput(populationMaxAF: 0.2, presentInControls: true))
        #expect(common.oncogenicity.oncogenicityClass == .benign && common.amp.category.code == "IV")
        let twoPercent = try c.classify(tumorType: "COAD", evidence: [],
                                        oncogenicity: OncogenicityInput(populationMaxAF: 0.02, presentInControls: true))
        #expect(twoPercent.oncogenicity.oncogenicityClass == .likelyBenign && twoPercent.amp.category.code == "IV")
        // OVS1 (+8) with SBS1 (−4) is a VUS at 4 points, yet 2 % of a population carry it: Tier IV by frequency.
        let commonNull = try c.classify(tumorType: "COAD", evidence: [],
                                        oncogenicity: OncogenicityInput(geneRole: .tumorSuppressor, variantClass: .null,
                                                                        populationMaxAF: 0.02, presentInControls: true))
        #expect(commonNull.oncogenicity.points == 4 && commonNull.amp.category.code == "IV")
        #expect(commonNull.amp.reason.contains("> 1 %"))
        let rare = try c.classify(tumorType: "COAD", evidence: [],
                                  oncogenicity: OncogenicityInput(populationMaxAF: 0.001, presentInControls: true))
        #expect(rare.amp.category.code == "III" && rare.jp.level == nil)
    }

    @Test("resistance only: JP R; the AMP tier still counts resistance (B in this tumor type → IB); one therapy row",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func resistanceOnly() throws {
        guard try SharedData.require() else { return }
        // DOID:9256 colorectal cancer → COADREAD, an ancestor of COAD.
        let r = try Self.classifier().classify(tumorType: "COAD", evidence: [Self.resistance("X:1", level: "B", doid: "9256"),
                                                                             Self.resistance("X:2", level: "D", doid: "9256")],
                                               oncogenicity: OncogenicityInput())
        #expect(r.jp.level == .R && r.jp.resistance == ["X:1", "X:2"])
        #expect(r.amp.category.code == "IB" && r.amp.decidedBy == ["X:1"])
        #expect(r.therapies.count == 1)
        #expect(r.therapies.first?.effect == .resistance && r.therapies.first?.ampLevel == .B && r.therapies.first?.jpLevel == .R)
        #expect(r.therapies.first?.sourceIDs == ["X:1", "X:2"])
    }
}
