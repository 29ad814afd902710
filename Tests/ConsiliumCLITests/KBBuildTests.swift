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

/// Gene models in the bundle (`--transcripts`, issue 4): listed with their counts, deterministic, refused when damaged.
extension KBBuildTests {
    static let geneModels = [
        "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3",  // contig 17
        "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3",  // contig 16
        "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3",  // contig chr17
    ]

    static func buildGeneModels(_ dir: URL, _ name: String, extra: [String] = []) throws -> String {
        let kb = dir.appendingPathComponent(name).path
        var args = ["kb", "build", "-q", "-o", kb]
        for g in geneModels { args += ["--transcripts", SharedData.path(g)] }
        let r = try Command.consilium(args + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return kb
    }

    /// Transcripts (features that own exons) and their genes, counted straight from the GFF3 text.
    static func countTranscriptsAndGenes(_ path: String) throws -> (transcripts: Int, genes: Int) {
        var parentOf: [String: String] = [:]
        var transcripts = Set<String>()
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9 else { continue }
            var attrs: [Substring: Substring] = [:]
            for kv in f[8].split(separator: ";") {
                if let eq = kv.firstIndex(of: "=") { attrs[kv[..<eq]] = kv[kv.index(after: eq)...] }
            }
            if f[2] == "exon", let p = attrs["Parent"] { p.split(separator: ",").forEach { transcripts.insert(String($0)) } }
            if let id = attrs["ID"], let p = attrs["Parent"] { parentOf[String(id)] = String(p) }
        }
        return (transcripts.count, Set(transcripts.compactMap { parentOf[$0] }).count)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func geneModelsAreStoredListedAndDeterministic() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let a = try Self.buildGeneModels(dir, "a"), b = try Self.buildGeneModels(dir, "b")
        let files = try FileManager.default.contentsOfDirectory(atPath: a).filter { $0.hasSuffix(".bin") }.sorted()
        #expect(files == ["genemodel.BRCA1.bin", "genemodel.PALB2.bin", "genemodel.TP53_WRAP53.bin"])
        for f in files {
            #expect(FileManager.default.contentsEqual(atPath: "\(a)/\(f)", andPath: "\(b)/\(f)"), "\(f)")
        }
        var ma = try Self.manifest(a), mb = try Self.manifest(b)
        ma["buildTime"] = nil; mb["buildTime"] = nil
        #expect(NSDictionary(dictionary: ma).isEqual(to: mb))

        let sources = ma["sources"] as? [[String: Any]] ?? []
        #expect(sources.map { $0["label"] as? String } == ["TP53_WRAP53", "PALB2", "BRCA1"])
        let checksums = ma["checksums"] as? [String: String] ?? [:]
        let sums = ma["files"] as? [String: String] ?? [:]
        for (g, s) in zip(Self.geneModels, sources) {
            #expect(s["kind"] as? String == "genemodel" && s["format"] as? String == "GFF3")
            #expect(s["file"] as? String == (g as NSString).lastPathComponent)
            let sha = try Command.peer("sha256sum", [SharedData.path(g)]).stdoutText.prefix(64)
            #expect(s["sha256"] as? String == String(sha))
            let expected = try Self.countTranscriptsAndGenes(SharedData.path(g))
            let counts = s["counts"] as? [String: Any] ?? [:]
            #expect(counts["transcripts"] as? Int == expected.transcripts, "\(g)")
            #expect(counts["genes"] as? Int == expected.genes, "\(g)")
            let index = s["index"] as? String ?? ""
            #expect(checksums[index]?.hasPrefix("fx64:") == true)
            let binSHA = try Command.peer("sha256sum", ["\(a)/\(index)"]).stdoutText.prefix(64)
            #expect(sums[index] == String(binSHA))
        }
        let info = try Command.consilium(["kb", "info", a])
        #expect(info.status == 0, "\(info.stderr)")
        for label in ["TP53_WRAP53 [genemodel]", "PALB2 [genemodel]", "BRCA1 [genemodel]", "BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3"] {
            #expect(info.stdoutText.contains(label), "\(label)")
        }
        let brca1 = try Self.countTranscriptsAndGenes(SharedData.path(Self.geneModels[2]))
        #expect(info.stdoutText.contains("\(brca1.genes) genes, \(brca1.transcripts) transcripts"))
    }

