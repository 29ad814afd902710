extension VCEPSpecification {
    /// ClinGen Glaucoma VCEP, MYOC specifications version 1 (12 Oct 2021): points-based combining.
    ///
    /// The panel scores every MYOC variant on the Tavtigian point scale and states the bands in its published
    /// classifications: "likely pathogenic classification range 6 to 9", "uncertain significance classification
    /// range -1 to 5", "likely benign classification range -2 to -6" (80 of the 84 eRepo dev-set MYOC summaries
    /// quote them, e.g. "met the criteria to receive a score of -1 and to be classified as a variant of uncertain
    /// significance"). Points decide even when the table would reach a row (BP4 + BP7 + PM2_Supporting scores −1:
    /// uncertain, where Table 5 Likely benign (ii) would apply). Pathogenic ≥ 10 and Benign ≤ −7 are Tavtigian
    /// 2020's; the panel's text seen here does not state them.
    public static let glaucoma = VCEPSpecification(
        id: "Glaucoma-VCEP", title: "ClinGen Glaucoma Expert Panel Specifications to the ACMG/AMP Variant Interpretation Guidelines for MYOC", version: "1",
        expertPanels: ["Glaucoma VCEP"],
        genes: ["MYOC"],
        combining: .points,
        thresholds: PointThresholds(pathogenic: 10, likelyPathogenic: 6, likelyBenign: -2, benign: -7),
        citations: [Citation("ClinGen Glaucoma Expert Panel Specifications to the ACMG/AMP Variant Interpretation Guidelines, version 1 (12 Oct 2021)",
                             url: "https://clinicalgenome.org/docs/clingen-glaucoma-expert-panel-specifications-to-the-acmg-amp-variant-interpretation-guidelines-version-1/",
                             verify: true),
                    Citation("Glaucoma VCEP classifications in the ClinGen Evidence Repository, which state the score bands LP 6 to 9, VUS −1 to 5, LB −2 to −6",
                             url: "https://erepo.clinicalgenome.org/evrepo/")],
        verify: ["the bands are read from the panel's published classification summaries, not from the specification document",
                 "Pathogenic ≥ 10 and Benign ≤ −7 (Tavtigian 2020 Table 3; not stated in the summaries read)"])
}
