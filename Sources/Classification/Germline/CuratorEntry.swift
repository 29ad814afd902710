/// A curator's decision on one criterion (issue 5, part 2): a criterion only a curator can apply (PS2, PS3,
/// PS4, PM3, PM6, PP1, PP4, BS3, BS4, BP2, BP5) or a change to a computed one (its status or its strength).
///
/// From the curation file (`Curations`, via the annotator) or a case file. The computed result is kept next
/// to the curator's: `GermlineClassification.criteria` shows both.
public struct CuratorEntry: Sendable, Hashable, Codable {
    public var criterion: Criterion
    /// True: applied (at `strength`); false: the curator rejects the criterion (e.g. a computed PM2).
    public var met: Bool
    public var strength: Strength
    public var justification: String
    /// A role or pseudonymous id, never a patient identifier.
    public var curator: String
    /// ISO 8601 date.
    public var date: String?
    /// Where the decision was written (e.g. `curations.tsv line 4`, `case.yaml`).
    public var source: String?

    public init(criterion: Criterion, met: Bool = true, strength: Strength? = nil, justification: String,
                curator: String, date: String? = nil, source: String? = nil) {
        self.criterion = criterion
        self.met = met
        self.strength = strength ?? criterion.defaultStrength
        self.justification = justification
        self.curator = curator
        self.date = date
        self.source = source
    }

    public init(_ applied: AppliedCriterion, justification: String, curator: String, date: String? = nil, source: String? = nil) {
        self.init(criterion: applied.criterion, met: true, strength: applied.strength, justification: justification,
                  curator: curator, date: date, source: source)
    }

    /// The decision as a criterion result whose origin names the curator.
    public var result: CriterionResult {
        CriterionResult(criterion: criterion, status: met ? .met : .notMet, strength: strength,
                        fact: justification, source: source ?? "curator", version: date,
                        origin: .curator(name: curator, date: date, justification: justification))
    }
}
