import Foundation

/// CIViC's enumerated values, mapped to one spelling whatever export or API version they came from.
///
/// API v2 writes `SENSITIVITYRESPONSE`, `DOES_NOT_SUPPORT`, `TIER_I_LEVEL_A`; the TSV exports and API v1
/// write `Sensitivity/Response`, `Does Not Support`, `Tier I - Level A`. The 2017 export predates two
/// renames CIViC made later: significance `Sensitivity` → `Sensitivity/Response` and `Resistance or
/// Non-Response` → `Resistance`; variant origin `Somatic Mutation` → `Somatic`, `Germline Mutation` →
/// `Rare Germline`, `Germline Polymorphism` → `Common Germline`. Values are compared on their letters and
/// digits only, upper-cased. A value not in these tables is kept as published (trimmed), so a term CIViC adds
/// later does not stop an import.
enum CIViCVocabulary {
    static func key(_ raw: String) -> String {
        String(raw.uppercased().unicodeScalars.filter { ($0.value >= 65 && $0.value <= 90) || ($0.value >= 48 && $0.value <= 57) })
    }

    private static func table(_ pairs: [(String, [String])]) -> [String: String] {
        var map: [String: String] = [:]
        for (canonical, spellings) in pairs {
            map[key(canonical)] = canonical
            for s in spellings { map[key(s)] = canonical }
        }
        return map
    }

    private static let evidenceTypes = table([
        ("Predictive", []), ("Diagnostic", []), ("Prognostic", []), ("Predisposing", []),
        ("Oncogenic", []), ("Functional", []),
    ])

    private static let directions = table([("Supports", []), ("Does Not Support", []), ("N/A", [])])

    private static let significances = table([
        ("Sensitivity/Response", ["Sensitivity"]),
        ("Resistance", ["Resistance or Non-Response"]),
        ("Reduced Sensitivity", []), ("Adverse Response", []),
        ("Poor Outcome", []), ("Better Outcome", []),
        ("Positive", []), ("Negative", []),
        ("Pathogenic", []), ("Likely Pathogenic", []), ("Benign", []), ("Likely Benign", []),
        ("Uncertain Significance", []),
        ("Gain of Function", []), ("Loss of Function", []), ("Unaltered Function", []),
        ("Neomorphic", []), ("Dominant Negative", []), ("Unknown", []),
        ("Predisposition", []), ("Protectiveness", []),
        ("Oncogenic", []), ("Likely Oncogenic", []),
        ("N/A", []),
    ])

    private static let origins = table([
        ("Somatic", ["Somatic Mutation"]),
        ("Rare Germline", ["Germline Mutation"]),
        ("Common Germline", ["Germline Polymorphism"]),
        ("Mixed", []), ("Combined", []), ("Unknown", []), ("N/A", []),
    ])

    private static let interactions = table([("Combination", []), ("Sequential", []), ("Substitutes", [])])

    private static let sourceTypes = table([("PubMed", []), ("ASCO", []), ("ASH", [])])

    private static func lookup(_ raw: String?, in map: [String: String]) -> String? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        return map[key(trimmed)] ?? trimmed
    }

    static func evidenceType(_ raw: String?) -> String? { lookup(raw, in: evidenceTypes) }
    static func direction(_ raw: String?) -> String? { lookup(raw, in: directions) }
    static func significance(_ raw: String?) -> String? { lookup(raw, in: significances) }
    static func origin(_ raw: String?) -> String? { lookup(raw, in: origins) }
    static func interaction(_ raw: String?) -> String? { lookup(raw, in: interactions) }
    static func sourceType(_ raw: String?) -> String? { lookup(raw, in: sourceTypes) }
    static func status(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let t = raw.trimmingCharacters(in: .whitespaces).lowercased()
        return t.isEmpty ? nil : t
    }

    /// Splits an AMP/ASCO/CAP category in any CIViC spelling (`TIER_I_LEVEL_A`, `Tier I - Level A`, `Tier III`)
    /// into tier and level. Unparseable text is kept as the category with no tier.
    static func ampCategory(_ raw: String?) -> (category: String, tier: String?, level: String?)? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        let tokens = trimmed.uppercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        var tier: String?, level: String?
        var i = 0
        while i + 1 < tokens.count {
            if tokens[i] == "TIER", ["I", "II", "III", "IV"].contains(tokens[i + 1]) { tier = tokens[i + 1] }
            if tokens[i] == "LEVEL", ["A", "B", "C", "D"].contains(tokens[i + 1]) { level = tokens[i + 1] }
            i += 1
        }
        guard let tier else { return (trimmed, nil, nil) }
        let category = level.map { "Tier \(tier) - Level \($0)" } ?? "Tier \(tier)"
        return (category, tier, level)
    }

    /// `DOID:3908`, `3908` → `3908`.
    static func doid(_ raw: String?) -> String? {
        guard var t = raw?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        if t.uppercased().hasPrefix("DOID:") { t = String(t.dropFirst(5)) }
        return t
    }
}
