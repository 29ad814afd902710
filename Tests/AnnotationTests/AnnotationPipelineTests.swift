import Foundation
import Testing
import HTS
import Knowledge
@testable import Annotation

/// The pipeline normalizes the query as the knowledge base was normalized, so a multiallelic source record
/// or a query allele padded with shared trailing bases still finds its annotation; one table row per ALT.
@Suite struct AnnotationPipelineTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let header = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=248956422>
    """

    static let frequencies = header + """

    ##INFO=<ID=AC,Number=A,Type=Integer,Description="count">
    ##INFO=<ID=AN,Number=1,Type=Integer,Description="number">
    ##INFO=<ID=AF,Number=A,Type=Float,Description="frequency">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\t.\tA\tC,G\t.\tPASS\tAC=3,5;AN=100;AF=0.03,0.05
    chr1\t2000\t.\tGTT\tGT\t.\tPASS\tAC=7;AN=200;AF=0.035

    """

    static let clinvar = """
    ##fileformat=VCFv4.1
    ##fileDate=2021-10-25
    ##contig=<ID=1>
    ##INFO=<ID=CLNSIG,Number=.,Type=String,Description="sig">
    ##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="rev">
    ##INFO=<ID=CLNDN,Number=.,Type=String,Description="dn">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    1\t1000\t12345\tA\tG\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;CLNDN=Breast-ovarian_cancer,_familial_1|not_provided

    """

    static let query = header + """

    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\trs1\tA\tG,T\t.\tPASS\t.
    chr1\t2000\t.\tGT\tG\t.\tPASS\t.
    chr1\t3000\t.\tC\tA\t.\tPASS\t.

    """

    @Test func tableRowsCarryTheSourceValues() throws {
        let dir = try Self.temp()
        let files = [("freq.vcf", Self.frequencies), ("clinvar.vcf", Self.clinvar), ("query.vcf", Self.query)]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
        builder.clinvar = dir.appendingPathComponent("clinvar.vcf").path
        builder.frequencies = [.init(label: "pop", path: dir.appendingPathComponent("freq.vcf").path)]
        let manifest = try builder.build()
        #expect(manifest.sources.map(\.counts.indexed) == [1, 3])
        #expect(manifest.sources[0].version == "2021-10-25")

        let kb = try KnowledgeBase(path: dir.appendingPathComponent("kb").path)
        let reader = try VCFReader(path: dir.appendingPathComponent("query.vcf").path)
        let pipeline = try AnnotationPipeline(reader: reader, reference: nil, kb: kb)
        let out = dir.appendingPathComponent("out.tsv").path
        let stats = try pipeline.run(into: try TableAnnotationWriter(path: out, json: false, header: reader.header, kb: kb))
        #expect(stats.recordsIn == 3)
        #expect(stats.found == ["clinvar": 1, "pop": 2])

        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0].first == "#CHROM")
        #expect(lines[0].count == 5 + 5 + 6)
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0].map { $0.replacingOccurrences(of: "#", with: "") }, $0)) }
        #expect(rows.count == 4)  // G and T at 1000 (split), the deletion, the novel SNV
        let g = try #require(rows.first { $0["POS"] == "1000" && $0["ALT"] == "G" })
        #expect(g["CLINVAR_ID"] == "12345")
        #expect(g["CLINVAR_SIG"] == "Pathogenic")
        #expect(g["CLINVAR_STARS"] == "3")
        #expect(g["CLINVAR_DN"] == "Breast-ovarian_cancer,_familial_1|not_provided")
        #expect(g["pop_AF"] == "0.05")
        #expect(g["pop_AC"] == "5")
        #expect(g["pop_AN"] == "100")
        let t = try #require(rows.first { $0["POS"] == "1000" && $0["ALT"] == "T" })
        #expect(t["pop_AF"] == "." && t["CLINVAR_SIG"] == ".")
        // GTT>GT in the source and GT>G in the query are one deletion.
        let del = try #require(rows.first { $0["POS"] == "2000" })
        #expect(del["pop_AC"] == "7")
        let novel = try #require(rows.first { $0["POS"] == "3000" })
        #expect(novel["pop_AF"] == "." && novel["CLINVAR_ID"] == ".")
    }

    @Test func outputFormatOption() {
        #expect(AnnotateFormat(option: "tsv") == .tsv)
        #expect(AnnotateFormat(option: "jsonl") == .jsonl)
        #expect(AnnotateFormat(option: "z") == .vcf(.vcfGz))
        #expect(AnnotateFormat(option: "b9") == .vcf(.bcf))
        #expect(AnnotateFormat(option: "x") == nil)
        #expect(AnnotateFormat.inferred(fromPath: "a.tsv") == .tsv)
        #expect(AnnotateFormat.inferred(fromPath: "a.jsonl") == .jsonl)
        #expect(AnnotateFormat.inferred(fromPath: "a.bcf") == .vcf(.bcf))
    }
}
