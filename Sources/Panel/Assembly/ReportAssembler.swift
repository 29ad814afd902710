import Foundation
import Variants

/// Everything the report is assembled from: plain values, so assembly is deterministic and testable.
public struct ReportInputs: Sendable {
    public var caseFile: CaseFile
    public var annotation: CaseAnnotation
    public var regions: [PanelRegion]
    public var therapies: TherapyTable?
    public var trials: TrialTable?
    public var transcripts: ReportTranscripts
    /// Genes on the ACMG SF list (from the knowledge base's gene table), nil when the KB has none.
    public var sfGenes: Set<String>?
    public var knowledgeBase: KBProvenance
    public var tables: [FileDigest]
    public var inputDigests: [FileDigest]
    public var parameters: ReportParameters
}

/// Builds the `CaseReport` (rules documented in docs/report.md): panel scope, filters, VUS, therapies and
/// trials, presumed germline, consent gating, summary, triage and provenance.
public enum ReportAssembler {
    public static func assemble(_ input: ReportInputs) -> CaseReport {
        let c = input.caseFile
        let p = input.parameters
        let builder = FindingBuilder(evaluation: input.annotation.evaluation, transcripts: input.transcripts, regions: input.regions)
        let panelGenes = Set(c.test.genes ?? [])
        var somatic: [VariantFinding] = [], germline: [VariantFinding] = [], vus: [VariantFinding] = []
        var filtered: [FilteredVariant] = []
        var qcInputs: [InputSummary] = []
        var n = 0
        for inp in input.annotation.inputs {
            var kept = 0, dropped = 0
            for o in inp.observations {
                n += 1
                var f = builder.finding(o, id: "v\(n)")
                if let reason = filterReason(f, panelGenes: panelGenes, regions: input.regions, hasGeneList: c.test.genes != nil, p: p) {
                    filtered.append(FilteredVariant(chrom: f.chrom, pos: f.pos, ref: f.ref, alt: f.alt, gene: f.gene, reason: reason.0, detail: reason.1))
                    dropped += 1
                    continue
                }
                kept += 1
                if f.origin == "somatic", c.test.design == .tumorOnly {
                    f.presumedGermline = presumedGermline(f, tumorContent: c.specimen?.tumorCellContent, sfGenes: input.sfGenes, p: p)
                }
                if f.germlineClass == "Uncertain_significance" || f.oncogenicity == "Uncertain_significance" {
                    vus.append(f)
                } else if f.origin == "germline" {
                    germline.append(f)
                } else {
                    somatic.append(f)
                }
            }
            qcInputs.append(InputSummary(role: inp.role, file: (inp.path as NSString).lastPathComponent, sample: inp.sample,
                                         recordsRead: inp.recordsRead, allelesAfterNormalization: inp.observations.count,
                                         kept: kept, filtered: dropped, referenceWarnings: inp.referenceWarnings))
        }

        // Consent gating: a declined disclosure removes germline content before anything is derived from it.
        let consent = c.consent.secondaryFindings
        let germlineStatus = consent == .no ? "withheld" : (consent == .undecided ? "flagged" : "shown")
        var withheldIDs: Set<String> = []
        if consent == .no {
            withheldIDs = Set(germline.map(\.id) + vus.filter { $0.origin == "germline" }.map(\.id))
            germline = []
            vus.removeAll { $0.origin == "germline" }
            for i in somatic.indices { somatic[i].presumedGermline = nil }
        }
        if consent == .no {
            // Filtered germline variants are withheld too: their presence alone would disclose them.
            let germlineSites = Set(input.annotation.inputs.filter { $0.role == "germline" }.flatMap { $0.observations.map { "\($0.chrom):\($0.pos):\($0.ref):\($0.alt)" } })
            filtered.removeAll { germlineSites.contains("\($0.chrom):\($0.pos):\($0.ref):\($0.alt)") }
        }

        let findingsForMatching = somatic + germline
        var therapies = matchTherapies(findingsForMatching, table: input.therapies, tumor: c.tumor?.oncotree)
        var trials = matchTrials(findingsForMatching, table: input.trials, tumor: c.tumor?.oncotree)
        therapies.removeAll { !withheldIDs.isDisjoint(with: $0.findings) }
        trials.removeAll { !withheldIDs.isDisjoint(with: $0.findings) }
        let therapyFindings = Set(therapies.flatMap(\.findings))
        for i in somatic.indices { somatic[i].actionable = isActionable(somatic[i], therapyFindings) }
        for i in germline.indices { germline[i].actionable = isActionable(germline[i], therapyFindings) }

        let presumed = somatic.filter { $0.presumedGermline?.likely == true }.map(\.id)
        let germlinePLP = germline.filter { $0.germlineClass == "Pathogenic" || $0.germlineClass == "Likely_pathogenic" }
        let gc = consent != .no && (!presumed.isEmpty || !germlinePLP.isEmpty)
        let section = GermlineSection(status: germlineStatus, findings: germline, presumedGermline: presumed,
                                      geneticCounselingRecommended: gc, sfListVersion: input.sfGenes == nil ? nil : p.sfListVersion)
        let info = caseInfo(c)
        let summary = summarize(somatic: somatic, germline: section, therapies: therapies, trials: trials, info: info,
                                consent: consent.rawValue, limit: p.summaryLimit)
        var notes: [String] = []
        if !input.annotation.evaluation.consequences.isEvaluated { notes.append("consequences_not_evaluated") }
        if !input.annotation.evaluation.germlineClassification.isEvaluated { notes.append("germline_classification_not_evaluated") }
        if c.test.design != .germline && !input.annotation.evaluation.somaticClassification.isEvaluated { notes.append("somatic_classification_not_evaluated") }
        if input.therapies == nil { notes.append("no_therapies_table") }
        if input.trials == nil { notes.append("no_trials_table") }
        if input.sfGenes == nil { notes.append("no_sf_gene_list") }
        let triage = Triage.decide(somatic: somatic, germline: section, therapies: therapies, consent: consent.rawValue,
                                   inputs: qcInputs)
        return CaseReport(caseInfo: info, consent: ConsentState(secondaryFindings: consent.rawValue, researchUse: c.consent.researchUse?.rawValue),
                          evaluation: input.annotation.evaluation, summary: summary, somaticFindings: somatic, therapies: therapies,
                          trials: trials, germline: section, vus: vus, filtered: filtered,
                          qc: QualitySummary(inputs: qcInputs, notes: notes), triage: triage,
                          provenance: Provenance(consiliumVersion: ConsiliumVersion.string,
                                                 knowledgeBase: input.knowledgeBase, tables: input.tables, inputs: input.inputDigests,
                                                 parameters: p, reportSHA256: ""))
    }

