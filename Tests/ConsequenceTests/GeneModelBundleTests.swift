import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// The gene-model form stored in knowledge-base bundles: decoding gives back every transcript field the predictor
/// uses, the same model always gives the same bytes, and damaged bytes are an error naming the file, never a crash.
@Suite struct GeneModelBundleTests {
    static let models = [
        "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3",
        "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3",
        "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3",
        "vep-chr21/custom_test.gtf.gz",
    ]

    static func expectSame(_ a: Transcript, _ b: Transcript) {
        #expect(a.id == b.id && a.geneID == b.geneID && a.symbol == b.symbol && a.biotype == b.biotype)
        #expect(a.contig == b.contig && a.strand == b.strand && a.start == b.start && a.end == b.end, "\(a.id)")
        #expect(a.exons == b.exons, "\(a.id) exons")
        #expect(a.codingStart == b.codingStart && a.codingEnd == b.codingEnd && a.cdsStartPhase == b.cdsStartPhase, "\(a.id) CDS")
        #expect(a.isMANESelect == b.isMANESelect && a.isCanonical == b.isCanonical, "\(a.id) tags")
        #expect(a.exonCDNAStart == b.exonCDNAStart && a.cdsStartCDNA == b.cdsStartCDNA && a.cdsEndCDNA == b.cdsEndCDNA)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote), arguments: models)
    func roundTripKeepsEveryTranscript(path: String) throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path(path))
        #expect(!model.transcripts.isEmpty)
        let bytes = model.bundleBytes()
        let decoded = try GeneModel(bundleBytes: bytes, file: "x.bin")
        #expect(decoded.transcripts.count == model.transcripts.count)
        for (a, b) in zip(model.transcripts, decoded.transcripts) { Self.expectSame(a, b) }
        // Deterministic: encoding the decoded model, or reading the file again, gives the same bytes.
        #expect(decoded.bundleBytes() == bytes)
        #expect(try GeneModelReader.read(path: SharedData.path(path)).bundleBytes() == bytes)
        // Contig aliases still work on the decoded model (the files use 17, 16, chr17, chr21 styles).
        let contig = model.transcripts[0].contig
        let other = contig.hasPrefix("chr") ? String(contig.dropFirst(3)) : "chr" + contig
        #expect(decoded.contigHandle(other) != nil)
    }

    /// Every truncation and a spread of single-byte changes: each either decodes (a change inside a name or a
    /// position can still be a well-formed model; the bundle's checksum catches those) or throws the damaged-file
    /// error naming the file.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func damagedBytesAreAnErrorNotACrash() throws {
        guard try SharedData.require() else { return }
        let bytes = try GeneModelReader.read(path: SharedData.path(Self.models[0])).bundleBytes()
        var refused = 0, tried = 0
        func attempt(_ b: [UInt8]) {
            tried += 1
            do { _ = try GeneModel(bundleBytes: b, file: "genemodel.x.bin") } catch {
                refused += 1
                #expect(error.file == "genemodel.x.bin")
                #expect(error.description.contains("damaged"))
            }
        }
        for n in stride(from: 0, to: bytes.count, by: 7) { attempt(Array(bytes.prefix(n))) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<400 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var b = bytes
            let i = Int(state >> 33) % b.count
            b[i] ^= UInt8(truncatingIfNeeded: (state >> 17) | 1)
            attempt(b)
        }
        // Every truncation is refused; so is a wrong signature.
        #expect(refused >= bytes.count / 7)
        var wrong = bytes
        wrong[0] = 0x58
        #expect(throws: InputError.self) { try GeneModel(bundleBytes: wrong, file: "f") }
        #expect(tried > 400)
    }

    @Test func headerDirectivesGiveReleaseAndBuild() throws {
        let dir = try Command.temporaryDirectory()
        let ensembl = dir.appendingPathComponent("e.gff3").path
        try """
        ##gff-version 3
        #!genome-build  GRCh38.p14
        #!genome-version GRCh38
        #!genebuild-last-updated 2023-03
        17\tensembl\tmRNA\t10\t100\t.\t+\t.\tID=transcript:T1;Parent=gene:G1

        """.write(toFile: ensembl, atomically: true, encoding: .utf8)
        let e = try GeneModelReader.header(path: ensembl)
        #expect(e.version == "2023-03" && e.versionFrom == "#!genebuild-last-updated")
        #expect(e.genomeBuild == "GRCh38" && e.format == "GFF3")

        let gencode = dir.appendingPathComponent("g.gtf").path
        try """
        ##description: evidence-based annotation of the human genome (GRCh37), version 19 (Ensembl 74)
        ##date: 2013-12-05
        chr1\tHAVANA\tgene\t11869\t14409\t.\t+\t.\tgene_id "ENSG00000223972.4"; gene_type "pseudogene";

        """.write(toFile: gencode, atomically: true, encoding: .utf8)
        let g = try GeneModelReader.header(path: gencode)
        #expect(g.version == "version 19 (Ensembl 74)" && g.versionFrom == "##description")
        #expect(g.genomeBuild == "GRCh37" && g.format == "GTF")
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func sharedFilesWithoutDirectivesHaveNoRelease() throws {
        guard try SharedData.require() else { return }
        let h = try GeneModelReader.header(path: SharedData.path(Self.models[2]))
        #expect(h.version == nil && h.genomeBuild == nil && h.format == "GFF3")
        #expect(try GeneModelReader.header(path: SharedData.path(Self.models[3])).format == "GTF")
    }
}

/// NCBI GFF3 names chromosomes by RefSeq accession; the model answers for the chromosome in any style.
@Suite struct RefSeqChromosomeTests {
    @Test func accessionsMapToChromosomes() {
        #expect(RefSeqChromosome.name(of: "NC_000017.11") == "17")
        #expect(RefSeqChromosome.name(of: "NC_000017.10") == "17")
        #expect(RefSeqChromosome.name(of: "NC_000001.11") == "1")
        #expect(RefSeqChromosome.name(of: "NC_000023.11") == "X")
        #expect(RefSeqChromosome.name(of: "NC_000024.10") == "Y")
        #expect(RefSeqChromosome.name(of: "NC_012920.1") == "MT")
        #expect(RefSeqChromosome.name(of: "NC_000025.1") == nil)
        #expect(RefSeqChromosome.name(of: "NT_187361.1") == nil)
        #expect(RefSeqChromosome.name(of: "chr17") == nil)
    }

    /// VEP's RefSeq test GFF3 (NCBI annotation release 108) is on NC_000021.9.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func ncbiModelAnswersForChr21() throws {
        guard try SharedData.require() else { return }
        let model = try GeneModelReader.read(path: SharedData.path("vep-chr21/custom_refseq.gff.gz"))
        #expect(!model.transcripts.isEmpty && model.transcripts.allSatisfy { $0.contig == "21" })
        #expect(model.contigHandle("chr21") != nil && model.contigHandle("21") != nil)
        let h = try GeneModelReader.header(path: SharedData.path("vep-chr21/custom_refseq.gff.gz"))
        #expect(h.version == "NCBI Homo sapiens Annotation Release 108" && h.genomeBuild == "GRCh38")
    }
}
