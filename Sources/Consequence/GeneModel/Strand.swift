/// The genomic strand a transcript is read from.
public enum Strand: Sendable, Equatable {
    case plus
    case minus

    /// `+1` or `-1`, the form VEP writes in its STRAND column.
    public var sign: Int { self == .plus ? 1 : -1 }
}
