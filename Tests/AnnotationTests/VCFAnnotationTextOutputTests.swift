import CHTSlib
import Foundation
import Testing
import HTS
import Knowledge
import TestSupport
@testable import Annotation

/// For bgzipped VCF output, `annotate` writes a record that normalization left unchanged as its text as read
/// (`VCFReader.text(of:)`: the line itself when it is already what htslib writes, else htslib's `vcf_format` of
/// it, made on the parse thread) with the knowledge-base fields spliced into INFO. Rule: the output is byte for
/// byte what htslib writes when it formats every annotated record itself (the same run without the parse
/// thread, where no text is kept), whatever state the records are in: unchanged, split, trimmed, left-aligned,
/// with samples, with missing or shortened fields, with INFO or QUAL written in forms htslib rewrites.
@Suite struct VCFAnnotationTextOutputTests {
    /// A 30 kb contig of random bases with tandem repeats, for left-alignment and the generator.
    static func reference() -> [UInt8] {
        var rng = SplitMix64(seed: 11)
        var seq: [UInt8] = []
        let bases = Array("ACGT".utf8)
        while seq.count < 30_000 {
            if rng.next() % 5 == 0 {
                let unit = (0..<Int(1 + rng.next() % 4)).map { _ in bases[Int(rng.next() % 4)] }
                for _ in 0..<Int(3 + rng.next() % 6) { seq += unit }
            } else {
                seq.append(bases[Int(rng.next() % 4)])
            }
        }
        return seq
    }

    /// Lines in forms htslib writes back unchanged and in forms it rewrites, at positions after the generated
    /// records (REF from the reference).
    static func handWritten(_ seq: [UInt8]) -> [String] {
        func ref(_ pos: Int) -> String { String(UnicodeScalar(seq[pos - 1])) }
        let forms: [(String, String, String, String, String, String)] = [
            // ID, QUAL, FILTER, INFO, FORMAT, samples
            (".", "50", "PASS", "DP=10", "GT:AD:DP:PL", "0/1:3,4:7:0,10,100\t1|1:0,9:9:100,10,0"),
            ("rs7", "50.0", "PASS", "DP=10;AF=0.50", "GT:AD:DP:PL", "0/1:3,4:7:0,10,100\t1|1:0,9:9:100,10,0"),
            (".", ".", ".", ".", "GT:AD:DP:PL", "./.:.:.:.\t.:.:.:."),
            (".", "7", "PASS", "DP=010;NOTE=free_text,with_comma;FL", "GT:AD:DP:PL", "0/1\t1/1:0,9"),
            ("rs1;rs2", "1000000", "PASS", "DP=0;AC=1;XR=-5,3", "GT:AD:DP:PL", "0|1:0,0:0:0,0,0\t1:.:.:."),
            (".", "0", "PASS", "FL;DP=3", "GT:DP", "0/1:12\t./.:."),
            (".", "12.5", "PASS", "AF=1e-05;DP=4", "GT", "0/1\t0/0"),
            (".", "99", "PASS", "DP=5", "DP:GT", "5:0/1\t6:1/1"),
        ]
        var lines: [String] = []
        var pos = 29_000
        for (id, qual, filter, info, format, samples) in forms {
            for alt in ["A", "C", "G", "T"] where alt != ref(pos) {
                lines.append("chr1\t\(pos)\t\(id)\t\(ref(pos))\t\(alt)\t\(qual)\t\(filter)\t\(info)\t\(format)\t\(samples)")
                pos += 37
            }
        }
        return lines
    }

    static func annotate(_ dir: URL, _ kb: KnowledgeBase, query: String, reference: String?, prefetch: Bool,
                         name: String) throws -> (bytes: Data, asText: Int, records: Int) {
        let reader = try VCFReader(path: query)
        reader.prefetch = prefetch
        let fasta = try reference.map { p throws(InputError) in try FastaReference(path: p) }
        let pipeline = try AnnotationPipeline(reader: reader, reference: fasta, kb: kb)
        let out = dir.appendingPathComponent("\(name).vcf.gz").path
        let sink = try VCFAnnotationWriter(path: out, format: .vcfGz, header: pipeline.normalizer.outputHeader, kb: kb,
                                           pool: nil, writeIndex: false)
        let stats = try pipeline.run(into: sink)
        let text = try Command.peer("bgzip", ["-dc", out])
        #expect(text.status == 0)
        return (text.stdout, sink.recordsWrittenAsText, stats.recordsOut)
    }

