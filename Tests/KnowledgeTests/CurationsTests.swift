import Foundation
import HTS
import Testing
import TestSupport
import Variants
@testable import Knowledge

/// `--curations F`: the institution's prior panel classifications (format in docs/knowledge-base.md,
/// "Curations (--curations)"). Criteria use ClinGen SVI strength suffixes (`PM2_Supporting`, `PS3_Very Strong`).
@Suite("Curations")
struct CurationsTests {
    static let fixture = SharedData.fixture("curations.tsv")

    @Test("Fixtures/curations.tsv: GRCh38, six entries, BRCA1 c.188T>A at chr17:43106480 A>T classed P with its criteria")
    func fixture() throws {
        let c = try Curations.load(path: Self.fixture)
        #expect(c.build == .grch38)
        #expect(c.entries.count == 6)
        #expect(c.file == "curations.tsv")
        let brca1 = try #require(c.curations(chrom: "chr17", pos: 43_106_480, ref: "A", alt: "T").first)
        #expect(brca1.gene == "BRCA1")
        #expect(brca1.hgvs == "NM_007294.4:c.188T>A")
        #expect(brca1.classification == .pathogenic)
        #expect(brca1.classification.name == "Pathogenic")
        #expect(brca1.criteria.map(\.description) == ["PVS1", "PS4_Moderate", "PM2_Supporting"])
        #expect(brca1.date == "2024-05-17")
        #expect(brca1.curator == "panel-chair-01")
        #expect(brca1.line == 6)
        let allele = brca1.vcfAllele
        #expect(allele.chrom == "chr17")
        #expect(allele.pos == "43106480")
        #expect(allele.ref == "A")
        #expect(allele.alt == "T")
        // Full class names are accepted; an empty hgvs or note is absent, not "".
        let vus = try #require(c.curations(chrom: "chr17", pos: 43_045_670, ref: "G", alt: "A").first)
        #expect(vus.classification == .uncertainSignificance)
        #expect(vus.hgvs == nil)
        #expect(vus.note == nil)
    }

    @Test("a reclassified variant keeps its history, oldest first (TP53 c.743G>A: LP in 2019, P in 2023)")
    func history() throws {
        let c = try Curations.load(path: Self.fixture)
        let entries = c.curations(chrom: "chr17", pos: 7_674_220, ref: "C", alt: "T")
        #expect(entries.map(\.classification) == [.likelyPathogenic, .pathogenic])
        #expect(entries.map(\.date) == ["2019-03-14", "2023-11-02"])
        // The index the annotators use gives the same history, with the contig in either naming style.
        let index = CurationIndex(c)
        #expect(index.history(chrom: "17", pos: 7_674_220, ref: "C", alt: "T") == entries)
        #expect(index.history(chrom: "chr17", pos: 7_674_220, ref: "C", alt: "T") == entries)
        #expect(index.history(chrom: "chr17", pos: 7_674_220, ref: "C", alt: "G").isEmpty)
    }

