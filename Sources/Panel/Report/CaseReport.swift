/// The one report value every rendering (JSON, HTML, Markdown, FHIR, PDF) is made from.
///
/// Language-neutral: fields hold codes and data; renderers turn codes into Japanese or English text from the
/// strings table. Consent gating happens when the value is assembled, so content withheld from the patient's
/// report is not in the value at all and no renderer can leak it. The JSON form is documented by
/// `docs/case-report.schema.json`.
public struct CaseReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = CaseReport.currentSchemaVersion
    public var caseInfo: CaseInfo
    public var consent: ConsentState
    /// Which interpretation stages produced values for this report; a field of a stage that did not run is
    /// shown as "not evaluated", never guessed.
    public var evaluation: Evaluation
    public var summary: [SummaryItem]
    public var somaticFindings: [VariantFinding]
    public var therapies: [TherapyOption]
    public var trials: [TrialMatch]
    public var germline: GermlineSection
    /// Variants of uncertain significance, shown collapsed.
    public var vus: [VariantFinding]
    public var filtered: [FilteredVariant]
    public var qc: QualitySummary
    public var triage: Triage
    public var provenance: Provenance
}

public struct CaseInfo: Codable, Sendable, Equatable {
    public var caseID: String
    public var demonstration: String?
    public var sex: String
    public var ageBand: String?
    public var tumorOncotree: String?
    public var tumorName: String?
    public var specimenType: String?
    public var specimenCollected: String?
    public var tumorCellContent: Double?
    public var testName: String
    public var testVersion: String?
    /// `tumor_only`, `tumor_normal`, `germline`.
    public var testDesign: String
    public var panelGenes: [String]
    public var biomarkers: [Biomarker]
    public var orderingDepartment: String?
    public var institution: String?
}

public struct Biomarker: Codable, Sendable, Equatable {
    /// `TMB`, `MSI`, `HRD`.
    public var name: String
    public var value: Double?
    public var unit: String?
    public var status: String?
    public var method: String
}

public struct ConsentState: Codable, Sendable, Equatable {
    /// `yes`, `no`, `undecided`.
    public var secondaryFindings: String
    public var researchUse: String?
}

public struct Evaluation: Codable, Sendable, Equatable {
    /// `evaluated` or `not_evaluated`, with the reason when not evaluated.
    public var consequences: StageState
    public var germlineClassification: StageState
    public var somaticClassification: StageState
}

public struct StageState: Codable, Sendable, Equatable {
    public var state: String
    /// Who produced the values (`CSL_CSQ`, `CSL_ACMG`, …) or, in English, why nothing did.
    public var detail: String
    /// Why the stage did not run, as a stable code (`NotEvaluatedReason`) that each rendering words in its own
    /// language; absent when the stage ran.
    public var reason: String? = nil
    public static func evaluated(_ detail: String) -> StageState { StageState(state: "evaluated", detail: detail) }
    public static func notEvaluated(_ reason: NotEvaluatedReason) -> StageState {
        StageState(state: "not_evaluated", detail: reason.detail, reason: reason.rawValue)
    }
    public var isEvaluated: Bool { state == "evaluated" }
}

/// Why an annotation stage of a case report did not run. The codes are part of report.json
/// (docs/case-report.schema.json); `Templates/strings.json` words each one in Japanese and English
/// (`stage_reason_<code>`).
public enum NotEvaluatedReason: String, Codable, Sendable, CaseIterable {
    case noGeneModel = "no_gene_model"
    case noReference = "no_reference"
    case noGermlineVCF = "no_germline_vcf"
    case noConsequenceStage = "no_consequence_stage"
    case noTumorVCF = "no_tumor_vcf"
    case noOncoTree = "no_oncotree"

