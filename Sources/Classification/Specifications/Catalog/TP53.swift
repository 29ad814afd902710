extension VCEPSpecification {
    /// ClinGen TP53 VCEP, version 2: points-based combining.
    ///
    /// CSpec GN009 v2.0.0 release notes: "Points based evidence combining criteria based on modified Bayesian
    /// points system". The modified boundaries are not encoded from the document: the profile's boundaries are used
    /// (Tavtigian 2020 Table 3 with −1 read as Uncertain). With −1 as Likely Benign two more dev-set rows disagree.
    public static let tp53 = VCEPSpecification(
        id: "GN009", title: "ClinGen TP53 Expert Panel Specifications to the ACMG/AMP Variant Interpretation Guidelines for TP53", version: "2.0.0",
        expertPanels: ["TP53 VCEP"],
        genes: ["TP53"],
        combining: .points,
        citations: [Citation("ClinGen CSpec GN009 v2.0.0 (TP53 VCEP): points-based combining, modified Bayesian point system",
                             url: "https://cspec.genome.network/cspec/ui/svi/doc/GN009?version=2.0.0"),
                    Citation("Fortuno et al. 2021, Hum Mutat 42:223 (TP53 VCEP v1 specifications)")],
        verify: ["the point boundaries of the TP53 'modified Bayesian points system' (the profile's boundaries are used here)"],
        notes: ["Curations made under v1.x (2019–2022) used v1 combining; the specification chosen by gene is the current one."])
}
