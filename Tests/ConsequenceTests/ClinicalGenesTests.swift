import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// TP53, BRCA1 and PALB2 on the GRCh38 regions of the shared data with their real gene models: the named clinical
/// examples, the regions' own translation truth tables, and curated HGVS from ClinGen's eRepo and ClinVar.
@Suite struct ClinicalGenesTests {
    struct Setup {
        let model: GeneModel
        let reference: FastaReference
        let predictor: ConsequencePredictor
        var namer: HGVSNamer { HGVSNamer(predictor: predictor) }

        init(gff: String, fasta: String) throws {
            model = try GeneModelReader.read(path: SharedData.path(gff))
            reference = try FastaReference(path: SharedData.path(fasta))
            predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model))
        }

        func effect(_ contig: String, _ allele: VariantAllele, _ id: String) -> (TranscriptEffect, HGVSNamer.Names)? {
            guard let h = model.contigHandle(contig) else { return nil }
            guard let e = predictor.effects(contig: h, allele: allele).first(where: { model.transcripts[$0.transcript].id == id })
            else { return nil }
            return (e, namer.names(of: allele, on: e.transcript))
        }

        func base(_ contig: String) -> (Int, Int) -> [UInt8]? {
            { a, b in predictor.sequences.genomic(contig: contig, start: a, end: b) }
        }
    }

    static let padded17 = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let padded16 = "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz"
    static func tp53() throws -> Setup { try Setup(gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3", fasta: padded17) }
    static func brca1() throws -> Setup { try Setup(gff: "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3", fasta: padded17) }
    static func palb2() throws -> Setup { try Setup(gff: "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3", fasta: padded16) }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53Arg175His() throws {
        guard try SharedData.require() else { return }
        let s = try Self.tp53()
        let allele = try #require(VariantAllele(position: 7675088, ref: Array("C".utf8), alt: Array("T".utf8)))
        let (e, names) = try #require(s.effect("chr17", allele, "ENST00000269305"))
        #expect(e.terms.mostSevere == .missense)
        #expect(e.terms.impact == .moderate)
        #expect(e.exonFirst == 5)
        #expect(e.proteinStart == 175 && e.cdsStart == 524)
        #expect(names.transcript == "c.524G>A")
        #expect(names.protein == "p.Arg175His")
        #expect(String(decoding: e.refCodons, as: UTF8.self) == "cGc" && String(decoding: e.altCodons, as: UTF8.self) == "cAc")
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func brca1Leu63Ter() throws {
        guard try SharedData.require() else { return }
        let s = try Self.brca1()
        let allele = try #require(VariantAllele(position: 43106480, ref: Array("A".utf8), alt: Array("T".utf8)))
        let (e, names) = try #require(s.effect("chr17", allele, "NM_007294.4"))
        #expect(e.terms.mostSevere == .stopGained)
        #expect(e.triggersNMD == true)
        #expect(names.transcript == "c.188T>A")
        #expect(names.protein == "p.Leu63Ter")
    }

    /// `*.coding_check.tsv`: for every transcript marked `ok`, the CDS length and protein length computed by the
    /// data's provenance script. Ours come from our gene model and our reference access.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: [("tp53", "reference/grch38-tp53-region/GRCh38_chr17_7660000-7700000.coding_check.tsv"),
                      ("palb2", "reference/grch38-palb2-region/GRCh38_chr16_23580000-23700000.coding_check.tsv")])
    func codingCheckTables(gene: String, table: String) throws {
        guard try SharedData.require() else { return }
        let s = gene == "tp53" ? try Self.tp53() : try Self.palb2()
        var checked = 0
        for line in try String(contentsOfFile: SharedData.path(table), encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6, f[5] == "ok", let nt = Int(f[3]), let aa = Int(f[4]) else { continue }
            let i = try #require(s.model.transcripts.firstIndex { $0.id == f[0] })
            #expect(s.model.transcripts[i].cdsLength == nt, "\(f[0]) CDS length")
            let protein = try #require(s.predictor.referenceProtein(i))
            // The table counts residues without the stop.
            #expect(protein.count - 1 == aa && protein.last == UInt8(ascii: "*") && protein.first == UInt8(ascii: "M"), "\(f[0]) protein")
            checked += 1
        }
        #expect(checked >= (gene == "tp53" ? 49 : 78))
    }
}
