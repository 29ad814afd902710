import Foundation
import HTS

extension GeneTable {
    /// The columns of the format, in the order `scripts/make-gene-table` writes them.
    public static let columns: [String] = [
        "symbol", "hgnc_id", "ncbi_gene_id", "acmg_sf", "acmg_sf_added", "inheritance", "clingen_hi",
        "lof_mechanism", "ba1", "bs1", "pm2", "prevalence", "allelic_contribution", "genetic_contribution",
        "penetrance", "pp2", "bp1", "missense_constrained", "vcep_spec", "source",
    ]

    /// Reads a gene table. Errors name the file, the line, the column and what the column accepts.
    public static func load(path: String) throws(InputError) -> GeneTable {
        let table = try TabularText.read(path: path)
        let rows = table.lines.filter { !$0.text.hasPrefix("#") && !$0.text.allSatisfy { $0 == " " } }
        guard let headerLine = rows.first else {
            throw InputError(file: path, location: .file, problem: "has no header row",
                             hint: "the first non-comment line names the columns, starting with 'symbol'")
        }
        let index = try table.columnIndex(of: headerLine, allowed: columns, what: "gene-table")
        let columnCount = headerLine.fields.count
        guard index["symbol"] != nil else {
            throw table.error(line: headerLine.number, problem: "the header has no 'symbol' column",
                              hint: "allowed columns: \(columns.joined(separator: ", "))")
        }

        var genes: [GeneRecord] = []
        var seen: [String: Int] = [:]
        for line in rows.dropFirst() {
            let fields = line.fields
            guard fields.count == columnCount else {
                throw table.error(line: line.number,
                                  problem: "has \(fields.count) tab-separated fields; the header has \(columnCount)",
                                  hint: "leave a cell empty rather than dropping it")
            }
            let cell = TabularRow(table: table, line: line.number, fields: fields, index: index)
            let record = try cell.record()
            if let first = seen[record.symbol] {
                throw table.error(line: line.number, column: (index["symbol"] ?? 0) + 1, name: "symbol",
                                  problem: "repeats the gene of line \(first)", hint: "give each gene one row")
            }
            seen[record.symbol] = line.number
            genes.append(record)
        }
        return GeneTable(genes: genes, file: URL(fileURLWithPath: path).lastPathComponent)
    }
}

/// The gene-table rules of each column, for one data row.
private extension TabularRow {
    func fail(_ name: String, _ allowed: String) -> InputError {
        failure(name, allowed, hint: "leave the cell empty to use the profile default")
    }

    func flag(_ name: String) throws(InputError) -> Bool? {
        guard let v = raw(name) else { return nil }
        switch v.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default: throw fail(name, "yes or no")
        }
    }

    func fraction(_ name: String, allowZero: Bool = false) throws(InputError) -> Double? {
        guard let v = raw(name) else { return nil }
        let allowed = allowZero ? "a number from 0 to 1" : "a number above 0 and at most 1"
        guard let x = Self.number(v), x <= 1, allowZero ? x >= 0 : x > 0 else { throw fail(name, allowed) }
        return x
    }

    /// `0.002`, `2e-3` or `1/500`.
    static func number(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let n = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let d = Double(parts[1].trimmingCharacters(in: .whitespaces)), d > 0 else { return nil }
            return n / d
        }
        guard let x = Double(text), x.isFinite else { return nil }
        return x
    }

    func threshold(_ name: String, operators: [FrequencyThreshold.Comparison], allowZero: Bool) throws(InputError) -> FrequencyThreshold? {
        guard var v = raw(name) else { return nil }
        v = v.replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "≤", with: "<=")
        var comparison: FrequencyThreshold.Comparison?
        for op in [FrequencyThreshold.Comparison.greaterOrEqual, .lessOrEqual, .greater, .less] where v.hasPrefix(op.rawValue) {
            comparison = op
            v = String(v.dropFirst(op.rawValue.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        let ops = operators.map(\.rawValue).joined(separator: " or ")
        let allowed = "an allele frequency \(allowZero ? "from 0" : "above 0") to 1, optionally after \(ops) (e.g. \(operators[0].rawValue)0.001)"
        if let comparison, !operators.contains(comparison) { throw fail(name, allowed) }
        guard let x = Self.number(v), x <= 1, allowZero ? x >= 0 : x > 0 else { throw fail(name, allowed) }
        return FrequencyThreshold(value: x, comparison: comparison, text: (comparison?.rawValue ?? "") + v)
    }

    func list(_ name: String, pattern allowed: String, valid: (Substring) -> Bool) throws(InputError) -> [String] {
        guard let v = raw(name) else { return [] }
        var out: [String] = []
        for piece in v.split(separator: ",") {
            let t = piece.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, valid(Substring(t)) else { throw fail(name, allowed) }
            if !out.contains(t) { out.append(t) }
        }
        return out
    }

    static func isVersion(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    func record() throws(InputError) -> GeneRecord {
        guard let symbol = raw("symbol") else { throw fail("symbol", "an HGNC gene symbol") }
        guard symbol.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            throw fail("symbol", "an HGNC gene symbol (letters, digits, '-', '_', '.')")
        }
        var hgnc: String?
        if let v = raw("hgnc_id") {
            let digits = v.hasPrefix("HGNC:") ? v.dropFirst(5) : Substring(v)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw fail("hgnc_id", "an HGNC id such as HGNC:1100") }
            hgnc = "HGNC:" + digits
        }
        var ncbi: Int?
        if let v = raw("ncbi_gene_id") {
            guard let n = Int(v), n > 0 else { throw fail("ncbi_gene_id", "an NCBI gene id (a whole number)") }
            ncbi = n
        }
        var hi: Int?
        if let v = raw("clingen_hi") {
            guard let n = Int(v), [0, 1, 2, 3, 30, 40].contains(n) else { throw fail("clingen_hi", "a ClinGen HI score: 0, 1, 2, 3, 30 or 40") }
            hi = n
        }
        var added: String?
        if let v = raw("acmg_sf_added") {
            guard Self.isVersion(Substring(v)) else { throw fail("acmg_sf_added", "an ACMG SF version such as 3.0") }
            added = v
        }
        let inheritance = try list("inheritance", pattern: "modes such as AD, AR, XL, XLD, XLR, MT, SD (comma-separated)") {
            (2...4).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isUppercase }
        }
        return GeneRecord(
            symbol: symbol, hgncID: hgnc, ncbiGeneID: ncbi,
            acmgSF: try list("acmg_sf", pattern: "ACMG SF versions such as 3.1,3.2,3.3", valid: Self.isVersion),
            acmgSFAdded: added,
            inheritance: inheritance,
            clingenHaploinsufficiency: hi,
            lofMechanism: try flag("lof_mechanism"),
            ba1: try threshold("ba1", operators: [.greater, .greaterOrEqual], allowZero: false),
            bs1: try threshold("bs1", operators: [.greater, .greaterOrEqual], allowZero: false),
            pm2: try threshold("pm2", operators: [.less, .lessOrEqual], allowZero: true),
            prevalence: try fraction("prevalence"),
            allelicContribution: try fraction("allelic_contribution"),
            geneticContribution: try fraction("genetic_contribution"),
            penetrance: try fraction("penetrance"),
            pp2: try flag("pp2"), bp1: try flag("bp1"),
            missenseConstrained: try flag("missense_constrained"),
            vcepSpec: raw("vcep_spec"), source: raw("source"),
            line: line)
    }
}
