import Foundation

/// The template context for one language: every value a template shows, already worded from the strings
/// table. Values stay raw text here; the HTML template escapes every `{{value}}` (never `{{{ }}}` for data).
struct ReportView {
    let report: CaseReport
    let s: ReportStrings

    func context() -> [String: Any] {
        let r = report
        let ev = r.evaluation
        var c: [String: Any] = [:]
        c["t"] = s.labels
        c["lang"] = s.language.rawValue
        if let d = r.caseInfo.demonstration { c["demo"] = d }
        c["caseID"] = r.caseInfo.caseID
        c["reportHash"] = r.provenance.reportSHA256
        c["reportHashShort"] = String(r.provenance.reportSHA256.prefix(16))
        c["kbHashShort"] = String(r.provenance.knowledgeBase.manifestSHA256.prefix(16))
        c["caseRows"] = caseRows()
        c["summary"] = r.summary.map { i -> [String: Any] in
            ["kind": s.code("summary", i.kind), "gene": i.gene ?? "", "variant": i.variant ?? "",
             "detail": i.kind == "consent" ? s.code("consent", i.detail ?? "") : (i.detail ?? ""),
             "level": i.kind == "trial" ? s["phase_n"].replacingOccurrences(of: "{n}", with: i.level ?? "?") : (i.level ?? "")]
        }
        c["triage"] = s.code("triage", r.triage.decision)
        c["gc"] = r.germline.status == "withheld" ? s["withheld_note"] : (r.germline.geneticCounselingRecommended ? s["gc_yes"] : s["gc_no"])
        c["consent"] = s.code("consent", r.consent.secondaryFindings)
        c["somatic"] = r.somaticFindings.map { finding($0, ev) }
        c["hasSomatic"] = !r.somaticFindings.isEmpty
        c["therapies"] = r.therapies.map(therapy)
        c["hasTherapies"] = !r.therapies.isEmpty
        c["trials"] = r.trials.map { t -> [String: Any] in
            // The registry status is free text; the usual ClinicalTrials.gov/jRCT ones are worded per language.
            let statusKey = t.status.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
            // "BRCA1 pathogenic (germline) variant" already names its gene: do not print it twice.
            let genes = t.gene.split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
            let biomarker = genes.allSatisfy { t.biomarker.contains($0) } ? t.biomarker : "\(t.gene) \(t.biomarker)"
            return ["id": t.trialID, "registry": t.registry, "title": t.title, "phase": t.phase,
             "status": s.codes["trial_status_\(String(statusKey))"] ?? t.status, "gene": t.gene,
             "biomarker": biomarker, "tumorTypes": t.tumorTypes.joined(separator: ", "), "japanSites": s.code("sites", t.japanSites),
             "source": t.source, "verified": t.verified, "unverifiedLabel": s["unverified_row"]]
        }
        c["hasTrials"] = !r.trials.isEmpty
        let g = r.germline
        c["germlineWithheld"] = g.status == "withheld"
        c["germlineFlagged"] = g.status == "flagged"
        let presumed = r.somaticFindings.filter { g.presumedGermline.contains($0.id) }
        c["germlineEmpty"] = g.status != "withheld" && g.findings.isEmpty && presumed.isEmpty
        c["germlineFindings"] = g.status == "withheld" ? [] : g.findings.map { finding($0, ev) }
        c["presumed"] = g.status == "withheld" ? [] : presumed.map { f -> [String: Any] in
            var d = finding(f, ev)
            d["reasons"] = (f.presumedGermline?.reasons ?? []).map { s.code("pg", $0) }.joined(separator: "; ")
            d["expected"] = f.presumedGermline?.expectedSomaticVAF.map { String(format: "%.2f", $0) } ?? "—"
            return d
        }
        c["hasPresumed"] = !presumed.isEmpty && g.status != "withheld"
        c["vus"] = r.vus.map { finding($0, ev) }
        c["vusCount"] = r.vus.count
        c["filtered"] = r.filtered.map { f -> [String: Any] in
            ["position": "\(f.chrom):\(f.pos) \(f.ref)>\(f.alt)", "gene": f.gene ?? "—", "reason": s.code("reason", f.reason), "detail": f.detail ?? ""]
        }
        c["filteredCount"] = r.filtered.count
        c["inputs"] = r.qc.inputs.map { i -> [String: Any] in
            ["role": i.role, "file": i.file, "sample": i.sample ?? "—", "records": i.recordsRead, "alleles": i.allelesAfterNormalization,
             "kept": i.kept, "filtered": i.filtered, "refWarnings": i.referenceWarnings]
        }
        c["stages"] = [("consequences", ev.consequences), ("germline", ev.germlineClassification), ("somatic", ev.somaticClassification)].map { name, st -> [String: Any] in
            ["name": s.code("stage", name), "state": s.code("state", st.state), "detail": st.reason.map { s.code("stage_reason", $0) } ?? st.detail]
        }
        c["notes"] = r.qc.notes.map { s.code("note", $0) }
        c["rules"] = r.triage.rules.map { rule -> [String: Any] in
            ["id": rule.id, "text": s.code("rule", rule.id), "fired": rule.fired ? s["yes"] : s["no"], "outcome": s.code("triage", rule.outcome)]
        }
        let p = r.provenance
        c["consiliumVersion"] = p.consiliumVersion
        c["kbHash"] = p.knowledgeBase.manifestSHA256
        c["genomeBuild"] = p.knowledgeBase.genomeBuild ?? "—"
        c["kbSources"] = p.knowledgeBase.sources.map { ["label": $0.label, "kind": $0.kind, "file": $0.file, "version": $0.version ?? "—", "sha": $0.sha256] }
        c["tables"] = p.tables.map { ["role": $0.role, "file": $0.file, "sha": $0.sha256] }
        c["inputFiles"] = p.inputs.map { ["role": $0.role, "file": $0.file, "sha": $0.sha256] }
        c["parameters"] = parameterRows(p.parameters)
        return c
    }

