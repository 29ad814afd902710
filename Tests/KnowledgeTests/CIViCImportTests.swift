import Foundation
import HTS
import Testing
import TestSupport
@testable import Knowledge

/// `--civic DIR`: CIViC's TSV exports and API JSON records (CC0) become one model.
///
/// Source of the data: `../shared/data/civic` (metakb harvester records: API v2 2025 and v1 2022 shapes) and
/// `../shared/data/classification/civic_evidence_2017-02_via_cancervar.tsv` (the Feb 2017 nightly evidence
/// export with CancerVar's trailing columns). Every figure below was measured on those files, and the row
/// count is checked against `wc -l`.
@Suite("CIViC import")
struct CIViCImportTests {
    static let apiFolder = SharedData.path("civic")
    static let tsv2017 = SharedData.path("classification/civic_evidence_2017-02_via_cancervar.tsv")

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("civic-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: API JSON (v1 and v2 shapes)

    @Test("every API JSON file of the folder is read; EID3017 from v1 and v2 is kept once, the v2 record winning",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func apiFolder() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(directory: Self.apiFolder)
        #expect(k.readFiles.map(\.name) == [
            "civic_aid_7.json", "civic_eid_3017.json", "civic_gene_5.json", "civic_molecular_profile_12.json",
            "civic_variant_12.json", "v1api_2022_assertions.json", "v1api_2022_evidence.json",
            "v1api_2022_genes.json", "v1api_2022_variants.json",
        ])
        #expect(k.ignoredFiles.isEmpty)
        #expect(k.files.first { $0.name == "civic_eid_3017.json" }?.kind == "CIViC API JSON (v2 shape)")
        #expect(k.files.first { $0.name == "v1api_2022_evidence.json" }?.kind == "CIViC API JSON (v1 shape)")
        // EID45 is embedded in the v1 variant record, EID7283/7728 in the v1 assertion record.
        #expect(k.evidence.map(\.id) == [45, 3017, 7283, 7728])
        #expect(k.assertions.map(\.id) == [7, 40])
        #expect(k.supersededRecords == 1)
        #expect(k.evidence(id: 3017)?.file == "civic_eid_3017.json")
        // Variants: 12 (v2), 100 (v1), and the 7 named in the v1 gene records (ALK 5, DUX4 2).
        #expect(k.variants.count == 9)
        #expect(k.recordCount == 4 + 2 + 9)
        #expect(k.release == nil)
    }

    @Test("BRAF V600E (CIViC variant 12) carries the GRCh37 coordinates the record gives: 7:140453136 A>T",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func brafV600E() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(directory: Self.apiFolder)
        let v = try #require(k.variant(id: 12))
        #expect(v.gene == "BRAF")
        #expect(v.name == "V600E")
        #expect(v.entrezID == 673)
        #expect(v.molecularProfileID == 12)
        let c = try #require(v.coordinates)
        #expect(c.build == "GRCh37")
        #expect(c.chromosome == "7")
        #expect(c.start == 140_453_136)
        #expect(c.stop == 140_453_136)
        let allele = try #require(c.vcfAllele)
        #expect(allele.chrom == "7")
        #expect(allele.pos == "140453136")
        #expect(allele.ref == "A")
        #expect(allele.alt == "T")
        #expect(v.hgvs.contains("NM_004333.4:c.1799T>A"))
        #expect(v.alleleRegistryID == "CA123643")
        #expect(v.clinvarIDs == ["13961", "376069"])
    }

    @Test("EID3017: level A, predictive, dabrafenib + trametinib in NSCLC (DOID 3908), PMID 27283860",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func eid3017() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(directory: Self.apiFolder)
        let e = try #require(k.evidence(id: 3017))
        #expect(e.level == .A)
        #expect(e.type == "Predictive")
        #expect(e.direction == "Supports")
        #expect(e.significance == "Sensitivity/Response")
        #expect(Set(e.therapies) == ["Dabrafenib", "Trametinib"])
        #expect(e.therapyInteraction == "Combination")
        #expect(e.disease == "Lung Non-small Cell Carcinoma")
        #expect(e.doid == "3908")
        #expect(e.pmid == "27283860")
        #expect(e.nctIDs == ["NCT01336634"])
        #expect(e.rating == 4)
        #expect(e.status == "accepted")
        #expect(e.variantOrigin == "Somatic")
        // The v2 record names only its molecular profile: gene and variant come from the MP and variant records.
        #expect(e.molecularProfile == "BRAF V600E")
        #expect(e.gene == "BRAF")
        #expect(e.variant == "V600E")
        #expect(e.variantID == 12)
    }

    @Test("the v1 evidence record alone maps to the same values (v1 vocabulary: drugs, clinical_significance)",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func eid3017FromV1() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(files: [Self.apiFolder + "/v1api_2022_evidence.json",
                                                Self.apiFolder + "/civic_variant_12.json"])
        let e = try #require(k.evidence(id: 3017))
        #expect(e.file == "v1api_2022_evidence.json")
        #expect(e.level == .A)
        #expect(e.type == "Predictive")
        #expect(e.significance == "Sensitivity/Response")
        #expect(e.therapies == ["Trametinib", "Dabrafenib"])
        #expect(e.pmid == "27283860")
        #expect(e.molecularProfileID == nil)
        #expect(e.variantID == 12)
        #expect(e.gene == "BRAF")
        #expect(e.variant == "V600E")
    }

    @Test("AID7 (v2) and AID40 (v1): AMP tier I level A from TIER_I_LEVEL_A and 'Tier I - Level A', FDA and NCCN flags",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func assertions() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(directory: Self.apiFolder)
        let a7 = try #require(k.assertion(id: 7))
        #expect(a7.ampCategory == "Tier I - Level A")
        #expect(a7.ampTier == "I")
        #expect(a7.ampLevel == "A")
        #expect(a7.fdaRegulatoryApproval == true)
        #expect(a7.fdaCompanionTest == true)
        #expect(a7.nccnGuideline == "Melanoma")
        #expect(a7.nccnGuidelineVersion == "2.2018")
        #expect(a7.disease == "Melanoma")
        #expect(a7.doid == "1909")
        #expect(Set(a7.therapies) == ["Dabrafenib", "Trametinib"])
        #expect(a7.evidenceIDs == [3758, 6178, 6938, 6940])
        #expect(a7.gene == "BRAF")
        #expect(a7.variant == "V600E")
        #expect(a7.status == "accepted")
        let a40 = try #require(k.assertion(id: 40))
        #expect(a40.ampTier == "I")
        #expect(a40.ampLevel == "A")
        #expect(a40.fdaRegulatoryApproval == true)
        #expect(a40.nccnGuideline == "Acute Myeloid Leukemia")
        #expect(a40.status == "submitted")
        #expect(a40.evidenceIDs == [7283, 7728])
        #expect(a40.therapies == ["Gilteritinib"])
    }

    // MARK: the 2017 nightly evidence TSV

    @Test("the 2017 evidence TSV imports one item per data line (1,652, as wc -l minus the header), CancerVar columns ignored",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tsv2017() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(files: [Self.tsv2017])
        let wc = try Command.run("/usr/bin/wc", ["-l", Self.tsv2017])
        let lines = try #require(Int(wc.stdoutText.split(separator: " ").first ?? ""))
        #expect(k.evidence.count == lines - 1)
        #expect(k.evidence.count == 1652)
        let report = try #require(k.files.first)
        #expect(report.read)
        #expect(report.kind == "ClinicalEvidenceSummaries TSV (2017 layout)")
        #expect(report.ignoredColumns.contains("'Code'"))
        #expect(report.ignoredColumns.contains("disease (repeated, column 36)"))
        var levels: [CIViCEvidenceLevel: Int] = [:]
        for e in k.evidence { levels[e.level, default: 0] += 1 }
        #expect(levels == [.A: 50, .B: 863, .C: 215, .D: 490, .E: 34])
        #expect(k.evidence.allSatisfy { $0.status == "accepted" && $0.sourceType == "PubMed" })
        // The 2017 vocabulary is mapped to today's: 'Sensitivity' → 'Sensitivity/Response', origins renamed.
        #expect(k.evidence.filter { $0.significance == "Sensitivity/Response" }.count == 781)
        #expect(k.evidence.filter { $0.significance == "Resistance" }.count == 313)
        #expect(k.evidence.filter { $0.variantOrigin == "Rare Germline" }.count == 58)
        let braf = k.evidence.filter { $0.variantID == 12 && $0.level == .A }.map(\.id)
        #expect(braf == [103, 1409, 1411])
    }

    @Test("variants are rebuilt from the 2017 evidence rows: 681 distinct ids, 221 with both allele strings",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func variantsFrom2017() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(files: [Self.tsv2017])
        #expect(k.variants.count == 681)
        #expect(k.variants.filter { $0.coordinates?.vcfAllele != nil }.count == 221)
        let v = try #require(k.variant(id: 12))
        #expect(v.gene == "BRAF")
        #expect(v.name == "V600E")
        #expect(v.coordinates?.build == "GRCh37")
        #expect(v.coordinates?.vcfAllele?.pos == "140453136")
        // A deletion: CIViC leaves variant_bases empty, so no VCF-style allele without the reference.
        let del = try #require(k.variant(id: 764))
        #expect(del.coordinates?.referenceBases == "GA")
        #expect(del.coordinates?.variantBases == nil)
        #expect(del.coordinates?.vcfAllele == nil)
    }

    @Test("in a folder of other tables only the CIViC export is read; the rest is listed as ignored with the reason",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func mixedFolder() throws {
        guard try SharedData.require() else { return }
        let k = try CIViCKnowledge.load(directory: SharedData.path("classification"))
        #expect(k.readFiles.map(\.name) == ["civic_evidence_2017-02_via_cancervar.tsv"])
        #expect(k.ignoredFiles.map(\.name) == ["clingen_erepo_dev.tsv", "horak2022_sop_variants_grch38_positions_oncovi.txt",
                                                "pejaver2022_clinvar2019_missense_insilico_scores.tsv"])
        #expect(k.ignoredFiles.allSatisfy { ($0.note ?? "").contains("CIViC export keys") })
    }

    @Test("two imports of the same inputs give byte-identical canonical JSON",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func determinism() throws {
        guard try SharedData.require() else { return }
        let a = try CIViCKnowledge.load(files: [Self.tsv2017]).canonicalJSON()
        let b = try CIViCKnowledge.load(files: [Self.tsv2017]).canonicalJSON()
        #expect(a == b)
        let c = try CIViCKnowledge.load(directory: Self.apiFolder)
        let decoded = try JSONDecoder().decode(CIViCKnowledge.self, from: c.canonicalJSON())
        #expect(decoded == c)
    }

    // MARK: current (2023+) TSV layouts

    /// Headers as CIViC's exporters write them (griffithlab/civic-v2 `app/models/tsv_formatters/`), with rows
    /// written here from the EID3017, AID7 and variant 12 records above.
    static let evidenceHeader = "molecular_profile\tmolecular_profile_id\tdisease\tdoid\tphenotypes\ttherapies\ttherapy_interaction_type\tevidence_type\tevidence_direction\tevidence_level\tsignificance\tevidence_statement\tcitation_id\tsource_type\tasco_abstract_id\tcitation\tnct_ids\trating\tevidence_status\tevidence_id\tvariant_origin\tlast_review_date\tevidence_civic_url\tmolecular_profile_civic_url\tis_flagged"
    static let evidenceRow = "BRAF V600E\t12\tLung Non-small Cell Carcinoma\t3908\t\tDabrafenib,Trametinib\tCombination\tPredictive\tSupports\tA\tSensitivity/Response\tstatement\t27283860\tPubMed\t\tPlanchard et al., 2016\tNCT01336634\t4\taccepted\t3017\tSomatic\t2024-03-01\thttps://civicdb.org/links/evidence_items/3017\thttps://civicdb.org/links/molecular_profiles/12\tfalse"
    static let assertionHeader = "molecular_profile\tmolecular_profile_id\tdisease\tdoid\tphenotypes\ttherapies\tassertion_type\tassertion_direction\tsignificance\tacmg_codes\tamp_category\tnccn_guideline\tnccn_guideline_version\tregulatory_approval\tfda_companion_test\tassertion_summary\tassertion_description\tassertion_id\tevidence_item_ids\tlast_review_date\tassertion_civic_url\tevidence_items_civic_url\tmolecular_profile_civic_url\tis_flagged"
    static let assertionRow = "BRAF V600E\t12\tMelanoma\t1909\t\tTrametinib,Dabrafenib\tPredictive\tSupports\tSensitivity/Response\t\tTier I - Level A\tMelanoma\t2.2018\ttrue\ttrue\tsummary\tdescription\t7\t3758,6178,6940,6938\t2024-03-01\turl\turls\turl\tfalse"
    static let variantHeader = "variant_id\tvariant_civic_url\tfeature_type\tfeature_id\tfeature_name\tfeature_civic_url\tvariant\tvariant_aliases\tis_flagged\tvariant_groups\tvariant_types\tsingle_variant_molecular_profile_id\tlast_review_date\tgene\tentrez_id\tchromosome\tstart\tstop\treference_bases\tvariant_bases\trepresentative_transcript\tensembl_version\treference_build\thgvs_descriptions\tallele_registry_id\tclinvar_ids\tncit_id\t5_prime_partner_status\t5_prime_partner\t3_prime_partner_status\t3_prime_partner\tvicc_compliant_name\t5_prime_transcript\t5_prime_end_exon\t5_prime_exon_offset\t5_prime_exon_offset_direction\t3_prime_transcript\t3_prime_start_exon\t3_prime_exon_offset\t3_prime_exon_offset_direction"
    static let variantRow = "12\turl\tGene\t5\tBRAF\turl\tV600E\tRS113488022,VAL600GLU\tfalse\t\tMissense Variant\t12\t2024-03-01\tBRAF\t673\t7\t140453136\t140453136\tA\tT\tENST00000288602.6\t75\tGRCh37\tNM_004333.4:c.1799T>A,NP_004324.2:p.Val600Glu\tCA123643\t13961,376069\t\t\t\t\t\t\t\t\t\t\t\t\t\t"

    @Test("2023+ exports (evidence, assertion, variant summaries) map to the same model; gene resolved through the MP")
    func currentLayouts() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.evidenceHeader + "\n" + Self.evidenceRow + "\n").write(to: dir.appendingPathComponent("01-Apr-2024-ClinicalEvidenceSummaries.tsv"), atomically: true, encoding: .utf8)
        try (Self.assertionHeader + "\n" + Self.assertionRow + "\n").write(to: dir.appendingPathComponent("01-Apr-2024-AssertionSummaries.tsv"), atomically: true, encoding: .utf8)
        try (Self.variantHeader + "\n" + Self.variantRow + "\n").write(to: dir.appendingPathComponent("01-Apr-2024-VariantSummaries.tsv"), atomically: true, encoding: .utf8)
        try "not CIViC".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let k = try CIViCKnowledge.load(directory: dir.path)
        #expect(k.readFiles.map(\.kind) == ["AssertionSummaries TSV (2023+ layout)", "ClinicalEvidenceSummaries TSV (2023+ layout)",
                                             "VariantSummaries TSV (2023+ layout)"])
        #expect(k.readFiles.allSatisfy { $0.release == "01-Apr-2024" })
        #expect(k.release == "01-Apr-2024")
        #expect(k.ignoredFiles.map(\.name) == ["README.md"])
        let e = try #require(k.evidence(id: 3017))
        #expect(e.level == .A)
        #expect(e.molecularProfile == "BRAF V600E")
        #expect(e.therapies == ["Dabrafenib", "Trametinib"])
        #expect(e.gene == "BRAF")
        #expect(e.variant == "V600E")
        #expect(e.variantID == 12)
        #expect(e.pmid == "27283860")
        let a = try #require(k.assertion(id: 7))
        #expect(a.ampTier == "I")
        #expect(a.ampLevel == "A")
        #expect(a.fdaRegulatoryApproval == true)
        #expect(a.evidenceIDs == [3758, 6178, 6940, 6938])
        let v = try #require(k.variant(id: 12))
        #expect(v.coordinates?.vcfAllele?.ref == "A")
        #expect(v.hgvs.count == 2)
        #expect(v.aliases == ["RS113488022", "VAL600GLU"])
        #expect(v.variantTypes == ["Missense Variant"])
    }

    // MARK: bad input

    @Test("a bad evidence level names file, line and column (9, evidence_level) and what is allowed",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func badLevel() throws {
        guard try SharedData.require() else { return }
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: Self.tsv2017, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
        var fields = lines[2].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[8] = "Z"
        lines[2] = fields.joined(separator: "\t")
        let path = dir.appendingPathComponent("evidence.tsv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) { try CIViCKnowledge.load(directory: dir.path) }
        #expect(error?.file == path)
        #expect(error?.location == .line(3))
        #expect(error?.field == "column 9 (evidence_level)")
        #expect(error?.problem.contains("A, B, C, D, E") == true)
    }

    @Test("a row with a missing field, invalid JSON, and a folder with nothing from CIViC are refused with the place")
    func otherBadInput() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let short = dir.appendingPathComponent("e.tsv").path
        try (Self.evidenceHeader + "\n" + Self.evidenceRow + "\n" + Self.evidenceRow.split(separator: "\t", omittingEmptySubsequences: false).dropLast().joined(separator: "\t") + "\n")
            .write(toFile: short, atomically: true, encoding: .utf8)
        let e1 = #expect(throws: InputError.self) { try CIViCKnowledge.load(directory: dir.path) }
        #expect(e1?.location == .line(3))
        #expect(e1?.problem.contains("24 tab-separated fields; the header has 25") == true)
        try FileManager.default.removeItem(atPath: short)

        try "{\"type\": \"evidence\", ".write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let e2 = #expect(throws: InputError.self) { try CIViCKnowledge.load(directory: dir.path) }
        #expect(e2?.file.hasSuffix("broken.json") == true)
        #expect(e2?.problem == "is not valid JSON")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("broken.json"))

        try "{\"hello\": 1}".write(to: dir.appendingPathComponent("other.json"), atomically: true, encoding: .utf8)
        let e3 = #expect(throws: InputError.self) { try CIViCKnowledge.load(directory: dir.path) }
        #expect(e3?.file == dir.path)
        #expect(e3?.problem.contains("no CIViC") == true)
    }

    @Test("an evidence record without a level is refused, naming the record and the key")
    func jsonWithoutLevel() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("e.json").path
        try "[{\"type\": \"evidence\", \"id\": 1, \"evidence_level\": \"A\", \"evidence_type\": \"PREDICTIVE\"}, {\"type\": \"evidence\", \"id\": 2, \"evidence_type\": \"PREDICTIVE\"}]"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) { try CIViCKnowledge.load(directory: dir.path) }
        #expect(error?.file == path)
        #expect(error?.location == .record(2))
        #expect(error?.field == "evidence_level")
    }
}
