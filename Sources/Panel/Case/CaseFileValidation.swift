import Foundation
import HTS
import Yams

/// Checks a decoded case file against the rules the types cannot express: identifier form, ranges, dates,
/// which inputs a test design needs. Messages name the field and what is allowed, never the value given.
enum CaseFileValidation {
    static func problems(in c: CaseFile, file: String, node: Node?) -> [InputError] {
        var out: [InputError] = []
        func fail(_ field: String, _ problem: String, _ hint: String? = nil) {
            let loc = node.map { CaseFileSchema.location(of: field, in: $0) } ?? .file
            out.append(InputError(file: file, location: loc, field: field, problem: problem, hint: hint ?? CaseFileSchema.hint(for: field)))
        }
        if c.schemaVersion != CaseFile.currentSchemaVersion {
            fail("schemaVersion", "this consilium reads case files of schema version \(CaseFile.currentSchemaVersion)")
        }
        if !matches(c.caseID, #"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"#) {
            fail("caseId", "not a valid pseudonymous identifier")
        }
        if let band = c.patient.ageBand, !validAgeBand(band) {
            fail("patient.ageBand", "not an age band")
        }
        if let t = c.tumor, !matches(t.oncotree, #"^[A-Z0-9_]{2,20}$"#) {
            fail("tumor.oncotree", "not an OncoTree code")
        }
        if let s = c.specimen {
            if let d = s.collected, !validDate(d) { fail("specimen.collected", "not a valid date") }
            if let p = s.tumorCellContent, !(0...100).contains(p) || p.isNaN { fail("specimen.tumorCellContent", "out of range") }
        }
        if c.test.name.trimmingCharacters(in: .whitespaces).isEmpty { fail("test.name", "must not be empty", "the panel test's name, e.g. a product name") }
        if let genes = c.test.genes {
            if genes.isEmpty { fail("test.genes", "the list is empty") }
            for (i, g) in genes.enumerated() where !matches(g, #"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$"#) {
                fail("test.genes[\(i)]", "not a gene symbol", "an HGNC symbol such as BRCA1")
            }
        }
        if c.test.genes == nil && c.test.regions == nil {
            fail("test", "the panel's scope is missing", "give test.genes (HGNC symbols) or test.regions (a BED file), or both")
        }
        switch c.test.design {
        case .tumorOnly, .tumorNormal:
            if c.inputs.somatic == nil { fail("inputs.somatic", "a \(c.test.design.rawValue) test needs the tumor VCF", "inputs.somatic: path of the tumor VCF") }
            if c.test.design == .tumorOnly && c.inputs.germline != nil {
                fail("inputs.germline", "a tumor_only test has no germline VCF", "use design: tumor_normal for paired tests")
            }
        case .germline:
            if c.inputs.germline == nil { fail("inputs.germline", "a germline test needs the germline VCF", "inputs.germline: path of the VCF") }
            if c.inputs.somatic != nil { fail("inputs.somatic", "a germline test has no tumor VCF", "use design: tumor_normal for paired tests") }
        }
        if let b = c.biomarkers {
            if let t = b.tmb, t.value < 0 || t.value.isNaN { fail("biomarkers.tmb.value", "must be 0 or more", "mutations per megabase") }
            if let h = b.hrd, h.value.isNaN { fail("biomarkers.hrd.value", "must be a number") }
        }
        // Free text appears in every rendering: bounded and without control characters (escaping does the rest).
        let texts: [(String, String?)] = [
            ("demonstration", c.demonstration), ("tumor.name", c.tumor?.name), ("test.name", c.test.name),
            ("test.version", c.test.version), ("orderingDepartment", c.orderingDepartment), ("institution", c.institution),
            ("biomarkers.tmb.method", c.biomarkers?.tmb?.method), ("biomarkers.msi.method", c.biomarkers?.msi?.method),
            ("biomarkers.hrd.method", c.biomarkers?.hrd?.method),
        ]
        for (field, value) in texts {
            guard let value else { continue }
            if value.count > 300 { fail(field, "longer than 300 characters", "shorten it") }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
                fail(field, "contains control characters", "plain text only")
            }
        }
        return out
    }

    static func matches(_ s: String, _ pattern: String) -> Bool {
        s.range(of: pattern, options: .regularExpression) != nil
    }

    static func validAgeBand(_ s: String) -> Bool {
        if matches(s, #"^[0-9]{1,3}\+$"#) { return true }
        guard matches(s, #"^[0-9]{1,3}-[0-9]{1,3}$"#) else { return false }
        let parts = s.split(separator: "-").compactMap { Int($0) }
        return parts.count == 2 && parts[0] <= parts[1] && parts[1] <= 130
    }

    static func validDate(_ s: String) -> Bool {
        guard matches(s, #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#) else { return false }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard let d = f.date(from: s) else { return false }
        return f.string(from: d) == s
    }
}
