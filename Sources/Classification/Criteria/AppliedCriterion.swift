/// A criterion applied at a strength: what a curator writes as `PM2_Supporting` or `PVS1`.
public struct AppliedCriterion: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var criterion: Criterion
    public var strength: Strength

    public init(_ criterion: Criterion, _ strength: Strength? = nil) {
        self.criterion = criterion
        self.strength = strength ?? criterion.defaultStrength
    }

    public var direction: Direction { criterion.direction }

    /// Signed Tavtigian 2020 points: +1/+2/+4/+8 pathogenic, −1/−2/−4/−8 benign.
    public var points: Int { direction.sign * strength.points }

    /// The ClinGen spelling: the bare code at its default strength, else `CODE_Strength` ("PM3_Very Strong").
    public var code: String {
        strength == criterion.defaultStrength ? criterion.rawValue : "\(criterion.rawValue)_\(strength.label)"
    }

    public var description: String { code }

    public static func < (lhs: AppliedCriterion, rhs: AppliedCriterion) -> Bool {
        lhs.criterion != rhs.criterion ? lhs.criterion < rhs.criterion : lhs.strength > rhs.strength
    }

    /// Parses one code: `PVS1`, `PM2_Supporting`, `PM3_Very Strong`, `pp3-moderate`, `PS3 (Moderate)`.
    /// A code without a suffix is the criterion at its 2015 default strength, as in the ClinGen Evidence Repository.
    public init(parsing text: some StringProtocol) throws(CriterionParseError) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .empty }
        var codePart = Substring(trimmed)
        var suffix: Substring? = nil
        if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            codePart = trimmed[..<open]
            suffix = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        } else if let sep = trimmed.firstIndex(where: { $0 == "_" || $0 == "-" || $0 == " " }) {
            codePart = trimmed[..<sep]
            suffix = trimmed[trimmed.index(after: sep)...]
        }
        guard let criterion = Criterion(rawValue: String(codePart).trimmingSpaces.uppercased()) else {
            throw .unknownCriterion
        }
        if let suffix {
            guard let strength = Strength(suffix: suffix.trimmingSpaces) else { throw .unknownStrength }
            if strength == .standAlone && criterion.direction == .pathogenic { throw .standAloneNotBenign }
            if criterion == .BA1 && strength != .standAlone { throw .ba1NotStandAlone }
            self.init(criterion, strength)
        } else {
            self.init(criterion)
        }
    }

    /// Parses a list as the eRepo writes it (`PVS1, PM2_Supporting, PP4_Moderate`): commas, semicolons or
    /// whitespace-free tokens; empty items are ignored. Errors carry the 1-based item number.
    public static func parseList(_ text: some StringProtocol) throws(CriterionListError) -> [AppliedCriterion] {
        var result: [AppliedCriterion] = []
        var index = 0
        for item in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let token = item.trimmingSpaces
            if token.isEmpty { continue }
            index += 1
            do {
                result.append(try AppliedCriterion(parsing: token))
            } catch {
                throw CriterionListError(item: index, problem: error)
            }
        }
        return result
    }
}

/// Why a criterion code could not be read. Describes the shape of the problem, never echoes input.
public enum CriterionParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unknownCriterion
    case unknownStrength
    case standAloneNotBenign
    case ba1NotStandAlone

    public var description: String {
        switch self {
        case .empty: return "empty criterion"
        case .unknownCriterion: return "not an ACMG/AMP criterion code (expected PVS1, PS1–PS4, PM1–PM6, PP1–PP5, BA1, BS1–BS4, BP1–BP7)"
        case .unknownStrength: return "unknown strength suffix (expected _Supporting, _Moderate, _Strong, _Very Strong or _Stand Alone)"
        case .standAloneNotBenign: return "only benign criteria can be stand-alone (BA1, or a VCEP's BS code at Stand Alone)"
        case .ba1NotStandAlone: return "BA1 is stand-alone evidence and takes no other strength"
        }
    }
}

/// A criterion list with an unreadable item.
public struct CriterionListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position of the item in the list.
    public var item: Int
    public var problem: CriterionParseError
    public var description: String { "item \(item): \(problem)" }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\"" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\"" { s.removeLast() }
        return String(s)
    }
}
