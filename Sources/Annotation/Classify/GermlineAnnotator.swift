import CHTSlib
import Classification
import Consequence
import Foundation
import HTS
import Knowledge
import Variants

/// What the germline stage needs from the consequence stage: the predictor and the report transcript's effect
/// per ALT. `ConsequenceAnnotator` provides both; tests may give a stand-in.
public protocol GermlineConsequences: AnyObject {
    var predictor: ConsequencePredictor { get }
    /// The report transcript's effect for ALT `alt` (0-based) of the record last annotated.
    func chosen(alt: Int) -> TranscriptEffect?
}

extension ConsequenceAnnotator: GermlineConsequences {}

/// One ALT allele as the sequence criteria (PVS1, PM4, PP3/BP4, BP3, BP7) see it.
public struct SequenceQuery {
    public let record: VCFRecord
    public let header: VCFHeader
    /// 0-based ALT.
    public let alt: Int
    public let allele: VariantAllele?
    /// The report transcript's effect, nil when intergenic or without consequences.
    public let effect: TranscriptEffect?
    public let predictor: ConsequencePredictor?
    /// The gene table's row for the report transcript's gene.
    public let gene: GeneRecord?
}

/// The sequence criteria for one ALT and whether the variant may act through splicing (PS1 is then withheld).
public struct SequenceAnswer: Sendable {
    public var results: [CriterionResult]
    public var mayAffectSplicing: Bool?
    public init(results: [CriterionResult], mayAffectSplicing: Bool?) {
        self.results = results
        self.mayAffectSplicing = mayAffectSplicing
    }
}

/// The sequence-criteria adapter (CRIT-SEQ's `SequenceFacts`), behind a protocol so the germline stage can be
/// built and tested before it is wired.
public protocol SequenceCriteriaSource: AnyObject {
    func evaluate(_ query: SequenceQuery) -> SequenceAnswer
}

/// The germline stage of `consilium annotate --classify germline`: per ALT allele, the ACMG/AMP classification
/// (`GermlineClassifier`) from the knowledge base's frequencies, ClinVar (context only), gene table and
/// curations, the consequence stage's report transcript, and the sequence criteria.
///
/// Writes `CSL_ACMG`, `CSL_ACMG_CRITERIA`, `CSL_ACMG_POINTS`, `CSL_ACMG_RULE` (Number=A) and `CSL_ACMG_EVIDENCE`
/// (Number=., `CODE|STATUS|STRENGTH|TEXT` per evaluated criterion, curator-only criteria without a curator entry
/// left out; TEXT percent-encoded). The full value of each ALT is in `results`.
///
/// PS1/PM5 need the established P/LP missense changes per residue: at start, every ClinVar row at ≥ 2 stars with
/// a Pathogenic/Likely pathogenic significance, and every curation classed P/LP, that lies within the gene
/// models is run through the consequence predictor on its report transcript. Cost: one pass over the ClinVar
/// table (two integer/string column reads per row) plus one prediction per P/LP row within the models — for a
/// whole-genome ClinVar (~2.5 M rows, ~150 k at ≥ 2★ P/LP) a few seconds and a few MB; for region-sized
/// knowledge bases negligible. Not thread-safe: the pipeline runs annotators on one thread, in output order.
public final class GermlineAnnotator: RecordAnnotator {
    public let classifier: GermlineClassifier
    public let geneTable: GeneTable?
    public let curations: Curations?
    /// `curations` keyed by allele: one hash lookup per record instead of a scan of the file.
    private let curationIndex: CurationIndex?
    /// Established P/LP missense changes, by `GENE:residue`.
    public private(set) var knownByResidue: [String: [KnownPathogenicVariant]] = [:]
    /// PM1 hotspot residues by gene symbol.
    public let hotspotsByGene: [String: [MutationalHotspot]]
    /// PM1 domains by gene symbol.
    public let domainsByGene: [String: [FunctionalDomain]]
    /// Per ALT of the record last annotated; nil for an ALT that cannot be classified (`*`, symbolic).
    public private(set) var results: [GermlineClassification?] = []