    static func caseInfo(_ c: CaseFile) -> CaseInfo {
        var biomarkers: [Biomarker] = []
        if let t = c.biomarkers?.tmb { biomarkers.append(Biomarker(name: "TMB", value: t.value, unit: t.unit ?? "mut/Mb", status: t.status, method: t.method)) }
        if let m = c.biomarkers?.msi { biomarkers.append(Biomarker(name: "MSI", value: m.value, unit: nil, status: m.status.rawValue, method: m.method)) }
        if let h = c.biomarkers?.hrd { biomarkers.append(Biomarker(name: "HRD", value: h.value, unit: h.unit, status: h.status, method: h.method)) }
        return CaseInfo(caseID: c.caseID, demonstration: c.demonstration, sex: c.patient.sex.rawValue, ageBand: c.patient.ageBand,
                        tumorOncotree: c.tumor?.oncotree, tumorName: c.tumor?.name, specimenType: c.specimen?.type.rawValue,
                        specimenCollected: c.specimen?.collected, tumorCellContent: c.specimen?.tumorCellContent,
                        testName: c.test.name, testVersion: c.test.version, testDesign: c.test.design.rawValue,
                        panelGenes: c.test.genes ?? [], biomarkers: biomarkers, orderingDepartment: c.orderingDepartment,
                        institution: c.institution)
    }

