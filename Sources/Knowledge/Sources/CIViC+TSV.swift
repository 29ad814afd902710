import Foundation
import HTS

/// CIViC's TSV exports (nightly and monthly), recognised by their header columns.
///
/// Column names follow CIViC's exporters (`app/models/tsv_formatters/*` in griffithlab/civic-v2) and the
/// 2017 export: ClinicalEvidenceSummaries has `evidence_id` + `evidence_level` (2017: `gene`, `variant`,
/// `drugs`, `clinical_significance`, `pubmed_id`; 2018–2022: `citation_id`, `source_type`; 2023+:
/// `molecular_profile`, `therapies`, `significance`); AssertionSummaries has `assertion_id`;
/// VariantSummaries has `variant_id` + `variant` (2024+ adds `feature_name`, `single_variant_molecular_profile_id`);
/// MolecularProfileSummaries has `molecular_profile_id` + `variant_ids`. Columns this importer does not use,
/// and a column name repeated later in the header (the CancerVar copy of the 2017 file repeats `disease` and
/// appends `'Code'`), are listed in the file report, not read.
extension CIViCCollector {
    private enum TSVKind { case evidence, assertion, variant, molecularProfile }

    private static let evidenceColumns: Set<String> = [
        "gene", "entrez_id", "variant", "disease", "doid", "drugs", "therapies", "drug_interaction_type",
        "therapy_interaction_type", "evidence_type", "evidence_direction", "evidence_level", "clinical_significance",
        "significance", "pubmed_id", "citation_id", "source_type", "citation", "nct_ids", "rating", "evidence_status",
        "evidence_id", "variant_id", "gene_id", "molecular_profile", "molecular_profile_id", "variant_origin",
        "chromosome", "start", "stop", "reference_bases", "variant_bases", "representative_transcript",
        "ensembl_version", "reference_build",
    ]
    private static let assertionColumns: Set<String> = [
        "gene", "variant", "variant_id", "gene_id", "molecular_profile", "molecular_profile_id", "disease", "doid",
        "drugs", "therapies", "drug_interaction_type", "therapy_interaction_type", "assertion_type",
        "assertion_direction", "clinical_significance", "significance", "acmg_codes", "amp_category",
        "nccn_guideline", "nccn_guideline_version", "regulatory_approval", "fda_regulatory_approval",
        "fda_companion_test", "assertion_summary", "assertion_id", "evidence_item_ids", "variant_origin", "status",
    ]
    private static let variantColumns: Set<String> = [
        "variant_id", "gene", "feature_name", "feature_id", "entrez_id", "variant", "variant_aliases",
        "single_variant_molecular_profile_id", "hgvs_descriptions", "hgvs_expressions", "allele_registry_id",
        "clinvar_ids", "variant_types", "chromosome", "start", "stop", "reference_bases", "variant_bases",
        "representative_transcript", "ensembl_version", "reference_build",
    ]
    private static let profileColumns: Set<String> = ["molecular_profile_id", "name", "molecular_profile", "variant_ids"]

