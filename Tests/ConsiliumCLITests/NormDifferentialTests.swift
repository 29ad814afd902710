import Foundation
import Testing
import TestSupport

/// `consilium norm` must give the same records as `bcftools norm -m -any -f REF` (issue 2, "Differential"):
/// CHROM, POS, REF, ALT, INFO and FORMAT values, record for record, on real inputs.
///
/// bcftools here is Debian 12's 1.16. Where 1.16 and the newer bcftools (1.20+) that produced the
/// conformance files differ, Consilium follows the newer one; `knownDifferences` lists what is
/// reconciled and why, and every other difference fails the test.
@Suite(.serialized) struct NormDifferentialTests {
    static let brca1Reference = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let brca1Plain = "reference/grch38-brca1-region/GRCh38_chr17_42425000-43600000.fa"

    /// The region the padded reference really covers (elsewhere it is N).
    static let coveredRegions = "17:7660000-7700000,17:42425000-43600000"

    /// Record lines of a VCF (no header), as text.
    static func records(_ vcf: String) throws -> [String] {
        try String(contentsOfFile: vcf, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    static func runBoth(input: String, reference: String?, dir: URL, extra: [String] = [],
                        bcftoolsInput: String? = nil) throws -> (ours: [String], theirs: [String], stderr: String) {
        let ours = dir.appendingPathComponent("consilium.vcf").path
        let theirs = dir.appendingPathComponent("bcftools.vcf").path
        var a = ["norm", input, "-O", "v", "-o", ours] + extra
        var b = ["norm", "-m", "-any", "-O", "v", "-o", theirs]
        if let reference { a += ["-f", reference]; b += ["-f", reference] }
        b.append(bcftoolsInput ?? input)
        let r1 = try Command.consilium(a)
        #expect(r1.status == 0, "consilium failed: \(r1.stderr)")
        let r2 = try Command.peer("bcftools", b)
        #expect(r2.status == 0, "bcftools failed: \(r2.stderr)")
        return (try records(ours), try records(theirs), r1.stderr)
    }

    /// Compares line by line and reports the first differences readably.
    static func expectSame(_ ours: [String], _ theirs: [String], _ label: String) {
        #expect(ours.count == theirs.count, "\(label): \(ours.count) records from consilium, \(theirs.count) from bcftools")
        var shown = 0
        for (i, (a, b)) in zip(ours, theirs).enumerated() where a != b {
            shown += 1
            Issue.record("\(label) record \(i + 1) differs:\n  consilium: \(a)\n  bcftools:  \(b)")
            if shown >= 5 { break }
        }
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func generatedIndelsInRealBRCA1Repeats() throws {
        guard try SharedData.require() else { return }
        let plain = try String(contentsOfFile: SharedData.path(Self.brca1Plain), encoding: .utf8)
        let seq = Array(plain.split(separator: "\n").filter { !$0.hasPrefix(">") }.joined().utf8).map { $0 & 0xDF }
        #expect(seq.count == 1_175_001)
        var gen = RepeatIndelGenerator(sequence: seq, offset: 42_424_999, contig: "chr17")
        let lines = gen.records(count: 3000)
        #expect(lines.count >= 2500, "generator made only \(lines.count) records")
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("brca1-repeats.vcf").path
        try (RepeatIndelGenerator.header(contig: "chr17", length: 83_257_441) + lines.joined(separator: "\n") + "\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        let (ours, theirs, _) = try Self.runBoth(input: input, reference: SharedData.path(Self.brca1Reference), dir: dir)
        // The generated records are multiallelic and shifted: normalization must have changed many.
        let inputRecords = try Self.records(input)
        #expect(ours.count > inputRecords.count, "splitting should add records")
        #expect(Set(ours).subtracting(inputRecords).count > 1000, "most records should have been re-written")
        Self.expectSame(ours, theirs, "BRCA1 repeats")
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["pcgr_T001-BRCA.grch38.vcf.gz", "pcgr_T001-COAD.grch38.vcf.gz"])
    func realTumorCallsWhereTheReferenceIsKnown(_ file: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = SharedData.path("somatic/\(file)")
        // The VCF names the contig 17, the reference chr17: Consilium resolves the alias itself; bcftools needs
        // the input renamed, which we do with bcftools, then compare with the contig name mapped back.
        let renames = dir.appendingPathComponent("chr.txt").path
        try "17 chr17\n".write(toFile: renames, atomically: true, encoding: .utf8)
        let sliced = dir.appendingPathComponent("slice.vcf").path
        try Command.peer("bcftools", ["view", "-r", Self.coveredRegions, "-O", "v", "-o", sliced, source])
        let renamed = dir.appendingPathComponent("slice.chr.vcf").path
        try Command.peer("bcftools", ["annotate", "--rename-chrs", renames, "-O", "v", "-o", renamed, sliced])
        let (ours, theirs, _) = try Self.runBoth(input: source, reference: SharedData.path(Self.brca1Reference), dir: dir,
                                                 extra: ["-r", Self.coveredRegions],
                                                 bcftoolsInput: renamed)
        #expect(!ours.isEmpty, "no record of \(file) lies in the covered regions")
        Self.expectSame(ours.map { $0.hasPrefix("17\t") ? "chr" + $0 : $0 }, theirs, file)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["pcgr_T001-BRCA.grch38.vcf.gz", "pcgr_T001-COAD.grch38.vcf.gz"])
    func realTumorCallsSplitWithoutReference(_ file: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ours, theirs, _) = try Self.runBoth(input: SharedData.path("somatic/\(file)"), reference: nil, dir: dir)
        #expect(ours.count > 100)
        Self.expectSame(ours, theirs, file)
    }
}
