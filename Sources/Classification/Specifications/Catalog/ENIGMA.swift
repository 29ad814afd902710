extension VCEPSpecification {
    /// ENIGMA BRCA1 and BRCA2 VCEP. Registered so the panel and genes resolve; no combining change is encoded.
    public static let enigma = VCEPSpecification(
        id: "ENIGMA-BRCA1-BRCA2", title: "ENIGMA BRCA1 and BRCA2 VCEP specifications", version: "1.1",
        expertPanels: ["ENIGMA BRCA1 and BRCA2 VCEP"],
        genes: ["BRCA1", "BRCA2"],
        citations: [Citation("ENIGMA BRCA1/2 VCEP specifications v1.1.0 (ClinGen CSpec)", url: "https://cspec.genome.network", verify: true)],
        verify: ["the ENIGMA combining rule (multifactorial-likelihood PP4/BS4 strengths); the default profile's rule is used",
                 "BA1/BS1 thresholds are not encoded"],
        notes: ["On the eRepo dev set two ENIGMA Pathogenic rows (PP4_Strong + PP3 + PM2_Supporting) are Likely Pathogenic by every general rule."])
}