    func caseRows() -> [[String: String]] {
        let i = report.caseInfo
        var rows: [(String, String)] = [
            (s["case_id"], i.caseID),
            (s["sex"], s.code("sex", i.sex)),
            (s["age_band"], i.ageBand ?? "—"),
            (s["tumor"], [i.tumorOncotree, i.tumorName].compactMap { $0 }.joined(separator: " · ")),
            (s["specimen"], i.specimenType.map { s.code("specimen", $0) } ?? "—"),
            (s["collected"], i.specimenCollected ?? "—"),
            (s["tumor_content"], i.tumorCellContent.map { String(format: "%g%%", $0) } ?? "—"),
            (s["test"], [i.testName, i.testVersion.map { "v\($0)" }].compactMap { $0 }.joined(separator: " ")),
            (s["design"], s.code("design", i.testDesign)),
            (s["panel_genes"], i.panelGenes.isEmpty ? "—" : i.panelGenes.joined(separator: ", ")),
        ]
        for b in i.biomarkers {
            let value = [b.value.map { String(format: "%g", $0) }, b.unit, b.status].compactMap { $0 }.joined(separator: " ")
            rows.append(("\(s["biomarkers"]): \(b.name)", "\(value) (\(b.method))"))
        }
        rows.append((s["consent_sf"], s.code("consent", report.consent.secondaryFindings)))
        if let rsc = report.consent.researchUse { rows.append((s["consent_research"], s.code("research", rsc))) }
        if let d = i.orderingDepartment { rows.append((s["department"], d)) }
        if let n = i.institution { rows.append((s["institution"], n)) }
        return rows.map { ["label": $0.0, "value": $0.1] }
    }

