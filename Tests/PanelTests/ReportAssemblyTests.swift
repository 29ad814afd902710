import Foundation
import Testing
@testable import Panel

/// The assembly rules of docs/report.md, on plain observations (no htslib): panel scope and filters, presumed
/// germline, therapy matching with on/off-label and drug-lag flags, consent gating and triage.
@Suite struct ReportAssemblyTests {
    static let csqFields = ConsequenceFields.names

    /// A CSL_CSQ entry in the documented layout.
    static func csq(gene: String, transcript: String, consequence: String, impact: String = "HIGH", c: String? = nil, p: String? = nil, mane: Bool = false) -> String {
        var f = Array(repeating: "", count: csqFields.count)
        f[1] = consequence; f[2] = impact; f[3] = gene; f[6] = transcript
        f[10] = c.map { "\(transcript):\($0)" } ?? ""
        f[11] = p.map { "\(transcript):\($0)".replacingOccurrences(of: "=", with: "%3D") } ?? ""
        if mane { f[19] = transcript }
        return f.joined(separator: "|")
    }

    static func caseFile(design: CaseFile.TestDesign = .tumorOnly, consent: CaseFile.ConsentAnswer = .yes, content: Double? = 40,
                         tumor: String = "BRCA") -> CaseFile {
        CaseFile(schemaVersion: 1, caseID: "T-1", demonstration: nil, patient: .init(sex: .female, ageBand: "50-59"),
                 tumor: .init(oncotree: tumor, name: nil), specimen: .init(type: .ffpe, collected: nil, tumorCellContent: content),
                 test: .init(name: "P", version: nil, design: design, genes: ["TP53", "BRCA1"], regions: nil),
                 inputs: .init(somatic: design == .germline ? nil : "t.vcf", germline: design == .germline ? "g.vcf" : nil),
                 biomarkers: nil, consent: .init(secondaryFindings: consent, researchUse: nil), orderingDepartment: nil, institution: nil)
    }

    static let evaluated = Evaluation(consequences: .evaluated("test"), germlineClassification: .notEvaluated(.noGermlineVCF),
                                      somaticClassification: .notEvaluated(.noOncoTree))

    static let therapies = TherapyTable(rows: [
        .init(id: "R1", gene: "BRCA1", match: "truncating", alteration: "BRCA1 LoF", tumorTypes: ["BRCA"], drug: "drugA", jpLevel: "A", ampLevel: "IA",
              approvals: [.init(region: "JP", status: "approved", date: "2018-07-02"), .init(region: "US", status: "approved", date: "2018-01-12"),
                          .init(region: "EU", status: "approved", date: nil)], source: "s1", verified: true, note: nil),
        .init(id: "R2", gene: "BRCA1", match: "truncating", alteration: "BRCA1 LoF", tumorTypes: ["BRCA"], drug: "drugB", jpLevel: "A", ampLevel: "IA",
              approvals: [.init(region: "JP", status: "not_approved", date: nil), .init(region: "US", status: "approved", date: "2018-10-16"),
                          .init(region: "EU", status: "unknown", date: nil)], source: "s2", verified: false, note: nil),
        .init(id: "R3", gene: "BRCA1", match: "truncating", alteration: "BRCA1 LoF", tumorTypes: ["OVT"], drug: "drugC", jpLevel: "A", ampLevel: "IA",
              approvals: [], source: "s3", verified: true, note: nil),
        .init(id: "R4", gene: "BRCA1", match: "truncating", alteration: "BRCA1 LoF", tumorTypes: ["OVT"], drug: "drugA", jpLevel: "A", ampLevel: "IA",
              approvals: [], source: "s4", verified: true, note: nil),
        .init(id: "R5", gene: "TP53", match: "protein_change", alteration: "p.Tyr220Cys", tumorTypes: ["*"], drug: "drugD", jpLevel: "B", ampLevel: nil,
              approvals: [], source: "s5", verified: true, note: nil),
    ], file: "t.tsv")

