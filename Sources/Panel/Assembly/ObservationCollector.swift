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
        let bytes = UnsafeRawBufferPointer(start: s, count: line.l).bindMemory(to: UInt8.self)
        guard var o = Self.parse(line: bytes, origin: origin, sampleIndex: sampleIndex, keep: keep) else { return }
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
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(line: UnsafeBufferPointer($0), origin: origin, sampleIndex: sampleIndex, keep: keep) }
    }

    /// The same over the line's bytes: the INFO of a record with consequences on hundreds of transcripts is
    /// long, so the line is split on bytes and only the kept pieces become strings.
    static func parse(line: UnsafeBufferPointer<UInt8>, origin: String, sampleIndex: Int?, keep: Set<String>) -> VariantObservation? {
        var end = line.count
        while end > 0 && (line[end - 1] == 0x0A || line[end - 1] == 0x0D) { end -= 1 }
        func split(_ r: Range<Int>, _ sep: UInt8) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var start = r.lowerBound
            for i in r where line[i] == sep { out.append(start..<i); start = i + 1 }
            out.append(start..<r.upperBound)
            return out
        }
        func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self) }
        func equals(_ r: Range<Int>, _ text: StaticString) -> Bool {
            guard r.count == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { t in zip(r, t).allSatisfy { line[$0] == $1 } }
        }
        let cols = split(0..<end, 0x09)
        guard cols.count >= 8, let pos = Int(string(cols[1])) else { return nil }
        var info: [String: String] = [:]
        var infoVAF: Double?, infoDepth: Int?
        if !equals(cols[7], ".") {
            for item in split(cols[7], 0x3B) {
                let eq = item.first { line[$0] == 0x3D } ?? item.upperBound
                let keyRange = item.lowerBound..<eq
                let valueRange = eq < item.upperBound ? (eq + 1)..<item.upperBound : item.upperBound..<item.upperBound
                if equals(keyRange, "TVAF") { infoVAF = Double(string(valueRange).split(separator: ",").first ?? "") }
                else if equals(keyRange, "TDP") { infoDepth = Int(string(valueRange).split(separator: ",").first ?? "") }
                // Only the documented CSL_* keys are kept (their names start with "CSL_").
                else if keyRange.count > 4 && equals(keyRange.lowerBound..<keyRange.lowerBound + 4, "CSL_") {
                    let key = string(keyRange)
                    if keep.contains(key) { info[key] = string(valueRange) }
                }
            }
        }
        var vaf: Double?, depth: Int?
        if let si = sampleIndex, cols.count > 9 + si {
            let keys = split(cols[8], 0x3A).map(string)
            let values = split(cols[9 + si], 0x3A).map(string)
            func value(_ k: String) -> String? {
                guard let i = keys.firstIndex(of: k), i < values.count, values[i] != "." else { return nil }
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
        return VariantObservation(origin: origin, chrom: string(cols[0]), pos: pos, ref: string(cols[3]), alt: string(cols[4]),
                                  filter: string(cols[6]), vaf: vaf ?? infoVAF, depth: depth ?? infoDepth, info: info)
    }
}
