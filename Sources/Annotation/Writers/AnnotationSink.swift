import HTS

/// Where annotated records go: a VCF/BCF writer or a table writer.
public protocol AnnotationSink: AnyObject {
    /// Writes one normalized record with its lookup results (`lookup.rows` describe this record).
    func write(_ record: VCFRecord, lookup: AlleleLookup) throws(InputError)
    /// Flushes and moves the output into place.
    func finish() throws(InputError)
}
