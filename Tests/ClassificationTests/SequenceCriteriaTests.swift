import Testing
@testable import Classification

/// PM4, BP3 (Richards et al. 2015, Tables 3–4) and BP7 (Richards 2015; Walker et al. 2023 for intronic
/// variants at or beyond +7 / −21 and SpliceAI ≤ 0.1).
@Suite struct SequenceCriteriaTests {
    @Test("PM4: in-frame indel outside a repeat, or stop-loss")
    func pm4() {
        #expect(ProteinLengthCriteria.pm4(.init(change: .inFrameIndel(residues: 1), inRepeatRegion: false)).status == .met)
        #expect(ProteinLengthCriteria.pm4(.init(change: .stopLoss)).status == .met)
        #expect(ProteinLengthCriteria.pm4(.init(change: .inFrameIndel(residues: 2), inRepeatRegion: true)).status == .notMet)
        #expect(ProteinLengthCriteria.pm4(.init(change: .other, inRepeatRegion: false)).status == .notMet)
        if case .notEvaluated = ProteinLengthCriteria.pm4(.init(change: .inFrameIndel(residues: 1))).status {} else {
            Issue.record("unknown repeat status must be not evaluated")
        }
        let withPVS1 = ProteinLengthCriteria.pm4(.init(change: .stopLoss, pvs1Met: true))
        #expect(withPVS1.status == .notMet)
        #expect(withPVS1.fact?.contains("PVS1") == true)
        #expect(ProteinLengthCriteria.pm4(.init(change: .stopLoss)).strength == .moderate)
    }

    @Test("BP3: in-frame indel in a repeat without known function")
    func bp3() {
        let met = ProteinLengthCriteria.bp3(.init(change: .inFrameIndel(residues: 1), inRepeatRegion: true,
                                                   repeatNote: "5 tandem copies of GAG"))
        #expect(met.status == .met && met.strength == .supporting)
        #expect(met.fact == "in-frame indel of 1 residue in a repeat region without known function (5 tandem copies of GAG)")
        #expect(ProteinLengthCriteria.bp3(.init(change: .inFrameIndel(residues: 1), inRepeatRegion: true,
                                                repeatHasKnownFunction: true)).status == .notMet)
        #expect(ProteinLengthCriteria.bp3(.init(change: .inFrameIndel(residues: 1), inRepeatRegion: false)).status == .notMet)
        #expect(ProteinLengthCriteria.bp3(.init(change: .stopLoss, inRepeatRegion: true)).status == .notMet)
    }

    @Test("BP7: synonymous, or intronic from +7 / −21 on, with SpliceAI ≤ 0.1",
          arguments: [
            (SilentVariantInput.Location.synonymous, 0.1, "met"), (.synonymous, 0.11, "not met"),
            (.intronic(offset: 7), 0.0, "met"), (.intronic(offset: 6), 0.0, "not met"),
            (.intronic(offset: -21), 0.05, "met"), (.intronic(offset: -20), 0.0, "not met"),
            (.intronic(offset: 150), 0.3, "not met"), (.other, 0.0, "not met"),
          ])
    func bp7(location: SilentVariantInput.Location, score: Double, expected: String) {
        let r = SilentVariantCriterion.bp7(.init(location: location, spliceAIMaxDelta: score))
        #expect((r.status == .met ? "met" : "not met") == expected)
    }

    @Test func bp7NeedsSpliceAIAndNoConservation() {
        if case .notEvaluated = SilentVariantCriterion.bp7(.init(location: .synonymous)).status {} else {
            Issue.record("no SpliceAI score must leave BP7 not evaluated")
        }
        #expect(SilentVariantCriterion.bp7(.init(location: .synonymous, spliceAIMaxDelta: 0, highlyConserved: true)).status == .notMet)
        #expect(SilentVariantCriterion.bp7(.init(location: .synonymous, spliceAIMaxDelta: 0)).fact
                == "synonymous, SpliceAI max Δ 0 ≤ 0.1: no splicing impact predicted; conservation not assessed")
    }
}
