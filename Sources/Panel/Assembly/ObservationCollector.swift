import CHTSlib
import Foundation
import HTS
import Annotation
import Consequence
import Knowledge

/// The end of the annotation pipeline for a case: turns each annotated record into a `VariantObservation`,
/// with the consequence annotator's report transcript when that stage ran.
///
/// The record is read through its VCF text form, so every INFO field is read the way a downstream user of
/// `consilium annotate` output would read it: the report depends only on the documented fields.
final class ObservationCollector: AnnotationSink {
    let header: VCFHeader
    let consequences: ConsequenceAnnotator?
    let origin: String
    let sampleIndex: Int?
    let kb: KnowledgeBase
    /// INFO keys to keep (the stages that ran, plus upstream `CSL_*` fields the input header declares).
    let keep: Set<String>
    private(set) var observations: [VariantObservation] = []
    private var line = kstring_t()

    init(header: VCFHeader, consequences: ConsequenceAnnotator?, origin: String, sampleIndex: Int?, kb: KnowledgeBase, keep: Set<String>) {
        self.header = header; self.consequences = consequences; self.origin = origin; self.sampleIndex = sampleIndex
        self.kb = kb; self.keep = keep
    }

    deinit { csl_kstring_free(&line) }

    func write(_ record: VCFRecord, lookup: AlleleLookup) throws(InputError) {
        line.l = 0
        guard vcf_format(header.pointer, record.pointer, &line) == 0, let s = line.s else { return }
        let text = String(cString: s)
        guard var o = Self.parse(line: text, origin: origin, sampleIndex: sampleIndex, keep: keep) else { return }
        if let c = consequences, let e = c.chosen(alt: 0) { o.chosenTranscript = c.predictor.model.transcripts[e.transcript].id }
        if lookup.altCount > 0 {
            var table = 0
            if let c = kb.clinvar {
                let row = lookup.row(alt: 0, table: 0)
                if row >= 0 {
                    o.clinvar = ClinVarFacts(id: c.index.cString(c.id, row: row).map { String(cString: $0) },
                                             significance: c.index.cString(c.significance, row: row).map { String(cString: $0) },
                                             reviewStatus: c.index.cString(c.reviewStatus, row: row).map { String(cString: $0) },
                                             stars: c.index.int(c.stars, row: row).map(Int.init))
                }
                table = 1
            }
            var best: PopulationFrequency?
            for (i, f) in kb.frequencies.enumerated() {
                let row = lookup.row(alt: 0, table: table + i)
                guard row >= 0, let col = f.afGrpmax ?? f.af, let af = f.index.float(col, row: row) else { continue }
                if best == nil || Double(af) > best!.af { best = PopulationFrequency(source: f.label, af: Double(af)) }
            }
            o.population = best
        }
        observations.append(o)
    }

    func finish() throws(InputError) {}

    /// Reads one VCF data line (after normalization: one ALT).
    static func parse(line: String, origin: String, sampleIndex: Int?, keep: Set<String>) -> VariantObservation? {
        let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard cols.count >= 8, let pos = Int(cols[1]) else { return nil }
        var info: [String: String] = [:]
        var infoVAF: Double?, infoDepth: Int?
        if cols[7] != "." {
            for item in cols[7].split(separator: ";") {
                let kv = item.split(separator: "=", maxSplits: 1)
                let key = String(kv[0])
                let value = kv.count > 1 ? String(kv[1]) : ""
                if keep.contains(key) { info[key] = value }
                switch key {
                case "TVAF": infoVAF = Double(value.split(separator: ",").first ?? "")
                case "TDP": infoDepth = Int(value.split(separator: ",").first ?? "")
                default: break
                }
            }
        }
        var vaf: Double?, depth: Int?
        if let si = sampleIndex, cols.count > 9 + si {
            let keys = cols[8].split(separator: ":")
            let values = cols[9 + si].split(separator: ":", omittingEmptySubsequences: false)
            func value(_ k: String) -> Substring? {
                guard let i = keys.firstIndex(where: { $0 == k }), i < values.count, values[i] != "." else { return nil }
                return values[i]
            }
            if let af = value("AF"), let v = Double(af.split(separator: ",").first ?? "") { vaf = v }
            if let dp = value("DP"), let d = Int(dp) { depth = d }
            if vaf == nil, let ad = value("AD") {
                let counts = ad.split(separator: ",").compactMap { Int($0) }
                let total = counts.reduce(0, +)
                if counts.count >= 2, total > 0 { vaf = Double(counts[1]) / Double(total) }
                if depth == nil, total > 0 { depth = total }
            }
        }
        return VariantObservation(origin: origin, chrom: String(cols[0]), pos: pos, ref: String(cols[3]), alt: String(cols[4]),
                                  filter: String(cols[6]), vaf: vaf ?? infoVAF, depth: depth ?? infoDepth, info: info)
    }
}
