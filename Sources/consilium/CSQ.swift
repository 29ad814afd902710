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
        // Without samples there is no phase: alleles are combined only when asked (a sites-only file such as ClinVar
        // lists alternatives, not one chromosome).
        let batch = HaplotypeBatch(predictor: predictor, header: header,
                                   combine: !noHaplotypes && (header.sampleCount > 0 || sitesAsHaplotype))
        let record = VCFRecord()
        var progress = Progress(label: "csq", quiet: quiet)
        let total = reader.fileSize
        var handles: [Int32: Int] = [:]
        var value: [UInt8] = []
        var annotated = 0
        var alleles: [VariantAllele?] = []
        var effects: [[TranscriptEffect]] = []
        /// Writes one record with its entries (effects per ALT, nil ALTs skipped).
        func emit(_ r: VCFRecord, _ alleles: [VariantAllele?], _ effects: [[TranscriptEffect]]) throws {
            value.removeAll(keepingCapacity: true)
            for (i, a) in alleles.enumerated() {
                guard let allele = a else { continue }
                formatter.append(allele: allele, effects: effects[i], to: &value)
            }
            if !value.isEmpty {
                annotated += 1
                value.append(0)
                _ = value.withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { bcf_update_info(header.pointer, r.pointer, "CSL_CSQ", $0.baseAddress, 1, Int32(BCF_HT_STR)) }
                }
            }
            try writer.write(r)
        }
        while try reader.read(into: record) {
            record.unpackAlleles()
            let rid = record.rid
            let handle: Int
            if let h = handles[rid] { handle = h } else {
                handle = model.contigHandle(header.contigName(rid)) ?? -1
                handles[rid] = handle
            }
            alleles.removeAll(keepingCapacity: true)
            effects.removeAll(keepingCapacity: true)
            if record.alleleCount > 1 {
                let ref = UnsafeRawPointer(record.alleleCString(0)).assumingMemoryBound(to: UInt8.self)
                let refBuf = UnsafeBufferPointer(start: ref, count: strlen(record.alleleCString(0)))
                for i in 1..<record.alleleCount {
                    let c = record.alleleCString(i)
                    let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
                    let allele = VariantAllele(position: Int(record.position1), ref: refBuf, alt: alt)
                    alleles.append(allele)
                    effects.append(allele.flatMap { handle >= 0 ? predictor.effects(contig: handle, allele: $0) : nil } ?? [])
                }
            }
            // Records that may share a codon or a frame with later ones on a haplotype wait in the batch.
            let pos = Int(record.position1)
            if batch.isPending && (rid != batch.rid || pos > batch.holdUntil) {
                try batch.flush(emit)
            }
            let holdUntil = batch.combine ? batch.holdPosition(effects) : 0
            if batch.isPending || holdUntil > 0 {
                batch.add(record, rid: rid, alleles: alleles, effects: effects, holdUntil: holdUntil)
            } else {
                try emit(record, alleles, effects)
            }
            progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
        }
        try batch.flush(emit)
        try writer.finish()
        progress.finish()
        HeaderContigs.warnUndeclared(reader: reader)
        if !quiet {
            CLIOutput.note("csq: \(reader.recordNumber) records, \(annotated) annotated; \(model.transcripts.count) transcripts")
        }
    }
}
