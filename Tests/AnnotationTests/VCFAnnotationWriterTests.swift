import CHTSlib
import Foundation
import Testing
import HTS
import Knowledge
import TestSupport
@testable import Annotation

/// `VCFAnnotationWriter` encodes its INFO fields straight into the record (`csl_info_append`) instead of one
/// `bcf_update_info` per field. The rule: the output must read back exactly as htslib's own encoder makes it,
/// in every state a record can reach the writer in — INFO still packed as read, INFO decoded but unchanged
/// (an annotator read a field), INFO changed by an earlier annotator's `bcf_update_info` — in BCF, VCF.gz and
/// VCF. The reference is the same run with an input header that already declares one of the writer's tags,
/// which makes the writer fall back to `bcf_update_info` for every field.
@Suite struct VCFAnnotationWriterTests {
    static let clinvar = """
    ##fileformat=VCFv4.1
    ##contig=<ID=chr1,length=248956422>
    ##INFO=<ID=CLNSIG,Number=.,Type=String,Description="sig">
    ##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="revstat">
    ##INFO=<ID=CLNDN,Number=.,Type=String,Description="disease">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\t11\tA\tC\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;CLNDN=Lynch_syndrome
    chr1\t1500\t12\tGTT\tG\t.\t.\tCLNSIG=Benign;CLNREVSTAT=criteria_provided,_single_submitter;CLNDN=not_provided|Cancer,_hereditary
    chr1\t3000\t987654\tT\tTACGTACGTACGTACGTACGTACG\t.\t.\tCLNSIG=Uncertain_significance;CLNREVSTAT=no_assertion_criteria_provided

    """

    static let frequencies = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=248956422>
    ##INFO=<ID=AC,Number=A,Type=Integer,Description="count">
    ##INFO=<ID=AN,Number=1,Type=Integer,Description="number">
    ##INFO=<ID=AF,Number=A,Type=Float,Description="frequency">
    ##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="homozygotes">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\t.\tA\tC,G\t.\tPASS\tAC=3,40000;AN=100000;AF=3e-05,0.4;nhomalt=0,7000
    chr1\t2000\t.\tC\tT\t.\tPASS\tAC=1;AN=2000;AF=0.0005;nhomalt=0
    chr1\t3000\t.\tT\tTACGTACGTACGTACGTACGTACG\t.\tPASS\tAC=70000;AN=140000;AF=0.5;nhomalt=.

    """

    /// Hits in both sources, in one, in none; a multiallelic record (split by annotate); a long insertion;
    /// an existing INFO field and a sample.
    static func query(predeclare: Bool) -> String {
        """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1,length=248956422>
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
        \(predeclare ? "##INFO=<ID=CLINVAR_SIG,Number=.,Type=String,Description=\"declared by an earlier run\">\n" : "")\
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1
        chr1\t1000\trs1\tA\tC,G\t50\tPASS\tDP=20\tGT\t1/2
        chr1\t1500\t.\tGTT\tG\t50\tPASS\tDP=31\tGT\t0/1
        chr1\t2000\t.\tC\tT\t.\tPASS\tDP=7\tGT\t0/1
        chr1\t2500\t.\tA\tG\t.\tPASS\tDP=9\tGT\t1/1
        chr1\t3000\t.\tT\tTACGTACGTACGTACGTACGTACG\t.\tPASS\t.\tGT\t0/1

