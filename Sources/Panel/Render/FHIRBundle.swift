import Foundation
import HTS
import Knowledge

/// The report as a FHIR R4 `collection` Bundle following HL7 Genomics Reporting (GRIG STU2): a genomic
/// `DiagnosticReport`, `Variant` observations, `DiagnosticImplication` (germline class) and
/// `TherapeuticImplication` observations, and recommended actions as `Task`s (medication and follow-up
/// recommendations). Built from the `CaseReport` value, so consent gating carries over unchanged.
/// Only elements common to R4/R4B and R5 are used.
enum FHIRBundle {
    static let grig = "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/"
    static let tbd = "http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs"
    static let loinc = "http://loinc.org"

    static func build(_ r: CaseReport, strings s: ReportStrings) -> [String: Any] {
        var entries: [[String: Any]] = []
        let seed = r.provenance.reportSHA256
        func uuid(_ name: String) -> String {
            let h = Array((seed + "|" + name).utf8).withUnsafeBytes { SHA256.hash($0) }
            let c = Array(h.prefix(32))
            return "urn:uuid:\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
        }
        func add(_ name: String, _ resource: [String: Any]) { entries.append(["fullUrl": uuid(name), "resource": resource]) }
        func coding(_ system: String, _ code: String, _ display: String? = nil) -> [String: Any] {
            var c: [String: Any] = ["system": system, "code": code]
            if let display { c["display"] = display }
            return c
        }
        func concept(_ system: String, _ code: String, _ display: String? = nil) -> [String: Any] { ["coding": [coding(system, code, display)]] }
        func text(_ t: String) -> [String: Any] { ["text": t] }
        let patientRef = ["reference": uuid("patient")]

        add("patient", ["resourceType": "Patient", "id": "patient",
                        "identifier": [["system": "urn:consilium:case-id", "value": r.caseInfo.caseID]],
                        "gender": ["female", "male", "other"].contains(r.caseInfo.sex) ? r.caseInfo.sex : "unknown"])
        if let type = r.caseInfo.specimenType {
            var sp: [String: Any] = ["resourceType": "Specimen", "id": "specimen", "subject": patientRef, "type": text(s.code("specimen", type))]
            if let d = r.caseInfo.specimenCollected { sp["collection"] = ["collectedDateTime": d] }
            add("specimen", sp)
        }

        var results: [[String: String]] = []
        var variantRef: [String: String] = [:]
        let germlineShown = r.germline.status != "withheld"
        let variants = r.somaticFindings + (germlineShown ? r.germline.findings : []) + r.vus
        for f in variants {
            let name = "variant-\(f.id)"
            var comps: [[String: Any]] = []
            func comp(_ code: String, _ display: String, _ value: [String: Any]) {
                var c: [String: Any] = ["code": concept(loinc, code, display)]
                for (k, v) in value { c[k] = v }
                comps.append(c)
            }
            if let g = f.gene { comp("48018-6", "Gene studied [ID]", ["valueCodeableConcept": ["text": g]]) }
            if let c = f.hgvsc { comp("48004-6", "DNA change (c.HGVS)", ["valueCodeableConcept": ["text": c]]) }
            if let p = f.hgvsp { comp("48005-3", "Amino acid change (pHGVS)", ["valueCodeableConcept": ["text": p]]) }
            if let t = f.transcript { comp("51958-7", "Transcript reference sequence [ID]", ["valueCodeableConcept": ["text": t]]) }
            comp("48001-2", "Cytogenetic (chromosome) location", ["valueCodeableConcept": ["text": f.chrom]])
            comp("81254-5", "Genomic allele start-end", ["valueRange": ["low": ["value": f.pos], "high": ["value": f.pos + max(0, f.ref.count - 1)]]])
            comp("69547-8", "Genomic ref allele [ID]", ["valueString": f.ref])
            comp("69551-0", "Genomic alt allele [ID]", ["valueString": f.alt])
            comp("48002-0", "Genomic source class [Type]", ["valueCodeableConcept": f.origin == "germline"
                ? concept(loinc, "LA6683-2", "Germline") : concept(loinc, "LA6684-0", "Somatic")])
            if let v = f.vaf { comp("81258-6", "Sample variant allelic frequency [NFr]", ["valueQuantity": ["value": (v * 10000).rounded() / 10000, "system": "http://unitsofmeasure.org", "code": "1"]]) }
            if let d = f.depth { comp("82121-5", "Allelic read depth", ["valueQuantity": ["value": d, "system": "http://unitsofmeasure.org", "code": "1"]]) }
            var obs: [String: Any] = [
                "resourceType": "Observation", "id": name, "status": "preliminary",
                "meta": ["profile": [grig + "variant"]],
                "category": [["coding": [coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")]]],
                "code": concept(loinc, "69548-6", "Genetic variant assessment"),
                "subject": patientRef,
                "valueCodeableConcept": concept(loinc, "LA9633-4", "Present"),
                "component": comps,
            ]
            if r.caseInfo.specimenType != nil { obs["specimen"] = ["reference": uuid("specimen")] }
            add(name, obs)
            variantRef[f.id] = uuid(name)
            results.append(["reference": uuid(name)])

            if let cls = f.germlineClass, let answer = clinicalSignificance[cls] {
                let dname = "diagnostic-\(f.id)"
                var dcomps: [[String: Any]] = [["code": concept(loinc, "53037-8", "Genetic variation clinical significance [Imp]"),
                                                "valueCodeableConcept": concept(loinc, answer.0, answer.1)]]
                if !f.acmgCriteria.isEmpty {
                    dcomps.append(["code": concept(tbd, "evidence-level"), "valueCodeableConcept": ["text": f.acmgCriteria.joined(separator: ", ")]])
                }
                add(dname, ["resourceType": "Observation", "id": dname, "status": "preliminary",
                            "meta": ["profile": [grig + "diagnostic-implication"]],
                            "code": concept(tbd, "diagnostic-implication", "Diagnostic Implication"),
                            "subject": patientRef, "derivedFrom": [["reference": uuid(name)]], "component": dcomps])
                results.append(["reference": uuid(dname)])
            }
        }

        var tasks: [[String: Any]] = []
        for (i, t) in r.therapies.enumerated() {
            let tname = "therapeutic-\(i + 1)"
            let refs = t.findings.compactMap { variantRef[$0] }.map { ["reference": $0] }
            var comps: [[String: Any]] = [
                ["code": concept(loinc, "51963-7", "Medication assessed [ID]"), "valueCodeableConcept": ["text": t.drug]],
                ["code": concept(loinc, "93044-6", "Level of evidence"), "valueCodeableConcept": ["text": "JP \(t.jpLevel)" + (t.ampLevel.map { " / AMP \($0)" } ?? "")]],
                ["code": concept(tbd, "predicted-therapeutic-implication"), "valueCodeableConcept": ["text": s.code("context", t.context)]],
            ]
            if !t.verified { comps.append(["code": concept(tbd, "conclusion-string"), "valueString": s["unverified_row"]]) }
            var obs: [String: Any] = ["resourceType": "Observation", "id": tname, "status": "preliminary",
                                      "meta": ["profile": [grig + "therapeutic-implication"]],
                                      "code": concept(tbd, "therapeutic-implication", "Therapeutic Implication"),
                                      "subject": patientRef, "component": comps,
                                      "note": [["text": "\(t.source)\(t.approvedAbroadNotJapan ? " · " + s["drug_lag"] : "")"]]]
            if !refs.isEmpty { obs["derivedFrom"] = refs }
            add(tname, obs)
            results.append(["reference": uuid(tname)])
            tasks.append(["resourceType": "Task", "id": "medication-recommendation-\(i + 1)", "status": "requested", "intent": "proposal",
                          "meta": ["profile": [grig + "medication-recommendation"]],
                          "code": concept(tbd, "medication-recommendation", "Medication Recommendation"),
                          "for": patientRef, "focus": ["reference": uuid(tname)],
                          "description": "\(t.drug) (JP \(t.jpLevel))"])
        }
        for (i, trial) in r.trials.enumerated() {
            tasks.append(["resourceType": "Task", "id": "trial-\(i + 1)", "status": "requested", "intent": "proposal",
                          "meta": ["profile": [grig + "followup-recommendation"]],
                          "code": concept(tbd, "followup-recommendation", "Follow-up Recommendation"),
                          "for": patientRef, "description": "\(s["trial"]): \(trial.trialID) (\(trial.registry))"])
        }
        if r.germline.geneticCounselingRecommended {
            tasks.append(["resourceType": "Task", "id": "genetic-counseling", "status": "requested", "intent": "proposal",
                          "meta": ["profile": [grig + "followup-recommendation"]],
                          "code": concept(tbd, "followup-recommendation", "Follow-up Recommendation"),
                          "for": patientRef, "description": "\(s["gc_referral"]): \(s["gc_yes"])"])
        }
        for task in tasks { add(task["id"] as? String ?? "task", task) }

        var conclusion = "\(s["triage"]): \(s.code("triage", r.triage.decision))"
        if r.germline.status == "withheld" { conclusion += ". " + s["germline_withheld"] }
        if r.germline.status == "flagged" { conclusion += ". " + s["germline_flagged"] }
        var report: [String: Any] = [
            "resourceType": "DiagnosticReport", "id": "genomic-report", "status": "preliminary",
            "meta": ["profile": [grig + "genomic-report"]],
            "code": concept(loinc, "51969-4", "Genetic analysis report"),
            "subject": patientRef,
            "result": results,
            "conclusion": conclusion,
            "identifier": [["system": "urn:consilium:report-sha256", "value": r.provenance.reportSHA256]],
        ]
        if r.caseInfo.specimenType != nil { report["specimen"] = [["reference": uuid("specimen")]] }
        entries.insert(["fullUrl": uuid("genomic-report"), "resource": report], at: 0)
        return ["resourceType": "Bundle", "id": "case-report", "type": "collection",
                "identifier": ["system": "urn:consilium:case-id", "value": r.caseInfo.caseID], "entry": entries]
    }

    /// LOINC answers for ACMG classes (LL4034-6).
    static let clinicalSignificance: [String: (String, String)] = [
        "Pathogenic": ("LA6668-3", "Pathogenic"), "Likely_pathogenic": ("LA26332-9", "Likely pathogenic"),
        "Uncertain_significance": ("LA26333-7", "Uncertain significance"), "Likely_benign": ("LA26334-5", "Likely benign"),
        "Benign": ("LA6675-8", "Benign"),
    ]

    static func encode(_ r: CaseReport, strings: ReportStrings) throws(InputError) -> Data {
        do {
            var d = try JSONSerialization.data(withJSONObject: build(r, strings: strings), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            d.append(0x0A)
            return d
        } catch {
            throw InputError(file: "report.fhir.json", location: .file, problem: "the FHIR bundle cannot be encoded")
        }
    }
}