    /// The first filter a variant fails, as (reason code, detail), or nil when it is kept.
    static func filterReason(_ f: VariantFinding, panelGenes: Set<String>, regions: [PanelRegion], hasGeneList: Bool,
                             p: ReportParameters) -> (String, String?)? {
        let inGene = f.gene.map(panelGenes.contains) ?? false
        let inRegion = regions.contains { $0.contains(f.chrom, f.pos) }
        if !(inGene || inRegion) { return ("outside_panel", f.gene) }
        if f.filter != "PASS" && f.filter != "." { return ("filter_not_pass", f.filter) }
        if let d = f.depth, d < p.minDepth { return ("low_depth", "\(d) < \(p.minDepth)") }
        if f.origin == "somatic", let v = f.vaf, v < p.minVAF { return ("low_vaf", String(format: "%.3f < %.3f", v, p.minVAF)) }
        if f.origin == "somatic", let pop = f.population, pop.af >= p.commonPolymorphismAF {
            return ("common_polymorphism", "\(pop.source) \(String(format: "%.4f", pop.af))")
        }
        for cls in [f.germlineClass, f.oncogenicity] {
            if let cls, cls == "Benign" || cls == "Likely_benign" { return ("benign", cls) }
        }
        if let impact = f.impact, impact == "LOW" || impact == "MODIFIER" { return ("non_coding", f.consequence) }
        return nil
    }

    /// Tumor-only tests: does the variant look germline? (rules in docs/report.md, "Presumed germline").
    static func presumedGermline(_ f: VariantFinding, tumorContent: Double?, sfGenes: Set<String>?, p: ReportParameters) -> PresumedGermline? {
        var reasons: [String] = []
        let expected = tumorContent.map { $0 / 200 }
        if let v = f.vaf {
            if v >= p.homozygousVAF { reasons.append("vaf_near_homozygous") }
            else if v >= p.germlineVAFLow && v <= p.germlineVAFHigh { reasons.append("vaf_near_heterozygous") }
            if let e = expected, v > e + p.somaticVAFMargin { reasons.append("vaf_above_somatic_expectation") }
        }
        if let pop = f.population, pop.af > 0 { reasons.append("population_frequency") }
        if let sig = f.clinvar?.significance, sig.hasPrefix("Pathogenic") || sig.hasPrefix("Likely_pathogenic") {
            reasons.append("clinvar_germline_pathogenic")
        }
        let sf = f.gene.map { sfGenes?.contains($0) ?? false } ?? false
        if sf { reasons.append("sf_gene") }
        // Likely germline: an SF gene, and either the VAF fits a germline heterozygote/homozygote above what the
        // tumor content explains, or ClinVar knows it as germline P/LP.
        let vafGermline = (reasons.contains("vaf_near_heterozygous") || reasons.contains("vaf_near_homozygous"))
            && (expected == nil || reasons.contains("vaf_above_somatic_expectation"))
        let likely = sf && (vafGermline || reasons.contains("clinvar_germline_pathogenic"))
        guard likely || (sf && !reasons.filter({ $0 != "sf_gene" }).isEmpty) else { return nil }
        return PresumedGermline(likely: likely, reasons: reasons, expectedSomaticVAF: expected, referral: likely)
    }

    static func isActionable(_ f: VariantFinding, _ therapyFindings: Set<String>) -> Bool {
        if therapyFindings.contains(f.id) { return true }
        if let t = f.ampTier, ["IA", "IB", "IIC", "IID"].contains(t) { return true }
        if let l = f.jpLevel, ["A", "B", "C", "D"].contains(l) { return true }
        if f.origin == "germline", let c = f.germlineClass, c == "Pathogenic" || c == "Likely_pathogenic" { return true }
        return false
    }

