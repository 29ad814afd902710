extension VCEPSpecification {
    /// ClinGen Hearing Loss VCEP (Oza et al. 2018), CSpec GN005 version 2: lowered BA1 for hearing-loss genes.
    public static let hearingLoss = VCEPSpecification(
        id: "GN005", title: "ClinGen Hearing Loss Expert Panel Specifications for CDH23, COCH, GJB2, KCNQ4, MYO6, MYO7A, SLC26A4, TECTA and USH2A", version: "2",
        expertPanels: ["Hearing Loss VCEP"],
        genes: ["CDH23", "COCH", "GJB2", "KCNQ4", "MYO6", "MYO7A", "SLC26A4", "TECTA", "USH2A"],
        frequency: FrequencyThresholds(ba1: 0.005, bs1: 0.003),
        citations: [Citation("Oza et al. 2018, Hum Mutat 39:1593 (hearing-loss specifications)"),
                    Citation("ClinGen CSpec GN005 v2 (gene list in the title)", url: "https://cspec.genome.network/cspec/CriteriaCode/summary?format=tsv")],
        verify: ["BS1 = 0.3% (BA1 = 0.5% is from the project's classification-rules reference)"],
        notes: ["Combining: the default profile's rule (the panel publishes no change to Table 5 that is encoded here)."])
}
