import Foundation
import HTS
import Mustache

/// Output formats of `consilium case report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, json, fhir, md, pdf

    /// The file written in the output folder.
    public var fileName: String {
        switch self {
        case .html: return "report.html"
        case .json: return "report.json"
        case .fhir: return "report.fhir.json"
        case .md: return "report.md"
        case .pdf: return "report.pdf"
        }
    }
}

/// Renders one `CaseReport` in each format, from the template files and the strings table.
public struct ReportRenderer {
    public let strings: ReportStrings

    public init(language: ReportLanguage) throws(InputError) {
        strings = try ReportStrings(language: language)
    }

    func template(_ name: String) throws(InputError) -> MustacheTemplate {
        guard let dir = PanelResources.templatesURL,
              let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else {
            throw InputError(file: name, location: .file, problem: "the report template is not installed next to the executable")
        }
        do { return try MustacheTemplate(string: text) } catch {
            throw InputError(file: name, location: .file, problem: "the report template does not parse")
        }
    }

    /// Self-contained HTML: no external assets (a Content-Security-Policy forbids loading any), A4 print CSS,
    /// and every value escaped by the template engine.
    public func html(_ report: CaseReport) throws(InputError) -> Data {
        Data(try template("report.html.mustache").render(ReportView(report: report, s: strings).context()).utf8)
    }

    /// Markdown: values HTML-escaped (Markdown viewers pass raw HTML through) and kept on one table cell.
    public func markdown(_ report: CaseReport) throws(InputError) -> Data {
        let context = Self.markdownSafe(ReportView(report: report, s: strings).context())
        return Data(try template("report.md.mustache").render(context).utf8)
    }

    public func json(_ report: CaseReport) throws(InputError) -> Data { try ReportJSON.encode(report) }

    public func fhir(_ report: CaseReport) throws(InputError) -> Data { try FHIRBundle.encode(report, strings: strings) }

    /// Strings with `|` escaped and line breaks and backticks removed, recursively.
    static func markdownSafe(_ value: Any) -> Any {
        switch value {
        case let s as String:
            return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        case let d as [String: Any]: return d.mapValues(markdownSafe)
        case let d as [String: String]: return d.mapValues { markdownSafe($0) as? String ?? "" }
        case let a as [[String: Any]]: return a.map { markdownSafe($0) }
        case let a as [[String: String]]: return a.map { markdownSafe($0) }
        case let a as [String]: return a.map { markdownSafe($0) as? String ?? "" }
        default: return value
        }
    }
}
