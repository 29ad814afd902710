import Foundation
import HTS
import Yams

/// Reads and checks a case file. Every error names the file, the line, the field (as a dotted path such as
/// `specimen.tumorCellContent`) and what is allowed; none quotes the value given, which may be patient data.
public enum CaseFileLoader {
    /// Loads `path`, refusing unknown keys, wrong types and values outside their vocabulary or range.
    public static func load(path: String) throws(InputError) -> CaseFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, location: .file, problem: "cannot read the case file (missing or unreadable)",
                             hint: "give the path of a YAML case file (see docs/report.md, 'Case file')")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, location: .file, problem: "the case file is not UTF-8 text", hint: "save it as UTF-8")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses YAML text (`file` names it in errors). Throws the first problem; `problems(...)` lists them all.
    public static func parse(yaml: String, file: String) throws(InputError) -> CaseFile {
        let node = try compose(yaml: yaml, file: file)
        var issues = CaseFileSchema.unknownKeys(in: node, file: file)
        if let first = issues.first { throw first.withMore(issues.count - 1) }
        let decoded: CaseFile
        do {
            decoded = try YAMLDecoder().decode(CaseFile.self, from: node)
        } catch let error as DecodingError {
            throw describe(error, node: node, file: file)
        } catch {
            throw InputError(file: file, location: .file, problem: "the case file cannot be read as a case (\(type(of: error)))",
                             hint: "compare it with Fixtures/cases/*.yaml")
        }
        issues = CaseFileValidation.problems(in: decoded, file: file, node: node)
        if let first = issues.first { throw first.withMore(issues.count - 1) }
        return decoded
    }

    static func compose(yaml: String, file: String) throws(InputError) -> Node {
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            // libyaml's problem text names the construct, not the data; the snippet (which quotes the line) is dropped.
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw InputError(file: file, location: .line(mark.line), problem: "not valid YAML: \(problem) (column \(mark.column))",
                                 hint: "check indentation and quoting on that line")
            case .duplicatedKeysInMapping(let duplicates, _):
                throw InputError(file: file, location: .file, field: duplicates.joined(separator: ","), problem: "a key is given twice",
                                 hint: "keep one of them")
            default:
                throw InputError(file: file, location: .file, problem: "not valid YAML", hint: "check the file's syntax")
            }
        } catch {
            throw InputError(file: file, location: .file, problem: "not valid YAML", hint: "check the file's syntax")
        }
        guard let node, node.mapping != nil else {
            throw InputError(file: file, location: .file, problem: "the case file must be a YAML mapping (key: value lines)",
                             hint: "start from Fixtures/cases/germline-brca1-consent.yaml")
        }
        return node
    }

    static func describe(_ error: DecodingError, node: Node, file: String) -> InputError {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let field = path(ctx.codingPath + [key])
            return InputError(file: file, location: CaseFileSchema.location(of: ctx.codingPath, in: node), field: field,
                              problem: "required field is missing", hint: CaseFileSchema.hint(for: field))
        case .typeMismatch(let type, let ctx):
            let field = path(ctx.codingPath)
            return InputError(file: file, location: CaseFileSchema.location(of: ctx.codingPath, in: node), field: field,
                              problem: "expected \(describe(type))", hint: CaseFileSchema.hint(for: field))
        case .valueNotFound(let type, let ctx):
            let field = path(ctx.codingPath)
            return InputError(file: file, location: CaseFileSchema.location(of: ctx.codingPath, in: node), field: field,
                              problem: "a value is required (\(describe(type)))", hint: CaseFileSchema.hint(for: field))
        case .dataCorrupted(let ctx):
            let field = path(ctx.codingPath)
            // Our vocabularies say "expected one of: …"; other messages come from the decoder and describe a type.
            let problem = ctx.debugDescription.hasPrefix("expected") ? ctx.debugDescription : "the value has the wrong form"
            return InputError(file: file, location: CaseFileSchema.location(of: ctx.codingPath, in: node), field: field.isEmpty ? nil : field,
                              problem: problem, hint: CaseFileSchema.hint(for: field))
        @unknown default:
            return InputError(file: file, location: .file, problem: "the case file cannot be decoded")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of text values"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a mapping (\(name))"
        }
    }
}

extension InputError {
    /// The first of several problems, saying how many more there are.
    func withMore(_ n: Int) -> InputError {
        guard n > 0 else { return self }
        var e = self
        e.hint = (e.hint.map { $0 + "; " } ?? "") + "\(n) more problem\(n == 1 ? "" : "s") after this one"
        return e
    }
}
