import Foundation
import HTS

/// CIViC API JSON records: a file holds one record, an array of records, or a v1 page (`{"records": […]}`).
///
/// Each record names its kind in `type` (`evidence`, `assertion`, `variant`, `gene`, `molecular_profile`).
/// The v1 shape (2022) uses `drugs`, `clinical_significance`, `drug_interaction_type`, a string
/// `nccn_guideline`, `amp_level` as `Tier I - Level A`, and embeds full evidence items in variants and
/// assertions (`_evidence_items`, with `state_params` naming the gene and variant); those embedded items are
/// imported too. The v2 shape (2025) uses `therapies`, `significance`, `therapy_interaction_type`,
/// `molecular_profile_id`, an object `nccn_guideline`, and `amp_level` as `TIER_I_LEVEL_A`.
extension CIViCCollector {
    mutating func readJSON(path: String, name: String) throws(InputError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, location: .file, problem: "cannot be read",
                             hint: "check that the file exists and is readable")
        }
        let root: CIViCJSON
        do {
            root = try JSONDecoder().decode(CIViCJSON.self, from: data)
        } catch {
            throw InputError(file: path, location: .file, problem: "is not valid JSON",
                             hint: "a .json file in the CIViC folder must be a CIViC API record or an array of them")
        }
        let records: [CIViCJSON]
        switch root {
        case .array(let items): records = items
        case .object(let o):
            if case .array(let items)? = o["records"] { records = items } else { records = [root] }
        default: records = []
        }

        var counts: [String: Int] = [:]
        var shapes: Set<String> = []
        var skipped = 0
        for (index, record) in records.enumerated() {
            let at = RecordPlace(file: path, record: index + 1)
            guard case .object(let o) = record else { skipped += 1; continue }
            let generation = Self.isV1(o) ? 2 : 3
            let rank = CIViCRank(generation: generation, derived: false)
            let derived = CIViCRank(generation: generation, derived: true)
            switch Self.kind(of: o) {
            case "evidence":
                shapes.insert(generation == 2 ? "v1" : "v2")
                add(try Self.evidence(o, at: at, file: name), rank: rank)
                counts["evidence", default: 0] += 1
            case "assertion":
                shapes.insert(generation == 2 ? "v1" : "v2")
                add(try Self.assertion(o, at: at, file: name), rank: rank)
                counts["assertions", default: 0] += 1
                for e in try Self.embeddedEvidence(o, at: at, file: name) {
                    add(e, rank: derived)
                    counts["evidence", default: 0] += 1
                }
            case "variant":
                shapes.insert(generation == 2 ? "v1" : "v2")
                add(try Self.variant(o, at: at, file: name), rank: rank)
                counts["variants", default: 0] += 1
                for e in try Self.embeddedEvidence(o, at: at, file: name) {
                    add(e, rank: derived)
                    counts["evidence", default: 0] += 1
                }
            case "gene":
                shapes.insert(generation == 2 ? "v1" : "v2")
                let gene = try Self.gene(o, at: at, file: name)
                add(gene, rank: rank)
                counts["genes", default: 0] += 1
                // v1 gene records list their variants by id and name: enough to name evidence by variant id.
                for v in o.array("_variants") {
                    guard case .object(let vo) = v, let vid = vo.int("id"), let vname = vo.string("name") else { continue }
                    add(CIViCVariant(id: vid, gene: gene.name, entrezID: gene.entrezID, geneID: gene.id, name: vname,
                                     molecularProfileID: nil, aliases: [], hgvs: [], alleleRegistryID: nil,
                                     clinvarIDs: [], variantTypes: [], coordinates: nil, file: name), rank: derived)
                }
            case "molecular_profile":
                shapes.insert("v2")
                add(try Self.molecularProfile(o, at: at, file: name), rank: rank)
                counts["molecularProfiles", default: 0] += 1
            default:
                skipped += 1
            }
        }
        if counts.isEmpty {
            ignore(name, "JSON holds no CIViC evidence, assertion, variant, gene or molecular profile record",
                   kind: "JSON, not CIViC")
            return
        }
        let kind = "CIViC API JSON (\(shapes.sorted().joined(separator: "+")) shape)"
        reports.append(CIViCFileReport(name: name, read: true, kind: kind, release: Self.release(of: name),
                                       records: counts, ignoredColumns: [],
                                       note: skipped > 0 ? "\(skipped) record(s) of other kinds skipped" : nil))
    }

    private static func kind(of o: [String: CIViCJSON]) -> String? {
        if let t = o.string("type")?.lowercased() {
            switch t {
            case "evidence", "evidence_item", "evidenceitem": return "evidence"
            case "assertion": return "assertion"
            case "variant", "gene_variant", "genevariant": return "variant"
            case "gene", "feature": return "gene"
            case "molecular_profile", "molecularprofile": return "molecular_profile"
            default: return nil
            }
        }
        if o["evidence_level"] != nil { return "evidence" }
        if o["amp_level"] != nil { return "assertion" }
        if o["coordinates"] != nil || o["hgvs_expressions"] != nil { return "variant" }
        return nil
    }

    /// The v1 API named therapies `drugs` and significance `clinical_significance`, and had no molecular profiles.
    private static func isV1(_ o: [String: CIViCJSON]) -> Bool {
        if o["molecular_profile_id"] != nil || o["therapies"] != nil || o["single_variant_molecular_profile_id"] != nil { return false }
        return o["drugs"] != nil || o["clinical_significance"] != nil || o["_variants"] != nil || o["_evidence_items"] != nil
            || o["lifecycle_actions"] != nil || o["civic_actionability_score"] != nil
    }

    // MARK: record readers

    private static func evidence(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> CIViCEvidenceItem {
        let id = try at.requiredInt(o, "id")
        guard let levelText = o.string("evidence_level"), let level = CIViCEvidenceLevel(rawValue: levelText.uppercased()) else {
            throw at.error("evidence_level", "expected one of A, B, C, D, E")
        }
        guard let type = CIViCVocabulary.evidenceType(o.string("evidence_type")) else {
            throw at.error("evidence_type", "is missing; every CIViC evidence item has a type")
        }
        let source = o.object("source")
        let state = o.object("state_params")
        var nct: [String] = []
        for trial in source?.array("clinical_trials") ?? [] {
            if case .object(let t) = trial, let id = t.string("nct_id") ?? t.string("nctId") { nct.append(id) }
        }
        let rating = o.int("rating")
        if let rating, !(1...5).contains(rating) { throw at.error("rating", "expected a rating from 1 to 5") }
        return CIViCEvidenceItem(
            id: id,
            gene: state?.object("gene")?.string("name"), entrezID: nil,
            geneID: o.int("gene_id") ?? state?.object("gene")?.int("id"),
            variant: state?.object("variant")?.string("name"),
            variantID: o.int("variant_id") ?? state?.object("variant")?.int("id"),
            molecularProfile: nil, molecularProfileID: o.int("molecular_profile_id"),
            disease: o.object("disease")?.string("name"), doid: CIViCVocabulary.doid(o.object("disease")?.string("doid")),
            therapies: names(o.array("therapies") + o.array("drugs")),
            therapyInteraction: CIViCVocabulary.interaction(o.string("therapy_interaction_type") ?? o.string("drug_interaction_type")),
            level: level, type: type,
            direction: CIViCVocabulary.direction(o.string("evidence_direction")),
            significance: CIViCVocabulary.significance(o.string("significance") ?? o.string("clinical_significance")),
            rating: rating,
            citation: source?.string("citation"), citationID: source?.string("citation_id"),
            sourceType: CIViCVocabulary.sourceType(source?.string("source_type")),
            nctIDs: nct,
            status: CIViCVocabulary.status(o.string("status")),
            variantOrigin: CIViCVocabulary.origin(o.string("variant_origin")),
            file: file)
    }

    private static func embeddedEvidence(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> [CIViCEvidenceItem] {
        var out: [CIViCEvidenceItem] = []
        for item in o.array("_evidence_items") {
            // v1 gene records embed only {"status": …} stubs; a full item has an id and a level.
            guard case .object(let e) = item, e["id"] != nil, e["evidence_level"] != nil else { continue }
            out.append(try evidence(e, at: at.nested("_evidence_items"), file: file))
        }
        return out
    }

    private static func assertion(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> CIViCAssertion {
        let id = try at.requiredInt(o, "id")
        let amp = CIViCVocabulary.ampCategory(o.string("amp_level"))
        var nccn = o.string("nccn_guideline")
        if nccn == nil { nccn = o.object("nccn_guideline")?.string("name") }
        var evidenceIDs = o.array("evidence_ids").compactMap(\.intValue)
        if evidenceIDs.isEmpty {
            evidenceIDs = o.array("_evidence_items").compactMap { if case .object(let e) = $0 { e.int("id") } else { nil } }
        }
        var acmg: [String] = []
        for code in o.array("acmg_codes") {
            if let s = code.stringValue { acmg.append(s) }
            else if case .object(let c) = code, let s = c.string("code") { acmg.append(s) }
        }
        return CIViCAssertion(
            id: id,
            gene: nil, geneID: o.int("gene_id"), variant: nil, variantID: o.int("variant_id"),
            molecularProfile: nil, molecularProfileID: o.int("molecular_profile_id"),
            disease: o.object("disease")?.string("name"), doid: CIViCVocabulary.doid(o.object("disease")?.string("doid")),
            therapies: names(o.array("therapies") + o.array("drugs")),
            therapyInteraction: CIViCVocabulary.interaction(o.string("therapy_interaction_type") ?? o.string("drug_interaction_type")),
            type: CIViCVocabulary.evidenceType(o.string("assertion_type") ?? o.string("evidence_type")),
            direction: CIViCVocabulary.direction(o.string("assertion_direction") ?? o.string("evidence_direction")),
            significance: CIViCVocabulary.significance(o.string("significance") ?? o.string("clinical_significance")),
            ampCategory: amp?.category, ampTier: amp?.tier, ampLevel: amp?.level,
            acmgCodes: acmg,
            nccnGuideline: nccn, nccnGuidelineVersion: o.string("nccn_guideline_version"),
            fdaRegulatoryApproval: o.bool("fda_regulatory_approval"), fdaCompanionTest: o.bool("fda_companion_test"),
            evidenceIDs: evidenceIDs.sorted(),
            status: CIViCVocabulary.status(o.string("status")),
            variantOrigin: CIViCVocabulary.origin(o.string("variant_origin")),
            summary: o.string("summary"),
            file: file)
    }

    private static func variant(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> CIViCVariant {
        let id = try at.requiredInt(o, "id")
        guard let name = o.string("name") else { throw at.error("name", "is missing; every CIViC variant has a name") }
        var coordinates: CIViCCoordinates?
        if let c = o.object("coordinates"), let chromosome = c.string("chromosome") {
            coordinates = CIViCCoordinates(
                chromosome: chromosome, start: c.int("start"), stop: c.int("stop"),
                referenceBases: c.string("reference_bases"), variantBases: c.string("variant_bases"),
                build: c.string("reference_build"), representativeTranscript: c.string("representative_transcript"),
                ensemblVersion: c.int("ensembl_version"))
        }
        return CIViCVariant(
            id: id, gene: o.string("entrez_name"), entrezID: o.int("entrez_id"), geneID: o.int("gene_id"), name: name,
            molecularProfileID: o.int("single_variant_molecular_profile_id"),
            aliases: o.array("variant_aliases").compactMap(\.stringValue),
            hgvs: o.array("hgvs_expressions").compactMap(\.stringValue),
            alleleRegistryID: o.string("allele_registry_id"),
            clinvarIDs: o.array("clinvar_entries").compactMap { $0.stringValue ?? $0.intValue.map(String.init) },
            variantTypes: names(o.array("variant_types")),
            coordinates: coordinates, file: file)
    }

    private static func gene(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> CIViCGene {
        let id = try at.requiredInt(o, "id")
        guard let name = o.string("name") else { throw at.error("name", "is missing; every CIViC gene has a name") }
        return CIViCGene(id: id, name: name, entrezID: o.int("entrez_id"), file: file)
    }

    private static func molecularProfile(_ o: [String: CIViCJSON], at: RecordPlace, file: String) throws(InputError) -> CIViCMolecularProfile {
        CIViCMolecularProfile(id: try at.requiredInt(o, "id"), name: o.string("name"),
                              variantIDs: o.array("variant_ids").compactMap(\.intValue), file: file)
    }

    private static func names(_ items: [CIViCJSON]) -> [String] {
        items.compactMap { if case .object(let t) = $0 { t.string("name") } else { nil } }
    }
}

/// Where in a JSON file a record sits, for error messages (record = 1-based position in the top-level array).
private struct RecordPlace {
    var file: String
    var record: Int
    var prefix: String = ""

    func nested(_ key: String) -> RecordPlace { RecordPlace(file: file, record: record, prefix: prefix + key + ".") }

    func error(_ key: String, _ problem: String) -> InputError {
        InputError(file: file, location: .record(record), field: prefix + key, problem: problem,
                   hint: "records must follow the CIViC API shape (v1 or v2)")
    }

    func requiredInt(_ o: [String: CIViCJSON], _ key: String) throws(InputError) -> Int {
        guard let n = o.int(key) else { throw error(key, "expected a whole-number id") }
        return n
    }
}

/// A JSON value, decoded without assuming a schema (the two API shapes differ).
indirect enum CIViCJSON: Decodable, Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([CIViCJSON]), object([String: CIViCJSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([CIViCJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: CIViCJSON].self)) }
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int(s)
        default: return nil
        }
    }
}

extension Dictionary where Key == String, Value == CIViCJSON {
    /// A non-empty string; numbers are given as their decimal text (CIViC writes some ids either way).
    func string(_ key: String) -> String? {
        switch self[key] {
        case .string(let s)?:
            let t = s.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        case .int(let i)?: return String(i)
        default: return nil
        }
    }
    func int(_ key: String) -> Int? { self[key]?.intValue }
    func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = self[key] { return b }
        return nil
    }
    func object(_ key: String) -> [String: CIViCJSON]? {
        if case .object(let o)? = self[key] { return o }
        return nil
    }
    func array(_ key: String) -> [CIViCJSON] {
        if case .array(let a)? = self[key] { return a }
        return []
    }
}
