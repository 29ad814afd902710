/// One ALT allele of a record with the haplotypes that carry it, the input of `HaplotypeCombiner`.
///
/// A haplotype is one chromosome copy of one sample: id `sample * ploidy + copy`. Only genotypes whose phase is
/// known put an allele on a haplotype: phased (`0|1`), haploid (`1`) or homozygous (`1/1`, both copies). An
/// unphased heterozygous call (`0/1`) cannot be placed, so its allele keeps its own consequence
/// (`unplaced`), as VEP reports it; bcftools' `--phase` options guess instead, which a clinical report should not.
public struct HaplotypeVariant: Sendable {
    /// VCF POS of the record (the back-reference bcftools and `CompoundLink` use).
    public var recordPosition: Int
    public var allele: VariantAllele
    /// Haplotype ids that carry the allele, ascending.
    public var haplotypes: [Int32]
    /// True when some sample carries the allele without a known phase.
    public var unplaced: Bool

    public init(recordPosition: Int, allele: VariantAllele, haplotypes: [Int32], unplaced: Bool = false) {
        self.recordPosition = recordPosition
        self.allele = allele
        self.haplotypes = haplotypes
        self.unplaced = unplaced
    }

    /// The haplotype a sites-only VCF stands for: every record's first ALT on one haplotype (bcftools csq's
    /// reading of a file without samples).
    public static let sitesOnlyHaplotype: Int32 = 0

    /// Places ALT allele `alt` (1-based allele index) of one record from its BCF-encoded `GT` values
    /// (`(allele + 1) << 1 | phased`, 0 = missing, `Int32.min + 1` = vector end), `ploidy` values per sample.
    /// Returns the haplotypes carrying it and whether some sample carries it unphased.
    public static func place(alt: Int, genotypes gt: UnsafeBufferPointer<Int32>, samples: Int, ploidy: Int)
        -> (haplotypes: [Int32], unplaced: Bool) {
        var haps: [Int32] = []
        var unplaced = false
        guard samples > 0, ploidy > 0, gt.count >= samples * ploidy else { return (haps, false) }
        let vectorEnd = Int32.min + 1
        for s in 0..<samples {
            let base = s * ploidy
            var n = 0
            var phased = true
            var carries = false
            var allSame = true
            var first = Int32(-2)
            while n < ploidy, gt[base + n] != vectorEnd {
                let v = gt[base + n]
                let a = v == 0 ? -1 : (v >> 1) - 1
                if n > 0 && v & 1 == 0 { phased = false }
                if n == 0 { first = a } else if a != first { allSame = false }
                if a == Int32(alt) { carries = true }
                n += 1
            }
            guard carries else { continue }
            if n == 1 || phased || allSame {
                for k in 0..<n {
                    let v = gt[base + k]
                    if v != 0 && (v >> 1) - 1 == Int32(alt) { haps.append(Int32(base + k)) }
                }
            } else {
                unplaced = true
            }
        }
        return (haps, unplaced)
    }
}
