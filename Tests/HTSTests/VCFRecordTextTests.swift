import CHTSlib
import Foundation
import Testing
import TestSupport
@testable import HTS

/// `VCFReader.text(of:)` gives a record's VCF text as htslib's `vcf_format` writes it, so that a writer can
/// use it instead of formatting the record again. Rule: for every record read through the parse thread it is
/// exactly `vcf_format`'s output (without the newline), whether the line was already in that form (used as it
/// is) or not (formatted on the parse thread); its INFO range is the INFO column; and it is nil once anything
/// changed the record.
@Suite struct VCFRecordTextTests {
    static let header = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=100000>
    ##FILTER=<ID=q10,Description="Low quality">
    ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
    ##INFO=<ID=AF,Number=.,Type=Float,Description="Frequency">
    ##INFO=<ID=AC,Number=.,Type=Integer,Description="Count">
    ##INFO=<ID=NOTE,Number=1,Type=String,Description="Text">
    ##INFO=<ID=FL,Number=0,Type=Flag,Description="Flag">
    ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
    ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Depths">
    ##FORMAT=<ID=GQ,Number=1,Type=Float,Description="Quality">
    ##FORMAT=<ID=FT,Number=1,Type=String,Description="Sample filter">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2

    """

    /// (ID, QUAL, FILTER, INFO, FORMAT, samples): forms htslib writes back as they are, and forms it rewrites.
    static let forms: [(String, String, String, String, String, String)] = [
        (".", "50", "PASS", "DP=10", "GT:AD", "0/1:3,4\t1|1:0,9"),
        ("rs1", "50.0", "q10", "DP=10;AF=0.50", "GT:AD:GQ", "0/1:3,4:12.0\t1|1:0,9:3"),
        (".", ".", ".", ".", "GT:AD", "./.:.\t.:."),
        ("rs1;rs2", "7", "PASS;q10", "DP=010;NOTE=a,b c;FL", "GT:AD:FT", "0/1\t1/1:0,9:ok"),
        (".", "1000000", "PASS", "FL;AC=-5", "GT", "0\t1/0"),
        (".", "0", "PASS", "AC=0;DP=-3", "AD:GT", "1,2:0/1\t.:1|0"),
        (".", "3", "PASS", "NOTE=x", "GT:FT", "0/1:PASS\t0/1:."),
        (".", "3", "PASS", "DP=1;AF=0.25,1e-05", "GT:GQ", "0/1:.\t1/1:99"),
    ]

    @Test func textIsWhatVcfFormatWrites() throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for i in 0..<600 {
            let f = Self.forms[i % Self.forms.count]
            let alt = i % 5 == 0 ? "C,T" : (i % 7 == 0 ? "<DEL>" : "C")
            lines.append("chr1\t\(100 + 10 * i)\t\(f.0)\tA\t\(alt)\t\(f.1)\t\(f.2)\t\(f.3)\t\(f.4)\t\(f.5)")
        }
        let path = dir.appendingPathComponent("in.vcf").path
        try (Self.header + lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let reader = try VCFReader(path: path)
        reader.prefetch = true
        reader.keepsText = true
        let record = VCFRecord()
        var formatted = kstring_t()
        defer { csl_kstring_free(&formatted) }
        var count = 0, verbatim = 0
        while try reader.read(into: record) {
            count += 1
            formatted.l = 0
            #expect(vcf_format(reader.header.pointer, record.pointer, &formatted) == 0)
            let expected = Array(UnsafeRawBufferPointer(start: formatted.s, count: formatted.l).dropLast())
            guard let text = reader.text(of: record) else {
                Issue.record("no text for record \(count)")
                continue
            }
            let bytes = Array(text.bytes)
            #expect(bytes == expected, "record \(count)")
            let columns = expected.split(separator: 0x09, omittingEmptySubsequences: false)
            #expect(Array(bytes[text.info]) == Array(columns[7]), "record \(count)")
            if bytes == Array(lines[count - 1].utf8) { verbatim += 1 }
            // Changed through htslib, moved, or given more INFO: no text any more.
            switch count % 3 {
            case 0:
                var dp: Int32 = 99
                bcf_update_info(reader.header.pointer, record.pointer, "DP", &dp, 1, Int32(BCF_HT_INT))
            case 1:
                record.pointer.pointee.pos += 1
            default:
                _ = bcf_update_alleles_str(reader.header.pointer, record.pointer, "A,G")
            }
            #expect(reader.text(of: record) == nil, "record \(count)")
        }
        #expect(count == lines.count)
        // Both ways were taken: lines already in htslib's form, and lines it rewrites.
        #expect(verbatim > 50)
        #expect(verbatim < count - 50)
    }
}
