import HTS

/// What `consilium annotate` writes: VCF/BCF (annotations in INFO) or a table, one row per ALT allele.
public enum AnnotateFormat: Sendable, Equatable {
    case vcf(OutputFormat)
    /// Tab-separated values with a `#`-prefixed header line (columns in `AnnotationColumns`).
    case tsv
    /// JSON Lines: one object per ALT allele, keys as the TSV columns.
    case jsonl

    /// Parses `-O`: v, z, b, u (as bcftools, a compression level digit may follow), tsv or jsonl.
    public init?(option: String) {
        switch option {
        case "tsv": self = .tsv
        case "jsonl": self = .jsonl
        default:
            guard let letter = option.first, let f = OutputFormat(rawValue: String(letter)),
                  option.dropFirst().allSatisfy(\.isNumber) else { return nil }
            self = .vcf(f)
        }
    }

    /// The format implied by an output name: `.tsv`, `.jsonl`/`.json`, else as bcftools (`.bcf`, `.vcf.gz`).
    public static func inferred(fromPath path: String) -> AnnotateFormat {
        if path.hasSuffix(".tsv") || path.hasSuffix(".txt") { return .tsv }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        return .vcf(OutputFormat.inferred(fromPath: path))
    }
}
