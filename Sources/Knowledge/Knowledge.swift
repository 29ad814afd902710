/// The local knowledge base: importers of real source formats (ClinVar VCF, population-frequency VCFs,
/// CIViC, gene tables, institutional curations) into a versioned, memory-mapped, integer-keyed bundle.
public enum Knowledge {}