    static func inputs(_ c: CaseFile, _ observations: [VariantObservation], role: String = "somatic") -> ReportInputs {
        ReportInputs(caseFile: c, annotation: CaseAnnotation(inputs: [.init(role: role, path: "/x/t.vcf", sample: "S", recordsRead: observations.count,
                                                                              referenceWarnings: 0, observations: observations)],
                                                              evaluation: evaluated),
                     regions: [], therapies: therapies, trials: nil, transcripts: ReportTranscripts(), sfGenes: ["BRCA1", "TP53"],
                     knowledgeBase: KBProvenance(manifestSHA256: String(repeating: "0", count: 64), genomeBuild: "GRCh38", builtBy: "0", sources: []),
                     tables: [], inputDigests: [], parameters: ReportParameters())
    }

    static let brca1Stop = VariantObservation(origin: "somatic", chrom: "chr17", pos: 43094564, ref: "C", alt: "A", filter: "PASS", vaf: 0.17, depth: 300,
                                              info: ["CSL_CSQ": csq(gene: "BRCA1", transcript: "NM_007294.4", consequence: "stop_gained", c: "c.967G>T", p: "p.Gly323Ter")])
    static let brca1Frameshift = VariantObservation(origin: "somatic", chrom: "chr17", pos: 43092064, ref: "TC", alt: "T", filter: "PASS", vaf: 0.48, depth: 288,
                                                    info: ["CSL_CSQ": csq(gene: "BRCA1", transcript: "NM_007294.4", consequence: "frameshift_variant", p: "p.Asp1156MetfsTer4")])
    static let tp53 = VariantObservation(origin: "somatic", chrom: "chr17", pos: 7675088, ref: "C", alt: "T", filter: "PASS", vaf: 0.28, depth: 412,
                                         info: ["CSL_CSQ": csq(gene: "TP53", transcript: "ENST00000269305.9", consequence: "missense_variant", impact: "MODERATE", p: "p.Arg175His", mane: true)])

    @Test func filtersNameTheirReasonInOrder() {
        let outside = VariantObservation(origin: "somatic", chrom: "chr17", pos: 100, ref: "G", alt: "A", filter: "PASS", vaf: 0.3, depth: 100,
                                         info: ["CSL_CSQ": Self.csq(gene: "OTHER", transcript: "T1", consequence: "missense_variant", impact: "MODERATE")])
        var lowDP = Self.tp53; lowDP.depth = 12; lowDP.pos += 1
        var failed = Self.tp53; failed.filter = "LowQual"; failed.pos += 2
        var lowVAF = Self.tp53; lowVAF.vaf = 0.01; lowVAF.pos += 3
        var common = Self.tp53; common.population = PopulationFrequency(source: "gnomad_exomes", af: 0.05); common.pos += 4
        let synonymous = VariantObservation(origin: "somatic", chrom: "chr17", pos: 7675200, ref: "G", alt: "A", filter: "PASS", vaf: 0.3, depth: 100,
                                            info: ["CSL_CSQ": Self.csq(gene: "TP53", transcript: "T", consequence: "synonymous_variant", impact: "LOW")])
        let r = ReportAssembler.assemble(Self.inputs(Self.caseFile(), [outside, lowDP, failed, lowVAF, common, synonymous, Self.tp53]))
        #expect(r.filtered.map(\.reason) == ["outside_panel", "low_depth", "filter_not_pass", "low_vaf", "common_polymorphism", "non_coding"])
        #expect(r.filtered[2].detail == "LowQual")
        #expect(r.somaticFindings.map(\.hgvsp) == ["ENST00000269305.9:p.Arg175His"])
        #expect(r.qc.inputs[0].kept == 1 && r.qc.inputs[0].filtered == 6)
    }

