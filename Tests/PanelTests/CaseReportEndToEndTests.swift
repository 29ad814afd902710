import Foundation
import Testing
import TestSupport
@testable import Panel

/// `consilium case report` on the demonstration cases, end to end on the real GRCh38 regions of ../shared/data:
/// content (TP53 p.Arg175His, BRCA1 p.Leu63Ter), consent gating in every format, byte-for-byte rebuild, the JSON
/// Schema, FHIR validation with `fhir.resources`, escaping checked in headless Chromium, and CLI errors.
@Suite(.serialized) struct CaseReportEndToEndTests {
    static let cases = SharedData.fixture("cases")
    static let reference = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"

    /// One knowledge base for the suite: ClinVar, gnomAD v4, the gene table and the TP53/BRCA1 gene models.
    static let kb: Result<String, Error> = Result {
        let dir = try Command.temporaryDirectory().appendingPathComponent("kb").path
        let d = SharedData.self
        let r = try Command.consilium(["kb", "build", "-o", dir, "-q",
                                       "--clinvar", d.path("clinvar/clinvar_20211025_GRCh38_vep-testset.vcf.gz"),
                                       "--frequencies", "gnomad_exomes=" + d.path("gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz"),
                                       "--genes", SharedData.fixture("genes.tsv"),
                                       "--transcripts", "tp53=" + d.path("reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.chr.gff3"),
                                       "--transcripts", "brca1=" + d.path("reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3")])
        guard r.status == 0 else { throw KBBuildFailed(message: r.stderr) }
        return dir
    }
    struct KBBuildFailed: Error { var message: String }

    /// Runs the report for a fixture case into a fresh folder; returns the folder.
    static func report(_ name: String, lang: String = "en", formats: String = "html,json,md,fhir", reference: Bool = true,
                       caseFile: String? = nil) throws -> URL {
        let kb = try Self.kb.get()
        let out = try Command.temporaryDirectory().appendingPathComponent(name)
        var args = ["case", "report", caseFile ?? "\(cases)/\(name).yaml", "-k", kb, "-o", out.path, "--lang", lang, "--format", formats, "-q",
                    "--therapies", "\(cases)/tables/therapies.tsv", "--trials", "\(cases)/tables/trials.tsv",
                    "--transcripts", "\(cases)/tables/report-transcripts.tsv", "--gene-roles", "\(cases)/tables/gene-roles.tsv",
                    "--oncotree", SharedData.path("tables/oncotree/oncotree_2025_10_03.tsv"),
                    "--hotspots", SharedData.path("tables/cancerhotspots/v3_multi_type_residue.txt")]
        if reference { args += ["-f", SharedData.path(Self.reference)] }
        let r = try Command.consilium(args)
        guard r.status == 0 else { throw ReportFailed(status: r.status, stderr: r.stderr) }
        #expect(r.stderr.isEmpty, "quiet run writes nothing to stderr")
        return out
    }
    struct ReportFailed: Error { var status: Int32; var stderr: String }

