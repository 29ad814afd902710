/// The profile's defaults for the frequency criteria; a gene-table row or a VCEP specification replaces them
/// per gene (`GermlineClassifier` resolves the order: gene table, then specification, then these).
public struct FrequencySettings: Sendable, Hashable, Codable {
    /// BA1: allele frequency above which the variant is benign stand-alone (Ghosh et al. 2018: 5 %).
    public var ba1: Double
    /// Alleles a source must have called at the site for its frequency to count toward BA1/BS1 (ClinGen's
    /// gnomAD v4 guidance as quoted in classification-rules.md a.4: AN ≥ 2000 **[verify]**). The knowledge base keeps
    /// the source's overall AN, not the AN of the grpmax group, so the floor is applied to the overall AN.
    public var minimumAN: Int
    /// BS1 threshold used when neither the gene table, a specification nor the Whiffin inputs give one. Nil:
    /// BS1 is not evaluated (classification-rules.md a.4: "No threshold → do not apply").
    public var bs1Default: Double?
    /// PM2: highest frequency at which the variant still counts as rare; 0 = absent (AC 0) from every source.
    public var pm2: Double
    /// PM2's AN floor: a source whose record has fewer called alleles cannot vouch for absence or rarity.
    public var pm2MinimumAN: Int
    /// PM2 is not evaluated when no Japanese source was consulted (for Japanese cohorts).
    public var pm2RequiresJapaneseSource: Bool
    /// BS2, recessive genes: homozygotes in controls at or above which BS2 applies **[verify]**.
    public var bs2Homozygotes: Int
    /// BS2, dominant genes with complete penetrance: heterozygotes at or above which BS2 applies **[verify]**.
    public var bs2Heterozygotes: Int
    /// BS2 treats a dominant gene as fully penetrant when its penetrance is at least this.
    public var bs2CompletePenetrance: Double

    public init(ba1: Double = 0.05, minimumAN: Int = 2000, bs1Default: Double? = nil, pm2: Double = 0,
                pm2MinimumAN: Int = 2000, pm2RequiresJapaneseSource: Bool = false, bs2Homozygotes: Int = 2,
                bs2Heterozygotes: Int = 6, bs2CompletePenetrance: Double = 0.95) {
        self.ba1 = ba1
        self.minimumAN = minimumAN
        self.bs1Default = bs1Default
        self.pm2 = pm2
        self.pm2MinimumAN = pm2MinimumAN
        self.pm2RequiresJapaneseSource = pm2RequiresJapaneseSource
        self.bs2Homozygotes = bs2Homozygotes
        self.bs2Heterozygotes = bs2Heterozygotes
        self.bs2CompletePenetrance = bs2CompletePenetrance
    }

    /// ClinGen SVI defaults (Ghosh 2018 BA1 5 %, PM2 absent at Supporting, no general BS1 threshold).
    public static let clingenSVI = FrequencySettings()
}

/// A threshold and where it came from, for evidence texts ("gene table", "GN005@2", "profile default").
public struct ResolvedThreshold: Sendable, Hashable, Codable {
    public var value: Double
    /// True when the value itself passes (`>=` for BA1/BS1, `<=` for PM2); false for strict comparison.
    public var inclusive: Bool
    public var origin: String

    public init(value: Double, inclusive: Bool, origin: String) {
        self.value = value
        self.inclusive = inclusive
        self.origin = origin
    }

    /// For BA1/BS1: frequency above (or at, when inclusive) the threshold.
    func exceeded(by f: Double) -> Bool { inclusive ? f >= value : f > value }
    /// For PM2: frequency at or below (below, when not inclusive) the threshold.
    func admits(_ f: Double) -> Bool { inclusive ? f <= value : f < value }

    var text: String { "\(formatFrequency(value)) (\(origin))" }
}

/// Frequencies in evidence texts with 3 significant digits: `0.05`, `0.0499`, `4e-05` (no Foundation here).
func formatFrequency(_ f: Double) -> String {
    if f == 0 || !f.isFinite { return f == 0 ? "0" : "\(f)" }
    var exponent = 0
    var m = f
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    if exponent >= -3 { return fixed(f, decimals: max(0, 2 - exponent)) }
    let e = -exponent
    return fixed(m, decimals: 2) + "e-" + (e < 10 ? "0" : "") + String(e)
}

/// `x` with `decimals` digits after the point, trailing zeros dropped.
private func fixed(_ x: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((x * scale).rounded())
    var text = String(scaled)
    guard decimals > 0 else { return text }
    while text.count <= decimals { text = "0" + text }
    text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
