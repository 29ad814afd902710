/// One alternate allele against the reference, trimmed to the bases that differ.
///
/// `start` is the first changed reference base (1-based); `refLength` may be 0 for an insertion, which then
/// sits between `start - 1` and `start`. `alt` is on the + strand.
public struct VariantAllele: Sendable, Equatable {
    public var start: Int
    public var refLength: Int
    public var alt: [UInt8]

    public init(start: Int, refLength: Int, alt: [UInt8]) {
        self.start = start
        self.refLength = refLength
        self.alt = alt
    }

    /// Last changed reference base; `start - 1` for an insertion.
    public var end: Int { start + refLength - 1 }
    public var isInsertion: Bool { refLength == 0 }

    /// From VCF POS/REF/ALT: removes the shared trailing bases, then the shared leading ones. Nil when REF and
    /// ALT are equal or ALT is symbolic/missing.
    // Inlinable so that callers in other modules get it specialised for their buffers (it runs for every ALT).
    @inlinable
    public init?<R: Collection, A: Collection>(position: Int, ref: R, alt: A) where R.Element == UInt8, A.Element == UInt8 {
        // Buffers in place when the caller has them (csq hands htslib's allele strings): no copies per ALT.
        let made: VariantAllele?
        if let inRef = ref.withContiguousStorageIfAvailable({ r in alt.withContiguousStorageIfAvailable { a in Self.trimmed(position, r, a) } }),
           let inAlt = inRef {
            made = inAlt
        } else {
            let r = Array(ref), a = Array(alt)
            made = r.withUnsafeBufferPointer { rb in a.withUnsafeBufferPointer { ab in Self.trimmed(position, rb, ab) } }
        }
        guard let made else { return nil }
        self = made
    }

    @inlinable
    static func trimmed(_ position: Int, _ r: UnsafeBufferPointer<UInt8>, _ a: UnsafeBufferPointer<UInt8>) -> VariantAllele? {
        guard !a.isEmpty, !a.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }),
              !(a.count == 1 && a[0] == UInt8(ascii: ".")), !r.elementsEqual(a) else { return nil }
        // Shared trailing bases first, then leading ones, as `bcftools norm` trims: a left-aligned indel keeps its
        // place. At a contig's first base that would put an indel before base 1, outside every feature, although
        // the same sequence change also reads as following the padding base: there the padding base is stripped
        // first (bcftools csq and VEP place it after base 1).
        var p = position == 1 && r.count != a.count && !r.isEmpty && !a.isEmpty && Self.same(r[0], a[0]) ? 1 : 0
        var s = 0
        while s < r.count - p && s < a.count - p && Self.same(r[r.count - 1 - s], a[a.count - 1 - s]) { s += 1 }
        while p < r.count - s && p < a.count - s && Self.same(r[p], a[p]) { p += 1 }
        let refLength = r.count - p - s
        let alt = a[p..<(a.count - s)].map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }
        if refLength == 0 && alt.isEmpty { return nil }
        return VariantAllele(start: position + p, refLength: refLength, alt: alt)
    }

    @inlinable static func same(_ x: UInt8, _ y: UInt8) -> Bool { (x | 0x20) == (y | 0x20) }
}
