import Foundation
import Testing
import TestSupport
@testable import Classification

/// PP3/BP4 from one calibrated missense predictor: Pejaver et al. 2022 (AJHG 109:2163, Table 2) for REVEL and
/// BayesDel (noAF); Bergquist et al. 2025 for AlphaMissense **[verify]**. "[" and "]" include a bound, "(" and
/// ")" exclude it: the benign intervals are closed above, the pathogenic ones closed below.
@Suite struct PejaverCalibrationTests {
    /// The band name a score lands in, "none" when indeterminate.
    static func label(_ predictor: MissensePredictor, _ score: Double) -> String {
        guard let band = predictor.calibration.band(for: score) else { return "none" }
        return "\(band.criterion.rawValue)_\(band.strength.label)"
    }

    @Test("REVEL: each Table 2 bound belongs to the interval the paper closes on it",
          arguments: [
            (0.0, "BP4_Very Strong"), (0.003, "BP4_Very Strong"), (0.0031, "BP4_Strong"),
            (0.016, "BP4_Strong"), (0.0161, "BP4_Moderate"), (0.183, "BP4_Moderate"), (0.1831, "BP4_Supporting"),
            (0.290, "BP4_Supporting"), (0.2901, "none"), (0.5, "none"), (0.6439, "none"),
            (0.644, "PP3_Supporting"), (0.7729, "PP3_Supporting"), (0.773, "PP3_Moderate"),
            (0.9319, "PP3_Moderate"), (0.932, "PP3_Strong"), (1.0, "PP3_Strong"),
          ])
    func revelBounds(score: Double, expected: String) {
        #expect(Self.label(.revel, score) == expected)
    }

    @Test("BayesDel noAF: bounds of Table 2 (no BP4 Strong or Very Strong)",
          arguments: [
            (-1.0, "BP4_Moderate"), (-0.36, "BP4_Moderate"), (-0.3599, "BP4_Supporting"), (-0.18, "BP4_Supporting"),
            (-0.1799, "none"), (0.1299, "none"), (0.13, "PP3_Supporting"), (0.2699, "PP3_Supporting"),
            (0.27, "PP3_Moderate"), (0.4999, "PP3_Moderate"), (0.50, "PP3_Strong"),
          ])
    func bayesDelBounds(score: Double, expected: String) {
        #expect(Self.label(.bayesDelNoAF, score) == expected)
    }

    @Test("AlphaMissense [verify]: bounds as listed for Bergquist 2025",
          arguments: [
            (0.070, "BP4_Moderate"), (0.0701, "BP4_Supporting"), (0.169, "BP4_Supporting"), (0.1691, "none"),
            (0.7919, "none"), (0.792, "PP3_Supporting"), (0.906, "PP3_Moderate"), (0.9899, "PP3_Moderate"),
            (0.990, "PP3_Strong"),
          ])
    func alphaMissenseBounds(score: Double, expected: String) {
        #expect(Self.label(.alphaMissense, score) == expected)
        #expect(MissensePredictor.alphaMissense.calibration.citation.verify)
    }

    @Test func noToolReachesVeryStrongPathogenic() {
        for p in MissensePredictor.allCases {
            #expect(!p.calibration.bands.contains { $0.criterion == .PP3 && $0.strength > .strong }, "\(p)")
        }
    }

