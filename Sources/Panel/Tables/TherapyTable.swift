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
