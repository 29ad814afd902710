import Foundation
import Testing
import TestSupport

/// Warnings about undeclared header lines name only what the input lacks: lines a command adds to the header itself
/// before reading (its own INFO field, contigs from the reference) are declared, not "learned" from the records.
@Suite struct CSQHeaderWarningsTests {
    /// OncoVI's ClinVar sites file has no `##contig` lines at all; `csq` declares `CSL_CSQ` and the reference's `chr17`.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func ownFieldsAndReferenceContigsAreNotReportedAsUndeclared() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let r = try Command.consilium([
            "csq", SharedData.path("somatic/oncovi_onco_som_GRCh38_ClinVar_sites.vcf"),
            "-f", SharedData.path("reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"),
            "-g", SharedData.path("reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.chr.gff3"),
            "-o", dir.appendingPathComponent("out.vcf").path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("INFO/FORMAT tag"), "CSL_CSQ is declared by csq itself: \(r.stderr)")
        // The file's own contigs (X, 8, 17, …) are undeclared and still reported; chr17 came from the reference.
        let warning = try #require(r.stderr.split(separator: "\n").first { $0.contains("contigs are not declared") })
        #expect(warning.contains("22 contigs"))
        #expect(!warning.contains("chr17"))
    }
}
