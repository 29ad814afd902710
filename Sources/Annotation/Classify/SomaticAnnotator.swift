import CHTSlib
import Classification
import Consequence
import HTS
import Knowledge

/// The somatic stage of `consilium annotate --classify somatic --tumor-type CODE`: per ALT allele, the
/// AMP/ASCO/CAP tier, the ClinGen/CGC/VICC oncogenicity class and points, and the JSMO/JSCO/JCA level, side by
/// side (`SomaticClassification`), from the CIViC records of the knowledge base, its population frequencies,
/// a cancer-hotspot table and the consequence stage.
///
/// CIViC variants are found by ClinVar id, dbSNP id + alleles, gene + protein change, or GRCh37 position (see
/// `CIViCVariantMatcher`). Writes `CSL_AMP_TIER`, `CSL_ONCOGENICITY`, `CSL_ONCOGENICITY_POINTS`,
/// `CSL_ONCOGENICITY_CRITERIA`, `CSL_JP_LEVEL` (Number=A) and `CSL_SOMATIC_EVIDENCE` (Number=., one entry per
/// evidence item: `SOURCE_ID|LEVEL|DRUGS|DISEASE|ON_LABEL|SIGNIFICANCE`, LEVEL = the AMP level the item earned
/// in this tumor type or `.`, text percent-encoded). Not thread-safe: the pipeline runs annotators on one thread.
public final class SomaticAnnotator: RecordAnnotator {
    /// What the consequence stage knows about one ALT allele on the report transcript.
    public struct VariantFacts: Sendable, Equatable {
        public var gene: String
        /// One-letter protein change for missense variants (`V600E`); nil otherwise.
        public var proteinChange: String?
        public var proteinPosition: Int?
        /// One-letter alternate amino acid for missense variants.
        public var altAminoAcid: String?
        public var variantClass: OncogenicityInput.VariantClass

        public init(gene: String, proteinChange: String?, proteinPosition: Int?, altAminoAcid: String?,
                    variantClass: OncogenicityInput.VariantClass) {
            self.gene = gene
            self.proteinChange = proteinChange
            self.proteinPosition = proteinPosition
            self.altAminoAcid = altAminoAcid
            self.variantClass = variantClass
        }
    }

    public let tumorType: String
    public let classifier: SomaticClassifier
    public let matcher: CIViCVariantMatcher?
    public let hotspots: CancerHotspots?
    /// Genome build of the input (`GRCh37` enables CIViC position matching).
    public let genomeBuild: String?
    /// Cancer role per gene symbol (OVS1, OM2); genes not listed are "role not known".
    public var geneRoles: [String: OncogenicityInput.GeneRole]
    /// The consequence facts for ALT `alt` (0-based) of the record being annotated; set by the wiring.
    public var facts: (Int) -> VariantFacts?
    /// The missense predictor read from INFO for OP1/SBP1 (Pejaver 2022 bands), and the INFO field names.
    public var predictor: MissensePredictor = .revel
    public var scoreNames = InSilicoFieldNames()
    private var scoreReader: InSilicoScoreReader?
    private var scoreHeader: VCFHeader?
    /// Per ALT of the record last annotated.
    public private(set) var results: [SomaticClassification?] = []
    private let kb: KnowledgeBase
    /// The institution's curations: their `oncogenicity` codes become curator calls (OS2, OM1, … that the engine
    /// cannot compute), shown next to the computed results.
    private let curations: Curations?
    private let curationIndex: CurationIndex?
    private let civicRelease: String
    private var evidenceEntries: [[String]] = []

