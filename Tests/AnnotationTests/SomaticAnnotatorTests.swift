import Foundation
import Testing
import HTS
import Knowledge
import Classification
import Consequence
import TestSupport
@testable import Annotation

/// Somatic classification of BRAF V600E (CIViC variant 12) from the real CIViC records: the API records in
/// `../shared/data/civic` (AID7: dabrafenib + trametinib in melanoma, AMP Tier I Level A, FDA approved;
/// EID3017: the same combination in NSCLC, level A) and the Feb 2017 evidence export
/// (`classification/civic_evidence_2017-02_via_cancervar.tsv`, 45 accepted BRAF V600E items), related to tumor
/// types through the OncoTree release 2025-10-03. Expected tiers follow Li 2017 (level A off-label → C) and the
/// JSMO/JSCO/JCA derivation documented in docs/classification.md.
@Suite("Somatic annotator (CIViC, OncoTree, AMP/ASCO/CAP, JSMO/JSCO/JCA)")
struct SomaticAnnotatorTests {
    static let civicFolder = SharedData.path("civic")
    static let civic2017 = SharedData.path("classification/civic_evidence_2017-02_via_cancervar.tsv")
    static let oncotree = SharedData.path("tables/oncotree/oncotree_2025_10_03.tsv")
    static let hotspots = SharedData.path("tables/cancerhotspots/v2_multi_type_residue.txt")

    /// BRAF V600E's evidence (items and assertions) as plain values, from the given CIViC files.
    static func brafV600E(files: [String]) throws -> [ActionabilityEvidence] {
        let k = try CIViCKnowledge.load(files: files)
        let m = CIViCVariantMatcher(knowledge: k)
        let ids = m.variants(gene: "BRAF", proteinChange: "V600E")
        #expect(ids == [12])
        return ids.flatMap { m.evidence(variant: $0).map(SomaticAnnotator.actionability) + m.assertions(variant: $0).map(SomaticAnnotator.actionability) }
    }

