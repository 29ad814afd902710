import Foundation
import HTS

/// A tab-separated text file split into numbered lines, shared by the gene-table, curation and CIViC importers.
///
/// Lines end at `\n` or `\r\n`, so CRLF files read the same. A `\r` inside a field is kept:
/// CIViC's 2017 export has such fields and they are text, not line ends. Fields are never unquoted: none of
/// the formats read here quote, and CIViC statements contain bare `"` characters.
struct TabularText: Sendable {
    /// One line of the file, with its 1-based number.
    struct Line: Sendable {
        var number: Int
        var text: Substring
        var fields: [Substring] { text.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    /// The path as the user gave it; used in every error.
    var file: String
    var lines: [Line]

    /// Reads a whole file as UTF-8 text.
    static func read(path: String) throws(InputError) -> TabularText {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, location: .file, problem: "cannot be read",
                             hint: "check that the file exists and is readable")
        }
        return try parse(data: data, file: path)
    }

    /// Splits bytes already in memory; `file` names them in errors.
    static func parse(data: Data, file: String) throws(InputError) -> TabularText {
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, location: .file, problem: "is not UTF-8 text",
                             hint: "save the table as UTF-8 (tab-separated text)")
        }
        // Spreadsheet programs start UTF-8 files with a byte-order mark; it is not part of the first column name.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines: [Line] = []
        var number = 0
        // "\r\n" is one Character in Swift, so CRLF line ends must be named as a separator of their own.
        for var piece in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if piece.hasSuffix("\r") { piece = piece.dropLast() }
            lines.append(Line(number: number, text: piece))
        }
        // A final newline yields one empty piece that is not a line of the file.
        if let last = lines.last, last.text.isEmpty { lines.removeLast() }
        return TabularText(file: file, lines: lines)
    }

    /// An error at a given line and column (1-based), naming the column by its header.
    /// Maps each column name of `headerLine` to its index; a name outside `allowed`, or one given twice, is an
    /// error naming its column. `what` names the table in messages ("curation", "gene-table").
    func columnIndex(of headerLine: Line, allowed: [String], what: String) throws(InputError) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, field) in headerLine.fields.enumerated() {
            let name = field.trimmingCharacters(in: .whitespaces)
            guard allowed.contains(name) else {
                throw error(line: headerLine.number, column: i + 1, name: name.isEmpty ? nil : name,
                            problem: "is not a \(what) column", hint: "allowed columns: \(allowed.joined(separator: ", "))")
            }
            if index[name] != nil {
                throw error(line: headerLine.number, column: i + 1, name: name, problem: "appears twice in the header")
            }
            index[name] = i
        }
        return index
    }

    func error(line: Int, column: Int? = nil, name: String? = nil, problem: String, hint: String? = nil) -> InputError {
        var field: String?
        switch (column, name) {
        case let (c?, n?): field = "column \(c) (\(n))"
        case let (c?, nil): field = "column \(c)"
        case let (nil, n?): field = n
        case (nil, nil): field = nil
        }
        return InputError(file: file, location: .line(line), field: field, problem: problem, hint: hint)
    }
}

/// A cell as a spreadsheet program may write it: `"PVS1,PM2_Supporting"` (wrapped in double quotes because of
/// the commas, inner quotes doubled) becomes `PVS1,PM2_Supporting`. Used by the formats this project defines
/// (gene table, curations), not by CIViC's exports, whose text contains bare quotes.
func unquotedCell(_ value: String) -> String {
    guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
    return String(value.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        .trimmingCharacters(in: .whitespaces)
}

/// Describes a bad value by its shape only, so that file contents never reach a message.
func shapeOf(_ value: Substring) -> String {
    if value.isEmpty { return "an empty value" }
    let allDigits = value.allSatisfy { $0.isASCII && $0.isNumber }
    let kind = allDigits ? "digits" : "characters"
    return "a value of \(value.count) \(kind)"
}

/// One data row of a tab-separated table, with its header's column index; the importers add their own
/// column rules in private extensions.
struct TabularRow {
    let table: TabularText
    let line: Int
    let fields: [Substring]
    let index: [String: Int]

    /// The trimmed, unquoted cell of column `name`, or nil when the column is absent or the cell empty.
    func raw(_ name: String) -> String? {
        guard let i = index[name] else { return nil }
        let t = unquotedCell(fields[i].trimmingCharacters(in: .whitespaces))
        return t.isEmpty ? nil : t
    }

    /// An error at this row's cell `name`: what was allowed, and the shape of what was found.
    func failure(_ name: String, _ allowed: String, found: String? = nil, hint: String? = nil) -> InputError {
        let i = index[name] ?? 0
        return table.error(line: line, column: i + 1, name: name,
                           problem: "expected \(allowed); found \(found ?? shapeOf(fields[i]))", hint: hint)
    }
}
