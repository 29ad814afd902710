import HTS

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
