import Foundation

/// Turns one observation's documented INFO fields into a `VariantFinding` (consequence of the report
/// transcript, ACMG class and evidence, somatic levels). Fields of stages that did not run stay nil.
struct FindingBuilder {
    let evaluation: Evaluation
    let transcripts: ReportTranscripts
    /// Gene by BED region, used when consequences give none.
    let regions: [PanelRegion]

    static let truncatingTerms: Set<String> = ["stop_gained", "frameshift_variant", "splice_acceptor_variant", "splice_donor_variant", "start_lost"]

    func finding(_ o: VariantObservation, id: String) -> VariantFinding {
        var f = VariantFinding(id: id, origin: o.origin, chrom: o.chrom, pos: o.pos, ref: o.ref, alt: o.alt, filter: o.filter,
                               clinvar: o.clinvar, population: o.population, acmgCriteria: [], acmgEvidence: [],
                               somaticEvidence: [], actionable: false)
        f.vaf = o.vaf
        f.depth = o.depth
        if evaluation.consequences.isEvaluated, let csq = o.info[ReportInfoFields.consequence], let e = chooseEntry(csq, chosen: o.chosenTranscript) {
            f.gene = e["SYMBOL"]
            f.transcript = e["Feature"]
            f.hgvsc = e["HGVSc"]
            f.hgvsp = e["HGVSp"]
            f.consequence = e["Consequence"]
            f.impact = e["IMPACT"]
        }
        if f.gene == nil { f.gene = PanelRegion.gene(at: o.chrom, o.pos, in: regions) }
        if evaluation.germlineClassification.isEvaluated {
            f.germlineClass = o.info["CSL_ACMG"].flatMap(Self.present)
            f.acmgCriteria = (o.info["CSL_ACMG_CRITERIA"].flatMap(Self.present) ?? "").split(separator: "&").map(String.init)
            f.acmgPoints = o.info["CSL_ACMG_POINTS"].flatMap { Int($0) }
            f.acmgRule = o.info["CSL_ACMG_RULE"].flatMap(Self.present).map(Self.decode)
            f.acmgEvidence = Self.entries(o.info["CSL_ACMG_EVIDENCE"]).compactMap { p in
                p.count >= 4 ? CriterionEvidence(code: p[0], status: p[1], strength: p[2], text: p[3]) : nil
            }
        }
        if evaluation.somaticClassification.isEvaluated {
            f.ampTier = o.info["CSL_AMP_TIER"].flatMap(Self.present)
            f.oncogenicity = o.info["CSL_ONCOGENICITY"].flatMap(Self.present)
            f.oncogenicityPoints = o.info["CSL_ONCOGENICITY_POINTS"].flatMap { Int($0) }
            f.jpLevel = o.info["CSL_JP_LEVEL"].flatMap(Self.present)
            f.somaticEvidence = Self.entries(o.info["CSL_SOMATIC_EVIDENCE"]).compactMap { p in
                p.count >= 6 ? SomaticEvidence(source: p[0], level: p[1], drugs: p[2], disease: p[3], onLabel: p[4] == "yes", significance: p[5]) : nil
            }
        }
        return f
    }

    static func present(_ s: String) -> String? { s.isEmpty || s == "." ? nil : s }

    /// Percent-decoding of the contract's escaped characters (invalid escapes are kept as written).
    static func decode(_ s: String) -> String { s.removingPercentEncoding ?? s }

    /// `A|B|C,D|E|F` → [[A,B,C],[D,E,F]], each part percent-decoded.
    static func entries(_ value: String?) -> [[String]] {
        guard let value, let v = present(value) else { return [] }
        return v.split(separator: ",").map { $0.split(separator: "|", omittingEmptySubsequences: false).map { decode(String($0)) } }
    }

    /// The report transcript's CSQ entry: the report-transcripts table's transcript for the gene (a panel's
    /// explicit choice, e.g. NM_007294.4 where the RefSeq model carries no MANE tag), else the consequence
    /// stage's choice, else MANE Select, else canonical, else the first entry with a protein change, else the first.
    func chooseEntry(_ csq: String, chosen: String? = nil) -> [String: String]? {
        // A record carries one entry per overlapping transcript (hundreds for a RefSeq BRCA1 model): choose on the
        // raw identifier fields and percent-decode only the chosen entry.
        // Split on UTF-8 bytes (`,` and `|` are ASCII and never inside a value, which is percent-encoded).
        let rows: [[Substring]] = csq.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).map { entry in
            entry.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { Substring($0) }
        }
        guard !rows.isEmpty else { return nil }
        let symbol = 3, feature = 6, hgvsp = 11, canonical = 18, mane = 19
        func cell(_ r: [Substring], _ i: Int) -> Substring? { i < r.count && !r[i].isEmpty ? r[i] : nil }
        func pick() -> [Substring] {
            // Exact accession.version first; then the same accession in another version.
            for exact in [true, false] {
                if let r = rows.first(where: { r in
                    guard let g = cell(r, symbol), let want = transcripts.byGene[String(g)], let have = cell(r, feature) else { return false }
                    return exact ? have == want : have.split(separator: ".").first == want.split(separator: ".").first
                }) { return r }
            }
            if let chosen, let r = rows.first(where: { cell($0, feature) == Substring(chosen) }) { return r }
            if let r = rows.first(where: { cell($0, mane) != nil }) { return r }
            if let r = rows.first(where: { cell($0, canonical) == "YES" }) { return r }
            return rows.first(where: { cell($0, hgvsp) != nil }) ?? rows[0]
        }
        let r = pick()
        var d: [String: String] = [:]
        for (i, name) in ConsequenceFields.names.enumerated() where i < r.count && !r[i].isEmpty { d[name] = Self.decode(String(r[i])) }
        return d
    }
}

/// The CSQ layout (`CSQFormatter.fields`), named here so the report reads the documented field order.
enum ConsequenceFields {
    static let names = ["Allele", "Consequence", "IMPACT", "SYMBOL", "Gene", "Feature_type", "Feature", "BIOTYPE",
                        "EXON", "INTRON", "HGVSc", "HGVSp", "cDNA_position", "CDS_position", "Protein_position",
                        "Amino_acids", "Codons", "STRAND", "CANONICAL", "MANE_SELECT"]
}

/// A covered region of the panel (BED), with its gene name when the BED has one.
public struct PanelRegion: Sendable, Equatable {
    public var chrom: String
    /// 0-based start, exclusive end (BED).
    public var start: Int
    public var end: Int
    public var name: String?

    static func canonical(_ c: String) -> String { c.hasPrefix("chr") ? String(c.dropFirst(3)) : c }

    func contains(_ chrom: String, _ pos: Int) -> Bool {
        Self.canonical(chrom) == Self.canonical(self.chrom) && pos > start && pos <= end
    }

    static func gene(at chrom: String, _ pos: Int, in regions: [PanelRegion]) -> String? {
        regions.first { $0.contains(chrom, pos) && $0.name != nil }?.name
    }
}
