import Foundation
import HTS

/// How much a record is trusted when the same CIViC id arrives from several files.
///
/// The generation of the layout counts first (3: API v2 JSON, 2023+ TSV; 2: API v1 JSON, 2018–2022 TSV;
/// 1: 2017 TSV); within a generation, a record that is a file's own subject beats one derived from another
/// kind of record (a variant rebuilt from an evidence-TSV row, an evidence item embedded in a v1 variant).
struct CIViCRank: Comparable, Sendable {
    var generation: Int
    var derived: Bool

    static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.generation != rhs.generation { return lhs.generation < rhs.generation }
        return lhs.derived && !rhs.derived
    }
}

/// Gathers records file by file, keeps one per id, then fills in names across records.
struct CIViCCollector {
    var reports: [CIViCFileReport] = []
    private var evidence: [Int: (rank: CIViCRank, value: CIViCEvidenceItem)] = [:]
    private var assertions: [Int: (rank: CIViCRank, value: CIViCAssertion)] = [:]
    private var variants: [Int: (rank: CIViCRank, value: CIViCVariant)] = [:]
    private var profiles: [Int: (rank: CIViCRank, value: CIViCMolecularProfile)] = [:]
    private var genes: [Int: (rank: CIViCRank, value: CIViCGene)] = [:]
    private var superseded = 0

    /// Reads one file if it is a CIViC TSV or JSON file; records why not otherwise.
    mutating func consider(path: String, name: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if name.hasPrefix(".") {
            ignore(name, "hidden file")
            return
        }
        if isDirectory.boolValue {
            ignore(name, "a folder (subfolders are not searched)")
            return
        }
        let lower = name.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
            try readTSV(path: path, name: name)
        } else if lower.hasSuffix(".json") {
            try readJSON(path: path, name: name)
        } else {
            ignore(name, "not a .tsv or .json file")
        }
    }

    mutating func ignore(_ name: String, _ reason: String, kind: String = "not CIViC", columns: [String] = []) {
        reports.append(CIViCFileReport(name: name, read: false, kind: kind, release: Self.release(of: name),
                                       records: [:], ignoredColumns: columns, note: reason))
    }

    /// `01-Apr-2024-ClinicalEvidenceSummaries.tsv` → `01-Apr-2024`; `nightly-…` → `nightly`.
    static func release(of name: String) -> String? {
        if name.lowercased().hasPrefix("nightly-") { return "nightly" }
        let parts = name.split(separator: "-", maxSplits: 3)
        guard parts.count == 4, parts[0].count == 2, parts[0].allSatisfy(\.isNumber),
              parts[1].count == 3, parts[1].allSatisfy(\.isLetter),
              parts[2].count == 4, parts[2].allSatisfy(\.isNumber) else { return nil }
        return "\(parts[0])-\(parts[1])-\(parts[2])"
    }

    // MARK: adding records

    private static func keep<T>(_ value: T, id: Int, rank: CIViCRank,
                                in table: inout [Int: (rank: CIViCRank, value: T)], superseded: inout Int) {
        if let existing = table[id] {
            if !existing.rank.derived && !rank.derived { superseded += 1 }
            if rank > existing.rank { table[id] = (rank, value) }
        } else {
            table[id] = (rank, value)
        }
    }

    mutating func add(_ item: CIViCEvidenceItem, rank: CIViCRank) {
        Self.keep(item, id: item.id, rank: rank, in: &evidence, superseded: &superseded)
    }
    mutating func add(_ item: CIViCAssertion, rank: CIViCRank) {
        Self.keep(item, id: item.id, rank: rank, in: &assertions, superseded: &superseded)
    }
    mutating func add(_ item: CIViCVariant, rank: CIViCRank) {
        Self.keep(item, id: item.id, rank: rank, in: &variants, superseded: &superseded)
    }
    mutating func add(_ item: CIViCMolecularProfile, rank: CIViCRank) {
        Self.keep(item, id: item.id, rank: rank, in: &profiles, superseded: &superseded)
    }
    mutating func add(_ item: CIViCGene, rank: CIViCRank) {
        Self.keep(item, id: item.id, rank: rank, in: &genes, superseded: &superseded)
    }

    // MARK: finishing

    func finish() -> CIViCKnowledge {
        let genesByID = genes.mapValues(\.value)
        let profilesByID = profiles.mapValues(\.value)
        var variantsByID = variants.mapValues(\.value)
        for (id, v) in variantsByID where v.gene == nil {
            if let gid = v.geneID, let g = genesByID[gid] {
                variantsByID[id]?.gene = g.name
                if v.entrezID == nil { variantsByID[id]?.entrezID = g.entrezID }
            }
        }
        var singleVariantProfiles: [Int: Int] = [:]
        for v in variantsByID.values { if let mp = v.molecularProfileID { singleVariantProfiles[mp] = v.id } }

        func resolve(gene: inout String?, geneID: inout Int?, variant: inout String?, variantID: inout Int?,
                     profile: inout String?, profileID: Int?) {
            if let mpID = profileID {
                if profile == nil { profile = profilesByID[mpID]?.name }
                if variantID == nil {
                    if let ids = profilesByID[mpID]?.variantIDs, ids.count == 1 { variantID = ids[0] }
                    else if let v = singleVariantProfiles[mpID] { variantID = v }
                }
            }
            if let vid = variantID, let v = variantsByID[vid] {
                if variant == nil { variant = v.name }
                if gene == nil { gene = v.gene }
                if geneID == nil { geneID = v.geneID }
            }
            if gene == nil, let gid = geneID { gene = genesByID[gid]?.name }
        }

        var evidenceOut: [CIViCEvidenceItem] = []
        for (_, entry) in evidence {
            var e = entry.value
            resolve(gene: &e.gene, geneID: &e.geneID, variant: &e.variant, variantID: &e.variantID,
                    profile: &e.molecularProfile, profileID: e.molecularProfileID)
            if e.entrezID == nil, let vid = e.variantID { e.entrezID = variantsByID[vid]?.entrezID }
            evidenceOut.append(e)
        }
        var assertionsOut: [CIViCAssertion] = []
        for (_, entry) in assertions {
            var a = entry.value
            resolve(gene: &a.gene, geneID: &a.geneID, variant: &a.variant, variantID: &a.variantID,
                    profile: &a.molecularProfile, profileID: a.molecularProfileID)
            assertionsOut.append(a)
        }
        return CIViCKnowledge(
            evidence: evidenceOut.sorted { $0.id < $1.id },
            assertions: assertionsOut.sorted { $0.id < $1.id },
            variants: variantsByID.values.sorted { $0.id < $1.id },
            molecularProfiles: profilesByID.values.sorted { $0.id < $1.id },
            genes: genesByID.values.sorted { $0.id < $1.id },
            files: reports.sorted { $0.name < $1.name },
            supersededRecords: superseded)
    }
}
