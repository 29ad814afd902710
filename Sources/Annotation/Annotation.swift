/// The streaming annotation pipeline: read, normalize, look up, write VCF/BCF/TSV/JSON Lines.
public enum Annotation {}
