import CHTSlib

/// A VCF/BCF header: contigs, samples and the INFO/FORMAT/FILTER dictionary.
///
/// Owns its `bcf_hdr_t`. Not `Sendable`: a header belongs to one reader or writer.
public final class VCFHeader {
    public let pointer: UnsafeMutablePointer<bcf_hdr_t>

    init(owning pointer: UnsafeMutablePointer<bcf_hdr_t>) {
        self.pointer = pointer
    }

    deinit { bcf_hdr_destroy(pointer) }

    /// An independent copy, e.g. to extend for an output file.
    public func copy() -> VCFHeader? {
        guard let dup = bcf_hdr_dup(pointer) else { return nil }
        return VCFHeader(owning: dup)
    }

    /// Appends a `##` line (e.g. `##consilium_version=0.1.0`) and re-syncs the dictionaries.
    @discardableResult
    public func append(line: String) -> Bool {
        guard bcf_hdr_append(pointer, line) == 0 else { return false }
        return bcf_hdr_sync(pointer) == 0
    }

    public var sampleCount: Int { Int(csl_hdr_nsamples(pointer)) }

    public var sampleNames: [String] {
        (0..<sampleCount).map { String(cString: csl_hdr_sample_name(pointer, Int32($0))) }
    }

    public var contigCount: Int { Int(csl_hdr_ncontigs(pointer)) }

    /// The contig name for a record's `rid`.
    public func contigName(_ rid: Int32) -> String {
        guard rid >= 0, Int(rid) < contigCount, let name = csl_hdr_contig_name(pointer, rid) else { return "?" }
        return String(cString: name)
    }

    /// Contigs in header order with their declared length (0 when the line has none).
    public var contigs: [(name: String, length: Int)] {
        (0..<contigCount).map { rid in
            (contigName(Int32(rid)), Int(csl_hdr_contig_length(pointer, Int32(rid))))
        }
    }

    /// The `rid` of a contig, or nil when the header does not declare it.
    public func contigID(_ name: String) -> Int32? {
        let rid = bcf_hdr_name2id(pointer, name)
        return rid >= 0 ? rid : nil
    }

    /// The whole header as VCF text.
    public var text: String {
        var ks = kstring_t()
        defer { csl_kstring_free(&ks) }
        guard bcf_hdr_format(pointer, 0, &ks) == 0, let s = ks.s else { return "" }
        return String(cString: s)
    }

    /// All `##` meta lines with the given key (e.g. "reference", "fileDate"), as their values.
    public func metaValues(key: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let prefix = "##\(key)="
            return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
        }
    }
}