    /// A damaged gene-model file is refused by `kb info` and `annotate` (exit 1, the file named, nothing written);
    /// a file whose checksums were updated to match damaged content is refused by the decoder.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: ["flip", "truncate", "rechecksummed"])
    func damagedGeneModelIsRefused(damage: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kb = try Self.buildGeneModels(dir, "kb")
        let target = "\(kb)/genemodel.TP53_WRAP53.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x10
        default: bytes = bytes.prefix(bytes.count - 9)
        }
        try bytes.write(to: URL(fileURLWithPath: target))
        if damage == "rechecksummed" {
            // As if the file had been replaced together with its manifest entry: only the decoder can tell.
            let manifestURL = URL(fileURLWithPath: kb).appendingPathComponent("manifest.json")
            var m = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any] ?? [:]
            var files = m["files"] as? [String: String] ?? [:]
            files["genemodel.TP53_WRAP53.bin"] = String(try Command.peer("sha256sum", [target]).stdoutText.prefix(64))
            m["files"] = files
            var checksums = m["checksums"] as? [String: String] ?? [:]
            checksums["genemodel.TP53_WRAP53.bin"] = nil
            m["checksums"] = checksums
            try JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]).write(to: manifestURL)
        } else {
            let info = try Command.consilium(["kb", "info", kb])
            #expect(info.status == 1 && !info.crashed)
            #expect(info.stderr.contains("genemodel.TP53_WRAP53.bin") && info.stderr.contains("damaged"), "\(info.stderr)")
        }
        let vcf = dir.appendingPathComponent("in.vcf").path
        try "##fileformat=VCFv4.2\n##contig=<ID=chr17,length=83257441>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr17\t7675088\t.\tC\tT\t.\t.\t.\n"
            .write(toFile: vcf, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.vcf").path
        let r = try Command.consilium(["annotate", vcf, "-k", kb, "-f", SharedData.path("reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"), "-o", out])
        #expect(r.status == 1 && !r.crashed, "\(r.stderr)")
        #expect(r.stderr.contains("genemodel.TP53_WRAP53.bin") && r.stderr.contains("damaged"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func transcriptsLabelsAndBadModels() throws {
        let dir = try Command.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.gff3").path
        try "##gff-version 3\nchr1\t.\tgene\t1\t100\t.\t+\t.\tID=g1\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["kb", "build", "-o", dir.appendingPathComponent("kb").path, "--transcripts", empty])
        #expect(r.status == 1 && r.stderr.contains("empty.gff3") && r.stderr.contains("no transcript"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("kb").path))
        let bad = dir.appendingPathComponent("bad.gff3").path
        try "##gff-version 3\nchr1\t.\tmRNA\t1\t100\t.\t+\t.\tID=t1\nchr1\t.\texon\tten\t20\t.\t+\t.\tParent=t1\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let b = try Command.consilium(["kb", "build", "-o", dir.appendingPathComponent("kb").path, "--transcripts", "mine=\(bad)"])
        #expect(b.status == 1 && b.stderr.contains("bad.gff3:") && b.stderr.contains("start/end"), "\(b.stderr)")
        let good = dir.appendingPathComponent("good.gff3").path
        try "##gff-version 3\nchr1\t.\tmRNA\t1\t100\t.\t+\t.\tID=t1\nchr1\t.\texon\t10\t20\t.\t+\t.\tParent=t1\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let kb = dir.appendingPathComponent("kb2").path
        let g = try Command.consilium(["kb", "build", "-q", "-o", kb, "--transcripts", "mine=\(good)", "--transcripts", good, "--transcripts", good])
        #expect(g.status == 0, "\(g.stderr)")
        let labels = (try Self.manifest(kb)["sources"] as? [[String: Any]] ?? []).map { $0["label"] as? String ?? "" }
        #expect(labels == ["mine", "good", "good_2"])
    }
}
