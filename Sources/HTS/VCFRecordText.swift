/// A record's VCF text as htslib's `vcf_format` writes it (`VCFReader.text(of:)`), without the newline, and
/// where its INFO column is. The bytes belong to the reader and stay valid until its next read.
public struct VCFRecordText {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Offsets of the INFO column's first byte and of the byte after it (`.` when the record has no INFO).
    public let info: Range<Int>
}
