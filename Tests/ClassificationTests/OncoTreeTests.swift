import Foundation
import Testing
import TestSupport
@testable import Classification

/// On-label versus off-label is decided in the OncoTree hierarchy (cBioPortal/oncotree, release 2025-10-03,
/// `../shared/data/tables/oncotree/oncotree_2025_10_03.tsv`): exact code or an ancestor of the tumor type is
/// on-label; a descendant is on-label unless the tumor type is a bare tissue; anything else is off-label.
@Suite("OncoTree hierarchy and on/off-label matching")
struct OncoTreeTests {
    static let path = SharedData.path("tables/oncotree/oncotree_2025_10_03.tsv")

    static func tree() throws -> OncoTree { try OncoTree.load(path: path) }

    @Test("the real release loads whole: 897 codes, 32 tissues, every parent resolvable",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func loadsRelease() throws {
        guard try SharedData.require() else { return }
        let t = try Self.tree()
        // PROVENANCE.md parse check: 897 nodes; levels 1=32, 2=233, 3=333, 4=147, 5=131, 6=21.
        #expect(t.nodes.count == 897)
        #expect(t.release == "oncotree_2025_10_03")
        let byLevel = Dictionary(grouping: t.nodes.values, by: \.level).mapValues(\.count)
        #expect(byLevel == [1: 32, 2: 233, 3: 333, 4: 147, 5: 131, 6: 21])
        #expect(t.node("SKCM")?.name == "Cutaneous Melanoma")
    }

    @Test("ancestry: SKCM → MEL → SKIN → root; LUAD → NSCLC → LUNG → root",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func ancestry() throws {
        guard try SharedData.require() else { return }
        let t = try Self.tree()
        #expect(t.ancestors(of: "SKCM") == ["MEL", "SKIN", "TISSUE"])
        #expect(t.ancestors(of: "LUAD") == ["NSCLC", "LUNG", "TISSUE"])
        #expect(t.ancestors(of: "COAD") == ["COADREAD", "BOWEL", "TISSUE"])
        #expect(t.ancestors(of: "NOPE").isEmpty)
    }

    @Test("match rule: exact, broader and narrower-under-a-disease are on-label; other branches, tissues and unmapped are off",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: [
            // (evidence, tumor, relation, onLabel)
            ("SKCM", "SKCM", OncoTreeMatch.Relation.exact, true),
            ("MEL", "SKCM", .evidenceBroader, true),
            ("TISSUE", "COAD", .evidenceBroader, true),       // pan-cancer evidence
            ("SKCM", "MEL", .evidenceNarrower, true),         // the tumor may be cutaneous: confirm the subtype
            ("SKCM", "SKIN", .evidenceNarrower, false),       // a tissue says too little
            ("NSCLC", "SKCM", .unrelated, false),
            ("MEL", "COAD", .unrelated, false),
            ("UM", "SKCM", .unrelated, false),                // uveal melanoma sits under EYE, not MEL
          ])
    func matchRule(evidence: String, tumor: String, relation: OncoTreeMatch.Relation, onLabel: Bool) throws {
        guard try SharedData.require() else { return }
        let m = try Self.tree().match(evidence: evidence, tumor: tumor)
        #expect(m.relation == relation)
        #expect(m.onLabel == onLabel)
    }

    @Test("an evidence disease with no OncoTree code is off-label, and says so",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func unmapped() throws {
        guard try SharedData.require() else { return }
        let t = try Self.tree()
        let m = t.match(evidence: nil, tumor: "SKCM")
        #expect(m.relation == .unmapped && !m.onLabel)
        #expect(t.match(evidence: "NOT_A_CODE", tumor: "SKCM").relation == .unmapped)
        #expect(m.explanation.contains("no OncoTree mapping"))
    }

    @Test("every code in the DOID → OncoTree map exists in this release (a renamed code would silently unmap evidence)",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func diseaseMapCodesExist() throws {
        guard try SharedData.require() else { return }
        let t = try Self.tree()
        let missing = DiseaseOncoTreeMap.byDOID.filter { !t.contains($0.value) }.map { "\($0.key)→\($0.value)" }.sorted()
        #expect(missing.isEmpty, "codes not in \(t.release): \(missing)")
        // CIViC's melanoma (DOID:1909) and skin melanoma (DOID:8923) land on MEL and SKCM.
        #expect(DiseaseOncoTreeMap.code(doid: "1909", name: "Melanoma", in: t) == "MEL")
        #expect(DiseaseOncoTreeMap.code(doid: "8923", name: "Skin Melanoma", in: t) == "SKCM")
        // Not in the map: falls back to the exact OncoTree name.
        #expect(DiseaseOncoTreeMap.code(doid: "999999", name: "Hairy Cell Leukemia", in: t) == "HCL")
        #expect(DiseaseOncoTreeMap.code(doid: "3883", name: "Lynch Syndrome", in: t) == nil)
    }

    @Test("a JSON round trip keeps the tree, including name lookups", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func codable() throws {
        guard try SharedData.require() else { return }
        let t = try Self.tree()
        let back = try JSONDecoder().decode(OncoTree.self, from: try JSONEncoder().encode(t))
        #expect(back == t)
        #expect(back.code(named: "cutaneous melanoma") == "SKCM")
    }

    @Test("a damaged table is refused with the line and field: missing column, duplicate code, unknown parent, bad level")
    func malformedTables() {
        func problem(_ text: String) -> SomaticInputError? {
            do { _ = try OncoTree(tsv: text, release: "t"); return nil } catch { return error }
        }
        #expect(problem("code\tname\tlevel\nA\tx\t1\n")?.field == "parent")
        let dup = problem("code\tname\tparent\tlevel\nA\tx\tTISSUE\t1\nA\ty\tTISSUE\t1\n")
        #expect(dup?.line == 3 && dup?.field == "code")
        #expect(problem("code\tname\tparent\tlevel\nB\tx\tA\t2\n")?.problem.contains("parent of B") == true)
        #expect(problem("code\tname\tparent\tlevel\nA\tx\tTISSUE\tone\n")?.field == "level")
        #expect(problem("code\tname\tparent\tlevel\nA\tx\tTISSUE\t1\nB\ty\tA\t2\n") == nil)
    }

    @Test("the classifier refuses a tumor type that is not an OncoTree code", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func unknownTumorType() throws {
        guard try SharedData.require() else { return }
        let c = SomaticClassifier(oncoTree: try Self.tree())
        #expect(throws: SomaticInputError.self) { try c.validate(tumorType: "MELANOMA") }
        #expect(throws: Never.self) { try c.validate(tumorType: "SKCM") }
    }
}
