import Foundation
import Testing
import TestSupport

/// `consilium annotate --classify` (issue 5, part 5): the germline stage writes class, criteria, points, the deciding
/// rule and every criterion's evidence; the somatic stage writes the AMP/ASCO/CAP tier and the JSMO/JSCO/JCA level for
/// the tumor type given, on-label or off-label (Li et al. 2017: level A in another tumor type is level C).
@Suite struct AnnotateClassifyTests {
    static let chr17 = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let brca1Model = "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3"
    static let mane = "tables/mane/MANE.GRCh38.v1.4.summary.txt"
    static let oncotree = "tables/oncotree/oncotree_2025_10_03.tsv"

    static func query(_ path: String, _ format: String) throws -> [String] {
        let r = try Command.peer("bcftools", ["query", "-f", format, path])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdoutText.split(separator: "\n").map(String.init)
    }

    static func vcf(_ dir: URL, _ name: String, _ body: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try ("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n##contig=<ID=chr17,length=83257441>\n"
             + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The Japanese BRCA1 founder variant NM_007294.4:c.188T>A p.(Leu63Ter): a nonsense change with NMD predicted in
    /// an exon of the MANE Select transcript of a gene with loss of function as its mechanism → PVS1 (Abou Tayoun
    /// 2018, Fig. 1). The cdot RefSeq model carries no MANE tags; --mane-summary names NM_007294.4.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func germlineBRCA1Leu63TerGetsPVS1WithItsEvidence() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = dir.appendingPathComponent("kb").path
        let built = try Command.consilium(["kb", "build", "-o", kb, "-q", "--genes", SharedData.fixture("genes.tsv"),
                                           "--transcripts", "brca1=" + SharedData.path(Self.brca1Model)])
        #expect(built.status == 0, "\(built.stderr)")
        let input = try Self.vcf(dir, "q.vcf", "chr17\t43106480\t.\tA\tT\t.\tPASS\t.\n")
        let out = dir.appendingPathComponent("out.vcf").path
        let r = try Command.consilium(["annotate", input, "-k", kb, "-f", SharedData.path(Self.chr17), "-q", "-o", out,
                                       "--classify", "germline", "--mane-summary", SharedData.path(Self.mane)])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try Self.query(out, "%CSL_ACMG\t%CSL_ACMG_CRITERIA\t%CSL_ACMG_POINTS\t%CSL_ACMG_RULE\t%CSL_ACMG_EVIDENCE\n")
        let f = try #require(rows.first).split(separator: "\t").map(String.init)
        #expect(f.count == 5)
        // PVS1 alone is 8 points: Likely pathogenic (Tavtigian 2020), also by the 2015 table (PVS1 + nothing = VUS
        // there, so the ENIGMA specification's points decide). No frequency source is in this knowledge base, so PM2
        // is not evaluated rather than met.
        #expect(f[0] == "Likely_pathogenic")
        #expect(f[1] == "PVS1")
        #expect(f[2] == "8")
        #expect(f[3].hasPrefix("ENIGMA-BRCA1-BRCA2"))
        let pvs1 = try #require(f[4].split(separator: ",").first { $0.hasPrefix("PVS1|") })
        #expect(pvs1.hasPrefix("PVS1|met|Very_Strong|BRCA1 NM_007294.4 "))
        #expect(pvs1.contains("NMD predicted"))
        #expect(f[4].contains("PM2|not_evaluated|"))
        // The report transcript's consequence, in VEP's layout, is the MANE one.
        let csq = try Self.query(out, "%CSL_CSQ\n").first ?? ""
        #expect(csq.contains("NM_007294.4:c.188T>A|NM_007294.4:p.Leu63Ter"))
    }

    /// BRAF p.V600E from the real CIViC records: Tier I level A in melanoma (on-label: CIViC assertion AID7), and in
    /// colorectal cancer level A evidence of another tumor type only → Tier II level C (Li et al. 2017). CIViC gives
    /// GRCh37 coordinates: on GRCh38 the record matches by dbSNP id and alleles.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func somaticBRAFV600EIsTierIAInMelanomaAndIICOffLabel() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = dir.appendingPathComponent("kb").path
        let built = try Command.consilium(["kb", "build", "-o", kb, "-q", "--civic", SharedData.path("civic")])
        #expect(built.status == 0, "\(built.stderr)")
        let input = try Self.vcf(dir, "q.vcf", "chr7\t140753336\trs113488022\tA\tT\t.\tPASS\t.\n")
        var seen: [String: [String]] = [:]
        for tumor in ["SKCM", "COAD"] {
            let out = dir.appendingPathComponent("\(tumor).vcf").path
            let r = try Command.consilium(["annotate", input, "-k", kb, "-q", "-o", out, "--classify", "somatic",
                                           "--tumor-type", tumor, "--oncotree", SharedData.path(Self.oncotree)])
            #expect(r.status == 0, "\(r.stderr)")
            seen[tumor] = try Self.query(out, "%CSL_AMP_TIER\t%CSL_JP_LEVEL\n").first?.split(separator: "\t").map(String.init)
        }
        #expect(seen["SKCM"] == ["IA", "A"])
        #expect(seen["COAD"] == ["IIC", "C"])
    }

    /// Usage errors are exit 2 with the missing piece named.
    @Test func somaticNeedsATumorTypeAndTheOncoTree() throws {
        let r = try Command.consilium(["annotate", "x.vcf", "-k", "kb", "--classify", "somatic"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--tumor-type"))
        let s = try Command.consilium(["annotate", "x.vcf", "-k", "kb", "--classify", "germ"])
        #expect(s.status == 2)
        #expect(s.stderr.contains("germline, somatic"))
    }
}
