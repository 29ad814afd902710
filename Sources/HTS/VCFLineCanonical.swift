import CHTSlib

/// Whether a text VCF line is byte for byte what htslib's `vcf_format` writes for the record `vcf_parse` made
/// of it, so that the line can stand for that text (annotating VCF text output splices fields into it instead
/// of formatting every record again).
///
/// Each column is accepted only in forms that provably round-trip: a POS without leading zeros, ID, REF, ALT,
/// FILTER, INFO keys and FORMAT keys equal to what the record decodes to, QUAL `.` or a short integer, integer
/// values without leading zeros or signs that htslib would drop, strings as they are, genotypes of plain allele
/// numbers. Anything else (floats, a FORMAT column without samples, trailing fields left out, flags with
/// values…) answers false, and the caller formats the record with htslib instead: a false answer only costs
/// time.
enum VCFLineCanonical {
    /// `ends` holds the offsets of the line's first eight tabs (`VCFLineDiagnosis.scanTabs`), and `r` the record
    /// parsed from it with `header` and unpacked (shared part, and FORMAT when there are samples), as the
    /// prefetcher's checks leave it.
    static func isCanonical(_ line: kstring_t, ends: UnsafePointer<Int>, record r: UnsafeMutablePointer<bcf1_t>,
                            header h: UnsafeMutablePointer<bcf_hdr_t>) -> Bool {
        guard let s = line.s else { return false }
        let b = UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self)
        let count = line.l
        let v = r.pointee
        let samples = Int(v.n_sample)
        // CHROM is the header's name of the contig (looked up as written).
        // POS: digits (checked by the reader) without a leading zero.
        guard ends[1] > ends[0] + 1, b[ends[0] + 1] != 0x30 else { return false }
        // ID
        guard equals(b + ends[1] + 1, ends[2] - ends[1] - 1, v.d.id.map { UnsafePointer($0) }) else { return false }
        // REF and ALT
        guard v.n_allele >= 1, let alleles = v.d.allele else { return false }
        guard equals(b + ends[2] + 1, ends[3] - ends[2] - 1, alleles[0].map { UnsafePointer($0) }) else { return false }
        var at = ends[3] + 1
        if v.n_allele == 1 {
            guard ends[4] - at == 1, b[at] == 0x2E else { return false }
        } else {
            for i in 1..<Int(v.n_allele) {
                guard let a = alleles[i] else { return false }
                let n = strlen(a)
                if i > 1 {
                    guard at < ends[4], b[at] == 0x2C else { return false }
                    at += 1
                }
                guard at + n <= ends[4], memcmp(b + at, a, n) == 0 else { return false }
                at += n
            }
            guard at == ends[4] else { return false }
        }
        // QUAL: '.' or an integer of up to six digits, which kputd writes back as it is.
        let qual = UnsafeBufferPointer(start: b + ends[4] + 1, count: ends[5] - ends[4] - 1)
        if qual.count == 1 && qual[0] == 0x2E {
            guard v.qual.bitPattern == 0x7F80_0001 else { return false }
        } else {
            guard qual.count >= 1, qual.count <= 6, qual[0] != 0x30 || qual.count == 1,
                  qual.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), v.qual.bitPattern != 0x7F80_0001 else { return false }
        }
        // FILTER: '.', or the names of the decoded filters in order.
        at = ends[5] + 1
        let filterEnd = ends[6]
        if filterEnd - at == 1 && b[at] == 0x2E {
            guard v.d.n_flt == 0 else { return false }
        } else {
            guard v.d.n_flt > 0, let flt = v.d.flt else { return false }
            for i in 0..<Int(v.d.n_flt) {
                if i > 0 {
                    guard at < filterEnd, b[at] == 0x3B else { return false }
                    at += 1
                }
                guard let key = idKey(h, flt[i]) else { return false }
                let n = strlen(key)
                guard at + n <= filterEnd, memcmp(b + at, key, n) == 0 else { return false }
                at += n
            }
            guard at == filterEnd else { return false }
        }
        // INFO
        let infoEnd = samples > 0 ? ends[7] : count
        if samples == 0 && ends[6] < count && memchr(b + ends[6] + 1, 0x09, count - ends[6] - 1) != nil { return false }
        guard infoColumn(b, from: ends[6] + 1, to: infoEnd, record: r, header: h) else { return false }
        guard samples > 0 else { return true }
        // FORMAT: the decoded keys in order, every one present.
        guard v.n_fmt > 0, let fmt = v.d.fmt else { return false }
        at = ends[7] + 1
        var gt = -1
        for i in 0..<Int(v.n_fmt) {
            if i > 0 {
                guard at < count, b[at] == 0x3A else { return false }
                at += 1
            }
            guard fmt[i].p != nil, let key = idKey(h, fmt[i].id) else { return false }
            let n = strlen(key)
            guard at + n <= count, memcmp(b + at, key, n) == 0 else { return false }
            if n == 2 && key[0] == 0x47 && key[1] == 0x54 { gt = i }  // vcf_format finds GT by name
            at += n
        }
        guard at < count, b[at] == 0x09 else { return false }
        // Samples: every field written, each in a form that round-trips.
        for _ in 0..<samples {
            at += 1
            for i in 0..<Int(v.n_fmt) {
                if i > 0 {
                    guard at < count, b[at] == 0x3A else { return false }
                    at += 1
                }
                var end = at
                while end < count && b[end] != 0x3A && b[end] != 0x09 { end += 1 }
                guard end > at else { return false }
                let value = UnsafeBufferPointer(start: b + at, count: end - at)
                let ok: Bool
                if i == gt {
                    ok = isGenotype(value) && isIntegerType(fmt[i].type)
                } else {
                    switch Int32(fmt[i].type) {
                    case BCF_BT_INT8, BCF_BT_INT16, BCF_BT_INT32:
                        ok = isIntegerList(value, maxCount: Int(fmt[i].n))
                    case BCF_BT_CHAR:
                        ok = isPlainString(value)
                    default:
                        ok = false
                    }
                }
                guard ok else { return false }
                at = end
            }
            guard at == count || b[at] == 0x09 else { return false }
        }
        return at == count
    }

    /// INFO: '.' for none, else `KEY` (flag) or `KEY=VALUE` per decoded entry, in order.
    @inline(__always)
    private static func infoColumn(_ b: UnsafePointer<UInt8>, from start: Int, to end: Int, record r: UnsafeMutablePointer<bcf1_t>,
                                   header h: UnsafeMutablePointer<bcf_hdr_t>) -> Bool {
        let v = r.pointee
        guard end > start else { return false }
        if end - start == 1 && b[start] == 0x2E { return v.n_info == 0 }
        guard v.n_info > 0, let info = v.d.info else { return false }
        var at = start
        for i in 0..<Int(v.n_info) {
            if i > 0 {
                guard at < end, b[at] == 0x3B else { return false }
                at += 1
            }
            let z = info[i]
            guard z.vptr != nil, let key = idKey(h, z.key) else { return false }
            let n = strlen(key)
            guard at + n <= end, memcmp(b + at, key, n) == 0 else { return false }
            at += n
            var valueEnd = at
            while valueEnd < end && b[valueEnd] != 0x3B { valueEnd += 1 }
            if valueEnd == at {
                guard z.len <= 0 else { return false }
                continue
            }
            guard b[at] == 0x3D, z.len > 0 else { return false }
            let value = UnsafeBufferPointer(start: b + at + 1, count: valueEnd - at - 1)
            guard !value.isEmpty else { return false }
            switch Int32(z.type) {
            case BCF_BT_INT8, BCF_BT_INT16, BCF_BT_INT32:
                guard isIntegerList(value, maxCount: Int(z.len), exactCount: true) else { return false }
            case BCF_BT_CHAR:
                guard value.count == Int(z.len), isPlainString(value) else { return false }
            default:
                return false
            }
            at = valueEnd
        }
        return at == end
    }

    /// Comma-separated integers, each '.' or digits with an optional '-', no leading zero, at most 9 digits
    /// (clear of int32's reserved values); as many as `maxCount` (exactly, for INFO, which is not padded).
    @inline(__always)
    private static func isIntegerList(_ t: UnsafeBufferPointer<UInt8>, maxCount: Int, exactCount: Bool = false) -> Bool {
        var n = 0, i = 0
        while true {
            n += 1
            var j = i
            if j < t.count && t[j] == 0x2E {
                j += 1
            } else {
                if j < t.count && t[j] == 0x2D { j += 1 }
                let digits = j
                while j < t.count && t[j] >= 0x30 && t[j] <= 0x39 { j += 1 }
                let d = j - digits
                guard d >= 1, d <= 9, t[digits] != 0x30 || (d == 1 && digits == i) else { return false }
            }
            if j == t.count { break }
            guard t[j] == 0x2C else { return false }
            i = j + 1
        }
        return exactCount ? n == maxCount : n <= maxCount
    }

    /// A genotype of allele numbers (no leading zeros) or '.', separated by '/' or '|'.
    @inline(__always)
    private static func isGenotype(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while true {
            if i < t.count && t[i] == 0x2E {
                i += 1
            } else {
                let start = i
                while i < t.count && t[i] >= 0x30 && t[i] <= 0x39 { i += 1 }
                let d = i - start
                guard d >= 1, d <= 6, t[start] != 0x30 || d == 1 else { return false }
            }
            if i == t.count { return true }
            guard t[i] == 0x2F || t[i] == 0x7C else { return false }
            i += 1
        }
    }

    /// A string htslib stores and writes back unchanged (no byte it reads as "missing" or as an end).
    @inline(__always)
    private static func isPlainString(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        !t.isEmpty && !t.contains(where: { $0 == 0x07 || $0 == 0 })
    }

    @inline(__always)
    private static func isIntegerType(_ t: Int32) -> Bool { t == BCF_BT_INT8 || t == BCF_BT_INT16 || t == BCF_BT_INT32 }

    @inline(__always)
    private static func equals(_ p: UnsafePointer<UInt8>, _ n: Int, _ c: UnsafePointer<CChar>?) -> Bool {
        guard let c, n >= 0 else { return false }
        return strlen(c) == n && memcmp(p, c, n) == 0
    }

    @inline(__always)
    private static func idKey(_ h: UnsafeMutablePointer<bcf_hdr_t>, _ id: Int32) -> UnsafePointer<CChar>? {
        guard id >= 0, id < csl_hdr_nids(h) else { return nil }
        return csl_hdr_id_key(h, id)
    }
}
