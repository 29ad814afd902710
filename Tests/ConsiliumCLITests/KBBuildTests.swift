import Foundation
import Testing
import TestSupport

/// `consilium kb build` / `kb info` / refusals: determinism, damaged files, mixed builds, source errors.
@Suite struct KBBuildTests {
    static let clinvar = "clinvar/clinvar_20211025_GRCh38_vep-testset.vcf.gz"
    static let exomes = "gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz"
    static let v2 = "gnomad/annonars_gnomad-nuclear_example-exomes-grch37_v2.1_gnomad-exomes.vcf.bgz"

    static func build(_ dir: URL, _ name: String) throws -> String {
        let kb = dir.appendingPathComponent(name).path
        let r = try Command.consilium(["kb", "build", "-q", "-o", kb, "--clinvar", SharedData.path(clinvar),
                                       "--frequencies", "gnomad_exomes=\(SharedData.path(exomes))"])
        #expect(r.status == 0, "\(r.stderr)")
        return kb
    }

    static func manifest(_ kb: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: kb).appendingPathComponent("manifest.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The same inputs give byte-identical index files; the manifests differ only in the build time.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func twoBuildsGiveIdenticalIndexes() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let a = try Self.build(dir, "a"), b = try Self.build(dir, "b")
        let files = try FileManager.default.contentsOfDirectory(atPath: a).filter { $0.hasSuffix(".idx") }.sorted()
        #expect(files == ["clinvar.idx", "freq.gnomad_exomes.idx"])
        for f in files {
            #expect(FileManager.default.contentsEqual(atPath: "\(a)/\(f)", andPath: "\(b)/\(f)"), "\(f)")
        }
        var ma = try Self.manifest(a), mb = try Self.manifest(b)
        ma["buildTime"] = nil; mb["buildTime"] = nil
        #expect(NSDictionary(dictionary: ma).isEqual(to: mb))
        // The manifest records the source release, its checksum and the counts.
        let sources = ma["sources"] as? [[String: Any]] ?? []
        #expect(sources.first?["version"] as? String == "2021-10-25")
        let sum = try Command.peer("sha256sum", [SharedData.path(Self.clinvar)]).stdoutText.prefix(64)
        #expect(sources.first?["sha256"] as? String == String(sum))
        #expect((sources.first?["counts"] as? [String: Any])?["indexed"] as? Int == 50)
        #expect(ma["genomeBuild"] as? String == "GRCh38")
        let info = try Command.consilium(["kb", "info", a])
        #expect(info.status == 0)
        #expect(info.stdoutText.contains("2021-10-25") && info.stdoutText.contains("GRCh38") && info.stdoutText.contains("gnomad_exomes"))
    }

