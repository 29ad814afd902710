import Foundation

/// Single-residue cancer hotspots (Chang et al. 2016 Nat Biotechnol; Chang et al. 2018 Cancer Discov;
/// cancerhotspots.org), read from the `*_multi_type_residue.txt` tables of cBioPortal/cancerhotspots.
///
/// Only single-residue amino-acid rows are kept (`Residue` such as `V600`, no `Indel_Size`): in-frame indel
/// hotspots span ranges and splice hotspots (`X126`) name no amino acid, and OS3/OM3/OP3 count amino-acid
/// changes at a residue.
public struct CancerHotspots: Sendable, Codable, Equatable {
    public struct Residue: Sendable, Codable, Equatable {
        public var gene: String
        /// E.g. `V600`.
        public var residue: String
        public var position: Int
        /// Samples with a mutation at the residue (`Tumor_Count`).
        public var samples: Int
        /// Samples per alternative amino acid (one-letter, `*` for stop).
        public var changes: [String: Int]
    }

    /// Table name, e.g. `v2_multi_type_residue`.
    public var release: String
    private var residues: [String: Residue]

    public init(release: String, residues: [Residue]) {
        self.release = release
        var byKey: [String: Residue] = [:]
        for r in residues { byKey["\(r.gene):\(r.position)"] = r }
        self.residues = byKey
    }

    public var count: Int { residues.count }

    /// Every residue, by gene then position.
    public var allResidues: [Residue] {
        residues.values.sorted { ($0.gene, $0.position) < ($1.gene, $1.position) }
    }

    /// The hotspot at a gene's residue, if any.
    public func residue(gene: String, position: Int) -> Residue? { residues["\(gene):\(position)"] }

    /// The SOP lookup for a missense change (`alt` one-letter amino acid).
    public func lookup(gene: String, position: Int, alt: String) -> OncogenicityInput.Hotspot {
        guard let r = residue(gene: gene, position: position) else { return .notHotspot(source: "cancerhotspots \(release)") }
        return .hotspot(residue: "\(gene) \(r.residue)", residueSamples: r.samples, changeSamples: r.changes[alt] ?? 0,
                        source: "cancerhotspots \(release)")
    }
}

extension CancerHotspots {
    /// Parses a `*_multi_type_residue.txt` table (tab-separated with a header row).
    public init(tsv text: String, release: String) throws(SomaticInputError) {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let headerLine = lines.first else {
            throw SomaticInputError(source: release, line: nil, field: nil, problem: "the hotspot table is empty")
        }
        let header = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func column(_ n: String) throws(SomaticInputError) -> Int {
            guard let i = header.firstIndex(of: n) else {
                throw SomaticInputError(source: release, line: 1, field: n,
                                        problem: "missing column (expected a cancerhotspots *_multi_type_residue.txt table)")
            }
            return i
        }
        let gene = try column("Hugo_Symbol"), residue = try column("Residue"), position = try column("Amino_Acid_Position")
        let variants = try column("Variant_Amino_Acid"), tumors = try column("Tumor_Count")
        let indel = header.firstIndex(of: "Indel_Size")
        var out: [Residue] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func cell(_ c: Int) -> String { c < cells.count ? cells[c] : "" }
            if let indel, !cell(indel).isEmpty { continue }
            guard let pos = Int(cell(position)) else { continue }   // ranges: in-frame indel hotspots
            if cell(residue).hasPrefix("X") { continue }              // splice-site hotspots (`X126`, counts `sp:75`)
            guard let samples = Int(cell(tumors)) else {
                throw SomaticInputError(source: release, line: i + 1, field: "Tumor_Count", problem: "expected a whole number")
            }
            var changes: [String: Int] = [:]
            for part in cell(variants).split(separator: "|") {
                let kv = part.split(separator: ":")
                guard kv.count == 2, let n = Int(kv[1]) else {
                    throw SomaticInputError(source: release, line: i + 1, field: "Variant_Amino_Acid",
                                            problem: "expected AA:count entries separated by |")
                }
                changes[String(kv[0]), default: 0] += n
            }
            out.append(Residue(gene: cell(gene), residue: cell(residue), position: pos, samples: samples, changes: changes))
        }
        self.init(release: release, residues: out)
    }

    /// Loads a hotspot table; the release is the file name without its extension.
    public static func load(path: String) throws(SomaticInputError) -> CancerHotspots {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SomaticInputError(source: path, line: nil, field: nil, problem: "cannot be read as UTF-8 text")
        }
        do {
            return try CancerHotspots(tsv: text, release: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        } catch {
            var e = error
            e.source = path
            throw e
        }
    }
}
