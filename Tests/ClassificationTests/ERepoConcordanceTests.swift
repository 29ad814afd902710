import Foundation
import Testing
import TestSupport
@testable import Classification

/// Acceptance (issue 5): the panels' own applied codes from the ClinGen Evidence Repository dev set
/// (`classification/clingen_erepo_dev.tsv`, 1,956 rows, 5 retracted dropped) reproduce the panels' class.
///
/// Measured (docs/classification.md): clingen-svi-2024 1,905/1,951 = 97.64 % (1,901 before the Glaucoma VCEP
/// specification, whose point bands move two MYOC rows; 1,903 before a lone PM2 written at Moderate stopped counting
/// as a direction, which moves two PTEN rows PM2 + BP4 + BP7 to Likely benign). Baselines from PROVENANCE.md: points alone 94.2 % and the
/// 2015 table 94.8 % (the latter with the Tavtigian 2018 / SVI additions; strictly as printed, 90.6 %). The ≥ 98 %
/// goal is not reached with general rules and the encoded specifications; docs/classification.md lists the 46 misses,
/// 15 of which are rows whose own summary states other codes or a class outside the panel's rules.
@Suite struct ERepoConcordanceTests {
    struct Row {
        var truth: ACMGClass
        var criteria: [AppliedCriterion]
        var gene: String
        var panel: String
        var variant: String
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOfFile: SharedData.path("classification/clingen_erepo_dev.tsv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func col(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "column \(name)") }
        let (assertion, codes, gene, panel, retracted, variation) = (try col("Assertion"), try col("Applied Evidence Codes (Met)"),
            try col("HGNC Gene Symbol"), try col("Expert Panel"), try col("Retracted"), try col("#Variation"))
        var rows: [Row] = []
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f[retracted] == "True" { continue }
            rows.append(Row(truth: try #require(ACMGClass(label: f[assertion])), criteria: try AppliedCriterion.parseList(f[codes]),
                            gene: f[gene], panel: f[panel], variant: f[variation]))
        }
        return rows
    }

    /// Matches and the confusion table (panel class → our class).
    static func measure(_ profile: ClassificationProfile) throws -> (matches: Int, total: Int, confusion: [ACMGClass: [ACMGClass: Int]]) {
        let combiner = ACMGCombiner(profile: profile)
        var confusion: [ACMGClass: [ACMGClass: Int]] = [:]
        var matches = 0
        let rows = try rows()
        for row in rows {
            let c = combiner.combine(row.criteria, gene: row.gene, expertPanel: row.panel,
                                     variant: VariantName(describing: row.variant, gene: row.gene)).acmgClass
            confusion[row.truth, default: [:]][c, default: 0] += 1
            if c == row.truth { matches += 1 }
        }
        return (matches, rows.count, confusion)
    }

    static func percent(_ m: (matches: Int, total: Int, confusion: [ACMGClass: [ACMGClass: Int]])) -> Double {
        100 * Double(m.matches) / Double(m.total)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func defaultProfileConcordance() throws {
        guard try SharedData.require() else { return }
        let m = try Self.measure(.clingenSVI2024)
        #expect(m.total == 1951)
        #expect(m.matches == 1905)
        #expect((Self.percent(m) * 100).rounded() / 100 == 97.64)
        // The confusion table reported in docs/classification.md.
        let c = m.confusion
        #expect(c[.pathogenic]?[.pathogenic] == 522)
        #expect(c[.likelyPathogenic]?[.likelyPathogenic] == 413)
        #expect(c[.uncertainSignificance]?[.uncertainSignificance] == 575)
        #expect(c[.likelyBenign]?[.likelyBenign] == 178)
        #expect(c[.benign]?[.benign] == 217)
        #expect(c[.uncertainSignificance]?[.likelyBenign] == 16, "largest off-diagonal cell: panels' VUS that points call LB")
    }

    @Test("Baseline: Tavtigian 2020 points alone reproduce 94.2 % (PROVENANCE.md)", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func pointsBaseline() throws {
        guard try SharedData.require() else { return }
        let m = try Self.measure(.tavtigian2020Points)
        #expect(m.matches == 1837)
        #expect((Self.percent(m) * 10).rounded() / 10 == 94.2)
    }

    @Test("Baseline: the 2015 table reproduces 94.8 % with the Bayesian additions, 90.6 % as printed", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func table5Baseline() throws {
        guard try SharedData.require() else { return }
        let bayes = try Self.measure(.acmg2015Bayesian)
        #expect(bayes.matches == 1849)
        #expect((Self.percent(bayes) * 10).rounded() / 10 == 94.8)
        let strict = try Self.measure(.acmg2015)
        #expect(strict.matches == 1767)
    }
}
