/// What BP7 is decided from.
public struct SilentVariantInput: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        case synonymous
        /// Intronic at HGVS offset `offset` from the nearest exon (+ after a donor exon, − before an acceptor).
        case intronic(offset: Int)
        /// Anything else (missense, UTR, …): BP7 does not apply.
        case other
    }

    public var location: Location
    /// The highest of SpliceAI's four delta scores.
    public var spliceAIMaxDelta: Double?
    /// Whether the nucleotide is highly conserved (the 2015 text excludes such sites; nil: not known).
    public var highlyConserved: Bool?

    public init(location: Location, spliceAIMaxDelta: Double? = nil, highlyConserved: Bool? = nil) {
        self.location = location
        self.spliceAIMaxDelta = spliceAIMaxDelta
        self.highlyConserved = highlyConserved
    }
}

/// BP7: a synonymous variant, or (Walker et al. 2023) an intronic variant at or beyond +7 / −21, with no predicted
/// splicing impact (SpliceAI max Δ ≤ 0.1) and, by the 2015 text, a nucleotide that is not highly conserved.
public enum SilentVariantCriterion {
    /// Intronic positions from which on BP7 may apply (Walker 2023): +7 after a donor, −21 before an acceptor.
    public static let donorOffset = 7
    public static let acceptorOffset = -21

    public static func bp7(_ input: SilentVariantInput) -> CriterionResult {
        let source = [SequenceSources.walker2023, SequenceSources.richards2015].map(\.description).joined(separator: "; ")
        func make(_ status: CriterionStatus, _ fact: String?) -> CriterionResult {
            CriterionResult(criterion: .BP7, status: status, fact: fact, source: source)
        }
        let what: String
        switch input.location {
        case .other:
            return make(.notMet, "neither synonymous nor intronic")
        case .synonymous:
            what = "synonymous"
        case .intronic(let offset):
            let text = offset > 0 ? "c.+\(offset)" : "c.\(offset)"
            guard offset >= donorOffset || offset <= acceptorOffset else {
                return make(.notMet, "intronic at \(text), inside +1…+6 / −1…−20 where BP7 does not apply")
            }
            what = "intronic at \(text)"
        }
        if input.highlyConserved == true {
            return make(.notMet, "\(what), but the nucleotide is highly conserved")
        }
        guard let score = input.spliceAIMaxDelta, let impact = SpliceImpact(spliceAIMaxDelta: score) else {
            return make(.notEvaluated(reason: "\(what), but no SpliceAI score for this allele"), nil)
        }
        let s = SpliceImpact.describe(score)
        guard impact == .noImpact else {
            return make(.notMet, "\(what), \(s) > 0.1")
        }
        let conservation = input.highlyConserved == false ? "" : "; conservation not assessed"
        return make(.met, "\(what), \(s) ≤ 0.1: no splicing impact predicted\(conservation)")
    }
}