    static func text(_ dir: URL, _ file: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) }
    static func report(_ dir: URL) throws -> CaseReport {
        try JSONDecoder().decode(CaseReport.self, from: Data(contentsOf: dir.appendingPathComponent("report.json")))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tumorOnlyDemoShowsTP53Arg175HisAndFlagsTheBRCA1PresumedGermline() throws {
        guard try SharedData.require() else { return }
        let dir = try Self.report("breast-tumor-only")
        let r = try Self.report(dir)
        // TP53 p.Arg175His is reported with its somatic levels, among the findings or (collapsed) among the VUS,
        // wherever the somatic stage's oncogenicity puts it.
        let tp53 = try #require((r.somaticFindings + r.vus).first { $0.hgvsp?.hasSuffix("p.Arg175His") == true })
        #expect(tp53.gene == "TP53")
        #expect(tp53.transcript == "ENST00000269305", "the Ensembl GFF3 names transcripts without a version")
        #expect(tp53.hgvsc == "ENST00000269305:c.524G>A")
        #expect(tp53.depth == 412)
        #expect(tp53.vaf == 0.279, "FORMAT/AF of the sample, as the caller wrote it")
        #expect(tp53.consequence == "missense_variant")
        #expect(r.evaluation.somaticClassification.isEvaluated)
        #expect(tp53.ampTier != nil && tp53.oncogenicity != nil && tp53.oncogenicityPoints != nil)
        let fs = try #require(r.somaticFindings.first { $0.pos == 43092064 })
        #expect(fs.hgvsp == "NM_007294.4:p.Asp1156MetfsTer4")
        #expect(fs.presumedGermline?.likely == true)
        #expect(r.germline.status == "flagged", "consent undecided")
        #expect(r.filtered.map(\.reason).sorted() == ["filter_not_pass", "outside_panel"])
        #expect(r.qc.inputs.first?.referenceWarnings == 1, "chr17:7426506 lies in the N-padded part of the reference")
        #expect(["meeting", "circulation", "omission_candidate"].contains(r.triage.decision))
        #expect(r.provenance.reportSHA256.count == 64)
        let html = try Self.text(dir, "report.html")
        #expect(html.contains("p.Arg175His"))
        #expect(r.therapies.contains { $0.drug == "talazoparib" && $0.approvedAbroadNotJapan && !$0.verified })
        #expect(html.contains("id=\"germline-flagged\""))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func germlineBRCA1Leu63TerIsShownWithConsentAndAbsentFromEveryRenderingWhenDeclined() throws {
        guard try SharedData.require() else { return }
        let given = try Self.report("germline-brca1-consent")
        let r = try Self.report(given)
        let f = try #require(r.germline.findings.first)
        #expect(f.hgvsc == "NM_007294.4:c.188T>A")
        #expect(f.hgvsp == "NM_007294.4:p.Leu63Ter")
        #expect(f.consequence == "stop_gained")
        #expect(abs((f.vaf ?? 0) - 45.0 / 93.0) < 1e-12, "no FORMAT/AF: ALT reads / all reads of FORMAT/AD")
        #expect(f.depth == 93)
        #expect(r.germline.status == "shown")
        // Class, criteria and evidence from the germline stage (a null variant in a loss-of-function gene: PVS1).
        #expect(r.evaluation.germlineClassification.isEvaluated)
        #expect(f.germlineClass == "Pathogenic" || f.germlineClass == "Likely_pathogenic")
        #expect(f.acmgCriteria.contains("PVS1"))
        #expect(f.acmgEvidence.contains { $0.code == "PVS1" && $0.status == "met" })
        #expect(f.acmgRule != nil && f.acmgPoints != nil)
        #expect(r.summary.contains { $0.kind == "germline" && $0.variant == "BRCA1 p.Leu63Ter" })
        #expect(r.germline.geneticCounselingRecommended)
        for file in ["report.html", "report.json", "report.md", "report.fhir.json"] {
            #expect(try Self.text(given, file).contains("p.Leu63Ter"), "\(file) shows the finding")
        }
        let declined = try Self.report("germline-brca1-declined")
        for file in ["report.html", "report.json", "report.md", "report.fhir.json"] {
            let t = try Self.text(declined, file)
            for needle in ["Leu63", "L63", "c.188", "43106480", "olaparib", "NCT0"] {
                #expect(!t.contains(needle), "\(file) must not contain \(needle)")
            }
        }
        #expect(try Self.text(declined, "report.html").contains("id=\"germline-withheld\""))
        let ja = try Self.report("germline-brca1-declined", lang: "ja", formats: "html,md")
        #expect(try Self.text(ja, "report.html").contains("二次的所見の開示に関する患者の意思に従い"))
        #expect(!(try Self.text(ja, "report.md")).contains("Leu63"))
        let undecided = try Self.report(try Self.report("germline-brca1-undecided"))
        #expect(undecided.germline.status == "flagged" && undecided.triage.decision == "meeting")
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func provenanceRebuildsTheSameJSONByteForByte() throws {
        guard try SharedData.require() else { return }
        let a = try Data(contentsOf: try Self.report("breast-tumor-only").appendingPathComponent("report.json"))
        let b = try Data(contentsOf: try Self.report("breast-tumor-only", lang: "ja").appendingPathComponent("report.json"))
        #expect(a == b, "same inputs (any --lang): same bytes")
        #expect(ReportJSON.verify(a))
        let r = try JSONDecoder().decode(CaseReport.self, from: a)
        #expect(try ReportJSON.hash(r) == r.provenance.reportSHA256)
        #expect(r.provenance.inputs.map(\.role) == ["case", "somatic", "regions", "reference"])
        #expect(r.provenance.tables.map(\.role) == ["therapies", "trials", "report_transcripts", "oncotree", "hotspots", "gene_roles"])
        #expect(!r.provenance.knowledgeBase.sources.isEmpty)
        var tampered = a
        if let i = tampered.firstIndex(of: UInt8(ascii: "7")) { tampered[i] = UInt8(ascii: "8") }
        #expect(!ReportJSON.verify(tampered))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func jsonValidatesAgainstTheShippedSchemaAndFHIRWithFhirResources() throws {
        guard try SharedData.require() else { return }
        let dirs = try ["breast-tumor-only", "germline-brca1-consent", "germline-brca1-declined"].map { try Self.report($0) }
        let schema = SharedData.packageRoot.appendingPathComponent("docs/case-report.schema.json").path
        let check = """
        import json, sys, jsonschema
        s = json.load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(s)
        v = jsonschema.Draft202012Validator(s)
        bad = [(p, e.message) for p in sys.argv[2:] for e in v.iter_errors(json.load(open(p)))]
        print(bad); sys.exit(1 if bad else 0)
        """
        let j = try Command.run("/usr/bin/env", ["python3", "-c", check, schema] + dirs.map { $0.appendingPathComponent("report.json").path })
        #expect(j.status == 0, "\(j.stdoutText) \(j.stderr)")
        let fhir = """
        import sys
        from fhir.resources.R4B.bundle import Bundle as R4B
        from fhir.resources.bundle import Bundle
        for p in sys.argv[1:]:
            t = open(p).read()
            for B in (R4B, Bundle):
                b = B.model_validate_json(t)
                assert b.type == "collection" and b.entry[0].resource.__resource_type__ == "DiagnosticReport", p
        print("ok")
        """
        let f = try Command.run("/usr/bin/env", ["python3", "-c", fhir] + dirs.map { $0.appendingPathComponent("report.fhir.json").path })
        #expect(f.status == 0 && f.stdoutText.contains("ok"), "\(f.stderr)")
        // The variant observation of the consented case carries the GRIG profile and the HGVS components.
        let bundle = try Self.text(dirs[1], "report.fhir.json")
        #expect(bundle.contains("genomics-reporting/StructureDefinition/variant"))
        #expect(bundle.contains("NM_007294.4:c.188T>A"))
        #expect(bundle.contains("therapeutic-implication"))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func cliErrorsForABadCaseFileNameTheFieldAndNeverTheValue() throws {
        guard try SharedData.require() else { return }
        let kb = try Self.kb.get()
        let dir = try Command.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.yaml")
        let yaml = try String(contentsOfFile: "\(Self.cases)/germline-brca1-consent.yaml", encoding: .utf8)
            .replacingOccurrences(of: "secondaryFindings: \"yes\"", with: "secondaryFindings: maybe-Yamada")
        try yaml.write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Command.consilium(["case", "report", bad.path, "-k", kb, "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("consent.secondaryFindings"))
        #expect(r.stderr.contains("yes, no, undecided"))
        #expect(!r.stderr.contains("Yamada"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written on error")
        let missing = try String(contentsOfFile: "\(Self.cases)/germline-brca1-consent.yaml", encoding: .utf8)
            .replacingOccurrences(of: "germline: germline-brca1.vcf", with: "germline: nowhere.vcf")
        try missing.write(to: bad, atomically: true, encoding: .utf8)
        let m = try Command.consilium(["case", "report", bad.path, "-k", kb, "-o", out.path])
        #expect(m.status == 1 && m.stderr.contains("germline file named in the case file does not exist"))
        let usage = try Command.consilium(["case", "report", bad.path, "-k", kb, "-o", out.path, "--format", "docx"])
        #expect(usage.status == 2 && usage.stderr.contains("html, json, fhir, md, pdf"))
        let lang = try Command.consilium(["case", "report", bad.path, "-k", kb, "-o", out.path, "--lang", "fr"])
        #expect(lang.status == 2)
    }

    // MARK: - Escaping and rendering in headless Chromium

    static var chromium: String? { PDFPrinter.chromium }

    static func chromium(_ args: [String]) throws -> Command.Result {
        let exe = try #require(chromium)
        let profile = try Command.temporaryDirectory().path
        return try Command.run(exe, PDFPrinter.arguments(profile: profile) + args)
    }

    @Test(.enabled(if: SharedData.shouldRun && PDFPrinter.chromium != nil, "needs ../shared/data and chromium (make deps)"))
    func hostileTextRendersAsTextInChromiumAndTheReportRendersInBothLanguages() throws {
        guard try SharedData.require() else { return }
        // No reference: consequences come from the input's CSL_CSQ, whose values carry markup.
        let dir = try Self.report("hostile", formats: "html,md,json", reference: false, caseFile: "\(Self.cases)/hostile/hostile.yaml")
        let html = try Self.text(dir, "report.html")
        #expect(html.contains("&lt;script&gt;alert(&#39;demo&#39;)&lt;/script&gt;"), "case text reaches the report, escaped")
        #expect(html.contains("&lt;img src=x onerror=alert(8)&gt;"), "VCF INFO (percent-decoded) reaches the report, escaped")
        #expect(html.contains("&lt;script&gt;alert(11)&lt;/script&gt;"))
        let md = try Self.text(dir, "report.md")
        #expect(!md.lowercased().contains("<script") && !md.lowercased().contains("<img"), "Markdown passes raw HTML through: escaped too")
        let dom = try Self.chromium(["--dump-dom", dir.appendingPathComponent("report.html").absoluteString])
        #expect(dom.status == 0)
        let tree = dom.stdoutText
        #expect(tree.contains("id=\"summary-table\""))
        #expect(tree.range(of: "<script", options: .caseInsensitive) == nil, "no script element in the DOM")
        #expect(tree.range(of: #"<[^>]*\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil, "no event-handler attribute")
        #expect(tree.range(of: "<(img|svg|b)[\\s>]", options: [.regularExpression, .caseInsensitive]) == nil, "no injected elements")
        #expect(tree.contains("&lt;img src=x onerror=alert(8)&gt;"))

        for lang in ["ja", "en"] {
            let d = try Self.report("breast-tumor-only", lang: lang, formats: "html")
            let page = d.appendingPathComponent("report.html")
            let dump = try Self.chromium(["--dump-dom", page.absoluteString]).stdoutText
            #expect(dump.contains(lang == "ja" ? "エキスパートパネル症例報告書" : "Expert panel case report"), "title in \(lang)")
            #expect(dump.contains("id=\"summary-table\"") && dump.contains("p.Arg175His"))
            let png = d.appendingPathComponent("shot.png").path
            let shot = try Self.chromium(["--hide-scrollbars", "--window-size=1240,1754", "--screenshot=\(png)", page.absoluteString])
            #expect(shot.status == 0 && FileManager.default.fileExists(atPath: png))
            let stats = try Command.run("/usr/bin/env", ["python3", "-c", Self.pngStats, png])
            #expect(stats.status == 0, "\(stats.stderr)")
            let parts = stats.stdoutText.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try #require(parts.count == 2)
            #expect(parts[0] > 0.02, "\(lang): more than 2% of the pixels are ink (\(parts[0]))")
            #expect(parts[1] > 20, "\(lang): more than 20 distinct colours (\(parts[1]))")
        }
    }

    @Test(.enabled(if: SharedData.shouldRun && PDFPrinter.chromium != nil, "needs ../shared/data and chromium (make deps)"))
    func pdfIsPrintedByChromiumAndTheFolderHoldsOnlyFinishedFiles() throws {
        guard try SharedData.require() else { return }
        let dir = try Self.report("germline-brca1-consent", lang: "ja", formats: "pdf,json")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("report.pdf"))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pdf.count > 20_000, "a rendered page with embedded CJK fonts, not an empty document")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["report.json", "report.pdf"], "no temporary or partial files left")
    }

    /// Decodes an 8-bit RGB/RGBA PNG (zlib + the five row filters) and prints the fraction of non-white pixels
    /// and the number of distinct colours.
    static let pngStats = #"""
    import sys, zlib, struct
    d = open(sys.argv[1], 'rb').read()
    assert d[:8] == b'\x89PNG\r\n\x1a\n'
    i, idat = 8, b''
    while i < len(d):
        n, t = struct.unpack('>I4s', d[i:i+8]); body = d[i+8:i+8+n]; i += 12 + n
        if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        if t == b'IDAT': idat += body
    assert depth == 8 and ctype in (2, 6)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat); stride = w * bpp
    prev = bytearray(stride); ink = 0; colours = set(); pos = 0
    for y in range(h):
        f = raw[pos]; row = bytearray(raw[pos+1:pos+1+stride]); pos += 1 + stride
        for x in range(stride):
            a = row[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
            if f == 1: row[x] = (row[x] + a) & 255
            elif f == 2: row[x] = (row[x] + b) & 255
            elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 4):
            px = bytes(row[x:x+3]); colours.add(px)
            if min(px) < 230: ink += 1
        prev = row
    print(ink / (w * h / 4), len(colours))
    """#
}
