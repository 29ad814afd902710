import CHTSlib
import Foundation
import HTS

/// Splitting a multiallelic record into one biallelic record per ALT (`bcftools norm -m -any`).
///
/// Per ALT `a` (1-based): INFO and FORMAT fields with Number=A keep value `a`; Number=R keep REF's value
/// and value `a`; Number=G keep the genotypes 0/0, 0/a, a/a (0 and a for haploid samples); other fields
/// are copied. GT alleles equal to `a` become 1, other ALTs become 0 (`--multi-overlaps 0`) or missing
/// (`.`). Missing values stay missing: a missing Number=R pair splits as `.,.`, a string field lacking the
/// wanted value as `.` (bcftools 1.20+).
extension Normalizer {
    func split(_ line: UnsafeMutablePointer<bcf1_t>) throws(NormalizeError) {
        bcf_unpack(line, Int32(BCF_UN_STR | BCF_UN_FLT | BCF_UN_INFO | BCF_UN_FMT))
        let nAllele = Int(line.pointee.n_allele)
        guard nAllele > 2, let als = line.pointee.d.allele else { return }
        let out = outputHeader.pointer, hdr = inputHeader.pointer
        for ialt in 0..<(nAllele - 1) {
            let record = takeRecord()
            let dst = record.pointer
            bcf_clear(dst)
            dst.pointee.rid = line.pointee.rid
            dst.pointee.pos = line.pointee.pos
            dst.pointee.qual = line.pointee.qual
            if let id = line.pointee.d.id { _ = bcf_update_id(out, dst, id) } else { _ = bcf_update_id(out, dst, ".") }
            var pair: [UnsafePointer<CChar>?] = [UnsafePointer(als[0]), UnsafePointer(als[ialt + 1])]
            _ = bcf_update_alleles(out, dst, &pair, 2)
            if line.pointee.d.n_flt > 0 {
                _ = bcf_update_filter(out, dst, line.pointee.d.flt, line.pointee.d.n_flt)
            }
            if let infos = line.pointee.d.info {
                for j in 0..<Int(line.pointee.n_info) {
                    let info = infos[j]
                    guard info.vptr != nil, let tag = csl_hdr_id_key(hdr, info.key) else { continue }
                    switch csl_hdr_id_type(hdr, Int32(BCF_HL_INFO), info.key) {
                    case Int32(BCF_HT_INT), Int32(BCF_HT_REAL):
                        try splitInfoNumeric(line, key: info.key, tag: tag, ialt: ialt, into: dst)
                    case Int32(BCF_HT_FLAG):
                        _ = bcf_update_info(out, dst, tag, nil, 1, Int32(BCF_HT_FLAG))
                    default:
                        splitInfoString(line, key: info.key, tag: tag, ialt: ialt, into: dst)
                    }
                }
            }
            setOldRecordTag(on: dst, from: line, alt: ialt + 1)
            dst.pointee.n_sample = line.pointee.n_sample
            if let fmts = line.pointee.d.fmt {
                for j in 0..<Int(line.pointee.n_fmt) {
                    let fmt = fmts[j]
                    guard fmt.p != nil, let tag = csl_hdr_id_key(hdr, fmt.id) else { continue }
                    if fmt.id == gtID {
                        splitGenotypes(line, ialt: ialt, into: dst)
                        continue
                    }
                    switch csl_hdr_id_type(hdr, Int32(BCF_HL_FMT), fmt.id) {
                    case Int32(BCF_HT_INT), Int32(BCF_HT_REAL):
                        try splitFormatNumeric(line, key: fmt.id, tag: tag, ialt: ialt, into: dst)
                    default:
                        try splitFormatString(line, key: fmt.id, tag: tag, ialt: ialt, into: dst)
                    }
                }
            }
            splitOutput.append(record)
        }
    }

    // MARK: INFO