    /// `oncoTree` decides on/off-label; `hotspots` enables OS3/OM3/OP3; `facts` gives consequences (gene,
    /// protein change) — without it, CIViC matching uses ClinVar/dbSNP ids and GRCh37 positions only.
    public init(kb: KnowledgeBase, tumorType: String, oncoTree: OncoTree, hotspots: CancerHotspots? = nil,
                labelMap: OncogenicityLabelMap = .horak2022, genomeBuild: String? = nil,
                geneRoles: [String: OncogenicityInput.GeneRole] = [:],
                facts: @escaping (Int) -> VariantFacts? = { _ in nil }) throws(InputError) {
        classifier = SomaticClassifier(oncoTree: oncoTree, labelMap: labelMap)
        do { try classifier.validate(tumorType: tumorType) } catch {
            throw InputError(file: oncoTree.release, location: .file, field: "--tumor-type", problem: error.problem,
                             hint: "give an OncoTree code, e.g. --tumor-type SKCM (see oncotree.mskcc.org)")
        }
        self.kb = kb
        self.tumorType = tumorType
        self.hotspots = hotspots
        self.genomeBuild = genomeBuild ?? kb.manifest.genomeBuild
        self.geneRoles = geneRoles
        self.facts = facts
        curations = try GermlineAnnotator.document(kb, kind: "curations", as: Curations.self)
        curationIndex = curations.map(CurationIndex.init)
        let civic = try CIViCKnowledge.load(from: kb)
        matcher = civic.map(CIViCVariantMatcher.init(knowledge:))
        civicRelease = kb.manifest.sources.first { $0.kind == "civic" }
            .map { "CIViC " + ($0.version ?? "\($0.file), release not dated") } ?? "no CIViC in the knowledge base"
    }

    /// Takes the consequence facts from the consequence stage's report transcript (`ConsequenceAnnotator`, which
    /// must run before this annotator).
    public convenience init(kb: KnowledgeBase, tumorType: String, oncoTree: OncoTree, hotspots: CancerHotspots? = nil,
                            labelMap: OncogenicityLabelMap = .horak2022, genomeBuild: String? = nil,
                            geneRoles: [String: OncogenicityInput.GeneRole] = [:], consequences: GermlineConsequences) throws(InputError) {
        try self.init(kb: kb, tumorType: tumorType, oncoTree: oncoTree, hotspots: hotspots, labelMap: labelMap,
                      genomeBuild: genomeBuild, geneRoles: geneRoles) { [weak consequences] alt in
            guard let consequences, let effect = consequences.chosen(alt: alt) else { return nil }
            return SomaticAnnotator.facts(effect: effect, model: consequences.predictor.model)
        }
    }

    /// Loads the OncoTree table and, when given, a cancer-hotspot residue table, reporting problems as input
    /// errors (file, line, field) for the command line.
    public static func loadTables(oncoTree: String, hotspots: String?) throws(InputError) -> (OncoTree, CancerHotspots?) {
        func converted(_ e: SomaticInputError, _ hint: String) -> InputError {
            InputError(file: e.source, location: e.line.map { .line($0) } ?? .file, field: e.field, problem: e.problem, hint: hint)
        }
        let tree: OncoTree
        do { tree = try OncoTree.load(path: oncoTree) } catch {
            throw converted(error, "give the flattened OncoTree table (oncotree_<release>.tsv: code, name, parent, level …)")
        }
        guard let hotspots else { return (tree, nil) }
        return (tree, try loadHotspots(path: hotspots))
    }

    /// Loads a cancerhotspots.org residue table (also read by the germline stage for PM1).
    public static func loadHotspots(path: String) throws(InputError) -> CancerHotspots {
        do { return try CancerHotspots.load(path: path) } catch {
            throw InputError(file: error.source, location: error.line.map { .line($0) } ?? .file, field: error.field,
                             problem: error.problem, hint: "give a cancerhotspots residue table such as v3_multi_type_residue.txt")
        }
    }

    public static let columnNames = ["CSL_AMP_TIER", "CSL_ONCOGENICITY", "CSL_ONCOGENICITY_POINTS", "CSL_ONCOGENICITY_CRITERIA",
                                     "CSL_JP_LEVEL", "CSL_SOMATIC_EVIDENCE"]

