/// What `consilium norm` does to each record; mirrors `bcftools norm -m -any -f REF -c …`.
public struct NormalizeOptions: Sendable, Equatable {
    /// `--check-ref`: what to do when REF disagrees with the reference (bcftools letters e, w, x, s).
    public struct CheckRef: OptionSet, Sendable, Equatable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Stop with an error (exit 1).
        public static let error = CheckRef(rawValue: 1)
        /// Print a warning and go on.
        public static let warn = CheckRef(rawValue: 2)
        /// Drop the record.
        public static let exclude = CheckRef(rawValue: 4)
        /// Replace REF with the reference base(s).
        public static let set = CheckRef(rawValue: 8)

        /// Parses bcftools' letters: `e`, `w`, `x`, `s`, or combinations such as `wx`, `ws`.
        /// As in bcftools, `e` wins over the others: `we` is the same as `e`.
        public init?(letters: String) {
            var v: UInt8 = 0
            for c in letters {
                switch c {
                case "e": v |= 1
                case "w": v |= 2
                case "x": v |= 4
                case "s": v |= 8
                default: return nil
                }
            }
            guard v != 0 else { return nil }
            self.init(rawValue: v & 1 != 0 ? 1 : v)
        }
    }

    /// Which multiallelic records `-m` splits.
    public enum SplitScope: Sendable, Equatable {
        /// `-m -any`, `-m -`, `-m -both`: every record with more than one ALT.
        case any
        /// `-m -snps`: records with SNV or MNV alleles.
        case snps
        /// `-m -indels`: records with indel alleles.
        case indels
    }

    /// Split multiallelic records into biallelic ones (`-m -any`); off gives `bcftools norm` without `-m`.
    public var split: Bool = true
    public var splitScope: SplitScope = .any
    /// Left-align and trim indels against the reference (needs a reference).
    public var leftAlign: Bool = true
    public var checkRef: CheckRef = .error
    /// `--old-rec-tag TAG`: record the original CHROM|POS|REF|ALT in INFO/TAG of changed records.
    public var oldRecordTag: String? = nil
    /// `--force`: split even when a Number=A/R/G field has the wrong number of values (the field is dropped).
    public var force: Bool = false
    /// `--multi-overlaps .`: when splitting, genotype alleles of the other ALTs become missing (`.`)
    /// instead of REF (`0`, the default, as in bcftools).
    public var multiOverlapsMissing: Bool = false
    /// Records are buffered this far (bp) so left-aligned records can be written in sorted order
    /// (bcftools' `--site-win`, 1000).
    public var sortWindow: Int64 = 1000

    public init() {}
}