    mutating func readTSV(path: String, name: String) throws(InputError) {
        let table = try TabularText.read(path: path)
        guard let headerLine = table.lines.first(where: { !$0.text.isEmpty }) else {
            ignore(name, "empty file")
            return
        }
        let header = headerLine.fields.map { String($0).trimmingCharacters(in: .whitespaces) }
        var firstIndex: [String: Int] = [:]
        for (i, column) in header.enumerated() where firstIndex[column] == nil { firstIndex[column] = i }
        let has = { (c: String) in firstIndex[c] != nil }

        let kind: TSVKind, generation: Int, label: String
        if has("evidence_id") && has("evidence_level") {
            kind = .evidence
            if has("molecular_profile_id") { generation = 3; label = "ClinicalEvidenceSummaries TSV (2023+ layout)" }
            else if has("pubmed_id") { generation = 1; label = "ClinicalEvidenceSummaries TSV (2017 layout)" }
            else { generation = 2; label = "ClinicalEvidenceSummaries TSV (2018-2022 layout)" }
        } else if has("assertion_id") {
            kind = .assertion
            generation = has("molecular_profile_id") ? 3 : 2
            label = "AssertionSummaries TSV (\(generation == 3 ? "2023+" : "2018-2022") layout)"
        } else if has("variant_id") && has("variant") && (has("gene") || has("feature_name")) {
            kind = .variant
            generation = (has("feature_name") || has("single_variant_molecular_profile_id")) ? 3 : 2
            label = "VariantSummaries TSV (\(generation == 3 ? "2023+" : "2017-2022") layout)"
        } else if has("molecular_profile_id") && has("variant_ids") {
            kind = .molecularProfile
            generation = 3
            label = "MolecularProfileSummaries TSV"
        } else {
            ignore(name, "header has none of the CIViC export keys (evidence_id, assertion_id, variant_id, molecular_profile_id)",
                   kind: "TSV, not a CIViC export")
            return
        }

        let known: Set<String>
        switch kind {
        case .evidence: known = Self.evidenceColumns
        case .assertion: known = Self.assertionColumns
        case .variant: known = Self.variantColumns
        case .molecularProfile: known = Self.profileColumns
        }
        var ignoredColumns: [String] = []
        for (i, column) in header.enumerated() {
            if firstIndex[column] != i { ignoredColumns.append("\(column) (repeated, column \(i + 1))") }
            else if !known.contains(column) { ignoredColumns.append(column) }
        }

        var counts: [String: Int] = [:]
        let rank = CIViCRank(generation: generation, derived: false)
        let derived = CIViCRank(generation: generation, derived: true)
        for line in table.lines where line.number > headerLine.number && !line.text.isEmpty {
            let row = CIViCRow(table: table, line: line, fields: line.fields, columns: firstIndex, header: header)
            guard row.fields.count == header.count else {
                throw table.error(line: line.number,
                                  problem: "has \(row.fields.count) tab-separated fields; the header has \(header.count)",
                                  hint: "each row of a CIViC export has one field per header column")
            }
            switch kind {
            case .evidence:
                let item = try row.evidence(file: name, generation: generation)
                add(item, rank: rank)
                counts["evidence", default: 0] += 1
                if let variant = try row.variant(file: name, required: false) {
                    add(variant, rank: derived)
                }
            case .assertion:
                add(try row.assertion(file: name), rank: rank)
                counts["assertions", default: 0] += 1
            case .variant:
                if let variant = try row.variant(file: name, required: true) {
                    add(variant, rank: rank)
                    counts["variants", default: 0] += 1
                }
            case .molecularProfile:
                add(try row.molecularProfile(file: name), rank: rank)
                counts["molecularProfiles", default: 0] += 1
            }
        }
        reports.append(CIViCFileReport(name: name, read: true, kind: label, release: Self.release(of: name),
                                       records: counts, ignoredColumns: ignoredColumns, note: nil))
    }
}

/// One data row of a CIViC TSV, with typed accessors that report file, line and column on a bad value.
private struct CIViCRow {
    let table: TabularText
    let line: TabularText.Line
    let fields: [Substring]
    let columns: [String: Int]
    let header: [String]

