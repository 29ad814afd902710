import Foundation

/// One case for the expert panel (エキスパートパネル), as written in a case file (YAML; schema
/// `docs/case-file.schema.json`, documented in `docs/report.md`).
///
/// The case is pseudonymous: an identifier chosen by the institution, an age band instead of a birth date, a
/// department role instead of names. Paths are relative to the case file's folder.
public struct CaseFile: Codable, Sendable, Equatable {
    /// The case-file format version this code reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Pseudonymous case identifier (`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`): never a name or a medical-record number.
    public var caseID: String
    /// Set for demonstration cases (assembled from public data, not a patient): shown on every rendering.
    public var demonstration: String?
    public var patient: Patient
    public var tumor: Tumor?
    public var specimen: Specimen?
    public var test: PanelTest
    public var inputs: Inputs
    public var biomarkers: Biomarkers?
    public var consent: Consent
    /// A role (`Breast Oncology`), never a person.
    public var orderingDepartment: String?
    public var institution: String?

    enum CodingKeys: String, CodingKey {
        case schemaVersion, caseID = "caseId", demonstration, patient, tumor, specimen, test, inputs, biomarkers, consent
        case orderingDepartment, institution
    }

    public struct Patient: Codable, Sendable, Equatable {
        public var sex: Sex
        /// `40-49`, `90+`: decades or any `low-high` band, never an exact age.
        public var ageBand: String?
    }

    public enum Sex: String, Codable, Sendable, CaseIterable, AllowedValues {
        case female, male, other, unknown
    }

    public struct Tumor: Codable, Sendable, Equatable {
        /// OncoTree code (`BRCA`, `LUAD`), upper-case letters, digits and `_`.
        public var oncotree: String
        /// Free-text name shown next to the code.
        public var name: String?
    }

    public struct Specimen: Codable, Sendable, Equatable {
        public var type: SpecimenType
        /// ISO date `YYYY-MM-DD`.
        public var collected: String?
        /// Tumor cell content in percent (0–100), as the pathologist estimated it.
        public var tumorCellContent: Double?
    }

    public enum SpecimenType: String, Codable, Sendable, CaseIterable, AllowedValues {
        case ffpe, freshFrozen = "fresh_frozen", blood, plasma, saliva, other
    }

    public struct PanelTest: Codable, Sendable, Equatable {
        public var name: String
        public var version: String?
        public var design: TestDesign
        /// HGNC symbols the panel reports on; with `regions`, a variant is kept when it is in either.
        public var genes: [String]?
        /// Covered regions (BED: contig, 0-based start, end, optional name = gene symbol).
        public var regions: String?
    }

    public enum TestDesign: String, Codable, Sendable, CaseIterable, AllowedValues {
        case tumorOnly = "tumor_only", tumorNormal = "tumor_normal", germline
    }

    public struct Inputs: Codable, Sendable, Equatable {
        /// Somatic (tumor) calls.
        public var somatic: String?
        /// Germline calls (blood/normal), or a germline test's calls.
        public var germline: String?
        /// The sample column to read VAF and depth from (default: the first sample).
        public var sample: String?
        /// Reference FASTA for left-alignment (optional: split and trim only without it).
        public var reference: String?
        /// Gene models (GFF3) for consequences; several files are merged (e.g. one per region).
        public var geneModels: [String]?
    }

    public struct Biomarkers: Codable, Sendable, Equatable {
        public var tmb: Measured?
        public var msi: MSI?
        public var hrd: Measured?
    }

    /// A measured value with its unit, method and (optionally) the call the lab made.
    public struct Measured: Codable, Sendable, Equatable {
        public var value: Double
        public var unit: String?
        public var method: String
        public var status: String?
    }

    public struct MSI: Codable, Sendable, Equatable {
        public var status: MSIStatus
        public var value: Double?
        public var method: String
    }

    public enum MSIStatus: String, Codable, Sendable, CaseIterable, AllowedValues {
        case msiHigh = "MSI-H", msiLow = "MSI-L", mss = "MSS", indeterminate
    }

    public struct Consent: Codable, Sendable, Equatable {
        /// Disclosure of secondary findings (二次的所見) to the patient.
        public var secondaryFindings: ConsentAnswer
        public var researchUse: ConsentAnswer?
    }

    /// `yes` / `no` / `undecided`. YAML 1.1 readers turn bare `yes`/`no` into booleans, so booleans are accepted
    /// and mapped; the schema documents the three strings.
    public enum ConsentAnswer: String, Codable, Sendable, CaseIterable, AllowedValues {
        case yes, no, undecided

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = b ? .yes : .no; return }
            let s = try c.decode(String.self)
            guard let v = ConsentAnswer(rawValue: s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected one of: \(Self.allowedList)")
            }
            self = v
        }
    }
}

/// A closed vocabulary whose decoding error lists the allowed values (never the value given).
public protocol AllowedValues: RawRepresentable, CaseIterable where RawValue == String {}

extension AllowedValues {
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension AllowedValues where Self: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = Self(rawValue: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected one of: \(Self.allowedList)")
        }
        self = v
    }
}
