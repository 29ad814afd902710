import Foundation
import HTS

/// Per-gene facts and classification parameters (`--genes F`), one row per gene.
///
/// The format is a tab-separated table with a header row; `#` lines are comments. Every column but `symbol`
/// is optional, and an empty cell means "not known here: use the classification profile's default".
/// The columns are documented in `docs/knowledge-base.md` (section "Gene table (--genes)");
/// `scripts/make-gene-table` builds one from the ACMG SF lists and the ClinGen dosage export.
public struct GeneTable: Codable, Sendable, Equatable {
    /// The genes, sorted by symbol (unique).
    public var genes: [GeneRecord]
    /// The file name the table was read from (no folder).
    public var file: String

    public init(genes: [GeneRecord], file: String) {
        self.genes = genes.sorted { $0.symbol < $1.symbol }
        self.file = file
    }

    /// Rows stored (for the manifest's record count).
    public var recordCount: Int { genes.count }

    /// The row for an HGNC symbol (exact, case-sensitive as HGNC writes it).
    public func gene(_ symbol: String) -> GeneRecord? {
        var low = 0, high = genes.count
        while low < high {
            let mid = (low + high) / 2
            if genes[mid].symbol < symbol { low = mid + 1 } else { high = mid }
        }
        return low < genes.count && genes[low].symbol == symbol ? genes[low] : nil
    }

    /// Symbols of the genes on ACMG SF list `version` (e.g. `3.3`).
    public func acmgSecondaryFindings(version: String) -> [String] {
        genes.filter { $0.acmgSF.contains(version) }.map(\.symbol)
    }

    /// Stable bytes for the KB bundle: sorted keys, genes in symbol order.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One gene's row. Optional fields are nil when the cell was empty (profile default applies).
public struct GeneRecord: Codable, Sendable, Equatable {
    /// HGNC symbol, e.g. `BRCA1`.
    public var symbol: String
    /// `HGNC:1100`.
    public var hgncID: String?
    /// NCBI (Entrez) gene id.
    public var ncbiGeneID: Int?
    /// ACMG secondary-findings list versions the gene is on, e.g. `["3.1", "3.2", "3.3"]`.
    public var acmgSF: [String]
    /// The ACMG SF version that first listed the gene (`1.0`, `2.0`, `3.0` …).
    public var acmgSFAdded: String?
    /// Modes of inheritance: `AD`, `AR`, `XL`, `XLD`, `XLR`, `MT`, `SD` (several when the gene has several diseases).
    public var inheritance: [String]
    /// ClinGen haploinsufficiency score: 0, 1, 2, 3, 30 (autosomal recessive), 40 (dosage sensitivity unlikely).
    public var clingenHaploinsufficiency: Int?
    /// Loss of function is an established disease mechanism (the PVS1 precondition).
    public var lofMechanism: Bool?
    /// BA1 allele-frequency threshold.
    public var ba1: FrequencyThreshold?
    /// BS1 allele-frequency threshold (takes precedence over one computed from the Whiffin inputs).
    public var bs1: FrequencyThreshold?
    /// PM2 threshold: the highest frequency at which PM2 may still apply; `0` means "absent from controls".
    public var pm2: FrequencyThreshold?
    /// Disease prevalence (Whiffin 2017 input), as a fraction.
    public var prevalence: Double?
    /// Maximum allelic contribution: the largest share of cases due to one variant (Whiffin 2017).
    public var allelicContribution: Double?
    /// Maximum genetic contribution: the largest share of cases due to this gene (Whiffin 2017).
    public var geneticContribution: Double?
    /// Penetrance (Whiffin 2017).
    public var penetrance: Double?
    /// Whether PP2 (missense in a gene with few benign missense) may apply.
    public var pp2: Bool?
    /// Whether BP1 (missense in a gene where truncation is the mechanism) may apply.
    public var bp1: Bool?
    /// Missense-constrained gene (e.g. gnomAD missense Z above the profile's cut-off).
    public var missenseConstrained: Bool?
    /// ClinGen CSpec (VCEP specification) id the thresholds come from, e.g. `GN092`.
    public var vcepSpec: String?
    /// Where the row's values come from (free text).
    public var source: String?
    /// The line of the file the row was read from.
    public var line: Int

    /// The maximum credible population allele frequency (Whiffin 2017) from this row's inputs, when all
    /// four are given and inheritance is one of AD or AR.
    ///
    /// AD: prevalence / 2 × allelic × genetic / penetrance; AR: √prevalence × allelic × √genetic / √penetrance
    /// (as in `classification-rules.md` a.4). Returns nil for other or mixed inheritance: the profile decides.
    public var maximumCredibleAlleleFrequency: Double? {
        guard let prevalence, let allelicContribution, let geneticContribution, let penetrance, penetrance > 0 else { return nil }
        switch Set(inheritance) {
        case ["AD"]: return prevalence / 2 * allelicContribution * geneticContribution / penetrance
        case ["AR"]: return prevalence.squareRoot() * allelicContribution * geneticContribution.squareRoot() / penetrance.squareRoot()
        default: return nil
        }
    }
}

/// An allele-frequency threshold with, optionally, how to compare (`>0.001`, `>=0.001`, `<=0.00003`).
public struct FrequencyThreshold: Codable, Sendable, Equatable {
    public enum Comparison: String, Codable, Sendable {
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }
    public var value: Double
    /// Nil when the cell held a bare number: the profile's usual comparison applies.
    public var comparison: Comparison?
    /// The cell as written (canonical ASCII operators), kept so reports show what the table says.
    public var text: String

    /// Whether `frequency` passes the threshold, comparing with `comparison` or else with `fallback`.
    public func isMet(by frequency: Double, fallback: Comparison) -> Bool {
        switch comparison ?? fallback {
        case .greater: return frequency > value
        case .greaterOrEqual: return frequency >= value
        case .less: return frequency < value
        case .lessOrEqual: return frequency <= value
        }
    }
}
