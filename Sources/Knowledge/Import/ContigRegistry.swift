import HTS
import Variants

/// The knowledge base's contigs, shared by all sources: one entry per contig whatever its naming style
/// (`chr17` and `17` are one contig, matched through `ContigAliases.canonical`).
///
/// Two sources that give one contig different lengths were made for different assemblies: refused.
public struct ContigRegistry: Sendable {
    public private(set) var contigs: [KBManifest.Contig] = []
    private var byCanonical: [String: Int] = [:]
    /// Which file gave each contig its length, for messages.
    private var lengthOrigin: [String] = []

    public init() {}

    public func index(of name: String) -> Int? { byCanonical[ContigAliases.canonical(name)] }

    /// The index of `name`, adding it when new; checks the length against what is known.
    public mutating func register(name: String, length: Int, origin: String) throws(InputError) -> Int {
        let key = ContigAliases.canonical(name)
        if let i = byCanonical[key] {
            if length > 0 {
                if contigs[i].length == 0 {
                    contigs[i].length = length
                    lengthOrigin[i] = origin
                } else if contigs[i].length != length {
                    throw InputError(file: origin, location: .file, field: "##contig",
                                     problem: "contig \(name) has length \(length) here but \(contigs[i].length) in \(lengthOrigin[i]) (as \(contigs[i].name)): the two were made for different genome assemblies",
                                     hint: "build the knowledge base from sources of one genome build (GRCh37 or GRCh38)")
                }
            }
            return i
        }
        byCanonical[key] = contigs.count
        contigs.append(KBManifest.Contig(name: name, length: length))
        lengthOrigin.append(origin)
        return contigs.count - 1
    }
}
