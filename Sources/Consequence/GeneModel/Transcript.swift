/// A genomic interval, 1-based and inclusive at both ends (GFF3/GTF convention).
public struct GenomicInterval: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start + 1 }
    @inlinable public func contains(_ position: Int) -> Bool { position >= start && position <= end }
    @inlinable public func overlaps(_ from: Int, _ to: Int) -> Bool { from <= end && to >= start }
}

/// One transcript of a gene model: its exons in transcript order and, when coding, its CDS span.
///
/// Positions are genomic (1-based, inclusive). The CDS is kept as VEP keeps it (`coding_region_start/end`): the
/// genomic span from the lowest to the highest CDS base, including the stop codon, intersected with the exons.
/// Precomputed cDNA offsets make every coordinate mapping a short integer loop, without allocation.
public struct Transcript: Sendable {
    public let id: String
    public let geneID: String
    public let symbol: String
    /// Ensembl/GENCODE biotype (`protein_coding`, `nonsense_mediated_decay`, `lncRNA`, …); for RefSeq models,
    /// `protein_coding` when the transcript has a CDS, else `transcript` or the GFF3 feature type.
    public let biotype: String
    public let contig: String
    public let strand: Strand
    /// Genomic extent of the transcript.
    public let start: Int
    public let end: Int
    /// Exons in transcript order (5' to 3' on the transcript's strand).
    public let exons: [GenomicInterval]
    /// Lowest and highest genomic CDS base, nil for non-coding transcripts.
    public let codingStart: Int?
    public let codingEnd: Int?
    /// Bases at the CDS 5' end that belong to a codon begun upstream (GFF3 phase of the first CDS part); 0 when
    /// the CDS starts with a whole codon.
    public let cdsStartPhase: Int
    public let isMANESelect: Bool
    public let isCanonical: Bool
    /// cDNA position (1-based) of the first base of each exon, in transcript order.
    public let exonCDNAStart: [Int]
    /// Spliced length.
    public let cdnaLength: Int
    /// cDNA positions of the CDS's 5' and 3' ends (0 when non-coding).
    public let cdsStartCDNA: Int
    public let cdsEndCDNA: Int

    public init(id: String, geneID: String, symbol: String, biotype: String, contig: String, strand: Strand,
                exons unsortedExons: [GenomicInterval], codingStart: Int?, codingEnd: Int?, cdsStartPhase: Int,
                isMANESelect: Bool, isCanonical: Bool) {
        self.id = id
        self.geneID = geneID
        self.symbol = symbol
        self.biotype = biotype
        self.contig = contig
        self.strand = strand
        var sorted = unsortedExons.sorted { $0.start < $1.start }
        if strand == .minus { sorted.reverse() }
        exons = sorted
        start = unsortedExons.map(\.start).min() ?? 0
        end = unsortedExons.map(\.end).max() ?? 0
        var starts: [Int] = []
        starts.reserveCapacity(sorted.count)
        var total = 0
        for e in sorted {
            starts.append(total + 1)
            total += e.length
        }
        exonCDNAStart = starts
        cdnaLength = total
        self.isMANESelect = isMANESelect
        self.isCanonical = isCanonical
        self.cdsStartPhase = cdsStartPhase
        if let cs = codingStart, let ce = codingEnd, cs <= ce {
            self.codingStart = cs
            self.codingEnd = ce
            let five = strand == .plus ? cs : ce
            let three = strand == .plus ? ce : cs
            cdsStartCDNA = Transcript.exonicCDNA(five, exons: sorted, starts: starts, strand: strand) ?? 0
            cdsEndCDNA = Transcript.exonicCDNA(three, exons: sorted, starts: starts, strand: strand) ?? 0
        } else {
            self.codingStart = nil
            self.codingEnd = nil
            cdsStartCDNA = 0
            cdsEndCDNA = 0
        }
    }

    /// `N` bases VEP puts before an incomplete 5' CDS so that the first whole codon keeps its frame: Ensembl's
    /// start phase, `(3 - GFF3 phase) % 3`. Residue 1 is then the partial codon, as in VEP's numbering.
    public var cdsPad: Int { (3 - cdsStartPhase) % 3 }

    /// True when the transcript has a CDS whose ends both fall on exons.
    public var isCoding: Bool { cdsStartCDNA > 0 && cdsEndCDNA >= cdsStartCDNA }

    /// Length of the annotated CDS in bases (stop codon included when annotated), 0 when non-coding.
    public var cdsLength: Int { isCoding ? cdsEndCDNA - cdsStartCDNA + 1 : 0 }

    static func exonicCDNA(_ g: Int, exons: [GenomicInterval], starts: [Int], strand: Strand) -> Int? {
        for i in exons.indices where exons[i].contains(g) {
            return starts[i] + (strand == .plus ? g - exons[i].start : exons[i].end - g)
        }
        return nil
    }
}
