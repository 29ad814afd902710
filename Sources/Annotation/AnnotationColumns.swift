import Knowledge

/// The annotation fields, named as in the design (stable; scripts depend on them).
///
/// ClinVar: `CLINVAR_ID`, `CLINVAR_SIG`, `CLINVAR_REVSTAT`, `CLINVAR_STARS`, `CLINVAR_DN`.
/// Each frequency source labelled L: `L_AF`, `L_AC`, `L_AN`, `L_NHOMALT`, `L_AF_GRPMAX`, `L_FAF95`.
/// VCF output declares a frequency field only when its source has it; TSV and JSON Lines always carry all
/// six per label (missing: `.` in TSV, `null` in JSON) so the columns depend only on the labels.
public enum AnnotationColumns {
    public static let clinvar = ["CLINVAR_ID", "CLINVAR_SIG", "CLINVAR_REVSTAT", "CLINVAR_STARS", "CLINVAR_DN"]
    public static let frequencySuffixes = ["AF", "AC", "AN", "NHOMALT", "AF_GRPMAX", "FAF95"]
    public static let site = ["CHROM", "POS", "ID", "REF", "ALT"]

    /// The table columns for a knowledge base, in order, then each record annotator's columns.
    public static func table(for kb: KnowledgeBase, annotators: [RecordAnnotator] = []) -> [String] {
        site + clinvar + kb.frequencies.flatMap { f in frequencySuffixes.map { "\(f.label)_\($0)" } }
            + annotators.flatMap(\.columns)
    }
}
