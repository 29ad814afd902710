extension VCEPSpecification {
    /// ClinGen DICER1 and miRNA-Processing Gene VCEP: Tavtigian points with a −1 "uncertain with caveat" band.
    ///
    /// Table 4 of the specification paper: Pathogenic ≥ 10, Likely Pathogenic 6–9, Uncertain 0–5, Uncertain with
    /// caveat −1, Likely Benign −2 to −6, Benign ≤ −7; "a final point value of −1 may be overridden to Likely
    /// Benign only in cases where PM2_Supporting is applied AND no other pathogenic evidence codes are applied
    /// (e.g. BP4, BP7, PM2_Supporting)". The override is applied automatically here.
    public static let dicer1 = VCEPSpecification(
        id: "DICER1-VCEP", title: "ClinGen DICER1 and miRNA-Processing Gene VCEP specifications for DICER1", version: "1",
        expertPanels: ["DICER1 and miRNA-Processing Gene VCEP"],
        genes: ["DICER1"],
        combining: .points,
        thresholds: PointThresholds(pathogenic: 10, likelyPathogenic: 6, likelyBenign: -2, benign: -7),
        minusOneIsLikelyBenignWithOnlyPM2Supporting: true,
        citations: [Citation("ClinGen DICER1 VCEP, Hum Mutat 2023:9537832 (doi:10.1155/2023/9537832), Table 4",
                             url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC10713350/table/T4")],
        notes: ["The override of −1 to Likely Benign is optional in the specification (\"may be\"); it is applied whenever its condition holds."])
}
