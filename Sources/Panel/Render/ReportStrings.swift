import Foundation
import HTS

/// The report's languages.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case ja, en
}

/// Every human-readable string of a rendering, from `Templates/strings.json`: labels by key, and the wording
/// of each code (`triage_meeting`, `reason_low_depth`, …) by language.
public struct ReportStrings: Sendable {
    public let language: ReportLanguage
    public let labels: [String: String]
    public let codes: [String: String]

    public init(language: ReportLanguage) throws(InputError) {
        guard let dir = PanelResources.templatesURL else {
            throw InputError(file: "Templates", location: .file, problem: "the report templates are not installed next to the executable")
        }
        let path = dir.appendingPathComponent("strings.json").path
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let labels = root[language.rawValue] as? [String: String],
              let codes = (root["codes"] as? [String: Any])?[language.rawValue] as? [String: String] else {
            throw InputError(file: path, location: .file, problem: "the strings table is missing or damaged")
        }
        self.language = language
        self.labels = labels
        self.codes = codes
    }

    /// A label; a missing key shows as itself, so a gap is visible rather than silent.
    public subscript(_ key: String) -> String { labels[key] ?? key }

    /// The wording of a code with its prefix (`triage`, `meeting` → "会議で検討").
    public func code(_ prefix: String, _ value: String) -> String { codes["\(prefix)_\(value)"] ?? value }
}
