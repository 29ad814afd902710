/// The facts the PVS1 decision tree (Abou Tayoun et al. 2018, Figure 1) asks about, as plain values.
///
/// nil means "not known". Where the figure itself has a "not known" path (role of the region unknown, no known
/// alternative start codon, unknown impact of a duplication) nil follows it; elsewhere a nil the tree needs makes
/// PVS1 "not evaluated", with the reason naming the missing fact and the outcomes it would lead to.
public struct PVS1Input: Sendable, Hashable {
    /// The null-variant types of the figure.
    public enum VariantType: Sendable, Hashable {
        case nonsense
        case frameshift
        /// Canonical ±1/2 (GT-AG) splice site; the predicted outcome (exon skipping or cryptic site) is given by
        /// `readingFramePreserved` and `predictedNMD`.
        case canonicalSplice
        case initiationCodon
        case fullGeneDeletion
        /// Deletion of one or more exons (not the whole gene).
        case exonDeletion
        /// Duplication of one or more exons, wholly inside the gene.
        case exonDuplication
        /// Not a null variant (missense, synonymous, in-frame indel …), named for the evidence text.
        case notNull(String)
    }

    /// Whether a duplication is known to be in tandem (figure: proven / presumed / proven not in tandem).
    public enum Tandem: Sendable, Hashable {
        case proven
        case presumed
        case provenNotInTandem
    }

    public var variantType: VariantType
    /// Loss of function is an established disease mechanism for the gene (gene table `lof_mechanism`).
    public var lofMechanism: Bool?
    /// Gene symbol, for the evidence text.
    public var gene: String?
    /// Where the variant is, for the evidence text (e.g. "NM_007294.4 exon 3/23, p.Leu63Ter").
    public var location: String?

    /// The premature stop (of the variant, or of the predicted splice/deletion product) lies more than 50 nt
    /// upstream of the last exon–exon junction: NMD is predicted (last exon and the 3′-most 50 nt of the
    /// penultimate exon escape it).
    public var predictedNMD: Bool?
    /// Splice site, exon deletion or duplication: the predicted product keeps the reading frame.
    public var readingFramePreserved: Bool?
    /// The affected exon is present in biologically relevant transcript(s).
    public var exonInRelevantTranscripts: Bool?
    /// The truncated or altered region is critical to protein function (experimental evidence of a critical
    /// domain, or non-truncating pathogenic variants there). false and nil both follow "role of region unknown".
    public var truncatedRegionCritical: Bool?
    /// LoF variants in this exon are frequent in the general population.
    public var lofFrequentInExon: Bool?
    /// Protein length in residues (stop excluded) and the number of residues removed or altered.
    public var proteinLength: Int?
    public var residuesRemoved: Int?
    /// Initiation codon: a different functional transcript uses an alternative start codon.
    public var alternativeStartInOtherTranscript: Bool?
    /// Initiation codon: ≥ 1 pathogenic variant between the start and the closest potential in-frame start codon.
    public var pathogenicUpstreamOfNextStart: Bool?
    /// Initiation codon: the closest potential in-frame start (residue number), for the evidence text.
    public var nextInFrameStart: Int?
    /// Duplication: whether it is in tandem.
    public var tandem: Tandem?

    public init(variantType: VariantType, lofMechanism: Bool?, gene: String? = nil, location: String? = nil,
                predictedNMD: Bool? = nil, readingFramePreserved: Bool? = nil, exonInRelevantTranscripts: Bool? = nil,
                truncatedRegionCritical: Bool? = nil, lofFrequentInExon: Bool? = nil, proteinLength: Int? = nil,
                residuesRemoved: Int? = nil, alternativeStartInOtherTranscript: Bool? = nil,
                pathogenicUpstreamOfNextStart: Bool? = nil, nextInFrameStart: Int? = nil, tandem: Tandem? = nil) {
        self.variantType = variantType
        self.lofMechanism = lofMechanism
        self.gene = gene
        self.location = location
        self.predictedNMD = predictedNMD
        self.readingFramePreserved = readingFramePreserved
        self.exonInRelevantTranscripts = exonInRelevantTranscripts
        self.truncatedRegionCritical = truncatedRegionCritical
        self.lofFrequentInExon = lofFrequentInExon
        self.proteinLength = proteinLength
        self.residuesRemoved = residuesRemoved
        self.alternativeStartInOtherTranscript = alternativeStartInOtherTranscript
        self.pathogenicUpstreamOfNextStart = pathogenicUpstreamOfNextStart
        self.nextInFrameStart = nextInFrameStart
        self.tandem = tandem
    }
}
