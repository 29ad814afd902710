import HTS

/// A stage of `consilium annotate` after the knowledge-base lookup: consequences (`CSL_CSQ`), germline
/// classification (`CSL_ACMG*`), somatic levels (`CSL_AMP_TIER`, `CSL_ONCOGENICITY`, `CSL_JP_LEVEL`).
///
/// The pipeline calls the annotators in the order given, once per normalized output record, in output order,
/// after `AlleleLookup.lookUp`. A later annotator may read what an earlier one computed for the same record
/// (the classifier reads the consequences), so annotators are classes holding their last results.
public protocol RecordAnnotator: AnyObject {
    /// `##INFO` lines declared in the output header before the output opens.
    var headerLines: [String] { get }
    /// Extra TSV/JSON Lines columns, one value per ALT allele, after the knowledge-base columns.
    var columns: [String] { get }
    /// Sets this annotator's INFO fields on `record` (described by `header`); `lookup` holds the record's
    /// knowledge-base rows.
    func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError)
    /// Values of `columns` for ALT `alt` (0-based) of the record last passed to `annotate`; nil is empty.
    func columnValues(alt: Int) -> [String?]
}