    @Test("every fixture allele matches the GRCh38 reference (bcftools norm --check-ref e)",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func referenceCheck() throws {
        guard try SharedData.require() else { return }
        let c = try Curations.load(path: Self.fixture)
        var vcf = "##fileformat=VCFv4.2\n##contig=<ID=chr17,length=83257441>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        for e in c.entries.sorted(by: { $0.pos < $1.pos }) { vcf += "\(e.chrom)\t\(e.pos)\t.\t\(e.ref)\t\(e.alt)\t.\t.\t.\n" }
        let result = try Command.peer("bcftools", ["norm", "--check-ref", "e", "-f",
                                                   SharedData.path("reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"), "-"],
                                      input: Data(vcf.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("mismatch"))
        #expect(result.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 6)
    }

    @Test("class names: abbreviations and full names, any case or separator", arguments: [
        ("P", ACMGClass.pathogenic), ("pathogenic", .pathogenic), ("LP", .likelyPathogenic),
        ("Likely pathogenic", .likelyPathogenic), ("likely_pathogenic", .likelyPathogenic),
        ("VUS", .uncertainSignificance), ("Uncertain significance", .uncertainSignificance),
        ("Variant of uncertain significance", .uncertainSignificance), ("LB", .likelyBenign),
        ("Likely-Benign", .likelyBenign), ("B", .benign), ("Benign", .benign),
    ])
    func classNames(text: String, expected: ACMGClass) {
        #expect(ACMGClass(text: text) == expected)
    }

    @Test("criteria: the 28 codes with strength suffixes; Stand Alone only for BA1; unknown codes refused")
    func criteria() {
        #expect(AppliedCriterion(text: "PS3_Very Strong")?.description == "PS3_Very Strong")
        #expect(AppliedCriterion(text: "PS3_VeryStrong")?.strength == .veryStrong)
        #expect(AppliedCriterion(text: "ps3_very_strong")?.description == "PS3_Very Strong")
        #expect(AppliedCriterion(text: "BA1_Stand Alone")?.strength == .standAlone)
        #expect(AppliedCriterion(text: "BP4_Moderate")?.description == "BP4_Moderate")
        #expect(AppliedCriterion(text: "PM2_Stand Alone") == nil)
        #expect(AppliedCriterion(text: "PM7") == nil)
        #expect(AppliedCriterion(text: "PM2_Weak") == nil)
        #expect(AppliedCriterion.codes.count == 28)
    }

    @Test("two loads give byte-identical canonical JSON, and it decodes back to the same value")
    func determinism() throws {
        let a = try Curations.load(path: Self.fixture)
        let b = try Curations.load(path: Self.fixture)
        #expect(try a.canonicalJSON() == b.canonicalJSON())
        #expect(try JSONDecoder().decode(Curations.self, from: a.canonicalJSON()) == a)
    }

    // MARK: bad input

    static let header = "#build=GRCh38\nchrom\tpos\tref\talt\tgene\thgvs\tclass\tcriteria\tdate\tcurator\tnote\n"
    static func row(_ overrides: [Int: String]) -> String {
        var f = ["chr17", "43106480", "A", "T", "BRCA1", "NM_007294.4:c.188T>A", "P", "PVS1,PM2_Supporting",
                 "2024-05-17", "curator-01", ""]
        for (i, v) in overrides { f[i] = v }
        return f.joined(separator: "\t") + "\n"
    }

    @Test("a bad cell names file, line, column and what the column allows, never the cell's content", arguments: [
        (header + row([6: "Probably bad SECRET"]), 3, "column 7 (class)", "P, LP, VUS, LB, B"),
        (header + row([7: "PVS1,SECRET9"]), 3, "column 8 (criteria)", "strength suffixes"),
        (header + row([7: "PVS1,PVS1_Strong"]), 3, "column 8 (criteria)", "PVS1 twice"),
        (header + row([8: "2023-02-30"]), 3, "column 9 (date)", "YYYY-MM-DD"),
        (header + row([8: "17/05/2024"]), 3, "column 9 (date)", "YYYY-MM-DD"),
        (header + row([1: "0"]), 3, "column 2 (pos)", "1-based position"),
        (header + row([3: "<DEL>"]), 3, "column 4 (alt)", "symbolic alleles"),
        (header + row([3: "A"]), 3, "column 4 (alt)", "different from ref"),
        (header + row([9: ""]), 3, "column 10 (curator)", "pseudonymous"),
        (header + row([:]) + row([6: "SECRET"]), 4, "column 7 (class)", "P, LP, VUS, LB, B"),
    ] as [(String, Int, String, String)])
    func badCell(text: String, line: Int, field: String, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cur-\(UUID().uuidString).tsv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputError.self) { try Curations.load(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .line(line))
        #expect(error?.field == field)
        let description = error.map(String.init(describing:)) ?? ""
        #expect(description.contains(message), "\(description)")
        #expect(!description.contains("SECRET"))
    }

    @Test("oncogenicity columns: Horak 2022 codes, each once, not both applied and rejected; the fixture's TP53 R175H carries OS2")
    func oncogenicityColumns() throws {
        let fixture = CurationIndex(try Curations.load(path: Self.fixture))
        #expect(fixture.history(chrom: "17", pos: 7_675_088, ref: "C", alt: "T").last?.oncogenicity == ["OS2"])
        #expect(fixture.history(chrom: "chr17", pos: 43_106_480, ref: "A", alt: "T").last?.oncogenicity == nil)
        let header = "#build=GRCh38\nchrom\tpos\tref\talt\tgene\tclass\tcriteria\toncogenicity\toncogenicity_not_met\tdate\tcurator\n"
        func row(_ applied: String, _ rejected: String) -> String {
            "chr17\t7675088\tC\tT\tTP53\tP\tPS3\t\(applied)\t\(rejected)\t2025-01-10\tc7\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cur-\(UUID().uuidString).tsv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (header + row("os2, OM1", "OP4")).write(toFile: path, atomically: true, encoding: .utf8)
        let c = try #require(try Curations.load(path: path).entries.first)
        #expect(c.oncogenicity == ["OS2", "OM1"] && c.oncogenicityNotMet == ["OP4"])
        for (applied, rejected, field, message) in [("OS9", "", "column 8 (oncogenicity)", "Horak 2022 labels"),
                                                    ("OS2,OS2", "", "column 8 (oncogenicity)", "OS2 twice"),
                                                    ("OS2", "OS2", "column 9 (oncogenicity_not_met)", "OS2 in both")] {
            try (header + row(applied, rejected)).write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: InputError.self) { try Curations.load(path: path) }
            #expect(error?.location == .line(3))
            #expect(error?.field == field)
            #expect(error.map(String.init(describing:))?.contains(message) == true, "\(String(describing: error))")
        }
    }

    @Test("the file must say its build, once and consistently; columns must be known and complete", arguments: [
        ("chrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\tcurator\n", 1, "does not say its genome build"),
        ("#build=GRCh99\nchrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\tcurator\n", 1, "unknown genome build"),
        ("#build=GRCh38\nchrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\n", 2, "lacks the column(s) curator"),
        ("#build=GRCh38\nchrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\tcurator\tpatient\n", 2, "not a curation column"),
        ("#build=GRCh38\nchrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\tcurator\tbuild\nchr17\t1\tA\tT\tBRCA1\tP\tPVS1\t2024-01-01\tc1\tGRCh37\n",
         3, "the same build on every row"),
    ] as [(String, Int, String)])
    func badStructure(text: String, line: Int, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cur-\(UUID().uuidString).tsv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputError.self) { try Curations.load(path: path) }
        #expect(error?.location == .line(line))
        let description = error.map(String.init(describing:)) ?? ""
        #expect(description.contains(message), "\(description)")
    }

    @Test("a file saved by a spreadsheet (byte-order mark, CRLF, quoted cells with commas) reads as the plain file")
    func spreadsheetExport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cur-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = Self.header + Self.row([10: "founder"])
        let saved = "\u{FEFF}" + (Self.header + Self.row([7: "\"PVS1,PM2_Supporting\"", 10: "\"founder\""]))
            .replacingOccurrences(of: "\n", with: "\r\n")
        try plain.write(to: dir.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try saved.write(to: dir.appendingPathComponent("b.tsv"), atomically: true, encoding: .utf8)
        let a = try Curations.load(path: dir.appendingPathComponent("a.tsv").path)
        let b = try Curations.load(path: dir.appendingPathComponent("b.tsv").path)
        #expect(a.entries == b.entries)
        #expect(b.entries.first?.criteria.map(\.description) == ["PVS1", "PM2_Supporting"])
        #expect(b.entries.first?.note == "founder")
    }

    @Test("a build column alone is enough, and hg19 is read as GRCh37")
    func buildColumn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cur-\(UUID().uuidString).tsv").path
        try "chrom\tpos\tref\talt\tgene\tclass\tcriteria\tdate\tcurator\tbuild\n7\t140453136\tA\tT\tBRAF\tP\t\t2024-01-01\tc1\thg19\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try Curations.load(path: path)
        #expect(c.build == .grch37)
        #expect(c.entries.first?.criteria == [])
    }
}
