import Classification
import Foundation
import HTS

/// A criteria table for `consilium acmg combine --tsv`: columns `id`, `gene`, `criteria` (any order, header names
/// case-insensitive), optionally `expert panel`/`panel` and `variant`; or a ClinGen Evidence Repository export as
/// it is (`Uuid`, `#Variation`, `HGNC Gene Symbol`, `Applied Evidence Codes (Met)`, `Expert Panel`).
struct ACMGTable {
    var header: [String]
    var rows: [[String]]
    /// 1-based line number of each row in the file.
    var lines: [Int]
    var idColumn: Int?
    var geneColumn: Int?
    var criteriaColumn: Int
    var panelColumn: Int?
    var variantColumn: Int?
    var file: String

    static func read(path: String) throws(InputError) -> ACMGTable {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw InputError(file: path, location: .file, problem: "cannot read the file (missing or not readable)",
                                 hint: "check the path; the table needs a header with id, gene and criteria columns")
            }
            data = d
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var header: [String]? = nil
        var rows: [[String]] = []
        var lines: [Int] = []
        var lineNumber = 0
        // Split on \n only: "\r\n" is a single Character in Swift, so split on unicode scalars.
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(String.UnicodeScalarView(rawLine))
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unquote($0) }
            if header == nil {
                header = fields
                continue
            }
            guard let header, fields.count <= header.count else {
                throw InputError(file: path, location: .line(lineNumber), problem: "the row has \(fields.count) tab-separated fields, the header \(header?.count ?? 0)",
                                 hint: "the table must be tab-separated with one header line")
            }
            rows.append(fields + Array(repeating: "", count: header.count - fields.count))
            lines.append(lineNumber)
        }
        guard let header else {
            throw InputError(file: path, location: .file, problem: "the file is empty", hint: "give a header line with id, gene and criteria")
        }
        let keys = header.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        func column(_ names: [String]) -> Int? {
            for n in names { if let i = keys.firstIndex(of: n) { return i } }
            return nil
        }
        guard let criteria = column(["criteria", "applied evidence codes (met)", "acmg criteria", "codes"]) else {
            throw InputError(file: path, location: .line(1), field: "header", problem: "no criteria column",
                             hint: "name a column `criteria` (comma-separated codes such as PVS1, PM2_Supporting) or give a ClinGen eRepo export")
        }
        return ACMGTable(header: header, rows: rows, lines: lines,
                         idColumn: column(["id", "uuid", "#variation", "variation"]),
                         geneColumn: column(["gene", "hgnc gene symbol", "symbol"]),
                         criteriaColumn: criteria,
                         panelColumn: column(["expert panel", "panel", "vcep"]),
                         variantColumn: column(["variant", "#variation", "variation", "hgvs"]),
                         file: path)
    }

    /// Removes spreadsheet quoting ("a ""b""" → a "b").
    private static func unquote(_ s: Substring) -> String {
        guard s.count >= 2, s.first == "\"", s.last == "\"" else { return String(s) }
        return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    func value(_ row: [String], _ column: Int?) -> String? {
        guard let column, column < row.count else { return nil }
        let v = row[column].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }
}
