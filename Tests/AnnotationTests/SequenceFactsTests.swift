import Foundation
import HTS
import Testing
import TestSupport
@testable import Annotation
@testable import Classification
import Consequence
import Knowledge

/// The adapter from consequences to the sequence criteria, on the real BRCA1 and TP53 GRCh38 regions and their
/// gene models (shared data). Expected positions, bases, exon lengths and the exon-16-skipping stop were checked
/// independently with a Python reading of the region FASTA and the RefSeq GFF3 (exon 10: 3,426 nt, in frame;
/// exon 16: 88 nt, skipping it puts a stop at c.5127_5129, 363 nt before the last junction).
@Suite struct SequenceFactsTests {
    struct Setup {
        let model: GeneModel
        let predictor: ConsequencePredictor
        init(gff: String) throws {
            model = try GeneModelReader.read(path: SharedData.path(gff))
            let reference = try FastaReference(path: SharedData.path("reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"))
            predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model))
        }

        func effect(_ pos: Int, _ ref: String, _ alt: String, on id: String) throws -> (TranscriptEffect, VariantAllele) {
            let allele = try #require(VariantAllele(position: pos, ref: Array(ref.utf8), alt: Array(alt.utf8)))
            let h = try #require(model.contigHandle("chr17"))
            let e = try #require(predictor.effects(contig: h, allele: allele).first { model.transcripts[$0.transcript].id == id })
            return (e, allele)
        }
    }

    static func brca1() throws -> Setup {
        try Setup(gff: "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3")
    }

    /// MANE Select transcripts of a gene from the MANE summary (RefSeq and Ensembl ids): the "biologically
    /// relevant transcript" of the PVS1 tree when the gene model carries no MANE tag (the cdot RefSeq GFF3).
    static func mane(_ symbol: String) throws -> Set<String> {
        let text = try String(contentsOfFile: SharedData.path("tables/mane/MANE.GRCh38.v1.4.summary.txt"), encoding: .utf8)
        var ids: Set<String> = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f.count > 9, f[3] == symbol, f[9] == "MANE Select" { ids.insert(f[5]); ids.insert(f[7]) }
        }
        return ids
    }

    static func result(_ facts: SequenceFacts, _ c: Criterion) throws -> CriterionResult {
        try #require(facts.results.first { $0.criterion == c })
    }

    @Test("BRCA1 c.188T>A p.(Leu63Ter), chr17:43106480 A>T: nonsense, NMD, exon in MANE Select → PVS1",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func brca1Leu63Ter() throws {
        guard try SharedData.require() else { return }
        let s = try Self.brca1()
        let (e, allele) = try s.effect(43106480, "A", "T", on: "NM_007294.4")
        let context = SequenceContext(lofMechanism: true, relevantTranscripts: try Self.mane("BRCA1"))
        let facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor, context: context, scores: InSilicoScores())
        #expect(facts.inputs.pvs1.variantType == .nonsense)
        #expect(facts.inputs.pvs1.predictedNMD == true)
        #expect(facts.inputs.pvs1.proteinLength == 1863)
        #expect(facts.inputs.pvs1.residuesRemoved == 1863 - 63 + 1)
        #expect(PVS1Criterion.decide(facts.inputs.pvs1) == .branch(.truncating(.nonsenseFrameshift, .nmd, .exonRelevant)))
        let pvs1 = try Self.result(facts, .PVS1)
        #expect(pvs1.status == .met && pvs1.strength == .veryStrong)
        #expect(pvs1.fact?.hasPrefix("BRCA1 NM_007294.4 exon 4/23: nonsense/frameshift → disrupts reading frame, NMD predicted") == true)
        // PM4 is not applied with PVS1; without scores PP3/BP4/BP7 are not evaluated or not applicable.
        #expect(try Self.result(facts, .PM4).status == .notMet)
        #expect(try Self.result(facts, .BP7).status == .notMet)

        // Without the gene table's LoF value the tree does not start; without the MANE list, exon relevance is open.
        let unknownGene = SequenceFacts(effect: e, allele: allele, predictor: s.predictor,
                                        context: SequenceContext(lofMechanism: nil), scores: InSilicoScores())
        if case .notEvaluated(let reason) = try Self.result(unknownGene, .PVS1).status {
            #expect(reason.contains("BRCA1"))
        } else { Issue.record("no LoF mechanism value must leave PVS1 not evaluated") }
        let noMane = SequenceFacts(effect: e, allele: allele, predictor: s.predictor,
                                   context: SequenceContext(lofMechanism: true), scores: InSilicoScores())
        if case .undetermined(_, let missing, _) = PVS1Criterion.decide(noMane.inputs.pvs1) {
            #expect(missing == ["whether the exon is in biologically relevant transcript(s)"])
        } else { Issue.record("exon relevance must be asked") }
    }

    @Test("BRCA1 c.5503C>T p.(Arg1835Ter), chr17:43045767 G>A: last exon, escapes NMD, removes 29 of 1863 residues",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func brca1LastExonNonsense() throws {
        guard try SharedData.require() else { return }
        let s = try Self.brca1()
        let (e, allele) = try s.effect(43045767, "G", "A", on: "NM_007294.4")
        #expect(e.terms.contains(.stopGained))
        #expect(e.exonFirst == 23 && e.proteinStart == 1835)
        var context = SequenceContext(lofMechanism: true, relevantTranscripts: try Self.mane("BRCA1"))
        var facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor, context: context, scores: InSilicoScores())
        #expect(facts.inputs.pvs1.predictedNMD == false)
        #expect(facts.inputs.pvs1.residuesRemoved == 29)
        // Population LoF frequency in the exon is not known to the adapter: not evaluated, with the outcomes.
        if case .notEvaluated(let reason) = try Self.result(facts, .PVS1).status {
            #expect(reason.contains("frequent in the population"))
            #expect(reason.contains("otherwise PVS1_Moderate"))
        } else { Issue.record("unknown LoF frequency must leave PVS1 not evaluated") }

        context.lofFrequentInExon = false
        facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor, context: context, scores: InSilicoScores())
        #expect(PVS1Criterion.decide(facts.inputs.pvs1) == .branch(.truncating(.nonsenseFrameshift, .noNMD, .atMost10Percent)))
        #expect(try Self.result(facts, .PVS1).strength == .moderate)
        #expect(try Self.result(facts, .PVS1).fact?.hasSuffix("(29 of 1863 residues, 1.6%)") == true)

        // The BRCT domain as a critical region (a curator's or a VCEP's answer) → PVS1_Strong.
        context.truncatedRegionCritical = true
        facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor, context: context, scores: InSilicoScores())
        #expect(try Self.result(facts, .PVS1).strength == .strong)
    }

    @Test("canonical splice: c.4096+1G>A skips exon 10 in frame (1142 residues); c.5074+1G>A skips exon 16 out of frame with NMD",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func brca1CanonicalSplice() throws {
        guard try SharedData.require() else { return }
        let s = try Self.brca1()
        let context = SequenceContext(lofMechanism: true, relevantTranscripts: try Self.mane("BRCA1"), lofFrequentInExon: false)

        let (e1, a1) = try s.effect(43091434, "C", "T", on: "NM_007294.4")
        #expect(e1.terms.contains(.spliceDonor))
        let inFrame = SequenceFacts(effect: e1, allele: a1, predictor: s.predictor, context: context,
                                    scores: InSilicoScores(spliceAIMaxDelta: 0.9))
        #expect(inFrame.inputs.pvs1.variantType == .canonicalSplice)
        #expect(inFrame.inputs.pvs1.readingFramePreserved == true)
        #expect(inFrame.inputs.pvs1.residuesRemoved == 1142)
        #expect(PVS1Criterion.decide(inFrame.inputs.pvs1) == .branch(.truncating(.spliceSite, .inFrame, .over10Percent)))
        #expect(try Self.result(inFrame, .PVS1).strength == .strong)
        // The splice prediction is PVS1's evidence, not PP3's.
        #expect(try Self.result(inFrame, .PP3).status == .notMet)

        let (e2, a2) = try s.effect(43067607, "C", "T", on: "NM_007294.4")
        let outOfFrame = SequenceFacts(effect: e2, allele: a2, predictor: s.predictor, context: context, scores: InSilicoScores())
        #expect(outOfFrame.inputs.pvs1.readingFramePreserved == false)
        #expect(outOfFrame.inputs.pvs1.predictedNMD == true)
        #expect(PVS1Criterion.decide(outOfFrame.inputs.pvs1) == .branch(.truncating(.spliceSite, .nmd, .exonRelevant)))
    }

    @Test("TP53 c.524G>A p.(Arg175His): missense read with the scores of the record's INFO",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53MissenseWithInfoScores() throws {
        guard try SharedData.require() else { return }
        let s = try Setup(gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3")
        let (e, allele) = try s.effect(7675088, "C", "T", on: "ENST00000269305")
        // Score values are this test's own, chosen on the calibration bounds (REVEL 0.932 is PP3_Strong only if
        // the 32-bit INFO float is read back as 0.932).
        let dir = try Command.temporaryDirectory()
        let vcf = dir.appendingPathComponent("scores.vcf").path
        try """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr17>
        ##INFO=<ID=REVEL,Number=A,Type=Float,Description="REVEL">
        ##INFO=<ID=BayesDel_noAF,Number=.,Type=String,Description="BayesDel noAF per transcript">
        ##INFO=<ID=SpliceAI,Number=.,Type=String,Description="SpliceAIv1.3 ALLELE|SYMBOL|DS_AG|DS_AL|DS_DG|DS_DL|DP_AG|DP_AL|DP_DG|DP_DL">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr17\t7675088\t.\tC\tT\t.\t.\tREVEL=0.932;BayesDel_noAF=0.41&.&0.52;SpliceAI=T|WRAP53|0.30|0.00|0.00|0.00|1|2|3|4,T|TP53|0.00|0.01|0.03|0.00|1|2|3|4,A|TP53|0.90|0.00|0.00|0.00|1|2|3|4

        """.write(toFile: vcf, atomically: true, encoding: .utf8)
        let reader = try VCFReader(path: vcf)
        let record = VCFRecord()
        #expect(try reader.read(into: record))
        let scores = InSilicoScoreReader(header: reader.header).scores(record, alt: 0, altAllele: "T", gene: "TP53")
        #expect(scores.revel == 0.932)
        #expect(scores.bayesDelNoAF == 0.52)
        #expect(scores.alphaMissense == nil, "not declared in the header")
        #expect(scores.spliceAIMaxDelta == 0.03, "the TP53 entry of ALT T, not WRAP53's nor ALT A's")

        let facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor,
                                  context: SequenceContext(lofMechanism: true), scores: scores)
        #expect(facts.inputs.inSilico.variantClass == .missense)
        #expect(facts.inputs.pvs1.variantType == .notNull("missense_variant"))
        let pp3 = try Self.result(facts, .PP3)
        #expect(pp3.status == .met && pp3.strength == .strong)
        #expect(pp3.fact == "REVEL 0.932 in ≥0.932 → PP3_Strong; SpliceAI max Δ 0.03")
        #expect(try Self.result(facts, .BP4).status == .notMet)
        #expect(try Self.result(facts, .PVS1).status == .notMet)

        var bayes = SequenceContext(lofMechanism: true)
        bayes.predictor = .bayesDelNoAF
        let viaBayesDel = SequenceFacts(effect: e, allele: allele, predictor: s.predictor, context: bayes, scores: scores)
        #expect(try Self.result(viaBayesDel, .PP3).strength == .strong, "BayesDel 0.52 ≥ 0.50")
    }

    @Test("TP53: a synonymous change and a deep intronic one reach BP7 with SpliceAI ≤ 0.1",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53SilentVariants() throws {
        guard try SharedData.require() else { return }
        let s = try Setup(gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3")
        let ti = try #require(s.model.transcripts.firstIndex { $0.id == "ENST00000269305" })
        let t = s.model.transcripts[ti]
        // Intron 4 (minus strand): 30 bases after the end of exon 4 on the transcript.
        let intronPos = t.exons[3].start - 30
        let ref = try #require(s.predictor.sequences.genomic(contig: "chr17", start: intronPos, end: intronPos))
        let refBase = String(decoding: ref, as: UTF8.self)
        let alt = refBase == "A" ? "G" : "A"
        let (e, allele) = try s.effect(intronPos, refBase, alt, on: "ENST00000269305")
        let facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor,
                                  context: SequenceContext(lofMechanism: true), scores: InSilicoScores(spliceAIMaxDelta: 0.02))
        #expect(facts.inputs.silent.location == .intronic(offset: 30))
        #expect(try Self.result(facts, .BP7).status == .met)
        #expect(try Self.result(facts, .BP4).status == .met, "SpliceAI ≤ 0.1 outside a missense: BP4 Supporting")

        // A synonymous change at the third base of codon 175 (CGC → CGT on the transcript: c.525C>T, Arg).
        let (syn, synAllele) = try s.effect(7675087, "G", "A", on: "ENST00000269305")
        #expect(syn.terms.contains(.synonymous))
        let silent = SequenceFacts(effect: syn, allele: synAllele, predictor: s.predictor,
                                   context: SequenceContext(lofMechanism: true), scores: InSilicoScores(spliceAIMaxDelta: 0.15))
        #expect(silent.inputs.silent.location == .synonymous)
        #expect(try Self.result(silent, .BP7).status == .notMet, "0.15 > 0.1")
    }

    @Test("the germline stage's adapter: MANE Select ids from the summary, scores from INFO, the gene table's LoF flag",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func criteriaSourceForTheGermlineStage() throws {
        guard try SharedData.require() else { return }
        let mane = try SequenceCriteriaAdapter.maneSelect(summary: SharedData.path("tables/mane/MANE.GRCh38.v1.4.summary.txt"))
        #expect(mane.count == 38_676, "19,338 MANE Select rows, a RefSeq and an Ensembl id each (awk)")
        #expect(mane.isSuperset(of: ["NM_007294.4", "ENST00000357654.9", "NM_000546.6", "ENST00000269305.9"]))

        let s = try Self.brca1()
        let (e, allele) = try s.effect(43106480, "A", "T", on: "NM_007294.4")
        let dir = try Command.temporaryDirectory()
        let genes = dir.appendingPathComponent("genes.tsv").path
        try "symbol\tlof_mechanism\nBRCA1\tyes\n".write(toFile: genes, atomically: true, encoding: .utf8)
        let vcf = dir.appendingPathComponent("one.vcf").path
        try """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr17>
        ##INFO=<ID=SpliceAI,Number=.,Type=String,Description="SpliceAI">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr17\t43106480\t.\tA\tT\t.\t.\tSpliceAI=T|BRCA1|0.00|0.00|0.02|0.01|1|2|3|4

        """.write(toFile: vcf, atomically: true, encoding: .utf8)
        let reader = try VCFReader(path: vcf)
        let record = VCFRecord()
        #expect(try reader.read(into: record))
        let adapter = SequenceCriteriaAdapter(relevantTranscripts: mane)
        let query = SequenceQuery(record: record, header: reader.header, alt: 0, allele: allele, effect: e,
                                  predictor: s.predictor, gene: try GeneTable.load(path: genes).gene("BRCA1"))
        let answer = adapter.evaluate(query)
        #expect(answer.results.map(\.criterion) == [.PVS1, .PM4, .PP3, .BP3, .BP4, .BP7])
        #expect(answer.results[0].status == .met && answer.results[0].strength == .veryStrong)
        #expect(answer.mayAffectSplicing == false, "SpliceAI 0.02 ≤ 0.1 at a nonsense site outside the splice region")

        let none = adapter.evaluate(SequenceQuery(record: record, header: reader.header, alt: 0, allele: nil, effect: nil,
                                                  predictor: nil, gene: nil))
        #expect(none.results.count == 6)
        #expect(none.results.allSatisfy { if case .notEvaluated = $0.status { true } else { false } })
    }

    @Test("TP53 codon 175 deleted in frame (chr17:7675087-7675089, CGC on the transcript): PM4, not BP3",
          .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func tp53InFrameDeletion() throws {
        guard try SharedData.require() else { return }
        let s = try Setup(gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3")
        let allele = VariantAllele(start: 7675087, refLength: 3, alt: [])
        let h = try #require(s.model.contigHandle("chr17"))
        let e = try #require(s.predictor.effects(contig: h, allele: allele).first { s.model.transcripts[$0.transcript].id == "ENST00000269305" })
        #expect(e.terms.contains(.inframeDeletion))
        let facts = SequenceFacts(effect: e, allele: allele, predictor: s.predictor,
                                  context: SequenceContext(lofMechanism: true), scores: InSilicoScores())
        #expect(facts.inputs.proteinLength.change == .inFrameIndel(residues: 1))
        #expect(facts.inputs.proteinLength.inRepeatRegion == false)
        let pm4 = try Self.result(facts, .PM4)
        #expect(pm4.status == .met && pm4.strength == .moderate)
        #expect(pm4.fact == "in-frame indel of 1 residue outside a repeat region (1 tandem copy of GCG in the reference)")
        #expect(try Self.result(facts, .BP3).status == .notMet)
        #expect(try Self.result(facts, .PVS1).status == .notMet)
    }

    @Test("SpliceAI INFO values: the highest delta of the allele's entries, the report gene's when present")
    func spliceAIParsing() {
        let v = "T|GENE1|0.01|0.02|0.25|0.00|-3|10|2|-1,T|GENE2|0.50|0.00|0.00|0.00|1|1|1|1,C|GENE1|0.99|0|0|0|1|1|1|1"
        #expect(SequenceFacts.spliceAIMaxDelta(v, alt: "T", gene: "GENE1") == 0.25)
        #expect(SequenceFacts.spliceAIMaxDelta(v, alt: "T", gene: "OTHER") == 0.50)
        #expect(SequenceFacts.spliceAIMaxDelta(v, alt: "t") == 0.50)
        #expect(SequenceFacts.spliceAIMaxDelta(v, alt: "G") == nil)
        #expect(SequenceFacts.spliceAIMaxDelta("T|GENE1|.|.|.|.|.|.|.|.", alt: "T") == nil)
        #expect(SequenceFacts.numericScore("0.2&.&0.7") == 0.7)
        #expect(SequenceFacts.numericScore(".") == nil)
    }

    @Test("tandem repeat of an in-frame indel's unit: shortest period, copies on both sides")
    func repeatRuns() {
        let window = Array("TTACGCAGCAGCAGCAGTTA".utf8)
        // Deleting one CAG (offset 5 is the first C of the run after "TTACG").
        let run = SequenceFacts.repeatRun(unit: Array("CAG".utf8), in: window, at: 5)
        #expect(String(decoding: run.period, as: UTF8.self) == "CAG")
        #expect(run.copies == 4)
        // A six-base unit of the same repeat reduces to its period.
        #expect(SequenceFacts.repeatRun(unit: Array("CAGCAG".utf8), in: window, at: 5).copies == 4)
        // Not a repeat: one copy.
        #expect(SequenceFacts.repeatRun(unit: Array("TTA".utf8), in: Array("GGCTTAGGC".utf8), at: 3).copies == 1)
    }
}
