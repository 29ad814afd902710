/// A residue recurrently mutated in tumours (cancerhotspots.org, Chang et al. 2016 Nat Biotechnol 34:155 and
/// 2018 Cancer Discov 8:174) — one row of the residue table.
public struct MutationalHotspot: Sendable, Hashable, Codable {
    public var gene: String
    public var position: Int
    public var ref: String
    /// Tumour samples with a change at the residue.
    public var samples: Int
    /// Samples per alternate residue.
    public var variantCounts: [String: Int]
    /// Which table the row comes from (e.g. `cancerhotspots v3`).
    public var source: String

    public init(gene: String, position: Int, ref: String, samples: Int, variantCounts: [String: Int] = [:], source: String) {
        self.gene = gene
        self.position = position
        self.ref = ref
        self.samples = samples
        self.variantCounts = variantCounts
        self.source = source
    }
}

/// A critical, well-established functional domain without benign variation, as a VCEP defines it (e.g. TP53
/// DNA-binding residues); configuration, with its citation.
public struct FunctionalDomain: Sendable, Hashable, Codable {
    public var gene: String
    /// 1-based residues, inclusive.
    public var start: Int
    public var end: Int
    public var name: String
    public var citation: String
    /// Strength when it fires (a VCEP may set PM1_Supporting or PM1_Strong).
    public var strength: Strength

    public init(gene: String, start: Int, end: Int, name: String, citation: String, strength: Strength = .moderate) {
        self.gene = gene
        self.start = start
        self.end = end
        self.name = name
        self.citation = citation
        self.strength = strength
    }
}

/// PM1: located in a mutational hot spot and/or critical, well-established functional domain without benign
/// variation (Richards et al. 2015, Table 3). Missense changes only (in-frame indels are PM4's).
///
/// Hotspot: the residue is a cancerhotspots.org hotspot with at least `minimumSamples` tumours — a somatic
/// recurrence table used as a germline hotspot source, which is only meaningful for genes whose germline
/// disease mechanism matches (cancer-predisposition genes); the evidence text names the table. Domain: the
/// residue lies in a configured `FunctionalDomain` of the gene. Not evaluated when neither table has the gene.
public enum PM1Rule {
    public static let citation = "Richards et al. 2015, Genet Med 17:405, Table 3 (PM1)"

    public static func evaluate(_ change: ProteinChange?, hotspots: [MutationalHotspot], domains: [FunctionalDomain],
                                minimumSamples: Int = 10) -> CriterionResult {
        func result(_ status: CriterionStatus, _ fact: String, _ strength: Strength = .moderate, _ source: String = citation) -> CriterionResult {
            CriterionResult(criterion: .PM1, status: status, strength: strength, fact: fact, source: source)
        }
        guard let change else { return result(.notEvaluated(reason: "no protein change on a report transcript"), "no coding consequence") }
        guard change.kind == .missense else { return result(.notMet, "\(change.kind.rawValue) change: PM1 is applied to missense changes") }
        if let d = domains.first(where: { $0.gene == change.gene && $0.start <= change.position && change.position <= $0.end }) {
            return result(.met, "residue \(change.position) in \(d.name) (\(d.start)–\(d.end))", d.strength, "\(citation); \(d.citation)")
        }
        if let h = hotspots.first(where: { $0.gene == change.gene && $0.position == change.position && $0.ref == change.ref }), h.samples >= minimumSamples {
            let same = h.variantCounts[change.alt].map { ", \($0) with \(change.ref)\(change.position)\(change.alt)" } ?? ""
            return result(.met, "hotspot \(h.ref)\(h.position) in \(h.source): \(h.samples) tumours\(same)", .moderate, "\(citation); \(h.source)")
        }
        let geneKnown = domains.contains { $0.gene == change.gene } || hotspots.contains { $0.gene == change.gene }
        guard geneKnown else {
            return result(.notEvaluated(reason: "no hotspot or domain table covers the gene"), "gene not in the PM1 tables")
        }
        return result(.notMet, "residue \(change.ref)\(change.position) is neither a hotspot (≥ \(minimumSamples) tumours) nor in a configured domain")
    }
}
