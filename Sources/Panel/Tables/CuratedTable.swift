import Foundation
import HTS

/// A small curated TSV table (therapies, trials, report transcripts): `#` comment lines, one header row, then
/// rows. Cells are read by header name, so columns may be reordered; a missing required column or an empty
/// required cell is an error naming the file, line and column.
struct CuratedTable {
    let file: String
    let header: [String]
    let rows: [(line: Int, cells: [String])]

    init(path: String, required: [String]) throws(InputError) {
        file = path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, location: .file, problem: "cannot read the table (missing, unreadable or not UTF-8)")
        }
        var header: [String]?
        var rows: [(Int, [String])] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if header == nil { header = cells; continue }
            guard cells.count == header!.count else {
                throw InputError(file: path, location: .line(i + 1), problem: "\(cells.count) columns, the header has \(header!.count)",
                                 hint: "separate cells with one tab each")
            }
            rows.append((i + 1, cells))
        }
        guard let header else { throw InputError(file: path, location: .file, problem: "the table has no header row") }
        for r in required where !header.contains(r) {
            throw InputError(file: path, location: .file, field: r, problem: "required column missing",
                             hint: "columns needed: \(required.joined(separator: ", "))")
        }
        self.header = header
        self.rows = rows
    }

    func index(_ column: String) -> Int? { header.firstIndex(of: column) }

    func cell(_ row: [String], _ column: String) -> String? {
        guard let i = index(column), i < row.count, !row[i].isEmpty, row[i] != "." else { return nil }
        return row[i]
    }

    func required(_ row: (line: Int, cells: [String]), _ column: String) throws(InputError) -> String {
        guard let v = cell(row.cells, column) else {
            throw InputError(file: file, location: .line(row.line), field: column, problem: "empty cell in a required column")
        }
        return v
    }

    func list(_ row: [String], _ column: String) -> [String] {
        (cell(row, column) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func oneOf(_ row: (line: Int, cells: [String]), _ column: String, _ allowed: [String], default value: String? = nil) throws(InputError) -> String {
        guard let v = cell(row.cells, column) else {
            if let value { return value }
            throw InputError(file: file, location: .line(row.line), field: column, problem: "empty cell in a required column",
                             hint: "one of: \(allowed.joined(separator: ", "))")
        }
        guard allowed.contains(v) else {
            throw InputError(file: file, location: .line(row.line), field: column, problem: "value not allowed",
                             hint: "one of: \(allowed.joined(separator: ", "))")
        }
        return v
    }
}
