import Testing
@testable import Classification

/// AMP/ASCO/CAP 2017 levels from one evidence item (Li et al. 2017, J Mol Diagn 19:4, Table 3), with the CIViC
/// level mapping of the VICC meta-knowledgebase (A→A, B→B, C→C, D→D, E→D) and tumor context: level A or B in
/// another tumor type becomes C; diagnostic and prognostic evidence counts only in its own tumor type.
@Suite("AMP/ASCO/CAP level derivation")
struct AMPLevelTests {
    static func item(_ level: String, _ category: ActionabilityEvidence.Category = .therapeutic,
                     significance: String = "Sensitivity/Response", supports: Bool = true, status: String = "accepted") -> ActionabilityEvidence {
        ActionabilityEvidence(sourceID: "T:\(level)", sourceLevel: level, category: category, sourceType: category.rawValue,
                              supports: supports, significance: significance,
                              effect: ActionabilityEvidence.effect(civicSignificance: significance),
                              disease: "d", doid: nil, therapies: ["Drug"], status: status)
    }

    @Test("therapeutic evidence: on-label keeps the mapped level; off-label A and B become C, C and D stay",
          arguments: [("A", true, AMPLevel.A), ("B", true, .B), ("C", true, .C), ("D", true, .D), ("E", true, .D),
                      ("A", false, .C), ("B", false, .C), ("C", false, .C), ("D", false, .D), ("E", false, .D)])
    func therapeutic(level: String, onLabel: Bool, expected: AMPLevel) {
        #expect(AMPLevelDerivation.level(for: Self.item(level), onLabel: onLabel).level == expected)
    }

    @Test("resistance is tiered like sensitivity (Li 2017: response or resistance)")
    func resistance() {
        let r = Self.item("B", significance: "Resistance")
        #expect(AMPLevelDerivation.level(for: r, onLabel: true).level == .B)
        #expect(AMPLevelDerivation.level(for: r, onLabel: false).level == .C)
    }

    @Test("diagnostic and prognostic evidence: own tumor type only")
    func diagnosticPrognostic() {
        for c in [ActionabilityEvidence.Category.diagnostic, .prognostic] {
            #expect(AMPLevelDerivation.level(for: Self.item("A", c, significance: "Poor Outcome"), onLabel: true).level == .A)
            let off = AMPLevelDerivation.level(for: Self.item("A", c, significance: "Poor Outcome"), onLabel: false)
            #expect(off.level == nil)
            #expect(off.reason.contains("another tumor type"))
        }
    }

    @Test("not tiered: does-not-support, rejected or only submitted, predisposing/oncogenic types, adverse response")
    func notTiered() {
        #expect(AMPLevelDerivation.level(for: Self.item("A", status: "submitted"), onLabel: true).level == nil)
        #expect(AMPLevelDerivation.level(for: Self.item("A", supports: false), onLabel: true).level == nil)
        #expect(AMPLevelDerivation.level(for: Self.item("A", status: "rejected"), onLabel: true).level == nil)
        #expect(AMPLevelDerivation.level(for: Self.item("A", .other), onLabel: true).level == nil)
        #expect(AMPLevelDerivation.level(for: Self.item("A", significance: "Adverse Response"), onLabel: true).level == nil)
    }

    @Test("a CIViC assertion keeps its asserted level on-label; A off-label becomes C")
    func assertions() {
        var a = Self.item("A")
        a.isAssertion = true
        a.sourceLevel = nil
        a.assertedTier = "I"
        a.assertedLevel = "A"
        #expect(AMPLevelDerivation.level(for: a, onLabel: true).level == .A)
        #expect(AMPLevelDerivation.level(for: a, onLabel: false).level == .C)
        a.assertedLevel = nil
        #expect(AMPLevelDerivation.level(for: a, onLabel: true).level == nil)
    }

    @Test("tier codes and order: IA < IB < IIC < IID < III < IV")
    func categories() {
        let all = [AMPCategory(tier: .IV), AMPCategory(level: .D), AMPCategory(level: .A), AMPCategory(tier: .III),
                   AMPCategory(level: .C), AMPCategory(level: .B)]
        #expect(all.sorted().map(\.code) == ["IA", "IB", "IIC", "IID", "III", "IV"])
        #expect(AMPLevel.B.tier == .I && AMPLevel.C.tier == .II)
    }
}
