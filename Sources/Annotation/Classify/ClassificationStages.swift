import Classification
import HTS
import Knowledge

/// Builds the classification stages of `consilium annotate --classify` and of case reports, so both run the same
/// stages with the same tables.
public enum ClassificationStages {
    /// The germline stage (ACMG/AMP with ClinGen SVI, `GermlineAnnotator`) reading the consequence stage's report
    /// transcript and the sequence criteria (`SequenceCriteriaAdapter`).
    /// - Parameters:
    ///   - relevantTranscripts: transcripts whose exons count for PVS1 besides those the model flags MANE Select.
    ///   - hotspotTable: a cancerhotspots residue table for PM1 (optional).
    public static func germline(kb: KnowledgeBase, consequences: ConsequenceAnnotator?,
                                relevantTranscripts: Set<String> = [], hotspotTable: String? = nil) throws(InputError) -> GermlineAnnotator {
        let sequence = consequences.map { _ in SequenceCriteriaAdapter(relevantTranscripts: relevantTranscripts) }
        let hotspots = try hotspotTable.map { p throws(InputError) in try GermlineAnnotator.hotspots(residueTable: p) } ?? []
        return try GermlineAnnotator(kb: kb, consequences: consequences, sequence: sequence, hotspots: hotspots)
    }

    /// The somatic stage (AMP/ASCO/CAP tier, ClinGen/CGC/VICC oncogenicity, JSMO/JSCO/JCA level, `SomaticAnnotator`)
    /// for one OncoTree code; gene and protein change come from the consequence stage's report transcript.
    public static func somatic(kb: KnowledgeBase, tumorType: String, oncoTreeTable: String, hotspotTable: String?,
                               geneRoles: [String: OncogenicityInput.GeneRole] = [:],
                               consequences: ConsequenceAnnotator?) throws(InputError) -> SomaticAnnotator {
        let (tree, hotspots) = try SomaticAnnotator.loadTables(oncoTree: oncoTreeTable, hotspots: hotspotTable)
        guard let consequences else {
            return try SomaticAnnotator(kb: kb, tumorType: tumorType, oncoTree: tree, hotspots: hotspots, geneRoles: geneRoles)
        }
        return try SomaticAnnotator(kb: kb, tumorType: tumorType, oncoTree: tree, hotspots: hotspots, geneRoles: geneRoles,
                                    consequences: consequences)
    }
}
