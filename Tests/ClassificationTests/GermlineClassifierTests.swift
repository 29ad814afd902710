import Foundation
import Testing
@testable import Classification

/// The assembler (issue 5 parts 1–3): facts in, every criterion computed and final, both combinations, class.
@Suite struct GermlineClassifierTests {
    static let pvs1 = CriterionResult(criterion: .PVS1, status: .met, strength: .veryStrong, fact: "stop_gained, NMD predicted",
                                      source: "Abou Tayoun et al. 2018")
    static let sources = [PopulationFrequency.absent(source: "gnomad_exomes", version: "v4.0"),
                          PopulationFrequency.absent(source: "gnomad_genomes", version: "v4.0"),
                          PopulationFrequency.absent(source: "tommo", isJapanese: true)]

    @Test("PVS1 + PM2_Supporting → Likely Pathogenic (SVI PM2 v1.0 / Tavtigian 2018 addition), both combiners reported")
    func nullVariantAbsentFromControls() throws {
        let facts = GermlineFacts(variant: VariantName(gene: "PALB2", cdna: "c.1240C>T"), gene: "PALB2", frequencies: Self.sources,
                                  clinvar: ClinVarContext(id: "126625", significance: "Pathogenic", stars: 3),
                                  sequenceResults: [Self.pvs1])
        let c = GermlineClassifier().classify(facts)
        #expect(c.acmgClass == .likelyPathogenic)
        #expect(c.points == 9)
        #expect(c.final.table5.pathogenicRule?.outcome == .likelyPathogenic)
        #expect(c.final.pointsClass == .likelyPathogenic)
        #expect(c.criteriaField == "PVS1&PM2_Supporting")
        #expect(c.ruleField == "clingen-svi-2024@2:PVS1+PM2_Supporting->LP(table5 points 9)")
        // Every criterion considered appears once; PP5/BP6 never do; ClinVar is context.
        #expect(Set(c.criteria.map(\.criterion)).count == c.criteria.count)
        #expect(!c.criteria.contains { $0.criterion == .PP5 || $0.criterion == .BP6 })
        #expect(c.criteria.contains { $0.criterion == .PS3 && $0.final.status != .met })
        #expect(c.clinvar?.significance == "Pathogenic")
        #expect(c.computed == c.final)
    }

    @Test("A curator's change keeps the computed result next to the final one")
    func curatorOverride() throws {
        let facts = GermlineFacts(variant: VariantName(gene: "BRCA1", cdna: "c.5096G>A"), gene: "BRCA1", frequencies: Self.sources,
                                  sequenceResults: [Self.pvs1],
                                  curatorEntries: [
                                    CuratorEntry(criterion: .PM2, met: false, justification: "seen in the in-house controls",
                                                 curator: "curator-7", date: "2026-11-01", source: "curations.tsv line 3"),
                                    CuratorEntry(AppliedCriterion(.PS3, .moderate), justification: "functional assay (MAVE) abnormal",
                                                 curator: "curator-7", date: "2026-11-01"),
                                  ])
        let c = GermlineClassifier().classify(facts)
        let pm2 = try #require(c.criteria.first { $0.criterion == .PM2 })
        #expect(pm2.computed?.status == .met)
        #expect(pm2.final.status == .notMet)
        #expect(pm2.isOverridden)
        #expect(pm2.final.origin == .curator(name: "curator-7", date: "2026-11-01", justification: "seen in the in-house controls"))
        let ps3 = try #require(c.criteria.first { $0.criterion == .PS3 })
        #expect(ps3.final.applied == AppliedCriterion(.PS3, .moderate))
        guard case .notEvaluated = ps3.computed?.status else { Issue.record("PS3 is a curator criterion"); return }
        // Computed: PVS1 + PM2_Supporting (LP); final: PVS1 + PS3_Moderate → LP by Table 5 LP (i) 1 VS + 1 M.
        #expect(c.computed.counted.map(\.code) == ["PVS1", "PM2_Supporting"])
        #expect(c.final.counted.map(\.code) == ["PVS1", "PS3"].map { $0 == "PS3" ? "PS3_Moderate" : $0 })
        #expect(c.final.acmgClass == .likelyPathogenic)
        #expect(c.final.table5.pathogenicRule?.row == "i")
    }

    @Test("Specification strength change: RUNX1 (GN008) applies computed PM1 at Supporting")
    func specificationStrengthChange() throws {
        let change = ProteinChange(gene: "RUNX1", kind: .missense, position: 201, ref: "R", alt: "Q")
        let domain = FunctionalDomain(gene: "RUNX1", start: 77, end: 204, name: "Runt homology domain", citation: "test configuration")
        let facts = GermlineFacts(gene: "RUNX1", frequencies: Self.sources, proteinChange: change, domains: [domain])
        let c = GermlineClassifier().classify(facts)
        #expect(c.specification == "GN008@2")
        let pm1 = try #require(c.criteria.first { $0.criterion == .PM1 })
        #expect(pm1.final.applied == AppliedCriterion(.PM1, .supporting))
        #expect(c.criteriaField == "PM1_Supporting&PM2_Supporting")
    }

    @Test("The classification is Codable: what the report issue reads round-trips")
    func codableRoundTrip() throws {
        let facts = GermlineFacts(variant: VariantName(gene: "PALB2", cdna: "c.1240C>T"), gene: "PALB2", frequencies: Self.sources,
                                  sequenceResults: [Self.pvs1],
                                  curatorEntries: [CuratorEntry(AppliedCriterion(.PP4), justification: "phenotype", curator: "c1")])
        let c = GermlineClassifier().classify(facts)
        let data = try JSONEncoder().encode(c)
        let back = try JSONDecoder().decode(GermlineClassification.self, from: data)
        #expect(back == c)
    }

    @Test("BA1 ends the classification (SVI) while the computed BS1/PM2 are still shown")
    func ba1Benign() {
        let common = [PopulationFrequency(source: "gnomad_genomes", af: 0.12, ac: 18_000, an: 150_000, nhomalt: 900, afGrpmax: 0.2, faf95: 0.19)]
        let c = GermlineClassifier().classify(GermlineFacts(variant: VariantName(gene: "TP53", cdna: "c.215C>G"), gene: "TP53", frequencies: common))
        #expect(c.acmgClass == .benign)
        #expect(c.criteria.first { $0.criterion == .PM2 }?.final.status == .notMet)
        #expect(c.criteriaField == "BA1")
    }
}
