import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// Gene models from the three real flavours: Ensembl GFF3 (REST export, TP53 region), RefSeq GFF3 converted from
/// cdot (BRCA1) and Ensembl GTF (VEP's chr21 test file, gzip). Expected values come from the files' own truth
/// tables (`*.exons.tsv`, PROVENANCE.md), not from our output.
@Suite struct GeneModelReaderTests {
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func ensemblGFF3TP53MatchesTheMANEExonTable() throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path("reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3"))
        let t = try #require(model.transcript(id: "ENST00000269305"))
        #expect(t.symbol == "TP53")
        #expect(t.geneID == "ENSG00000141510")
        #expect(t.biotype == "protein_coding")
        #expect(t.strand == .minus)
        #expect(t.isMANESelect && t.isCanonical)
        #expect(t.cdsLength == 1182)
        // exons.tsv: exon_number, exon_start, exon_end (transcript order).
        let rows = try String(contentsOfFile: SharedData.path("reference/grch38-tp53-region/GRCh38_chr17_7660000-7700000.ENST00000269305.exons.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("exon_number") }
        #expect(rows.count == t.exons.count)
        for (row, exon) in zip(rows, t.exons) {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(Int(f[1]) == exon.start && Int(f[2]) == exon.end)
        }
        // Contig alias: the GFF3 says 17, queries may say chr17.
        #expect(model.contigHandle("chr17") != nil && model.contigHandle("chr17") == model.contigHandle("17"))
        var hits: [Int] = []
        model.overlapping(contig: try #require(model.contigHandle("chr17")), start: 7675088, end: 7675088, into: &hits)
        #expect(hits.contains { model.transcripts[$0].id == "ENST00000269305" })
        #expect(hits.allSatisfy { model.transcripts[$0].start <= 7675088 && model.transcripts[$0].end >= 7675088 })
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func refSeqGFF3BRCA1() throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path("reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3"))
        // 386 mRNA + 2 NR_ transcript features, each with exons.
        #expect(model.transcripts.count == 388)
        #expect(model.transcript(id: "NR_027676.2")?.isCoding == false)
        let t = try #require(model.transcript(id: "NM_007294.4"))
        #expect(t.symbol == "BRCA1")
        #expect(t.strand == .minus)
        // PROVENANCE: 1863 aa, start codon at chr17:43124094-43124096; the CDS includes the stop codon.
        #expect(t.cdsLength == 1864 * 3)
        #expect(t.codingEnd == 43124096)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func ensemblGTFGzip() throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path("vep-chr21/custom_test.gtf.gz"))
        // 103 transcript lines; one has no exon line in this cut-down file, so 102 transcripts.
        #expect(model.transcripts.count == 102)
        // GTF CDS lines exclude the stop codon: for every transcript with start_codon and stop_codon lines, the
        // CDS we build spans both and is whole codons (the stop included, as in GFF3).
        let lines = try gunzipLines(SharedData.path("vep-chr21/custom_test.gtf.gz"))
        var starts: [String: Int] = [:], stops: [String: (Int, Int)] = [:]
        for line in lines {
            let f = line.split(separator: "\t")
            guard f.count == 9, let r = f[8].range(of: "transcript_id \"") else { continue }
            let id = String(f[8][r.upperBound...].prefix { $0 != "\"" })
            if f[2] == "start_codon" { starts[id] = Int(f[3]) }
            if f[2] == "stop_codon" { stops[id] = (Int(f[3]) ?? 0, Int(f[4]) ?? 0) }
        }
        let complete = Set(starts.keys).intersection(stops.keys)
        #expect(complete.count >= 20)
        for id in complete {
            let t = try #require(model.transcript(id: id))
            #expect(t.cdsLength % 3 == 0, "\(id)")
            let stop = try #require(stops[id])
            #expect(t.strand == .plus ? t.codingEnd == stop.1 : t.codingStart == stop.0, "\(id)")
        }
    }

    func gunzipLines(_ path: String) throws -> [Substring] {
        let r = try Command.run("/bin/gzip", ["-dc", path])
        return r.stdoutText.split(separator: "\n")[...].map { $0 }
    }

    @Test func malformedLinesAreLocated() throws {
        let dir = try Command.temporaryDirectory()
        let path = dir.appendingPathComponent("bad.gff3").path
        try "##gff-version 3\nchr1\t.\tmRNA\t10\t100\t.\t+\t.\tID=t1\nchr1\t.\texon\t10\tx\t.\t+\t.\tParent=t1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try GeneModelReader.read(path: path)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.location == .line(3) && e.field == "start/end"
        }
        try "chr1\t.\texon\t10\t20\t.\t+\t.\tParent=nobody\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { _ = try GeneModelReader.read(path: path) }
    }
}