    static func rowMatches(match: String, alteration: String, _ f: VariantFinding) -> Bool {
        switch match {
        case "protein_change":
            guard let p = f.hgvsp else { return false }
            let change = (p.split(separator: ":").last.map(String.init) ?? p).replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
            return change == alteration.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
        case "truncating":
            let terms = Set((f.consequence ?? "").split(separator: "&").map(String.init))
            return !terms.isDisjoint(with: FindingBuilder.truncatingTerms)
        case "pathogenic":
            return ["Pathogenic", "Likely_pathogenic"].contains(f.germlineClass ?? "") || ["Oncogenic", "Likely_oncogenic"].contains(f.oncogenicity ?? "")
        default:
            return false
        }
    }

    /// Rows whose gene and alteration match a finding. On-label when the case's OncoTree code is one of the
    /// row's tumor types (or the row says `*`); rows for other tumor types are shown off-label at JP level C /
    /// AMP IIC (a drug approved in another cancer type), only for drugs with no on-label row for the finding.
    static func matchTherapies(_ findings: [VariantFinding], table: TherapyTable?, tumor: String?) -> [TherapyOption] {
        guard let table else { return [] }
        var out: [TherapyOption] = []
        var onLabelDrugs: Set<String> = []
        var candidates: [(TherapyTable.Row, [VariantFinding], Bool)] = []
        for row in table.rows {
            let hits = findings.filter { $0.gene == row.gene && rowMatches(match: row.match, alteration: row.alteration, $0) }
            guard !hits.isEmpty else { continue }
            let on = row.tumorTypes.contains("*") || (tumor.map(row.tumorTypes.contains) ?? false)
            if on { for h in hits { onLabelDrugs.insert("\(h.id)|\(row.drug)") } }
            candidates.append((row, hits, on))
        }
        var offShown: Set<String> = []
        for (row, hits, on) in candidates {
            var keep = hits
            if !on {
                keep = hits.filter { !onLabelDrugs.contains("\($0.id)|\(row.drug)") && !offShown.contains("\($0.id)|\(row.drug)") }
                for h in keep { offShown.insert("\(h.id)|\(row.drug)") }
            }
            guard !keep.isEmpty else { continue }
            let status = Dictionary(row.approvals.map { ($0.region, $0.status) }, uniquingKeysWith: { a, _ in a })
            let abroad = status["US"] == "approved" || status["EU"] == "approved"
            out.append(TherapyOption(drug: row.drug, gene: row.gene, findings: keep.map(\.id),
                                     variant: keep.map(label).joined(separator: ", "), matchedBy: row.match,
                                     jpLevel: on ? row.jpLevel : "C", ampLevel: on ? row.ampLevel : "IIC",
                                     context: on ? "on_label" : "off_label", rowTumorTypes: row.tumorTypes, approvals: row.approvals,
                                     approvedAbroadNotJapan: abroad && status["JP"] == "not_approved",
                                     japanStatusUnknown: status["JP"] == "unknown" || status["JP"] == nil,
                                     source: row.source, verified: row.verified, note: row.note, rowID: row.id))
        }
        // On-label first, then by level, drug and row: the order is part of the report's bytes, so it is total.
        func rank(_ t: TherapyOption) -> Int { t.context == "on_label" ? 0 : 1 }
        return out.sorted { (rank($0), $0.jpLevel, $0.drug, $0.rowID) < (rank($1), $1.jpLevel, $1.drug, $1.rowID) }
    }

