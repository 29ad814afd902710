extension VCEPSpecification {
    /// ClinGen Myeloid Malignancy VCEP, RUNX1 rules version 2 (Luo et al. 2022).
    ///
    /// Version 2 downgrades PM2 to PM2_Supporting and keeps PM1, PM4 and PM5 at Supporting (Table 1), and "will now
    /// incorporate the use of a Bayesian framework ... particularly when such data conflict with benign and
    /// pathogenic codes": the SVI hybrid (table where it reaches a class, points for conflicts).
    public static let runx1 = VCEPSpecification(
        id: "GN008", title: "ClinGen Myeloid Malignancy Expert Panel Specifications for RUNX1", version: "2",
        expertPanels: ["Myeloid Malignancy VCEP"],
        genes: ["RUNX1"],
        combining: .sviHybrid,
        strengthChanges: [.PM2: .supporting, .PM1: .supporting, .PM4: .supporting, .PM5: .supporting],
        citations: [Citation("Luo et al. 2022, Blood Adv 6:4726, Table 1 (RUNX1 rules v2)",
                             url: "https://ashpublications.org/bloodadvances/article/6/16/4726/485712/Revision-of-RUNX1-variant-curation-rules"),
                    Citation("Luo et al. 2019, Blood Adv 3:2962 (RUNX1 rules v1)"),
                    Citation("ClinGen CSpec GN008 (current version 3.1.0)", url: "https://cspec.genome.network/cspec/ui/svi/svi/GN008")],
        verify: ["changes made in RUNX1 versions 3.x (CSpec GN008 v3.1.0) are not encoded"])
}