        """
    }

    /// What an annotator before the writer may do to a record.
    enum Before: String, CaseIterable { case nothing, readInfo, updateInfo }

    /// Reads DP (INFO decoded, unchanged) or sets TEST_MARK with bcf_update_info (INFO changed).
    final class Touch: RecordAnnotator {
        let before: Before
        init(_ before: Before) { self.before = before }
        var headerLines: [String] { before == .updateInfo ? ["##INFO=<ID=TEST_MARK,Number=1,Type=Integer,Description=\"mark\">"] : [] }
        var columns: [String] { [] }
        func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
            switch before {
            case .nothing: break
            case .readInfo:
                var values: UnsafeMutableRawPointer?
                var count: Int32 = 0
                _ = bcf_get_info_values(header.pointer, record.pointer, "DP", &values, &count, Int32(BCF_HT_INT))
                free(values)
            case .updateInfo:
                var mark: Int32 = 1
                bcf_update_info(header.pointer, record.pointer, "TEST_MARK", &mark, 1, Int32(BCF_HT_INT))
            }
        }
        func columnValues(alt: Int) -> [String?] { [] }
    }

    static let fields = ["DP", "CLINVAR_ID", "CLINVAR_SIG", "CLINVAR_REVSTAT", "CLINVAR_STARS", "CLINVAR_DN",
                         "pop_AF", "pop_AC", "pop_AN", "pop_NHOMALT"]

    /// Annotates the query and returns every record's position, alleles, the fields, the INFO keys in order
    /// and the genotype, as bcftools reads them back.
    static func annotate(_ dir: URL, _ kb: KnowledgeBase, format: OutputFormat, before: Before, predeclare: Bool,
                         name: String) throws -> String {
        let input = dir.appendingPathComponent("\(name).query.vcf")
        try query(predeclare: predeclare).write(to: input, atomically: true, encoding: .utf8)
        let reader = try VCFReader(path: input.path)
        let pipeline = try AnnotationPipeline(reader: reader, reference: nil, kb: kb, annotators: [Touch(before)])
        let out = dir.appendingPathComponent("\(name).out").path
        let sink = try VCFAnnotationWriter(path: out, format: format, header: pipeline.normalizer.outputHeader, kb: kb,
                                           pool: nil, writeIndex: false)
        let stats = try pipeline.run(into: sink)
        #expect(stats.recordsOut == 6)
        let expression = "%POS %REF %ALT " + fields.map { "%INFO/\($0)" }.joined(separator: " ") + " [%GT]\n"
        let values = try Command.peer("bcftools", ["query", "-f", expression, out])
        #expect(values.status == 0)
        // The INFO keys in order: the writer's fields follow what the record (and annotators) had.
        let keys = try Command.peer("bcftools", ["query", "-f", "%INFO\n", out])
        let order = keys.stdoutText.split(separator: "\n").map { line in
            line.split(separator: ";").map { $0.split(separator: "=").first.map(String.init) ?? "" }.joined(separator: ",")
        }
        return values.stdoutText + order.joined(separator: "\n")
    }

    @Test(arguments: [OutputFormat.bcf, .vcfGz, .vcf])
    func directEncodingReadsBackAsBcfUpdateInfo(format: OutputFormat) throws {
        let dir = try Command.temporaryDirectory()
        try Self.clinvar.write(to: dir.appendingPathComponent("clinvar.vcf"), atomically: true, encoding: .utf8)
        try Self.frequencies.write(to: dir.appendingPathComponent("freq.vcf"), atomically: true, encoding: .utf8)
        var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
        builder.clinvar = dir.appendingPathComponent("clinvar.vcf").path
        builder.frequencies = [.init(label: "pop", path: dir.appendingPathComponent("freq.vcf").path)]
        _ = try builder.build()
        let kb = try KnowledgeBase(path: dir.appendingPathComponent("kb").path)

        for before in Before.allCases {
            let direct = try Self.annotate(dir, kb, format: format, before: before, predeclare: false, name: "direct-\(before)")
            let reference = try Self.annotate(dir, kb, format: format, before: before, predeclare: true, name: "htslib-\(before)")
            #expect(direct == reference, "\(before.rawValue)")
        }
        // The reference itself carries the sources' values: the split record's first ALT has the ClinVar record
        // and both frequencies; the second ALT only its frequency; AN is per site.
        let reference = try Self.annotate(dir, kb, format: format, before: .nothing, predeclare: true, name: "values")
        let lines = reference.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("1000 A C 20 11 Pathogenic reviewed_by_expert_panel 3 Lynch_syndrome 3e-05 3 100000 0 "))
        #expect(lines[1].hasPrefix("1000 A G 20 . . . . . 0.4 40000 100000 7000 "))
        #expect(lines[4] == "2500 A G 9 . . . . . . . . . 1/1")
        #expect(lines[6] == "DP,CLINVAR_ID,CLINVAR_SIG,CLINVAR_REVSTAT,CLINVAR_STARS,CLINVAR_DN,pop_AF,pop_AC,pop_AN,pop_NHOMALT")
        let marked = try Self.annotate(dir, kb, format: format, before: .updateInfo, predeclare: false, name: "marked")
        #expect(marked.split(separator: "\n")[6].hasPrefix("DP,TEST_MARK,CLINVAR_ID,"))
    }
}
