import Foundation
import HTS
import Testing
import TestSupport
@testable import Annotation
@testable import Classification
import Consequence

/// PVS1 from real consequences against ClinGen expert panels: every eRepo dev-set row (TP53, PALB2, BRCA1) whose
/// GRCh38 HGVS lies in the shared regions, run through the predictor on the MANE Select transcript, with the
/// gene's LoF mechanism read from the ClinGen dosage table (haploinsufficiency score 3), and nothing else known.
@Suite struct SequenceFactsERepoTests {
    struct Region {
        let accession: String
        let contig: String
        let gff: String
        let fasta: String
    }

    static let regions = [
        "TP53": Region(accession: "NC_000017.11", contig: "chr17",
                       gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3",
                       fasta: "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"),
        "BRCA1": Region(accession: "NC_000017.11", contig: "chr17",
                        gff: "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3",
                        fasta: "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"),
        "PALB2": Region(accession: "NC_000016.10", contig: "chr16",
                        gff: "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3",
                        fasta: "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz"),
    ]

    /// `g.123C>A`, `g.123del`, `g.123_126del` (the forms the rows use); nil for anything else.
    static func allele(_ g: Substring) -> VariantAllele? {
        let body = g.dropFirst(2)
        if body.hasSuffix("del") {
            let span = body.dropLast(3).split(separator: "_").compactMap { Int($0) }
            guard let a = span.first, let b = span.last, b >= a else { return nil }
            return VariantAllele(start: a, refLength: b - a + 1, alt: [])
        }
        guard let gt = body.firstIndex(of: ">"), let pos = Int(body[..<body.index(before: gt)]) else { return nil }
        return VariantAllele(start: pos, refLength: 1, alt: Array(body[body.index(after: gt)...].utf8))
    }

    /// The panel's PVS1: `PVS1_Strong` etc. when met, "not met" when listed as not met, "not assessed" otherwise.
    static func panelPVS1(met: String, notMet: String) -> String {
        for code in met.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where code.hasPrefix("PVS1") {
            return code == "PVS1" ? "PVS1" : code.replacingOccurrences(of: " ", with: "")
        }
        return notMet.contains("PVS1") ? "not met" : "not assessed"
    }

    static func ours(_ r: CriterionResult) -> String {
        switch r.status {
        case .met: return r.strength == .veryStrong ? "PVS1" : "PVS1_\(r.strength.label.replacingOccurrences(of: " ", with: ""))"
        case .notMet: return "not met"
        case .notEvaluated: return "not evaluated"
        }
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func pvs1AgainstThePanels() throws {
        guard try SharedData.require() else { return }
        // LoF mechanism: ClinGen haploinsufficiency score 3 (the dosage table's fifth column).
        var hi: [String: String] = [:]
        for line in try String(contentsOfFile: SharedData.path("tables/clingen-dosage/ClinGen_gene_curation_list_GRCh38.tsv"),
                               encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count > 4 { hi[String(f[0])] = String(f[4]) }
        }
        let mane = SequenceContext.transcriptKeys(try SequenceCriteriaAdapter.maneSelect(summary: SharedData.path("tables/mane/MANE.GRCh38.v1.4.summary.txt")))

        var setups: [String: (GeneModel, ConsequencePredictor)] = [:]
        for (gene, r) in Self.regions {
            let model = try GeneModelReader.read(path: SharedData.path(r.gff))
            let reference = try FastaReference(path: SharedData.path(r.fasta))
            setups[gene] = (model, ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model)))
        }

        var pairs: [String: Int] = [:]  // "panel -> ours"
        var rows = 0
        let text = try String(contentsOfFile: SharedData.path("classification/clingen_erepo_dev.tsv"), encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 18, f[17] == "False", let region = Self.regions[f[4]], let (model, predictor) = setups[f[4]]
            else { continue }
            guard let g = f[3].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { $0.hasPrefix(region.accession + ":g.") }),
                  let allele = Self.allele(g.dropFirst(region.accession.count + 1)[...]) else { continue }
            let handle = try #require(model.contigHandle(region.contig))
            let effects = predictor.effects(contig: handle, allele: allele)
            let e = try #require(effects.first { mane.contains(model.transcripts[$0.transcript].id)
                || model.transcripts[$0.transcript].isMANESelect }, "\(f[0]) on a MANE Select transcript")
            let context = SequenceContext(lofMechanism: hi[f[4]] == "3", relevantTranscripts: mane)
            let facts = SequenceFacts(effect: e, allele: allele, predictor: predictor, context: context, scores: InSilicoScores())
            let result = try #require(facts.results.first { $0.criterion == .PVS1 })
            pairs["\(Self.panelPVS1(met: f[9], notMet: f[10])) -> \(Self.ours(result))", default: 0] += 1
            rows += 1
        }
        #expect(hi["TP53"] == "3" && hi["BRCA1"] == "3" && hi["PALB2"] == "3")
        #expect(rows == 42)
        // The three PALB2 truncating variants the HBOP panel called PVS1 (c.7G>T p.Glu3Ter, c.514_517del,
        // c.839del): nonsense/frameshift with NMD on MANE Select → PVS1. Every other row is not a null variant.
        #expect(pairs["PVS1 -> PVS1"] == 3)
        #expect(pairs.keys.allSatisfy { $0 == "PVS1 -> PVS1" || $0.hasSuffix("-> not met") }, "\(pairs)")
        #expect(pairs.values.reduce(0, +) == 42)
    }
}
