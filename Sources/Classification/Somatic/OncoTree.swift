import Foundation

/// The OncoTree tumor-type hierarchy (cBioPortal/MSK, CC BY 4.0): codes such as `SKCM` (Cutaneous Melanoma)
/// under `MEL` (Melanoma) under the tissue `SKIN` under the root `TISSUE`.
///
/// Read from the flattened table `oncotree_<release>.tsv` (columns `code`, `name`, `parent`, `main_type`,
/// `tissue`, `level`, …; the root `TISSUE` is implied by level-1 rows naming it as parent). On-label/off-label
/// decisions walk this tree (`relation(evidence:tumor:)`), so the release is part of every somatic result.
public struct OncoTree: Sendable, Codable, Equatable {
    /// One tumor type.
    public struct Node: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        /// Parent code; `TISSUE` for the tissues (level 1).
        public var parent: String
        public var mainType: String
        public var tissue: String
        /// 1 for tissues, deeper types have higher levels.
        public var level: Int
    }

    /// The code of the implied root: evidence for "cancer" in general maps here (pan-cancer).
    public static let root = "TISSUE"

    /// Release name, e.g. `oncotree_2025_10_03`.
    public var release: String
    /// Nodes by code (the root is not a node).
    public private(set) var nodes: [String: Node]
    /// Lower-cased name → smallest code with that name, for `code(named:)`.
    private var codeByName: [String: String]

    private enum CodingKeys: String, CodingKey { case release, nodes }

    public init(release: String, nodes: [Node]) {
        self.release = release
        var byCode: [String: Node] = [:]
        var byName: [String: String] = [:]
        for n in nodes {
            byCode[n.code] = n
            let key = n.name.lowercased()
            if let existing = byName[key], existing <= n.code { continue }
            byName[key] = n.code
        }
        self.nodes = byCode
        codeByName = byName
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(release: try c.decode(String.self, forKey: .release),
                  nodes: Array(try c.decode([String: Node].self, forKey: .nodes).values))
    }

    /// Whether `code` names a tumor type or the root.
    public func contains(_ code: String) -> Bool { code == Self.root || nodes[code] != nil }

    public func node(_ code: String) -> Node? { nodes[code] }

    /// The ancestors of `code`, nearest first, ending with the root; empty for the root or an unknown code.
    public func ancestors(of code: String) -> [String] {
        var out: [String] = []
        var current = nodes[code]?.parent
        // A malformed table could hold a cycle; the depth bound keeps this a walk, not a loop.
        while let c = current, out.count <= nodes.count {
            out.append(c)
            if c == Self.root { break }
            current = nodes[c]?.parent
        }
        return out
    }

    /// The code of `name` (case-insensitive, exact), for evidence whose disease has no mapping by id.
    public func code(named name: String) -> String? { codeByName[name.lowercased()] }
}

extension OncoTree {
    /// Parses the flattened OncoTree TSV (header row with at least `code`, `name`, `parent`, `level`).
    public init(tsv text: String, release: String) throws(SomaticInputError) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw SomaticInputError(source: release, line: nil, field: nil, problem: "the OncoTree table is empty")
        }
        let header = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) throws(SomaticInputError) -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw SomaticInputError(source: release, line: 1, field: name,
                                        problem: "the OncoTree table has no '\(name)' column (expected the flattened oncotree_<release>.tsv)")
            }
            return i
        }
        let code = try column("code"), name = try column("name"), parent = try column("parent"), level = try column("level")
        let mainType = header.firstIndex(of: "main_type"), tissue = header.firstIndex(of: "tissue")
        var nodes: [Node] = []
        var seen: Set<String> = []
        for (i, raw) in lines.enumerated().dropFirst() where !raw.isEmpty {
            let cells = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func cell(_ c: Int?) -> String { c.flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
            let c = cell(code)
            guard !c.isEmpty, !cell(parent).isEmpty else {
                throw SomaticInputError(source: release, line: i + 1, field: c.isEmpty ? "code" : "parent", problem: "is empty")
            }
            guard let l = Int(cell(level)) else {
                throw SomaticInputError(source: release, line: i + 1, field: "level", problem: "expected a whole number")
            }
            guard seen.insert(c).inserted else {
                throw SomaticInputError(source: release, line: i + 1, field: "code", problem: "the code appears twice")
            }
            nodes.append(Node(code: c, name: cell(name), parent: cell(parent), mainType: cell(mainType), tissue: cell(tissue), level: l))
        }
        self.init(release: release, nodes: nodes)
        for n in nodes where !contains(n.parent) {
            throw SomaticInputError(source: release, line: nil, field: "parent",
                                    problem: "the parent of \(n.code) is not in the table")
        }
    }

    /// Loads an OncoTree TSV; the release is the file name without its extension.
    public static func load(path: String) throws(SomaticInputError) -> OncoTree {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SomaticInputError(source: path, line: nil, field: nil, problem: "cannot be read as UTF-8 text")
        }
        let release = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do { return try OncoTree(tsv: text, release: release) } catch {
            var e = error
            e.source = path
            throw e
        }
    }
}
