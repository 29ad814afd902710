/// A somatic reference table (OncoTree, cancer hotspots) or a tumor type that cannot be used.
///
/// Describes the place and the shape of the problem; it never quotes patient data (these tables hold none).
public struct SomaticInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or table release.
    public var source: String
    /// 1-based line, when the problem is in one line.
    public var line: Int?
    public var field: String?
    public var problem: String

    public init(source: String, line: Int?, field: String?, problem: String) {
        self.source = source
        self.line = line
        self.field = field
        self.problem = problem
    }

    public var description: String {
        var s = source
        if let line { s += ":\(line)" }
        if let field { s += ": \(field)" }
        return s + ": " + problem
    }
}
