import Testing
import TestSupport
import HTS
@testable import Consequence

/// The report transcript (issue 4, part 4): MANE Select, then Ensembl canonical, then the longest CDS, in a
/// configurable order; a transcript the allele lies in beats one it is only near; ties never depend on file order.
@Suite struct TranscriptChoiceTests {
    /// Four transcripts of one gene on chr1 and one of a neighbouring gene; CDS lengths 300, 600, 900, 900.
    static func transcript(_ id: String, mane: Bool = false, canonical: Bool = false, cds: Int, start: Int = 1000) -> Transcript {
        Transcript(id: id, geneID: "G", symbol: "GENE", biotype: "protein_coding", contig: "chr1", strand: .plus,
                   exons: [GenomicInterval(start: start, end: start + 1999)], codingStart: start + 100,
                   codingEnd: start + 99 + cds, cdsStartPhase: 0, isMANESelect: mane, isCanonical: canonical)
    }

    static let model = GeneModel(transcripts: [
        transcript("T_MANE", mane: true, canonical: true, cds: 300),
        transcript("T_CANON", canonical: true, cds: 600),
        transcript("T_LONG_B", cds: 900),
        transcript("T_LONG_A", cds: 900),
        transcript("NEIGHBOUR_MANE", mane: true, canonical: true, cds: 1500, start: 3500),
    ])

    static func effect(_ t: Int, _ terms: [SOTerm]) -> TranscriptEffect {
        var e = TranscriptEffect(transcript: t)
        e.terms = ConsequenceSet(terms)
        return e
    }

    static func chosen(_ choice: TranscriptChoice, _ effects: [TranscriptEffect]) -> String? {
        choice.choose(effects, in: model).map { model.transcripts[effects[$0].transcript].id }
    }

    static let inGene = [effect(0, [.intron]), effect(1, [.intron]), effect(2, [.missense]), effect(3, [.missense]),
                         effect(4, [.upstreamGene])]

    @Test func standardOrderPrefersMANEThenCanonicalThenLongest() {
        #expect(Self.chosen(.standard, Self.inGene) == "T_MANE")
        #expect(Self.chosen(.standard, Array(Self.inGene.dropFirst())) == "T_CANON")
        // Two of equal CDS length: the more severe consequence would decide; equal here, so the smaller identifier.
        #expect(Self.chosen(.standard, Array(Self.inGene[2...3])) == "T_LONG_A")
        #expect(Self.chosen(.standard, []) == nil)
    }

    @Test func orderIsConfigurable() throws {
        #expect(Self.chosen(try #require(TranscriptChoice(option: "longest")), Self.inGene) == "T_LONG_A")
        #expect(Self.chosen(try #require(TranscriptChoice(option: "canonical,longest")), Self.inGene) == "T_CANON")
        // severity first: the missense transcripts beat the intronic MANE one.
        #expect(Self.chosen(try #require(TranscriptChoice(option: "severity,mane")), Self.inGene) == "T_LONG_A")
        #expect(TranscriptChoice(option: "mane,mane") == nil)
        #expect(TranscriptChoice(option: "mane,appris") == nil)
        #expect(TranscriptChoice(option: "") == nil)
        #expect(TranscriptChoice(option: " MANE , canonical") == TranscriptChoice(order: [.mane, .canonical]))
    }

    /// The neighbouring gene's MANE transcript has the longest CDS but the allele is only upstream of it.
    @Test func aTranscriptTheAlleleLiesInBeatsANearbyOne() throws {
        #expect(Self.chosen(try #require(TranscriptChoice(option: "longest")), Self.inGene) != "NEIGHBOUR_MANE")
        #expect(Self.chosen(.standard, [Self.effect(4, [.upstreamGene]), Self.effect(2, [.intron])]) == "T_LONG_B")
        // Only nearby transcripts: the criteria apply among them.
        #expect(Self.chosen(.standard, [Self.effect(2, [.downstreamGene]), Self.effect(4, [.upstreamGene])]) == "NEIGHBOUR_MANE")
    }

    @Test func fileOrderDoesNotMatter() {
        for effects in [Self.inGene, Self.inGene.reversed()] {
            #expect(Self.chosen(.standard, effects) == "T_MANE")
            #expect(Self.chosen(TranscriptChoice(order: [.longest]), effects) == "T_LONG_A")
        }
    }

    /// Real model: TP53 c.524G>A hits 20+ TP53 transcripts; the report transcript is the MANE one.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53Arg175HisIsReportedOnMANE() throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path("reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3"))
        let fasta = try FastaReference(path: SharedData.path("reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"))
        let predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: fasta, model: model))
        let allele = try #require(VariantAllele(position: 7675088, ref: Array("C".utf8), alt: Array("T".utf8)))
        let effects = predictor.effects(contig: try #require(model.contigHandle("chr17")), allele: allele)
        #expect(effects.count > 10)
        let i = try #require(TranscriptChoice.standard.choose(effects, in: model))
        #expect(model.transcripts[effects[i].transcript].id == "ENST00000269305")
        #expect(effects[i].cdsStart == 524 && effects[i].proteinStart == 175)
        // The longest-CDS rule alone picks a transcript at least as long as the MANE one.
        let j = try #require(TranscriptChoice(order: [.longest]).choose(effects, in: model))
        #expect(model.transcripts[effects[j].transcript].cdsLength >= model.transcripts[effects[i].transcript].cdsLength)
    }
}
