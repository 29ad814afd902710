import Foundation

/// The VCEP specifications the engine knows, and how one is chosen for a variant.
///
/// Choice: the specification whose `expertPanels` names the given expert panel (case- and space-insensitive);
/// else the one covering the gene; else none (the profile alone decides).
public struct SpecificationCatalog: Sendable {
    public var specifications: [VCEPSpecification]

    public init(_ specifications: [VCEPSpecification]) {
        self.specifications = specifications
    }

    /// The specifications encoded in this release (Sources/Classification/Specifications/Catalog).
    public static let builtIn = SpecificationCatalog([.dicer1, .tp53, .runx1, .hearingLoss, .familialHypercholesterolemia, .enigma, .glaucoma, .plateletDisorders])

    public func specification(gene: String?, expertPanel: String?) -> VCEPSpecification? {
        if let panel = expertPanel.map(Self.key), !panel.isEmpty {
            if let s = specifications.first(where: { $0.expertPanels.contains { Self.key($0) == panel } }) { return s }
        }
        if let g = gene?.uppercased(), !g.isEmpty {
            return specifications.first { $0.genes.contains { $0.uppercased() == g } }
        }
        return nil
    }

    public func specification(id: String) -> VCEPSpecification? {
        specifications.first { $0.id.lowercased() == id.lowercased() || $0.versionedID.lowercased() == id.lowercased() }
    }

    /// Adds specifications from JSON (an array of `VCEPSpecification`); a later one with the same id replaces the earlier.
    public mutating func add(json data: Data) throws {
        let more = try JSONDecoder().decode([VCEPSpecification].self, from: data)
        for s in more {
            specifications.removeAll { $0.id == s.id }
            specifications.append(s)
        }
    }

    static func key(_ s: String) -> String {
        String(s.lowercased().filter { !$0.isWhitespace })
    }
}
