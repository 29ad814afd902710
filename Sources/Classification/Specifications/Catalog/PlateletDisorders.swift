extension VCEPSpecification {
    /// ClinGen Platelet Disorders VCEP, ITGA2B and ITGB3 (Glanzmann thrombasthenia, autosomal recessive).
    ///
    /// Encoded from the panel's criteria table in the ClinGen Evidence Repository (guideline 011, "ACMG variant
    /// classification Platelet Disorders") and Ross et al. 2021 (Blood Adv 5:414, Table 1): BA1 above 0.24 %
    /// (> 0.0024), BS1 above 0.158 % (> 0.00158), PM2 at Supporting below 1/10,000 (< 0.0001) in gnomAD; PS4
    /// "does not apply due to rarity of disorder and lack of appropriate studies"; BP1 "does not apply as
    /// truncating variants do not predominate and missense variants are a known cause of disease".
    /// Neither source states a change to the combining rules, so the profile's rule is kept.
    public static let plateletDisorders = VCEPSpecification(
        id: "GN011", title: "ClinGen Platelet Disorders Expert Panel Specifications for ITGA2B and ITGB3", version: "2.1",
        expertPanels: ["Platelet Disorders VCEP"],
        genes: ["ITGA2B", "ITGB3"],
        strengthChanges: [.PM2: .supporting],
        disabledCriteria: [.PS4, .BP1],
        frequency: FrequencyThresholds(ba1: 0.0024, bs1: 0.00158, pm2: 0.0001),
        citations: [Citation("ClinGen Evidence Repository, guideline 011: ACMG variant classification Platelet Disorders (criteria table)",
                             url: "http://erepo.clinicalgenome.org/evrepo/ui/guideline/011"),
                    Citation("Ross et al. 2021, Blood Adv 5:414, Table 1 (PD-EP specifications for ITGA2B/ITGB3; PMID 33496739)",
                             url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC7839359/"),
                    Citation("ClinGen CSpec GN011: Platelet Disorders Expert Panel Specifications Version 2.1 (title in the registry's summary)",
                             url: "https://cspec.genome.network/cspec/CriteriaCode/summary?format=tsv")],
        verify: ["the eRepo guideline page does not name its specification version; the values are taken as those of v2.1, the version the dev-set rows cite",
                 "PM2_Supporting is stated as < 0.0001; the engine compares PM2 thresholds inclusively (≤), which differs only at exactly 0.0001"],
        notes: ["Combining: the default profile's rule; the sources read state no change to 2015 Table 5 or to the points.",
                "Ross 2021 deems seven rules not applicable to GT; only the two the eRepo criteria table names (PS4, BP1) are disabled here."])
}
