import ArgumentParser
import Foundation
import HTS
import Knowledge

/// `consilium kb build`: import sources into a versioned, memory-mapped knowledge-base folder.
struct KBBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a knowledge-base folder from ClinVar and population-frequency VCFs.",
        discussion: """
        Every source is normalized on import with the same code as `consilium norm` (split multiallelic \
        records; left-align indels when --reference is given), so a multiallelic or unaligned source record \
        still matches a normalized query. The folder holds manifest.json (genome build, contigs, each \
        source's file, version, SHA-256 and counts) and one integer-keyed index per source. The same inputs \
        give byte-identical index files. The folder is built under a temporary name and renamed when complete.

        CIViC exports, a gene table and institutional curations are stored as canonical JSON (sorted keys) \
        in the folder and listed in the manifest with their SHA-256.

        Examples:
          consilium kb build -o kb --clinvar clinvar.vcf.gz
          consilium kb build -o kb --clinvar clinvar.vcf.gz --civic civic-nightly/ --genes genes.tsv --curations panel.tsv
          consilium kb build -o kb --reference GRCh38.fa --clinvar clinvar.vcf.gz \\
              --frequencies gnomad_exomes=gnomad.exomes.v4.1.sites.vcf.bgz \\
              --frequencies tommo=tommo-54kjpn.vcf.gz

        Exit status: 0 success, 1 bad input (file, line and field named), 2 bad usage.
        """
    )

    @Option(name: .short, help: ArgumentHelp("The knowledge-base folder to create (or replace).", valueName: "KB"))
    var output: String

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Reference FASTA; sources are then left-aligned as `consilium norm -f` does, and its genome build is checked.",
        valueName: "REF.fa"))
    var reference: String?

    @Option(name: .customLong("clinvar"), help: ArgumentHelp("NCBI ClinVar VCF (clinvar.vcf.gz).", valueName: "F"))
    var clinvar: String?

    @Option(name: .customLong("frequencies"), help: ArgumentHelp(
        "A population-frequency VCF under a label (repeatable): gnomAD v2/v3/v4 or AF/AC/AN-only panels. The label prefixes the INFO fields (LABEL_AF …).",
        valueName: "LABEL=F"))
    var frequencies: [String] = []

    @Option(name: .customLong("civic"), help: ArgumentHelp(
        "A folder of CIViC exports: nightly TSVs (ClinicalEvidenceSummaries, AssertionSummaries, VariantSummaries) and/or API JSON records.",
        valueName: "DIR"))
    var civic: String?

    @Option(name: .customLong("genes"), help: ArgumentHelp(
        "Gene table (TSV: ACMG SF membership, inheritance, LoF mechanism, per-gene thresholds; see docs/knowledge-base.md).",
        valueName: "F"))
    var genes: String?

    @Option(name: .customLong("curations"), help: ArgumentHelp(
        "The institution's prior panel classifications (TSV; see docs/knowledge-base.md).", valueName: "F"))
    var curations: String?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No notes on stderr.")
    var quiet = false

    func validate() throws {
        for f in frequencies {
            guard let eq = f.firstIndex(of: "="), eq != f.startIndex, f.index(after: eq) != f.endIndex else {
                throw ValidationError("--frequencies takes LABEL=FILE (e.g. gnomad_exomes=gnomad.exomes.vcf.bgz); got '\(f)'")
            }
            let label = String(f[..<eq])
            guard KBBuilder.validate(label: label) else {
                throw ValidationError("--frequencies label '\(label)' must start with a letter and hold only letters, digits and _")
            }
        }
        if clinvar == nil && frequencies.isEmpty && civic == nil && genes == nil && curations == nil {
            throw ValidationError("give at least one source: --clinvar F, --frequencies LABEL=F, --civic DIR, --genes F or --curations F")
        }
    }

    /// CIViC, gene table and curations, loaded by their importers and stored as canonical JSON.
    func documents() throws -> [KBBuilder.DocumentSource] {
        func json(_ path: String, _ encode: () throws -> Data) throws(InputError) -> Data {
            do { return try encode() } catch {
                throw InputError(file: path, location: .file, problem: "could not encode the imported records as JSON")
            }
        }
        var docs: [KBBuilder.DocumentSource] = []
        if let civic {
            let k = try CIViCKnowledge.load(directory: civic)
            docs.append(.init(label: "civic", kind: "civic", path: civic, json: try json(civic, k.canonicalJSON),
                              records: k.recordCount, version: k.release))
        }
        if let genes {
            let t = try GeneTable.load(path: genes)
            docs.append(.init(label: "genes", kind: "genes", path: genes, json: try json(genes, t.canonicalJSON), records: t.recordCount))
        }
        if let curations {
            let c = try Curations.load(path: curations)
            docs.append(.init(label: "curations", kind: "curations", path: curations, json: try json(curations, c.canonicalJSON),
                              records: c.recordCount))
        }
        return docs
    }

    func run() throws {
        var builder = KBBuilder(output: output)
        builder.reference = reference
        builder.clinvar = clinvar
        builder.frequencies = frequencies.compactMap { f in
            guard let eq = f.firstIndex(of: "=") else { return nil }
            return KBBuilder.FrequencySource(label: String(f[..<eq]), path: String(f[f.index(after: eq)...]))
        }
        builder.documents = try documents()
        let quiet = self.quiet
        builder.onStep = { message in if !quiet { CLIOutput.note("kb build: \(message)") } }
        let start = Date()
        let manifest = try builder.build()
        if !quiet {
            let seconds = Date().timeIntervalSince(start)
            for s in manifest.sources {
                guard s.kind == "clinvar" || s.kind == "frequencies" else {
                    CLIOutput.note("kb build: \(s.label): \(s.counts.records) records stored in \(s.index)")
                    continue
                }
                CLIOutput.note("kb build: \(s.label): \(s.counts.records) records, \(s.counts.indexed) alleles indexed (\(s.counts.duplicates) duplicates, \(s.counts.skipped) skipped)")
            }
            CLIOutput.note(String(format: "kb build: wrote %@ in %.1f s", output, seconds))
        }
    }
}
