import Testing
@testable import Classification

/// JSMO/JSCO/JCA evidence levels (NGS panel guidance ed. 2.1; Naito et al. 2021, Int J Clin Oncol 26:233,
/// Table 4) derived from one therapeutic evidence item: A approved (Japan/FDA) or guideline, this tumor type;
/// B trials, this tumor type; C approved or trials in another tumor type; D case reports; E preclinical;
/// R resistance. F (biology only) is decided by the classifier from the oncogenicity class.
@Suite("JSMO/JSCO/JCA level derivation")
struct JPLevelTests {
    static func item(_ level: String?, significance: String = "Sensitivity/Response", fda: Bool? = nil,
                     japan: Bool? = nil, category: ActionabilityEvidence.Category = .therapeutic) -> ActionabilityEvidence {
        ActionabilityEvidence(sourceID: "T", sourceLevel: level, category: category, sourceType: "Predictive", supports: true,
                              significance: significance, effect: ActionabilityEvidence.effect(civicSignificance: significance),
                              disease: "d", doid: nil, therapies: ["Drug"], fdaApproved: fda, approvedInJapan: japan)
    }

    @Test("sensitivity evidence by CIViC level and tumor context",
          arguments: [("A", true, JPEvidenceLevel.A), ("A", false, .C), ("B", true, .B), ("B", false, .C),
                      ("C", true, .D), ("C", false, .D), ("D", true, .E), ("E", false, .E)])
    func sensitivity(level: String, onLabel: Bool, expected: JPEvidenceLevel) {
        #expect(JPLevelDerivation.level(for: Self.item(level), onLabel: onLabel)?.level == expected)
    }

    @Test("an FDA approval stated by the source makes A on-label whatever the item level, C off-label")
    func approval() {
        #expect(JPLevelDerivation.level(for: Self.item("B", fda: true), onLabel: true)?.level == .A)
        #expect(JPLevelDerivation.level(for: Self.item("B", fda: true), onLabel: false)?.level == .C)
    }

    @Test("level A says whether approval in Japan is known (the KB has no PMDA approvals yet)")
    func japanApproval() {
        #expect(JPLevelDerivation.level(for: Self.item("A"), onLabel: true)?.reason.contains("approval in Japan not known") == true)
        #expect(JPLevelDerivation.level(for: Self.item("A", japan: true), onLabel: true)?.reason.hasPrefix("approved in Japan") == true)
    }

    @Test("resistance is R at any level and in any tumor type")
    func resistance() {
        for (l, on) in [("A", true), ("D", false)] {
            #expect(JPLevelDerivation.level(for: Self.item(l, significance: "Resistance"), onLabel: on)?.level == .R)
        }
    }

    @Test("prognostic or diagnostic evidence, adverse responses and submitted items get no JP drug level")
    func notLevelled() {
        var submitted = Self.item("A")
        submitted.status = "submitted"
        #expect(JPLevelDerivation.level(for: submitted, onLabel: true) == nil)
        #expect(JPLevelDerivation.level(for: Self.item("A", category: .prognostic), onLabel: true) == nil)
        #expect(JPLevelDerivation.level(for: Self.item("A", significance: "Adverse Response"), onLabel: true) == nil)
    }

    @Test("order: A is best, R sorts after F")
    func order() {
        #expect(JPEvidenceLevel.allCases.sorted() == [.A, .B, .C, .D, .E, .F, .R])
        #expect([JPEvidenceLevel.C, .A, .R].min() == .A)
    }
}
