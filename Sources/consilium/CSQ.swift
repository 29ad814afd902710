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
        normalized (`consilium norm`); phased variants in one codon are not combined yet.

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

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var inputOptions: InputOptions

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line and no summary on stderr.")
    var quiet = false

    func validate() throws { _ = try outputOptions.format() }

    func run() throws {
        let model = try GeneModelReader.read(path: geneModel)
        let fasta = try FastaReference(path: reference)
        let pool = ThreadPool(threads: inputOptions.threads)
        let reader = try VCFReader(path: input, pool: pool, regions: try inputOptions.parsedRegions())
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
        let record = VCFRecord()
        var progress = Progress(label: "csq", quiet: quiet)
        let total = reader.fileSize
        var handles: [Int32: Int] = [:]
        var value = ""
        var annotated = 0
        while try reader.read(into: record) {
            record.unpackAlleles()
            let rid = record.rid
            let handle: Int
            if let h = handles[rid] { handle = h } else {
                handle = model.contigHandle(header.contigName(rid)) ?? -1
                handles[rid] = handle
            }
            value.removeAll(keepingCapacity: true)
            if record.alleleCount > 1 {
                let ref = UnsafeRawPointer(record.alleleCString(0)).assumingMemoryBound(to: UInt8.self)
                let refBuf = UnsafeBufferPointer(start: ref, count: strlen(record.alleleCString(0)))
                for i in 1..<record.alleleCount {
                    let c = record.alleleCString(i)
                    let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
                    guard let allele = VariantAllele(position: Int(record.position1), ref: refBuf, alt: alt) else { continue }
                    let effects = handle >= 0 ? predictor.effects(contig: handle, allele: allele) : []
                    formatter.append(allele: allele, effects: effects, to: &value)
                }
            }
            if !value.isEmpty {
                annotated += 1
                _ = value.withCString { bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", $0, 1, Int32(BCF_HT_STR)) }
            }
            try writer.write(record)
            progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
        }
        try writer.finish()
        progress.finish()
        HeaderContigs.warnUndeclared(reader: reader)
        if !quiet {
            CLIOutput.note("csq: \(reader.recordNumber) records, \(annotated) annotated; \(model.transcripts.count) transcripts")
        }
    }
}
