/// Everything the sequence-based criteria read for one allele on its report transcript.
public struct SequenceInputs: Sendable, Hashable {
    public var pvs1: PVS1Input
    public var proteinLength: ProteinLengthInput
    public var inSilico: InSilicoInput
    public var silent: SilentVariantInput

    public init(pvs1: PVS1Input, proteinLength: ProteinLengthInput, inSilico: InSilicoInput, silent: SilentVariantInput) {
        self.pvs1 = pvs1
        self.proteinLength = proteinLength
        self.inSilico = inSilico
        self.silent = silent
    }
}

/// PVS1, PM4, BP3, PP3, BP4 and BP7 for one allele, with the double-counting rules between them: PM4 is not
/// applied with PVS1 (Richards 2015; Abou Tayoun 2018), and PP3 is not applied when PVS1 is met for the same
/// loss-of-function mechanism (Walker 2023 for canonical splice sites; extended here to every null variant
/// **[verify]**).
public enum SequenceCriteria {
    public static func evaluate(_ inputs: SequenceInputs) -> [CriterionResult] {
        let pvs1 = PVS1Criterion.evaluate(inputs.pvs1)
        var length = inputs.proteinLength
        length.pvs1Met = pvs1.status == .met
        var inSilico = InSilicoEvidence.evaluate(inputs.inSilico)
        if pvs1.status == .met, inSilico.pp3.status == .met {
            inSilico.pp3 = CriterionResult(criterion: .PP3, status: .notMet,
                                           fact: "PVS1 is met: PP3 is not applied for the same loss of function (\(inSilico.pp3.fact ?? ""))",
                                           source: SequenceSources.walker2023.description)
        }
        return [
            pvs1,
            ProteinLengthCriteria.pm4(length),
            inSilico.pp3,
            ProteinLengthCriteria.bp3(length),
            inSilico.bp4,
            SilentVariantCriterion.bp7(inputs.silent),
        ]
    }
}
