import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// Differential test against `bcftools csq -l` (one record at a time, no haplotype merging) on the real TP53 and
/// PALB2 MANE transcripts: every SNV to each other base over every exon ±10 bp, plus 1- and 3-bp deletions and
/// 1-bp insertions at every 5th position. Where bcftools names the MANE transcript, our terms must include its
/// terms and the protein position must agree (indels: within the anchor-codon convention, see the conformance
/// test).
@Suite struct BcftoolsCsqDifferentialTests {
    struct Region {
        var name: String
        var contig: String
        var fasta: String
        var gff: String
        var transcript: String
    }

    static let regions = [
        Region(name: "TP53", contig: "chr17", fasta: "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz",
               gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.chr.gff3", transcript: "ENST00000269305"),
        Region(name: "PALB2", contig: "chr16", fasta: "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz",
               gff: "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.chr.gff3", transcript: "ENST00000261584"),
    ]

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: [0, 1])
    func agreesWithBcftoolsCsq(region index: Int) throws {
        guard try SharedData.require() else { return }
        let bcftools = try #require(Command.which("bcftools"), "bcftools is a required peer (apt-get install bcftools)")
        let r = Self.regions[index]
        let model = try GeneModelReader.read(path: SharedData.path(r.gff))
        let fasta = try FastaReference(path: SharedData.path(r.fasta))
        let sequences = TranscriptSequences(reference: fasta, model: model)
        let predictor = ConsequencePredictor(model: model, sequences: sequences)
        let t = try #require(model.transcript(id: r.transcript))

        // Generate the variants (sorted, unique).
        var positions = Set<Int>()
        for e in t.exons { for p in (e.start - 10)...(e.end + 10) { positions.insert(p) } }
        var lines: [String] = []
        for p in positions.sorted() {
            guard let ref = sequences.genomic(contig: r.contig, start: p, end: p + 3), ref.count == 4 else { continue }
            let b = String(UnicodeScalar(ref[0]))
            for alt in ["A", "C", "G", "T"] where alt != b { lines.append("\(r.contig)\t\(p)\t.\t\(b)\t\(alt)\t.\t.\t.") }
            if p % 5 == 0 {
                let s = String(decoding: ref, as: UTF8.self)
                lines.append("\(r.contig)\t\(p)\t.\t\(s.prefix(2))\t\(b)\t.\t.\t.")
                lines.append("\(r.contig)\t\(p)\t.\t\(s)\t\(b)\t.\t.\t.")
                lines.append("\(r.contig)\t\(p)\t.\t\(b)\t\(b)\(b == "A" ? "C" : "A")\t.\t.\t.")
            }
        }
        let dir = try Command.temporaryDirectory()
        let vcf = dir.appendingPathComponent("generated.vcf").path
        let header = "##fileformat=VCFv4.2\n##contig=<ID=\(r.contig),length=\(fasta.length(of: r.contig) ?? 0)>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        try (header + lines.joined(separator: "\n") + "\n").write(toFile: vcf, atomically: true, encoding: .utf8)
        let result = try Command.run(bcftools, ["csq", "-l", "-f", SharedData.path(r.fasta), "-g", SharedData.path(r.gff), vcf])
        #expect(result.status == 0, "\(result.stderr)")

        var compared = 0, agreed = 0
        var differences: [String: Int] = [:]
        var examples: [String: String] = [:]
        for line in result.stdoutText.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 8, let pos = Int(f[1]), let bcsq = f[7].split(separator: ";").first(where: { $0.hasPrefix("BCSQ=") }) else { continue }
            let entries = bcsq.dropFirst(5).split(separator: ",").map { BCSQEntry(String($0)) }.filter { $0.transcript == r.transcript }
            guard let entry = entries.first,
                  let allele = VariantAllele(position: pos, ref: Array(f[3].utf8), alt: Array(f[4].utf8)),
                  let ti = model.transcripts.firstIndex(where: { $0.id == r.transcript }) else { continue }
            let e = predictor.effect(of: allele, on: ti)
            compared += 1
            let wanted = entry.terms.map { BCSQEntry.soTerms(for: $0) }
            let termsOK = wanted.allSatisfy { alts in alts.contains { e.terms.contains($0) } }
            let p = entry.proteinPosition
            let posOK = p == nil || e.proteinStart == p || (f[3].count != f[4].count && abs(e.proteinStart - (p ?? 0)) == 1)
            if termsOK && posOK { agreed += 1 } else {
                let key = "\(entry.terms.joined(separator: "&")) vs \(e.terms.joined)"
                differences[key, default: 0] += 1
                examples[key] = examples[key] ?? "\(pos) \(f[3])>\(f[4]) p\(e.proteinStart) bcftools \(p ?? 0)"
            }
        }
        print("bcftools csq -l differential \(r.name) \(r.transcript): \(agreed)/\(compared) records agree")
        for (k, n) in differences.sorted(by: { $0.value > $1.value }) { print("  \(n)× \(k) e.g. \(examples[k] ?? "")") }
        #expect(compared > 1000)
        #expect(Double(agreed) >= Double(compared) * 0.99)
    }
}
