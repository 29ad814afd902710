import ArgumentParser
import Foundation
import HTS
import Knowledge
import Annotation
import Variants

/// `consilium annotate`: normalize a VCF and add ClinVar and population-frequency annotations.
struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate a VCF/BCF from a knowledge base: ClinVar and population frequencies, one lookup per allele.",
        discussion: """
        Records are normalized as `consilium norm` does (split and trimmed always; left-aligned when -f is \
        given), each ALT allele is looked up, and the fields CLINVAR_ID, CLINVAR_SIG, CLINVAR_REVSTAT, \
        CLINVAR_STARS, CLINVAR_DN and, for each frequency label L, L_AF, L_AC, L_AN, L_NHOMALT, L_AF_GRPMAX, \
        L_FAF95 (when the source has them) are added to INFO. Records not in the knowledge base pass through \
        unchanged; samples are kept. Contig names may differ in style (chr17 / 17). With -O tsv or jsonl, one \
        row per ALT allele is written instead (columns in docs/cli.md).

        Examples:
          consilium annotate tumor.vcf.gz -k kb -o tumor.annotated.vcf.gz
          consilium annotate calls.bcf -k kb -f GRCh38.fa -O b -o calls.ann.bcf --threads 2
          consilium annotate calls.vcf.gz -k kb -O tsv -o calls.tsv -r chr17:43044295-43125483

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

    @Option(name: .short, help: ArgumentHelp("Output file; - for standard output.", valueName: "OUT"))
    var output: String = "-"

    @Option(name: .customShort("O"), help: ArgumentHelp(
        "Output format: v VCF, z bgzipped VCF, b BCF, u uncompressed BCF, tsv, jsonl. Default: from the -o name (.bcf, .vcf.gz, .tsv, .jsonl), else v.",
        valueName: "v|z|b|u|tsv|jsonl"))
    var outputType: String?

    @Flag(name: .customLong("write-index"), help: "Write a CSI index next to the output (needs -O z or b and -o FILE).")
    var writeIndex = false

    @OptionGroup var inputOptions: InputOptions

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line, warnings summary or counts on stderr.")
    var quiet = false

    func format() throws -> AnnotateFormat {
        guard let t = outputType else { return AnnotateFormat.inferred(fromPath: output) }
        guard let f = AnnotateFormat(option: t) else { throw ValidationError("-O takes v, z, b, u, tsv or jsonl (got '\(t)')") }
        return f
    }

    func validate() throws {
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
        reader.prefetch = true  // parse on a second core while this one looks up, formats and writes
        let fasta = try BuildCheck.reference(reference, for: reader)
        let format = try format()
        let htsFormat: OutputFormat
        if case .vcf(let v) = format { htsFormat = v } else { htsFormat = .vcf }
        try HeaderContigs.prepare(reader: reader, reference: fasta, outputFormat: htsFormat)
        let pipeline = try AnnotationPipeline(reader: reader, reference: fasta, kb: knowledge)
        var warned = Set<String>()
        let quiet = self.quiet
        pipeline.lookup.onMissingContig = { name in
            if !quiet && warned.insert(name).inserted {
                CLIOutput.warning("\(reader.path): contig '\(name)' is not in the knowledge base \(knowledge.path); its records pass through unannotated")
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
            let found = stats.found.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            CLIOutput.note("annotate: \(stats.recordsIn) records in, \(stats.recordsOut) out; alleles found: \(found)")
        }
    }
}
