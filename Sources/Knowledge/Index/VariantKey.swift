/// Packs an allele's in-chunk position and short REF/ALT into one UInt64, echtvar-style.
///
///     bits 63..44  position within the 1 Mbp chunk (20 bits)
///     bit  43      1 = long allele: bits 42..0 index the file's long-allele table
///     bits 42..39  REF length (1..15)        } short alleles only: REF+ALT ≤ 17 bases,
///     bits 38..35  ALT length (1..15)        } all of them A, C, G or T
///     bits 33..0   REF then ALT, 2 bits a base (A=0 C=1 G=2 T=3), first base in the highest bits
///
/// Keys of one chunk sort by position first, so a lookup is one binary search; long alleles at a position
/// follow its short ones and are compared byte by byte in the side table.
public enum VariantKey {
    public static let longFlag: UInt64 = 1 << 43
    public static let maxShortBases = 17

    /// The allele bits (bits 43..0) for a short allele, or nil when the alleles need the long table.
    @inlinable @inline(__always)
    public static func encodeAlleles(ref: UnsafeBufferPointer<UInt8>, alt: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let r = ref.count, a = alt.count
        guard r >= 1, a >= 1, r <= 15, a <= 15, r + a <= maxShortBases else { return nil }
        var bits: UInt64 = 0
        var shift: UInt64 = 32
        for b in ref {
            guard let v = code(b) else { return nil }
            bits |= v << shift
            shift &-= 2
        }
        for b in alt {
            guard let v = code(b) else { return nil }
            bits |= v << shift
            shift &-= 2
        }
        return UInt64(r) << 39 | UInt64(a) << 35 | bits
    }

    @usableFromInline @inline(__always)
    static func code(_ b: UInt8) -> UInt64? {
        switch b {
        case 0x41: return 0
        case 0x43: return 1
        case 0x47: return 2
        case 0x54: return 3
        default: return nil
        }
    }

    /// The full key for a position (0-based) and allele bits.
    @inlinable @inline(__always)
    public static func key(position: Int64, alleleBits: UInt64) -> UInt64 {
        UInt64(position & ((1 << IndexLayout.chunkShift) - 1)) << 44 | alleleBits
    }

    /// REF and ALT lengths once the bases they share at their end are dropped (keeping one base each).
    ///
    /// bcftools compares alleles the same way (a REF that is a prefix of the other record's REF matches
    /// when ALT is extended by the rest): `GTT>GT` and `GT>G` are one variant. The key uses the shortest form.
    @inlinable @inline(__always)
    public static func trimmedLengths(ref: UnsafeBufferPointer<UInt8>, alt: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var r = ref.count, a = alt.count
        while r > 1 && a > 1 && ref[r - 1] == alt[a - 1] { r -= 1; a -= 1 }
        return (r, a)
    }

    /// Whether an ALT allele can be looked up: not missing (`.`), not the spanning deletion `*`,
    /// not symbolic (`<DEL>`) and not a breakend.
    @inlinable @inline(__always)
    public static func isLookupAllele(_ alt: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = alt.first else { return false }
        if first == 0x2E || first == 0x2A || first == 0x3C { return false }  // . * <
        for b in alt where b == 0x5B || b == 0x5D { return false }  // [ ]
        return true
    }
}