    /// Expected clonal heterozygous somatic VAF = content/2 (0.20 at 40%); 0.48 is above it by more than the
    /// margin and inside the heterozygous window, in an SF gene: likely germline. 0.17 is not.
    @Test func presumedGermlineFromVAFAndTumorContent() {
        let r = ReportAssembler.assemble(Self.inputs(Self.caseFile(consent: .yes), [Self.brca1Frameshift, Self.brca1Stop]))
        let fs = r.somaticFindings.first { $0.pos == 43092064 }
        #expect(fs?.presumedGermline?.likely == true)
        #expect(fs?.presumedGermline?.reasons == ["vaf_near_heterozygous", "vaf_above_somatic_expectation", "sf_gene"])
        #expect(fs?.presumedGermline?.expectedSomaticVAF == 0.2)
        #expect(r.somaticFindings.first { $0.pos == 43094564 }?.presumedGermline == nil)
        #expect(r.germline.presumedGermline == [fs?.id].compactMap { $0 })
        #expect(r.germline.geneticCounselingRecommended)
        // Without tumor content, a heterozygous-looking VAF in an SF gene still counts (nothing explains it away).
        let noContent = ReportAssembler.assemble(Self.inputs(Self.caseFile(content: nil), [Self.brca1Frameshift]))
        #expect(noContent.somaticFindings[0].presumedGermline?.likely == true)
    }

    @Test func therapiesOnLabelOffLabelAndDrugLag() throws {
        let r = ReportAssembler.assemble(Self.inputs(Self.caseFile(), [Self.brca1Stop, Self.tp53]))
        #expect(r.therapies.map(\.rowID) == ["R1", "R2", "R3"], "R4 (drugA for OVT) is hidden: drugA is on-label for this finding")
        let b = try #require(r.therapies.first { $0.rowID == "R2" })
        #expect(b.approvedAbroadNotJapan)
        #expect(!b.verified)
        let c = try #require(r.therapies.first { $0.rowID == "R3" })
        #expect(c.context == "off_label" && c.jpLevel == "C" && c.ampLevel == "IIC")
        #expect(c.japanStatusUnknown)
        #expect(!r.therapies.contains { $0.drug == "drugD" }, "TP53 p.Tyr220Cys does not match p.Arg175His")
        #expect(r.somaticFindings.first { $0.gene == "BRCA1" }?.actionable == true)
        #expect(r.somaticFindings.first { $0.gene == "TP53" }?.actionable == false)
        #expect(r.summary.first?.kind == "therapy", "actionable first")
        #expect(r.triage.decision == "meeting")
        #expect(r.triage.rules.first { $0.id == "T3_therapy_needs_discussion" }?.fired == true)
    }

    @Test func omissionCandidateOnlyWhenEveryActionableFindingHasAVerifiedLevelAJapaneseApproval() {
        var table = Self.therapies
        table.rows = [table.rows[0]]
        var i = Self.inputs(Self.caseFile(), [Self.brca1Stop, Self.tp53])
        i.therapies = table
        let r = ReportAssembler.assemble(i)
        #expect(r.triage.decision == "omission_candidate")
        i.therapies = nil
        #expect(ReportAssembler.assemble(i).triage.decision == "circulation")
    }