    /// The English wording kept in `detail` for readers of report.json.
    public var detail: String {
        switch self {
        case .noGeneModel: "no gene model (inputs.geneModels, or kb build --transcripts)"
        case .noReference: "gene models are available but no reference was given (-f, or inputs.reference): transcript sequences come from it"
        case .noGermlineVCF: "no germline VCF in this case"
        case .noConsequenceStage: "no consequence stage (the germline criteria read the report transcript)"
        case .noTumorVCF: "no tumor VCF in this case"
        case .noOncoTree: "give --oncotree (the OncoTree table decides on/off-label levels) and a tumor.oncotree code"
        }
    }
}

/// One line of the meeting summary; `kind` decides its wording.
public struct SummaryItem: Codable, Sendable, Equatable {
    /// `therapy`, `trial`, `germline`, `presumed_germline`, `consent`, `biomarker`, `no_actionable`, `withheld`.
    public var kind: String
    public var gene: String?
    public var variant: String?
    public var detail: String?
    /// JP level (A–F, R) or class, for ordering and display.
    public var level: String?
}

public struct VariantFinding: Codable, Sendable, Equatable {
    /// `v1`, `v2`, … in input order after normalization: stable across runs.
    public var id: String
    /// `somatic` or `germline`.
    public var origin: String
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    public var gene: String?
    public var transcript: String?
    public var hgvsc: String?
    public var hgvsp: String?
    public var consequence: String?
    public var impact: String?
    public var vaf: Double?
    public var depth: Int?
    public var filter: String
    public var clinvar: ClinVarFacts?
    public var population: PopulationFrequency?
    public var germlineClass: String?
    public var acmgCriteria: [String]
    public var acmgPoints: Int?
    public var acmgRule: String?
    public var acmgEvidence: [CriterionEvidence]
    public var ampTier: String?
    public var oncogenicity: String?
    public var oncogenicityPoints: Int?
    public var jpLevel: String?
    public var somaticEvidence: [SomaticEvidence]
    public var presumedGermline: PresumedGermline?
    public var actionable: Bool
}

public struct ClinVarFacts: Codable, Sendable, Equatable {
    public var id: String?
    public var significance: String?
    public var reviewStatus: String?
    public var stars: Int?
}

public struct PopulationFrequency: Codable, Sendable, Equatable {
    /// The knowledge-base label of the source with the highest AF (e.g. `gnomad_exomes`).
    public var source: String
    public var af: Double
}

public struct CriterionEvidence: Codable, Sendable, Equatable {
    public var code: String
    /// `met`, `not_met`, `not_evaluated`.
    public var status: String
    public var strength: String
    public var text: String
}

public struct SomaticEvidence: Codable, Sendable, Equatable {
    public var source: String
    public var level: String
    public var drugs: String
    public var disease: String
    public var onLabel: Bool
    public var significance: String
}

public struct PresumedGermline: Codable, Sendable, Equatable {
    public var likely: Bool
    /// Reason codes: `vaf_above_somatic_expectation`, `vaf_near_heterozygous`, `vaf_near_homozygous`,
    /// `population_frequency`, `clinvar_germline_pathogenic`, `sf_gene`.
    public var reasons: [String]
    /// The somatic VAF expected for a clonal heterozygous variant at the stated tumor cell content.
    public var expectedSomaticVAF: Double?
    public var referral: Bool
}

public struct TherapyOption: Codable, Sendable, Equatable {
    public var drug: String
    public var gene: String
    /// Finding ids that matched.
    public var findings: [String]
    public var variant: String
    /// How the row matched (`protein_change`, `truncating_consequence`, `class`…).
    public var matchedBy: String
    public var jpLevel: String
    public var ampLevel: String?
    /// `on_label` (the case's tumor type is in the row) or `off_label`.
    public var context: String
    public var rowTumorTypes: [String]
    public var approvals: [Approval]
    /// Approved by FDA or EMA, and the table says not approved in Japan (drug lag / drug loss).
    public var approvedAbroadNotJapan: Bool
    /// Japan's status is unknown in the table: the flag above cannot be computed.
    public var japanStatusUnknown: Bool
    public var source: String
    public var verified: Bool
    public var note: String?
    public var rowID: String
}