    /// The first named column present in the header, trimmed; nil when absent or empty.
    func string(_ names: String...) -> String? {
        for name in names {
            guard let i = columns[name], i < fields.count else { continue }
            let v = fields[i].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        return nil
    }

    private func raw(_ names: [String]) -> (index: Int, value: Substring)? {
        for name in names {
            if let i = columns[name], i < fields.count { return (i, fields[i]) }
        }
        return nil
    }

    func int(_ names: String...) throws(InputError) -> Int? {
        guard let (i, value) = raw(names) else { return nil }
        let t = value.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let n = Int(t) else {
            throw table.error(line: line.number, column: i + 1, name: header[i],
                              problem: "expected a whole number; found \(shapeOf(value))")
        }
        return n
    }

    func list(_ names: String...) -> [String] {
        guard let (_, value) = raw(names) else { return [] }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func intList(_ name: String) throws(InputError) -> [Int] {
        guard let (i, value) = raw([name]) else { return [] }
        var out: [Int] = []
        for piece in value.split(separator: ",") {
            let t = piece.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let n = Int(t) else {
                throw table.error(line: line.number, column: i + 1, name: header[i],
                                  problem: "expected comma-separated whole numbers; found \(shapeOf(piece))")
            }
            out.append(n)
        }
        return out
    }

    func bool(_ names: String...) throws(InputError) -> Bool? {
        guard let (i, value) = raw(names) else { return nil }
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return nil
        case "true", "t", "yes", "1": return true
        case "false", "f", "no", "0": return false
        default:
            throw table.error(line: line.number, column: i + 1, name: header[i],
                              problem: "expected true or false; found \(shapeOf(value))")
        }
    }

    func required(_ name: String) throws(InputError) -> String {
        if let v = string(name) { return v }
        let i = columns[name] ?? 0
        throw table.error(line: line.number, column: i + 1, name: name, problem: "is empty; every CIViC row has one")
    }

    func requiredInt(_ name: String) throws(InputError) -> Int {
        if let n = try int(name) { return n }
        let i = columns[name] ?? 0
        throw table.error(line: line.number, column: i + 1, name: name, problem: "is empty; every CIViC row has one")
    }

    func evidence(file: String, generation: Int) throws(InputError) -> CIViCEvidenceItem {
        let id = try requiredInt("evidence_id")
        let levelText = try required("evidence_level")
        guard let level = CIViCEvidenceLevel(rawValue: levelText.uppercased()) else {
            let i = columns["evidence_level"] ?? 0
            throw table.error(line: line.number, column: i + 1, name: "evidence_level",
                              problem: "expected one of A, B, C, D, E; found \(shapeOf(Substring(levelText)))")
        }
        let type = try required("evidence_type")
        var sourceType = CIViCVocabulary.sourceType(string("source_type"))
        let citationID = string("citation_id", "pubmed_id")
        if sourceType == nil, string("pubmed_id") != nil { sourceType = "PubMed" }
        if let rating = try int("rating"), !(1...5).contains(rating) {
            let i = columns["rating"] ?? 0
            throw table.error(line: line.number, column: i + 1, name: "rating",
                              problem: "expected a rating from 1 to 5; found a number outside that range")
        }
        return CIViCEvidenceItem(
            id: id,
            gene: string("gene"), entrezID: try int("entrez_id"), geneID: try int("gene_id"),
            variant: string("variant"), variantID: try int("variant_id"),
            molecularProfile: string("molecular_profile"), molecularProfileID: try int("molecular_profile_id"),
            disease: string("disease"), doid: CIViCVocabulary.doid(string("doid")),
            therapies: list("therapies", "drugs"),
            therapyInteraction: CIViCVocabulary.interaction(string("therapy_interaction_type", "drug_interaction_type")),
            level: level,
            type: CIViCVocabulary.evidenceType(type) ?? type,
            direction: CIViCVocabulary.direction(string("evidence_direction")),
            significance: CIViCVocabulary.significance(string("significance", "clinical_significance")),
            rating: try int("rating"),
            citation: string("citation"), citationID: citationID, sourceType: sourceType,
            nctIDs: list("nct_ids"),
            status: CIViCVocabulary.status(string("evidence_status")),
            variantOrigin: CIViCVocabulary.origin(string("variant_origin")),
            file: file)
    }

    func assertion(file: String) throws(InputError) -> CIViCAssertion {
        let id = try requiredInt("assertion_id")
        let amp = CIViCVocabulary.ampCategory(string("amp_category"))
        return CIViCAssertion(
            id: id,
            gene: string("gene"), geneID: try int("gene_id"),
            variant: string("variant"), variantID: try int("variant_id"),
            molecularProfile: string("molecular_profile"), molecularProfileID: try int("molecular_profile_id"),
            disease: string("disease"), doid: CIViCVocabulary.doid(string("doid")),
            therapies: list("therapies", "drugs"),
            therapyInteraction: CIViCVocabulary.interaction(string("therapy_interaction_type", "drug_interaction_type")),
            type: CIViCVocabulary.evidenceType(string("assertion_type")),
            direction: CIViCVocabulary.direction(string("assertion_direction")),
            significance: CIViCVocabulary.significance(string("significance", "clinical_significance")),
            ampCategory: amp?.category, ampTier: amp?.tier, ampLevel: amp?.level,
            acmgCodes: list("acmg_codes"),
            nccnGuideline: string("nccn_guideline"), nccnGuidelineVersion: string("nccn_guideline_version"),
            fdaRegulatoryApproval: try bool("regulatory_approval", "fda_regulatory_approval"),
            fdaCompanionTest: try bool("fda_companion_test"),
            evidenceIDs: try intList("evidence_item_ids"),
            status: CIViCVocabulary.status(string("status")),
            variantOrigin: CIViCVocabulary.origin(string("variant_origin")),
            summary: string("assertion_summary"),
            file: file)
    }

    /// The variant a row describes. In an evidence export, rows without a `variant_id` describe none.
    func variant(file: String, required isRequired: Bool) throws(InputError) -> CIViCVariant? {
        guard let id = try int("variant_id") else {
            if isRequired { _ = try requiredInt("variant_id") }
            return nil
        }
        guard let name = string("variant") else { return nil }
        var coordinates: CIViCCoordinates?
        if let chromosome = string("chromosome") {
            coordinates = CIViCCoordinates(
                chromosome: chromosome, start: try int("start"), stop: try int("stop"),
                referenceBases: string("reference_bases"), variantBases: string("variant_bases"),
                build: string("reference_build"), representativeTranscript: string("representative_transcript"),
                ensemblVersion: try int("ensembl_version"))
        }
        return CIViCVariant(
            id: id, gene: string("gene", "feature_name"), entrezID: try int("entrez_id"),
            geneID: try int("gene_id", "feature_id"), name: name,
            molecularProfileID: try int("single_variant_molecular_profile_id"),
            aliases: list("variant_aliases"), hgvs: list("hgvs_descriptions", "hgvs_expressions"),
            alleleRegistryID: string("allele_registry_id"), clinvarIDs: list("clinvar_ids"),
            variantTypes: list("variant_types"), coordinates: coordinates, file: file)
    }

    func molecularProfile(file: String) throws(InputError) -> CIViCMolecularProfile {
        let id = try requiredInt("molecular_profile_id")
        return CIViCMolecularProfile(id: id, name: string("name", "molecular_profile"),
                                     variantIDs: try intList("variant_ids"), file: file)
    }
}