    private func splitInfoNumeric(_ src: UnsafeMutablePointer<bcf1_t>, key: Int32, tag: UnsafePointer<CChar>,
                                  ialt: Int, into dst: UnsafeMutablePointer<bcf1_t>) throws(NormalizeError) {
        let hdr = inputHeader.pointer, out = outputHeader.pointer
        let type = csl_hdr_id_type(hdr, Int32(BCF_HL_INFO), key)
        let ret = bcf_get_info_values(hdr, src, tag, &values, &valuesCount, type)
        guard ret > 0, let v = values?.assumingMemoryBound(to: Int32.self) else { return }
        let n = Int(src.pointee.n_allele)
        switch csl_hdr_id_length(hdr, Int32(BCF_HL_INFO), key) {
        case Int32(BCF_VL_A):
            guard Int(ret) == n - 1 else { return try wrongCount(src, "INFO", tag, "A", found: Int(ret), expected: n - 1) }
            _ = bcf_update_info(out, dst, tag, v + ialt, 1, type)
        case Int32(BCF_VL_R):
            guard Int(ret) == n else { return try wrongCount(src, "INFO", tag, "R", found: Int(ret), expected: n) }
            v[1] = v[ialt + 1]
            _ = bcf_update_info(out, dst, tag, v, 2, type)
        case Int32(BCF_VL_G):
            guard Int(ret) == n * (n + 1) / 2 else {
                return try wrongCount(src, "INFO", tag, "G", found: Int(ret), expected: n * (n + 1) / 2)
            }
            if ialt != 0 {
                v[1] = v[Self.genotypeIndex(0, ialt + 1)]
                v[2] = v[Self.genotypeIndex(ialt + 1, ialt + 1)]
            }
            _ = bcf_update_info(out, dst, tag, v, 3, type)
        default:
            _ = bcf_update_info(out, dst, tag, v, ret, type)
        }
    }

    private func splitInfoString(_ src: UnsafeMutablePointer<bcf1_t>, key: Int32, tag: UnsafePointer<CChar>,
                                 ialt: Int, into dst: UnsafeMutablePointer<bcf1_t>) {
        let hdr = inputHeader.pointer, out = outputHeader.pointer
        let ret = bcf_get_info_values(hdr, src, tag, &strings, &stringsCount, Int32(BCF_HT_STR))
        guard ret > 0, let s = strings?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = strnlen(UnsafeRawPointer(s).assumingMemoryBound(to: CChar.self), Int(ret))
        let n = Int(src.pointee.n_allele)
        bytes.removeAll(keepingCapacity: true)
        switch csl_hdr_id_length(hdr, Int32(BCF_HL_INFO), key) {
        case Int32(BCF_VL_A):
            appendFields(s, count, ialt)
        case Int32(BCF_VL_R):
            appendFields(s, count, 0, ialt + 1)
        case Int32(BCF_VL_G):
            if Self.fieldCount(s, count) == n {
                appendFields(s, count, 0, ialt + 1)
            } else {
                appendFields(s, count, 0, Self.genotypeIndex(0, ialt + 1), Self.genotypeIndex(ialt + 1, ialt + 1))
            }
        default:
            bytes.append(contentsOf: UnsafeBufferPointer(start: s, count: count))
        }
        bytes.append(0)
        bytes.withUnsafeBufferPointer { _ = bcf_update_info(out, dst, tag, $0.baseAddress, 1, Int32(BCF_HT_STR)) }
    }

    // MARK: FORMAT

    private func splitGenotypes(_ src: UnsafeMutablePointer<bcf1_t>, ialt: Int, into dst: UnsafeMutablePointer<bcf1_t>) {
        let ngt = bcf_get_format_values(inputHeader.pointer, src, "GT", &genotypes, &genotypesCount, Int32(BCF_HT_INT))
        let nsmpl = inputHeader.sampleCount
        guard ngt > 0, nsmpl > 0, let g = genotypes?.assumingMemoryBound(to: Int32.self) else { return }
        let ploidy = Int(ngt) / nsmpl
        let end = csl_int32_vector_end()
        let useRef = !options.multiOverlapsMissing
        for s in 0..<nsmpl {
            for j in 0..<ploidy {
                let k = s * ploidy + j
                let v = g[k]
                if v == end { break }
                if csl_gt_is_missing(v) != 0 { continue }
                let allele = Int(csl_gt_allele(v))
                let phased = csl_gt_is_phased(v)
                if allele == 0 { continue }  // REF stays REF (bcftools 1.20+, also with --multi-overlaps .)
                if allele == ialt + 1 {
                    g[k] = csl_gt_unphased(1) | phased
                } else if useRef {
                    g[k] = csl_gt_unphased(0) | phased
                } else {
                    g[k] = csl_gt_missing() | phased
                }
            }
        }
        _ = bcf_update_format(outputHeader.pointer, dst, "GT", g, ngt, Int32(BCF_HT_INT))
    }

