/// A score interval of a calibration table, written as the papers write it: `[` and `]` include the bound,
/// `(` and `)` exclude it; a missing bound is open (`≤0.003` is `(−∞, 0.003]`).
public struct ScoreInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool = true, upper: Double?, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// `≤ x`.
    public static func atMost(_ x: Double) -> ScoreInterval { ScoreInterval(lower: nil, upper: x, upperInclusive: true) }
    /// `≥ x`.
    public static func atLeast(_ x: Double) -> ScoreInterval { ScoreInterval(lower: x, lowerInclusive: true, upper: nil) }
    /// `(a, b]`: the benign side of Table 2, each interval excluding the stronger neighbour's bound.
    public static func openClosed(_ a: Double, _ b: Double) -> ScoreInterval {
        ScoreInterval(lower: a, lowerInclusive: false, upper: b, upperInclusive: true)
    }
    /// `[a, b)`: the pathogenic side of Table 2.
    public static func closedOpen(_ a: Double, _ b: Double) -> ScoreInterval {
        ScoreInterval(lower: a, lowerInclusive: true, upper: b, upperInclusive: false)
    }

    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let l = lower, lowerInclusive ? x < l : x <= l { return false }
        if let u = upper, upperInclusive ? x > u : x >= u { return false }
        return true
    }

    /// The paper's notation: `≤0.003`, `(0.003,0.016]`, `[0.644,0.773)`, `≥0.932`.
    public var description: String {
        switch (lower, upper) {
        case (nil, let u?): return (upperInclusive ? "≤" : "<") + Self.text(u)
        case (let l?, nil): return (lowerInclusive ? "≥" : ">") + Self.text(l)
        case (let l?, let u?):
            return (lowerInclusive ? "[" : "(") + Self.text(l) + "," + Self.text(u) + (upperInclusive ? "]" : ")")
        case (nil, nil): return "any"
        }
    }

    static func text(_ x: Double) -> String {
        let s = String(x)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
}
