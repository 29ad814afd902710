/// IUPAC three-letter amino acid codes, as HGVS writes them (`Ter` for a stop, `Xaa` for unknown).
public enum AminoAcid {
    /// The three-letter code of a one-letter residue.
    public static func threeLetter(_ one: UInt8) -> String {
        switch one {
        case UInt8(ascii: "A"): return "Ala"
        case UInt8(ascii: "R"): return "Arg"
        case UInt8(ascii: "N"): return "Asn"
        case UInt8(ascii: "D"): return "Asp"
        case UInt8(ascii: "C"): return "Cys"
        case UInt8(ascii: "Q"): return "Gln"
        case UInt8(ascii: "E"): return "Glu"
        case UInt8(ascii: "G"): return "Gly"
        case UInt8(ascii: "H"): return "His"
        case UInt8(ascii: "I"): return "Ile"
        case UInt8(ascii: "L"): return "Leu"
        case UInt8(ascii: "K"): return "Lys"
        case UInt8(ascii: "M"): return "Met"
        case UInt8(ascii: "F"): return "Phe"
        case UInt8(ascii: "P"): return "Pro"
        case UInt8(ascii: "S"): return "Ser"
        case UInt8(ascii: "T"): return "Thr"
        case UInt8(ascii: "W"): return "Trp"
        case UInt8(ascii: "Y"): return "Tyr"
        case UInt8(ascii: "V"): return "Val"
        case UInt8(ascii: "U"): return "Sec"
        case UInt8(ascii: "*"): return "Ter"
        default: return "Xaa"
        }
    }

    /// Three-letter codes of a peptide, concatenated.
    public static func threeLetter<C: Sequence>(_ peptide: C) -> String where C.Element == UInt8 {
        peptide.map(threeLetter).joined()
    }
}
