import CHTSlib
import Foundation
import HTS
import Knowledge

/// Writes records with the knowledge-base INFO fields through `HTS.VCFWriter` (VCF, VCF.gz, BCF).
///
/// Records without a hit are written as they came; each header line names the source file and its version.
public final class VCFAnnotationWriter: AnnotationSink {
    private let writer: VCFWriter
    private let header: VCFHeader
    private let kb: KnowledgeBase
    /// One INFO field the writer sets: its tag, header id, index column and how its value is read.
    private struct Field {
        var key: UnsafeMutablePointer<CChar>
        var id: Int32
        /// Index column; -1 for CLINVAR_STARS (read from the ClinVar table's STARS column).
        var column: Int
        var isFloat: Bool
        var perAllele: Bool
    }
    /// The ClinVar index and its STARS column (held apart so a record does not copy the table's description).
    private let clinvarIndex: VariantIndex?
    private let starsColumn: Int
    private let frequencies: [FrequencyTable]
    /// CLINVAR_ID, _SIG, _REVSTAT, _STARS, _DN (strings, then STARS an integer).
    private let clinvarFields: [Field]
    /// Per frequency table, its fields in header order.
    private let frequencyFields: [[Field]]
    /// Whether the fields are encoded straight into the record (`csl_info_append`) rather than through
    /// `bcf_update_info`, which looks each tag up by name, decodes the record's INFO, allocates per value and
    /// makes htslib re-encode the whole INFO block at write. Off when the input header already declares one of
    /// the tags: its records may carry the tag, and bcf_update_info replaces it where appending would repeat it.
    private let direct: Bool
    /// This record's encoded INFO pairs (`direct`), reused from record to record.
    private let encoded: UnsafeMutablePointer<kstring_t>
    /// VCF text output decodes INFO to format it: keep what is decoded (`csl_info_append`).
    private let keepDecoded: Int32
    /// This record's fields as VCF text (`KEY=VALUE;…`), for records written as text.
    private let infoText: UnsafeMutablePointer<kstring_t>
    /// Where records' VCF text comes from (`VCFReader.text(of:)`), set by `AnnotationPipeline` when it can be used.
    public var textSource: VCFReader?
    /// Whether records can be written as their text read plus the new fields (`textSource`): bgzipped VCF
    /// output with the fields encoded directly, which `vcf_format` would write after the record's own INFO.
    public var acceptsText: Bool { direct && writer.acceptsText }
    /// Records written as their text plus the new fields (the rest were formatted by htslib).
    public private(set) var recordsWrittenAsText = 0
    /// Set while `encode` writes the fields as VCF text into `infoText` rather than encoding them.
    private var asText = false
    /// Set by `encode` in text mode on a value it cannot write as htslib would without encoding it first.
    private var unusualValue = false
    private var floats = UnsafeMutablePointer<Float>.allocate(capacity: 16)
    private var ints = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    private var capacity = 16

