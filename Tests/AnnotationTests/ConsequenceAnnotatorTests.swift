import CHTSlib
import Consequence
import Foundation
import HTS
import Knowledge
import Testing
import TestSupport
@testable import Annotation

/// The API later annotators read (contract: `effects`, `predictor`, `chosen(alt:)`): per ALT of the last record,
/// the effects on every transcript within 5 kb, the report transcript, and its fields as the VCF writes them.
@Suite struct ConsequenceAnnotatorTests {
    static let gff = "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3"
    static let fasta = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"

    /// Runs the pipeline over `records` and calls `check` after each record is annotated (before it is written).
    final class Probe: RecordAnnotator {
        let csq: ConsequenceAnnotator
        var seen: [(pos: Int64, effects: [[TranscriptEffect]], chosen: [String?], fields: [[String: String]])] = []
        init(_ csq: ConsequenceAnnotator) { self.csq = csq }
        var headerLines: [String] { [] }
        var columns: [String] { [] }
        func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
            let n = csq.effects.count
            let chosen = (0..<n).map { a in csq.chosen(alt: a).map { csq.predictor.model.transcripts[$0.transcript].id } }
            seen.append((record.position1, csq.effects, chosen, (0..<n).map { csq.reportFields(alt: $0) }))
        }
        func columnValues(alt: Int) -> [String?] { [] }
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func laterAnnotatorsSeeEffectsAndTheReportTranscript() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        // R175H (TP53 exon 5), a multiallelic site split by the pipeline (C>T and C>G), and a site 1 Mb away.
        let vcf = dir.appendingPathComponent("in.vcf").path
        try """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr17,length=83257441>
        ##INFO=<ID=X,Number=1,Type=Integer,Description="unused">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr17\t7675088\t.\tC\tT,G\t.\t.\t.
        chr17\t8700000\t.\tN\tA\t.\t.\t.

        """.write(toFile: vcf, atomically: true, encoding: .utf8)
        let freq = dir.appendingPathComponent("f.vcf").path
        try "##fileformat=VCFv4.2\n##contig=<ID=chr17,length=83257441>\n##INFO=<ID=AF,Number=A,Type=Float,Description=\"f\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr17\t1\t.\tA\tC\t.\t.\tAF=0.1\n"
            .write(toFile: freq, atomically: true, encoding: .utf8)
        var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
        builder.frequencies = [.init(label: "pop", path: freq)]
        _ = try builder.build()
        let kb = try KnowledgeBase(path: dir.appendingPathComponent("kb").path)

        let model = try GeneModelReader.read(path: SharedData.path(Self.gff))
        let csq = ConsequenceAnnotator(model: model, reference: try FastaReference(path: SharedData.path(Self.fasta)),
                                       source: "TP53_WRAP53.gff3")
        let probe = Probe(csq)
        let reader = try VCFReader(path: vcf)
        let pipeline = try AnnotationPipeline(reader: reader, reference: try FastaReference(path: SharedData.path(Self.fasta)),
                                              kb: kb, annotators: [csq, probe])
        let out = dir.appendingPathComponent("out.vcf").path
        _ = try pipeline.run(into: try VCFAnnotationWriter(path: out, format: .vcf, header: pipeline.normalizer.outputHeader,
                                                           kb: kb, pool: nil, writeIndex: false))
        #expect(probe.seen.map(\.pos) == [7675088, 7675088, 8700000])
        let t = probe.seen[0], g = probe.seen[1]
        #expect(t.effects.count == 1 && t.effects[0].count > 10)  // every TP53 transcript over exon 5, and more
        #expect(t.chosen == ["ENST00000269305"] && g.chosen == ["ENST00000269305"])
        let mane = try #require(t.effects[0].first { model.transcripts[$0.transcript].id == "ENST00000269305" })
        #expect(mane.terms.mostSevere == .missense && mane.cdsStart == 524 && mane.proteinStart == 175)
        #expect(t.fields[0]["HGVSc"] == "ENST00000269305:c.524G>A" && t.fields[0]["HGVSp"] == "ENST00000269305:p.Arg175His")
        #expect(t.fields[0]["EXON"] == "5/11" && t.fields[0]["MANE_SELECT"] == "ENST00000269305" && t.fields[0]["SYMBOL"] == "TP53")
        #expect(g.fields[0]["HGVSc"] == "ENST00000269305:c.524G>C" && g.fields[0]["HGVSp"] == "ENST00000269305:p.Arg175Pro")
        // Intergenic: no effects, no report transcript, one intergenic entry.
        #expect(probe.seen[2].effects.count == 1 && probe.seen[2].effects[0].isEmpty)
        #expect(probe.seen[2].chosen == [nil])
        #expect(probe.seen[2].fields[0]["Consequence"] == "intergenic_variant" && probe.seen[2].fields[0]["Feature"] == nil)
        // What the probe saw is what was written.
        let q = try Command.peer("bcftools", ["query", "-f", "%ALT\t%CSL_CSQ\n", out]).stdoutText.split(separator: "\n")
        #expect(q.count == 3 && q[0].hasPrefix("T\tT|") && q[1].hasPrefix("G\tG|") && q[2].hasPrefix("A\tA|intergenic_variant|"))
        #expect(q[0].contains("|ENST00000269305:c.524G>A|ENST00000269305:p.Arg175His|"))
    }
}
