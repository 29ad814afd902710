/// Human genome assemblies, recognised from contig lengths (names vary, lengths do not).
public enum GenomeBuild: String, Sendable, Codable, CaseIterable {
    case grch37 = "GRCh37"
    case grch38 = "GRCh38"

    /// Primary-assembly lengths that differ between the builds (GRC assembly reports,
    /// GCF_000001405.13 for GRCh37 and GCF_000001405.26 for GRCh38).
    static let lengths: [GenomeBuild: [String: Int]] = [
        .grch37: ["1": 249_250_621, "2": 243_199_373, "3": 198_022_430, "4": 191_154_276, "5": 180_915_260,
                  "6": 171_115_067, "7": 159_138_663, "8": 146_364_022, "9": 141_213_431, "10": 135_534_747,
                  "11": 135_006_516, "12": 133_851_895, "13": 115_169_878, "14": 107_349_540, "15": 102_531_392,
                  "16": 90_354_753, "17": 81_195_210, "18": 78_077_248, "19": 59_128_983, "20": 63_025_520,
                  "21": 48_129_895, "22": 51_304_566, "X": 155_270_560, "Y": 59_373_566],
        .grch38: ["1": 248_956_422, "2": 242_193_529, "3": 198_295_559, "4": 190_214_555, "5": 181_538_259,
                  "6": 170_805_979, "7": 159_345_973, "8": 145_138_636, "9": 138_394_717, "10": 133_797_422,
                  "11": 135_086_622, "12": 133_275_309, "13": 114_364_328, "14": 107_043_718, "15": 101_991_189,
                  "16": 90_338_345, "17": 83_257_441, "18": 80_373_285, "19": 58_617_616, "20": 64_444_167,
                  "21": 46_709_983, "22": 50_818_468, "X": 156_040_895, "Y": 57_227_415],
    ]

    /// The build whose lengths the given contigs match, with the contig that decided; nil when no
    /// contig has a known length (e.g. a header without lengths, or a non-human genome).
    ///
    /// A conflict (some contigs GRCh37, others GRCh38) also gives nil: no build can be claimed.
    public static func detect(contigs: [(name: String, length: Int)]) -> (build: GenomeBuild, evidence: String)? {
        var found: (GenomeBuild, String)?
        for (name, length) in contigs where length > 0 {
            let key = ContigAliases.canonical(name)
            for build in GenomeBuild.allCases where lengths[build]?[key] == length {
                if let f = found, f.0 != build { return nil }
                if found == nil { found = (build, "\(name) length \(length)") }
            }
        }
        return found.map { (build: $0.0, evidence: $0.1) }
    }
}