public struct Approval: Codable, Sendable, Equatable {
    /// `JP`, `US`, `EU`.
    public var region: String
    /// `approved`, `not_approved`, `unknown`.
    public var status: String
    public var date: String?
}

public struct TrialMatch: Codable, Sendable, Equatable {
    public var trialID: String
    public var registry: String
    public var title: String
    public var phase: String
    public var status: String
    public var gene: String
    public var biomarker: String
    public var tumorTypes: [String]
    public var findings: [String]
    public var japanSites: String
    public var source: String
    public var verified: Bool
    public var lastChecked: String?
}

public struct GermlineSection: Codable, Sendable, Equatable {
    /// `shown` (consent yes, or nothing to gate), `flagged` (consent undecided: shown to the panel, not to be
    /// disclosed to the patient yet), `withheld` (consent declined: contents removed from the report).
    public var status: String
    public var findings: [VariantFinding]
    /// Somatic findings of a tumor-only test that look germline (ids into `somaticFindings`).
    public var presumedGermline: [String]
    public var geneticCounselingRecommended: Bool
    /// The ACMG SF list version used to mark secondary-finding genes.
    public var sfListVersion: String?
}

public struct FilteredVariant: Codable, Sendable, Equatable {
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    public var gene: String?
    /// `outside_panel`, `filter_not_pass`, `low_depth`, `low_vaf`, `benign`, `common_polymorphism`, `non_coding`.
    public var reason: String
    public var detail: String?
}

public struct QualitySummary: Codable, Sendable, Equatable {
    public var inputs: [InputSummary]
    public var notes: [String]
}

public struct InputSummary: Codable, Sendable, Equatable {
    /// `somatic` or `germline`.
    public var role: String
    public var file: String
    public var sample: String?
    public var recordsRead: Int
    public var allelesAfterNormalization: Int
    public var kept: Int
    public var filtered: Int
    /// Records whose REF did not match the reference (or similar normalizer warnings), counted only.
    public var referenceWarnings: Int
}

public struct Triage: Codable, Sendable, Equatable {
    /// `meeting`, `circulation` (持ち回り), `omission_candidate`.
    public var decision: String
    /// Every rule, in the documented order, with whether it fired.
    public var rules: [TriageRule]
}

public struct TriageRule: Codable, Sendable, Equatable {
    public var id: String
    public var fired: Bool
    public var outcome: String
}

public struct Provenance: Codable, Sendable, Equatable {
    public var consiliumVersion: String
    public var knowledgeBase: KBProvenance
    public var tables: [FileDigest]
    public var inputs: [FileDigest]
    public var parameters: ReportParameters
    /// SHA-256 of this report's canonical JSON with this field empty: rebuilding from the same inputs gives
    /// the same bytes and the same hash.
    public var reportSHA256: String
}

public struct KBProvenance: Codable, Sendable, Equatable {
    public var manifestSHA256: String
    public var genomeBuild: String?
    public var builtBy: String
    public var sources: [KBSourceDigest]
}

public struct KBSourceDigest: Codable, Sendable, Equatable {
    public var label: String
    public var kind: String
    public var file: String
    public var version: String?
    public var sha256: String
}

public struct FileDigest: Codable, Sendable, Equatable {
    public var role: String
    /// The file name (no folder: folders are machine-specific).
    public var file: String
    public var sha256: String
}

/// The thresholds the assembler used (documented in docs/report.md); all are in the provenance block.
public struct ReportParameters: Codable, Sendable, Equatable {
    public var minDepth = 20
    public var minVAF = 0.02
    /// Somatic variants at or above this population AF are treated as common polymorphisms.
    public var commonPolymorphismAF = 0.01
    /// Heterozygous-germline VAF window for the presumed-germline flag.
    public var germlineVAFLow = 0.35
    public var germlineVAFHigh = 0.65
    public var homozygousVAF = 0.9
    /// Margin above the expected clonal somatic VAF (tumor content / 2).
    public var somaticVAFMargin = 0.1
    public var sfListVersion = "3.3"
    public var summaryLimit = 8
    public init() {}
}
