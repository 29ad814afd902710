/// PS1: same amino-acid change as an established pathogenic variant, by a different nucleotide change
/// (Richards et al. 2015, Table 3); PM5: a different missense change at a residue where a pathogenic missense
/// change is known (Table 3). "Established" here: ClinVar P/LP at ≥ 2 stars or a curated P/LP at the same
/// residue of the same gene (and transcript when both name one).
///
/// PS1 is not applied when the variant may act through splicing (Richards 2015: "Beware of changes that
/// impact splicing rather than at the amino acid/protein level"; Walker et al. 2023 restrict PS1 for splicing
/// to variants with the same predicted splicing effect, which the engine does not compare). PM5 is not applied
/// when PS1 is met for the same known variant set (not both for one residue).
public enum KnownResidueRules {
    public static let ps1Citation = "Richards et al. 2015, Genet Med 17:405, Table 3 (PS1); Walker et al. 2023, AJHG 110:1046 (splicing)"
    public static let pm5Citation = "Richards et al. 2015, Genet Med 17:405, Table 3 (PM5)"

    /// Known variants at the residue of `change` (same gene, transcript when both are named, same position and
    /// reference residue).
    static func atResidue(_ change: ProteinChange, _ known: [KnownPathogenicVariant]) -> [KnownPathogenicVariant] {
        known.filter { k in
            k.change.gene == change.gene && k.change.position == change.position && k.change.ref == change.ref
                && (k.change.transcript == nil || change.transcript == nil || k.change.transcript == change.transcript)
        }
    }

    public static func ps1(_ change: ProteinChange?, known: [KnownPathogenicVariant], mayAffectSplicing: Bool?) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .PS1, status: status, strength: .strong, fact: fact, source: ps1Citation)
        }
        guard let change else { return result(.notEvaluated(reason: "no protein change on a report transcript"), "no coding consequence") }
        guard change.kind == .missense else { return result(.notMet, "\(change.kind.rawValue) change: PS1 is for amino-acid substitutions") }
        let same = atResidue(change, known).filter { $0.change.alt == change.alt && !($0.change.alleleKey != nil && $0.change.alleleKey == change.alleleKey) }
        guard !same.isEmpty else { return result(.notMet, "no established P/LP \(change.shortName) by another nucleotide change") }
        let list = same.prefix(3).map(\.label).joined(separator: "; ")
        if mayAffectSplicing == true {
            return result(.notMet, "same amino-acid change as \(list), but the variant may affect splicing: PS1 not applied")
        }
        return result(.met, "same amino-acid change as \(list)")
    }

    public static func pm5(_ change: ProteinChange?, known: [KnownPathogenicVariant]) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String) -> CriterionResult {
            CriterionResult(criterion: .PM5, status: status, strength: .moderate, fact: fact, source: pm5Citation)
        }
        guard let change else { return result(.notEvaluated(reason: "no protein change on a report transcript"), "no coding consequence") }
        guard change.kind == .missense else { return result(.notMet, "\(change.kind.rawValue) change: PM5 is for missense changes") }
        let residue = atResidue(change, known)
        let other = residue.filter { $0.change.kind == .missense && $0.change.alt != change.alt }
        guard !other.isEmpty else {
            if residue.contains(where: { $0.change.alt == change.alt }) {
                return result(.notMet, "the known P/LP missense at residue \(change.position) is the same change (PS1, not PM5)")
            }
            return result(.notMet, "no established P/LP missense at residue \(change.ref)\(change.position)")
        }
        return result(.met, "different missense at the residue of " + other.prefix(3).map(\.label).joined(separator: "; "))
    }
}
