import ArgumentParser
import CHTSlib
import Consequence
import Foundation
import HTS
import Variants

/// `consilium csq`: consequences and HGVS from a gene model and the reference, like `bcftools csq`, written as
/// `CSL_CSQ` in VEP's CSQ layout.
struct CSQ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csq",
        abstract: "Predict consequences (SO terms, VEP rules) and HGVS c./p. from a GFF3/GTF gene model; writes INFO/CSL_CSQ.",
        discussion: """
        Each ALT allele gets one CSL_CSQ entry per transcript within 5 kb (VEP's layout: \
        Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|cDNA_position|\
        CDS_position|Protein_position|Amino_acids|Codons|STRAND|CANONICAL|MANE_SELECT), or one intergenic_variant \
        entry. The gene model may be Ensembl or RefSeq GFF3 or Ensembl/GENCODE GTF, plain or gzipped; contig \
        names may differ in style between the VCF, the FASTA and the model (chr17 / 17). Input should be \
        normalized (`consilium norm`).

        Haplotype-aware, like bcftools csq: on each haplotype (phased, haploid or homozygous GT; a VCF without \
        samples only with --sites-as-haplotype, as bcftools reads it), alleles in the same codon, or after a \
        frameshift until the frame is restored, are translated together. The combined change is written on the \
        entry of the member first in transcript order (field COMPOUND lists the members' POS, e.g. 31177+31178); \
        the other records keep their own consequence with COMPOUND=@POS of that member. Unphased heterozygous alleles are predicted alone. --no-haplotypes \
        predicts every allele alone.

        --threads N (N ≥ 1): N BGZF (de)compression threads; from N = 3 also text VCF input parsed on a thread \
        of its own and prediction, combining and formatting on another. The output is identical to --threads 0, \
        in input order.

        Examples:
          consilium csq calls.norm.vcf.gz -f GRCh38.fa.gz -g Homo_sapiens.GRCh38.gff3.gz -o calls.csq.vcf.gz
          consilium csq in.bcf -f ref.fa -g genes.gtf.gz -O b -o out.bcf --no-hgvs

        Exit status: 0 success, 1 bad input (file, line and field named), 2 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Input VCF, VCF.gz or BCF; - for standard input.", valueName: "IN"))
    var input: String

    @Option(name: [.customShort("f"), .customLong("fasta-ref")], help: ArgumentHelp("Reference FASTA (plain or bgzipped).", valueName: "REF.fa"))
    var reference: String

    @Option(name: [.customShort("g"), .customLong("gff")], help: ArgumentHelp("Gene model: GFF3 or GTF, plain, gzip or bgzip.", valueName: "GFF3"))
    var geneModel: String

    @Flag(name: .customLong("no-hgvs"), help: "Leave HGVSc/HGVSp empty (faster).")
    var noHGVS = false

    @Flag(name: .customLong("no-haplotypes"), help: "Predict each allele alone (VEP's behaviour): do not combine alleles of one haplotype.")
    var noHaplotypes = false

    @Flag(name: .customLong("sites-as-haplotype"), help: "Read a VCF without samples as one haplotype carrying every first ALT (bcftools csq's reading).")
    var sitesAsHaplotype = false

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var inputOptions: InputOptions

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line and no summary on stderr.")
    var quiet = false

    /// `--threads` from which parsing and prediction/formatting move to threads of their own (on 2 cores neither
    /// paid with --threads 2: see `run`).
    static let workerThreads = 3

    func validate() throws { _ = try outputOptions.format() }

    func run() throws {
        let model = try GeneModelReader.read(path: geneModel)
        let fasta = try FastaReference(path: reference)
        let pool = ThreadPool(threads: inputOptions.threads)
        let reader = try VCFReader(path: input, pool: pool, regions: try inputOptions.parsedRegions())
        // Parsing on a thread of its own only with the worker: on the 2-core 1M bench with --threads 2 it did not pay
        // (quiet machine, 1-minute load < 1.5, alternating pairs: 4.67/5.13/4.89 s wall against 4.52/4.82/4.88 s with
        // BGZF threads alone, and ~0.3 s more CPU) — this thread's prediction and formatting is the longer path.
        reader.prefetch = inputOptions.threads >= Self.workerThreads
        try BuildCheck.requireSameBuild(vcf: reader, reference: fasta)
        let format = try outputOptions.format()
        try HeaderContigs.prepare(reader: reader, reference: fasta, outputFormat: format)
        let header = reader.header
        _ = header.append(line: CSQFormatter.headerLine(source: (geneModel as NSString).lastPathComponent))
        _ = header.append(line: "##consilium_version=\(ConsiliumVersion.string)")
        _ = header.append(line: "##consilium_command=\(CommandLine.arguments.map(CommandText.quote).joined(separator: " "))")
        let writer = try VCFWriter(path: outputOptions.output, format: format, header: header, pool: pool,
                                   writeIndex: outputOptions.writeIndex)
        let predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: fasta, model: model))
        let formatter = CSQFormatter(predictor: predictor, hgvs: !noHGVS)
        // Without samples there is no phase: alleles are combined only when asked (a sites-only file such as ClinVar
        // lists alternatives, not one chromosome).
        let processor = CSQRecordProcessor(model: model, predictor: predictor, formatter: formatter, header: header,
                                           combine: !noHaplotypes && (header.sampleCount > 0 || sitesAsHaplotype))
        var progress = Progress(label: "csq", quiet: quiet)
        let total = reader.fileSize
        func write(_ r: VCFRecord, _ value: UnsafePointer<CChar>?) throws {
            if let value { _ = bcf_update_info(header.pointer, r.pointer, "CSL_CSQ", value, 1, Int32(BCF_HT_STR)) }
            try writer.write(r)
        }
        // The worker (prediction and formatting off this thread) only with threads to spare: on 2 cores with
        // --threads 2 it measured slower (5.2-5.3 s wall vs 4.7-4.8 s on the 1M bench; more CPU for the handoffs
        // and records crossing cores, and five threads sharing two cores).
        if inputOptions.threads >= Self.workerThreads {
            try runWithWorker(processor: processor, reader: reader, progress: &progress, total: total, write: write)
        } else {
            let record = VCFRecord()
            let emit: CSQRecordProcessor.Emit = { r, _, value in
                try write(r, value.flatMap { $0.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } })
            }
            while try reader.read(into: record) {
                try processor.add(record, tag: 0, emit: emit)
                progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
            }
            try processor.finish(emit: emit)
        }
        try writer.finish()
        progress.finish()
        HeaderContigs.warnUndeclared(reader: reader)
        if !quiet {
            CLIOutput.note("csq: \(reader.recordNumber) records, \(processor.annotated) annotated; \(model.transcripts.count) transcripts")
        }
    }

    /// `--threads N`: this thread reads chunks of records and writes finished ones while a worker predicts and
    /// formats them (`CSQWorker`); same output, in the same order, as the loop without it.
    private func runWithWorker(processor: CSQRecordProcessor, reader: VCFReader, progress: inout Progress, total: Int64?,
                               write: (VCFRecord, UnsafePointer<CChar>?) throws -> Void) throws {
        let worker = CSQWorker(processor: processor)
        defer { worker.stop() }
        var free: [CSQWorker.Chunk] = []
        var inFlight = 0
        var nextTag = 0
        func writeOut(_ chunk: CSQWorker.Chunk) throws {
            try chunk.forEach(write)
            inFlight -= 1
            free.append(chunk)
        }
        var more = true
        while more {
            let chunk = free.popLast() ?? CSQWorker.Chunk()
            chunk.reset(firstTag: nextTag)
            while chunk.count < CSQWorker.chunkSize, try reader.read(into: chunk.records[chunk.count]) { chunk.count += 1 }
            more = chunk.count == CSQWorker.chunkSize
            nextTag += chunk.count
            if chunk.count > 0 {
                worker.send(chunk)
                inFlight += 1
            } else {
                free.append(chunk)
            }
            progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
            while let done = try worker.receive(wait: more && inFlight >= CSQWorker.inFlight) { try writeOut(done) }
        }
        worker.endInput()
        while inFlight > 0 {
            guard let done = try worker.receive(wait: true) else { break }
            try writeOut(done)
        }
    }
}