    public var columns: [String] { Self.columnNames }

    public var headerLines: [String] {
        let context = "tumor type \(tumorType), OncoTree \(classifier.oncoTree.release), \(civicRelease)"
        let hot = hotspots.map { "cancerhotspots \($0.release)" } ?? "no hotspot table"
        let map = classifier.oncogenicity.labelMap.rawValue
        return [
            "##INFO=<ID=CSL_AMP_TIER,Number=A,Type=String,Description=\"AMP/ASCO/CAP 2017 tier and level (Li 2017): IA, IB, IIC, IID, III, IV; \(context)\">",
            "##INFO=<ID=CSL_ONCOGENICITY,Number=A,Type=String,Description=\"ClinGen/CGC/VICC 2022 oncogenicity (Horak 2022): Oncogenic, Likely_oncogenic, Uncertain_significance, Likely_benign, Benign; \(hot); label map \(map)\">",
            "##INFO=<ID=CSL_ONCOGENICITY_POINTS,Number=A,Type=Integer,Description=\"ClinGen/CGC/VICC 2022 oncogenicity points (Horak 2022 Table 3)\">",
            "##INFO=<ID=CSL_ONCOGENICITY_CRITERIA,Number=A,Type=String,Description=\"Met oncogenicity criteria joined by &, codes per label map \(map); . when none\">",
            "##INFO=<ID=CSL_JP_LEVEL,Number=A,Type=String,Description=\"JSMO/JSCO/JCA evidence level A-F or R (NGS panel guidance ed. 2.1); \(context)\">",
            "##INFO=<ID=CSL_SOMATIC_EVIDENCE,Number=.,Type=String,Description=\"Somatic evidence: SOURCE_ID|LEVEL|DRUGS|DISEASE|ON_LABEL|SIGNIFICANCE (LEVEL = AMP level earned in the tumor type, . when not tiered); \(context)\">",
        ]
    }

