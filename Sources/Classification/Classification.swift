/// Variant classification: ACMG/AMP germline criteria and combiners (ClinGen SVI), AMP/ASCO/CAP somatic tiers,
/// ClinGen/CGC/VICC oncogenicity and Japanese evidence levels. Knows rules and evidence, not file formats.
public enum Classification {}
