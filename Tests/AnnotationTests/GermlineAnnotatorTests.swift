import Classification
import Consequence
import Foundation
import HTS
import Knowledge
import Testing
import TestSupport
@testable import Annotation

/// The germline stage on a real knowledge base (issue 5, parts 1–2 and 5): ClinVar and gnomAD v4 slices from
/// ../shared/data, the repository's curation file, and two files the test writes itself — a gene table with
/// illustrative parameters and a ToMMo-style Japanese panel holding one real TP53 site with made-up counts.
/// Consequences come from the real TP53 Ensembl model on the GRCh38 reference.
@Suite(.serialized) struct GermlineAnnotatorTests {
    static let clinvar = "clinvar/clinvar_20211025_GRCh38_vep-testset.vcf.gz"
    static let exomes = "gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz"
    static let genomes = "gnomad/annonars_freqs_grch38_v4.0_gnomad-genomes.1.vcf.bgz"
    static let reference = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let tp53Model = "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.chr.gff3"

    /// PCSK9 parameters are illustrative (not a published specification): AD, full penetrance so that BS2 can be
    /// read, and Whiffin inputs giving a maximum credible AF of 1/250 / 2 × 0.01 × 0.01 / 1 = 2e-07.
    static let geneTable = """
        symbol\tinheritance\tlof_mechanism\tpenetrance\tprevalence\tallelic_contribution\tgenetic_contribution\tpp2\tsource
        PCSK9\tAD\t\t1\t1/250\t0.01\t0.01\t\ttest parameters, not a specification
        TP53\tAD\tyes\t\t\t\t\tno\ttest row
        """

    /// PCSK9's span in MANE v1.4 (NM_174936.4, chr1:55039548-55064852 +), exon structure not modelled.
    static let pcsk9Span = """
        chr1\ttest\tgene\t55039548\t55064852\t.\t+\t.\tID=gene:PCSK9;Name=PCSK9;biotype=protein_coding
        chr1\ttest\tlnc_RNA\t55039548\t55064852\t.\t+\t.\tID=transcript:PCSK9span;Name=PCSK9-span;Parent=gene:PCSK9;biotype=lncRNA
        chr1\ttest\texon\t55039548\t55064852\t.\t+\t.\tParent=transcript:PCSK9span

        """

    /// One real TP53 site (c.523C>T, p.Arg175Cys) with invented Japanese-panel counts.
    static let tommo = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr17>
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
        ##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
        ##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr17\t7675089\t.\tG\tA\t.\tPASS\tAF=3.7e-05;AC=4;AN=108000

        """

    /// Query: a real gnomAD v4 exome site in PCSK9, TP53 c.523C>T (R175C) and c.523C>G (R175G), and the curated
    /// TP53 c.743G>A (R248Q) of Fixtures/curations.tsv, and TP53 c.637C>T (p.Arg213Ter).
    static let query = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1>
        ##contig=<ID=chr17>
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
        chr1\t55039931\t.\tG\tA\t.\t.\t.
        chr17\t7674220\t.\tC\tT\t.\t.\t.
        chr17\t7675089\t.\tG\tA\t.\t.\t.
        chr17\t7675089\t.\tG\tC\t.\t.\t.
        chr17\t7674894\t.\tG\tA\t.\t.\t.

        """

    struct Run {
        var results: [GermlineClassification]
        var info: [[String: String]]
    }

