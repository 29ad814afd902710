import Foundation
import Testing
import TestSupport

/// `consilium csq`: CSL_CSQ in VEP's layout from a real gene model and reference; readable by bcftools; bad gene
/// models refused with file and line, and no output left behind.
@Suite struct CSQCommandTests {
    static let fasta = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let gff = "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3"

    static func vcf(_ dir: URL, _ records: [String]) throws -> String {
        let path = dir.appendingPathComponent("in.vcf").path
        let text = "##fileformat=VCFv4.2\n##contig=<ID=chr17,length=83257441>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            + records.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func writesVEPLayoutReadableByBcftools() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        // TP53 R175H (c.524G>A), an intron variant near exon 5, and a site 1 Mb away (intergenic).
        let input = try Self.vcf(dir, ["chr17\t7675088\t.\tC\tT\t.\t.\t.", "chr17\t7675300\t.\tA\tG\t.\t.\t.",
                                       "chr17\t8700000\t.\tN\tA\t.\t.\t."])
        let out = dir.appendingPathComponent("out.vcf.gz").path
        let r = try Command.consilium(["csq", input, "-f", SharedData.path(Self.fasta), "-g", SharedData.path(Self.gff), "-o", out, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = try Command.peer("bcftools", ["view", "-h", out])
        #expect(header.stdoutText.contains("Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|cDNA_position|CDS_position|Protein_position|Amino_acids|Codons|STRAND|CANONICAL|MANE_SELECT"))
        let q = try Command.peer("bcftools", ["query", "-f", "%POS\t%INFO/CSL_CSQ\n", out])
        #expect(q.status == 0)
        let rows = q.stdoutText.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 3)
        let r175 = rows[0][1].split(separator: ",").first { $0.contains("|ENST00000269305|") }.map(String.init) ?? ""
        let f = r175.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(f.count == 21)
        #expect(f[0] == "T" && f[1] == "missense_variant" && f[2] == "MODERATE" && f[3] == "TP53")
        #expect(f[8] == "5/11" && f[10] == "ENST00000269305:c.524G>A" && f[11] == "ENST00000269305:p.Arg175His")
        #expect(f[13] == "524" && f[14] == "175" && f[15] == "R/H" && f[16] == "cGc/cAc" && f[17] == "-1")
        #expect(f[18] == "YES" && f[19] == "ENST00000269305" && f[20] == "")
        #expect(rows[1][1].contains("intron_variant"))
        #expect(rows[2][1].hasPrefix("A|intergenic_variant|MODIFIER|"))
    }

    /// Acceptance (issue 4): the ClinVar somatic sites of the TP53/BRCA1/PALB2 regions annotate without error; every
    /// record in the TP53 and PALB2 gene models' reach gets a MANE entry with an HGVSc.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: [("chr17", "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3", Self.fasta, "ENST00000269305", 7660000...7700000),
                      ("chr16", "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3", "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz", "ENST00000261584", 23580000...23700000)])
    func clinVarSomaticSitesAnnotate(contig: String, gff: String, fasta: String, mane: String, window: ClosedRange<Int>) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let out = dir.appendingPathComponent("som.vcf").path
        let r = try Command.consilium(["csq", SharedData.path("somatic/ClinVar_somatic_sites.TP53_BRCA1_PALB2.GRCh38.vcf.gz"),
                                       "-r", contig, "-f", SharedData.path(fasta), "-g", SharedData.path(gff), "-o", out, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let q = try Command.peer("bcftools", ["query", "-f", "%POS\t%INFO/CSL_CSQ\n", out])
        var inWindow = 0
        for line in q.stdoutText.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            #expect(f.count == 2 && f[1] != ".")
            guard let pos = Int(f[0]), window.contains(pos) else { continue }
            let entry = f[1].split(separator: ",").first { $0.contains("|\(mane)|") }
            let hgvsc = entry.map { $0.split(separator: "|", omittingEmptySubsequences: false)[10] } ?? ""
            if hgvsc.hasPrefix("\(mane):c.") { inWindow += 1 } else { Issue.record("\(pos): no \(mane) c.") }
        }
        #expect(inWindow >= 1)
    }

    @Test func badGeneModelExitsOneWithLine() throws {
        let dir = try Command.temporaryDirectory()
        let gff = dir.appendingPathComponent("bad.gff3").path
        try "##gff-version 3\nchr17\t.\tmRNA\t10\t100\t.\t+\t.\tID=t1\nchr17\t.\texon\t10\t20\t.\t*\t.\tParent=t1\n"
            .write(toFile: gff, atomically: true, encoding: .utf8)
        let fa = dir.appendingPathComponent("ref.fa").path
        try ">chr17\nACGTACGTACGTACGTACGTACGTACGT\n".write(toFile: fa, atomically: true, encoding: .utf8)
        let input = try Self.vcf(dir, [])
        let out = dir.appendingPathComponent("out.vcf").path
        let r = try Command.consilium(["csq", input, "-f", fa, "-g", gff, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.gff3:line 3") && r.stderr.contains("strand"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!r.crashed)
    }

    /// `--threads N` adds BGZF threads and from N = 3 moves parsing, prediction and formatting onto threads of their own; the rule is that the output
    /// stays that of `--threads 0`, byte for byte and in input order. Generated data (scripts/gen-csq-bench: phased
    /// calls dense over a gene-rich genome) spans many of the worker's 1,024-record chunks, and records held for a
    /// haplotype combination reach across chunk ends (a minus-strand coding change waits until its transcript's end).
    @Test(arguments: [[String](), ["--no-haplotypes"]])
    func threadsKeepTheOutput(extra: [String]) throws {
        let dir = try Command.temporaryDirectory()
        let data = dir.appendingPathComponent("data").path
        let gen = try Command.run(SharedData.packageRoot.appendingPathComponent("scripts/gen-csq-bench").path,
                                  ["--records", "12000", "--genes", "30", "--seed", "7", "--out", data])
        try #require(gen.status == 0, "\(gen.stderr)")
        func csq(_ threads: Int) throws -> [Substring] {
            let out = dir.appendingPathComponent("out.t\(threads).vcf").path
            let r = try Command.consilium(["csq", data + "/calls.vcf", "-f", data + "/genome.fa", "-g", data + "/genes.gff3",
                                           "-o", out, "-q", "--threads", String(threads)] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            // The command line (with its --threads) is the one line allowed to differ.
            return try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("##consilium_command=") }
        }
        let single = try csq(0)
        let records = single.filter { !$0.hasPrefix("#") }
        #expect(records.count == 12000)
        #expect(records.allSatisfy { $0.contains("CSL_CSQ=") })
        // Haplotype combination happened (or, with --no-haplotypes, did not), so the held-record path was exercised.
        // (A combined member's entry ends in COMPOUND=@POS of its lead.)
        #expect(records.contains { $0.contains("|@") } == extra.isEmpty)
        for threads in [1, 2, 3] {  // 3: the parsing and worker threads too
            let threaded = try csq(threads)
            #expect(threaded.count == single.count)
            let firstDifference = single.indices.first { $0 >= threaded.count || single[$0] != threaded[$0] }
            #expect(firstDifference == nil, "--threads \(threads): first differing line \(firstDifference.map { $0 + 1 } ?? 0)")
        }
    }
}
