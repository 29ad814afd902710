import Testing
@testable import Classification

/// SpliceAI under the ClinGen SVI Splicing Subgroup recommendations (Walker et al. 2023, AJHG 110:1046):
/// max Δ ≥ 0.2 → PP3, ≤ 0.1 → BP4 (and BP7 for synonymous / deep intronic), in between no call; canonical ±1/2
/// sites belong to PVS1. For missense variants the splicing call joins the calibrated missense call.
@Suite struct SpliceAIEvidenceTests {
    func other(_ score: Double?) -> InSilicoEvidence.Results {
        InSilicoEvidence.evaluate(InSilicoInput(variantClass: .other, spliceAIMaxDelta: score))
    }

    @Test("thresholds are inclusive: 0.2 is PP3, 0.1 is BP4",
          arguments: [(0.0, "BP4"), (0.1, "BP4"), (0.10001, "none"), (0.15, "none"), (0.19999, "none"), (0.2, "PP3"), (0.97, "PP3")])
    func thresholds(score: Double, expected: String) {
        let r = other(score)
        let met = [r.pp3, r.bp4].filter { $0.status == .met }.map(\.criterion.rawValue)
        #expect(met == (expected == "none" ? [] : [expected]))
        for m in [r.pp3, r.bp4] where m.status == .met { #expect(m.strength == .supporting) }
    }

    @Test func missingScoreIsNotEvaluated() {
        let r = other(nil)
        guard case .notEvaluated = r.pp3.status, case .notEvaluated = r.bp4.status else {
            Issue.record("no SpliceAI score must leave PP3/BP4 not evaluated"); return
        }
    }

    @Test("canonical ±1/2: PP3 is not applied with PVS1 for the same evidence")
    func canonical() {
        let r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .canonicalSplice, spliceAIMaxDelta: 0.99))
        #expect(r.pp3.status == .notMet && r.bp4.status == .notMet)
    }

    @Test("missense: PP3 at the stronger of REVEL and SpliceAI, once")
    func missensePP3() {
        // REVEL indeterminate, splice impact → PP3_Supporting from splicing.
        var r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.5, spliceAIMaxDelta: 0.5))
        #expect(r.pp3.status == .met && r.pp3.strength == .supporting)
        // REVEL PP3_Strong with a splice impact stays Strong (not Strong + Supporting).
        r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.95, spliceAIMaxDelta: 0.5))
        #expect(r.pp3.status == .met && r.pp3.strength == .strong)
        #expect(r.bp4.status == .notMet)
        // No missense score, splice impact: PP3 from splicing; BP4 cannot be decided.
        r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: nil, spliceAIMaxDelta: 0.3))
        #expect(r.pp3.status == .met && r.pp3.strength == .supporting)
        guard case .notEvaluated = r.bp4.status else { Issue.record("BP4 without missense score"); return }
    }

    @Test("missense: BP4 needs the calibrated call and no predicted splicing impact")
    func missenseBP4() {
        var r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.01, spliceAIMaxDelta: 0.02))
        #expect(r.bp4.status == .met && r.bp4.strength == .strong)
        r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.01, spliceAIMaxDelta: 0.15))
        #expect(r.bp4.status == .notMet)
        r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.01, spliceAIMaxDelta: 0.3))
        #expect(r.bp4.status == .notMet)
        #expect(r.pp3.status == .met && r.pp3.strength == .supporting, "splicing impact alone gives PP3")
        r = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, missenseScore: 0.01, spliceAIMaxDelta: nil))
        guard case .notEvaluated(let reason) = r.bp4.status else { Issue.record("BP4 without SpliceAI"); return }
        #expect(reason.contains("REVEL 0.01 in (0.003,0.016] → BP4_Strong"))
        #expect(r.pp3.status == .notMet)
    }

    @Test("the predictor is the profile's: the same score reads differently per tool")
    func predictorChoice() {
        let revel = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, predictor: .revel, missenseScore: 0.5, spliceAIMaxDelta: 0))
        let bayesDel = InSilicoEvidence.evaluate(InSilicoInput(variantClass: .missense, predictor: .bayesDelNoAF, missenseScore: 0.5, spliceAIMaxDelta: 0))
        #expect(revel.pp3.status == .notMet && revel.bp4.status == .notMet)
        #expect(bayesDel.pp3.status == .met && bayesDel.pp3.strength == .strong)
        #expect(bayesDel.pp3.fact?.hasPrefix("BayesDel_noAF 0.5 in ≥0.5 → PP3_Strong") == true)
    }
}
