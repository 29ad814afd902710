import CHTSlib
import Foundation
import HTS
import Knowledge

/// Writes one row per ALT allele as TSV or JSON Lines, columns as `AnnotationColumns.table(for:annotators:)`.
///
/// TSV: a `#`-prefixed header line, tab-separated values, `.` for missing. JSON Lines: one object per
/// allele with the same keys; `POS`, `CLINVAR_STARS` and frequency values are numbers, missing is `null`;
/// the record annotators' columns (consequences, classifications) are strings.
/// Floats are printed as htslib prints them in VCF, so the table and the VCF agree digit for digit.
public final class TableAnnotationWriter: AnnotationSink {
    private let output: AtomicOutput
    private let file: UnsafeMutablePointer<FILE>
    private let json: Bool
    private let header: VCFHeader
    private let kb: KnowledgeBase
    private var line = kstring_t()
    private let columns: [String]
    private var columnKeys: [[CChar]]
    private var done = false
    private let annotators: [RecordAnnotator]

    public init(path: String, json: Bool, header: VCFHeader, kb: KnowledgeBase,
                annotators: [RecordAnnotator] = []) throws(InputError) {
        output = try AtomicOutput(destination: path)
        let fp: UnsafeMutablePointer<FILE>? = path == "-" ? fdopen(dup(STDOUT_FILENO), "w") : fopen(output.writePath, "w")
        guard let fp else {
            output.abandon()
            throw InputError(file: path, location: .file, problem: "cannot open the output for writing (\(String(cString: strerror(errno))))",
                             hint: "check that the folder exists and is writable")
        }
        file = fp
        self.json = json
        self.header = header
        self.kb = kb
        self.annotators = annotators
        columns = AnnotationColumns.table(for: kb, annotators: annotators)
        columnKeys = columns.map { Array("\"\($0)\":".utf8CString.dropLast()) }
        if !json {
            kputc(0x23, &line)  // '#'
            kputs(columns.joined(separator: "\t"), &line)
            kputc(0x0A, &line)
            try flush(force: true)
        }
    }

    deinit {
        csl_kstring_free(&line)
        if !done {
            fclose(file)
            output.abandon()
        }
    }

    private func flush(force: Bool) throws(InputError) {
        guard force || line.l >= 1 << 16 else { return }
        if line.l > 0, let s = line.s, fwrite(s, 1, line.l, file) != line.l {
            throw InputError(file: output.destination, location: .file, problem: "could not write (disk full or closed pipe?)")
        }
        line.l = 0
    }

    private var column = 0

    @inline(__always)
    private func beginField() {
        if json {
            kputc(column == 0 ? 0x7B : 0x2C, &line)  // { or ,
            columnKeys[column].withUnsafeBufferPointer { _ = kputsn($0.baseAddress, $0.count, &line) }
        } else if column > 0 {
            kputc(0x09, &line)
        }
        column += 1
    }

    private func putMissing() {
        beginField()
        if json { kputsn("null", 4, &line) } else { kputc(0x2E, &line) }
    }

    private func putString(_ s: String?) {
        guard var s, !s.isEmpty, s != "." else { putMissing(); return }
        s.withUTF8 { b in b.withMemoryRebound(to: CChar.self) { putBytes($0) } }
    }

    private func putBytes(_ b: UnsafeBufferPointer<CChar>) {
        beginField()
        guard json else {
            // A tab or newline inside a value would shift the TSV columns.
            for c in b { kputc(c == 0x09 || c == 0x0A || c == 0x0D ? 0x20 : Int32(c), &line) }
            return
        }
        kputc(0x22, &line)
        for c in b { putJSONByte(UInt8(bitPattern: c)) }
        kputc(0x22, &line)
    }

    @inline(__always)
    private func putJSONByte(_ c: UInt8) {
        switch c {
        case 0x22: kputsn("\\\"", 2, &line)
        case 0x5C: kputsn("\\\\", 2, &line)
        case 0x0A: kputsn("\\n", 2, &line)
        case 0x09: kputsn("\\t", 2, &line)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            kputsn("\\u00", 4, &line)
            kputc(Int32(hex[Int(c >> 4)]), &line)
            kputc(Int32(hex[Int(c & 15)]), &line)
        default: kputc(Int32(c), &line)
        }
    }

    private func putString(_ s: UnsafePointer<CChar>?) {
        guard let s, s[0] != 0, !(s[0] == 0x2E && s[1] == 0) else { putMissing(); return }
        beginField()
        guard json else { kputs(s, &line); return }
        kputc(0x22, &line)
        var p = s
        while p.pointee != 0 {
            putJSONByte(UInt8(bitPattern: p.pointee))
            p += 1
        }
        kputc(0x22, &line)
    }

    private func putInt(_ v: Int32?) {
        guard let v else { putMissing(); return }
        beginField()
        kputll(Int64(v), &line)
    }

    private func putFloat(_ v: Float?) {
        guard let v else { putMissing(); return }
        beginField()
        kputd(Double(v), &line)
    }

    public func write(_ record: VCFRecord, lookup: AlleleLookup) throws(InputError) {
        let alts = lookup.altCount
        guard alts > 0 else { return }
        let contig = csl_hdr_contig_name(header.pointer, record.rid)
        let id = record.pointer.pointee.d.id
        for a in 0..<alts {
            column = 0
            putString(contig)
            beginField()
            kputll(record.position1, &line)
            putString(id.map { UnsafePointer($0) })
            putString(record.alleleCString(0))
            putString(record.alleleCString(a + 1))
            var table = 0
            if let c = kb.clinvar {
                let row = lookup.row(alt: a, table: 0)
                if row >= 0 {
                    putString(c.index.cString(c.id, row: row))
                    putString(c.index.cString(c.significance, row: row))
                    putString(c.index.cString(c.reviewStatus, row: row))
                    putInt(c.index.int(c.stars, row: row))
                    putString(c.index.cString(c.diseaseName, row: row))
                } else {
                    for _ in 0..<5 { putMissing() }
                }
                table = 1
            } else {
                for _ in 0..<5 { putMissing() }
            }
            for (fi, f) in kb.frequencies.enumerated() {
                let row = lookup.row(alt: a, table: table + fi)
                let idx = f.index
                if row < 0 {
                    for _ in 0..<6 { putMissing() }
                    continue
                }
                putFloat(f.af.flatMap { idx.float($0, row: row) })
                putInt(f.ac.flatMap { idx.int($0, row: row) })
                putInt(f.an.flatMap { idx.int($0, row: row) })
                putInt(f.nhomalt.flatMap { idx.int($0, row: row) })
                putFloat(f.afGrpmax.flatMap { idx.float($0, row: row) })
                putFloat(f.faf95.flatMap { idx.float($0, row: row) })
            }
            for annotator in annotators {
                let n = annotator.columns.count
                let values = annotator.columnValues(alt: a)
                for i in 0..<n { putString(i < values.count ? values[i] : nil) }
            }
            if json { kputc(0x7D, &line) }
            kputc(0x0A, &line)
        }
        try flush(force: false)
    }

    public func finish() throws(InputError) {
        guard !done else { return }
        try flush(force: true)
        done = true
        if fclose(file) != 0 {
            output.abandon()
            throw InputError(file: output.destination, location: .file, problem: "could not finish writing (disk full?)")
        }
        try output.commit()
    }
}