    private func splitFormatNumeric(_ src: UnsafeMutablePointer<bcf1_t>, key: Int32, tag: UnsafePointer<CChar>,
                                    ialt: Int, into dst: UnsafeMutablePointer<bcf1_t>) throws(NormalizeError) {
        let hdr = inputHeader.pointer, out = outputHeader.pointer
        let type = csl_hdr_id_type(hdr, Int32(BCF_HL_FMT), key)
        let nvals = Int(bcf_get_format_values(hdr, src, tag, &values, &valuesCount, type))
        let nsmpl = inputHeader.sampleCount
        guard nvals > 0, nsmpl > 0, let v = values?.assumingMemoryBound(to: Int32.self) else { return }
        let isFloat = type == Int32(BCF_HT_REAL)
        let missing: Int32 = isFloat ? Int32(bitPattern: 0x7F80_0001) : Int32.min
        let vectorEnd: Int32 = isFloat ? Int32(bitPattern: 0x7F80_0002) : Int32.min + 1
        let n = Int(src.pointee.n_allele)
        if nvals == nsmpl {  // one value per sample: all missing, or not a per-allele field
            _ = bcf_update_format(out, dst, tag, v, Int32(nvals), type)
            return
        }
        let per = nvals / nsmpl
        switch csl_hdr_id_length(hdr, Int32(BCF_HL_FMT), key) {
        case Int32(BCF_VL_A):
            guard nvals == (n - 1) * nsmpl else {
                return try wrongCount(src, "FORMAT", tag, "A", found: nvals, expected: (n - 1) * nsmpl)
            }
            for s in 0..<nsmpl {
                let x = v[s * per + ialt]
                v[s] = (x == missing || x == vectorEnd) ? missing : x
            }
            _ = bcf_update_format(out, dst, tag, v, Int32(nsmpl), type)
        case Int32(BCF_VL_R):
            guard nvals == n * nsmpl else {
                return try wrongCount(src, "FORMAT", tag, "R", found: nvals, expected: n * nsmpl)
            }
            for s in 0..<nsmpl {
                let r = v[s * per], x = v[s * per + ialt + 1]
                v[2 * s] = r
                v[2 * s + 1] = x == vectorEnd ? missing : x
            }
            _ = bcf_update_format(out, dst, tag, v, Int32(2 * nsmpl), type)
        case Int32(BCF_VL_G):
            let diploid = n * (n + 1) / 2
            guard nvals == diploid * nsmpl || nvals == n * nsmpl else {
                return try wrongCount(src, "FORMAT", tag, "G", found: nvals, expected: diploid * nsmpl)
            }
            let allHaploid = per == n
            let width = allHaploid ? 2 : 3
            for s in 0..<nsmpl {
                let base = s * per
                var haploid = allHaploid
                if !haploid {
                    for j in 0..<per where v[base + j] == vectorEnd { haploid = true; break }
                }
                let r = v[base]
                let a: Int32, b: Int32
                if haploid {
                    a = v[base + ialt + 1]
                    b = vectorEnd
                } else {
                    a = v[base + Self.genotypeIndex(0, ialt + 1)]
                    b = v[base + Self.genotypeIndex(ialt + 1, ialt + 1)]
                }
                v[s * width] = r
                v[s * width + 1] = a
                if width == 3 { v[s * width + 2] = b }
            }
            _ = bcf_update_format(out, dst, tag, v, Int32(width * nsmpl), type)
        default:
            _ = bcf_update_format(out, dst, tag, v, Int32(nvals), type)
        }
    }

