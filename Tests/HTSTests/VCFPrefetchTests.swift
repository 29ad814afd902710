import CHTSlib
import Foundation
import Testing
import TestSupport
@testable import HTS

/// `VCFReader.prefetch` parses text VCF on a background thread. Rule: it changes nothing a caller can see:
/// the same records in the same order, the same line and record numbers, the same contigs and tags declared
/// on the way (htslib adds undeclared ones to the reader's header), and the same error at the same line.
@Suite struct VCFPrefetchTests {
    /// A VCF of `records` lines on chr1 (declared), then from record `chr2From` on chr2 (not declared), with
    /// an undeclared INFO tag from record `tagFrom` on, and blank lines here and there; `badLine` (a line number) gets a POS that is not a number.
    static func vcf(records: Int, chr2From: Int, tagFrom: Int, badLine: Int? = nil) -> String {
        var lines = [
            "##fileformat=VCFv4.2",
            "##contig=<ID=chr1,length=1000000>",
            "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">",
            "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Frequency\">",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Depths\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2",
        ]
        var rng = SplitMix64(seed: 3)
        for i in 0..<records {
            if i % 997 == 500 { lines.append("") }
            let chrom = i < chr2From ? "chr1" : "chr2"
            let pos = i < chr2From ? 100 + 7 * i : 100 + 7 * (i - chr2From)
            let alt = ["A", "C", "G", "T"][Int(rng.next() % 4)]
            let info = i < tagFrom ? "DP=\(rng.next() % 200)" : "DP=\(rng.next() % 200);NEW=x"
            lines.append("\(chrom)\t\(pos)\t.\tN\t\(alt)\t\(rng.next() % 100)\tPASS\t\(info);AF=0.5\tGT:AD\t0/1:3,4\t1|1:0,9")
        }
        if let badLine, badLine - 1 < lines.count {
            var cols = lines[badLine - 1].split(separator: "\t", omittingEmptySubsequences: false)
            cols[1] = "12x4"
            lines[badLine - 1] = cols.joined(separator: "\t")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Seen: Equatable {
        var line: Int, record: Int, rid: Int32, pos: Int64, text: String
    }

    /// Every record as the reader gives it (formatted with the reader's header), then the error if any.
    static func read(_ path: String, prefetch: Bool) throws -> (seen: [Seen], error: InputError?, contigs: [String], tags: [String]) {
        let reader = try VCFReader(path: path)
        reader.prefetch = prefetch
        let record = VCFRecord()
        var seen: [Seen] = []
        var text = kstring_t()
        defer { csl_kstring_free(&text) }
        do {
            while try reader.read(into: record) {
                text.l = 0
                _ = vcf_format(reader.header.pointer, record.pointer, &text)
                let line = text.s.map { String(cString: $0) } ?? ""
                seen.append(Seen(line: reader.lineNumber, record: reader.recordNumber, rid: record.rid,
                                 pos: record.position, text: line))
            }
        } catch {
            return (seen, error, reader.undeclaredContigs, reader.undeclaredTags)
        }
        return (seen, nil, reader.undeclaredContigs, reader.undeclaredTags)
    }

    @Test(arguments: [
        // (records, first chr2 record, first record with the undeclared tag, malformed line): clean;
        // undeclared names mid-file, apart or on the same record; an error before them (seen by the
        // background thread); an error after them (the reader on its own again).
        (3_000, 3_000, 3_000, nil), (3_000, 1_700, 850, nil), (3_000, 1_700, 1_700, nil),
        (3_000, 2_500, 2_500, 1_203), (3_000, 900, 900, 2_600), (10, 10, 10, 12),
    ] as [(Int, Int, Int, Int?)])
    func sameAsReadingWithoutPrefetch(records: Int, chr2From: Int, tagFrom: Int, badLine: Int?) throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.vcf").path
        try Self.vcf(records: records, chr2From: chr2From, tagFrom: tagFrom, badLine: badLine).write(toFile: path, atomically: true, encoding: .utf8)

        let plain = try Self.read(path, prefetch: false)
        let prefetched = try Self.read(path, prefetch: true)
        #expect(prefetched.seen.count == plain.seen.count)
        #expect(prefetched.seen == plain.seen)
        #expect(prefetched.error == plain.error)
        #expect(prefetched.contigs == plain.contigs)
        #expect(prefetched.tags == plain.tags)
        // The cases are built so that the comparison means something.
        if let badLine {
            #expect(plain.error?.location == .line(badLine))
            #expect(plain.error?.field == "POS")
        } else {
            #expect(plain.error == nil)
            #expect(plain.seen.count == records)
        }
        // htslib 1.16 does not flag an undeclared contig when the record also has an undeclared tag; the
        // reader must still learn it.
        let readUpTo = min(records, (badLine ?? .max) - 8)
        #expect(plain.contigs == (chr2From < readUpTo ? ["chr2"] : []))
        #expect(plain.tags == (tagFrom < readUpTo ? ["NEW"] : []))
    }
}
