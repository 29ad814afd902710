import Foundation
import HTS

/// Clinical actionability evidence from CIViC (civicdb.org, CC0), in one model whatever shape it came in.
///
/// `--civic DIR` may hold any mix of CIViC's nightly/monthly TSV exports (ClinicalEvidenceSummaries,
/// VariantSummaries, AssertionSummaries, MolecularProfileSummaries; the 2017, 2019–2022 and 2023+ column
/// layouts) and API JSON records (v1 2022 shape with `drugs`/`clinical_significance`, v2 2025 shape with
/// `therapies`/`significance`/`molecular_profile_id`). Each file is recognised by its columns or its
/// records, never by trusting its name alone, and `files` says which were read and which were ignored.
///
/// Enumerated values (type, direction, significance, origin, interaction) are mapped to CIViC's current
/// display vocabulary (see `CIViCVocabulary`), so `SENSITIVITYRESPONSE` (API v2), `Sensitivity/Response`
/// (2020 TSV) and `Sensitivity` (2017 TSV) are one value. Coordinates stay as CIViC published them
/// (build, 1-based start/stop, bases); turning them into normalized KB keys is the KB builder's job.
public struct CIViCKnowledge: Codable, Sendable, Equatable {
    /// Evidence items, one per CIViC EID, sorted by id.
    public var evidence: [CIViCEvidenceItem]
    /// Assertions, one per AID, sorted by id.
    public var assertions: [CIViCAssertion]
    /// Variants, one per CIViC variant id, sorted by id.
    public var variants: [CIViCVariant]
    /// Molecular profiles known from MP records (API v2 / MolecularProfileSummaries), sorted by id.
    public var molecularProfiles: [CIViCMolecularProfile]
    /// Genes (features) known from gene records, sorted by id.
    public var genes: [CIViCGene]
    /// Every file looked at, read or ignored, sorted by name.
    public var files: [CIViCFileReport]
    /// Records dropped because the same id came from a file of the same or a newer layout (see `load`).
    public var supersededRecords: Int

    public init(evidence: [CIViCEvidenceItem] = [], assertions: [CIViCAssertion] = [], variants: [CIViCVariant] = [],
                molecularProfiles: [CIViCMolecularProfile] = [], genes: [CIViCGene] = [],
                files: [CIViCFileReport] = [], supersededRecords: Int = 0) {
        self.evidence = evidence
        self.assertions = assertions
        self.variants = variants
        self.molecularProfiles = molecularProfiles
        self.genes = genes
        self.files = files
        self.supersededRecords = supersededRecords
    }

    /// The files that were imported.
    public var readFiles: [CIViCFileReport] { files.filter(\.read) }
    /// The files that were skipped, each with its reason in `note`.
    public var ignoredFiles: [CIViCFileReport] { files.filter { !$0.read } }

    /// Records stored: evidence items, assertions and variants (for the manifest's record count).
    public var recordCount: Int { evidence.count + assertions.count + variants.count }

    /// The CIViC release dates found in the names of the files read (`01-Apr-2024`, `nightly`), comma-joined;
    /// nil when no file name carries one (API JSON records and renamed exports carry no date).
    public var release: String? {
        let dates = Set(readFiles.compactMap(\.release)).sorted()
        return dates.isEmpty ? nil : dates.joined(separator: ",")
    }

    /// The evidence item with this EID.
    public func evidence(id: Int) -> CIViCEvidenceItem? { evidence.first { $0.id == id } }
    /// The assertion with this AID.
    public func assertion(id: Int) -> CIViCAssertion? { assertions.first { $0.id == id } }
    /// The variant with this CIViC variant id.
    public func variant(id: Int) -> CIViCVariant? { variants.first { $0.id == id } }

