/// One piece of clinical actionability evidence for a variant, as plain values (from CIViC or a curation),
/// before it is related to a tumor type.
public struct ActionabilityEvidence: Sendable, Codable, Hashable {
    /// What the evidence is about (Li 2017 categories; CIViC evidence types).
    public enum Category: String, Sendable, Codable, Hashable {
        /// Response or resistance to a therapy (CIViC `Predictive`).
        case therapeutic
        case diagnostic
        case prognostic
        /// Predisposing, oncogenic, functional: no AMP/ASCO/CAP tier of their own.
        case other
    }

    /// What the evidence says about the therapy (therapeutic evidence only).
    public enum Effect: String, Sendable, Codable, Hashable {
        /// Sensitivity/response.
        case sensitivity
        /// Resistance or reduced sensitivity.
        case resistance
        /// Adverse response, outcomes, diagnoses and anything else.
        case other
    }

    /// A stable id naming the source record, e.g. `CIViC:EID1409`, `CIViC:AID7`.
    public var sourceID: String
    /// Whether this is a curated assertion (CIViC AID) rather than a single evidence item.
    public var isAssertion: Bool
    /// The source's own evidence level as published (CIViC `A`…`E`); nil for assertions.
    public var sourceLevel: String?
    /// The AMP/ASCO/CAP tier and level a curated assertion already carries for its own disease (`I`, `A`).
    public var assertedTier: String?
    public var assertedLevel: String?
    public var category: Category
    /// The source's evidence type as published (`Predictive`, `Prognostic`, …).
    public var sourceType: String
    /// False for evidence that does not support the stated significance (CIViC `Does Not Support`).
    public var supports: Bool
    /// The source's significance as published (`Sensitivity/Response`, `Resistance`, `Poor Outcome`, …).
    public var significance: String?
    public var effect: Effect
    /// The disease as the source names it.
    public var disease: String?
    /// Disease Ontology id, digits only.
    public var doid: String?
    public var therapies: [String]
    /// `Combination`, `Sequential` or `Substitutes`.
    public var therapyInteraction: String?
    /// The source states FDA approval of the therapy for this indication (CIViC assertions).
    public var fdaApproved: Bool?
    /// A professional guideline naming this use (e.g. NCCN guideline name and version).
    public var guideline: String?
    /// Approval in Japan (PMDA) for this indication, when a source says; nil = not known to the knowledge base.
    public var approvedInJapan: Bool?
    /// Citation, e.g. `PMID:22735384`.
    public var citation: String?
    /// `accepted`, `submitted`, `rejected`.
    public var status: String?
    /// `Somatic`, `Rare Germline`, …
    public var origin: String?

    public init(sourceID: String, isAssertion: Bool = false, sourceLevel: String?, assertedTier: String? = nil,
                assertedLevel: String? = nil, category: Category, sourceType: String, supports: Bool,
                significance: String?, effect: Effect, disease: String?, doid: String?, therapies: [String],
                therapyInteraction: String? = nil, fdaApproved: Bool? = nil, guideline: String? = nil,
                approvedInJapan: Bool? = nil, citation: String? = nil, status: String? = nil, origin: String? = nil) {
        self.sourceID = sourceID
        self.isAssertion = isAssertion
        self.sourceLevel = sourceLevel
        self.assertedTier = assertedTier
        self.assertedLevel = assertedLevel
        self.category = category
        self.sourceType = sourceType
        self.supports = supports
        self.significance = significance
        self.effect = effect
        self.disease = disease
        self.doid = doid
        self.therapies = therapies
        self.therapyInteraction = therapyInteraction
        self.fdaApproved = fdaApproved
        self.guideline = guideline
        self.approvedInJapan = approvedInJapan
        self.citation = citation
        self.status = status
        self.origin = origin
    }

    /// Maps CIViC's evidence type to the Li 2017 category.
    public static func category(civicType: String) -> Category {
        switch civicType.lowercased() {
        case "predictive": return .therapeutic
        case "diagnostic": return .diagnostic
        case "prognostic": return .prognostic
        default: return .other
        }
    }

    /// Maps CIViC's significance (any of its spellings since 2017) to the therapy effect.
    public static func effect(civicSignificance: String?) -> Effect {
        switch civicSignificance?.lowercased() {
        case "sensitivity/response", "sensitivity": return .sensitivity
        case "resistance", "resistance or non-response", "reduced sensitivity": return .resistance
        default: return .other
        }
    }

    /// Therapy names joined as the source combines them (`Dabrafenib+Trametinib` for a combination).
    public var therapyText: String {
        therapies.joined(separator: therapyInteraction == "Combination" ? "+" : (therapies.count > 1 ? "/" : ""))
    }
}
