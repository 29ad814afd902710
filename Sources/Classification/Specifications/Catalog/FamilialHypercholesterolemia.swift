extension VCEPSpecification {
    /// ClinGen Familial Hypercholesterolemia VCEP, LDLR specifications version 1.2 (CSpec GN013).
    public static let familialHypercholesterolemia = VCEPSpecification(
        id: "GN013", title: "ClinGen Familial Hypercholesterolemia Expert Panel Specifications for LDLR", version: "1.2",
        expertPanels: ["Familial Hypercholesterolemia VCEP"],
        genes: ["LDLR"],
        frequency: FrequencyThresholds(ba1: 0.005),
        citations: [Citation("Chora et al. 2022, Genet Med 24:293 (LDLR specifications)"),
                    Citation("ClinGen CSpec GN013 v1.2", url: "https://cspec.genome.network/cspec/CriteriaCode/summary?format=tsv")],
        verify: ["BA1 = 0.5% (from the project's classification-rules reference)"])
}
