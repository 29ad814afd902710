import Foundation
import HTS
import Variants

/// The institution's own prior panel classifications (`--curations F`).
///
/// A tab-separated file with a header row: `chrom pos ref alt gene hgvs class criteria date curator note`
/// (VCF-style allele; `build` may be a column, or a `#build=GRCh38` comment line before the header).
/// The format is documented in `docs/knowledge-base.md` (section "Curations (--curations)").
/// Alleles stay as written: the KB builder normalizes them with the same code as `consilium norm`.
public struct Curations: Codable, Sendable, Equatable {
    /// The genome build every allele of the file is on.
    public var build: GenomeBuild
    /// The curations in file order (a variant may have several, e.g. a reclassification).
    public var entries: [Curation]
    /// The file name (no folder).
    public var file: String

    public init(build: GenomeBuild, entries: [Curation], file: String) {
        self.build = build
        self.entries = entries
        self.file = file
    }

    /// Entries stored (for the manifest's record count).
    public var recordCount: Int { entries.count }

    /// All curations of an allele as written in the file, oldest first.
    public func curations(chrom: String, pos: Int, ref: String, alt: String) -> [Curation] {
        entries.filter { $0.chrom == chrom && $0.pos == pos && $0.ref == ref && $0.alt == alt }
            .sorted { ($0.date, $0.line) < ($1.date, $1.line) }
    }

    /// Stable bytes for the KB bundle: sorted keys, entries in file order.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One prior classification of one allele.
public struct Curation: Codable, Sendable, Equatable {
    public var chrom: String
    /// 1-based VCF position.
    public var pos: Int
    public var ref: String
    public var alt: String
    public var gene: String
    /// HGVS as the curators wrote it, e.g. `NM_007294.4:c.188T>A`.
    public var hgvs: String?
    public var classification: ACMGClass
    /// The ACMG/AMP criteria the panel applied, with their applied strengths.
    public var criteria: [AppliedCriterion]
    /// ISO 8601 calendar date of the classification (`YYYY-MM-DD`).
    public var date: String
    /// A role or a pseudonymous curator id (never a patient identifier).
    public var curator: String
    public var note: String?
    /// Criteria the curator rejects (optional `not_met` column), e.g. an automatically computed `PM2` the panel
    /// does not accept; nil in files without the column and in knowledge bases built before it existed.
    public var notMet: [AppliedCriterion]? = nil
    /// Somatic oncogenicity codes the curator applies (optional `oncogenicity` column; ClinGen/CGC/VICC, Horak et
    /// al. 2022 Table 2 labels, so OM3 is the low-count hotspot and OM4 the other missense at the residue), e.g.
    /// `OS2` for well-established functional studies; nil in files without the column.
    public var oncogenicity: [String]? = nil
    /// Oncogenicity codes the curator rejects (optional `oncogenicity_not_met` column).
    public var oncogenicityNotMet: [String]? = nil
    /// The line of the file the entry was read from.
    public var line: Int

    /// The codes the `oncogenicity` columns accept (Horak et al. 2022, Genet Med 24:986, Table 2).
    public static let oncogenicityCodes = ["OVS1", "OS1", "OS2", "OS3", "OM1", "OM2", "OM3", "OM4", "OP1", "OP2", "OP3", "OP4",
                                           "SBVS1", "SBS1", "SBS2", "SBP1", "SBP2"]

    /// The allele as VCF-style (chrom, pos, ref, alt) strings.
    public var vcfAllele: (chrom: String, pos: String, ref: String, alt: String) { (chrom, String(pos), ref, alt) }
}

/// The five-tier ACMG/AMP classes.
public enum ACMGClass: String, Codable, Sendable, CaseIterable {
    case pathogenic = "P", likelyPathogenic = "LP", uncertainSignificance = "VUS", likelyBenign = "LB", benign = "B"

    /// The full name, as ACMG/AMP 2015 writes it.
    public var name: String {
        switch self {
        case .pathogenic: "Pathogenic"
        case .likelyPathogenic: "Likely pathogenic"
        case .uncertainSignificance: "Uncertain significance"
        case .likelyBenign: "Likely benign"
        case .benign: "Benign"
        }
    }

    /// Parses `P`, `Pathogenic`, `likely_pathogenic`, `VUS`, `Uncertain significance`, `Variant of uncertain
    /// significance`, `LB`, `Benign` … (case, spaces, `_` and `-` do not matter).
    public init?(text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        switch key {
        case "p", "pathogenic": self = .pathogenic
        case "lp", "likelypathogenic": self = .likelyPathogenic
        case "vus", "us", "uncertainsignificance", "variantofuncertainsignificance", "uncertain": self = .uncertainSignificance
        case "lb", "likelybenign": self = .likelyBenign
        case "b", "benign": self = .benign
        default: return nil
        }
    }
}

/// An ACMG/AMP criterion as applied: its code and, when it differs from the code's default, its strength.
public struct AppliedCriterion: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Strength: String, Codable, Sendable, CaseIterable {
        case supporting = "Supporting", moderate = "Moderate", strong = "Strong"
        case veryStrong = "Very Strong", standAlone = "Stand Alone"
    }

    /// The 28 codes of Richards 2015 (PP5 and BP6 are retired by ClinGen SVI but still appear in old curations).
    public static let codes: [String] = [
        "PVS1", "PS1", "PS2", "PS3", "PS4", "PM1", "PM2", "PM3", "PM4", "PM5", "PM6",
        "PP1", "PP2", "PP3", "PP4", "PP5", "BA1", "BS1", "BS2", "BS3", "BS4",
        "BP1", "BP2", "BP3", "BP4", "BP5", "BP6", "BP7",
    ]

    /// E.g. `PM2`.
    public var code: String
    /// Nil when written without a suffix: the code's default strength.
    public var strength: Strength?

    /// ClinGen spelling: `PVS1`, `PM2_Supporting`, `PS3_Very Strong`.
    public var description: String { strength.map { "\(code)_\($0.rawValue)" } ?? code }

    /// Parses `PM2`, `PM2_Supporting`, `PS3_VeryStrong`, `PS3_Very Strong`, `PS3_Very_Strong`, `BA1_Stand Alone`
    /// (codes upper-cased; the strength suffix is matched on its letters only).
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "_", maxSplits: 1)
        guard let first = parts.first else { return nil }
        let code = first.uppercased()
        guard Self.codes.contains(code) else { return nil }
        self.code = code
        if parts.count == 2 {
            let key = parts[1].lowercased().filter(\.isLetter)
            guard let s = Strength.allCases.first(where: { $0.rawValue.lowercased().filter(\.isLetter) == key }) else { return nil }
            // Stand-alone is BA1's own strength and nothing else's.
            if s == .standAlone && code != "BA1" { return nil }
            strength = s
        } else {
            strength = nil
        }
    }
}