    public func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
        record.unpackAlleles()
        let alts = max(0, record.alleleCount - 1)
        results.removeAll(keepingCapacity: true)
        evidenceEntries.removeAll(keepingCapacity: true)
        guard alts > 0 else {
            for key in Self.columnNames { bcf_update_info(header.pointer, record.pointer, key, nil, 0, Int32(BCF_HT_STR)) }
            return
        }
        let ids = Self.recordIDs(record)
        let chrom = header.contigName(record.rid)
        let ref = record.allele(0)
        for a in 0..<alts {
            let alt = record.allele(a + 1)
            let f = facts(a)
            let variantIDs = civicVariants(alt: a, ref: ref, altAllele: alt, chrom: chrom, pos: Int(record.position1),
                                           dbSNP: ids, facts: f, lookup: lookup)
            let evidence = variantIDs.flatMap(actionability(variant:))
            var input = oncogenicityInput(alt: a, facts: f, variantIDs: variantIDs, lookup: lookup)
            input.curated = curatorCalls(chrom: chrom, pos: Int(record.position1), ref: ref, alt: alt)
            if let f, f.variantClass == .missense,
               let score = scores(header).scores(record, alt: a, altAllele: alt, gene: f.gene).missense(predictor) {
                let line = OncogenicityInput.Computational.from(predictor: predictor, score: score)
                input.computational = line.value
                input.computationalFact = line.fact
            }
            do {
                let result = try classifier.classify(tumorType: tumorType, evidence: evidence, oncogenicity: input)
                results.append(result)
                evidenceEntries.append(result.evidence.map(Self.evidenceEntry))
            } catch {
                throw InputError(file: classifier.oncoTree.release, location: .file, field: "--tumor-type", problem: error.problem)
            }
        }
        setString("CSL_AMP_TIER", results.map { $0?.amp.category.code ?? "." }, record, header)
        setString("CSL_ONCOGENICITY", results.map { $0?.oncogenicity.oncogenicityClass.code ?? "." }, record, header)
        var points = results.map { Int32($0?.oncogenicity.points ?? 0) }
        bcf_update_info(header.pointer, record.pointer, "CSL_ONCOGENICITY_POINTS", &points, Int32(points.count), Int32(BCF_HT_INT))
        setString("CSL_ONCOGENICITY_CRITERIA", results.map { $0?.oncogenicity.metCodes ?? "." }, record, header)
        setString("CSL_JP_LEVEL", results.map { $0?.jp.level?.rawValue ?? "." }, record, header)
        let entries = evidenceEntries.flatMap { $0 }
        if entries.isEmpty {
            bcf_update_info(header.pointer, record.pointer, "CSL_SOMATIC_EVIDENCE", nil, 0, Int32(BCF_HT_STR))
        } else {
            setString("CSL_SOMATIC_EVIDENCE", entries, record, header)
        }
    }

    public func columnValues(alt: Int) -> [String?] {
        guard alt >= 0, alt < results.count, let r = results[alt] else { return Array(repeating: nil, count: Self.columnNames.count) }
        return [r.amp.category.code, r.oncogenicity.oncogenicityClass.code, String(r.oncogenicity.points), r.oncogenicity.metCodes,
                r.jp.level?.rawValue, evidenceEntries[alt].isEmpty ? nil : evidenceEntries[alt].joined(separator: ",")]
    }

    // MARK: matching

    private func civicVariants(alt: Int, ref: String, altAllele: String, chrom: String, pos: Int, dbSNP: [String],
                               facts: VariantFacts?, lookup: AlleleLookup) -> [Int] {
        guard let matcher else { return [] }
        var found: [Int] = []
        func add(_ ids: [Int]) { for id in ids where !found.contains(id) { found.append(id) } }
        if lookup.hasClinVar, let clinvar = kb.clinvar {
            let row = lookup.row(alt: alt, table: 0)
            if row >= 0, let id = clinvar.index.string(clinvar.id, row: row) { add(matcher.variants(clinvarID: id)) }
        }
        for rs in dbSNP { add(matcher.variants(dbSNP: rs, ref: ref, alt: altAllele)) }
        if let facts, let change = facts.proteinChange { add(matcher.variants(gene: facts.gene, proteinChange: change)) }
        if let build = genomeBuild, build.uppercased() == "GRCH37" {
            add(matcher.variants(build: "GRCh37", chrom: chrom, pos: pos, ref: ref, alt: altAllele))
        }
        return found
    }

    private func scores(_ header: VCFHeader) -> InSilicoScoreReader {
        if let scoreReader, scoreHeader === header { return scoreReader }
        let r = InSilicoScoreReader(names: scoreNames, header: header)
        scoreReader = r
        scoreHeader = header
        return r
    }

    /// The record's dbSNP ids (`rs…` entries of the ID column).
    static func recordIDs(_ record: VCFRecord) -> [String] {
        guard let raw = record.pointer.pointee.d.id else { return [] }
        let text = String(cString: raw)
        return text.split(separator: ";").map(String.init).filter { $0.lowercased().hasPrefix("rs") }
    }

    /// CIViC evidence items and assertions of one CIViC variant, as plain evidence values.
    private func actionability(variant id: Int) -> [ActionabilityEvidence] {
        guard let matcher else { return [] }
        return matcher.evidence(variant: id).map(Self.actionability) + matcher.assertions(variant: id).map(Self.actionability)
    }

    /// A CIViC evidence item as plain evidence.
    public static func actionability(_ e: CIViCEvidenceItem) -> ActionabilityEvidence {
        ActionabilityEvidence(
            sourceID: "CIViC:EID\(e.id)", sourceLevel: e.level.rawValue,
            category: ActionabilityEvidence.category(civicType: e.type), sourceType: e.type,
            supports: e.direction != "Does Not Support", significance: e.significance,
            effect: ActionabilityEvidence.effect(civicSignificance: e.significance),
            disease: e.disease, doid: e.doid, therapies: e.therapies, therapyInteraction: e.therapyInteraction,
            citation: e.pmid.map { "PMID:\($0)" } ?? e.citation, status: e.status, origin: e.variantOrigin)
    }

    /// A CIViC assertion as plain evidence (it carries its own AMP category, FDA approval and NCCN guideline).
    public static func actionability(_ a: CIViCAssertion) -> ActionabilityEvidence {
        let guideline = a.nccnGuideline.map { "NCCN \($0)" + (a.nccnGuidelineVersion.map { " \($0)" } ?? "") }
        return ActionabilityEvidence(
            sourceID: "CIViC:AID\(a.id)", isAssertion: true, sourceLevel: nil, assertedTier: a.ampTier, assertedLevel: a.ampLevel,
            category: ActionabilityEvidence.category(civicType: a.type ?? ""), sourceType: a.type ?? "",
            supports: a.direction != "Does Not Support", significance: a.significance,
            effect: ActionabilityEvidence.effect(civicSignificance: a.significance),
            disease: a.disease, doid: a.doid, therapies: a.therapies, therapyInteraction: a.therapyInteraction,
            fdaApproved: a.fdaRegulatoryApproval, guideline: guideline, status: a.status, origin: a.variantOrigin)
    }

    // MARK: oncogenicity facts

    private func oncogenicityInput(alt: Int, facts: VariantFacts?, variantIDs: [Int], lookup: AlleleLookup) -> OncogenicityInput {
        var input = OncogenicityInput()
        if let facts {
            input.gene = facts.gene
            input.geneRole = geneRoles[facts.gene]
            input.variantClass = facts.variantClass
            input.proteinChange = facts.proteinChange
            if let hotspots {
                if facts.variantClass == .missense, let pos = facts.proteinPosition, let aa = facts.altAminoAcid {
                    input.hotspot = hotspots.lookup(gene: facts.gene, position: pos, alt: aa)
                } else {
                    input.hotspot = .notApplicable(reason: "hotspot counts are per amino-acid change: not applied to a \(facts.variantClass.rawValue) variant")
                }
            }
        }
        // Population: the highest continental-group AF (AF_GRPMAX) or else the overall AF over every frequency
        // source; the fact names the sources holding the allele (all of them when it is absent).
        if !kb.frequencies.isEmpty {
            let offset = lookup.hasClinVar ? 1 : 0
            var holding: [String] = []
            var maxAF: Double = 0
            for (i, t) in kb.frequencies.enumerated() {
                let row = lookup.row(alt: alt, table: i + offset)
                guard row >= 0 else { continue }
                let af = t.afGrpmax.flatMap { t.index.float($0, row: row) } ?? t.af.flatMap { t.index.float($0, row: row) }
                let ac = t.ac.flatMap { t.index.int($0, row: row) }
                if let af { maxAF = max(maxAF, Double(af)) }
                if (ac ?? 1) > 0 && (af ?? 1) > 0 { holding.append(Self.sourceName(t)) }
            }
            input.presentInControls = !holding.isEmpty
            input.populationMaxAF = maxAF
            input.populationSource = (holding.isEmpty ? kb.frequencies.map(Self.sourceName) : holding).joined(separator: ", ")
        }
        // OS1 from CIViC oncogenicity assertions (CIViC applies the same SOP) for the same change.
        if let matcher {
            input.establishedOncogenicSameChange = variantIDs.flatMap { id in
                matcher.assertions(variant: id).filter { a in
                    a.type == "Oncogenic" && a.direction != "Does Not Support" && a.status != "rejected"
                        && ["Oncogenic", "Likely Oncogenic"].contains(a.significance ?? "")
                }.map { "CIViC:AID\($0.id)" }
            }
        }
        return input
    }

    /// The latest curation of the allele as oncogenicity curator calls: its `oncogenicity` codes met, its
    /// `oncogenicity_not_met` codes rejected, its note as the justification. The file uses Horak 2022 Table 2
    /// labels whatever label map the output prints with.
    private func curatorCalls(chrom: String, pos: Int, ref: String, alt: String) -> [OncogenicityCuratorCall] {
        guard let latest = curationIndex?.history(chrom: chrom, pos: pos, ref: ref, alt: alt).last else { return [] }
        let why = latest.note ?? "curated (\(curations?.file ?? "curations") line \(latest.line))"
        func calls(_ codes: [String]?, met: Bool) -> [OncogenicityCuratorCall] {
            (codes ?? []).compactMap { code in
                OncogenicityCriterion.allCases.first { OncogenicityLabelMap.horak2022.code($0) == code }.map {
                    OncogenicityCuratorCall(criterion: $0, met: met, curator: latest.curator, date: latest.date, justification: why)
                }
            }
        }
        return calls(latest.oncogenicity, met: true) + calls(latest.oncogenicityNotMet, met: false)
    }

    static func sourceName(_ t: FrequencyTable) -> String { t.label + (t.source.version.map { " \($0)" } ?? "") }

    /// Facts for one effect on its transcript: gene, protein change, SOP variant class.
    public static func facts(effect: TranscriptEffect, model: GeneModel) -> VariantFacts? {
        guard effect.transcript >= 0, effect.transcript < model.transcripts.count else { return nil }
        let gene = model.transcripts[effect.transcript].symbol
        let t = effect.terms
        let cls: OncogenicityInput.VariantClass
        if t.contains(.stopGained) || t.contains(.frameshift) || t.contains(.spliceAcceptor) || t.contains(.spliceDonor)
            || t.contains(.startLost) || t.contains(.transcriptAblation) {
            cls = .null
        } else if t.contains(.inframeInsertion) || t.contains(.inframeDeletion) {
            cls = .inFrameIndel
        } else if t.contains(.stopLost) {
            cls = .stopLoss
        } else if t.contains(.missense) {
            cls = .missense
        } else if t.contains(.synonymous) {
            cls = .synonymous
        } else {
            cls = .other
        }
        var change: String?, alt: String?, position: Int?
        if cls == .missense, effect.refPeptide.count == 1, effect.altPeptide.count == 1, effect.proteinStart > 0 {
            let r = String(UnicodeScalar(effect.refPeptide[0])), a = String(UnicodeScalar(effect.altPeptide[0]))
            change = "\(r)\(effect.proteinStart)\(a)"
            alt = a
            position = effect.proteinStart
        }
        return VariantFacts(gene: gene, proteinChange: change, proteinPosition: position, altAminoAcid: alt, variantClass: cls)
    }

    // MARK: output

    static func evidenceEntry(_ a: AssessedEvidence) -> String {
        let fields = [a.sourceID, a.ampLevel?.rawValue ?? ".", a.evidence.therapyText.isEmpty ? "." : a.evidence.therapyText,
                      a.evidence.disease ?? ".", a.onLabel ? "yes" : "no", a.evidence.significance ?? "."]
        return fields.map(percentEncode).joined(separator: "|")
    }

    /// Percent-encodes the characters VCF INFO and the entry layout reserve: `%` `,` `;` `=` `|` `&` tab CR LF.
    static func percentEncode(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "%", ",", ";", "=", "|", "&", "\t", "\r", "\n":
                out += "%" + String(ch.value, radix: 16, uppercase: true).leftPadded(2)
            default:
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private func setString(_ key: String, _ values: [String], _ record: VCFRecord, _ header: VCFHeader) {
        let joined = values.joined(separator: ",")
        _ = joined.withCString { bcf_update_info(header.pointer, record.pointer, key, $0, 1, Int32(BCF_HT_STR)) }
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
