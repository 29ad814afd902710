import CHTSlib
import Foundation
import Testing
import HTS
import Knowledge
import TestSupport
@testable import Annotation

/// The `RecordAnnotator` extension point: the pipeline declares each annotator's `##INFO` lines before the
/// output opens, calls the annotators in order on every normalized record (a later one sees what an earlier
/// one computed), and the writers carry their values: INFO in VCF, extra columns in TSV and JSON Lines.
@Suite struct RecordAnnotatorWiringTests {
    /// Writes `TEST_ALTLEN` (length of each ALT, Number=A) and remembers them for its table column.
    final class AltLength: RecordAnnotator {
        var lengths: [Int] = []
        var calls = 0
        var headerLines: [String] { ["##INFO=<ID=TEST_ALTLEN,Number=A,Type=Integer,Description=\"ALT length\">"] }
        var columns: [String] { ["TEST_ALTLEN"] }
        func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
            calls += 1
            record.unpackAlleles()
            lengths = (1..<max(1, record.alleleCount)).map { strlen(record.alleleCString($0)) }
            var values = lengths.map { Int32($0) }
            bcf_update_info(header.pointer, record.pointer, "TEST_ALTLEN", &values, Int32(values.count), Int32(BCF_HT_INT))
        }
        func columnValues(alt: Int) -> [String?] { [alt < lengths.count ? String(lengths[alt]) : nil] }
    }

    /// Reads the first annotator's result (as a classifier reads consequences) and writes a label with a
    /// character TSV and JSON must escape or keep.
    final class LengthLabel: RecordAnnotator {
        let source: AltLength
        var labels: [String] = []
        init(source: AltLength) { self.source = source }
        var headerLines: [String] { ["##INFO=<ID=TEST_LABEL,Number=A,Type=String,Description=\"label\">"] }
        var columns: [String] { ["TEST_LABEL", "TEST_EMPTY"] }
        func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
            labels = source.lengths.map { $0 == 1 ? "snv \"one\"" : "indel" }
            let joined = labels.map { $0.replacingOccurrences(of: " ", with: "_") }.joined(separator: ",")
            _ = joined.withCString { bcf_update_info(header.pointer, record.pointer, "TEST_LABEL", $0, 1, Int32(BCF_HT_STR)) }
        }
        func columnValues(alt: Int) -> [String?] { [alt < labels.count ? labels[alt] : nil, nil] }
    }

    static let frequencies = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=248956422>
    ##INFO=<ID=AC,Number=A,Type=Integer,Description="count">
    ##INFO=<ID=AN,Number=1,Type=Integer,Description="number">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\t.\tA\tC\t.\tPASS\tAC=3;AN=100

    """

    static let query = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr1,length=248956422>
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr1\t1000\trs1\tA\tC,GTT\t.\tPASS\t.
    chr1\t2000\t.\tGT\tG\t.\tPASS\t.

    """

    struct Setup {
        let dir: URL
        let kb: KnowledgeBase
        let input: String
        init() throws {
            dir = try Command.temporaryDirectory()
            try RecordAnnotatorWiringTests.frequencies.write(to: dir.appendingPathComponent("freq.vcf"), atomically: true, encoding: .utf8)
            try RecordAnnotatorWiringTests.query.write(to: dir.appendingPathComponent("query.vcf"), atomically: true, encoding: .utf8)
            var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
            builder.frequencies = [.init(label: "pop", path: dir.appendingPathComponent("freq.vcf").path)]
            _ = try builder.build()
            kb = try KnowledgeBase(path: dir.appendingPathComponent("kb").path)
            input = dir.appendingPathComponent("query.vcf").path
        }
    }

    @Test func vcfOutputDeclaresAndCarriesAnnotatorFields() throws {
        let s = try Setup()
        let reader = try VCFReader(path: s.input)
        let first = AltLength()
        let pipeline = try AnnotationPipeline(reader: reader, reference: nil, kb: s.kb, annotators: [first, LengthLabel(source: first)])
        let out = s.dir.appendingPathComponent("out.vcf").path
        let sink = try VCFAnnotationWriter(path: out, format: .vcf, header: pipeline.normalizer.outputHeader, kb: s.kb,
                                           pool: nil, writeIndex: false)
        let stats = try pipeline.run(into: sink)
        #expect(stats.recordsOut == 3)
        #expect(first.calls == 3)  // once per split record
        let header = try Command.peer("bcftools", ["view", "-h", out]).stdoutText
        #expect(header.contains("##INFO=<ID=TEST_ALTLEN,Number=A,Type=Integer"))
        #expect(header.contains("##INFO=<ID=TEST_LABEL,Number=A,Type=String"))
        let q = try Command.peer("bcftools", ["query", "-f", "%POS %ALT %TEST_ALTLEN %TEST_LABEL %pop_AC\n", out])
        #expect(q.status == 0)
        // Output order is input order; the split keeps ALT order.
        #expect(q.stdoutText == "1000 C 1 snv_\"one\" 3\n1000 GTT 3 indel .\n2000 G 1 snv_\"one\" .\n")
    }

    @Test(arguments: [false, true])
    func tableOutputAppendsAnnotatorColumns(json: Bool) throws {
        let s = try Setup()
        let reader = try VCFReader(path: s.input)
        let first = AltLength()
        let annotators: [RecordAnnotator] = [first, LengthLabel(source: first)]
        let pipeline = try AnnotationPipeline(reader: reader, reference: nil, kb: s.kb, annotators: annotators)
        let out = s.dir.appendingPathComponent(json ? "out.jsonl" : "out.tsv").path
        _ = try pipeline.run(into: try TableAnnotationWriter(path: out, json: json, header: reader.header, kb: s.kb,
                                                             annotators: pipeline.annotators))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let columns = AnnotationColumns.table(for: s.kb, annotators: annotators)
        #expect(Array(columns.suffix(3)) == ["TEST_ALTLEN", "TEST_LABEL", "TEST_EMPTY"])
        if json {
            let rows = try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { Set($0.keys) == Set(columns) })
            #expect(rows.map { $0["TEST_ALTLEN"] as? String } == ["1", "3", "1"])
            #expect(rows[0]["TEST_LABEL"] as? String == "snv \"one\"")
            #expect(rows[0]["TEST_EMPTY"] is NSNull)
        } else {
            let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            #expect(lines[0] == ["#" + columns[0]] + columns.dropFirst())
            #expect(lines.dropFirst().map { Array($0.suffix(3)) } == [["1", "snv \"one\"", "."], ["3", "indel", "."], ["1", "snv \"one\"", "."]])
        }
    }
}
