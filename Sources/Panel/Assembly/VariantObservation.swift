/// What the report needs from one annotated, normalized (biallelic) record: the site, the sample's VAF and
/// depth, the knowledge-base facts and the documented `CSL_*` INFO fields (contract: docs/cli.md).
///
/// Plain values, so the assembler is a pure function over them and testable without htslib.
public struct VariantObservation: Sendable, Equatable {
    /// `somatic` or `germline`.
    public var origin: String
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    /// `PASS`, or the failed filters joined by `;` (`.` when unfiltered).
    public var filter: String
    public var vaf: Double?
    public var depth: Int?
    public var clinvar: ClinVarFacts?
    public var population: PopulationFrequency?
    /// The record's `CSL_*` INFO values by key, raw (as written in the VCF).
    public var info: [String: String]
    /// The consequence stage's report transcript (MANE Select > canonical > longest CDS), when it ran here.
    public var chosenTranscript: String?

    public init(origin: String, chrom: String, pos: Int, ref: String, alt: String, filter: String, vaf: Double? = nil,
                depth: Int? = nil, clinvar: ClinVarFacts? = nil, population: PopulationFrequency? = nil, info: [String: String] = [:]) {
        self.origin = origin; self.chrom = chrom; self.pos = pos; self.ref = ref; self.alt = alt; self.filter = filter
        self.vaf = vaf; self.depth = depth; self.clinvar = clinvar; self.population = population; self.info = info
    }
}

/// The documented INFO keys the report reads.
public enum ReportInfoFields {
    public static let consequence = "CSL_CSQ"
    public static let germline = ["CSL_ACMG", "CSL_ACMG_CRITERIA", "CSL_ACMG_POINTS", "CSL_ACMG_RULE", "CSL_ACMG_EVIDENCE"]
    public static let somatic = ["CSL_AMP_TIER", "CSL_ONCOGENICITY", "CSL_ONCOGENICITY_POINTS", "CSL_JP_LEVEL", "CSL_SOMATIC_EVIDENCE"]
    public static var all: [String] { [consequence] + germline + somatic }
}
