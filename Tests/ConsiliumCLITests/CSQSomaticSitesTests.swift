import Foundation
import Testing
import TestSupport

/// Issue 4, acceptance: "The ClinVar somatic sites in ../shared/data/somatic annotate without error." Both files run
/// through `consilium csq` whole (no region), with each shared reference and gene model: the 34-site TP53/BRCA1/PALB2
/// cut (bgzipped, `chr` names) and OncoVI's original 691 sites (plain text, unsorted, `1..22,X` names, no contig
/// lines, a ninth column without a header). Every record must come out, each with CSL_CSQ; every site inside the
/// model's sequenced window must get an entry for the gene's MANE Select transcript with an HGVS c. name and VEP
/// consequence terms; sites elsewhere are intergenic or near other models, never dropped.
@Suite struct CSQSomaticSitesTests {
    struct Model: CustomTestStringConvertible, Sendable {
        var gene: String
        var fasta: String
        var gff: String
        var contig: String
        var window: ClosedRange<Int>
        var mane: String
        var testDescription: String { gene }
    }

    static let models = [
        Model(gene: "TP53", fasta: "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz",
              gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3",
              contig: "17", window: 7_660_000...7_700_000, mane: "ENST00000269305"),
        Model(gene: "BRCA1", fasta: "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz",
              gff: "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3",
              contig: "17", window: 42_425_000...43_600_000, mane: "NM_007294.4"),
        Model(gene: "PALB2", fasta: "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz",
              gff: "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3",
              contig: "16", window: 23_580_000...23_700_000, mane: "ENST00000261584"),
    ]

    static let files = ["somatic/ClinVar_somatic_sites.TP53_BRCA1_PALB2.GRCh38.vcf.gz",
                        "somatic/oncovi_onco_som_GRCh38_ClinVar_sites.vcf"]

    /// VEP's consequence terms (SnpEffComparison.severity lists them in VEP's order).
    static let vepTerms = Set(SnpEffComparison.severity)

    /// `(chrom, pos)` of every record of a VCF (bgzipped or not), read with bcftools.
    static func sites(_ path: String) throws -> [(String, Int)] {
        let r = try Command.peer("bcftools", ["query", "-f", "%CHROM\t%POS\n", path])
        #expect(r.status == 0, "bcftools query \(path): \(r.stderr)")
        return r.stdoutText.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t")
            return f.count == 2 ? Int(f[1]).map { (String(f[0]), $0) } : nil
        }
    }

    static func sameContig(_ a: String, _ b: String) -> Bool {
        (a.hasPrefix("chr") ? String(a.dropFirst(3)) : a) == (b.hasPrefix("chr") ? String(b.dropFirst(3)) : b)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: files, models)
    func annotatesEverySite(file: String, model: Model) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = SharedData.path(file)
        let out = dir.appendingPathComponent("out.vcf").path
        let r = try Command.consilium(["csq", input, "-f", SharedData.path(model.fasta), "-g", SharedData.path(model.gff),
                                       "-O", "v", "-o", out, "-q"])
        #expect(r.status == 0 && !r.crashed, "consilium csq \(file) with \(model.gene): \(r.stderr)")
        #expect(!r.stderr.lowercased().contains("error"), "\(r.stderr)")

        let expected = try Self.sites(input)
        let inWindow = expected.filter { Self.sameContig($0.0, model.contig) && model.window.contains($0.1) }
        #expect(!inWindow.isEmpty, "\(file) has no site in the \(model.gene) window")

        var records = 0, maneEntries = 0
        for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            records += 1
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 8, let pos = Int(f[1]) else { Issue.record("short record line \(records)"); continue }
            let csq = f[7].split(separator: ";").first { $0.hasPrefix("CSL_CSQ=") }.map { $0.dropFirst(8) } ?? ""
            #expect(!csq.isEmpty, "\(f[0]):\(pos) has no CSL_CSQ")
            let entries = csq.split(separator: ",").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
            for e in entries {
                #expect(e.count >= 20, "\(f[0]):\(pos): \(e.count) CSQ fields (VEP's 20 first, more may follow)")
                for term in e.count > 1 ? e[1].split(separator: "&") : [] {
                    #expect(Self.vepTerms.contains(String(term)), "\(f[0]):\(pos): \(term) is not a VEP term")
                }
            }
            guard Self.sameContig(String(f[0]), model.contig), model.window.contains(pos) else { continue }
            if let mane = entries.first(where: { $0.count >= 20 && $0[6] == Substring(model.mane) }) {
                #expect(mane[10].hasPrefix("\(model.mane):c."), "\(f[0]):\(pos): HGVSc \(mane[10])")
                #expect(mane[19] == Substring(model.mane) || model.gene == "BRCA1", "\(f[0]):\(pos): MANE_SELECT \(mane[19])")
                maneEntries += 1
            } else {
                Issue.record("\(f[0]):\(pos) (\(model.gene) window): no \(model.mane) entry")
            }
        }
        #expect(records == expected.count, "\(records) records out of \(expected.count)")
        #expect(maneEntries == inWindow.count, "\(maneEntries) \(model.mane) entries for \(inWindow.count) sites in the window")
    }
}
