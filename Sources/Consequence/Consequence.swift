/// Consequences of variants on transcripts (Sequence Ontology terms) and HGVS names, from GFF3/GTF gene models and the reference.
public enum Consequence {}