    private let kb: KnowledgeBase
    private weak var consequences: GermlineConsequences?
    private let sequence: SequenceCriteriaSource?
    private let japanese: [Bool]
    private let clinvarVersion: String?
    private var namer: HGVSNamer?
    private var evidence: [[String]] = []

    public static let fields = ["CSL_ACMG", "CSL_ACMG_CRITERIA", "CSL_ACMG_POINTS", "CSL_ACMG_RULE", "CSL_ACMG_EVIDENCE"]

    /// Labels read as Japanese population panels when `japaneseSources` is not given: containing `tommo`,
    /// `jmorp`, `jpn`, `japan` or `hgvd` (case-insensitive).
    public static func looksJapanese(_ label: String) -> Bool {
        let l = label.lowercased()
        return ["tommo", "jmorp", "jpn", "japan", "hgvd"].contains { l.contains($0) }
    }

    /// - Parameters:
    ///   - consequences: the consequence stage (its report transcript and predictor); without it only the
    ///     frequency criteria and curator entries are evaluated.
    ///   - sequence: the sequence-criteria adapter; without it PVS1, PM4, PP3/BP4, BP3 and BP7 are absent and
    ///     "may affect splicing" is read from the SO terms (splice donor/acceptor/region).
    ///   - japaneseSources: frequency labels that are Japanese panels; nil: `looksJapanese`.
    public init(kb: KnowledgeBase, consequences: GermlineConsequences?, sequence: SequenceCriteriaSource? = nil,
                classifier: GermlineClassifier = GermlineClassifier(), hotspots: [MutationalHotspot] = [],
                domains: [FunctionalDomain] = [], japaneseSources: Set<String>? = nil) throws(InputError) {
        self.kb = kb
        self.consequences = consequences
        self.sequence = sequence
        self.classifier = classifier
        hotspotsByGene = Dictionary(grouping: hotspots, by: \.gene)
        domainsByGene = Dictionary(grouping: domains, by: \.gene)
        japanese = kb.frequencies.map { japaneseSources?.contains($0.label) ?? Self.looksJapanese($0.label) }
        clinvarVersion = kb.clinvar?.source.version
        geneTable = try Self.document(kb, kind: "genes", as: GeneTable.self)
        curations = try Self.document(kb, kind: "curations", as: Curations.self)
        curationIndex = curations.map(CurationIndex.init)
        if let consequences {
            namer = HGVSNamer(predictor: consequences.predictor)
            buildKnownResidues(consequences.predictor)
        }
    }