    @Test func notationIsThePapers() {
        #expect(MissensePredictor.revel.calibration.bands.map(\.interval.description)
                == ["≤0.003", "(0.003,0.016]", "(0.016,0.183]", "(0.183,0.29]", "[0.644,0.773)", "[0.773,0.932)", "≥0.932"])
    }

    // MARK: - The calibration set

    /// Reads a numeric column of the Pejaver 2022 ClinVar 2019 set; nil for an empty cell.
    static func column(_ name: String) throws -> [Double?] {
        let text = try String(contentsOfFile: SharedData.path("classification/pejaver2022_clinvar2019_missense_insilico_scores.tsv"),
                              encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(header.firstIndex(of: name), "column \(name)")
        return try lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(f.count == header.count)
            return f[i].isEmpty ? nil : Double(f[i])
        }
    }

    /// An independent reading of Table 2: the interval strings as printed, parsed here, not `ScoreInterval`.
    static func published(_ notation: String, _ x: Double) -> Bool {
        if notation.hasPrefix("≤") { return x <= Double(notation.dropFirst())! }
        if notation.hasPrefix("≥") { return x >= Double(notation.dropFirst())! }
        let inner = notation.dropFirst().dropLast().split(separator: ",")
        let lo = Double(inner[0])!, hi = Double(inner[1])!
        let aboveLo = notation.hasPrefix("[") ? x >= lo : x > lo
        let belowHi = notation.hasSuffix("]") ? x <= hi : x < hi
        return aboveLo && belowHi
    }

    static func countByPublishedTable(_ scores: [Double?], _ table: [(String, String)]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for s in scores {
            guard let s else { counts["missing", default: 0] += 1; continue }
            let hit = table.first { published($0.1, s) }?.0 ?? "none"
            counts[hit, default: 0] += 1
        }
        return counts
    }

    static func countOurs(_ scores: [Double?], _ predictor: MissensePredictor) -> [String: Int] {
        var counts: [String: Int] = [:]
        for s in scores {
            guard let s else { counts["missing", default: 0] += 1; continue }
            // Through the criterion itself, with no splicing impact, so BP4 can be met.
            let r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, predictor: predictor,
                                                            missenseScore: s, spliceAIMaxDelta: 0))
            let met = [r.pp3, r.bp4].filter { $0.status == .met }
            let key = met.first.map { "\($0.criterion.rawValue)_\($0.strength.label)" } ?? "none"
            counts[key, default: 0] += 1
        }
        return counts
    }

    /// Every row's REVEL score gets from PP3/BP4 the strength of the Table 2 interval that holds it. The expected
    /// counts were measured with awk over column `REVEL_score` (11,834 rows; 471 have no REVEL score); 75 rows sit
    /// exactly on a bound (0.003 ×4, 0.016 ×11, 0.183 ×9, 0.29 ×16, 0.644 ×7, 0.773 ×10, 0.932 ×18).
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func revelOnTheCalibrationSet() throws {
        guard try SharedData.require() else { return }
        let scores = try Self.column("REVEL_score")
        #expect(scores.count == 11_834)
        let ours = Self.countOurs(scores, .revel)
        let table = Self.countByPublishedTable(scores, [
            ("BP4_Very Strong", "≤0.003"), ("BP4_Strong", "(0.003,0.016]"), ("BP4_Moderate", "(0.016,0.183]"),
            ("BP4_Supporting", "(0.183,0.290]"), ("PP3_Supporting", "[0.644,0.773)"),
            ("PP3_Moderate", "[0.773,0.932)"), ("PP3_Strong", "≥0.932"),
        ])
        #expect(ours == table)
        #expect(ours == [
            "BP4_Very Strong": 7, "BP4_Strong": 122, "BP4_Moderate": 2_905, "BP4_Supporting": 1_242,
            "none": 2_720, "PP3_Supporting": 924, "PP3_Moderate": 1_983, "PP3_Strong": 1_460, "missing": 471,
        ])
        // The bounds matter on this set: 0.29 (16 rows) is BP4_Supporting, 0.932 (18 rows) PP3_Strong.
        #expect(scores.filter { $0 == 0.29 }.count == 16)
        #expect(scores.filter { $0 == 0.932 }.count == 18)
    }

    /// The same for BayesDel noAF (column `BayesDel_nsfp33a_noAF`, no row missing), whose bounds are hit often:
    /// −0.36 ×91, −0.18 ×89, 0.13 ×64, 0.27 ×76, 0.5 ×75 (awk).
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func bayesDelOnTheCalibrationSet() throws {
        guard try SharedData.require() else { return }
        let scores = try Self.column("BayesDel_nsfp33a_noAF")
        let ours = Self.countOurs(scores, .bayesDelNoAF)
        let table = Self.countByPublishedTable(scores, [
            ("BP4_Moderate", "≤-0.36"), ("BP4_Supporting", "(-0.36,-0.18]"), ("PP3_Supporting", "[0.13,0.27)"),
            ("PP3_Moderate", "[0.27,0.50)"), ("PP3_Strong", "≥0.50"),
        ])
        #expect(ours == table)
        #expect(ours == ["BP4_Moderate": 3_148, "BP4_Supporting": 1_745, "none": 2_302, "PP3_Supporting": 993,
                         "PP3_Moderate": 1_865, "PP3_Strong": 1_781])
    }
}
