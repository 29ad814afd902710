import CHTSlib
import HTS

/// Imports a population-frequency VCF: gnomAD v2, v3, v4 (exomes or genomes) or a panel with AF/AC/AN only
/// (ToMMo-style).
///
/// Field mapping (knowledge-base column ← first INFO field the source declares):
///
/// | column | gnomAD v4 | gnomAD v3 | gnomAD v2 | AF/AC/AN-only |
/// |---|---|---|---|---|
/// | AF | AF | AF | AF | AF |
/// | AC | AC | AC | AC | AC |
/// | AN | AN | AN | AN | AN |
/// | NHOMALT | nhomalt | nhomalt | nhomalt | — |
/// | AF_GRPMAX | AF_grpmax | AF_popmax | AF_popmax | — |
/// | FAF95 | faf95_max, else fafmax_faf95_max | faf95_popmax | faf95_popmax (v2.1 files have only global `faf95`: not used) | — |
public enum FrequencyImporter {
    public static let mapping: [(column: String, type: IndexLayout.ColumnType, candidates: [String])] = [
        ("AF", .float32, ["AF"]),
        ("AC", .int32, ["AC"]),
        ("AN", .int32, ["AN"]),
        ("NHOMALT", .int32, ["nhomalt"]),
        ("AF_GRPMAX", .float32, ["AF_grpmax", "AF_popmax"]),
        ("FAF95", .float32, ["faf95_max", "fafmax_faf95_max", "faf95_popmax"]),
    ]

    static func load(path: String, label: String, reference: FastaReference?, contigs: inout ContigRegistry,
                     buildCheck: (VCFHeader, String) throws(InputError) -> String?)
        throws(InputError) -> (builder: IndexBuilder, counts: KBManifest.Counts, fields: [String: String], build: String?, header: VCFHeader?) {
        let reader = try VCFReader(path: path)
        var present: [(column: String, type: IndexLayout.ColumnType, field: String)] = []
        for m in mapping {
            guard let f = m.candidates.first(where: { InfoField(key: $0, header: reader.header) != nil }) else { continue }
            present.append((m.column, m.type, f))
        }
        reader.close()
        guard present.contains(where: { $0.column == "AF" || $0.column == "AC" || $0.column == "AN" }) else {
            throw InputError(file: path, location: .file, field: "##INFO",
                             problem: "no AF, AC or AN INFO field is declared: this is not a population-frequency VCF",
                             hint: "give a gnomAD sites VCF or a panel VCF with INFO/AF (and AC, AN)")
        }
        let builder = IndexBuilder(columns: present.map { IndexBuilder.Column(name: $0.column, type: $0.type) })
        var counts = KBManifest.Counts()
        var readers: [InfoField] = []
        var build: String?
        var keptHeader: VCFHeader?
        var values = [IndexValue](repeating: .missing, count: present.count)
        try NormalizedSource(path: path, reference: reference).read(contigs: &contigs, counts: &counts, prepare: { (header) throws(InputError) in
            build = try buildCheck(header, path)
            keptHeader = header
            for p in present {
                guard let f = InfoField(key: p.field, header: header) else { continue }
                let isInt = f.type == Int32(BCF_HT_INT)
                let isReal = f.type == Int32(BCF_HT_REAL)
                guard (p.type == .int32 && isInt) || (p.type == .float32 && isReal) else {
                    throw InputError(file: path, location: .file, field: "INFO/\(p.field)",
                                     problem: "declared with Type other than \(p.type == .int32 ? "Integer" : "Float")",
                                     hint: "fix the ##INFO line of \(p.field)")
                }
                readers.append(f)
            }
        }, visit: { (a) throws(InputError) in
            for (i, f) in readers.enumerated() {
                if present[i].type == .float32 {
                    values[i] = f.float(a.header, a.record, alt: a.alt).map(IndexValue.float) ?? .missing
                } else {
                    values[i] = f.int(a.header, a.record, alt: a.alt).map(IndexValue.int) ?? .missing
                }
            }
            builder.add(contig: a.contig, position: a.position, ref: a.ref, alt: a.altBases, values: values)
        })
        var fields: [String: String] = [:]
        for p in present { fields[p.column] = p.field }
        return (builder, counts, fields, build, keptHeader)
    }
}
