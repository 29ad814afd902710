import HTS

/// Report transcripts by gene (used when the gene model marks no MANE Select transcript), e.g. BRCA1 →
/// NM_007294.4. Columns: `gene`, `transcript`, `source`.
public struct ReportTranscripts: Sendable {
    public var byGene: [String: String]
    public var file: String?
    public init(byGene: [String: String] = [:], file: String? = nil) { self.byGene = byGene; self.file = file }
    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: ["gene", "transcript", "source"])
        var m: [String: String] = [:]
        for r in t.rows { m[try t.required(r, "gene")] = try t.required(r, "transcript") }
        byGene = m
        file = path
    }
}