    @Test func declinedConsentRemovesGermlineContentFromTheValue() throws {
        let g = VariantObservation(origin: "germline", chrom: "chr17", pos: 43106480, ref: "A", alt: "T", filter: "PASS", vaf: 0.48, depth: 93,
                                   info: ["CSL_CSQ": Self.csq(gene: "BRCA1", transcript: "NM_007294.4", consequence: "stop_gained", c: "c.188T>A", p: "p.Leu63Ter")])
        var lowDepth = g; lowDepth.pos = 43106500; lowDepth.depth = 5
        let shown = ReportAssembler.assemble(Self.inputs(Self.caseFile(design: .germline, consent: .yes), [g, lowDepth], role: "germline"))
        #expect(shown.germline.status == "shown")
        #expect(shown.germline.findings.map(\.hgvsp) == ["NM_007294.4:p.Leu63Ter"])
        #expect(!shown.therapies.isEmpty)
        let declined = ReportAssembler.assemble(Self.inputs(Self.caseFile(design: .germline, consent: .no), [g, lowDepth], role: "germline"))
        #expect(declined.germline.status == "withheld")
        let json = try #require(String(data: try ReportJSON.encode(declined), encoding: .utf8))
        for needle in ["43106480", "43106500", "Leu63", "c.188", "drugA"] { #expect(!json.contains(needle), "\(needle) withheld") }
        #expect(declined.summary.contains { $0.kind == "withheld" })
        let undecided = ReportAssembler.assemble(Self.inputs(Self.caseFile(design: .germline, consent: .undecided), [g], role: "germline"))
        #expect(undecided.germline.status == "flagged")
        #expect(undecided.summary.contains { $0.kind == "consent" })
        #expect(undecided.triage.rules.first { $0.id == "T2_consent_undecided" }?.fired == true)
    }

    @Test func declinedConsentDropsPresumedGermlineFlagsButKeepsTheTumorFinding() {
        let r = ReportAssembler.assemble(Self.inputs(Self.caseFile(consent: .no), [Self.brca1Frameshift]))
        #expect(r.somaticFindings.count == 1)
        #expect(r.somaticFindings[0].presumedGermline == nil)
        #expect(r.germline.presumedGermline.isEmpty && !r.germline.geneticCounselingRecommended)
    }

    @Test func stagesThatDidNotRunAreNotReadEvenWhenTheInputCarriesTheirFields() {
        var o = Self.tp53
        o.info["CSL_AMP_TIER"] = "IA"
        o.info["CSL_ACMG"] = "Pathogenic"
        let r = ReportAssembler.assemble(Self.inputs(Self.caseFile(), [o]))
        #expect(r.somaticFindings[0].ampTier == nil)
        #expect(r.somaticFindings[0].germlineClass == nil)
        #expect(r.qc.notes.contains("somatic_classification_not_evaluated"))
    }

    @Test func reportTranscriptTablePrefersTheExactVersion() {
        let entries = [Self.csq(gene: "BRCA1", transcript: "NM_007294.3", consequence: "stop_gained", p: "p.Leu63Ter"),
                       Self.csq(gene: "BRCA1", transcript: "NM_007294.4", consequence: "stop_gained", p: "p.Leu63Ter")].joined(separator: ",")
        let b = FindingBuilder(evaluation: Self.evaluated, transcripts: ReportTranscripts(byGene: ["BRCA1": "NM_007294.4"]), regions: [])
        #expect(b.chooseEntry(entries)?["Feature"] == "NM_007294.4")
        let plain = FindingBuilder(evaluation: Self.evaluated, transcripts: ReportTranscripts(), regions: [])
        #expect(plain.chooseEntry(entries, chosen: "NM_007294.4")?["Feature"] == "NM_007294.4")
    }

    /// The record reader: VAF from FORMAT/AF, else FORMAT/AD, else INFO/TVAF (PCGR/TCGA style); depth from
    /// FORMAT/DP, else the AD total, else INFO/TDP; only the documented CSL_* keys asked for are kept.
    @Test func recordReaderTakesVAFAndDepthFromTheSampleThenINFO() throws {
        let keep: Set<String> = ["CSL_CSQ"]
        let a = try #require(ObservationCollector.parse(line: "chr17\t10\t.\tC\tT\t50\tPASS\tCSL_CSQ=x|y;CSL_ACMG=Pathogenic;DP=9\tGT:AD:DP:AF\t0/1:30,10:40:0.3\n",
                                                        origin: "somatic", sampleIndex: 0, keep: keep))
        #expect(a.vaf == 0.3 && a.depth == 40)
        #expect(a.info == ["CSL_CSQ": "x|y"], "CSL_ACMG was not asked for")
        let b = try #require(ObservationCollector.parse(line: "chr17\t10\t.\tC\tT\t50\tLowQual;q10\t.\tGT:AD\t0/1:30,10", origin: "somatic", sampleIndex: 0, keep: keep))
        #expect(b.vaf == 0.25 && b.depth == 40 && b.filter == "LowQual;q10")
        let c = try #require(ObservationCollector.parse(line: "17\t7673806\t.\tC\tT\t.\tPASS\tTCGA_CODE=BRCA;TVAF=0.351;TDP=94\tGT:DPT\t0/1:94",
                                                        origin: "somatic", sampleIndex: 0, keep: keep))
        #expect(c.vaf == 0.351 && c.depth == 94 && c.chrom == "17" && c.pos == 7673806)
        #expect(ObservationCollector.parse(line: "chr17\tnotanumber\t.\tC\tT", origin: "somatic", sampleIndex: nil, keep: keep) == nil)
    }
}
