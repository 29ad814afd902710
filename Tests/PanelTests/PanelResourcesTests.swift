import Foundation
import Testing
@testable import Panel

/// Templates ship as files with the build (issue #6: "templates live in files").
@Suite struct PanelResourcesTests {
    @Test func templatesFolderShipsWithTheBuild() throws {
        let url = try #require(PanelResources.templatesURL)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        #expect(names.contains { $0.hasSuffix(".mustache") })
    }

    /// The brief: "Japanese and English where people read it". A stage that did not run says why in the
    /// report's language, not in the engine's English.
    @Test("every reason a stage was not evaluated is worded in Japanese and in English", arguments: NotEvaluatedReason.allCases)
    func notEvaluatedReasonsInBothLanguages(reason: NotEvaluatedReason) throws {
        let en = try ReportStrings(language: .en), ja = try ReportStrings(language: .ja)
        let key = "stage_reason_\(reason.rawValue)"
        #expect(en.codes[key] == reason.detail)
        let japanese = try #require(ja.codes[key])
        #expect(japanese != reason.detail)
        #expect(japanese.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) })
        let state = StageState.notEvaluated(reason)
        #expect(state.reason == reason.rawValue && !state.isEvaluated)
    }

    @Test("the trials table's Japanese-sites values and the common registry statuses are worded in both languages")
    func trialWordsInBothLanguages() throws {
        let en = try ReportStrings(language: .en), ja = try ReportStrings(language: .ja)
        for v in ["yes", "no", "unknown"] {
            #expect(en.codes["sites_\(v)"] == v)
            #expect(ja.codes["sites_\(v)"].map { $0 != v } == true)
        }
        let statuses = en.codes.keys.filter { $0.hasPrefix("trial_status_") }
        #expect(statuses.count >= 9)
        for k in statuses { #expect(ja.codes[k] != nil && ja.codes[k] != en.codes[k], "\(k)") }
        #expect(ja["phase_n"].replacingOccurrences(of: "{n}", with: "3") == "第3相")
    }

    @Test("every STATUS of CSL_ACMG_EVIDENCE (docs/cli.md: met, not_met, not_evaluated) has a Japanese word")
    func criterionStatusWords() throws {
        let ja = try ReportStrings(language: .ja)
        #expect(["met", "not_met", "not_evaluated"].map { ja.code("criterion", $0) } == ["該当", "非該当", "未評価"])
    }
}
