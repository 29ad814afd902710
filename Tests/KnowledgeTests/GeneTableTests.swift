import Foundation
import HTS
import Testing
import TestSupport
@testable import Knowledge

/// `--genes F`: the gene table (format in docs/knowledge-base.md, "Gene table (--genes)").
///
/// Sources: the ACMG SF v3.1 list and its v3.2/v3.3 additions (`../shared/data/acmg`; 78 → 81 → 84 genes per
/// PROVENANCE.md) and the ClinGen dosage export of 06 Feb 2026 (HI score counts 3=407, 30=728, 0=304, 1=137,
/// 40=35, 2=13 per PROVENANCE.md's parse check). `Fixtures/genes.tsv` adds VCEP thresholds from ClinGen CSpec.
@Suite("Gene table")
struct GeneTableTests {
    static let acmg31 = SharedData.path("acmg/acmg_sf_v3.1.tsv")
    static let acmgAdditions = SharedData.path("acmg/acmg_sf_v3.2_v3.3_additions.tsv")
    static let dosage = SharedData.path("tables/clingen-dosage/ClinGen_gene_curation_list_GRCh38.tsv")
    static let generator = SharedData.packageRoot.appendingPathComponent("scripts/make-gene-table").path
    static let fixture = SharedData.fixture("genes.tsv")

