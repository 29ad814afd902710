import ArgumentParser
import Classification
import Foundation
import HTS

/// `consilium acmg combine`: the class, points and deciding rule for applied ACMG/AMP criteria.
struct ACMGCombine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "combine",
        abstract: "Combine applied ACMG/AMP criteria into a class, with the points and the rule that decided.",
        discussion: """
        Criteria are codes with an optional strength suffix: PVS1, PM2_Supporting, PS3_Moderate, \
        "PM3_Very Strong", BA1. A code without a suffix is applied at its ACMG/AMP 2015 strength. Both the 2015 \
        Table 5 result and the Tavtigian 2020 points are computed; the profile decides the final class \
        (default clingen-svi-2024; see docs/classification.md). With the default profile a ClinGen VCEP \
        specification chosen by --expert-panel, else by --gene, may change the combining rule.

        With --tsv, reads a tab-separated table with columns id, gene, criteria (header names \
        case-insensitive; optional `expert panel` and `variant`), or a ClinGen Evidence Repository export as it \
        is, and writes the same rows with class, points and rule added.

        Examples:
          consilium acmg combine PVS1 PM2_Supporting
          consilium acmg combine --gene TP53 PS3 PM1 PM2_Supporting PP3
          consilium acmg combine --profile tavtigian-2020 --json BS1 PP3
          consilium acmg combine --tsv criteria.tsv -o classified.tsv
        Profiles: clingen-svi-2024 (default), acmg-2015, acmg-2015-bayesian, tavtigian-2020.
        """
    )

    @Argument(help: ArgumentHelp("Applied criteria (also comma-separated).", valueName: "CRITERIA"))
    var criteria: [String] = []

    @Option(name: .customLong("gene"), help: "HGNC symbol: chooses a VCEP specification.")
    var gene: String?

    @Option(name: .customLong("expert-panel"), help: "Expert panel name (as in the ClinGen eRepo): chooses a VCEP specification before --gene.")
    var expertPanel: String?

    @Option(name: .customLong("variant"), help: "Variant name such as NM_004004.6(GJB2):c.109G>A, for the BA1 exception list.")
    var variant: String?

    @Option(name: .customLong("profile"), help: "Profile: clingen-svi-2024 (default), acmg-2015, acmg-2015-bayesian, tavtigian-2020.")
    var profileName: String = ClassificationProfile.default.id

    @Option(name: .customLong("specifications"), help: "JSON file with more VCEP specifications (an array; see docs/classification.md).")
    var specificationsFile: String?

    @Option(name: .customLong("tsv"), help: "Read criteria rows from this table (- for standard input).")
    var tsv: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output table for --tsv (default standard output).")
    var output: String = "-"

    @Flag(name: .customLong("json"), help: "Print JSON (one object; with --tsv, one object per line).")
    var json = false

    func validate() throws {
        guard ClassificationProfile.named(profileName) != nil else {
            throw ValidationError("unknown --profile; expected one of \(ClassificationProfile.builtIn.map(\.id).joined(separator: ", "))")
        }
        if tsv == nil && criteria.isEmpty {
            throw ValidationError("give criteria (e.g. PVS1 PM2_Supporting) or --tsv FILE")
        }
        if tsv != nil && !criteria.isEmpty {
            throw ValidationError("give either criteria on the command line or --tsv, not both")
        }
    }

    func run() throws {
        var catalog = SpecificationCatalog.builtIn
        if let specificationsFile {
            guard let data = FileManager.default.contents(atPath: specificationsFile) else {
                throw InputError(file: specificationsFile, location: .file, problem: "cannot read the file")
            }
            do { try catalog.add(json: data) } catch {
                throw InputError(file: specificationsFile, location: .file, problem: "not a JSON array of VCEP specifications",
                                 hint: "see docs/classification.md, section Specification files")
            }
        }
        let profile = ClassificationProfile.named(profileName) ?? .default
        let combiner = ACMGCombiner(profile: profile, catalog: catalog)
        if let tsv {
            try combineTable(tsv, combiner)
        } else {
            let applied: [AppliedCriterion]
            do {
                applied = try AppliedCriterion.parseList(criteria.joined(separator: ","))
            } catch {
                throw InputError(file: "command line", location: .file, field: "CRITERIA", problem: error.description)
            }
            let name = variant.flatMap { VariantName(describing: $0, gene: gene) }
            let result = combiner.combine(applied, gene: gene, expertPanel: expertPanel, variant: name)
            let text = json ? Self.json(result, id: nil) + "\n" : Self.human(result)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func combineTable(_ path: String, _ combiner: ACMGCombiner) throws {
        let table = try ACMGTable.read(path: path)
        var out = json ? "" : (table.header + ["class", "points", "rule"]).joined(separator: "\t") + "\n"
        for (row, line) in zip(table.rows, table.lines) {
            let applied: [AppliedCriterion]
            do {
                applied = try AppliedCriterion.parseList(table.value(row, table.criteriaColumn) ?? "")
            } catch {
                throw InputError(file: path, location: .line(line), field: table.header[table.criteriaColumn], problem: error.description,
                                 hint: "codes are comma-separated, e.g. PVS1, PM2_Supporting, PS3_Moderate")
            }
            let gene = table.value(row, table.geneColumn)
            let name = table.value(row, table.variantColumn).flatMap { VariantName(describing: $0, gene: gene) }
            let result = combiner.combine(applied, gene: gene, expertPanel: table.value(row, table.panelColumn), variant: name)
            if json {
                out += Self.json(result, id: table.value(row, table.idColumn)) + "\n"
            } else {
                out += (row + [result.acmgClass.rawValue, String(result.points), Self.tsvSafe(result.rule)]).joined(separator: "\t") + "\n"
            }
        }
        let target = try AtomicOutput(destination: output)
        if target.writePath == "-" {
            FileHandle.standardOutput.write(Data(out.utf8))
            return
        }
        guard FileManager.default.createFile(atPath: target.writePath, contents: Data(out.utf8)) else {
            target.abandon()
            throw InputError(file: output, location: .file, problem: "cannot write the output file")
        }
        try target.commit()
    }

    static func tsvSafe(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func human(_ r: CombinationResult) -> String {
        var s = "class          \(r.acmgClass.rawValue)\n"
        s += "points         \(r.points) (points alone: \(r.pointsClass.rawValue))\n"
        s += "2015 Table 5   \(r.table5.acmgClass.rawValue): \(r.table5.explanation)\n"
        s += "decided by     \(r.rule)\n"
        s += "profile        \(r.profile)\n"
        if let spec = r.specification { s += "specification  \(spec)\n" }
        s += "criteria       \(r.counted.map(\.code).joined(separator: ", "))\n"
        for i in r.ignored { s += "not counted    \(i.criterion.code): \(i.reason)\n" }
        return s
    }

    struct JSONRow: Encodable {
        var id: String?
        var `class`: String
        var points: Int
        var points_class: String
        var table5_class: String
        var table5_rule: String
        var decided_by: String
        var rule: String
        var profile: String
        var specification: String?
        var criteria: [String]
        var not_counted: [[String: String]]
    }

    static func json(_ r: CombinationResult, id: String?) -> String {
        let row = JSONRow(id: id, class: r.acmgClass.rawValue, points: r.points, points_class: r.pointsClass.rawValue,
                          table5_class: r.table5.acmgClass.rawValue, table5_rule: r.table5.explanation,
                          decided_by: r.decidedBy.rawValue, rule: r.rule, profile: r.profile, specification: r.specification,
                          criteria: r.counted.map(\.code),
                          not_counted: r.ignored.map { ["criterion": $0.criterion.code, "reason": $0.reason] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(row)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
