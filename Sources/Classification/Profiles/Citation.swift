/// A published source for a rule or a specification.
public struct Citation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Short reference, e.g. "Richards et al. 2015, Genet Med 17:405, Table 5".
    public var text: String
    public var url: String?
    /// True when the fact has not been checked against the primary source (shown as **[verify]** in the docs).
    public var verify: Bool

    public init(_ text: String, url: String? = nil, verify: Bool = false) {
        self.text = text
        self.url = url
        self.verify = verify
    }

    public var description: String {
        text + (url.map { " <\($0)>" } ?? "") + (verify ? " [verify]" : "")
    }
}
