/// The consequence of one allele on one transcript, with the positions VEP reports.
///
/// Positions are 1-based; 0 means "not applicable". Peptides and codons are filled only for coding changes.
public struct TranscriptEffect: Sendable {
    /// Index into `GeneModel.transcripts`.
    public var transcript: Int
    public var terms = ConsequenceSet()
    /// Exon and intron numbers hit (first…last, 1-based, transcript order), 0 when none.
    public var exonFirst = 0, exonLast = 0
    public var intronFirst = 0, intronLast = 0
    public var cdnaStart = 0, cdnaEnd = 0
    public var cdsStart = 0, cdsEnd = 0
    public var proteinStart = 0, proteinEnd = 0
    /// One-letter peptides of the affected codons (`*` = stop), reference and alternate.
    public var refPeptide: [UInt8] = []
    public var altPeptide: [UInt8] = []
    /// Affected codons; changed bases are upper case, the rest lower case, as VEP writes them.
    public var refCodons: [UInt8] = []
    public var altCodons: [UInt8] = []
    /// Frameshift/extension details for HGVS p.: the first changed residue, the residue it becomes, and how many
    /// codons on the new frame reach a stop (counting the first changed one as 1), nil when no stop is reached.
    public var firstChangedResidue = 0
    public var firstChangedRef: UInt8 = 0
    public var firstChangedAlt: UInt8 = 0
    public var newStopDistance: Int?
    /// NMD prediction for a premature stop: true when the new stop lies more than 50 nt upstream of the last
    /// exon-exon junction (the 50-nt rule); nil when no premature stop.
    public var triggersNMD: Bool?
    /// Distance to the transcript for upstream/downstream variants.
    public var distance = 0
    /// Set when the allele shares a codon (or an unrestored frame) with other alleles of one haplotype: the
    /// combined change is reported on the member first in transcript order (`members` listed), the others point back to it.
    public var compound: CompoundLink?

    public init(transcript: Int) { self.transcript = transcript }
}