    static func matchTrials(_ findings: [VariantFinding], table: TrialTable?, tumor: String?) -> [TrialMatch] {
        guard let table else { return [] }
        var out: [TrialMatch] = []
        for row in table.rows {
            let tumorOK = row.tumorTypes.contains("*") || (tumor.map(row.tumorTypes.contains) ?? false)
            guard tumorOK else { continue }
            let hits = findings.filter { f in f.gene.map(row.genes.contains) ?? false && rowMatches(match: row.match, alteration: row.alteration, f) }
            guard !hits.isEmpty else { continue }
            out.append(TrialMatch(trialID: row.id, registry: row.registry, title: row.title, phase: row.phase, status: row.status,
                                  gene: row.genes.joined(separator: ";"), biomarker: row.alteration, tumorTypes: row.tumorTypes,
                                  findings: hits.map(\.id), japanSites: row.japanSites, source: row.source, verified: row.verified,
                                  lastChecked: row.lastChecked))
        }
        return out
    }

    /// A short variant label: gene and protein change, else cDNA change, else genomic.
    static func label(_ f: VariantFinding) -> String {
        let gene = f.gene.map { $0 + " " } ?? ""
        if let p = f.hgvsp { return gene + (p.split(separator: ":").last.map(String.init) ?? p) }
        if let c = f.hgvsc { return gene + (c.split(separator: ":").last.map(String.init) ?? c) }
        return gene + "\(f.chrom):\(f.pos) \(f.ref)>\(f.alt)"
    }

    static func summarize(somatic: [VariantFinding], germline: GermlineSection, therapies: [TherapyOption], trials: [TrialMatch],
                          info: CaseInfo, consent: String, limit: Int) -> [SummaryItem] {
        var items: [SummaryItem] = []
        for t in therapies {
            items.append(SummaryItem(kind: "therapy", gene: t.gene, variant: t.variant, detail: t.drug, level: t.jpLevel))
        }
        let withTherapy = Set(therapies.flatMap(\.findings))
        for f in somatic where f.actionable && !withTherapy.contains(f.id) {
            items.append(SummaryItem(kind: "finding", gene: f.gene, variant: label(f), detail: f.ampTier, level: f.jpLevel))
        }
        if germline.status != "withheld" {
            for f in germline.findings where f.germlineClass == "Pathogenic" || f.germlineClass == "Likely_pathogenic" {
                items.append(SummaryItem(kind: "germline", gene: f.gene, variant: label(f), detail: nil, level: f.germlineClass))
            }
            for f in germline.findings where f.germlineClass == nil {
                items.append(SummaryItem(kind: "germline_unclassified", gene: f.gene, variant: label(f), detail: nil, level: nil))
            }
            for id in germline.presumedGermline {
                if let f = somatic.first(where: { $0.id == id }) {
                    items.append(SummaryItem(kind: "presumed_germline", gene: f.gene, variant: label(f), detail: nil, level: nil))
                }
            }
            if germline.status == "flagged" && (!germline.findings.isEmpty || !germline.presumedGermline.isEmpty) {
                items.append(SummaryItem(kind: "consent", gene: nil, variant: nil, detail: consent, level: nil))
            }
        } else {
            items.append(SummaryItem(kind: "withheld", gene: nil, variant: nil, detail: nil, level: nil))
        }
        for b in info.biomarkers {
            if b.name == "MSI" && b.status == "MSI-H" { items.append(SummaryItem(kind: "biomarker", gene: nil, variant: "MSI-H", detail: b.method, level: nil)) }
            if b.name == "TMB", let v = b.value, v >= 10 { items.append(SummaryItem(kind: "biomarker", gene: nil, variant: "TMB-High", detail: String(format: "%.1f", v), level: nil)) }
        }
        for t in trials { items.append(SummaryItem(kind: "trial", gene: t.gene, variant: t.biomarker, detail: t.trialID, level: t.phase)) }
        if !items.contains(where: { ["therapy", "finding", "germline", "biomarker", "trial"].contains($0.kind) }) {
            items.insert(SummaryItem(kind: "no_actionable", gene: nil, variant: nil, detail: nil, level: nil), at: 0)
        }
        if items.count > limit {
            let more = items.count - (limit - 1)
            items = Array(items.prefix(limit - 1)) + [SummaryItem(kind: "more", gene: nil, variant: nil, detail: "\(more)", level: nil)]
        }
        return items
    }
}
