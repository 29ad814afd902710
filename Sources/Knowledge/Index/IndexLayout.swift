/// The byte layout of a knowledge-base index file (`*.idx`), shared by the writer and the reader.
///
/// All integers are little-endian. The file is a header, a section table and 8-byte aligned sections:
///
///     0   8 bytes  magic "CSLKBIX\0"
///     8   UInt32   format version (1)
///     12  UInt32   section count S
///     16  S × 48   section table: tag (32 bytes ASCII, NUL-padded), offset UInt64, length UInt64
///
/// Sections (see docs/knowledge-base.md for the meaning of each):
///   `contigs`      UInt32 × (C+1): first chunk of each knowledge-base contig, then the chunk count
///   `chunks`       UInt64 × (K+1): first row of each 1 Mbp chunk, then the row count
///   `keys`         UInt64 × N: the variant key of each row (`VariantKey`), sorted within a chunk
///   `long.alleles` 16 bytes × L: offset UInt64 into `long.bytes`, REF length UInt32, ALT length UInt32
///   `long.bytes`   REF then ALT bytes of the long alleles
///   `f32:NAME`     Float32 × N (htslib's missing-value bit pattern when absent)
///   `i32:NAME`     Int32 × N (Int32.min when absent)
///   `str:NAME`     UInt32 × N: index into `dict:NAME` (0xFFFFFFFF when absent)
///   `dict:NAME`    UInt64 count D, UInt64 × (D+1) offsets into the bytes that follow; each string NUL-terminated,
///                  in the order rows first use them
public enum IndexLayout {
    public static let magic: [UInt8] = Array("CSLKBIX".utf8) + [0]
    public static let formatVersion: UInt32 = 1
    public static let headerSize = 16
    public static let tagSize = 32
    public static let entrySize = 48
    /// Positions per chunk: 2^20 (1 Mbp), so the in-chunk position fits 20 bits of the key.
    public static let chunkShift: Int64 = 20
    public static let missingString: UInt32 = 0xFFFF_FFFF
    public static let missingInt: Int32 = Int32.min
    /// htslib's `bcf_float_missing`.
    public static let missingFloatBits: UInt32 = 0x7F80_0001

    /// Column value types; the prefix of a column's section tag.
    public enum ColumnType: String, Sendable, Codable {
        case float32 = "f32"
        case int32 = "i32"
        case string = "str"
    }
}
