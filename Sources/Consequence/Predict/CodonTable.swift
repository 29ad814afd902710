/// Genetic codes: the standard table and the vertebrate mitochondrial one (NCBI tables 1 and 2).
///
/// Codons are indexed by 2-bit bases (T=0, C=1, A=2, G=3, NCBI's order), so translation is a table lookup.
/// A codon with any other base translates to `X`.
public struct CodonTable: Sendable {
    private let amino: [UInt8]

    /// NCBI transl_table=1.
    public static let standard = CodonTable("FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG")
    /// NCBI transl_table=2 (vertebrate mitochondrial).
    public static let vertebrateMitochondrial = CodonTable("FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIMMTTTTNNKKSS**VVVVAAAADDEEGGGG")

    init(_ s: StaticString) {
        amino = Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) static func code(_ b: UInt8) -> Int {
        switch b {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "U"), UInt8(ascii: "u"): return 0
        case UInt8(ascii: "C"), UInt8(ascii: "c"): return 1
        case UInt8(ascii: "A"), UInt8(ascii: "a"): return 2
        case UInt8(ascii: "G"), UInt8(ascii: "g"): return 3
        default: return -1
        }
    }

    /// The one-letter amino acid (`*` for stop, `X` for an unknown base) of codon `a b c`.
    @inline(__always) public func translate(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let x = Self.code(a), y = Self.code(b), z = Self.code(c)
        guard x >= 0, y >= 0, z >= 0 else { return UInt8(ascii: "X") }
        return amino[x << 4 | y << 2 | z]
    }

    /// Translates whole codons of `bases`; a trailing partial codon is dropped.
    public func translate<C: RandomAccessCollection>(_ bases: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bases.count / 3)
        var i = bases.startIndex
        while i + 3 <= bases.endIndex {
            out.append(translate(bases[i], bases[i + 1], bases[i + 2]))
            i += 3
        }
        return out
    }

    /// The table for a contig: mitochondrial names (`MT`, `chrM`, …) use table 2.
    public static func forContig(_ name: String) -> CodonTable {
        switch name {
        case "MT", "chrM", "M", "chrMT": return .vertebrateMitochondrial
        default: return .standard
        }
    }
}
