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
            self.init(rawValue: v)
        }
    }

    /// Split multiallelic records into biallelic ones (`-m -any`); off gives `bcftools norm` without `-m`.
    public var split: Bool = true
    /// Left-align and trim indels against the reference (needs a reference).
    public var leftAlign: Bool = true
    public var checkRef: CheckRef = .error
    /// `--old-rec-tag TAG`: record the original CHROM|POS|REF|ALT in INFO/TAG of changed records.
    public var oldRecordTag: String? = nil
    /// `--force`: split even when a Number=G/R field cannot be split exactly.
    public var force: Bool = false
    /// `--multi-overlaps 0|.`: the allele given to overlapping alleles of a split record (GT recoding).
    public var multiOverlapsMissing: Bool = false

    public init() {}
}