    @Test(arguments: [false, true])
    func textOutputIsWhatHtslibWrites(leftAlign: Bool) throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seq = Self.reference()
        let fasta = dir.appendingPathComponent("ref.fa").path
        try (">chr1\n" + String(decoding: seq, as: UTF8.self) + "\n").write(toFile: fasta, atomically: true, encoding: .utf8)
        var generator = RepeatIndelGenerator(sequence: seq, offset: 0, contig: "chr1")
        let generated = generator.records(count: 400).filter {
            // Keep the generated records before the hand-written ones (the generator sorts them).
            (Int($0.split(separator: "\t")[1]) ?? 0) < 28_000
        }
        let header = RepeatIndelGenerator.header(contig: "chr1", length: seq.count)
            .replacingOccurrences(of: "##FORMAT=<ID=GT", with: """
            ##INFO=<ID=NOTE,Number=1,Type=String,Description="Free text">
            ##INFO=<ID=FL,Number=0,Type=Flag,Description="A flag">
            ##FORMAT=<ID=GT
            """)
        let records = generated + Self.handWritten(seq)
        let query = dir.appendingPathComponent("query.vcf").path
        try (header + records.joined(separator: "\n") + "\n").write(toFile: query, atomically: true, encoding: .utf8)

        // Sources holding every other generated site (ClinVar) and every third (frequencies, with AF missing
        // for some alleles), and the hand-written sites, so hits and misses mix in every record form.
        var clinvar = """
        ##fileformat=VCFv4.1
        ##contig=<ID=chr1,length=\(seq.count)>
        ##INFO=<ID=CLNSIG,Number=.,Type=String,Description="sig">
        ##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="revstat">
        ##INFO=<ID=CLNDN,Number=.,Type=String,Description="disease">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO

        """
        var freq = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1,length=\(seq.count)>
        ##INFO=<ID=AC,Number=A,Type=Integer,Description="count">
        ##INFO=<ID=AN,Number=1,Type=Integer,Description="number">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="frequency">
        ##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="homozygotes">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO

        """
        for (i, line) in records.enumerated() {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let alts = c[4].split(separator: ",").count
            if i % 2 == 0 {
                clinvar += "chr1\t\(c[1])\t\(1000 + i)\t\(c[3])\t\(c[4])\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_single_submitter;CLNDN=Disease_\(i)\n"
            }
            if i % 3 == 0 {
                let af = (0..<alts).map { $0 == 1 ? "." : "0.000\(i % 7 + 1)2" }.joined(separator: ",")
                let ac = (0..<alts).map { "\($0 + i)" }.joined(separator: ",")
                freq += "chr1\t\(c[1])\t.\t\(c[3])\t\(c[4])\t.\tPASS\tAC=\(ac);AN=\(2000 + i);AF=\(af);nhomalt=\(Array(repeating: "0", count: alts).joined(separator: ","))\n"
            }
        }
        try clinvar.write(to: dir.appendingPathComponent("clinvar.vcf"), atomically: true, encoding: .utf8)
        try freq.write(to: dir.appendingPathComponent("freq.vcf"), atomically: true, encoding: .utf8)
        var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
        builder.reference = fasta
        builder.clinvar = dir.appendingPathComponent("clinvar.vcf").path
        builder.frequencies = [.init(label: "pop", path: dir.appendingPathComponent("freq.vcf").path)]
        _ = try builder.build()
        let kb = try KnowledgeBase(path: dir.appendingPathComponent("kb").path)

        let reference = leftAlign ? fasta : nil
        let htslib = try Self.annotate(dir, kb, query: query, reference: reference, prefetch: false, name: "htslib")
        let spliced = try Self.annotate(dir, kb, query: query, reference: reference, prefetch: true, name: "spliced")
        #expect(htslib.asText == 0)
        #expect(spliced.records == htslib.records)
        let a = String(decoding: htslib.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: spliced.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("differs:\n  htslib  \(x)\n  spliced \(y)")
            break
        }
        #expect(htslib.bytes == spliced.bytes)
        // The comparison covers both kinds of records: most went out as text, the split and normalized ones
        // through htslib; and the records carry annotations.
        // (Left-alignment changes every generated record, so then only the hand-written ones, which come out
        // after the end of input, at the end of the sort window, go out as text.)
        #expect(spliced.asText >= Self.handWritten(seq).count)
        #expect(spliced.asText > (leftAlign ? 0 : records.count / 3))
        #expect(spliced.asText < spliced.records)
        #expect(a.filter { $0.contains("CLINVAR_SIG=Pathogenic") }.count > (leftAlign ? 100 : 10))
        #expect(a.filter { $0.contains("pop_AF=") }.count > (leftAlign ? 50 : 10))
        #expect(a.filter { $0.hasPrefix("chr1\t29") && $0.contains("CLINVAR_ID=") }.count > 5)
    }
}