    static var apiFiles: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: civicFolder).filter { $0.hasSuffix(".json") }.sorted()
                .map { (civicFolder as NSString).appendingPathComponent($0) }
        }
    }

    static func classify(_ evidence: [ActionabilityEvidence], in tumor: String) throws -> SomaticClassification {
        let classifier = SomaticClassifier(oncoTree: try OncoTree.load(path: oncotree))
        return try classifier.classify(tumorType: tumor, evidence: evidence, oncogenicity: OncogenicityInput())
    }

    @Test("CIViC variant 12 is found by ClinVar id, by rs id only with its own alleles, and by GRCh37 position only on GRCh37",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func matcherKeys() throws {
        guard try SharedData.require() else { return }
        let m = CIViCVariantMatcher(knowledge: try CIViCKnowledge.load(directory: Self.civicFolder))
        #expect(m.variants(clinvarID: "13961") == [12])
        #expect(m.variants(dbSNP: "rs113488022", ref: "A", alt: "T") == [12])
        #expect(m.variants(dbSNP: "rs113488022", ref: "A", alt: "C").isEmpty)
        #expect(m.variants(build: "GRCh37", chrom: "chr7", pos: 140453136, ref: "A", alt: "T") == [12])
        #expect(m.variants(build: "GRCh38", chrom: "chr7", pos: 140753336, ref: "A", alt: "T").isEmpty)
        #expect(m.variants(gene: "BRAF", proteinChange: "v600e") == [12])
        #expect(m.evidence(variant: 12).map(\.id) == [3017] && m.assertions(variant: 12).map(\.id) == [7])
    }

    // MARK: API records (AID7 melanoma, EID3017 NSCLC)

    @Test("Tier I level A in melanoma (MEL, and SKCM under it) from AID7; in NSCLC (and LUAD) from EID3017",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: [("MEL", "CIViC:AID7", OncoTreeMatch.Relation.exact), ("SKCM", "CIViC:AID7", .evidenceBroader),
                      ("NSCLC", "CIViC:EID3017", .exact), ("LUAD", "CIViC:EID3017", .evidenceBroader)])
    func onLabelTierIA(tumor: String, decidedBy: String, relation: OncoTreeMatch.Relation) throws {
        guard try SharedData.require() else { return }
        let evidence = try Self.brafV600E(files: Self.apiFiles)
        #expect(evidence.map(\.sourceID).sorted() == ["CIViC:AID7", "CIViC:EID3017"])
        let r = try Self.classify(evidence, in: tumor)
        #expect(r.amp.category.code == "IA")
        #expect(r.amp.decidedBy == [decidedBy])
        #expect(r.evidence.first { $0.sourceID == decidedBy }?.match.relation == relation)
        #expect(r.jp.level == .A && r.jp.decidedBy == [decidedBy])
        #expect(r.jp.reason.contains("approval in Japan not known"))
    }

    @Test("off-label in colorectal adenocarcinoma (COAD): both level-A items become C → Tier IIC; JP level C",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func offLabelCOAD() throws {
        guard try SharedData.require() else { return }
        let r = try Self.classify(try Self.brafV600E(files: Self.apiFiles), in: "COAD")
        #expect(r.amp.category.code == "IIC")
        #expect(r.amp.decidedBy == ["CIViC:AID7", "CIViC:EID3017"])
        #expect(r.evidence.allSatisfy { !$0.onLabel && $0.match.relation == .unrelated })
        #expect(r.evidence.first { $0.sourceID == "CIViC:AID7" }?.ampReason == "asserted AMP level A in another tumor type → C (off-label)")
        #expect(r.jp.level == .C)
        #expect(r.therapies.count == 1)
        let t = try #require(r.therapies.first)
        #expect(t.therapies == ["Dabrafenib", "Trametinib"] && t.therapyText.contains("+"))
        #expect(t.ampLevel == .C && t.jpLevel == .C && !t.onLabel && t.effect == .sensitivity)
    }

    // MARK: with the 2017 evidence export

    static func allRecords() throws -> [ActionabilityEvidence] { try brafV600E(files: try apiFiles + [civic2017]) }

    @Test("melanoma with all records: IA from AID7 and the two level-A skin-melanoma items (EID1409, EID1411)",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func melanomaAllRecords() throws {
        guard try SharedData.require() else { return }
        let evidence = try Self.allRecords()
        #expect(evidence.count == 47)   // 45 items of the 2017 export + EID3017 + AID7
        let r = try Self.classify(evidence, in: "SKCM")
        #expect(r.amp.category.code == "IA")
        #expect(Set(r.amp.decidedBy) == ["CIViC:AID7", "CIViC:EID1409", "CIViC:EID1411"])
        #expect(r.jp.level == .A)
        // EID90: vemurafenib resistance in melanoma (level D, supports) → JP R, listed next to A.
        #expect(r.jp.resistance.contains("CIViC:EID90"))
    }

    @Test("a tumor type without approval (bladder urothelial, BLCA): only the pan-cancer EID1141 is on-label; level A elsewhere → IIC, JP C",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func bladderOffLabel() throws {
        guard try SharedData.require() else { return }
        let r = try Self.classify(try Self.allRecords(), in: "BLCA")
        #expect(r.amp.category.code == "IIC")
        #expect(r.evidence.filter(\.onLabel).map(\.sourceID) == ["CIViC:EID1141"])
        for id in ["CIViC:AID7", "CIViC:EID1409", "CIViC:EID1411", "CIViC:EID3017"] {
            let a = try #require(r.evidence.first { $0.sourceID == id })
            #expect(a.ampLevel == .C && a.jpLevel == .C && !a.onLabel, "\(id)")
            #expect(r.amp.decidedBy.contains(id))
        }
        #expect(r.evidence.first { $0.sourceID == "CIViC:EID1141" }?.match.relation == .evidenceBroader)
        #expect(r.jp.level == .C)
    }

    @Test("colorectal (COAD): Tier IA comes from the level-A prognostic item EID103, not from therapy; JP C with R (EID126 cetuximab, EID89 sorafenib)",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func colorectalAllRecords() throws {
        guard try SharedData.require() else { return }
        let r = try Self.classify(try Self.allRecords(), in: "COAD")
        #expect(r.amp.category.code == "IA")
        #expect(r.amp.decidedBy == ["CIViC:EID103"])
        #expect(r.evidence.first { $0.sourceID == "CIViC:EID103" }?.evidence.category == .prognostic)
        #expect(r.jp.level == .C)
        #expect(Set(r.jp.resistance) == ["CIViC:EID89", "CIViC:EID90", "CIViC:EID91", "CIViC:EID126"])
        // Does-not-support items are listed but earn nothing (EID1405: vemurafenib monotherapy in CRC).
        let notSupporting = try #require(r.evidence.first { $0.sourceID == "CIViC:EID1405" })
        #expect(notSupporting.ampLevel == nil && notSupporting.jpLevel == nil && notSupporting.onLabel)
    }

    @Test("hairy cell leukemia (HCL): level B in this tumor type → IB (EID1127 diagnostic, EID1579 vemurafenib); JP B",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func hairyCell() throws {
        guard try SharedData.require() else { return }
        let r = try Self.classify(try Self.allRecords(), in: "HCL")
        #expect(r.amp.category.code == "IB")
        #expect(r.amp.decidedBy == ["CIViC:EID1127", "CIViC:EID1579"])
        #expect(r.jp.level == .B && r.jp.decidedBy == ["CIViC:EID1579"])
    }

    // MARK: end to end: kb build --civic, then the annotator on a GRCh38 record

    static let query = """
    ##fileformat=VCFv4.2
    ##contig=<ID=chr7,length=159345973>
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
    chr7\t140753336\trs113488022\tA\tT\t.\tPASS\t.
    chr7\t140753336\trs113488022\tA\tC\t.\tPASS\t.

    """

    @Test("kb build --civic, then annotate BRAF V600E (GRCh38 chr7:140753336 A>T, rs113488022) in COAD and SKCM; V600G at the same rs id matches nothing",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: [("COAD", "IIC", "C"), ("SKCM", "IA", "A")])
    func endToEnd(tumor: String, tier: String, jp: String) throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kbPath = dir.appendingPathComponent("kb").path
        let build = try Command.consilium(["kb", "build", "-o", kbPath, "--civic", Self.civicFolder, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let kb = try KnowledgeBase(path: kbPath)
        let input = dir.appendingPathComponent("in.vcf").path
        try Self.query.write(toFile: input, atomically: true, encoding: .utf8)
        let somatic = try SomaticAnnotator(kb: kb, tumorType: tumor, oncoTree: try OncoTree.load(path: Self.oncotree),
                                           hotspots: try CancerHotspots.load(path: Self.hotspots), genomeBuild: "GRCh38")
        let reader = try VCFReader(path: input)
        let pipeline = try AnnotationPipeline(reader: reader, reference: nil, kb: kb, annotators: [somatic])
        let out = dir.appendingPathComponent("out.vcf").path
        let sink = try VCFAnnotationWriter(path: out, format: .vcf, header: pipeline.normalizer.outputHeader, kb: kb,
                                           pool: nil, writeIndex: false)
        _ = try pipeline.run(into: sink)
        let q = try Command.peer("bcftools", ["query", "-f", "%ALT %CSL_AMP_TIER %CSL_JP_LEVEL %CSL_ONCOGENICITY %CSL_ONCOGENICITY_POINTS %CSL_SOMATIC_EVIDENCE\n", out])
        #expect(q.status == 0, "\(q.stderr)")
        let lines = q.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let onLabel = tumor == "SKCM" ? "yes" : "no"
        let aid7Level = tumor == "SKCM" ? "A" : "C"
        // Drugs in the order each record lists them (AID7 names trametinib first). Without the consequence stage there is no protein change: no hotspot, no population source → VUS, 0 points.
        #expect(lines.first == "T \(tier) \(jp) Uncertain_significance 0 "
                + "CIViC:AID7|\(aid7Level)|Trametinib+Dabrafenib|Melanoma|\(onLabel)|Sensitivity/Response,"
                + "CIViC:EID3017|C|Dabrafenib+Trametinib|Lung Non-small Cell Carcinoma|no|Sensitivity/Response")
        #expect(lines.last == "C III . Uncertain_significance 0 .")
        let header = try Command.peer("bcftools", ["view", "-h", out]).stdoutText
        #expect(header.contains("##INFO=<ID=CSL_AMP_TIER,Number=A,Type=String"))
        #expect(header.contains("tumor type \(tumor), OncoTree oncotree_2025_10_03"))
    }

    @Test("consequence facts: BRAF missense V600E on the report transcript matches CIViC by gene and protein change, scores OS3 from the hotspot table and OP1 from INFO REVEL",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func proteinChangeMatching() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kbPath = dir.appendingPathComponent("kb").path
        #expect(try Command.consilium(["kb", "build", "-o", kbPath, "--civic", Self.civicFolder, "--quiet"]).status == 0)
        let kb = try KnowledgeBase(path: kbPath)
        let input = dir.appendingPathComponent("in.vcf").path
        // No rs id this time: only the consequence facts can name the variant.
        let somatic = try SomaticAnnotator(kb: kb, tumorType: "NSCLC", oncoTree: try OncoTree.load(path: Self.oncotree),
                                           hotspots: try CancerHotspots.load(path: Self.hotspots), genomeBuild: "GRCh38")
        // REVEL as an INFO field (a value written here to drive OP1: it lies in Pejaver's PP3 band).
        try Self.query.replacingOccurrences(of: "rs113488022", with: ".")
            .replacingOccurrences(of: "##contig", with: "##INFO=<ID=REVEL,Number=A,Type=Float,Description=\"REVEL\">\n##contig")
            .replacingOccurrences(of: "A\tT\t.\tPASS\t.", with: "A\tT\t.\tPASS\tREVEL=0.931")
            .write(toFile: input, atomically: true, encoding: .utf8)
        var alts: [String] = []
        somatic.facts = { alt in
            // What the consequence stage reports for these two records on ENST00000646891 (MANE Select).
            alts.append("")
            return SomaticAnnotator.VariantFacts(gene: "BRAF", proteinChange: alts.count == 1 ? "V600E" : "V600G", proteinPosition: 600,
                                                 altAminoAcid: alts.count == 1 ? "E" : "G", variantClass: .missense)
        }
        let pipeline = try AnnotationPipeline(reader: try VCFReader(path: input), reference: nil, kb: kb, annotators: [somatic])
        let out = dir.appendingPathComponent("out.tsv").path
        _ = try pipeline.run(into: try TableAnnotationWriter(path: out, json: false, header: pipeline.normalizer.outputHeader, kb: kb,
                                                             annotators: pipeline.annotators))
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        func value(_ row: Int, _ column: String) throws -> String { rows[row][try #require(header.firstIndex(of: column))] }
        #expect(try value(1, "CSL_AMP_TIER") == "IA")
        #expect(try value(1, "CSL_ONCOGENICITY_CRITERIA") == "OS3&OP1")
        #expect(try value(1, "CSL_ONCOGENICITY_POINTS") == "5")
        #expect(try value(2, "CSL_ONCOGENICITY_POINTS") == "1")
        // V600G: 3 of 897 samples at the residue → OP3 only (no REVEL value: OP1 not evaluated); no CIViC
        // variant named V600G here → Tier III.
        #expect(try value(2, "CSL_AMP_TIER") == "III")
        #expect(try value(2, "CSL_ONCOGENICITY_CRITERIA") == "OP3")
    }

    // MARK: population frequencies (gnomAD v4.0 slices)

    static let exomes = "gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz"
    static let genomes = "gnomad/annonars_freqs_grch38_v4.0_gnomad-genomes.1.vcf.bgz"

    @Test("OP4 and SBS1 from the KB's gnomAD tables: chr1:55039931 G>A is present (grpmax AF as bcftools reads it, below 1 %), G>C has AC 0 and G>T no row: both absent → OP4",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func populationFromKB() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kbPath = dir.appendingPathComponent("kb").path
        let build = try Command.consilium(["kb", "build", "-o", kbPath, "--civic", Self.civicFolder, "--quiet",
                                           "--frequencies", "gnomad_exomes=" + SharedData.path(Self.exomes),
                                           "--frequencies", "gnomad_genomes=" + SharedData.path(Self.genomes)])
        #expect(build.status == 0, "\(build.stderr)")
        let kb = try KnowledgeBase(path: kbPath)
        let peer = try Command.peer("bcftools", ["query", "-r", "chr1:55039931", "-f", "%REF>%ALT %AC %AF_grpmax\n", SharedData.path(Self.exomes)]).stdoutText
        let grpmax = try #require(peer.split(separator: "\n").first { $0.hasPrefix("G>A ") }?.split(separator: " ").last.map(String.init))
        #expect(peer.contains("G>C 0 "))   // the G>C row exists with no carrier
        let input = dir.appendingPathComponent("in.vcf").path
        try """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1,length=248956422>
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr1\t55039931\t.\tG\tA\t.\tPASS\t.
        chr1\t55039931\t.\tG\tC\t.\tPASS\t.
        chr1\t55039931\t.\tG\tT\t.\tPASS\t.

        """.write(toFile: input, atomically: true, encoding: .utf8)
        let somatic = try SomaticAnnotator(kb: kb, tumorType: "COADREAD", oncoTree: try OncoTree.load(path: Self.oncotree), genomeBuild: "GRCh38")
        let reader = try VCFReader(path: input)
        let lookup = AlleleLookup(kb: kb, header: reader.header)
        for line in somatic.headerLines { _ = reader.header.append(line: line) }
        let record = VCFRecord()
        var results: [SomaticClassification] = []
        while try reader.read(into: record) {
            lookup.lookUp(record)
            try somatic.annotate(record, header: reader.header, lookup: lookup)
            results.append(try #require(somatic.results.first ?? nil))
        }
        try #require(results.count == 3)
        func criterion(_ r: SomaticClassification, _ code: String) -> OncogenicityCriterionResult? {
            r.oncogenicity.criteria.first { $0.code == code }
        }
        #expect(results.map(\.oncogenicity.metCodes) == [".", "OP4", "OP4"])
        #expect(results.map(\.oncogenicity.points) == [0, 1, 1])
        #expect(criterion(results[0], "SBS1")?.status == .notMet)
        #expect(criterion(results[0], "SBS1")?.fact == "max population AF \(grpmax) ≤ 0.01")
        #expect(criterion(results[0], "OP4")?.fact == "present in gnomad_exomes v4.0, gnomad_genomes v4.0")
        #expect(criterion(results[1], "OP4")?.fact == "absent from gnomad_exomes v4.0, gnomad_genomes v4.0")
        #expect(results.map(\.amp.category.code) == ["III", "III", "III"])
        // The value PANEL stores: a JSON round trip keeps everything.
        let data = try JSONEncoder().encode(results[0])
        #expect(try JSONDecoder().decode(SomaticClassification.self, from: data) == results[0])
    }

    // MARK: real consequences: TP53 somatic ClinVar sites

    static let tp53Model = "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.chr.gff3"
    static let tp53Reference = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let somaticSites = "somatic/ClinVar_somatic_sites.TP53_BRCA1_PALB2.GRCh38.vcf.gz"

    @Test("TP53 somatic ClinVar sites with the consequence stage: OVS1 exactly on bcftools csq's null consequences (19 of 28), OM2 on its in-frame indels (5), OP3/OS3/OM3 from the hotspot table for its missense changes",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53WithConsequences() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kbPath = dir.appendingPathComponent("kb").path
        #expect(try Command.consilium(["kb", "build", "-o", kbPath, "--civic", Self.civicFolder, "--quiet"]).status == 0)
        let kb = try KnowledgeBase(path: kbPath)
        let region = dir.appendingPathComponent("tp53.vcf").path
        let cut = try Command.peer("bcftools", ["view", "-r", "chr17:7660000-7700000", "-o", region, SharedData.path(Self.somaticSites)])
        #expect(cut.status == 0)

        // The peer: bcftools csq on the same records and model, the MANE transcript's consequence per record.
        let csqPeer = try Command.peer("bcftools", ["csq", "-l", "-f", SharedData.path(Self.tp53Reference), "-g", SharedData.path(Self.tp53Model), region])
        let tmp = dir.appendingPathComponent("csq.vcf").path
        try csqPeer.stdout.write(to: URL(fileURLWithPath: tmp))
        let peerText = try Command.peer("bcftools", ["query", "-f", "%POS:%REF:%ALT\t%BCSQ\n", tmp]).stdoutText
        var peer: [String: (consequence: String, protein: String)] = [:]
        for line in peerText.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let mane = parts[1].split(separator: ",").first { $0.contains("ENST00000269305") }.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            peer[parts[0]] = (mane?.first ?? "none", mane.flatMap { $0.count > 5 ? $0[5] : nil } ?? "")
        }
        #expect(peer.count == 28)

        // Hotspot counts read straight from the table, for the expected missense criteria.
        let table = try String(contentsOfFile: Self.hotspots, encoding: .utf8)
        func hotspotCode(residue: String, alt: String) -> String? {
            guard let row = table.split(separator: "\n").first(where: { $0.hasPrefix("TP53\t\(residue)\t") }) else { return nil }
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false)
            let samples = Int(cells[12]) ?? 0
            let counts = Dictionary(uniqueKeysWithValues: cells[7].split(separator: "|").map { ($0.split(separator: ":")[0], Int($0.split(separator: ":")[1]) ?? 0) })
            let k = counts[Substring(alt)] ?? 0
            return k >= 10 ? (samples >= 50 ? "OS3" : "OM3") : "OP3"
        }

        let model = try GeneModelReader.read(path: SharedData.path(Self.tp53Model))
        let csq = ConsequenceAnnotator(model: model, reference: try FastaReference(path: SharedData.path(Self.tp53Reference)), source: "TP53")
        let somatic = try SomaticAnnotator(kb: kb, tumorType: "BRCA", oncoTree: try OncoTree.load(path: Self.oncotree),
                                           hotspots: try CancerHotspots.load(path: Self.hotspots), genomeBuild: "GRCh38",
                                           geneRoles: ["TP53": .tumorSuppressor],   // a bona fide tumor suppressor (Horak 2022)
                                           consequences: csq)
        let reader = try VCFReader(path: region)
        let lookup = AlleleLookup(kb: kb, header: reader.header)
        for line in csq.headerLines + somatic.headerLines { _ = reader.header.append(line: line) }
        let record = VCFRecord()
        var counts: [String: Int] = [:]
        while try reader.read(into: record) {
            lookup.lookUp(record)
            try csq.annotate(record, header: reader.header, lookup: lookup)
            try somatic.annotate(record, header: reader.header, lookup: lookup)
            let key = "\(record.position1):\(record.allele(0)):\(record.allele(1))"
            let expected = try #require(peer[key], "\(key)")
            let r = try #require(somatic.results.first ?? nil)
            let met = r.oncogenicity.criteria.filter { $0.status == .met }.map(\.code)
            let terms = expected.consequence.split(separator: "&")
            if terms.contains(where: { ["frameshift", "stop_gained", "splice_acceptor", "splice_donor", "start_lost"].contains($0) }) {
                #expect(met == ["OVS1"], "\(key) \(expected.consequence)")
                #expect(r.oncogenicity.oncogenicityClass == .likelyOncogenic && r.oncogenicity.points == 8)
                counts["null", default: 0] += 1
            } else if terms.contains("inframe_deletion") || terms.contains("inframe_insertion") {
                #expect(met == ["OM2"], "\(key) \(expected.consequence)")
                counts["inframe", default: 0] += 1
            } else if terms == ["missense"] {
                // "334G>334V": residue G334, alternate V.
                let sides = expected.protein.split(separator: ">")
                let residue = String(sides[0].drop { $0.isNumber }) + String(sides[0].prefix { $0.isNumber })
                let alt = String(sides[1].drop { $0.isNumber })
                #expect(met == (hotspotCode(residue: residue, alt: alt).map { [$0] } ?? []), "\(key) \(expected.protein)")
                counts["missense", default: 0] += 1
            } else {
                #expect(met.isEmpty, "\(key) \(expected.consequence)")
                counts["other", default: 0] += 1
            }
            #expect(r.amp.category.code == "III")   // no CIViC evidence for these TP53 alleles in the shared records
        }
        #expect(counts == ["null": 19, "inframe": 5, "missense": 3, "other": 1])
    }

    // MARK: curator calls from the curation file

    /// Horak 2022 leaves OS2 (well-established functional studies), OM1, OM4, OP2, SBS2 and SBP2 to a curator; the
    /// institution's curation file carries them in its `oncogenicity` / `oncogenicity_not_met` columns, and a
    /// curator call replaces the computed result (kept next to it). TP53 R175H: OS3 from the hotspot table (4) +
    /// curated OS2 (4) = 8 → Likely oncogenic (6–9, Horak 2022 Table 3); R248Q: the curator rejects the computed
    /// OS3, so it scores nothing; the rows' other ACMG columns do not matter to this stage.
    @Test("curated OS2 adds 4 points to TP53 R175H (OS3 + OS2 = 8, Likely oncogenic); a curator's oncogenicity_not_met removes a computed OS3",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func curatorCalls() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let curations = dir.appendingPathComponent("curations.tsv").path
        try """
            #build=GRCh38
            chrom\tpos\tref\talt\tgene\tclass\tcriteria\toncogenicity\toncogenicity_not_met\tdate\tcurator\tnote
            chr17\t7675088\tC\tT\tTP53\tP\tPS3\tOS2\t\t2025-01-10\tcurator-07\tfunctional studies (transactivation)
            chr17\t7674220\tC\tT\tTP53\tP\tPS3\t\tOS3\t2025-01-11\tcurator-03\trejects the hotspot call for this test

            """.write(toFile: curations, atomically: true, encoding: .utf8)
        let kbPath = dir.appendingPathComponent("kb").path
        let build = try Command.consilium(["kb", "build", "-o", kbPath, "--curations", curations, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let kb = try KnowledgeBase(path: kbPath)
        let input = dir.appendingPathComponent("in.vcf").path
        try """
            ##fileformat=VCFv4.2
            ##contig=<ID=chr17,length=83257441>
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
            chr17\t7674220\t.\tC\tT\t.\tPASS\t.
            chr17\t7675088\t.\tC\tT\t.\tPASS\t.

            """.write(toFile: input, atomically: true, encoding: .utf8)
        let somatic = try SomaticAnnotator(kb: kb, tumorType: "BRCA", oncoTree: try OncoTree.load(path: Self.oncotree),
                                           hotspots: try CancerHotspots.load(path: Self.hotspots), genomeBuild: "GRCh38")
        let reader = try VCFReader(path: input)
        let lookup = AlleleLookup(kb: kb, header: reader.header)
        for line in somatic.headerLines { _ = reader.header.append(line: line) }
        // What the consequence stage reports on NM_000546 / ENST00000269305 for these two sites (c.743G>A, c.524G>A).
        var position = 0
        somatic.facts = { _ in
            position == 7674220
                ? SomaticAnnotator.VariantFacts(gene: "TP53", proteinChange: "R248Q", proteinPosition: 248, altAminoAcid: "Q", variantClass: .missense)
                : SomaticAnnotator.VariantFacts(gene: "TP53", proteinChange: "R175H", proteinPosition: 175, altAminoAcid: "H", variantClass: .missense)
        }
        let record = VCFRecord()
        var results: [SomaticClassification] = []
        while try reader.read(into: record) {
            position = Int(record.position1)
            lookup.lookUp(record)
            try somatic.annotate(record, header: reader.header, lookup: lookup)
            results.append(try #require(somatic.results.first ?? nil))
        }
        try #require(results.count == 2)
        let (r248q, r175h) = (results[0].oncogenicity, results[1].oncogenicity)
        func criterion(_ r: OncogenicityResult, _ code: String) -> OncogenicityCriterionResult? { r.criteria.first { $0.code == code } }
        #expect(r175h.metCodes == "OS2&OS3")
        #expect(r175h.points == 8)
        #expect(r175h.oncogenicityClass == .likelyOncogenic)
        let os2 = try #require(criterion(r175h, "OS2"))
        #expect(os2.origin == .curator(name: "curator-07", date: "2025-01-10", justification: "functional studies (transactivation)"))
        #expect(r175h.computed.first { $0.code == "OS2" }.map { if case .notEvaluated = $0.status { true } else { false } } == true)
        #expect(criterion(r248q, "OS3")?.status == .notMet)
        #expect(r248q.computed.first { $0.code == "OS3" }?.status == .met)
        #expect(r248q.points == 0)
    }

    @Test("table loading for the command line: a missing or wrong table is an input error naming the file")
    func tableErrors() throws {
        let dir = try Command.temporaryDirectory()
        let bad = dir.appendingPathComponent("tree.tsv").path
        try "code\tname\n".write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try SomaticAnnotator.loadTables(oncoTree: bad, hotspots: nil)
            Issue.record("a table without parent/level columns must be refused")
        } catch {
            #expect(error.file == bad && error.field == "parent")
        }
        do {
            _ = try SomaticAnnotator.loadTables(oncoTree: dir.appendingPathComponent("none.tsv").path, hotspots: nil)
            Issue.record("a missing file must be refused")
        } catch {
            #expect(error.problem.contains("cannot be read"))
        }
    }

    @Test("evidence text is percent-encoded for the reserved characters and keeps the rest")
    func percentEncoding() {
        #expect(SomaticAnnotator.percentEncode("a,b;c=d|e&f%g\th\ni") == "a%2Cb%3Bc%3Dd%7Ce%26f%25g%09h%0Ai")
        #expect(SomaticAnnotator.percentEncode("Lung Non-small Cell Carcinoma") == "Lung Non-small Cell Carcinoma")
    }

    @Test("a tumor type that is not an OncoTree code is refused before any record is read",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func badTumorType() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let kbPath = dir.appendingPathComponent("kb").path
        #expect(try Command.consilium(["kb", "build", "-o", kbPath, "--civic", Self.civicFolder, "--quiet"]).status == 0)
        let kb = try KnowledgeBase(path: kbPath)
        #expect(throws: InputError.self) {
            try SomaticAnnotator(kb: kb, tumorType: "Melanoma", oncoTree: try OncoTree.load(path: Self.oncotree))
        }
    }
}