    /// Declares the INFO fields in `header` (which then must be the header records are written with) and opens the output.
    public init(path: String, format: OutputFormat, header: VCFHeader, kb: KnowledgeBase, pool: ThreadPool?,
                writeIndex: Bool) throws(InputError) {
        self.header = header
        self.kb = kb
        var keys: [String] = []
        if kb.clinvar != nil { keys += AnnotationColumns.clinvar }
        for f in kb.frequencies { keys += VCFAnnotationWriter.frequencySuffixes(f).map { "\(f.label)_\($0.suffix)" } }
        direct = !keys.contains { csl_hdr_info_exists(header.pointer, bcf_hdr_id2int(header.pointer, BCF_DT_ID, $0)) != 0 }
        for line in VCFAnnotationWriter.headerLines(kb: kb) { header.append(line: line) }
        func field(_ key: String, column: Int, isFloat: Bool, perAllele: Bool) -> Field {
            Field(key: strdup(key), id: bcf_hdr_id2int(header.pointer, BCF_DT_ID, key), column: column, isFloat: isFloat,
                  perAllele: perAllele)
        }
        clinvarIndex = kb.clinvar?.index
        starsColumn = kb.clinvar?.stars ?? -1
        frequencies = kb.frequencies
        if let c = kb.clinvar {
            let columns = [c.id, c.significance, c.reviewStatus, -1, c.diseaseName]
            clinvarFields = zip(AnnotationColumns.clinvar, columns).map { field($0, column: $1, isFloat: false, perAllele: false) }
        } else {
            clinvarFields = []
        }
        frequencyFields = kb.frequencies.map { f in
            VCFAnnotationWriter.frequencySuffixes(f).map {
                field("\(f.label)_\($0.suffix)", column: $0.column, isFloat: $0.isFloat, perAllele: $0.perAllele)
            }
        }
        keepDecoded = format == .vcf || format == .vcfGz ? 1 : 0
        encoded = .allocate(capacity: 1)
        encoded.initialize(to: kstring_t(l: 0, m: 0, s: nil))
        infoText = .allocate(capacity: 1)
        infoText.initialize(to: kstring_t(l: 0, m: 0, s: nil))
        writer = try VCFWriter(path: path, format: format, header: header, pool: pool, writeIndex: writeIndex)
    }

    deinit {
        clinvarFields.forEach { free($0.key) }
        frequencyFields.forEach { $0.forEach { free($0.key) } }
        csl_kstring_free(encoded)
        encoded.deallocate()
        csl_kstring_free(infoText)
        infoText.deallocate()
        floats.deallocate()
        ints.deallocate()
    }

    /// The frequency table's fields present in its index, in header order.
    private static func frequencySuffixes(_ f: FrequencyTable)
        -> [(column: Int, suffix: String, isFloat: Bool, perAllele: Bool)] {
        let all: [(Int?, String, Bool, Bool)] = [(f.af, "AF", true, true), (f.ac, "AC", false, true), (f.an, "AN", false, false),
                                                (f.nhomalt, "NHOMALT", false, true), (f.afGrpmax, "AF_GRPMAX", true, true),
                                                (f.faf95, "FAF95", true, true)]
        return all.compactMap { c, suffix, isFloat, perAllele in c.map { ($0, suffix, isFloat, perAllele) } }
    }

