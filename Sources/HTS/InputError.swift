/// Where in an input a problem was found.
public enum InputLocation: Sendable, Equatable, CustomStringConvertible {
    /// A 1-based line of a text file (VCF, BED, FASTA index, TSV).
    case line(Int)
    /// A 1-based record of a binary file (BCF), where lines do not exist.
    case record(Int)
    /// The file as a whole (cannot be opened, empty, truncated compression).
    case file

    public var description: String {
        switch self {
        case .line(let n): return "line \(n)"
        case .record(let n): return "record \(n)"
        case .file: return "file"
        }
    }
}

/// A problem with what the user gave us: a malformed file, a missing index, a reference mismatch.
///
/// The message always names the file, the place, the field when there is one, what was expected,
/// and what to do. It never carries sample data: only the shape of the offending value.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var location: InputLocation
    public var field: String?
    public var problem: String
    public var hint: String?

    public init(file: String, location: InputLocation, field: String? = nil, problem: String, hint: String? = nil) {
        self.file = file
        self.location = location
        self.field = field
        self.problem = problem
        self.hint = hint
    }

    public var description: String {
        var text = file
        if location != .file { text += ":\(location)" }
        text += ": "
        if let field { text += "\(field): " }
        text += problem
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
