/// One consequence entry read from a pre-annotated VCF (VEP `CSQ`, SnpEff `ANN`, bcftools `BCSQ`), holding the
/// values the classifier takes from a `TranscriptEffect`: SO terms, transcript, gene, HGVS c./p., protein position.
///
/// Terms are mapped to VEP's (`SOTerm`): SnpEff's and bcftools' names to the VEP term of the same meaning, VEP ≥ 105
/// splice terms to `splice_region_variant` (what earlier VEP releases called them). Every name as written stays
/// in `termNames`, and names with no VEP equivalent in `unmappedTerms`, so nothing is silently dropped.
public struct PreAnnotatedEffect: Sendable, Equatable {
    public var tool: AnnotationTool
    /// The allele as the tool writes it (VEP: ALT without the shared first base, `-` for a deletion; SnpEff: the
    /// ALT); empty for bcftools, whose entries name the change in `dnaChange`.
    public var allele: String = ""
    public var terms = ConsequenceSet()
    public var termNames: [String] = []
    public var unmappedTerms: [String] = []
    /// VEP/SnpEff IMPACT, nil when the tool does not write it.
    public var impact: Impact?
    public var symbol: String = ""
    public var geneID: String = ""
    /// Transcript (feature) identifier as written, version included.
    public var transcript: String = ""
    public var biotype: String = ""
    /// `c.524G>A` / `n.…`, without the `ENST…:` prefix; nil when absent.
    public var hgvsc: String?
    /// `p.Arg175His` (VEP's `%3D` decoded to `=`), without the protein id prefix; nil when absent.
    public var hgvsp: String?
    /// First affected residue (VEP `Protein_position`, SnpEff `AA.pos`, bcftools `amino_acid_change`), nil when none.
    public var proteinPosition: Int?
    /// Exon number and count (`5/11`), nil when the entry is not exonic or the tool does not say.
    public var exon: (number: Int, of: Int)?
    /// Transcript strand: 1 or -1; nil when unknown.
    public var strand: Int?
    public var isCanonical = false
    /// VEP's MANE_SELECT value (the RefSeq id), nil when empty.
    public var maneSelect: String?
    /// bcftools' change text (`524G>A`, `31177C>T+31178G>T`), empty otherwise.
    public var dnaChange: String = ""
    /// bcftools `@POS`: this record's change is part of the combined one reported at POS.
    public var compoundLead: Int?

    public init(tool: AnnotationTool) { self.tool = tool }

    public static func == (a: PreAnnotatedEffect, b: PreAnnotatedEffect) -> Bool {
        a.tool == b.tool && a.allele == b.allele && a.terms == b.terms && a.termNames == b.termNames
            && a.unmappedTerms == b.unmappedTerms && a.impact == b.impact && a.symbol == b.symbol
            && a.geneID == b.geneID && a.transcript == b.transcript && a.biotype == b.biotype && a.hgvsc == b.hgvsc
            && a.hgvsp == b.hgvsp && a.proteinPosition == b.proteinPosition && a.exon?.number == b.exon?.number
            && a.exon?.of == b.exon?.of && a.strand == b.strand && a.isCanonical == b.isCanonical
            && a.maneSelect == b.maneSelect && a.dnaChange == b.dnaChange && a.compoundLead == b.compoundLead
    }
}
