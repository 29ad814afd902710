import Classification
import HTS

/// The curated therapies table (format: docs/report.md, "Therapies table"): which drug a gene alteration
/// points to in which tumor types, at which JP (JSMO/JSCO/JCA) and AMP level, with approval status and dates
/// in Japan, the US and the EU, each row citing its source and saying whether it was verified.
public struct TherapyTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var gene: String
        /// `protein_change` (alteration is an HGVS protein change such as `p.Val600Glu`), `truncating`
        /// (stop-gained, frameshift, canonical splice site, start-lost), `pathogenic` (P/LP or (likely) oncogenic).
        public var match: String
        public var alteration: String
        /// OncoTree codes; `*` for any tumor type.
        public var tumorTypes: [String]
        public var drug: String
        public var jpLevel: String
        public var ampLevel: String?
        public var approvals: [Approval]
        public var source: String
        public var verified: Bool
        public var note: String?
    }

    public static let requiredColumns = ["id", "gene", "match", "alteration", "tumor_types", "drug", "jp_level", "amp_level",
                                         "jp_status", "jp_date", "us_status", "us_date", "eu_status", "eu_date", "source", "verified", "note"]
    public static let matchKinds = ["protein_change", "truncating", "pathogenic"]
    public static let statuses = ["approved", "not_approved", "unknown"]
    public static let jpLevels = ["A", "B", "C", "D", "E", "F", "R"]

    public var rows: [Row]
    public var file: String

    public init(rows: [Row], file: String) { self.rows = rows; self.file = file }

    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: Self.requiredColumns)
        var rows: [Row] = []
        for r in t.rows {
            var approvals: [Approval] = []
            for region in ["jp", "us", "eu"] {
                let status = try t.oneOf(r, "\(region)_status", Self.statuses, default: "unknown")
                let date = t.cell(r.cells, "\(region)_date")
                if let date, !CaseFileValidation.validDate(date) {
                    throw InputError(file: path, location: .line(r.line), field: "\(region)_date", problem: "not a date", hint: "YYYY-MM-DD")
                }
                approvals.append(Approval(region: region.uppercased(), status: status, date: date))
            }
            rows.append(Row(id: try t.required(r, "id"), gene: try t.required(r, "gene"),
                            match: try t.oneOf(r, "match", Self.matchKinds), alteration: try t.required(r, "alteration"),
                            tumorTypes: t.list(r.cells, "tumor_types"), drug: try t.required(r, "drug"),
                            jpLevel: try t.oneOf(r, "jp_level", Self.jpLevels), ampLevel: t.cell(r.cells, "amp_level"),
                            approvals: approvals, source: try t.required(r, "source"),
                            verified: try t.oneOf(r, "verified", ["yes", "no"]) == "yes", note: t.cell(r.cells, "note")))
        }
        self.rows = rows
        file = path
    }
}

/// The local clinical-trials table (format: docs/report.md, "Trials table"): jRCT/NCT id, phase, status,
/// biomarker and tumor types, matched by gene, alteration and tumor type like the therapies table.
public struct TrialTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var registry: String
        public var title: String
        public var phase: String
        public var status: String
        /// One or more HGNC symbols (`;`-separated in the table).
        public var genes: [String]
        public var match: String
        public var alteration: String
        public var tumorTypes: [String]
        public var japanSites: String
        public var source: String
        public var verified: Bool
        public var lastChecked: String?
    }

    public static let requiredColumns = ["trial_id", "title", "phase", "status", "gene", "match", "alteration", "tumor_types",
                                         "japan_sites", "source", "verified", "last_checked"]
    public var rows: [Row]
    public var file: String

    public init(rows: [Row], file: String) { self.rows = rows; self.file = file }

    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: Self.requiredColumns)
        var rows: [Row] = []
        for r in t.rows {
            let id = try t.required(r, "trial_id")
            let registry: String
            if id.hasPrefix("NCT") { registry = "ClinicalTrials.gov" } else if id.hasPrefix("jRCT") { registry = "jRCT" } else {
                throw InputError(file: path, location: .line(r.line), field: "trial_id", problem: "not a registry id",
                                 hint: "an NCT number (NCT01234567) or a jRCT number (jRCT2031200000)")
            }
            rows.append(Row(id: id, registry: registry, title: try t.required(r, "title"), phase: try t.required(r, "phase"),
                            status: try t.required(r, "status"), genes: t.list(r.cells, "gene"),
                            match: try t.oneOf(r, "match", TherapyTable.matchKinds), alteration: try t.required(r, "alteration"),
                            tumorTypes: t.list(r.cells, "tumor_types"),
                            japanSites: try t.oneOf(r, "japan_sites", ["yes", "no", "unknown"], default: "unknown"),
                            source: try t.required(r, "source"), verified: try t.oneOf(r, "verified", ["yes", "no"]) == "yes",
                            lastChecked: t.cell(r.cells, "last_checked")))
        }
        self.rows = rows
        file = path
    }
}

/// Report transcripts by gene (used when the gene model marks no MANE Select transcript), e.g. BRCA1 →
/// NM_007294.4. Columns: `gene`, `transcript`, `source`.
public struct ReportTranscripts: Sendable {
    public var byGene: [String: String]
    public var file: String?
    public init(byGene: [String: String] = [:], file: String? = nil) { self.byGene = byGene; self.file = file }
    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: ["gene", "transcript", "source"])
        var m: [String: String] = [:]
        for r in t.rows { m[try t.required(r, "gene")] = try t.required(r, "transcript") }
        byGene = m
        file = path
    }
}

/// Gene roles in cancer for the somatic stage (OVS1 and the other role-dependent oncogenicity criteria).
/// Columns: `gene`, `role` (`oncogene`, `tumorSuppressor`, `both`), `source`, `verified`.
public struct GeneRoles: Sendable {
    public var byGene: [String: OncogenicityInput.GeneRole]
    public init(byGene: [String: OncogenicityInput.GeneRole] = [:]) { self.byGene = byGene }
    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: ["gene", "role", "source", "verified"])
        var m: [String: OncogenicityInput.GeneRole] = [:]
        for r in t.rows {
            let role = try t.oneOf(r, "role", ["oncogene", "tumorSuppressor", "both"])
            m[try t.required(r, "gene")] = OncogenicityInput.GeneRole(rawValue: role)
        }
        byGene = m
    }
}
