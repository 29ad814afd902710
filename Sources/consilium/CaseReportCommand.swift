import ArgumentParser
import Foundation
import HTS
import Knowledge
import Panel

/// `consilium case`: expert-panel case reports.
struct Case: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Expert-panel case reports (エキスパートパネル) from a case file.",
        subcommands: [CaseReportCommand.self]
    )
}

/// `consilium case report`: annotate a case's VCFs and render the panel report.
struct CaseReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Assemble and render the case report: HTML, JSON, FHIR R4, Markdown, PDF; Japanese or English.",
        discussion: """
        Reads the case file (YAML; docs/case-file.schema.json), annotates its VCFs with the knowledge base, keeps the \
        panel's genes and regions, and writes into OUTDIR: report.json (canonical, docs/case-report.schema.json), \
        report.html (self-contained, prints to A4), report.md, report.fhir.json (HL7 Genomics Reporting) and \
        report.pdf (headless Chromium). Germline and secondary findings follow the case's consent: declined removes \
        them from every output. Each file is written under a temporary name and renamed when complete. Nothing \
        from the case or its VCFs is written to the terminal. See docs/report.md.

        Examples:
          consilium case report case.yaml -k kb -f GRCh38.fa -o out/case1 --lang ja
          consilium case report case.yaml -k kb -o out/case1 --lang en --format html,json \\
            --therapies therapies.tsv --trials trials.tsv --transcripts report-transcripts.tsv
        """
    )

    @Argument(help: ArgumentHelp("The case file (YAML).", valueName: "CASE.yaml"))
    var caseFile: String

    @Option(name: [.customShort("k"), .customLong("kb")], help: ArgumentHelp("The knowledge-base folder.", valueName: "KB"))
    var kb: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output folder (created if missing).", valueName: "OUTDIR"))
    var output: String

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the human-readable outputs: ja or en.", valueName: "ja|en"))
    var lang: String = "ja"

    @Option(name: .customLong("format"), help: ArgumentHelp("Comma-separated: html,json,fhir,md,pdf (pdf when Chromium is installed).", valueName: "LIST"))
    var format: String = "html,json"

    @Option(name: [.customShort("f"), .customLong("reference")], help: ArgumentHelp("Reference FASTA (left-alignment and consequences); overrides the case file's inputs.reference.", valueName: "REF.fa"))
    var reference: String?

    @Option(name: .customLong("therapies"), help: ArgumentHelp("Curated therapies table (TSV; docs/report.md).", valueName: "TSV"))
    var therapies: String?

    @Option(name: .customLong("trials"), help: ArgumentHelp("Local clinical-trials table (TSV; docs/report.md).", valueName: "TSV"))
    var trials: String?

    @Option(name: .customLong("transcripts"), help: ArgumentHelp("Report transcript per gene (TSV: gene, transcript, source).", valueName: "TSV"))
    var transcripts: String?

    @OptionGroup var tables: SomaticTableOptions

    @Option(name: .customLong("mane-summary"), help: ArgumentHelp("MANE summary (MANE.GRCh38.v*.summary.txt): MANE Select transcripts for gene models without tags (report transcript, PVS1).", valueName: "TXT"))
    var maneSummary: String?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No summary line on stderr.")
    var quiet = false

    func formats() throws -> [ReportFormat] {
        var out: [ReportFormat] = []
        for part in format.split(separator: ",") {
            guard let f = ReportFormat(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--format: unknown format (allowed: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !out.contains(f) { out.append(f) }
        }
        guard !out.isEmpty else { throw ValidationError("--format: give at least one of html, json, fhir, md, pdf") }
        return out
    }

    func validate() throws {
        _ = try formats()
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang: ja or en") }
    }

    func run() throws {
        let formats = try formats()
        let language = ReportLanguage(rawValue: lang) ?? .ja
        if formats.contains(.pdf) && PDFPrinter.chromium == nil {
            throw InputError(file: output, location: .file, field: "--format", problem: "pdf needs headless Chromium, which is not installed",
                             hint: "install chromium, or leave pdf out of --format")
        }
        let knowledge = try KnowledgeBase(path: kb)
        var builder = CaseReportBuilder(caseFilePath: caseFile, knowledgeBase: knowledge, therapiesPath: therapies,
                                        trialsPath: trials, transcriptsPath: transcripts)
        builder.referencePath = reference
        builder.somaticTables = CaseAnnotation.SomaticTables(oncoTree: tables.oncoTree, hotspots: tables.hotspots, geneRoles: tables.geneRoles, maneSummary: maneSummary)
        let report = try builder.build()
        let renderer = try ReportRenderer(language: language)
        try CaseOutput.prepare(folder: output)
        var written: [String] = []
        for f in formats {
            let path = (output as NSString).appendingPathComponent(f.fileName)
            switch f {
            case .html: try CaseOutput.write(try renderer.html(report), to: path)
            case .json: try CaseOutput.write(try renderer.json(report), to: path)
            case .fhir: try CaseOutput.write(try renderer.fhir(report), to: path)
            case .md: try CaseOutput.write(try renderer.markdown(report), to: path)
            case .pdf:
                // Chromium prints from an HTML file; the PDF is written under a temporary name and renamed.
                let out = try AtomicOutput(destination: path)
                let html = FileManager.default.temporaryDirectory.appendingPathComponent("consilium-report-\(UUID().uuidString).html").path
                defer { try? FileManager.default.removeItem(atPath: html) }
                try CaseOutput.writeDirect(try renderer.html(report), to: html)
                do { try PDFPrinter.print(html: html, to: out.writePath) } catch { out.abandon(); throw error }
                try out.commit()
            }
            written.append(f.fileName)
        }
        if !quiet {
            // Counts and file names only: no case or variant content in logs.
            CLIOutput.note("case report: \(written.joined(separator: ", ")) in \(output) (\(report.somaticFindings.count) somatic findings, triage \(report.triage.decision))")
        }
    }
}

/// Output-folder handling for case reports: create the folder, write each file atomically.
enum CaseOutput {
    static func prepare(folder: String) throws(InputError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw InputError(file: folder, location: .file, problem: "the output path exists and is not a folder", hint: "give a folder for -o")
            }
            return
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw InputError(file: folder, location: .file, problem: "cannot create the output folder", hint: "check permissions")
        }
    }

    static func writeDirect(_ data: Data, to path: String) throws(InputError) {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw InputError(file: path, location: .file, problem: "cannot write the file (disk full or no permission?)")
        }
    }

    static func write(_ data: Data, to path: String) throws(InputError) {
        let out = try AtomicOutput(destination: path)
        do { try writeDirect(data, to: out.writePath) } catch { out.abandon(); throw error }
        try out.commit()
    }
}