    /// A path named `name` in a new temporary folder (so two runs can write files of the same name).
    static func temporaryFile(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// Runs scripts/make-gene-table on the real files into a temporary path.
    static func generate(merge: String? = nil) throws -> (path: String, stderr: String) {
        let out = try temporaryFile("generated.tsv")
        var args = [generator, "--acmg-sf", acmg31, "--acmg-sf", acmgAdditions, "--dosage", dosage, "-o", out]
        if let merge { args += ["--merge", merge] }
        let result = try Command.run("/usr/bin/env", ["python3"] + args)
        try #require(result.status == 0, "make-gene-table failed: \(result.stderr)")
        return (out, result.stderr)
    }

    /// Distinct symbols of an ACMG SF file, read independently of the importer (plain split on tabs).
    static func symbols(of path: String, version: String? = nil) throws -> Set<String> {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return Set(lines.compactMap { line -> String? in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if let version, f[9] != version { return nil }
            return String(f[3])
        })
    }

    @Test("the generated table has ACMG SF v3.1 = 78, v3.2 = 81, v3.3 = 84 genes, as the source files list",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func acmgMembership() throws {
        guard try SharedData.require() else { return }
        let (path, stderr) = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try GeneTable.load(path: path)
        let v31 = Set(table.acmgSecondaryFindings(version: "3.1"))
        let v32 = Set(table.acmgSecondaryFindings(version: "3.2"))
        let v33 = Set(table.acmgSecondaryFindings(version: "3.3"))
        #expect(v31 == (try Self.symbols(of: Self.acmg31)))
        #expect((v31.count, v32.count, v33.count) == (78, 81, 84))
        #expect(v32.subtracting(v31) == (try Self.symbols(of: Self.acmgAdditions, version: "3.2")))
        #expect(v33.subtracting(v32) == ["ABCD1", "CYP27A1", "PLN"])
        #expect(stderr.contains("v3.3: 84"))
        // 'AD ' with a trailing space in the v3.1 file (APC) is read as AD.
        #expect(table.gene("APC")?.inheritance == ["AD"])
        #expect(table.gene("ABCD1")?.inheritance == ["XL"])
        #expect(table.gene("CYP27A1")?.inheritance == ["AR"])
    }

    @Test("ClinGen HI scores are carried per gene and HI 3 marks loss of function as the mechanism",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func haploinsufficiency() throws {
        guard try SharedData.require() else { return }
        let (path, _) = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try GeneTable.load(path: path)
        var counts: [Int: Int] = [:]
        for g in table.genes { if let hi = g.clingenHaploinsufficiency { counts[hi, default: 0] += 1 } }
        #expect(counts == [3: 407, 30: 728, 0: 304, 1: 137, 40: 35, 2: 13])
        #expect(table.genes.filter { $0.lofMechanism == true }.count == 407)
        #expect(table.genes.filter { $0.lofMechanism == false }.count == 35)
        for symbol in ["BRCA1", "BRCA2", "TP53", "PALB2"] {
            #expect(table.gene(symbol)?.clingenHaploinsufficiency == 3)
            #expect(table.gene(symbol)?.lofMechanism == true)
        }
        // 1,624 dosage genes plus the ACMG SF genes the dosage list lacks.
        #expect(table.genes.count == 1631)
        #expect(table.genes.allSatisfy { $0.ba1 == nil && $0.bs1 == nil })
    }

    @Test("the generator is deterministic: two runs give the same bytes",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func generatorDeterminism() throws {
        guard try SharedData.require() else { return }
        let a = try Self.generate(), b = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: a.path); try? FileManager.default.removeItem(atPath: b.path) }
        #expect(FileManager.default.contentsEqual(atPath: a.path, andPath: b.path))
        #expect(try GeneTable.load(path: a.path).canonicalJSON() == GeneTable.load(path: b.path).canonicalJSON())
    }

    @Test("Fixtures/genes.tsv agrees with what the generator derives from the real files for the same genes",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func fixtureMatchesSources() throws {
        guard try SharedData.require() else { return }
        let (path, stderr) = try Self.generate(merge: Self.fixture)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(!stderr.contains("warning"), "the fixture contradicts the source files: \(stderr)")
        let generated = try GeneTable.load(path: path)
        let fixture = try GeneTable.load(path: Self.fixture)
        for g in fixture.genes {
            let s = try #require(generated.gene(g.symbol))
            #expect(s.hgncID == g.hgncID)
            #expect(s.ncbiGeneID == g.ncbiGeneID)
            #expect(s.acmgSF == g.acmgSF)
            #expect(s.acmgSFAdded == g.acmgSFAdded)
            #expect(s.inheritance == g.inheritance)
            #expect(s.clingenHaploinsufficiency == g.clingenHaploinsufficiency)
            #expect(s.lofMechanism == g.lofMechanism)
            #expect(s.ba1 == g.ba1)
            #expect(s.bs1 == g.bs1)
            #expect(s.pm2 == g.pm2)
            #expect(s.vcepSpec == g.vcepSpec)
        }
    }

    @Test("fixture thresholds keep the comparison each VCEP states (TP53 >=, BRCA1 >, PALB2 <=1/300,000)")
    func fixtureThresholds() throws {
        let table = try GeneTable.load(path: Self.fixture)
        #expect(table.genes.map(\.symbol) == ["ABCD1", "ACADVL", "ATM", "BRCA1", "BRCA2", "CALM1", "CDH1", "PALB2", "PTEN", "TP53"])
        let tp53 = try #require(table.gene("TP53"))
        #expect(tp53.ba1?.comparison == .greaterOrEqual)
        #expect(tp53.ba1?.value == 0.001)
        #expect(tp53.ba1?.isMet(by: 0.001, fallback: .greater) == true)
        #expect(tp53.pm2?.isMet(by: 0.00003, fallback: .lessOrEqual) == false)
        let brca1 = try #require(table.gene("BRCA1"))
        #expect(brca1.ba1?.isMet(by: 0.001, fallback: .greaterOrEqual) == false)
        #expect(brca1.pm2?.value == 0)
        #expect(brca1.pm2?.isMet(by: 0, fallback: .less) == true)
        #expect(brca1.acmgSF == ["3.1", "3.2", "3.3"])
        #expect(brca1.vcepSpec == "GN092")
        let palb2 = try #require(table.gene("PALB2"))
        #expect(palb2.pm2?.value == 1.0 / 300_000)
        #expect(palb2.pm2?.text == "<=1/300000")
        // CDH1's specification gives no comparison: the profile's own applies.
        #expect(table.gene("CDH1")?.ba1?.comparison == nil)
        #expect(table.gene("CDH1")?.ba1?.isMet(by: 0.002, fallback: .greaterOrEqual) == true)
        #expect(table.gene("CALM1")?.acmgSF == ["3.2", "3.3"])
        #expect(table.gene("CALM1")?.ba1 == nil)
    }

    @Test("maximum credible allele frequency follows Whiffin 2017 (AR: √prevalence × allelic × √genetic / √penetrance)")
    func whiffin() throws {
        let table = try GeneTable.load(path: Self.fixture)
        let acadvl = try #require(table.gene("ACADVL"))
        let expected = (1.0 / 30_000).squareRoot() * 0.5 * 1.0 / 0.75.squareRoot()
        let value = try #require(acadvl.maximumCredibleAlleleFrequency)
        #expect(abs(value - expected) < 1e-15)
        #expect(abs(value - 0.003333) < 1e-6)
        // The VCEP's own BS1 (0.0035) is kept as given, not replaced by the computed value.
        #expect(acadvl.bs1?.value == 0.0035)
        var ad = acadvl
        ad.inheritance = ["AD"]
        #expect(ad.maximumCredibleAlleleFrequency == 1.0 / 30_000 / 2 * 0.5 * 1.0 / 0.75)
        ad.inheritance = ["AD", "AR"]
        #expect(ad.maximumCredibleAlleleFrequency == nil)
    }

    // MARK: bad input

    static func write(_ text: String) throws -> String {
        let path = try temporaryFile("bad.tsv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("malformed tables are refused with file, line, column and the allowed values", arguments: [
        ("symbol\tba1\nBRCA1\t<0.001\n", 2, "column 2 (ba1)", "optionally after > or >="),
        ("symbol\tpm2\nBRCA1\t1.5\n", 2, "column 2 (pm2)", "from 0 to 1"),
        ("# comment\nsymbol\tclingen_hi\nBRCA1\t4\n", 3, "column 2 (clingen_hi)", "0, 1, 2, 3, 30 or 40"),
        ("symbol\tlof_mechanism\nBRCA1\tmaybe\n", 2, "column 2 (lof_mechanism)", "yes or no"),
        ("symbol\tinheritance\nBRCA1\tdominant\n", 2, "column 2 (inheritance)", "AD, AR"),
        ("symbol\tacmg_sf\nBRCA1\tv3\n", 2, "column 2 (acmg_sf)", "3.1,3.2,3.3"),
        ("symbol\tbs_1\nBRCA1\t0.1\n", 1, "column 2 (bs_1)", "not a gene-table column"),
        ("symbol\tba1\nBRCA1\t0.1\nBRCA1\t0.2\n", 3, "column 1 (symbol)", "repeats the gene of line 2"),
        ("symbol\tba1\tbs1\nBRCA1\t0.1\n", 2, nil, "has 2 tab-separated fields; the header has 3"),
    ] as [(String, Int, String?, String)])
    func malformed(text: String, line: Int, field: String?, message: String) throws {
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputError.self) { try GeneTable.load(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .line(line))
        #expect(error?.field == field)
        let text = error.map { "\($0.problem) \($0.hint ?? "")" } ?? ""
        #expect(text.contains(message), "\(text)")
    }
}
