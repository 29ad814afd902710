import Foundation
import Testing
import TestSupport

/// `consilium annotate` with gene models in the knowledge base (issue 4, parts 4 and 5): CSL_CSQ in VEP's layout,
/// equal to what `consilium csq` writes for the same normalized records; the report transcript's fields as TSV and
/// JSON Lines columns; output order and threads unchanged.
@Suite struct AnnotateConsequenceTests {
    static let somatic = "somatic/ClinVar_somatic_sites.TP53_BRCA1_PALB2.GRCh38.vcf.gz"
    static let chr17 = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let chr16 = "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz"
    /// TP53 c.524G>A p.(Arg175His) (chr17:7675088 C>T, the TP53 hotspot) is not among the ClinVar somatic sites
    /// of the shared data, so the test adds it to a copy of them.
    static let r175h = "chr17\t7675088\t.\tC\tT\t.\t.\t."

    struct Setup {
        let dir: URL
        let kb: String
        /// chr17 and chr16 in one bgzipped FASTA (the two shared N-padded chromosomes, concatenated).
        let fasta: String
        /// The somatic sites plus R175H, sorted, bgzipped and indexed (for -r).
        let input: String

        init() throws {
            dir = try Command.temporaryDirectory()
            kb = try KBBuildTests.buildGeneModels(dir, "kb")
            fasta = dir.appendingPathComponent("chr17_chr16.fa.gz").path
            var both = try Data(contentsOf: URL(fileURLWithPath: SharedData.path(AnnotateConsequenceTests.chr17)))
            both.append(try Data(contentsOf: URL(fileURLWithPath: SharedData.path(AnnotateConsequenceTests.chr16))))
            try both.write(to: URL(fileURLWithPath: fasta))
            let text = try Command.peer("bcftools", ["view", SharedData.path(AnnotateConsequenceTests.somatic)]).stdoutText
            var lines = text.split(separator: "\n").map(String.init)
            let body = lines.firstIndex { !$0.hasPrefix("#") } ?? lines.count
            let at = lines[body...].firstIndex { $0.hasPrefix("chr17\t") && (Int($0.split(separator: "\t")[1]) ?? 0) > 7675088 } ?? lines.count
            lines.insert(AnnotateConsequenceTests.r175h, at: at)
            let plain = dir.appendingPathComponent("sites.vcf").path
            try (lines.joined(separator: "\n") + "\n").write(toFile: plain, atomically: true, encoding: .utf8)
            _ = try Command.peer("bgzip", [plain])
            input = plain + ".gz"
            _ = try Command.peer("tabix", ["-p", "vcf", input])
        }

        func annotate(_ extra: [String], output: String) throws -> Command.Result {
            try Command.consilium(["annotate", input, "-k", kb, "-f", fasta, "-o", output, "-q"] + extra)
        }
    }

    static func query(_ path: String, _ format: String) throws -> [String] {
        let r = try Command.peer("bcftools", ["query", "-f", format, path])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdoutText.split(separator: "\n").map(String.init)
    }