    /// Reads a JSON document of the bundle (already checked against the manifest when the KB was opened).
    static func document<T: Decodable>(_ kb: KnowledgeBase, kind: String, as: T.Type) throws(InputError) -> T? {
        guard let source = kb.manifest.sources.first(where: { $0.kind == kind }) else { return nil }
        let path = (kb.path as NSString).appendingPathComponent(source.index)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, location: .file, problem: "a file the manifest lists is missing or unreadable",
                             hint: "rebuild the knowledge base with `consilium kb build`")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw InputError(file: path, location: .file, problem: "the \(kind) document cannot be read (not written by this consilium?)",
                             hint: "rebuild the knowledge base with this version of consilium")
        }
    }

    /// Reads a cancerhotspots.org residue table (`v3_multi_type_residue.txt`, Chang et al. 2016/2018: columns
    /// `Hugo_Symbol`, `Reference_Amino_Acid` (`R:422`), `Amino_Acid_Position`, `Variant_Amino_Acid`
    /// (`H:27|C:5`), `Tumor_Count`) for PM1. Rows without a position (in-frame indel and splice hotspots) are
    /// skipped: PM1 is read for missense residues.
    public static func hotspots(residueTable path: String) throws(InputError) -> [MutationalHotspot] {
        // One reader for the table (the somatic stage's), so PM1 and OS3/OM3/OP3 see the same residues.
        let table = try SomaticAnnotator.loadHotspots(path: path)
        let source = "cancerhotspots " + table.release
        return table.allResidues.map {
            MutationalHotspot(gene: $0.gene, position: $0.position, ref: String($0.residue.prefix(1)), samples: $0.samples,
                              variantCounts: $0.changes, source: source)
        }
    }

    // MARK: Known pathogenic residues (PS1/PM5)

    /// ClinVar ≥ 2★ P/LP and curated P/LP alleles inside the gene models → missense changes by residue.
    private func buildKnownResidues(_ predictor: ConsequencePredictor) {
        var known: [String: [KnownPathogenicVariant]] = [:]
        func add(contig: String, pos1: Int, ref: [UInt8], alt: [UInt8], significance: String, source: String, stars: Int?, id: String?) {
            guard let handle = predictor.model.contigHandle(contig),
                  let allele = VariantAllele(position: pos1, ref: ref, alt: alt) else { return }
            let effects = predictor.effects(contig: handle, allele: allele)
            guard let i = TranscriptChoice.standard.choose(effects, in: predictor.model) else { return }
            let e = effects[i]
            guard let change = Self.proteinChange(e, predictor: predictor, namer: namer, allele: allele,
                                                  key: "\(ContigAliases.canonical(contig)):\(pos1):\(String(decoding: ref, as: UTF8.self)):\(String(decoding: alt, as: UTF8.self))"),
                  change.kind == .missense else { return }
            known["\(change.gene):\(change.position)", default: []].append(
                KnownPathogenicVariant(change: change, significance: significance, source: source, stars: stars, id: id))
        }
        if let cv = kb.clinvar {
            let index = cv.index
            for row in 0..<index.rowCount {
                guard let stars = index.int(cv.stars, row: row), stars >= 2,
                      let sig = index.string(cv.significance, row: row), Self.isPathogenic(sig),
                      let a = index.allele(row: row), a.contig < kb.manifest.contigs.count else { continue }
                add(contig: kb.manifest.contigs[a.contig].name, pos1: Int(a.position) + 1, ref: a.ref, alt: a.alt,
                    significance: sig, source: "ClinVar", stars: Int(stars), id: index.string(cv.id, row: row))
            }
        }
        for c in curations?.entries ?? [] where c.classification == .pathogenic || c.classification == .likelyPathogenic {
            add(contig: c.chrom, pos1: c.pos, ref: Array(c.ref.utf8), alt: Array(c.alt.utf8), significance: c.classification.rawValue,
                source: "curation", stars: nil, id: "\(curations?.file ?? "curations") line \(c.line)")
        }
        knownByResidue = known
    }

    /// ClinVar CLNSIG values that assert P or LP without conflict (`Pathogenic`, `Likely_pathogenic`,
    /// `Pathogenic/Likely_pathogenic`, with or without `|` qualifiers such as `risk_factor`).
    static func isPathogenic(_ sig: String) -> Bool {
        let main = sig.split(separator: "|").first.map(String.init)?.lowercased() ?? ""
        return ["pathogenic", "likely_pathogenic", "pathogenic/likely_pathogenic", "likely pathogenic", "pathogenic/likely pathogenic"].contains(main)
    }

    /// The protein change of an effect on its transcript, nil when the CDS is untouched.
    static func proteinChange(_ e: TranscriptEffect, predictor: ConsequencePredictor, namer: HGVSNamer?,
                              allele: VariantAllele?, key: String?) -> ProteinChange? {
        guard e.proteinStart > 0 else { return nil }
        let t = predictor.model.transcripts[e.transcript]
        let kind: ProteinChange.Kind
        if e.terms.contains(.frameshift) { kind = .frameshift }
        else if e.terms.contains(.stopGained) { kind = .nonsense }
        else if e.terms.contains(.startLost) { kind = .startLoss }
        else if e.terms.contains(.stopLost) { kind = .stopLoss }
        else if e.terms.contains(.inframeInsertion) || e.terms.contains(.inframeDeletion) { kind = .inframeIndel }
        else if e.terms.contains(.missense) { kind = .missense }
        else if e.terms.contains(.synonymous) { kind = .synonymous }
        else { kind = .other }
        let ref = e.refPeptide.first.map { String(UnicodeScalar($0)) } ?? "?"
        let alt = e.altPeptide.first.map { String(UnicodeScalar($0)) } ?? "?"
        var cdna: String?
        if let namer, let allele { cdna = namer.names(of: allele, on: e.transcript).transcript }
        return ProteinChange(gene: t.symbol, transcript: t.id, kind: kind, position: e.proteinStart, ref: ref, alt: alt,
                             cdna: cdna, alleleKey: key)
    }

    // MARK: RecordAnnotator

    public var headerLines: [String] {
        let who = "profile \(classifier.profile.versionedID)"
        return [
            "##INFO=<ID=CSL_ACMG,Number=A,Type=String,Description=\"ACMG/AMP germline class (Pathogenic, Likely_pathogenic, Uncertain_significance, Likely_benign, Benign); \(who)\">",
            "##INFO=<ID=CSL_ACMG_CRITERIA,Number=A,Type=String,Description=\"Met ACMG/AMP criteria joined by &, strength suffix when not the 2015 default (e.g. PVS1&PM2_Supporting); . when none\">",
            "##INFO=<ID=CSL_ACMG_POINTS,Number=A,Type=Integer,Description=\"Tavtigian et al. 2020 points of the met criteria\">",
            "##INFO=<ID=CSL_ACMG_RULE,Number=A,Type=String,Description=\"Profile or VCEP specification, counted criteria, class and deciding rule\">",
            "##INFO=<ID=CSL_ACMG_EVIDENCE,Number=.,Type=String,Description=\"One entry per evaluated criterion: CODE|STATUS|STRENGTH|TEXT (STATUS met, not_met, not_evaluated; TEXT percent-encoded)\">",
        ]
    }

    public var columns: [String] { Self.fields }

    public func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
        record.unpackAlleles()
        let alts = max(0, record.alleleCount - 1)
        results.removeAll(keepingCapacity: true)
        evidence.removeAll(keepingCapacity: true)
        let refC = record.alleleCString(0)
        let ref = Array(UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC)))
        let chrom = header.contigName(record.rid)
        for a in 0..<alts {
            let altC = record.alleleCString(a + 1)
            let alt = Array(UnsafeBufferPointer(start: UnsafeRawPointer(altC).assumingMemoryBound(to: UInt8.self), count: strlen(altC)))
            guard let allele = VariantAllele(position: Int(record.position1), ref: ref, alt: alt) else {
                results.append(nil); evidence.append([]); continue
            }
            let facts = self.facts(record: record, header: header, lookup: lookup, alt: a, allele: allele, chrom: chrom,
                                   ref: String(decoding: ref, as: UTF8.self), altText: String(decoding: alt, as: UTF8.self))
            let c = classifier.classify(facts)
            results.append(c)
            evidence.append(Self.evidenceEntries(c))
        }
        write(record, header)
    }

    /// The classifier's facts for one ALT.
    func facts(record: VCFRecord, header: VCFHeader, lookup: AlleleLookup, alt a: Int, allele: VariantAllele,
               chrom: String, ref: String, altText: String) -> GermlineFacts {
        var facts = GermlineFacts()
        let first = lookup.hasClinVar ? 1 : 0
        for (s, table) in kb.frequencies.enumerated() {
            let row = a < lookup.altCount ? lookup.row(alt: a, table: first + s) : -1
            guard row >= 0 else {
                facts.frequencies.append(.absent(source: table.label, version: table.source.version, isJapanese: japanese[s]))
                continue
            }
            let i = table.index
            func f(_ c: Int?) -> Double? { c.flatMap { i.float($0, row: row) }.map(Double.init) }
            func n(_ c: Int?) -> Int? { c.flatMap { i.int($0, row: row) }.map(Int.init) }
            facts.frequencies.append(PopulationFrequency(source: table.label, version: table.source.version, isJapanese: japanese[s],
                                                         af: f(table.af), ac: n(table.ac), an: n(table.an), nhomalt: n(table.nhomalt),
                                                         afGrpmax: f(table.afGrpmax), faf95: f(table.faf95)))
        }
        if let cv = kb.clinvar, lookup.hasClinVar, a < lookup.altCount {
            let row = lookup.row(alt: a, table: 0)
            if row >= 0 {
                let i = cv.index
                facts.clinvar = ClinVarContext(id: i.string(cv.id, row: row), significance: i.string(cv.significance, row: row),
                                               reviewStatus: i.string(cv.reviewStatus, row: row),
                                               stars: i.int(cv.stars, row: row).map(Int.init), version: clinvarVersion)
            }
        }
        var gene: GeneRecord?
        var effect: TranscriptEffect?
        let key = "\(ContigAliases.canonical(chrom)):\(record.position1):\(ref):\(altText)"
        if let consequences, let e = consequences.chosen(alt: a) {
            effect = e
            let predictor = consequences.predictor
            let t = predictor.model.transcripts[e.transcript]
            facts.gene = t.symbol
            gene = geneTable?.gene(t.symbol)
            let names = namer?.names(of: allele, on: e.transcript)
            if let c = names?.transcript { facts.variant = VariantName(gene: t.symbol, cdna: c, protein: names?.protein) }
            facts.proteinChange = Self.proteinChange(e, predictor: predictor, namer: nil, allele: nil, key: key)
            facts.proteinChange?.cdna = names?.transcript
            if let p = facts.proteinChange { facts.knownPathogenic = knownByResidue["\(p.gene):\(p.position)"] ?? [] }
            facts.mayAffectSplicing = e.terms.contains(.spliceDonor) || e.terms.contains(.spliceAcceptor) || e.terms.contains(.spliceRegion)
        }
        if let gene { facts.geneParameters = Self.parameters(gene, file: geneTable?.file) }
        if let g = facts.gene {
            facts.hotspots = hotspotsByGene[g] ?? []
            facts.domains = domainsByGene[g] ?? []
        }
        if let sequence {
            let answer = sequence.evaluate(SequenceQuery(record: record, header: header, alt: a, allele: allele, effect: effect,
                                                         predictor: consequences?.predictor, gene: gene))
            facts.sequenceResults = answer.results
            if let s = answer.mayAffectSplicing { facts.mayAffectSplicing = s }
        }
        if let latest = curationEntries(chrom: chrom, pos: Int(record.position1), ref: ref, alt: altText).last {
            (facts.curatorEntries, facts.priorCuration) = Self.curatorDecisions(latest, file: curations?.file)
            if facts.gene == nil { facts.gene = latest.gene }
        }
        return facts
    }

    /// A curation row as curator entries — its `criteria` applied at their written strength, its `not_met` codes
    /// rejected, its note as the justification — and as the prior classification shown for context.
    static func curatorDecisions(_ c: Curation, file: String?) -> ([CuratorEntry], PriorCuration) {
        let source = "\(file ?? "curations") line \(c.line)"
        let why = c.note ?? "curated \(c.classification.name)"
        let applied = c.criteria.compactMap { Self.applied($0.description) }
        let entries = applied.map { CuratorEntry($0, justification: why, curator: c.curator, date: c.date, source: source) }
            + (c.notMet ?? []).compactMap { Self.applied($0.description) }.map {
                CuratorEntry(criterion: $0.criterion, met: false, strength: $0.strength, justification: why,
                             curator: c.curator, date: c.date, source: source)
            }
        return (entries, PriorCuration(acmgClass: c.classification.name, criteria: applied, date: c.date, curator: c.curator, note: c.note))
    }

    /// Curations of the allele, matching the contig in any naming style.
    private func curationEntries(chrom: String, pos: Int, ref: String, alt: String) -> [Curation] {
        curationIndex?.history(chrom: chrom, pos: pos, ref: ref, alt: alt) ?? []
    }

    /// A curation file's code (`PM2_Supporting`) in the engine's model.
    static func applied(_ code: String) -> EngineCriterion? {
        try? EngineCriterion(parsing: code)
    }

    /// The gene table's row as classifier parameters.
    static func parameters(_ g: GeneRecord, file: String?) -> GeneParameters {
        let origin = "gene table \(file ?? "") line \(g.line)"
        func t(_ x: FrequencyThreshold?, inclusiveByDefault: Bool) -> ResolvedThreshold? {
            guard let x else { return nil }
            let inclusive: Bool
            switch x.comparison {
            case .greaterOrEqual?, .lessOrEqual?: inclusive = true
            case .greater?, .less?: inclusive = false
            case nil: inclusive = inclusiveByDefault
            }
            return ResolvedThreshold(value: x.value, inclusive: inclusive, origin: origin)
        }
        return GeneParameters(symbol: g.symbol, inheritance: g.inheritance, lofMechanism: g.lofMechanism,
                              ba1: t(g.ba1, inclusiveByDefault: false), bs1: t(g.bs1, inclusiveByDefault: false),
                              pm2: t(g.pm2, inclusiveByDefault: true), prevalence: g.prevalence,
                              allelicContribution: g.allelicContribution, geneticContribution: g.geneticContribution,
                              penetrance: g.penetrance, pp2: g.pp2, bp1: g.bp1, origin: origin)
    }

    // MARK: Output

    /// `Likely_pathogenic` … as the contract spells classes in INFO.
    static func classField(_ c: EngineClass) -> String {
        switch c {
        case .pathogenic: return "Pathogenic"
        case .likelyPathogenic: return "Likely_pathogenic"
        case .uncertainSignificance: return "Uncertain_significance"
        case .likelyBenign: return "Likely_benign"
        case .benign: return "Benign"
        }
    }

    static func evidenceEntries(_ c: GermlineClassification) -> [String] {
        var out: [String] = []
        for o in c.criteria {
            let r = o.final
            let status: String, text: String
            switch r.status {
            case .met: status = "met"; text = r.fact ?? ""
            case .notMet: status = "not_met"; text = r.fact ?? ""
            case .notEvaluated(let reason):
                if r.criterion.isCuratorCriterion && r.origin == .computed { continue }
                status = "not_evaluated"; text = reason
            }
            var full = text
            if case .curator(let name, let date, _) = r.origin {
                full = "curator \(name)\(date.map { " \($0)" } ?? ""): \(text)"
                if let computed = o.computed { full += " (computed: \(Self.statusWord(computed.status)))" }
            }
            if let s = r.source, r.origin == .computed { full += " [\(s)]" }
            out.append("\(r.criterion.rawValue)|\(status)|\(r.strength.label.replacingOccurrences(of: " ", with: "_"))|\(percentEncode(full))")
        }
        return out
    }

    static func statusWord(_ s: CriterionStatus) -> String {
        switch s {
        case .met: return "met"
        case .notMet: return "not met"
        case .notEvaluated: return "not evaluated"
        }
    }

    /// `%`, `,`, `;`, `=`, `|`, `&`, tab, CR, LF as `%XX` (the contract's encoding).
    static func percentEncode(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "%", ",", ";", "=", "|", "&", "\t", "\r", "\n":
                let v = Int(ch.value)
                out += "%" + String(v >> 4, radix: 16, uppercase: true) + String(v & 15, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private func write(_ record: VCFRecord, _ header: VCFHeader) {
        let h = header.pointer, r = record.pointer
        guard results.contains(where: { $0 != nil }) else {
            for f in Self.fields { bcf_update_info(h, r, f, nil, 0, Int32(BCF_HT_STR)) }
            return
        }
        func strings(_ f: (GermlineClassification) -> String) -> String {
            results.map { $0.map(f) ?? "." }.joined(separator: ",")
        }
        func put(_ key: String, _ value: String) {
            _ = value.withCString { bcf_update_info(h, r, key, $0, 1, Int32(BCF_HT_STR)) }
        }
        put("CSL_ACMG", strings { Self.classField($0.acmgClass) })
        put("CSL_ACMG_CRITERIA", strings(\.criteriaField))
        put("CSL_ACMG_RULE", strings { Self.percentEncode($0.ruleField) })
        var points = results.map { $0.map { Int32($0.points) } ?? Int32.min }  // htslib bcf_int32_missing
        _ = points.withUnsafeMutableBufferPointer { bcf_update_info(h, r, "CSL_ACMG_POINTS", $0.baseAddress, Int32($0.count), Int32(BCF_HT_INT)) }
        let entries = evidence.flatMap { $0 }
        if entries.isEmpty { bcf_update_info(h, r, "CSL_ACMG_EVIDENCE", nil, 0, Int32(BCF_HT_STR)) }
        else { put("CSL_ACMG_EVIDENCE", entries.joined(separator: ",")) }
    }

    public func columnValues(alt: Int) -> [String?] {
        guard alt >= 0, alt < results.count, let c = results[alt] else { return Array(repeating: nil, count: Self.fields.count) }
        return [Self.classField(c.acmgClass), c.criteriaField, String(c.points), c.ruleField, evidence[alt].joined(separator: ",")]
    }
}