    static func run() throws -> Run {
        let dir = try Command.temporaryDirectory()
        let genesPath = dir.appendingPathComponent("genes.tsv").path
        try geneTable.write(toFile: genesPath, atomically: true, encoding: .utf8)
        let tommoPath = dir.appendingPathComponent("tommo.vcf").path
        try tommo.write(toFile: tommoPath, atomically: true, encoding: .utf8)
        let queryPath = dir.appendingPathComponent("query.vcf").path
        try query.write(toFile: queryPath, atomically: true, encoding: .utf8)
        let curationsPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/curations.tsv").path

        var builder = KBBuilder(output: dir.appendingPathComponent("kb").path)
        builder.clinvar = SharedData.path(clinvar)
        builder.frequencies = [.init(label: "gnomad_exomes", path: SharedData.path(exomes)),
                               .init(label: "gnomad_genomes", path: SharedData.path(genomes)),
                               .init(label: "tommo_54kjpn", path: tommoPath)]
        let genes = try GeneTable.load(path: genesPath)
        let curations = try Curations.load(path: curationsPath)
        builder.documents = [.init(label: "genes", kind: "genes", path: genesPath, json: try genes.canonicalJSON(), records: genes.recordCount),
                             .init(label: "curations", kind: "curations", path: curationsPath, json: try curations.canonicalJSON(),
                                   records: curations.recordCount)]
        _ = try builder.build()
        let kb = try KnowledgeBase(path: builder.output)

        // The TP53 Ensembl model plus a PCSK9 record written here: the gene's span from MANE v1.4 as one
        // non-coding exon, so the gnomAD site gets its gene (the chr1 sequence is not in ../shared/data).
        let gff = dir.appendingPathComponent("model.gff3").path
        let tp53 = try String(contentsOfFile: SharedData.path(tp53Model), encoding: .utf8)
        try (tp53 + pcsk9Span).write(toFile: gff, atomically: true, encoding: .utf8)
        let model = try GeneModelReader.read(path: gff)
        let csq = ConsequenceAnnotator(model: model, reference: try FastaReference(path: SharedData.path(reference)), source: "TP53 test model")
        let hotspots = try GermlineAnnotator.hotspots(residueTable: SharedData.path("tables/cancerhotspots/v3_multi_type_residue.txt"))
        let germline = try GermlineAnnotator(kb: kb, consequences: csq, sequence: SequenceCriteriaAdapter(), hotspots: hotspots)
        let reader = try VCFReader(path: queryPath)
        let lookup = AlleleLookup(kb: kb, header: reader.header)
        for line in csq.headerLines + germline.headerLines { _ = reader.header.append(line: line) }
        let record = VCFRecord()
        var run = Run(results: [], info: [])
        while try reader.read(into: record) {
            lookup.lookUp(record)
            try csq.annotate(record, header: reader.header, lookup: lookup)
            try germline.annotate(record, header: reader.header, lookup: lookup)
            run.results.append(try #require(germline.results.first ?? nil))
            var info: [String: String] = [:]
            for (name, value) in zip(GermlineAnnotator.fields, germline.columnValues(alt: 0)) { info[name] = value }
            run.info.append(info)
        }
        return run
    }

    static func criterion(_ c: GermlineClassification, _ code: Criterion) -> GermlineClassification.CriterionOutcome? {
        c.criteria.first { $0.criterion == code }
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func realSites() throws {
        guard try SharedData.require() else { return }
        let run = try Self.run()
        try #require(run.results.count == 5)

        // chr1:55039931 G>A — values as bcftools reads them from the gnomAD v4 exome slice.
        let peer = try Command.run("/usr/bin/bcftools", ["query", "-r", "chr1:55039931", "-f", "%REF\t%ALT\t%AC\t%AN\t%nhomalt\t%AF_grpmax\t%fafmax_faf95_max\n",
                                                          SharedData.path(Self.exomes)]).stdoutText
        let row = try #require(peer.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }.first { $0[0] == "G" && $0[1] == "A" })
        let (ac, hom) = (try #require(Int(row[2])), try #require(Int(row[4])))
        let pcsk9 = run.results[0]
        let bs1 = try #require(Self.criterion(pcsk9, .BS1))
        #expect(bs1.final.status == .met)
        #expect(bs1.final.fact?.contains("gnomad_exomes") == true)
        #expect(bs1.final.fact?.contains("AN \(row[3])") == true)
        #expect(bs1.final.fact?.contains("2e-07") == true, "Whiffin threshold from the gene table")
        let bs2 = try #require(Self.criterion(pcsk9, .BS2))
        #expect(bs2.final.status == .met)
        #expect(bs2.final.fact?.hasPrefix("\(ac - 2 * hom) heterozygotes in gnomad_exomes") == true)
        #expect(Self.criterion(pcsk9, .BA1)?.final.status == .notMet)
        #expect(Self.criterion(pcsk9, .PM2)?.final.status == .notMet)
        #expect(pcsk9.acmgClass == .benign)
        #expect(run.info[0]["CSL_ACMG"] == "Benign")
        #expect(run.info[0]["CSL_ACMG_CRITERIA"] == "BS1&BS2")

        // TP53 c.743G>A (R248Q): the latest curation (2023-11-02) overrides; computed values are kept.
        let r248q = run.results[1]
        #expect(r248q.gene == "TP53")
        #expect(r248q.variant?.cdna == "c.743G>A")
        let ps3 = try #require(Self.criterion(r248q, .PS3))
        #expect(ps3.final.status == .met)
        #expect(ps3.final.origin == .curator(name: "curator-07", date: "2023-11-02", justification: "p.(Arg248Gln); reclassified after new case-control data; example entry"))
        guard case .notEvaluated = ps3.computed?.status else { Issue.record("PS3 is not computed"); return }
        #expect(Self.criterion(r248q, .PS4)?.final.applied?.code == "PS4_Moderate")
        #expect(r248q.priorCuration?.acmgClass == "Pathogenic")
        // The example curation's own class is P, but its codes (PS3, PS4_Moderate, PM1, PM2_Supporting) total 9
        // points: Likely Pathogenic under the TP53 VCEP's points rule (GN009) — the prior class is shown as context.
        #expect(r248q.specification == "GN009@2.0.0")
        #expect(r248q.final.points == 9)
        #expect(r248q.final.acmgClass == .likelyPathogenic)
        #expect(run.info[1]["CSL_ACMG_EVIDENCE"]?.contains("PS3|met|Strong|curator curator-07 2023-11-02: ") == true)

        // TP53 c.523C>T (R175C): a different missense at the residue of the curated P R175H → PM5; the Japanese
        // panel has it, so PM2 is not met although gnomAD (these slices) has no record.
        let r175c = run.results[2]
        #expect(r175c.variant?.cdna == "c.523C>T")
        let pm5 = try #require(Self.criterion(r175c, .PM5))
        #expect(pm5.final.status == .met)
        #expect(pm5.final.fact?.contains("p.R175H (c.524G>A) P in curation") == true)
        #expect(Self.criterion(r175c, .PS1)?.final.status == .notMet)
        let pm2 = try #require(Self.criterion(r175c, .PM2))
        #expect(pm2.final.status == .notMet)
        #expect(pm2.final.fact?.contains("tommo_54kjpn [Japanese]: AC 4") == true)
        #expect(Self.criterion(r175c, .PP2)?.final.status == .notMet, "gene table: TP53 pp2=no")

        // TP53 c.523C>G (R175G): absent from every source → PM2_Supporting; PM5; R175 is a cancerhotspots v3
        // residue (PM1). 2 + 1 + 2 = 5 points: Uncertain under GN009's points rule.
        let r175g = run.results[3]
        #expect(Self.criterion(r175g, .PM2)?.final.applied?.code == "PM2_Supporting")
        #expect(Self.criterion(r175g, .PM5)?.final.status == .met)
        #expect(Self.criterion(r175g, .PM1)?.final.fact?.contains("hotspot R175 in cancerhotspots v3_multi_type_residue") == true)
        #expect(run.info[3]["CSL_ACMG_CRITERIA"] == "PM1&PM2_Supporting&PM5")
        #expect(run.info[3]["CSL_ACMG_POINTS"] == "5")
        #expect(run.info[3]["CSL_ACMG"] == "Uncertain_significance")
        // No hotspot row for PCSK9: PM1 is not evaluated there.
        guard case .notEvaluated = Self.criterion(pcsk9, .PM1)?.final.status else { Issue.record("PM1 for PCSK9"); return }
    }

    @Test("With the sequence adapter: TP53 c.637C>T (p.Arg213Ter) gets PVS1 from the Abou Tayoun tree", .enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func nullVariant() throws {
        guard try SharedData.require() else { return }
        let run = try Self.run()
        try #require(run.results.count == 5)
        let r213 = run.results[4]
        #expect(r213.variant?.cdna == "c.637C>T")
        #expect(r213.variant?.protein == "p.Arg213Ter")
        let pvs1 = try #require(Self.criterion(r213, .PVS1))
        #expect(pvs1.final.applied == AppliedCriterion(.PVS1))
        // PVS1 (8) + PM2_Supporting (1) = 9 points: Likely Pathogenic under the TP53 VCEP's points rule.
        #expect(run.info[4]["CSL_ACMG_CRITERIA"] == "PVS1&PM2_Supporting")
        #expect(run.info[4]["CSL_ACMG"] == "Likely_pathogenic")
        #expect(run.info[4]["CSL_ACMG_RULE"] == "GN009@2.0.0:PVS1+PM2_Supporting->LP(points 9)")
        // The missense R175C is not a null variant.
        #expect(Self.criterion(run.results[2], .PVS1)?.final.status != .met)
    }

    @Test("A curation's not_met column rejects a computed criterion; computed and final both kept")
    func curationRejectsComputedPM2() throws {
        let dir = try Command.temporaryDirectory()
        let path = dir.appendingPathComponent("curations.tsv").path
        try """
            #build=GRCh38
            chrom\tpos\tref\talt\tgene\tclass\tcriteria\tnot_met\tdate\tcurator\tnote
            chr17\t7674894\tG\tA\tTP53\tVUS\tPS3_Supporting\tPM2\t2026-10-01\tcurator-09\tseen in in-house controls (example)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let curations = try Curations.load(path: path)
        let row = try #require(curations.entries.first)
        #expect(row.notMet?.map(\.description) == ["PM2"])
        let (entries, prior) = GermlineAnnotator.curatorDecisions(row, file: curations.file)
        #expect(prior.acmgClass == "Uncertain significance")
        let absent = [PopulationFrequency.absent(source: "gnomad_exomes")]
        let c = GermlineClassifier().classify(GermlineFacts(gene: "TP53", frequencies: absent, curatorEntries: entries))
        let pm2 = try #require(c.criteria.first { $0.criterion == .PM2 })
        #expect(pm2.computed?.status == .met)
        #expect(pm2.final.status == .notMet)
        #expect(pm2.final.source == "curations.tsv line 3")
        #expect(c.criteria.first { $0.criterion == .PS3 }?.final.applied?.code == "PS3_Supporting")
        #expect(c.computed.counted.map(\.code) == ["PM2_Supporting"])
        #expect(c.final.counted.map(\.code) == ["PS3_Supporting"])
        let text = GermlineAnnotator.evidenceEntries(c).first { $0.hasPrefix("PM2|") }
        #expect(text == "PM2|not_met|Moderate|curator curator-09 2026-10-01: seen in in-house controls (example) (computed: met)")
    }

    @Test func percentEncodingFollowsTheContract() {
        #expect(GermlineAnnotator.percentEncode("a,b;c=d|e&f%g\th\ni") == "a%2Cb%3Bc%3Dd%7Ce%26f%25g%09h%0Ai")
    }

    @Test func japaneseLabels() {
        #expect(GermlineAnnotator.looksJapanese("tommo_54kjpn"))
        #expect(GermlineAnnotator.looksJapanese("JMORP"))
        #expect(!GermlineAnnotator.looksJapanese("gnomad_exomes"))
    }
}
