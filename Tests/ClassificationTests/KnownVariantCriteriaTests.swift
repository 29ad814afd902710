import Foundation
import Testing
import TestSupport
@testable import Classification

/// PS1, PM5 (Richards 2015 Table 3; known P/LP at the residue), PM1 (hotspot/domain), PP2/BP1 (gene flags).
@Suite struct KnownVariantCriteriaTests {
    /// TP53 p.R175H (c.524G>A), ClinVar Pathogenic, reviewed by expert panel.
    static let r175h = KnownPathogenicVariant(
        change: ProteinChange(gene: "TP53", transcript: "NM_000546.6", kind: .missense, position: 175, ref: "R", alt: "H",
                              cdna: "c.524G>A", alleleKey: "17:7675088:C:T"),
        significance: "Pathogenic", source: "ClinVar", stars: 3, id: "12374")

    static func change(_ alt: String, key: String, kind: ProteinChange.Kind = .missense, ref: String = "R", position: Int = 175) -> ProteinChange {
        ProteinChange(gene: "TP53", transcript: "NM_000546.6", kind: kind, position: position, ref: ref, alt: alt, alleleKey: key)
    }

    @Test("PS1: the same amino-acid change by another nucleotide change")
    func ps1() {
        // A hypothetical c.524_525delinsAT-style change to His at the same codon: same protein change, other nucleotides.
        let other = Self.change("H", key: "17:7675087:GC:AT")
        #expect(KnownResidueRules.ps1(other, known: [Self.r175h], mayAffectSplicing: false).status == .met)
        // The known variant itself is not evidence for itself.
        let same = Self.change("H", key: "17:7675088:C:T")
        #expect(KnownResidueRules.ps1(same, known: [Self.r175h], mayAffectSplicing: false).status == .notMet)
        // Not for a change that may act on splicing.
        let splice = KnownResidueRules.ps1(other, known: [Self.r175h], mayAffectSplicing: true)
        #expect(splice.status == .notMet)
        #expect(splice.fact?.contains("splicing") == true)
        // Another residue: no.
        #expect(KnownResidueRules.ps1(Self.change("H", key: "x", position: 176), known: [Self.r175h], mayAffectSplicing: false).status == .notMet)
    }

    @Test("PM5: another missense at a residue with a known P/LP missense; not together with PS1")
    func pm5() {
        let r175g = Self.change("G", key: "17:7675088:C:G")
        #expect(KnownResidueRules.pm5(r175g, known: [Self.r175h]).status == .met)
        #expect(KnownResidueRules.pm5(Self.change("H", key: "k"), known: [Self.r175h]).status == .notMet)
        #expect(KnownResidueRules.pm5(Self.change("*", key: "k", kind: .nonsense), known: [Self.r175h]).status == .notMet)
        // Both known R175H and R175G: a new R175G by other nucleotides is PS1, and PM5 is then withdrawn.
        var r175gKnown = Self.r175h
        r175gKnown.change.alt = "G"; r175gKnown.change.alleleKey = "17:7675088:C:G"
        let facts = GermlineFacts(gene: "TP53", proteinChange: Self.change("G", key: "17:7675087:GC:CC"), mayAffectSplicing: false,
                                  knownPathogenic: [Self.r175h, r175gKnown])
        let results = GermlineClassifier(profile: .acmg2015Bayesian).computedCriteria(facts)
        #expect(results.first { $0.criterion == .PS1 }?.status == .met)
        #expect(results.first { $0.criterion == .PM5 }?.status == .notMet)
    }

    @Test func pm5WithoutCodingChangeIsNotEvaluated() {
        guard case .notEvaluated = KnownResidueRules.pm5(nil, known: [Self.r175h]).status else { Issue.record("expected not evaluated"); return }
    }

    /// Reads the cancerhotspots v3 residue table (Chang et al. 2018) as the PM1 test's hotspot source.
    static func hotspots(gene: String) throws -> [MutationalHotspot] {
        let text = try String(contentsOfFile: SharedData.path("tables/cancerhotspots/v3_multi_type_residue.txt"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        let g = try #require(header.firstIndex(of: "Hugo_Symbol")), pos = try #require(header.firstIndex(of: "Amino_Acid_Position"))
        let refCol = try #require(header.firstIndex(of: "Reference_Amino_Acid")), n = try #require(header.firstIndex(of: "Tumor_Count"))
        let alts = try #require(header.firstIndex(of: "Variant_Amino_Acid"))
        return lines.compactMap { f in
            guard f[g] == gene, let p = Int(f[pos]), let count = Int(f[n]) else { return nil }
            var counts: [String: Int] = [:]
            for item in f[alts].split(separator: "|") {
                let kv = item.split(separator: ":")
                if kv.count == 2, let c = Int(kv[1]) { counts[String(kv[0])] = c }
            }
            return MutationalHotspot(gene: gene, position: p, ref: String(f[refCol].prefix(1)), samples: count,
                                     variantCounts: counts, source: "cancerhotspots v3")
        }
    }

    @Test("PM1 from the real cancerhotspots v3 table: TP53 R175 is a hotspot, R174 is not", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func pm1Hotspot() throws {
        guard try SharedData.require() else { return }
        let table = try Self.hotspots(gene: "TP53")
        let r175 = try #require(table.first { $0.position == 175 })
        #expect(r175.ref == "R")
        let met = PM1Rule.evaluate(Self.change("H", key: "k"), hotspots: table, domains: [])
        #expect(met.status == .met)
        #expect(met.fact?.contains("\(r175.samples) tumours") == true)
        #expect(met.fact?.contains("with R175H") == true)
        let notHotspot = PM1Rule.evaluate(Self.change("W", key: "k", ref: "E", position: 2), hotspots: table, domains: [])
        #expect(notHotspot.status == .notMet)
        guard case .notEvaluated = PM1Rule.evaluate(ProteinChange(gene: "NOTAGENE", kind: .missense, position: 1, ref: "M", alt: "V"),
                                                    hotspots: table, domains: []).status else { Issue.record("expected not evaluated"); return }
    }

    @Test func pm1Domain() {
        let domain = FunctionalDomain(gene: "TP53", start: 102, end: 292, name: "DNA-binding domain", citation: "configuration", strength: .moderate)
        #expect(PM1Rule.evaluate(Self.change("W", key: "k", ref: "R", position: 248), hotspots: [], domains: [domain]).status == .met)
        #expect(PM1Rule.evaluate(Self.change("W", key: "k", ref: "R", position: 337), hotspots: [], domains: [domain]).status == .notMet)
        #expect(PM1Rule.evaluate(Self.change("*", key: "k", kind: .nonsense, position: 248), hotspots: [], domains: [domain]).status == .notMet)
    }

    @Test func pp2AndBP1FollowTheGeneTable() {
        let m = Self.change("H", key: "k")
        #expect(MissenseGeneRules.pp2(m, flag: true).status == .met)
        #expect(MissenseGeneRules.pp2(m, flag: false).status == .notMet)
        guard case .notEvaluated = MissenseGeneRules.pp2(m, flag: nil).status else { Issue.record("expected not evaluated"); return }
        #expect(MissenseGeneRules.bp1(m, flag: true).status == .met)
        #expect(MissenseGeneRules.bp1(Self.change("*", key: "k", kind: .nonsense), flag: true).status == .notMet)
    }
}
