import HTS
import Yams

/// The keys a case file may hold at each level (the same as `docs/case-file.schema.json`, which a test
/// keeps in step), and where a field sits in the YAML for error messages.
enum CaseFileSchema {
    /// Allowed keys by dotted object path ("" is the top level).
    static let keys: [String: [String]] = [
        "": ["schemaVersion", "caseId", "demonstration", "patient", "tumor", "specimen", "test", "inputs", "biomarkers",
             "consent", "orderingDepartment", "institution"],
        "patient": ["sex", "ageBand"],
        "tumor": ["oncotree", "name"],
        "specimen": ["type", "collected", "tumorCellContent"],
        "test": ["name", "version", "design", "genes", "regions"],
        "inputs": ["somatic", "germline", "sample", "reference", "geneModels"],
        "biomarkers": ["tmb", "msi", "hrd"],
        "biomarkers.tmb": ["value", "unit", "method", "status"],
        "biomarkers.hrd": ["value", "unit", "method", "status"],
        "biomarkers.msi": ["status", "value", "method"],
        "consent": ["secondaryFindings", "researchUse"],
    ]

    /// What to write for a field, shown as the hint of an error about it.
    static func hint(for field: String) -> String? {
        switch field {
        case "schemaVersion": return "write schemaVersion: \(CaseFile.currentSchemaVersion)"
        case "caseId": return "a pseudonymous id: letters, digits, '.', '_' or '-', at most 64 characters, never a name or record number"
        case "patient.sex": return "one of: \(CaseFile.Sex.allowedList)"
        case "patient.ageBand": return "a band such as 40-49 or 90+, never an exact age"
        case "tumor.oncotree": return "an OncoTree code such as BRCA, LUAD, COADREAD (upper-case letters, digits, _)"
        case "specimen.type": return "one of: \(CaseFile.SpecimenType.allowedList)"
        case "specimen.collected": return "an ISO date, YYYY-MM-DD"
        case "specimen.tumorCellContent": return "a percentage from 0 to 100"
        case "test.design": return "one of: \(CaseFile.TestDesign.allowedList)"
        case "test.genes": return "a list of HGNC symbols, e.g. [TP53, BRCA1]"
        case "test.regions": return "a BED file path, relative to the case file"
        case "biomarkers.msi.status": return "one of: \(CaseFile.MSIStatus.allowedList)"
        case "consent.secondaryFindings", "consent.researchUse": return "one of: \(CaseFile.ConsentAnswer.allowedList)"
        default:
            if field.hasPrefix("inputs.") { return "a file path, relative to the case file" }
            return nil
        }
    }

    /// Unknown keys anywhere in the document, each located at its line.
    static func unknownKeys(in node: Node, file: String) -> [InputError] {
        var out: [InputError] = []
        func walk(_ n: Node, _ path: String) {
            guard let mapping = n.mapping, let allowed = keys[path] else { return }
            for (k, v) in mapping {
                guard let key = k.string else {
                    out.append(InputError(file: file, location: k.mark.map { .line($0.line) } ?? .file, field: path.isEmpty ? nil : path,
                                          problem: "a key is not text", hint: "allowed keys: \(allowed.joined(separator: ", "))"))
                    continue
                }
                let child = path.isEmpty ? key : path + "." + key
                if !allowed.contains(key) {
                    // The key itself is shown: keys are schema words, not patient data.
                    out.append(InputError(file: file, location: k.mark.map { .line($0.line) } ?? .file, field: child,
                                          problem: "unknown field", hint: "allowed here: \(allowed.joined(separator: ", "))"))
                    continue
                }
                walk(v, child)
            }
        }
        walk(node, "")
        return out
    }

    /// The line of the node at a decoding path (the deepest node found).
    static func location(of path: [CodingKey], in node: Node) -> InputLocation {
        var current = node
        for key in path {
            if let i = key.intValue, let seq = current.sequence, i < seq.count {
                current = seq[i]
            } else if let m = current.mapping, let next = m[key.stringValue] {
                current = next
            } else {
                break
            }
        }
        return current.mark.map { .line($0.line) } ?? .file
    }

    /// The line of a dotted field path.
    static func location(of field: String, in node: Node) -> InputLocation {
        location(of: field.split(separator: ".").map { PathKey(stringValue: String($0)) }, in: node)
    }

    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
