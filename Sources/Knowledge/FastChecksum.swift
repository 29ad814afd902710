/// A fast 64-bit checksum of index files, verified every time a knowledge base is opened.
///
/// SHA-256 (kept in the manifest for provenance, and checked in full by `consilium kb info`) runs at about
/// 250 MB/s in Swift, which made every `annotate` run of a 200 MB knowledge base spend a second hashing. This
/// checksum runs at several GB/s. It is not cryptographic: it detects damage (a flipped byte, a truncation, a
/// swapped block), not tampering. Each of its four lanes maps a 64-bit word with an odd multiplication and a
/// rotation, both bijective, so any change confined to one word always changes the result; the length is
/// mixed in, so a truncated file never matches.
public enum FastChecksum {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    @inline(__always)
    static func round(_ acc: UInt64, _ word: UInt64) -> UInt64 {
        var a = acc &+ word &* prime2
        a = (a << 31) | (a >> 33)
        return a &* prime1
    }

    /// The checksum as 16 lower-case hex digits, prefixed with its name so the manifest says what it is.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let v = hash(bytes)
        let digits = String(v, radix: 16)
        return "fx64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var a: UInt64 = 0x60EA_27EE_ADC0_B5D6, b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var c: UInt64 = 0, d: UInt64 = 0x61C8_8646_80B5_83EB
        let count = bytes.count
        var i = 0
        while i + 32 <= count {
            a = round(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = round(b, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = round(c, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = round(d, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            if shift == 64 { a = round(a, tail); tail = 0; shift = 0 }
            i += 1
        }
        a = round(a, tail)
        var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        h = round(h, UInt64(count))
        h ^= h >> 29
        h = h &* prime1
        h ^= h >> 32
        return h
    }
}