    /// Stable bytes for the KB bundle: sorted keys, records in id order, no build-time values.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// CIViC evidence levels (A validated … E inferential).
public enum CIViCEvidenceLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case A, B, C, D, E

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One CIViC evidence item (EID).
public struct CIViCEvidenceItem: Codable, Sendable, Equatable {
    public var id: Int
    /// Gene symbol, from the record or resolved through its variant or molecular profile.
    public var gene: String?
    public var entrezID: Int?
    public var geneID: Int?
    /// CIViC variant name, e.g. `V600E`.
    public var variant: String?
    public var variantID: Int?
    /// Molecular profile name, e.g. `BRAF V600E` (API v2 and 2023+ exports only).
    public var molecularProfile: String?
    public var molecularProfileID: Int?
    public var disease: String?
    /// Disease Ontology id without the `DOID:` prefix, e.g. `3908`.
    public var doid: String?
    /// Therapy names in the order CIViC lists them.
    public var therapies: [String]
    /// `Combination`, `Sequential` or `Substitutes` when several therapies are named.
    public var therapyInteraction: String?
    public var level: CIViCEvidenceLevel
    /// `Predictive`, `Diagnostic`, `Prognostic`, `Predisposing`, `Oncogenic` or `Functional`.
    public var type: String
    /// `Supports` or `Does Not Support`.
    public var direction: String?
    /// E.g. `Sensitivity/Response`, `Resistance`, `Poor Outcome`.
    public var significance: String?
    /// Curator trust rating, 1–5.
    public var rating: Int?
    public var citation: String?
    /// PubMed id, ASCO abstract id or ASH id, depending on `sourceType`.
    public var citationID: String?
    /// `PubMed`, `ASCO` or `ASH`.
    public var sourceType: String?
    public var nctIDs: [String]
    /// `accepted`, `submitted` or `rejected`.
    public var status: String?
    /// `Somatic`, `Rare Germline`, `Common Germline`, `Unknown`, `N/A`.
    public var variantOrigin: String?
    /// The file the record was taken from (name only, so bundles do not depend on folder paths).
    public var file: String

    /// The PubMed id when the source is a PubMed article.
    public var pmid: String? { sourceType == "PubMed" ? citationID : nil }
}

/// One CIViC assertion (AID): a curated summary of several evidence items with its AMP/ASCO/CAP category.
public struct CIViCAssertion: Codable, Sendable, Equatable {
    public var id: Int
    public var gene: String?
    public var geneID: Int?
    public var variant: String?
    public var variantID: Int?
    public var molecularProfile: String?
    public var molecularProfileID: Int?
    public var disease: String?
    public var doid: String?
    public var therapies: [String]
    public var therapyInteraction: String?
    /// `Predictive`, `Diagnostic`, `Prognostic`, `Predisposing`, `Oncogenic`.
    public var type: String?
    public var direction: String?
    public var significance: String?
    /// The AMP/ASCO/CAP category as `Tier I - Level A` (CIViC's TSV spelling), whatever shape it came in.
    public var ampCategory: String?
    /// `I`, `II`, `III` or `IV`.
    public var ampTier: String?
    /// `A`, `B`, `C` or `D` (tiers III and IV have no level).
    public var ampLevel: String?
    public var acmgCodes: [String]
    public var nccnGuideline: String?
    public var nccnGuidelineVersion: String?
    /// FDA regulatory approval of the therapy for this indication, when the record says.
    public var fdaRegulatoryApproval: Bool?
    public var fdaCompanionTest: Bool?
    public var evidenceIDs: [Int]
    public var status: String?
    public var variantOrigin: String?
    public var summary: String?
    public var file: String
}

/// One CIViC variant with its coordinates as published.
public struct CIViCVariant: Codable, Sendable, Equatable {
    public var id: Int
    public var gene: String?
    public var entrezID: Int?
    public var geneID: Int?
    /// CIViC variant name, e.g. `V600E`, `EML4-ALK`, `AMPLIFICATION`.
    public var name: String
    /// The molecular profile made of this variant alone (API v2, 2023+ exports).
    public var molecularProfileID: Int?
    public var aliases: [String]
    /// HGVS expressions as CIViC lists them (c., p., g. on RefSeq/Ensembl accessions).
    public var hgvs: [String]
    public var alleleRegistryID: String?
    public var clinvarIDs: [String]
    public var variantTypes: [String]
    public var coordinates: CIViCCoordinates?
    public var file: String
}

/// A CIViC variant's genomic position, as CIViC publishes it (1-based, inclusive).
///
/// CIViC leaves `referenceBases` empty for insertions and `variantBases` empty for deletions, so those cannot
/// be written VCF-style without the reference base before them; `vcfAllele` is nil for them and the KB
/// builder, which has the reference, must anchor them.
public struct CIViCCoordinates: Codable, Sendable, Equatable {
    public var chromosome: String
    public var start: Int?
    public var stop: Int?
    public var referenceBases: String?
    public var variantBases: String?
    /// `GRCh37` or `GRCh38` as published; CIViC v1 and the 2017 export are GRCh37.
    public var build: String?
    public var representativeTranscript: String?
    public var ensemblVersion: Int?

