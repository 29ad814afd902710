/// What PM4 and BP3 are decided from: the kind of protein-length change and whether it lies in a repeat.
public struct ProteinLengthInput: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        /// In-frame deletion or insertion of `residues` amino acids (deletions and insertions alike).
        case inFrameIndel(residues: Int)
        /// The stop codon is lost and the protein extended.
        case stopLoss
        /// Anything else: no protein-length change by PM4/BP3's definition.
        case other
    }

    public var change: Change
    /// Whether the indel lies in a repetitive region (nil: not known).
    public var inRepeatRegion: Bool?
    /// Whether the repeat region has a known function (BP3 needs it to have none; nil: not known, read as none).
    public var repeatHasKnownFunction: Bool?
    /// PVS1 is met for the same variant: PM4 would count the same loss twice (Richards 2015; SVI).
    public var pvs1Met: Bool
    /// How the repeat was found, for the evidence text (e.g. "3 tandem copies of CAG in the reference").
    public var repeatNote: String?

    public init(change: Change, inRepeatRegion: Bool? = nil, repeatHasKnownFunction: Bool? = nil,
                pvs1Met: Bool = false, repeatNote: String? = nil) {
        self.change = change
        self.inRepeatRegion = inRepeatRegion
        self.repeatHasKnownFunction = repeatHasKnownFunction
        self.pvs1Met = pvs1Met
        self.repeatNote = repeatNote
    }
}

/// PM4 (protein length changed by an in-frame indel in a non-repeat region, or by stop-loss) and BP3 (in-frame
/// indel in a repetitive region without a known function), Richards et al. 2015, Tables 3–4.
public enum ProteinLengthCriteria {
    public static func pm4(_ input: ProteinLengthInput) -> CriterionResult {
        let source = SequenceSources.richards2015.description
        func make(_ status: CriterionStatus, _ fact: String?) -> CriterionResult {
            CriterionResult(criterion: .PM4, status: status, fact: fact, source: source)
        }
        if input.pvs1Met {
            return make(.notMet, "PVS1 is met: PM4 is not applied with PVS1 for the same variant")
        }
        switch input.change {
        case .other:
            return make(.notMet, "no in-frame indel or stop-loss")
        case .stopLoss:
            return make(.met, "stop-loss: the protein is extended")
        case .inFrameIndel(let residues):
            let what = "in-frame indel of \(residues) residue\(residues == 1 ? "" : "s")"
            switch input.inRepeatRegion {
            case false?: return make(.met, "\(what) outside a repeat region" + note(input))
            case true?: return make(.notMet, "\(what) in a repeat region" + note(input) + " (see BP3)")
            case nil: return make(.notEvaluated(reason: "\(what): not known whether it lies in a repeat region"), nil)
            }
        }
    }

    public static func bp3(_ input: ProteinLengthInput) -> CriterionResult {
        let source = SequenceSources.richards2015.description
        func make(_ status: CriterionStatus, _ fact: String?) -> CriterionResult {
            CriterionResult(criterion: .BP3, status: status, fact: fact, source: source)
        }
        guard case .inFrameIndel(let residues) = input.change else {
            return make(.notMet, "not an in-frame indel")
        }
        let what = "in-frame indel of \(residues) residue\(residues == 1 ? "" : "s")"
        switch input.inRepeatRegion {
        case nil: return make(.notEvaluated(reason: "\(what): not known whether it lies in a repeat region"), nil)
        case false?: return make(.notMet, "\(what) outside a repeat region" + note(input))
        case true?:
            if input.repeatHasKnownFunction == true {
                return make(.notMet, "\(what) in a repeat region with a known function" + note(input))
            }
            return make(.met, "\(what) in a repeat region without known function" + note(input))
        }
    }

    private static func note(_ input: ProteinLengthInput) -> String {
        input.repeatNote.map { " (\($0))" } ?? ""
    }
}