    /// A flipped byte or a truncated index is refused with a clear message (exit 1, no crash).
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["flip", "truncate", "manifest"])
    func damagedKnowledgeBaseIsRefused(damage: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = try Self.build(dir, "kb")
        let target = damage == "manifest" ? "\(kb)/manifest.json" : "\(kb)/clinvar.idx"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        switch damage {
        case "flip": bytes[bytes.count / 3] ^= 0x01
        case "truncate": bytes = bytes.prefix(bytes.count - 100)
        default: bytes = bytes.prefix(bytes.count / 2)
        }
        try bytes.write(to: URL(fileURLWithPath: target))
        for args in [["kb", "info", kb], ["annotate", SharedData.path(Self.clinvar), "-k", kb, "-o", dir.appendingPathComponent("o.vcf").path]] {
            let r = try Command.consilium(args)
            #expect(r.status == 1, "\(args[0]): \(r.stderr)")
            #expect(!r.crashed)
            #expect(r.stderr.contains("damaged"))
            #expect(r.stderr.contains(damage == "manifest" ? "manifest.json" : "clinvar.idx"))
            #expect(r.stderr.contains("consilium kb build"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.vcf").path))
    }

    /// Sources of different genome builds are refused, naming both.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func mixedBuildsAreRefused() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = dir.appendingPathComponent("kb").path
        let r = try Command.consilium(["kb", "build", "-o", kb, "--frequencies", "v4=\(SharedData.path(Self.exomes))",
                                       "--frequencies", "v2=\(SharedData.path(Self.v2))"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("GRCh37") && r.stderr.contains("GRCh38"))
        #expect(r.stderr.contains("grch37_v2.1") && r.stderr.contains("v4.0_gnomad-exomes"))
        #expect(!FileManager.default.fileExists(atPath: kb))
        // Nothing half-made is left next to it either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// A query of another build than the knowledge base is refused, naming both.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func queryOfAnotherBuildIsRefused() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = try Self.build(dir, "kb")
        let r = try Command.consilium(["annotate", SharedData.path(Self.v2), "-k", kb])
        #expect(r.status == 1)
        #expect(r.stderr.contains("GRCh37") && r.stderr.contains("GRCh38") && r.stderr.contains(kb))
    }

    /// A source with a format error: file and line named.
    @Test func sourceFormatErrorNamesFileAndLine() throws {
        let dir = try Command.temporaryDirectory()
        let src = dir.appendingPathComponent("bad.vcf").path
        let text = """
        ##fileformat=VCFv4.2
        ##contig=<ID=1>
        ##INFO=<ID=AF,Number=A,Type=Float,Description="f">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        1\t100\t.\tA\tG\t.\t.\tAF=0.1
        1\tabc\t.\tA\tG\t.\t.\tAF=0.2

        """
        try text.write(toFile: src, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["kb", "build", "-o", dir.appendingPathComponent("kb").path, "--frequencies", "pop=\(src)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.vcf:line 6"))
        #expect(!r.stderr.contains("0.2"))  // record contents never appear in messages
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("kb").path))
    }

    /// A query contig the knowledge base lacks: one warning for the contig, records pass through.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func missingContigWarnsOnce() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = try Self.build(dir, "kb")
        let q = dir.appendingPathComponent("q.vcf").path
        let text = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chrUn_test>
        ##contig=<ID=chr1>
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chrUn_test\t10\t.\tA\tG\t.\t.\t.
        chrUn_test\t20\t.\tA\tG\t.\t.\t.
        chr1\t925952\t.\tG\tA\t.\t.\t.

        """
        try text.write(toFile: q, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["annotate", q, "-k", kb])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "chrUn_test").count - 1 == 1)
        let records = r.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(records.count == 3)
        #expect(records[2].contains("CLINVAR_ID=1019397"))  // chr1 query, ClinVar's 1: aliases match
    }
}

/// CIViC exports, the gene table and curations are stored as canonical JSON, listed with their checksums.
@Suite struct KBDocumentTests {
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func documentsAreStoredDeterministically() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        var folders: [String] = []
        for name in ["a", "b"] {
            let kb = dir.appendingPathComponent(name).path
            let r = try Command.consilium(["kb", "build", "-q", "-o", kb, "--civic", SharedData.path("civic"),
                                           "--genes", SharedData.fixture("genes.tsv"), "--curations", SharedData.fixture("curations.tsv")])
            #expect(r.status == 0, "\(r.stderr)")
            folders.append(kb)
        }
        let files = ["civic.civic.json", "genes.genes.json", "curations.curations.json"]
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folders[0])/manifest.json"))) as? [String: Any] ?? [:]
        let sums = manifest["files"] as? [String: String] ?? [:]
        for f in files {
            #expect(FileManager.default.contentsEqual(atPath: "\(folders[0])/\(f)", andPath: "\(folders[1])/\(f)"), "\(f)")
            let sum = try Command.peer("sha256sum", ["\(folders[0])/\(f)"]).stdoutText.prefix(64)
            #expect(sums[f] == String(sum))
        }
        let kinds = (manifest["sources"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["civic", "genes", "curations"])
        let geneSum = try Command.peer("sha256sum", [SharedData.fixture("genes.tsv")]).stdoutText.prefix(64)
        #expect((manifest["sources"] as? [[String: Any]])?[1]["sha256"] as? String == String(geneSum))
        // A changed document is detected when the knowledge base is opened.
        try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(folders[0])/genes.genes.json"))
        let info = try Command.consilium(["kb", "info", folders[0]])
        #expect(info.status == 1 && info.stderr.contains("genes.genes.json") && info.stderr.contains("damaged"))
    }
}
