import Foundation
import HTS
import Variants

extension Curations {
    /// Columns every curation file has.
    public static let requiredColumns = ["chrom", "pos", "ref", "alt", "gene", "class", "criteria", "date", "curator"]
    /// Columns a curation file may add.
    public static let optionalColumns = ["hgvs", "note", "build", "not_met", "oncogenicity", "oncogenicity_not_met"]

    /// Reads a curation TSV. Errors name the file, the line, the column and what the column accepts; they
    /// describe a bad value by its shape, never by its content.
    public static func load(path: String) throws(InputError) -> Curations {
        let table = try TabularText.read(path: path)
        var commentBuild: (build: GenomeBuild, line: Int)?
        var headerLine: TabularText.Line?
        for line in table.lines {
            if line.text.hasPrefix("#") {
                if let value = buildDeclaration(line.text) {
                    guard let b = parseBuild(value) else {
                        throw table.error(line: line.number, name: "build", problem: "names an unknown genome build",
                                          hint: "write #build=GRCh38 or #build=GRCh37")
                    }
                    commentBuild = (b, line.number)
                }
                continue
            }
            if line.text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            headerLine = line
            break
        }
        guard let headerLine else {
            throw InputError(file: path, location: .file, problem: "has no header row",
                             hint: "the first non-comment line names the columns: \(requiredColumns.joined(separator: ", "))")
        }
        let allowed = requiredColumns + optionalColumns
        let index = try table.columnIndex(of: headerLine, allowed: allowed, what: "curation")
        let columnCount = headerLine.fields.count
        let missing = requiredColumns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw table.error(line: headerLine.number, problem: "the header lacks the column(s) \(missing.joined(separator: ", "))",
                              hint: "required columns: \(requiredColumns.joined(separator: ", ")); optional: \(optionalColumns.joined(separator: ", "))")
        }
        if commentBuild == nil && index["build"] == nil {
            throw table.error(line: headerLine.number, name: "build", problem: "the file does not say its genome build",
                              hint: "add a line #build=GRCh38 (or GRCh37) before the header, or a 'build' column")
        }

