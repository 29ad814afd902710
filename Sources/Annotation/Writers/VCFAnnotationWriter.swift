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
    private var clinvarKeys: [UnsafeMutablePointer<CChar>] = []
    /// Index columns for CLINVAR_ID, _SIG, _REVSTAT, (STARS: -1, an integer), _DN, in `clinvarKeys` order.
    private var clinvarColumns: [Int] = []
    /// Per frequency table: (column in its index, INFO key, is float, is per-allele).
    private var frequencyFields: [[(column: Int, key: UnsafeMutablePointer<CChar>, isFloat: Bool, perAllele: Bool)]] = []
    private var floats = UnsafeMutablePointer<Float>.allocate(capacity: 16)
    private var ints = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    private var capacity = 16

    /// Declares the INFO fields in `header` (which then must be the header records are written with) and opens the output.
    public init(path: String, format: OutputFormat, header: VCFHeader, kb: KnowledgeBase, pool: ThreadPool?,
                writeIndex: Bool) throws(InputError) {
        self.header = header
        self.kb = kb
        for line in VCFAnnotationWriter.headerLines(kb: kb) { header.append(line: line) }
        if let c = kb.clinvar {
            clinvarKeys = AnnotationColumns.clinvar.map { strdup($0) }
            clinvarColumns = [c.id, c.significance, c.reviewStatus, -1, c.diseaseName]
        }
        for f in kb.frequencies {
            var list: [(Int, UnsafeMutablePointer<CChar>, Bool, Bool)] = []
            let cols: [(Int?, String, Bool, Bool)] = [(f.af, "AF", true, true), (f.ac, "AC", false, true), (f.an, "AN", false, false),
                                                     (f.nhomalt, "NHOMALT", false, true), (f.afGrpmax, "AF_GRPMAX", true, true),
                                                     (f.faf95, "FAF95", true, true)]
            for (c, suffix, isFloat, perAllele) in cols { if let c { list.append((c, strdup("\(f.label)_\(suffix)"), isFloat, perAllele)) } }
            frequencyFields.append(list)
        }
        writer = try VCFWriter(path: path, format: format, header: header, pool: pool, writeIndex: writeIndex)
    }

    deinit {
        clinvarKeys.forEach { free($0) }
        frequencyFields.forEach { $0.forEach { free($0.key) } }
        floats.deallocate()
        ints.deallocate()
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
        let alts = lookup.altCount
        if alts > 0 {
            ensureCapacity(alts)
            var table = 0
            if let c = kb.clinvar {
                // One ClinVar record per allele; a record left multiallelic takes its first ALT with a hit.
                var hit = -1
                for a in 0..<alts where lookup.row(alt: a, table: 0) >= 0 { hit = lookup.row(alt: a, table: 0); break }
                if hit >= 0 {
                    let idx = c.index
                    for (i, col) in clinvarColumns.enumerated() {
                        if col < 0 {
                            if let s = idx.int(c.stars, row: hit) {
                                ints[0] = s
                                bcf_update_info(header.pointer, record.pointer, clinvarKeys[i], ints, 1, Int32(BCF_HT_INT))
                            }
                        } else if let s = idx.cString(col, row: hit) {
                            bcf_update_info(header.pointer, record.pointer, clinvarKeys[i], s, 1, Int32(BCF_HT_STR))
                        }
                    }
                }
                table = 1
            }
            for (fi, f) in kb.frequencies.enumerated() {
                let t = table + fi
                var anyHit = false
                for a in 0..<alts where lookup.row(alt: a, table: t) >= 0 { anyHit = true; break }
                guard anyHit else { continue }
                for field in frequencyFields[fi] {
                    let n = field.perAllele ? alts : 1
                    var present = false
                    for a in 0..<n {
                        var row = lookup.row(alt: a, table: t)
                        if !field.perAllele {
                            // AN is per site: take it from the first ALT found.
                            row = -1
                            for b in 0..<alts where lookup.row(alt: b, table: t) >= 0 { row = lookup.row(alt: b, table: t); break }
                        }
                        if field.isFloat {
                            if row >= 0, let v = f.index.float(field.column, row: row) { floats[a] = v; present = true }
                            else { csl_float_set_missing(floats + a) }
                        } else {
                            if row >= 0, let v = f.index.int(field.column, row: row) { ints[a] = v; present = true }
                            else { ints[a] = csl_int32_missing() }
                        }
                    }
                    guard present else { continue }
                    if field.isFloat {
                        bcf_update_info(header.pointer, record.pointer, field.key, floats, Int32(n), Int32(BCF_HT_REAL))
                    } else {
                        bcf_update_info(header.pointer, record.pointer, field.key, ints, Int32(n), Int32(BCF_HT_INT))
                    }
                }
            }
        }
        try writer.write(record)
    }

    public func finish() throws(InputError) { try writer.finish() }
}