    func finding(_ f: VariantFinding, _ ev: Evaluation) -> [String: Any] {
        let ne = s["not_evaluated"]
        let csq = ev.consequences.isEvaluated, som = ev.somaticClassification.isEvaluated, gl = ev.germlineClassification.isEvaluated
        func short(_ h: String?) -> String? { h.map { String($0.split(separator: ":").last ?? Substring($0)) } }
        var d: [String: Any] = [
            "id": f.id,
            "gene": f.gene ?? "—",
            "position": "\(f.chrom):\(f.pos) \(f.ref)>\(f.alt)",
            "transcript": f.transcript ?? "",
            "hgvsc": csq ? (short(f.hgvsc) ?? "—") : ne,
            "hgvsp": csq ? (short(f.hgvsp) ?? "—") : ne,
            "consequence": csq ? (f.consequence?.replacingOccurrences(of: "&", with: ", ") ?? "—") : ne,
            "vaf": f.vaf.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
            "depth": f.depth.map(String.init) ?? "—",
            "oncogenicity": som ? (f.oncogenicity.map { $0.replacingOccurrences(of: "_", with: " ") } ?? "—") : ne,
            "ampTier": som ? (f.ampTier ?? "—") : ne,
            "jpLevel": som ? (f.jpLevel ?? "—") : ne,
            "class": gl ? (f.germlineClass.map { $0.replacingOccurrences(of: "_", with: " ") } ?? "—") : ne,
            "criteria": gl ? (f.acmgCriteria.isEmpty ? "—" : f.acmgCriteria.joined(separator: ", ")) : ne,
            "points": gl ? (f.acmgPoints.map(String.init) ?? "—") : ne,
            "rule": gl ? (f.acmgRule ?? "—") : ne,
            "clinvar": f.clinvar.map { cv in [cv.significance?.replacingOccurrences(of: "_", with: " "), cv.stars.map { "\($0)★" }, cv.id.map { "VCV/ID \($0)" }].compactMap { $0 }.joined(separator: " ") } ?? "—",
            "population": f.population.map { "\($0.source) \(String(format: "%.2e", $0.af))" } ?? "—",
            "presumed": f.presumedGermline?.likely == true ? s["presumed_germline"] : "",
            "actionable": f.actionable,
        ]
        // Status words per language (該当 / 非該当 / 未評価); strengths keep ACMG's English names, as Japanese
        // reports write them, without the field's underscore.
        d["evidence"] = f.acmgEvidence.map { ["code": $0.code, "status": s.code("criterion", $0.status),
                                              "strength": $0.strength.replacingOccurrences(of: "_", with: " "), "text": $0.text] }
        d["hasEvidence"] = !f.acmgEvidence.isEmpty
        return d
    }

    func therapy(_ t: TherapyOption) -> [String: Any] {
        let approvals = t.approvals.map { a in "\(a.region): \(s.code("status", a.status))\(a.date.map { " (\($0))" } ?? "")" }.joined(separator: " / ")
        return ["drug": t.drug, "gene": t.gene, "variant": t.variant, "jpLevel": t.jpLevel, "ampLevel": t.ampLevel ?? "—",
                "context": s.code("context", t.context), "tumorTypes": t.rowTumorTypes.joined(separator: ", "), "approvals": approvals,
                "drugLag": t.approvedAbroadNotJapan, "jpUnknown": t.japanStatusUnknown, "source": t.source, "verified": t.verified,
                "note": t.note ?? "", "rowID": t.rowID, "unverifiedLabel": s["unverified_row"],
                "drugLagLabel": s["drug_lag"], "jpUnknownLabel": s["jp_unknown"]]
    }

    func parameterRows(_ p: ReportParameters) -> [[String: String]] {
        [("minDepth", "\(p.minDepth)"), ("minVAF", "\(p.minVAF)"), ("commonPolymorphismAF", "\(p.commonPolymorphismAF)"),
         ("germlineVAF", "\(p.germlineVAFLow)–\(p.germlineVAFHigh)"), ("homozygousVAF", "\(p.homozygousVAF)"),
         ("somaticVAFMargin", "\(p.somaticVAFMargin)"), ("sfListVersion", p.sfListVersion), ("summaryLimit", "\(p.summaryLimit)")]
            .map { ["name": $0.0, "value": $0.1] }
    }
}