    static func fields(_ entry: Substring) -> [String] { entry.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func somaticSitesGetConsequencesAndR175HIsNamedOnMANE() throws {
        guard try SharedData.require() else { return }
        let s = try Setup()
        let out = s.dir.appendingPathComponent("out.vcf.gz").path
        let r = try s.annotate([], output: out)
        #expect(r.status == 0, "\(r.stderr)")
        let header = try Command.peer("bcftools", ["view", "-h", out]).stdoutText
        #expect(header.contains("##INFO=<ID=CSL_CSQ,Number=.,Type=String,Description=\"Consequence annotations from Consilium ("))
        #expect(header.contains("Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|cDNA_position|CDS_position|Protein_position|Amino_acids|Codons|STRAND|CANONICAL|MANE_SELECT"))
        let rows = try Self.query(out, "%CHROM\t%POS\t%REF\t%ALT\t%CSL_CSQ\n")
        #expect(rows.count == 35)
        // Every site lies in a gene model's region, so every one has entries, each with the layout's field count.
        let width = Self.fields(Substring(header.components(separatedBy: "Format: ")[1].prefix { $0 != "\"" })).count
        for row in rows {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(f.count == 5 && f[4] != ".", "\(f.prefix(2))")
            for entry in f[4].split(separator: ",") { #expect(Self.fields(entry).count == width) }
        }
        let r175 = try #require(rows.first { $0.hasPrefix("chr17\t7675088\tC\tT\t") })
        let mane = try #require(r175.split(separator: "\t")[4].split(separator: ",").first { $0.contains("|ENST00000269305|") })
        let f = Self.fields(mane)
        #expect(f[1] == "missense_variant" && f[2] == "MODERATE" && f[3] == "TP53" && f[8] == "5/11")
        #expect(f[10] == "ENST00000269305:c.524G>A" && f[11] == "ENST00000269305:p.Arg175His")
        #expect(f[13] == "524" && f[14] == "175" && f[15] == "R/H" && f[19] == "ENST00000269305")
        // BRCA1 (RefSeq model, chr17 style) and PALB2 (Ensembl, 16 style) records get their genes' MANE entries.
        let brca1 = rows.filter { $0.hasPrefix("chr17\t43") }
        #expect(brca1.count == 5 && brca1.allSatisfy { $0.contains("|BRCA1|") })
        let palb2 = try #require(rows.first { $0.hasPrefix("chr16\t") })
        #expect(palb2.contains("|PALB2|") && palb2.contains("|ENST00000261584:c."))
    }

    /// Same records, same gene models: annotate's CSL_CSQ equals `consilium csq` on the normalized input, each
    /// region against its own gene model (csq takes one model), by default and with `--no-haplotypes`. The input is
    /// sites-only, so it has no phase and nothing is combined either way: BRCA1 43067661 A>T and 43092064 TC>T,
    /// both in exon 10 of the long isoforms, are separate ClinVar sites, not one chromosome.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: [false, true])
    func cslCsqEqualsConsiliumCsq(alone: Bool) throws {
        guard try SharedData.require() else { return }
        let s = try Setup()
        let out = s.dir.appendingPathComponent("out.bcf").path
        let flag = alone ? ["--no-haplotypes"] : []
        let r = try s.annotate(flag, output: out)
        #expect(r.status == 0, "\(r.stderr)")
        let norm = s.dir.appendingPathComponent("norm.vcf.gz").path
        let n = try Command.consilium(["norm", "-q", "-f", s.fasta, s.input, "-O", "z", "-o", norm, "--write-index"])
        #expect(n.status == 0, "\(n.stderr)")
        var expected: [String] = []
        let regions = [(KBBuildTests.geneModels[0], "chr17:7660000-7700000"), (KBBuildTests.geneModels[1], "chr16"),
                       (KBBuildTests.geneModels[2], "chr17:42425000-43600000")]
        for (i, (gff, region)) in regions.enumerated() {
            let csqOut = s.dir.appendingPathComponent("csq.\(i).vcf").path
            let c = try Command.consilium(["csq", "-q", norm, "-r", region, "-f", s.fasta, "-g", SharedData.path(gff), "-o", csqOut] + flag)
            #expect(c.status == 0, "\(c.stderr)")
            expected += try Self.query(csqOut, "%CHROM\t%POS\t%REF\t%ALT\t%CSL_CSQ\n")
        }
        let actual = try Self.query(out, "%CHROM\t%POS\t%REF\t%ALT\t%CSL_CSQ\n")
        #expect(expected.count == 35)
        #expect(actual.sorted() == expected.sorted())
        // Output order is input order (records held for haplotypes included).
        #expect(actual.map { $0.split(separator: "\t").prefix(2) } == (try Self.query(norm, "%CHROM\t%POS\n")).map { $0.split(separator: "\t").prefix(2) })
        let compound = actual.filter { $0.contains("|43067661+43092064") }
        #expect(compound.isEmpty, "\(compound.count)")
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["tsv", "jsonl"])
    func tableColumnsCarryTheReportTranscript(format: String) throws {
        guard try SharedData.require() else { return }
        let s = try Setup()
        let vcf = s.dir.appendingPathComponent("out.vcf").path
        #expect(try s.annotate([], output: vcf).status == 0)
        let csqByPos = Dictionary(try Self.query(vcf, "%POS:%ALT\t%CSL_CSQ\n").map { line -> (String, String) in
            let f = line.split(separator: "\t").map(String.init)
            return (f[0], f[1])
        }, uniquingKeysWith: { a, _ in a })
        let out = s.dir.appendingPathComponent("out.\(format)").path
        let r = try s.annotate(["-O", format], output: out)
        #expect(r.status == 0, "\(r.stderr)")
        let csqColumns = ["Allele", "Consequence", "IMPACT", "SYMBOL", "Gene", "Feature_type", "Feature", "BIOTYPE", "EXON",
                          "INTRON", "HGVSc", "HGVSp", "cDNA_position", "CDS_position", "Protein_position", "Amino_acids",
                          "Codons", "STRAND", "CANONICAL", "MANE_SELECT"]
        var rows: [[String: String]] = []
        let text = try String(contentsOfFile: out, encoding: .utf8)
        if format == "tsv" {
            let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            let names = lines[0].map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            for c in csqColumns + ["CSQ"] { #expect(names.contains(c), "\(c)") }
            #expect(names.last == "CSQ" || names.contains("CSQ"))
            rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(names, $0)) }
        } else {
            for line in text.split(separator: "\n") {
                let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                for c in csqColumns + ["CSQ"] { #expect(o.keys.contains(c), "\(c)") }
                rows.append(o.mapValues { v in (v as? String) ?? ((v as? NSNumber).map { "\($0)" } ?? ".") })
            }
        }
        #expect(rows.count == 35)
        let r175 = try #require(rows.first { $0["POS"] == "7675088" })
        #expect(r175["Feature"] == "ENST00000269305" && r175["MANE_SELECT"] == "ENST00000269305")
        #expect(r175["HGVSc"] == "ENST00000269305:c.524G>A" && r175["HGVSp"] == "ENST00000269305:p.Arg175His")
        #expect(r175["Consequence"] == "missense_variant" && r175["SYMBOL"] == "TP53")
        // CSQ holds every entry of the allele: the VCF's CSL_CSQ of the (biallelic) record.
        for row in rows {
            let key = "\(row["POS"] ?? ""):\(row["ALT"] ?? "")"
            #expect(row["CSQ"] == csqByPos[key], "\(key)")
            // The report transcript is one of the entries.
            if let feature = row["Feature"], feature != "." { #expect(row["CSQ"]?.contains("|\(feature)|") == true) }
        }
        // The PALB2 site is reported on PALB2's MANE transcript.
        #expect(rows.first { $0["CHROM"] == "chr16" }?["Feature"] == "ENST00000261584")
    }

    /// Output order and bytes do not depend on --threads; --no-consequences and a missing -f leave CSL_CSQ out;
    /// --gene-model replaces the knowledge base's models.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func threadsOptionsAndOverrides() throws {
        guard try SharedData.require() else { return }
        let s = try Setup()
        let one = s.dir.appendingPathComponent("one.vcf").path, two = s.dir.appendingPathComponent("two.vcf").path
        #expect(try s.annotate([], output: one).status == 0)
        #expect(try s.annotate(["--threads", "2"], output: two).status == 0)
        let body = { (p: String) in try Command.peer("bcftools", ["view", "-H", p]).stdoutText }
        #expect(try body(one) == body(two))
        #expect(try Self.query(one, "%POS\n") == Self.query(s.input, "%POS\n"))

        let off = s.dir.appendingPathComponent("off.vcf").path
        #expect(try s.annotate(["--no-consequences"], output: off).status == 0)
        #expect(try !Command.peer("bcftools", ["view", "-h", off]).stdoutText.contains("CSL_CSQ"))
        let noRef = s.dir.appendingPathComponent("noref.vcf").path
        let n = try Command.consilium(["annotate", s.input, "-k", s.kb, "-o", noRef])
        #expect(n.status == 0 && n.stderr.contains("-f REF.fa"), "\(n.stderr)")
        #expect(try !Command.peer("bcftools", ["view", "-h", noRef]).stdoutText.contains("CSL_CSQ"))

        let tp53 = SharedData.path(KBBuildTests.geneModels[0])
        let g = s.dir.appendingPathComponent("g.vcf").path
        #expect(try s.annotate(["--gene-model", tp53, "-r", "chr17:7660000-7700000"], output: g).status == 0)
        let k = s.dir.appendingPathComponent("k.vcf").path
        #expect(try s.annotate(["-r", "chr17:7660000-7700000"], output: k).status == 0)
        #expect(try Self.query(g, "%CSL_CSQ\n") == Self.query(k, "%CSL_CSQ\n"))
        let brca1Only = s.dir.appendingPathComponent("b.vcf").path
        #expect(try s.annotate(["--gene-model", tp53, "-r", "chr17:43000000-43200000"], output: brca1Only).status == 0)
        let outside = try Self.query(brca1Only, "%CSL_CSQ\n")
        #expect(outside.count == 5 && outside.allSatisfy { $0.contains("|intergenic_variant|MODIFIER|") && !$0.contains(",") })

        let bad = try Command.consilium(["annotate", s.input, "-k", s.kb, "--gene-model", tp53, "-o", g])
        #expect(bad.status != 0 && bad.stderr.contains("-f"), "\(bad.stderr)")
        let badChoice = try s.annotate(["--transcript-choice", "mane,appris"], output: g)
        #expect(badChoice.status != 0 && badChoice.stderr.contains("--transcript-choice"), "\(badChoice.stderr)")
    }

    /// A gene model whose header names another genome build is refused by `annotate -g` and by `kb build` next to a
    /// GRCh38 source, naming both builds (exit 1, no output).
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func geneModelOfAnotherBuildIsRefused() throws {
        guard try SharedData.require() else { return }
        let s = try Setup()
        let gff = s.dir.appendingPathComponent("tp53.grch37-header.gff3").path
        let body = try String(contentsOfFile: SharedData.path(KBBuildTests.geneModels[0]), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        try ("##gff-version 3\n#!genome-build GRCh37.p13\n" + body + "\n").write(toFile: gff, atomically: true, encoding: .utf8)
        let out = s.dir.appendingPathComponent("out.vcf").path
        let r = try s.annotate(["-g", gff], output: out)
        #expect(r.status == 1 && r.stderr.contains("GRCh37") && r.stderr.contains("GRCh38"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let kb = s.dir.appendingPathComponent("kb37").path
        let b = try Command.consilium(["kb", "build", "-o", kb, "--clinvar", SharedData.path(KBBuildTests.clinvar), "--transcripts", gff])
        #expect(b.status == 1 && b.stderr.contains("GRCh37") && b.stderr.contains("GRCh38"), "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb))
    }
}
