/// The somatic interpretation of one variant in one tumor type: three axes side by side, never merged.
///
/// - `amp`: AMP/ASCO/CAP 2017 tier and level (clinical actionability in this tumor type; Li 2017);
/// - `oncogenicity`: ClinGen/CGC/VICC 2022 class and points (biology, tumor-type independent; Horak 2022);
/// - `jp`: JSMO/JSCO/JCA evidence level (therapy evidence as Japanese expert panels record it).
///
/// `evidence` keeps every evidence item considered, with its source id, its OncoTree relation (on/off-label)
/// and the AMP and JP levels it earned or why it earned none; `therapies` groups them per drug (combination)
/// and effect for reports.
public struct SomaticClassification: Sendable, Codable, Hashable {
    /// OncoTree code of the tumor type, e.g. `SKCM`.
    public var tumorType: String
    public var tumorTypeName: String?
    /// OncoTree release used for on/off-label decisions.
    public var oncoTreeRelease: String
    public var amp: AMPResult
    public var oncogenicity: OncogenicityResult
    public var jp: JPResult
    public var evidence: [AssessedEvidence]
    public var therapies: [SomaticTherapy]

    public init(tumorType: String, tumorTypeName: String?, oncoTreeRelease: String, amp: AMPResult,
                oncogenicity: OncogenicityResult, jp: JPResult, evidence: [AssessedEvidence], therapies: [SomaticTherapy]) {
        self.tumorType = tumorType
        self.tumorTypeName = tumorTypeName
        self.oncoTreeRelease = oncoTreeRelease
        self.amp = amp
        self.oncogenicity = oncogenicity
        self.jp = jp
        self.evidence = evidence
        self.therapies = therapies
    }
}

/// The AMP/ASCO/CAP tier for the variant in the tumor type: the best level any evidence earned, else III or IV.
public struct AMPResult: Sendable, Codable, Hashable {
    public var category: AMPCategory
    /// Source ids of the evidence that earned `category` (empty for III/IV).
    public var decidedBy: [String]
    /// Why, in words (e.g. `CIViC:EID1409 CIViC level A, this tumor type → A`).
    public var reason: String

    public init(category: AMPCategory, decidedBy: [String], reason: String) {
        self.category = category
        self.decidedBy = decidedBy
        self.reason = reason
    }
}

/// The JSMO/JSCO/JCA level for the variant in the tumor type: the best sensitivity level; `R` when only
/// resistance evidence exists; `F` for an oncogenic variant without levelled drug evidence; nil otherwise.
public struct JPResult: Sendable, Codable, Hashable {
    public var level: JPEvidenceLevel?
    /// Source ids of the evidence that earned `level`.
    public var decidedBy: [String]
    /// Whether resistance evidence (level R) exists too, with its source ids (R is shown next to the level).
    public var resistance: [String]
    public var reason: String

    public init(level: JPEvidenceLevel?, decidedBy: [String], resistance: [String], reason: String) {
        self.level = level
        self.decidedBy = decidedBy
        self.resistance = resistance
        self.reason = reason
    }
}

/// One evidence item related to the tumor type, with the levels it earned.
public struct AssessedEvidence: Sendable, Codable, Hashable {
    public var evidence: ActionabilityEvidence
    public var match: OncoTreeMatch
    /// AMP level this item earned in this tumor type; nil when it is not tiered (`ampReason` says why).
    public var ampLevel: AMPLevel?
    public var ampReason: String
    /// JP level this item earned; nil when it is not levelled.
    public var jpLevel: JPEvidenceLevel?
    public var jpReason: String?

    public var sourceID: String { evidence.sourceID }
    public var onLabel: Bool { match.onLabel }

    public init(evidence: ActionabilityEvidence, match: OncoTreeMatch, ampLevel: AMPLevel?, ampReason: String,
                jpLevel: JPEvidenceLevel?, jpReason: String?) {
        self.evidence = evidence
        self.match = match
        self.ampLevel = ampLevel
        self.ampReason = ampReason
        self.jpLevel = jpLevel
        self.jpReason = jpReason
    }
}

/// A therapy (or combination) with the best levels its evidence earned in this tumor type, for reports.
public struct SomaticTherapy: Sendable, Codable, Hashable {
    /// Drug names, sorted, as the sources name them.
    public var therapies: [String]
    /// `Dabrafenib+Trametinib`.
    public var therapyText: String
    public var effect: ActionabilityEvidence.Effect
    public var ampLevel: AMPLevel?
    public var jpLevel: JPEvidenceLevel?
    /// Whether any supporting evidence for this therapy is on-label.
    public var onLabel: Bool
    public var sourceIDs: [String]
    /// Diseases of the evidence, as the sources name them.
    public var diseases: [String]

    public init(therapies: [String], therapyText: String, effect: ActionabilityEvidence.Effect, ampLevel: AMPLevel?,
                jpLevel: JPEvidenceLevel?, onLabel: Bool, sourceIDs: [String], diseases: [String]) {
        self.therapies = therapies
        self.therapyText = therapyText
        self.effect = effect
        self.ampLevel = ampLevel
        self.jpLevel = jpLevel
        self.onLabel = onLabel
        self.sourceIDs = sourceIDs
        self.diseases = diseases
    }
}
