/// One population-frequency source's record of a variant, as plain numbers (gnomAD exomes, gnomAD genomes,
/// a Japanese panel such as ToMMo 54KJPN, …).
///
/// `found == false` means the source was consulted and has no record of the allele: the frequency criteria read
/// that as "absent" (a sites-only source does not say whether the position was covered; see `PM2Rule`).
public struct PopulationFrequency: Sendable, Hashable, Codable {
    /// The knowledge-base label, e.g. `gnomad_exomes`, `tommo`.
    public var source: String
    /// The source's release, when known (e.g. `v4.0`).
    public var version: String?
    /// A Japanese population panel (ToMMo/jMorp-style): PM2 names it separately (issue 5: "every frequency
    /// source including the Japanese one").
    public var isJapanese: Bool
    /// Whether the source has a record of the allele.
    public var found: Bool
    /// Allele frequency over all samples.
    public var af: Double?
    public var ac: Int?
    /// Allele number: alleles called at the site (coverage).
    public var an: Int?
    /// Homozygous individuals.
    public var nhomalt: Int?
    /// Highest frequency among the continental groups (gnomAD `AF_grpmax`, formerly popmax).
    public var afGrpmax: Double?
    /// Filtering allele frequency, upper bound of the 95 % CI of the grpmax frequency (gnomAD `faf95_max`).
    public var faf95: Double?

    public init(source: String, version: String? = nil, isJapanese: Bool = false, found: Bool = true,
                af: Double? = nil, ac: Int? = nil, an: Int? = nil, nhomalt: Int? = nil,
                afGrpmax: Double? = nil, faf95: Double? = nil) {
        self.source = source
        self.version = version
        self.isJapanese = isJapanese
        self.found = found
        self.af = af
        self.ac = ac
        self.an = an
        self.nhomalt = nhomalt
        self.afGrpmax = afGrpmax
        self.faf95 = faf95
    }

    /// The source consulted, without a record of the allele.
    public static func absent(source: String, version: String? = nil, isJapanese: Bool = false) -> PopulationFrequency {
        PopulationFrequency(source: source, version: version, isJapanese: isJapanese, found: false)
    }

    /// The highest population frequency the record gives: the grpmax AF when present, else the overall AF
    /// (computed from AC/AN when AF is missing).
    public var highestAF: Double? {
        let overall = af ?? ((ac != nil && an != nil && an! > 0) ? Double(ac!) / Double(an!) : nil)
        switch (afGrpmax, overall) {
        case let (g?, o?): return max(g, o)
        case let (g?, nil): return g
        case let (nil, o): return o
        }
    }

    /// Heterozygous carriers, estimated as AC − 2 × homozygotes (autosomal sites).
    public var heterozygotes: Int? {
        guard let ac else { return nil }
        return max(0, ac - 2 * (nhomalt ?? 0))
    }

    /// "gnomad_exomes v4.0" for evidence texts.
    var name: String { version.map { "\(source) \($0)" } ?? source }
}
