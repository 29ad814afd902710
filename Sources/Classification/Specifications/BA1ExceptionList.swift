/// Variants that are common but pathogenic, for which BA1 must not be applied.
///
/// Ghosh et al. 2018, Hum Mutat 39:1525, Table 1 (nine variants; ClinGen keeps the list online and may add to it):
/// https://www.clinicalgenome.org/docs/updated-recommendation-for-the-benign-stand-alone-acmg-amp-criterion/
public enum BA1ExceptionList {
    public static let ghosh2018: [VariantName] = [
        VariantName(gene: "ACAD9", cdna: "c.-44_-41dupTAAG"),
        VariantName(gene: "ACADS", cdna: "c.511C>T", protein: "p.Arg171Trp"),
        VariantName(gene: "BTD", cdna: "c.1330G>C", protein: "p.Asp444His"),
        VariantName(gene: "GJB2", cdna: "c.109G>A", protein: "p.Val37Ile"),
        VariantName(gene: "HFE", cdna: "c.187C>G", protein: "p.His63Asp"),
        VariantName(gene: "HFE", cdna: "c.845G>A", protein: "p.Cys282Tyr"),
        VariantName(gene: "MEFV", cdna: "c.1105C>T", protein: "p.Pro369Ser"),
        VariantName(gene: "MEFV", cdna: "c.1223G>A", protein: "p.Arg408Gln"),
        VariantName(gene: "PIBF1", cdna: "c.1214G>A", protein: "p.Arg405Gln"),
    ]

    public static let citation = Citation("Ghosh et al. 2018, Hum Mutat 39:1525, Table 1",
        url: "https://www.clinicalgenome.org/docs/updated-recommendation-for-the-benign-stand-alone-acmg-amp-criterion/")

    /// Whether `variant` is excepted, by the general list or by `specification`'s own list.
    public static func isExcepted(_ variant: VariantName, specification: VCEPSpecification? = nil) -> Bool {
        ghosh2018.contains { $0.matches(variant) } || (specification?.ba1Exceptions.contains { $0.matches(variant) } ?? false)
    }
}
