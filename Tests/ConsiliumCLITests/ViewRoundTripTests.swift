import Foundation
import Testing
import TestSupport

/// Reading and writing through htslib loses nothing (issue 2, item 2): for every real input and every
/// output encoding, the records `bcftools view` reads back from our output equal those it reads from the
/// input; regions come from the tabix/CSI index like `bcftools view -r`.
@Suite struct ViewRoundTripTests {
    static let inputs = [
        "somatic/pcgr_T001-BRCA.grch38.vcf.gz",
        "somatic/pcgr_T001-COAD.grch38.vcf.gz",
        "clinvar/clinvar_20211025_GRCh38_vep-testset.vcf.gz",
        "gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz",
        "germline/1000G_HG00096_chr21_GRCh38_from-vep-test.vcf",
    ]

    static func body(_ path: String, _ extra: [String] = []) throws -> String {
        let r = try Command.peer("bcftools", ["view", "-H"] + extra + [path])
        #expect(r.status == 0, "bcftools could not read \(path): \(r.stderr)")
        return r.stdoutText
    }

    /// The 1000 Genomes file uses FORMAT/GT without declaring it; htslib (like bcftools) then assumes
    /// Type=String, which text output can carry but a BCF dictionary written up front cannot.
    static let undeclaredTagInput = "germline/1000G_HG00096_chr21_GRCh38_from-vep-test.vcf"

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: inputs, ["v", "z", "b", "u"])
    func everyFormatRoundTrips(_ input: String, _ format: String) throws {
        guard try SharedData.require() else { return }
        if input == Self.undeclaredTagInput && (format == "b" || format == "u") { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let r = try Command.consilium(["view", SharedData.path(input), "-O", format, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try Self.body(SharedData.path(input))
        #expect(!expected.isEmpty)
        #expect(try Self.body(out) == expected)
        // The header keeps the input's lines and says who wrote it.
        let header = try Command.peer("bcftools", ["view", "-h", out]).stdoutText
        #expect(header.contains("##consilium_version="))
        #expect(header.contains("##consilium_command="))
        let inputHeader = try Command.peer("bcftools", ["view", "-h", SharedData.path(input)]).stdoutText
        for line in inputHeader.split(separator: "\n") where line.hasPrefix("##INFO") || line.hasPrefix("##FORMAT") {
            #expect(header.contains(line), "lost header line \(line)")
        }
    }

    /// bcftools 1.16 fails here too ("Unchecked error"); Consilium says which line and leaves no file.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func undeclaredTagCannotGoToBCF() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.bcf").path
        let r = try Command.consilium(["view", SharedData.path(Self.undeclaredTagInput), "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("line 8"))
        #expect(r.stderr.contains("not declared"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func regionsMatchBcftools() throws {
        guard try SharedData.require() else { return }
        let input = SharedData.path("somatic/pcgr_T001-COAD.grch38.vcf.gz")
        let regions = "17:7000000-8000000,1:1-20000000,17:7600000-7700000"
        let ours = try Command.consilium(["view", input, "-r", regions])
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try Self.body(input, ["-r", regions])
        let mine = ours.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") + "\n"
        #expect(theirs.count > 10)
        #expect(mine == theirs)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func regionsFromBEDMatchBcftools() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bed = dir.appendingPathComponent("r.bed").path
        try "# TP53 and part of chr1\n17\t7660000\t7700000\n1\t0\t30000000\n".write(toFile: bed, atomically: true, encoding: .utf8)
        let input = SharedData.path("somatic/pcgr_T001-COAD.grch38.vcf.gz")
        let ours = try Command.consilium(["view", input, "-R", bed, "-O", "v"])
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try Self.body(input, ["-R", bed])
        let mine = ours.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") + "\n"
        #expect(mine == theirs)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["z", "b"])
    func writeIndexMakesAQueryableFile(_ format: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent(format == "b" ? "out.bcf" : "out.vcf.gz").path
        let r = try Command.consilium(["view", SharedData.path("somatic/pcgr_T001-COAD.grch38.vcf.gz"),
                                       "-O", format, "-o", out, "--write-index", "--threads", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + ".csi"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains("partial") }, "temporary files left: \(names)")
        let regional = try Self.body(out, ["-r", "17"])
        #expect(regional == (try Self.body(SharedData.path("somatic/pcgr_T001-COAD.grch38.vcf.gz"), ["-r", "17"])))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func readsStandardInput() throws {
        guard try SharedData.require() else { return }
        let input = SharedData.path("germline/1000G_HG00096_chr21_GRCh38_from-vep-test.vcf")
        let data = try Data(contentsOf: URL(fileURLWithPath: input))
        let r = try Command.consilium(["view", "-"], input: data)
        #expect(r.status == 0, "\(r.stderr)")
        let mine = r.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") + "\n"
        #expect(mine == (try Self.body(input)))
    }
}
