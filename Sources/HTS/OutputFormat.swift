/// Output encodings, named as bcftools names them (`-O v|z|b|u`).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Plain-text VCF.
    case vcf = "v"
    /// BGZF-compressed VCF (`.vcf.gz`), indexable with tabix or CSI.
    case vcfGz = "z"
    /// Compressed BCF.
    case bcf = "b"
    /// Uncompressed BCF, for piping between tools.
    case bcfUncompressed = "u"

    /// The `hts_open` mode string.
    var htsMode: String {
        switch self {
        case .vcf: return "w"
        case .vcfGz: return "wz"
        case .bcf: return "wb"
        case .bcfUncompressed: return "wbu"
        }
    }

    /// Whether an index can be written alongside (only BGZF-compressed outputs can be indexed).
    public var isIndexable: Bool { self == .vcfGz || self == .bcf }

    /// The format bcftools would choose for an output name: `.bcf` → BCF, `.gz`/`.bgz` → bgzipped VCF, else VCF.
    public static func inferred(fromPath path: String) -> OutputFormat {
        if path.hasSuffix(".bcf") { return .bcf }
        if path.hasSuffix(".gz") || path.hasSuffix(".bgz") { return .vcfGz }
        return .vcf
    }
}
