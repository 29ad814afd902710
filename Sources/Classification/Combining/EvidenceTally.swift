/// Counts of applied criteria by direction and strength: what the 2015 rules read.
///
/// A criterion applied at a modified strength counts at that strength (ClinGen SVI 2017 nomenclature):
/// `PM3_Very Strong` is a very strong pathogenic line, `PM2_Supporting` a supporting one. Benign evidence
/// applied at Moderate or Very Strong (not in the 2015 table) counts as Supporting and Strong respectively,
/// the nearest weaker category, so that it never decides more than the table allows.
public struct EvidenceTally: Sendable, Hashable, Codable {
    public var veryStrong = 0, strong = 0, moderate = 0, supporting = 0
    public var standAlone = 0, benignStrong = 0, benignSupporting = 0

    public init(_ criteria: [AppliedCriterion]) {
        for c in criteria where !c.criterion.isRetired {
            switch (c.direction, c.strength) {
            case (.pathogenic, .veryStrong), (.pathogenic, .standAlone): veryStrong += 1
            case (.pathogenic, .strong): strong += 1
            case (.pathogenic, .moderate): moderate += 1
            case (.pathogenic, .supporting): supporting += 1
            case (.benign, .standAlone): standAlone += 1
            case (.benign, .veryStrong), (.benign, .strong): benignStrong += 1
            case (.benign, .moderate), (.benign, .supporting): benignSupporting += 1
            }
        }
    }

    public var hasPathogenic: Bool { veryStrong + strong + moderate + supporting > 0 }
    public var hasBenign: Bool { standAlone + benignStrong + benignSupporting > 0 }
}
