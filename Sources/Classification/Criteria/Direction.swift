/// Which way a piece of evidence points (Richards et al. 2015, Genet Med 17:405, Tables 3 and 4).
public enum Direction: String, Sendable, Codable, Hashable, CaseIterable {
    case pathogenic
    case benign

    /// The sign of a criterion's points in Tavtigian et al. 2020: pathogenic evidence adds, benign subtracts.
    public var sign: Int { self == .pathogenic ? 1 : -1 }
}
