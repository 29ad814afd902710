import ArgumentParser
import Consequence
import Foundation
import HTS
import Knowledge
import Annotation
import Variants

/// `consilium annotate`: normalize a VCF and add ClinVar and population-frequency annotations.
struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate a VCF/BCF from a knowledge base: ClinVar, population frequencies and consequences, per allele.",
        discussion: """
        Records are normalized as `consilium norm` does (split and trimmed always; left-aligned when -f is \
        given), each ALT allele is looked up, and the fields CLINVAR_ID, CLINVAR_SIG, CLINVAR_REVSTAT, \
        CLINVAR_STARS, CLINVAR_DN and, for each frequency label L, L_AF, L_AC, L_AN, L_NHOMALT, L_AF_GRPMAX, \
        L_FAF95 (when the source has them) are added to INFO. Records not in the knowledge base pass through \
        unchanged; samples are kept. Contig names may differ in style (chr17 / 17). With -O tsv or jsonl, one \
        row per ALT allele is written instead (columns in docs/cli.md).

        Consequences: when the knowledge base holds gene models (kb build --transcripts) or --gene-model is \
        given, and -f is given, CSL_CSQ is added in VEP's CSQ layout, the same entries `consilium csq` writes \
        (one per transcript within 5 kb; alleles of one haplotype in one codon combined, unless --no-haplotypes). Tables get the report transcript's fields as columns (MANE Select, \
        then Ensembl canonical, then longest CDS; see --transcript-choice) and every entry in the CSQ column.

        Classification (--classify): germline gives CSL_ACMG (class), CSL_ACMG_CRITERIA, CSL_ACMG_POINTS, \
        CSL_ACMG_RULE and CSL_ACMG_EVIDENCE (every criterion evaluated, met or not, with the fact and its source; \
        ACMG/AMP 2015 with ClinGen SVI and the gene's VCEP specification); somatic gives CSL_AMP_TIER, \
        CSL_ONCOGENICITY(+_POINTS, _CRITERIA), CSL_JP_LEVEL and CSL_SOMATIC_EVIDENCE for --tumor-type. The \
        three somatic axes are never merged. Rules and sources: docs/classification.md.

        Examples:
          consilium annotate tumor.vcf.gz -k kb -o tumor.annotated.vcf.gz
          consilium annotate calls.bcf -k kb -f GRCh38.fa -O b -o calls.ann.bcf --threads 2
          consilium annotate calls.vcf.gz -k kb -O tsv -o calls.tsv -r chr17:43044295-43125483
          consilium annotate calls.vcf.gz -k kb -f GRCh38.fa --gene-model refseq.gff3.gz -o calls.csq.vcf.gz
          consilium annotate germline.vcf.gz -k kb -f GRCh38.fa --classify germline -O tsv -o germline.tsv
          consilium annotate tumor.vcf.gz -k kb -f GRCh38.fa --classify somatic --tumor-type BRCA \\
            --oncotree oncotree_2025_10_03.tsv --hotspots v3_multi_type_residue.txt -o tumor.classified.vcf.gz

        Exit status: 0 success, 1 bad input (file, line and field named), 2 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Input VCF, VCF.gz or BCF; - for standard input.", valueName: "IN"))
    var input: String

    @Option(name: [.customShort("k"), .customLong("kb")], help: ArgumentHelp("Knowledge-base folder (consilium kb build).", valueName: "KB"))
    var kb: String

    @Option(name: [.customShort("f"), .customLong("fasta-ref")], help: ArgumentHelp(
        "Reference FASTA: left-align indels before the lookup (as the knowledge base was built with --reference).",
        valueName: "REF.fa"))
    var reference: String?

    @Option(name: [.customShort("g"), .customLong("gene-model")], help: ArgumentHelp(
        "Gene model for consequences instead of the knowledge base's (repeatable): GFF3 or GTF, plain or gzipped. Needs -f.",
        valueName: "GFF3"))
    var geneModels: [String] = []

    @Option(name: .customLong("transcript-choice"), help: ArgumentHelp(
        "Order of criteria for the report transcript of table rows: mane, canonical, longest, severity.",
        valueName: "LIST"))
    var transcriptChoice: String = "mane,canonical,longest"

    @Option(name: .customLong("mane-summary"), help: ArgumentHelp(
        "MANE summary (MANE.GRCh38.v*.summary.txt): its MANE Select transcripts are the report transcripts and count as biologically relevant for PVS1, for gene models without MANE tags (e.g. RefSeq GFF3 from cdot).",
        valueName: "TXT"))
    var maneSummary: String?

    @Flag(name: .customLong("no-consequences"), help: "Do not compute consequences even when gene models are available.")
    var noConsequences = false

    @Flag(name: .customLong("no-hgvs"), help: "Leave HGVSc/HGVSp empty in CSL_CSQ (faster).")
    var noHGVS = false

    @Flag(name: .customLong("no-haplotypes"), help: "Predict each allele alone (VEP's behaviour): do not combine alleles of one haplotype.")
    var noHaplotypes = false

    @Option(name: .short, help: ArgumentHelp("Output file; - for standard output.", valueName: "OUT"))
    var output: String = "-"

    @Option(name: .customShort("O"), help: ArgumentHelp(
        "Output format: v VCF, z bgzipped VCF, b BCF, u uncompressed BCF, tsv, jsonl. Default: from the -o name (.bcf, .vcf.gz, .tsv, .jsonl), else v.",
        valueName: "v|z|b|u|tsv|jsonl"))
    var outputType: String?

    @Flag(name: .customLong("write-index"), help: "Write a CSI index next to the output (needs -O z or b and -o FILE).")
    var writeIndex = false

    @OptionGroup(title: "Classification") var classifyOptions: ClassifyOptions

    @OptionGroup var inputOptions: InputOptions

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line, warnings summary or counts on stderr.")
    var quiet = false

    func format() throws -> AnnotateFormat {
        guard let t = outputType else { return AnnotateFormat.inferred(fromPath: output) }
        guard let f = AnnotateFormat(option: t) else { throw ValidationError("-O takes v, z, b, u, tsv or jsonl (got '\(t)')") }
        return f
    }

    func validate() throws {
        guard TranscriptChoice(option: transcriptChoice) != nil else {
            throw ValidationError("--transcript-choice takes a comma-separated list of mane, canonical, longest, severity (got '\(transcriptChoice)')")
        }
        if !geneModels.isEmpty && reference == nil && !noConsequences {
            throw ValidationError("--gene-model needs -f REF.fa: consequences are computed from the reference sequence")
        }
        let f = try format()
        if writeIndex {
            guard case .vcf(let v) = f, v.isIndexable, output != "-" else {
                throw ValidationError("--write-index needs -O z or -O b and -o FILE")
            }
        }
    }

    func run() throws {
        let knowledge = try KnowledgeBase(path: kb)
        let pool = ThreadPool(threads: inputOptions.threads)
        let reader = try VCFReader(path: input, pool: pool, regions: try inputOptions.parsedRegions())
        // Parse on a second core while this one looks up, formats and writes. Measured against turning it off for
        // lookup-only runs with BGZF output (where compression competes for the second core): on in both BCF and
        // VCF.gz was faster in wall time (1M bench: 1.73–1.91 s vs 1.79–2.19 s BCF, 3.11 vs 3.34–3.51 s VCF.gz).
        reader.prefetch = true
        let fasta = try BuildCheck.reference(reference, for: reader)
        let format = try format()
        let htsFormat: OutputFormat
        if case .vcf(let v) = format { htsFormat = v } else { htsFormat = .vcf }
        try HeaderContigs.prepare(reader: reader, reference: fasta, outputFormat: htsFormat)
        var annotators: [RecordAnnotator] = []
        let maneSelect = try maneSummary.map { p throws(InputError) in try SequenceCriteriaAdapter.maneSelect(summary: p) } ?? []
        let csq = try consequenceAnnotator(kb: knowledge, vcf: reader, maneSelect: maneSelect)
        if let csq { annotators.append(csq) }
        annotators += try classifyOptions.annotators(kb: knowledge, consequences: csq, maneSelect: maneSelect)
        let pipeline = try AnnotationPipeline(reader: reader, reference: fasta, kb: knowledge, annotators: annotators)
        var warned = Set<String>()
        let quiet = self.quiet
        let hasVariantTables = !pipeline.lookup.tables.isEmpty
        pipeline.lookup.onMissingContig = { name in
            // A knowledge base of gene models only has no variant tables, hence no contigs: nothing to warn about.
            if !quiet && hasVariantTables && warned.insert(name).inserted {
                CLIOutput.warning("\(reader.path): contig '\(name)' is not in the knowledge base \(knowledge.path); its records get no ClinVar or frequency annotations")
            }
        }
        let sink: AnnotationSink
        switch format {
        case .vcf(let v):
            let header = pipeline.normalizer.outputHeader
            reader.mirrorUndeclaredContigs(into: header)
            header.append(line: "##consilium_version=\(ConsiliumVersion.string)")
            header.append(line: "##consilium_command=\(CommandLine.arguments.map(CommandText.quote).joined(separator: " "))")
            sink = try VCFAnnotationWriter(path: output, format: v, header: header, kb: knowledge, pool: pool, writeIndex: writeIndex)
        case .tsv:
            sink = try TableAnnotationWriter(path: output, json: false, header: reader.header, kb: knowledge,
                                            annotators: pipeline.annotators)
        case .jsonl:
            sink = try TableAnnotationWriter(path: output, json: true, header: reader.header, kb: knowledge,
                                            annotators: pipeline.annotators)
        }
        var progress = Progress(label: "annotate", quiet: quiet)
        let total = reader.fileSize
        let stats = try pipeline.run(into: sink) { r in
            progress.update(records: r.recordNumber, bytes: r.bytesConsumed, total: total)
        }
        progress.finish()
        if !quiet {
            HeaderContigs.warnUndeclared(reader: reader)
            var found = stats.found.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            if found.isEmpty { found = "none (no ClinVar or frequency tables)" }
            CLIOutput.note("annotate: \(stats.recordsIn) records in, \(stats.recordsOut) out; alleles found: \(found)")
        }
    }

    /// The consequence stage when gene models (from --gene-model, else the knowledge base) and -f are available.
    func consequenceAnnotator(kb: KnowledgeBase, vcf: VCFReader, maneSelect: Set<String>) throws -> ConsequenceAnnotator? {
        guard !noConsequences else { return nil }
        guard !geneModels.isEmpty || !kb.dataSources(kind: "genemodel").isEmpty else { return nil }
        guard let reference else {
            if !quiet {
                CLIOutput.note("annotate: the knowledge base has gene models; give -f REF.fa to add consequences (CSL_CSQ)")
            }
            return nil
        }
        guard let models = try ConsequenceStage.models(kb: kb, files: geneModels, queryBuild: GenomeBuild.detect(contigs: vcf.header.contigs),
                                                       queryPath: vcf.path) else { return nil }
        let transcripts = ConsequenceStage.flag(models.transcripts, maneSelect: maneSelect)
        // The predictor reads its own reference handle: the normalizer's is positioned elsewhere.
        let fasta = try FastaReference(path: reference)
        let choice = TranscriptChoice(option: transcriptChoice) ?? .standard
        return ConsequenceAnnotator(model: GeneModel(transcripts: transcripts), reference: fasta,
                                    source: models.source, choice: choice, hgvs: !noHGVS,
                                    combinesHaplotypes: !noHaplotypes)
    }
}