    /// The allele as VCF-style (chrom, pos, ref, alt) strings, when both allele strings are present.
    public var vcfAllele: (chrom: String, pos: String, ref: String, alt: String)? {
        guard let start, let ref = referenceBases, let alt = variantBases, !ref.isEmpty, !alt.isEmpty else { return nil }
        return (chromosome, String(start), ref, alt)
    }
}

/// A CIViC molecular profile: one or more variants combined (`BRAF V600E`, `EGFR L858R AND EGFR T790M`).
public struct CIViCMolecularProfile: Codable, Sendable, Equatable {
    public var id: Int
    public var name: String?
    public var variantIDs: [Int]
    public var file: String
}

/// A CIViC gene (feature) id with its symbol.
public struct CIViCGene: Codable, Sendable, Equatable {
    public var id: Int
    public var name: String
    public var entrezID: Int?
    public var file: String
}

/// What the importer did with one file of the CIViC folder.
public struct CIViCFileReport: Codable, Sendable, Equatable {
    /// File name (no folder).
    public var name: String
    /// True when records were taken from it.
    public var read: Bool
    /// What it was recognised as, e.g. `ClinicalEvidenceSummaries TSV (2017 layout)`, `API JSON (v2 shape)`.
    public var kind: String
    /// Release date taken from CIViC's file naming (`01-Apr-2024-…`) when present; `nightly` for nightly files.
    public var release: String?
    /// Records taken, by kind (`evidence`, `assertions`, `variants`, `molecularProfiles`, `genes`).
    public var records: [String: Int]
    /// Header columns not used (unknown to this importer, or repeated later in the header).
    public var ignoredColumns: [String]
    /// Why the file was ignored, or a remark on what was skipped inside it.
    public var note: String?
}

extension CIViCKnowledge {
    /// Imports every CIViC file in `directory` (not its subfolders).
    ///
    /// Files are taken in name order. Hidden files, folders and files that are neither CIViC TSV exports nor
    /// CIViC API JSON are ignored and listed with the reason. When the same id comes from several files, the
    /// record from the newest layout wins (API v2 JSON and 2023+ TSV, then API v1 JSON and 2019–2022 TSV, then
    /// the 2017 TSV); among equals the first file by name wins. Variants derived from evidence-TSV rows or
    /// gene records rank below real variant records. Names missing from a record (gene, variant, molecular
    /// profile) are then filled in from the other records by id.
    public static func load(directory: String) throws(InputError) -> CIViCKnowledge {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw InputError(file: directory, location: .file, problem: "is not a readable folder",
                             hint: "--civic takes a folder holding CIViC TSV exports and/or API JSON files")
        }
        var collector = CIViCCollector()
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            try collector.consider(path: path, name: name)
        }
        if collector.reports.allSatisfy({ !$0.read }) {
            throw InputError(file: directory, location: .file, problem: "holds no CIViC TSV export or CIViC API JSON file",
                             hint: "expected files such as nightly-ClinicalEvidenceSummaries.tsv or CIViC API JSON records")
        }
        return collector.finish()
    }

    /// Imports the given files, as `load(directory:)` does for a folder's files.
    public static func load(files paths: [String]) throws(InputError) -> CIViCKnowledge {
        var collector = CIViCCollector()
        for path in paths.sorted(by: { URL(fileURLWithPath: $0).lastPathComponent < URL(fileURLWithPath: $1).lastPathComponent }) {
            try collector.consider(path: path, name: URL(fileURLWithPath: path).lastPathComponent)
        }
        return collector.finish()
    }
}