    private func splitFormatString(_ src: UnsafeMutablePointer<bcf1_t>, key: Int32, tag: UnsafePointer<CChar>,
                                   ialt: Int, into dst: UnsafeMutablePointer<bcf1_t>) throws(NormalizeError) {
        let hdr = inputHeader.pointer, out = outputHeader.pointer
        let ret = Int(bcf_get_format_values(hdr, src, tag, &strings, &stringsCount, Int32(BCF_HT_STR)))
        let nsmpl = inputHeader.sampleCount
        guard ret > 0, nsmpl > 0, let s = strings?.assumingMemoryBound(to: UInt8.self) else { return }
        let number = csl_hdr_id_length(hdr, Int32(BCF_HL_FMT), key)
        guard number == Int32(BCF_VL_A) || number == Int32(BCF_VL_R) || number == Int32(BCF_VL_G) else {
            _ = bcf_update_format(out, dst, tag, s, Int32(ret), Int32(BCF_HT_STR))
            return
        }
        let n = Int(src.pointee.n_allele)
        let blen = ret / nsmpl
        // Each sample's value, one after the other in `bytes`; `text` is reused for the padded block.
        bytes.removeAll(keepingCapacity: true)
        var widest = 0
        sampleEnds.removeAll(keepingCapacity: true)
        for i in 0..<nsmpl {
            let block = s + i * blen
            let count = strnlen(UnsafeRawPointer(block).assumingMemoryBound(to: CChar.self), blen)
            let before = bytes.count
            switch number {
            case Int32(BCF_VL_A):
                appendFields(block, count, ialt)
            case Int32(BCF_VL_R):
                appendFields(block, count, 0, ialt + 1)
            default:
                let fields = Self.fieldCount(block, count)
                if fields == 1 && count == 1 && block[0] == UInt8(ascii: ".") {
                    bytes.append(UInt8(ascii: "."))
                } else if fields == n {
                    appendFields(block, count, 0, ialt + 1)
                } else if fields == n * (n + 1) / 2 {
                    appendFields(block, count, 0, Self.genotypeIndex(0, ialt + 1), Self.genotypeIndex(ialt + 1, ialt + 1))
                } else {
                    return try wrongCount(src, "FORMAT", tag, "G", found: fields, expected: n * (n + 1) / 2)
                }
            }
            widest = max(widest, bytes.count - before)
            sampleEnds.append(bytes.count)
        }
        text.removeAll(keepingCapacity: true)
        var start = 0
        for i in 0..<nsmpl {
            for k in start..<sampleEnds[i] { text.append(CChar(bitPattern: bytes[k])) }
            for _ in (sampleEnds[i] - start)..<widest { text.append(0) }
            start = sampleEnds[i]
        }
        text.withUnsafeBufferPointer {
            _ = bcf_update_format(out, dst, tag, $0.baseAddress, Int32(nsmpl * widest), Int32(BCF_HT_STR))
        }
    }

    // MARK: Helpers

    /// Appends the comma-separated fields `which` of `s[0..<count]` to `bytes`, joined by commas, or a
    /// single `.` when any of them is absent.
    private func appendFields(_ s: UnsafePointer<UInt8>, _ count: Int, _ f0: Int, _ f1: Int = -1, _ f2: Int = -1) {
        let before = bytes.count
        for w in 0..<3 {
            let nth = w == 0 ? f0 : (w == 1 ? f1 : f2)
            if nth < 0 { break }
            guard let r = Self.field(s, count, nth) else {
                bytes.removeSubrange(before...)
                bytes.append(UInt8(ascii: "."))
                return
            }
            if w > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: s + r.lowerBound, count: r.count))
        }
    }

    /// The byte range of the `nth` comma-separated field of `s[0..<count]`.
    static func field(_ s: UnsafePointer<UInt8>, _ count: Int, _ nth: Int) -> Range<Int>? {
        var index = 0, start = 0
        for k in 0...count {
            if k == count || s[k] == UInt8(ascii: ",") {
                if index == nth { return start..<k }
                index += 1
                start = k + 1
            }
        }
        return nil
    }

    static func fieldCount(_ s: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var fields = 1
        for k in 0..<count where s[k] == UInt8(ascii: ",") { fields += 1 }
        return fields
    }

    /// Index of genotype a/b in a Number=G list (VCF's ordering: 0/0, 0/1, 1/1, 0/2, 1/2, 2/2, …).
    @inline(__always)
    static func genotypeIndex(_ a: Int, _ b: Int) -> Int {
        a > b ? a * (a + 1) / 2 + b : b * (b + 1) / 2 + a
    }

    /// A per-allele field with the wrong number of values: an error, or with `--force` the field is left
    /// out of the split record (one warning per run, as bcftools).
    private func wrongCount(_ src: UnsafeMutablePointer<bcf1_t>, _ kind: String, _ tag: UnsafePointer<CChar>, _ number: String,
                            found: Int, expected: Int) throws(NormalizeError) {
        let name = "\(kind)/\(String(cString: tag))"
        if options.force {
            if !forceWarned {
                forceWarned = true
                warningHandler("Warning: wrong number of values in \(name) at \(position(src)): expected \(expected), found \(found); the field is left out of the split records (printed once)")
            }
            return
        }
        throw NormalizeError(field: name,
                             problem: "Number=\(number) field has \(found) values where \(expected) were expected at \(position(src)), so it cannot be split per ALT",
                             hint: "fix the header's Number= or the values; --force splits anyway and leaves such fields out")
    }
}