    /// The `##INFO` lines for a knowledge base, each naming its source and version.
    public static func headerLines(kb: KnowledgeBase) -> [String] {
        var lines: [String] = []
        func quote(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        if let c = kb.clinvar {
            let origin = "\(c.source.file)\(c.source.version.map { ", \($0)" } ?? "")"
            let src = "Source=\"ClinVar\",Version=\"\(quote(c.source.version ?? "unknown"))\""
            lines.append("##INFO=<ID=CLINVAR_ID,Number=1,Type=String,Description=\"ClinVar VariationID (VCF ID) from \(quote(origin))\",\(src)>")
            lines.append("##INFO=<ID=CLINVAR_SIG,Number=.,Type=String,Description=\"ClinVar clinical significance (CLNSIG) from \(quote(origin))\",\(src)>")
            lines.append("##INFO=<ID=CLINVAR_REVSTAT,Number=.,Type=String,Description=\"ClinVar review status (CLNREVSTAT) from \(quote(origin))\",\(src)>")
            lines.append("##INFO=<ID=CLINVAR_STARS,Number=1,Type=Integer,Description=\"ClinVar review stars (0-4) derived from CLNREVSTAT as https://www.ncbi.nlm.nih.gov/clinvar/docs/review_status/ defines them, from \(quote(origin))\",\(src)>")
            lines.append("##INFO=<ID=CLINVAR_DN,Number=.,Type=String,Description=\"ClinVar disease name (CLNDN) from \(quote(origin))\",\(src)>")
        }
        for f in kb.frequencies {
            let origin = "\(f.source.file)\(f.source.version.map { ", \($0)" } ?? "")"
            let src = "Source=\"\(quote(f.label))\",Version=\"\(quote(f.source.version ?? "unknown"))\""
            let defs: [(Int?, String, String, String, String)] = [
                (f.af, "AF", "A", "Float", "Alternate allele frequency"),
                (f.ac, "AC", "A", "Integer", "Alternate allele count"),
                (f.an, "AN", "1", "Integer", "Total number of alleles"),
                (f.nhomalt, "NHOMALT", "A", "Integer", "Count of homozygous individuals"),
                (f.afGrpmax, "AF_GRPMAX", "A", "Float", "Maximum allele frequency across genetic ancestry groups"),
                (f.faf95, "FAF95", "A", "Float", "Filtering allele frequency (95% CI), maximum across groups"),
            ]
            for (c, suffix, number, type, text) in defs where c != nil {
                let field = f.source.fields[suffix] ?? suffix
                lines.append("##INFO=<ID=\(f.label)_\(suffix),Number=\(number),Type=\(type),Description=\"\(text) (\(quote(field))) from \(quote(origin))\",\(src)>")
            }
        }
        lines.append("##consilium_kb=<Manifest_SHA256=\(kb.manifestSHA256),Genome_build=\(kb.manifest.genomeBuild ?? "unknown"),Built=\(kb.manifest.buildTime)>")
        return lines
    }

    private func ensureCapacity(_ n: Int) {
        guard n > capacity else { return }
        floats.deallocate(); ints.deallocate()
        capacity = n
        floats = .allocate(capacity: n)
        ints = .allocate(capacity: n)
    }

    public func write(_ record: VCFRecord, lookup: AlleleLookup) throws(InputError) {
        // The record as read, unchanged: its text plus the new fields, formatted as vcf_format would (no
        // formatting of the whole record on this thread, no decoding of its INFO).
        if let source = textSource, let text = source.text(of: record) {
            infoText.pointee.l = 0
            var count: Int32 = 0
            if lookup.altCount > 0 {
                // The fields straight as text; a value whose text depends on how htslib would encode it (a
                // string with a NUL or its "missing" byte, a vector-end integer or float) goes through the
                // encoding and htslib's formatting of what it decodes to instead.
                asText = true
                unusualValue = false
                count = encode(record, lookup: lookup)
                asText = false
                if count >= 0 && unusualValue {
                    infoText.pointee.l = 0
                    count = encode(record, lookup: lookup)
                    if count > 0 && formatEncoded(count) != 0 { count = -1 }
                }
            }
            if count < 0 {
                throw InputError(file: writer.output.destination, location: .record(writer.recordCount + 1),
                                 problem: "could not add the annotations to the record (out of memory)")
            }
            let info = UnsafeBufferPointer(start: UnsafeRawPointer(infoText.pointee.s)?.assumingMemoryBound(to: UInt8.self),
                                           count: infoText.pointee.l)
            try writer.write(record, text: text, info: info)
            recordsWrittenAsText += 1
            return
        }
        if lookup.altCount > 0 {
            let count = encode(record, lookup: lookup)
            if count < 0 || (count > 0 && csl_info_append(record.pointer, encoded, count, keepDecoded) != 0) {
                throw InputError(file: writer.output.destination, location: .record(writer.recordCount + 1),
                                 problem: "could not add the annotations to the record (out of memory, or more than 65535 INFO fields)")
            }
        }
        try writer.write(record)
    }

    /// Writes the encoded pairs as `vcf_format` writes INFO entries (its code for one entry: a missing single
    /// value as '.', integers with kputw, floats with kputd, arrays with bcf_fmt_array), joined by ';'.
    @inline(__always)
    private func formatEncoded(_ count: Int32) -> Int32 {
        guard var p = UnsafeMutableRawPointer(encoded.pointee.s)?.assumingMemoryBound(to: UInt8.self) else { return -1 }
        let s = infoText
        var z = bcf_info_t()
        var e: Int32 = 0
        for i in 0..<Int(count) {
            p = csl_info_decode1(p, &z)
            if i > 0 { e |= kputc(0x3B, s) < 0 ? 1 : 0 }
            guard z.key >= 0, z.key < csl_hdr_nids(header.pointer), let key = csl_hdr_id_key(header.pointer, z.key) else { return -1 }
            e |= kputs(key, s) < 0 ? 1 : 0
            if z.len <= 0 { continue }
            e |= kputc(0x3D, s) < 0 ? 1 : 0
            if z.len == 1 {
                switch Int32(z.type) {
                case BCF_BT_INT8:
                    e |= (z.v1.i == Int64(Int8.min) ? kputc(0x2E, s) : kputw(Int32(truncatingIfNeeded: z.v1.i), s)) < 0 ? 1 : 0
                case BCF_BT_INT16:
                    e |= (z.v1.i == Int64(Int16.min) ? kputc(0x2E, s) : kputw(Int32(truncatingIfNeeded: z.v1.i), s)) < 0 ? 1 : 0
                case BCF_BT_INT32:
                    e |= (z.v1.i == Int64(Int32.min) ? kputc(0x2E, s) : kputw(Int32(truncatingIfNeeded: z.v1.i), s)) < 0 ? 1 : 0
                case BCF_BT_FLOAT:
                    e |= (z.v1.f.bitPattern == 0x7F80_0001 ? kputc(0x2E, s) : kputd(Double(z.v1.f), s)) < 0 ? 1 : 0
                case BCF_BT_CHAR:
                    e |= kputc(Int32(truncatingIfNeeded: z.v1.i), s) < 0 ? 1 : 0
                default:
                    return -1
                }
            } else {
                e |= bcf_fmt_array(s, z.len, Int32(z.type), z.vptr) < 0 ? 1 : 0
            }
        }
        return e
    }

    /// Encodes this record's fields into `encoded` (`direct`) or sets them with bcf_update_info; the number of
    /// pairs encoded, or -1 when an encoding failed (out of memory).
    @inline(__always)
    private func encode(_ record: VCFRecord, lookup: AlleleLookup) -> Int32 {
        let alts = lookup.altCount
        ensureCapacity(alts)
        let ints = self.ints, floats = self.floats
        encoded.pointee.l = 0
        // Pairs encoded, or -1 once an encoding failed (out of memory).
        var count: Int32 = 0
        var table = 0
        if let idx = clinvarIndex {
            // One ClinVar record per allele; a record left multiallelic takes its first ALT with a hit.
            var hit = -1
            for a in 0..<alts where lookup.row(alt: a, table: 0) >= 0 { hit = lookup.row(alt: a, table: 0); break }
            if hit >= 0 {
                for field in clinvarFields {
                    if field.column < 0 {
                        if let s = idx.int(starsColumn, row: hit) {
                            ints[0] = s
                            putInts(field, record, ints, 1, &count)
                        }
                    } else {
                        var length = 0
                        if let s = idx.cString(field.column, row: hit, length: &length) {
                            putString(field, record, s, length, &count)
                        }
                    }
                }
            }
            table = 1
        }
        for (fi, f) in frequencies.enumerated() {
            let t = table + fi
            // AN is per site: it comes from the first ALT found.
            var firstRow = -1
            for a in 0..<alts where lookup.row(alt: a, table: t) >= 0 { firstRow = lookup.row(alt: a, table: t); break }
            guard firstRow >= 0 else { continue }
            for field in frequencyFields[fi] {
                let n = field.perAllele ? alts : 1
                var present = false
                for a in 0..<n {
                    let row = field.perAllele ? lookup.row(alt: a, table: t) : firstRow
                    if field.isFloat {
                        if row >= 0, let v = f.index.float(field.column, row: row) { floats[a] = v; present = true }
                        else { csl_float_set_missing(floats + a) }
                    } else {
                        if row >= 0, let v = f.index.int(field.column, row: row) { ints[a] = v; present = true }
                        else { ints[a] = csl_int32_missing() }
                    }
                }
                guard present else { continue }
                if field.isFloat { putFloats(field, record, floats, n, &count) } else { putInts(field, record, ints, n, &count) }
            }
        }
        return count
    }

    /// Starts a field's text: ';' after the previous one, the key, '=' unless `bare`.
    @inline(__always)
    private func textKey(_ field: Field, bare: Bool, _ count: inout Int32) {
        let s = infoText
        var e = count > 0 ? kputc(0x3B, s) : 0
        e |= kputs(field.key, s)
        if !bare { e |= kputc(0x3D, s) }
        count = count >= 0 && e >= 0 ? count &+ 1 : -1
    }

    @inline(__always)
    private func putString(_ field: Field, _ record: VCFRecord, _ value: UnsafePointer<CChar>, _ length: Int,
                           _ count: inout Int32) {
        if asText {
            // bcf_fmt_array stops at a NUL and writes the "missing" byte 0x07 in some versions as '.'; an empty
            // value is written as the bare key (vcf_format: an entry of length 0).
            if memchr(value, 0, length) != nil || memchr(value, 7, length) != nil { unusualValue = true }
            textKey(field, bare: length == 0, &count)
            if length > 0 && kputsn(value, length, infoText) < 0 { count = -1 }
            return
        }
        if direct {
            count = count >= 0 && csl_info_enc_strn(encoded, field.id, value, Int32(length)) >= 0 ? count &+ 1 : -1
        } else {
            bcf_update_info(header.pointer, record.pointer, field.key, value, 1, Int32(BCF_HT_STR))
        }
    }

    @inline(__always)
    private func putInts(_ field: Field, _ record: VCFRecord, _ ints: UnsafeMutablePointer<Int32>, _ n: Int, _ count: inout Int32) {
        if asText {
            // As vcf_format and bcf_fmt_array write what bcf_enc_vint encodes: '.' for missing, ',' between.
            textKey(field, bare: n == 0, &count)
            let s = infoText
            var e: Int32 = 0
            for i in 0..<n {
                let v = ints[i]
                if v == csl_int32_vector_end() { unusualValue = true }
                if i > 0 { e |= kputc(0x2C, s) }
                e |= v == csl_int32_missing() ? kputc(0x2E, s) : kputw(v, s)
            }
            if e < 0 { count = -1 }
            return
        }
        if direct {
            count = count >= 0 && csl_info_enc_int(encoded, field.id, Int32(n), ints) >= 0 ? count &+ 1 : -1
        } else {
            bcf_update_info(header.pointer, record.pointer, field.key, ints, Int32(n), Int32(BCF_HT_INT))
        }
    }

    @inline(__always)
    private func putFloats(_ field: Field, _ record: VCFRecord, _ floats: UnsafeMutablePointer<Float>, _ n: Int, _ count: inout Int32) {
        if asText {
            textKey(field, bare: n == 0, &count)
            let s = infoText
            var e: Int32 = 0
            for i in 0..<n {
                let v = floats[i]
                if csl_float_is_vector_end(v) != 0 { unusualValue = true }
                if i > 0 { e |= kputc(0x2C, s) }
                e |= csl_float_is_missing(v) != 0 ? kputc(0x2E, s) : kputd(Double(v), s)
            }
            if e < 0 { count = -1 }
            return
        }
        if direct {
            count = count >= 0 && csl_info_enc_float(encoded, field.id, Int32(n), floats) >= 0 ? count &+ 1 : -1
        } else {
            bcf_update_info(header.pointer, record.pointer, field.key, floats, Int32(n), Int32(BCF_HT_REAL))
        }
    }

    public func finish() throws(InputError) { try writer.finish() }
}
