import ArgumentParser
import Consequence
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

        Gene models (--transcripts, repeatable: Ensembl or RefSeq GFF3, Ensembl/GENCODE GTF, plain or gzipped) \
        are stored in a compact binary form (genemodel.LABEL.bin) with their release from the file header and \
        their gene and transcript counts; `consilium annotate -f REF` then computes consequences (CSL_CSQ). \
        The label defaults to the file name up to its first dot; give LABEL=F to choose it.

        Examples:
          consilium kb build -o kb --clinvar clinvar.vcf.gz
          consilium kb build -o kb --clinvar clinvar.vcf.gz --civic civic-nightly/ --genes genes.tsv --curations panel.tsv
          consilium kb build -o kb --clinvar clinvar.vcf.gz --transcripts ensembl=Homo_sapiens.GRCh38.112.gff3.gz \\
              --transcripts refseq=GCF_000001405.40_GRCh38.p14_genomic.gff.gz
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

    @Option(name: .customLong("transcripts"), help: ArgumentHelp(
        "A gene model (repeatable): GFF3 (Ensembl, RefSeq/NCBI) or GTF, plain or gzipped, optionally under a label.",
        valueName: "[LABEL=]F"))
    var transcripts: [String] = []

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No notes on stderr.")
    var quiet = false

    /// `--transcripts` values as (label, path); the label defaults to the file name up to its first dot,
    /// made a valid label (letters, digits, _), and numbered when two files would share it.
    static func geneModelArguments(_ values: [String]) throws -> [(label: String, path: String)] {
        var out: [(label: String, path: String)] = []
        for v in values {
            if let eq = v.firstIndex(of: "="), KBBuilder.validate(label: String(v[..<eq])), v.index(after: eq) != v.endIndex {
                out.append((String(v[..<eq]), String(v[v.index(after: eq)...])))
                continue
            }
            // `TP53_WRAP53.ensembl.GRCh38.gff3` → `TP53_WRAP53`; `Homo_sapiens.GRCh38.112.gtf.gz` → `Homo_sapiens`.
            let name = (v as NSString).lastPathComponent.split(separator: ".").first.map(String.init) ?? "transcripts"
            var label = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(40))
            if !(label.first?.isLetter ?? false) { label = String(("m" + label).prefix(40)) }
            out.append((label, v))
        }
        var seen: [String: Int] = [:]
        for i in out.indices {
            let n = seen[out[i].label, default: 0] + 1
            seen[out[i].label] = n
            if n > 1 { out[i].label = String(out[i].label.prefix(36)) + "_\(n)" }
        }
        guard Set(out.map(\.label)).count == out.count else {
            throw ValidationError("--transcripts labels must differ; give LABEL=F")
        }
        return out
    }

    /// Gene models read by the Consequence target and stored as its binary form; the bundle keeps them opaque.
    func geneModels() throws -> [KBBuilder.DataSource] {
        var out: [KBBuilder.DataSource] = []
        for (label, path) in try Self.geneModelArguments(transcripts) {
            let header = try GeneModelReader.header(path: path)
            let model = try GeneModelReader.read(path: path)
            guard !model.transcripts.isEmpty else {
                throw InputError(file: path, location: .file, problem: "no transcript found (no exon or CDS feature with a parent)",
                                 hint: "give a GFF3 or GTF gene model with gene, transcript/mRNA, exon and CDS lines")
            }
            var counts = KBManifest.Counts()
            counts.records = model.transcripts.count
            counts.indexed = model.transcripts.count
            counts.genes = model.geneCount
            counts.transcripts = model.transcripts.count
            out.append(.init(label: label, kind: "genemodel", path: path, bytes: model.bundleBytes(), counts: counts,
                             version: header.version, versionFrom: header.versionFrom, genomeBuild: header.genomeBuild,
                             format: header.format))
        }
        return out
    }

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
        if clinvar == nil && frequencies.isEmpty && civic == nil && genes == nil && curations == nil && transcripts.isEmpty {
            throw ValidationError("give at least one source: --clinvar F, --frequencies LABEL=F, --civic DIR, --genes F, --curations F or --transcripts F")
        }
        _ = try Self.geneModelArguments(transcripts)
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
        builder.dataFiles = try geneModels()
        let quiet = self.quiet
        builder.onStep = { message in if !quiet { CLIOutput.note("kb build: \(message)") } }
        let start = Date()
        let manifest = try builder.build()
        if !quiet {
            let seconds = Date().timeIntervalSince(start)
            for s in manifest.sources {
                if s.kind == "genemodel" {
                    CLIOutput.note("kb build: \(s.label): \(s.counts.genes ?? 0) genes, \(s.counts.transcripts ?? 0) transcripts stored in \(s.index)")
                    continue
                }
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
