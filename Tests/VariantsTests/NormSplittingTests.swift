import Foundation
import HTS
import Testing
import TestSupport
@testable import Variants

/// Runs VCF text through `Normalizer` (with an optional reference FASTA) and returns the record lines.
enum NormRun {
    static func records(_ vcf: String, reference: String? = nil, options: NormalizeOptions = NormalizeOptions(),
                        warnings: ((String) -> Void)? = nil) throws -> [String] {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.vcf").path
        try vcf.write(toFile: input, atomically: true, encoding: .utf8)
        var fasta: FastaReference?
        if let reference {
            let path = dir.appendingPathComponent("ref.fa").path
            try reference.write(toFile: path, atomically: true, encoding: .utf8)
            fasta = try FastaReference(path: path)
        }
        let reader = try VCFReader(path: input)
        var opts = options
        if fasta == nil { opts.leftAlign = false }
        let normalizer = try Normalizer(header: reader.header, reference: fasta, options: opts)
        if let warnings { normalizer.warningHandler = warnings }
        let output = dir.appendingPathComponent("out.vcf").path
        let writer = try VCFWriter(path: output, format: .vcf, header: normalizer.outputHeader)
        let record = VCFRecord()
        while try reader.read(into: record) {
            try normalizer.push(record)
            while let r = normalizer.nextReady() { try writer.write(r) }
        }
        normalizer.finish()
        while let r = normalizer.nextReady() { try writer.write(r) }
        try writer.finish()
        return try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map(String.init)
    }

    /// The given 0-based columns of a record line, joined by spaces.
    static func columns(_ line: String, _ indices: [Int]) -> String {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        return indices.map { String(f[$0]) }.joined(separator: " ")
    }

    static let header = """
    ##fileformat=VCFv4.2
    ##contig=<ID=1,length=60>
    ##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
    ##INFO=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
    ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
    ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
    ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
    ##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Likelihoods">
    ##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2

    """
}

/// Splitting a multiallelic record into one record per ALT, as `bcftools norm -m -any` does (VCF 4.3 §1.6.2
/// for what Number=A, R and G mean).
@Suite struct NormSplittingTests {
    @Test func eachALTGetsItsOwnRecordWithItsValuesOfPerAlleleFields() throws {
        let lines = try NormRun.records(NormRun.header + """
        1\t10\trs1\tA\tC,G\t50\tPASS\tAC=3,1;AD=10,7,2;DP=19\tGT:AD:PL:AF\t1/2:5,3,1:0,1,2,3,4,5:0.3,0.1\t0/1:5,4,1:9,8,7,6,5,4:0.4,0.1

        """)
        #expect(lines == [
            // Number=A: the ALT's value; R: REF's and the ALT's; G: 0/0, 0/a, a/a; Number=1 copied.
            "1\t10\trs1\tA\tC\t50\tPASS\tAC=3;AD=10,7;DP=19\tGT:AD:PL:AF\t1/0:5,3:0,1,2:0.3\t0/1:5,4:9,8,7:0.4",
            "1\t10\trs1\tA\tG\t50\tPASS\tAC=1;AD=10,2;DP=19\tGT:AD:PL:AF\t0/1:5,1:0,3,5:0.1\t0/0:5,1:9,6,4:0.1",
        ])
    }

    @Test func genotypesOfOtherALTsBecomeREFOrWithMultiOverlapsMissing() throws {
        let vcf = NormRun.header + "1\t10\t.\tA\tC,G,T\t.\t.\t.\tGT\t3|2\t0/1\n"
        let byRef = try NormRun.records(vcf)
        #expect(byRef.map { $0.split(separator: "\t").suffix(2).joined(separator: " ") } == ["0|0 0/1", "0|1 0/0", "1|0 0/0"])
        var options = NormalizeOptions()
        options.multiOverlapsMissing = true
        let byMissing = try NormRun.records(vcf, options: options)
        // bcftools --multi-overlaps .: the other ALTs become '.', REF stays 0, phase kept (norm.5.2.out).
        #expect(byMissing.map { $0.split(separator: "\t").suffix(2).joined(separator: " ") } == [".|. 0/1", ".|1 0/.", "1|. 0/."])
    }

    @Test func aMissingNumberRValueSplitsAsAMissingPair() throws {
        // bcftools 1.20+ (norm.m-any): '.' for a Number=R field splits as '.,.'.
        let lines = try NormRun.records(NormRun.header + "1\t10\t.\tA\tC,G\t.\t.\t.\tGT:AD\t1/2:.\t0/1:3,2,1\n")
        #expect(lines.map { $0.split(separator: "\t")[9] } == ["1/0:.,.", "0/1:.,."])
    }

    @Test func aPerAlleleFieldWithTheWrongCountIsAnErrorOrWithForceLeftOut() throws {
        let vcf = NormRun.header + "1\t10\t.\tA\tC,G\t.\t.\tAC=1,2,3;DP=4\tGT\t1/2\t0/1\n"
        #expect(throws: NormalizeError.self) { try NormRun.records(vcf) }
        var options = NormalizeOptions()
        options.force = true
        var warned: [String] = []
        let lines = try NormRun.records(vcf, options: options, warnings: { warned.append($0) })
        #expect(lines.map { $0.split(separator: "\t")[7] } == ["DP=4", "DP=4"])
        #expect(warned.count == 1)
    }

    @Test func splitRecordsAreLeftAlignedEachOnItsOwn() throws {
        // 1:21 CAC>C,CACAC in TCACACACAC...: after splitting, the deletion and the insertion each move to the
        // start of the repeat.
        let reference = ">1\nGGGGGGGGGGGGGGGGGTCACACACACTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT\n"
        let lines = try NormRun.records(NormRun.header + "1\t21\t.\tCAC\tC,CACAC\t.\t.\t.\tGT\t1/2\t0/1\n", reference: reference)
        #expect(lines.map { NormRun.columns($0, [1, 3, 4]) } == ["18 TCA T", "18 T TCA"])
    }
}
