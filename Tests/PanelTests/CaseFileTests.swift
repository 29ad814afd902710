import Foundation
import HTS
import Testing
import TestSupport
@testable import Panel

/// The case file (issue #6, item 1): pseudonymous, strictly read, and every error names the field and what is
/// allowed without quoting the value (which may be patient data).
@Suite struct CaseFileTests {
    static let base = """
    schemaVersion: 1
    caseId: T-1
    patient:
      sex: female
      ageBand: "40-49"
    tumor:
      oncotree: BRCA
    specimen:
      type: ffpe
      collected: "2026-01-31"
      tumorCellContent: 30
    test:
      name: Panel X
      design: tumor_only
      genes: [TP53]
    inputs:
      somatic: t.vcf
    consent:
      secondaryFindings: undecided
    """

    func error(_ yaml: String) -> InputError? {
        do { _ = try CaseFileLoader.parse(yaml: yaml, file: "case.yaml"); return nil } catch { return error }
    }

    @Test func demoFixturesLoad() throws {
        for name in ["breast-tumor-only", "germline-brca1-consent", "germline-brca1-declined", "germline-brca1-undecided"] {
            let c = try CaseFileLoader.load(path: SharedData.fixture("cases/\(name).yaml"))
            #expect(c.demonstration != nil, "demo cases say they are demonstrations")
        }
        let a = try CaseFileLoader.load(path: SharedData.fixture("cases/breast-tumor-only.yaml"))
        #expect(a.test.design == .tumorOnly)
        #expect(a.specimen?.tumorCellContent == 40)
        #expect(a.consent.secondaryFindings == .undecided)
        let declined = try CaseFileLoader.load(path: SharedData.fixture("cases/germline-brca1-declined.yaml"))
        #expect(declined.consent.secondaryFindings == .no)
    }

    @Test func bareYesAndNoAreConsentAnswers() throws {
        // YAML 1.1 reads a bare `no` as a boolean; the case file means the consent answer.
        let c = try CaseFileLoader.parse(yaml: Self.base.replacingOccurrences(of: "secondaryFindings: undecided", with: "secondaryFindings: no"), file: "c")
        #expect(c.consent.secondaryFindings == .no)
    }

    @Test func unknownFieldIsNamedWithItsLineAndTheAllowedKeys() throws {
        let e = try #require(error(Self.base.replacingOccurrences(of: "  ageBand: \"40-49\"", with: "  ageBand: \"40-49\"\n  name: Jane Doe")))
        #expect(e.field == "patient.name")
        #expect(e.location == .line(6))
        #expect(e.problem == "unknown field")
        #expect(e.hint?.contains("sex, ageBand") == true)
        #expect(!e.description.contains("Jane"), "the value is never quoted")
    }

    @Test func vocabularyErrorListsTheAllowedValuesNotTheValue() throws {
        let e = try #require(error(Self.base.replacingOccurrences(of: "design: tumor_only", with: "design: tumour-only-secret")))
        #expect(e.field == "test.design")
        #expect(e.problem == "expected one of: tumor_only, tumor_normal, germline")
        #expect(e.location == .line(14))
        #expect(!e.description.contains("secret"))
    }

    @Test func rangeDateAndIdentifierChecks() throws {
        let content = try #require(error(Self.base.replacingOccurrences(of: "tumorCellContent: 30", with: "tumorCellContent: 130")))
        #expect(content.field == "specimen.tumorCellContent")
        #expect(content.hint == "a percentage from 0 to 100")
        #expect(content.location == .line(11))
        let date = try #require(error(Self.base.replacingOccurrences(of: "2026-01-31", with: "2026-02-30")))
        #expect(date.field == "specimen.collected")
        let id = try #require(error(Self.base.replacingOccurrences(of: "caseId: T-1", with: "caseId: Taro Yamada")))
        #expect(id.field == "caseId")
        #expect(!id.description.contains("Yamada"))
        let age = try #require(error(Self.base.replacingOccurrences(of: "\"40-49\"", with: "\"47\"")))
        #expect(age.field == "patient.ageBand")
    }

    @Test func missingAndMistypedFields() throws {
        let missing = try #require(error(Self.base.replacingOccurrences(of: "  sex: female\n", with: "")))
        #expect(missing.field == "patient.sex")
        #expect(missing.problem == "required field is missing")
        let typed = try #require(error(Self.base.replacingOccurrences(of: "genes: [TP53]", with: "genes: {a: 1}")))
        #expect(typed.field == "test.genes")
        #expect(typed.problem.hasPrefix("expected"))
        let design = try #require(error(Self.base.replacingOccurrences(of: "  somatic: t.vcf", with: "  germline: g.vcf")))
        #expect(design.field == "inputs.somatic")
    }

    @Test func syntaxErrorsGiveTheLineWithoutQuotingIt() throws {
        let e = try #require(error("schemaVersion: 1\ncaseId: [unclosed secret\n"))
        if case .line = e.location {} else { Issue.record("expected a line, got \(e.location)") }
        #expect(!e.description.contains("secret"))
    }

    /// The JSON Schema in docs/ and the loader agree on the keys at every level.
    @Test func jsonSchemaNamesTheSameKeys() throws {
        let url = SharedData.packageRoot.appendingPathComponent("docs/case-file.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func keys(_ object: [String: Any]) -> [String] { ((object["properties"] as? [String: Any]) ?? [:]).keys.sorted() }
        func object(at path: String) -> [String: Any]? {
            var current: [String: Any]? = schema
            for part in path.split(separator: ".") {
                var next = (current?["properties"] as? [String: Any])?[String(part)] as? [String: Any]
                if let ref = next?["$ref"] as? String, ref.hasPrefix("#/$defs/") {
                    next = (schema["$defs"] as? [String: Any])?[String(ref.dropFirst(8))] as? [String: Any]
                }
                current = next
            }
            return current
        }
        for (path, allowed) in CaseFileSchema.keys {
            let o = try #require(object(at: path), "schema has \(path)")
            #expect(keys(o) == allowed.sorted(), "keys of \(path.isEmpty ? "top level" : path)")
        }
    }
}