        var build = commentBuild?.build
        var entries: [Curation] = []
        for line in table.lines where line.number > headerLine.number {
            if line.text.hasPrefix("#") || line.text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.fields
            guard fields.count == columnCount else {
                throw table.error(line: line.number,
                                  problem: "has \(fields.count) tab-separated fields; the header has \(columnCount)",
                                  hint: "leave optional cells empty rather than dropping them")
            }
            let row = TabularRow(table: table, line: line.number, fields: fields, index: index)
            if let rowBuild = try row.build() {
                if let b = build, b != rowBuild {
                    throw row.fail("build", "the same build on every row and in the #build line (\(b.rawValue))",
                                   found: "a different build")
                }
                build = rowBuild
            }
            entries.append(try row.curation())
        }
        guard let build else {
            throw table.error(line: headerLine.number, name: "build", problem: "the build column is empty on every row",
                              hint: "write GRCh38 or GRCh37 in the build column, or add #build=GRCh38 before the header")
        }
        return Curations(build: build, entries: entries, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// `#build=GRCh38`, `## build: GRCh38` → `GRCh38`.
    static func buildDeclaration(_ text: Substring) -> String? {
        let body = text.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        guard body.lowercased().hasPrefix("build") else { return nil }
        let rest = body.dropFirst(5).trimmingCharacters(in: .whitespaces)
        guard let sep = rest.first, sep == "=" || sep == ":" else { return nil }
        return rest.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    static func parseBuild(_ text: String) -> GenomeBuild? {
        switch text.lowercased() {
        case "grch38", "hg38": return .grch38
        case "grch37", "hg19": return .grch37
        default: return nil
        }
    }
}

/// The curation rules of each column, for one data row.
private extension TabularRow {
    func fail(_ name: String, _ allowed: String, found: String? = nil) -> InputError {
        failure(name, allowed, found: found)
    }

    func required(_ name: String, _ allowed: String) throws(InputError) -> String {
        guard let v = raw(name) else { throw fail(name, allowed) }
        return v
    }

    func build() throws(InputError) -> GenomeBuild? {
        guard let v = raw("build") else { return nil }
        guard let b = Curations.parseBuild(v) else { throw fail("build", "GRCh38 or GRCh37 (hg38, hg19 accepted)") }
        return b
    }

    static func isBases(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { "ACGTN".contains($0) }
    }

    /// A real calendar date written `YYYY-MM-DD`.
    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    /// An optional column of ClinGen/CGC/VICC oncogenicity codes (Horak 2022 Table 2 labels), each at most once.
    func oncogenicityCodes(_ name: String, _ what: String) throws(InputError) -> [String]? {
        guard let text = raw(name) else { return nil }
        let rule = "comma-separated \(what), Horak 2022 labels: \(Curation.oncogenicityCodes.joined(separator: ", ")), e.g. OS2,OM1"
        var list: [String] = []
        for piece in text.split(separator: ",") {
            let code = piece.trimmingCharacters(in: .whitespaces).uppercased()
            guard Curation.oncogenicityCodes.contains(code) else {
                throw fail(name, rule, found: "an entry that is not such a code (\(shapeOf(piece)))")
            }
            guard !list.contains(code) else { throw fail(name, "each code at most once", found: "\(code) twice") }
            list.append(code)
        }
        return list
    }

    func curation() throws(InputError) -> Curation {
        let chrom = try required("chrom", "a contig name such as chr17 or 17")
        guard !chrom.contains(" ") else { throw fail("chrom", "a contig name without spaces") }
        let posText = try required("pos", "a 1-based position (a whole number from 1)")
        guard let pos = Int(posText), pos >= 1 else { throw fail("pos", "a 1-based position (a whole number from 1)") }
        let basesRule = "a VCF allele of bases A, C, G, T, N (symbolic alleles and '.' are not curated here)"
        let ref = try required("ref", basesRule).uppercased()
        guard Self.isBases(ref) else { throw fail("ref", basesRule) }
        let alt = try required("alt", basesRule).uppercased()
        guard Self.isBases(alt) else { throw fail("alt", basesRule) }
        guard alt != ref else { throw fail("alt", "an allele different from ref", found: "the same allele as ref") }
        let gene = try required("gene", "an HGNC gene symbol")
        let classRule = "one of P, LP, VUS, LB, B (or Pathogenic, Likely pathogenic, Uncertain significance, Likely benign, Benign)"
        let classText = try required("class", classRule)
        guard let cls = ACMGClass(text: classText) else { throw fail("class", classRule) }

        var criteria: [AppliedCriterion] = []
        if let text = raw("criteria") {
            let rule = "comma-separated ACMG/AMP codes with optional strength suffixes _Supporting, _Moderate, _Strong, " +
                "_Very Strong, _Stand Alone (BA1 only), e.g. PVS1,PM2_Supporting,PS3_Moderate"
            for piece in text.split(separator: ",") {
                guard let c = AppliedCriterion(text: String(piece)) else {
                    throw fail("criteria", rule, found: "an entry that is not such a code (\(shapeOf(piece)))")
                }
                if criteria.contains(where: { $0.code == c.code }) {
                    throw fail("criteria", "each code at most once", found: "\(c.code) twice")
                }
                criteria.append(c)
            }
        }
        var notMet: [AppliedCriterion]? = nil
        if let text = raw("not_met") {
            var list: [AppliedCriterion] = []
            for piece in text.split(separator: ",") {
                guard let c = AppliedCriterion(text: String(piece)) else {
                    throw fail("not_met", "comma-separated ACMG/AMP codes the curator rejects, e.g. PM2,PP3",
                               found: "an entry that is not such a code (\(shapeOf(piece)))")
                }
                if criteria.contains(where: { $0.code == c.code }) || list.contains(where: { $0.code == c.code }) {
                    throw fail("not_met", "codes not also listed as applied, each at most once", found: "\(c.code) given twice")
                }
                list.append(c)
            }
            notMet = list
        }
        let oncogenic = try oncogenicityCodes("oncogenicity", "the somatic oncogenicity codes the curator applies")
        let oncogenicNotMet = try oncogenicityCodes("oncogenicity_not_met", "the somatic oncogenicity codes the curator rejects")
        if let a = oncogenic, let r = oncogenicNotMet, let both = a.first(where: r.contains) {
            throw fail("oncogenicity_not_met", "codes not also listed in oncogenicity", found: "\(both) in both")
        }
        let date = try required("date", "an ISO 8601 date YYYY-MM-DD")
        guard Self.isISODate(date) else { throw fail("date", "an ISO 8601 date YYYY-MM-DD (a real calendar date)") }
        let curator = try required("curator", "a role or a pseudonymous curator id (never a patient identifier)")
        return Curation(chrom: chrom, pos: pos, ref: ref, alt: alt, gene: gene, hgvs: raw("hgvs"),
                        classification: cls, criteria: criteria, date: date, curator: curator,
                        note: raw("note"), notMet: notMet, oncogenicity: oncogenic, oncogenicityNotMet: oncogenicNotMet, line: line)
    }
}
