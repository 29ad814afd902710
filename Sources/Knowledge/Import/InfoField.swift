import CHTSlib
import HTS

/// Reads one INFO field of a source's records into reusable buffers (the header decides its type and Number).
final class InfoField {
    let key: String
    private let cKey: UnsafeMutablePointer<CChar>
    /// BCF_VL_FIXED (Number=1…), BCF_VL_VAR, BCF_VL_A, BCF_VL_G, BCF_VL_R.
    let number: Int32
    let type: Int32
    private var buffer: UnsafeMutableRawPointer?
    private var capacity: Int32 = 0

    /// nil when the header does not declare `key` as an INFO field.
    init?(key: String, header: VCFHeader) {
        let id = bcf_hdr_id2int(header.pointer, Int32(BCF_DT_ID), key)
        guard id >= 0, csl_hdr_id_exists(header.pointer, Int32(BCF_HL_INFO), id) != 0 else { return nil }
        self.key = key
        cKey = strdup(key)
        number = Int32(csl_hdr_id_length(header.pointer, Int32(BCF_HL_INFO), id))
        type = Int32(csl_hdr_id_type(header.pointer, Int32(BCF_HL_INFO), id))
    }

    deinit {
        free(cKey)
        free(buffer)
    }

    /// The value index for ALT `alt` (1-based) given the field's Number.
    private func valueIndex(alt: Int) -> Int {
        switch number {
        case Int32(BCF_VL_A): return alt - 1
        case Int32(BCF_VL_R): return alt
        default: return 0
        }
    }

    func float(_ header: VCFHeader, _ record: VCFRecord, alt: Int) -> Float? {
        let n = bcf_get_info_values(header.pointer, record.pointer, cKey, &buffer, &capacity, Int32(BCF_HT_REAL))
        let i = valueIndex(alt: alt)
        guard n > 0, i < Int(n), let buffer else { return nil }
        let v = buffer.load(fromByteOffset: i * 4, as: Float.self)
        if csl_float_is_missing(v) != 0 || csl_float_is_vector_end(v) != 0 { return nil }
        return v
    }

    func int(_ header: VCFHeader, _ record: VCFRecord, alt: Int) -> Int32? {
        let n = bcf_get_info_values(header.pointer, record.pointer, cKey, &buffer, &capacity, Int32(BCF_HT_INT))
        let i = valueIndex(alt: alt)
        guard n > 0, i < Int(n), let buffer else { return nil }
        let v = buffer.load(fromByteOffset: i * 4, as: Int32.self)
        if v == csl_int32_missing() || v == csl_int32_vector_end() { return nil }
        return v
    }

    /// The whole string value as written in the file (commas included), or nil when absent or `.`.
    func string(_ header: VCFHeader, _ record: VCFRecord) -> String? {
        let n = bcf_get_info_values(header.pointer, record.pointer, cKey, &buffer, &capacity, Int32(BCF_HT_STR))
        guard n > 0, let buffer else { return nil }
        let s = String(cString: buffer.assumingMemoryBound(to: CChar.self))
        return s.isEmpty || s == "." ? nil : s
    }
}
