import Foundation
import HTS
import Knowledge

/// The canonical JSON form of a report (schema: docs/case-report.schema.json): sorted keys, two-space
/// indentation, no escaped slashes, a final newline; the same value always gives the same bytes.
public enum ReportJSON {
    public static func encode(_ report: CaseReport) throws(InputError) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            var d = try e.encode(report)
            d.append(0x0A)
            return d
        } catch {
            throw InputError(file: "report", location: .file, problem: "the report cannot be encoded as JSON (a number is not finite?)")
        }
    }

    /// SHA-256 of the canonical JSON with `provenance.reportSHA256` empty.
    public static func hash(_ report: CaseReport) throws(InputError) -> String {
        var r = report
        r.provenance.reportSHA256 = ""
        let d = try encode(r)
        return d.withUnsafeBytes { SHA256.hash($0) }
    }

    /// The report with its provenance hash filled in.
    public static func sealed(_ report: CaseReport) throws(InputError) -> CaseReport {
        var r = report
        r.provenance.reportSHA256 = try hash(report)
        return r
    }

    /// Whether a JSON report's recorded hash matches its content.
    public static func verify(_ data: Data) -> Bool {
        guard let r = try? JSONDecoder().decode(CaseReport.self, from: data), let h = try? hash(r) else { return false }
        return h == r.provenance.reportSHA256 && (try? encode(r)) == data
    }
}
