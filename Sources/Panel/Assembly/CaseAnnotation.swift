import Annotation
import Classification
import Consequence
import Foundation
import HTS
import Knowledge
import Variants

/// Runs the annotation pipeline over a case's VCFs and collects what the report reads.
public struct CaseAnnotation: Sendable {
    public struct Input: Sendable {
        public var role: String
        public var path: String
        public var sample: String?
        public var recordsRead: Int
        /// Normalizer warnings (REF not matching the reference, …): counted, never printed, since the
        /// warning text names positions and alleles.
        public var referenceWarnings: Int
        public var observations: [VariantObservation]
    }

    /// A counter the normalizer's warning handler can capture.
    final class Counter: @unchecked Sendable { var value = 0 }

    public var inputs: [Input]
    public var evaluation: Evaluation

    /// Reference tables of the somatic stage (OncoTree for on/off-label, cancer hotspots), given on the command line.
    public struct SomaticTables: Sendable {
        public var oncoTree: String?
        public var hotspots: String?
        /// Gene roles (oncogene / tumor suppressor) for the oncogenicity criteria.
        public var geneRoles: String?
        /// MANE summary (NCBI `MANE.GRCh38.v*.summary.txt`): flags MANE Select transcripts in models without tags.
        public var maneSummary: String?
        public init(oncoTree: String? = nil, hotspots: String? = nil, geneRoles: String? = nil, maneSummary: String? = nil) {
            self.oncoTree = oncoTree; self.hotspots = hotspots; self.geneRoles = geneRoles; self.maneSummary = maneSummary
        }
    }

    /// The consequence stage, built as `annotate` builds it (`ConsequenceStage`): the gene models named in the case
    /// (`inputs.geneModels`), else those stored in the knowledge base (`kb build --transcripts`), with the reference.
    ///
    /// Transcripts named in the report-transcripts table are flagged canonical, so the stage's choice (MANE Select >
    /// canonical > longest CDS) reports them where the model tags no MANE Select transcript (RefSeq GFF3 without
    /// MANE tags would otherwise report BRCA1 on its longest model instead of NM_007294.4), and the germline stage's
    /// PVS1 reads the same transcript.
    static func consequenceStage(paths: CasePaths, kb: KnowledgeBase, query: VCFReader?, maneSelect: Set<String> = [],
                                 reportTranscripts: [String: String] = [:]) throws(InputError) -> (ConsequenceAnnotator?, StageState) {
        let queryBuild = query.flatMap { GenomeBuild.detect(contigs: $0.header.contigs) }.map { ($0.build, $0.evidence) }
        guard let models = try ConsequenceStage.models(kb: kb, files: paths.geneModels ?? [], queryBuild: queryBuild,
                                                       queryPath: query?.path ?? paths.caseFile) else {
            return (nil, .notEvaluated(.noGeneModel))
        }
        guard let ref = paths.reference else {
            return (nil, .notEvaluated(.noReference))
        }
        let transcripts = ConsequenceStage.flag(models.transcripts, maneSelect: maneSelect, reportTranscripts: reportTranscripts)
        let fasta = try FastaReference(path: ref)
        return (ConsequenceAnnotator(model: GeneModel(transcripts: transcripts), reference: fasta, source: models.source),
                .evaluated("CSL_CSQ (ConsequenceAnnotator) from \(models.source)"))
    }

    /// Annotates each input VCF of the case against `kb`: consequences on every input; the germline stage
    /// (ACMG/AMP, `GermlineAnnotator`) on the germline VCF; the somatic stage (`SomaticAnnotator`: AMP tier,
    /// oncogenicity, JP level for the case's OncoTree code) on the tumor VCF when an OncoTree table is given.
    public static func run(case c: CaseFile, paths: CasePaths, kb: KnowledgeBase, somaticTables: SomaticTables = SomaticTables(),
                           reportTranscripts: [String: String] = [:]) throws(InputError) -> CaseAnnotation {
        let first = try (paths.somatic ?? paths.germline).map { p throws(InputError) in try VCFReader(path: p) }
        let maneSelect = try somaticTables.maneSummary.map { p throws(InputError) in try SequenceCriteriaAdapter.maneSelect(summary: p) } ?? []
        let (csq, consequenceState) = try consequenceStage(paths: paths, kb: kb, query: first, maneSelect: maneSelect,
                                                           reportTranscripts: reportTranscripts)
        let relevantTranscripts = Set(reportTranscripts.values).union(maneSelect)
        var evaluation = Evaluation(consequences: consequenceState,
                                    germlineClassification: .notEvaluated(paths.germline == nil ? .noGermlineVCF : .noConsequenceStage),
                                    somaticClassification: .notEvaluated(paths.somatic == nil ? .noTumorVCF : .noOncoTree))
        var inputs: [Input] = []
        let reference = try paths.reference.map { p throws(InputError) in try FastaReference(path: p) }
        for (role, path) in [("somatic", paths.somatic), ("germline", paths.germline)] {
            guard let path else { continue }
            var stages: [RecordAnnotator] = []
            if let csq { stages.append(csq) }
            var classified: Set<String> = []
            if role == "germline", let csq {
                stages.append(try ClassificationStages.germline(kb: kb, consequences: csq, relevantTranscripts: relevantTranscripts,
                                                                hotspotTable: somaticTables.hotspots))
                classified.formUnion(ReportInfoFields.germline)
                evaluation.germlineClassification = .evaluated("CSL_ACMG* (GermlineAnnotator, consilium \(ConsiliumVersion.string))")
            }
            if role == "somatic", let treePath = somaticTables.oncoTree, let code = c.tumor?.oncotree {
                let roles = try somaticTables.geneRoles.map { p throws(InputError) in try GeneRoles(path: p).byGene } ?? [:]
                let somatic = try ClassificationStages.somatic(kb: kb, tumorType: code, oncoTreeTable: treePath, hotspotTable: somaticTables.hotspots,
                                                               geneRoles: roles, consequences: csq)
                stages.append(somatic)
                classified.formUnion(ReportInfoFields.somatic)
                evaluation.somaticClassification = .evaluated("CSL_AMP_TIER/CSL_ONCOGENICITY/CSL_JP_LEVEL (SomaticAnnotator, \(somatic.classifier.oncoTree.release)) for \(code)")
            }
            let reader = try VCFReader(path: path)
            // Fields already in the input (annotated upstream by `consilium annotate`) are read when the header
            // declares them; a stage that runs here overwrites its own.
            var keep: Set<String> = classified
            let inputHeader = reader.header.text
            for key in ReportInfoFields.all where inputHeader.contains("##INFO=<ID=\(key),") { keep.insert(key) }
            if csq != nil { keep.insert(ReportInfoFields.consequence) }
            if !evaluation.consequences.isEvaluated && keep.contains(ReportInfoFields.consequence) {
                evaluation.consequences = .evaluated("CSL_CSQ from the input VCF (annotated upstream)")
            }
            if !evaluation.germlineClassification.isEvaluated && keep.contains("CSL_ACMG") {
                evaluation.germlineClassification = .evaluated("CSL_ACMG* from the input VCF (annotated upstream)")
            }
            if !evaluation.somaticClassification.isEvaluated && keep.contains("CSL_AMP_TIER") {
                evaluation.somaticClassification = .evaluated("CSL_AMP_TIER/CSL_JP_LEVEL from the input VCF (annotated upstream)")
            }
            let pipeline = try AnnotationPipeline(reader: reader, reference: reference, kb: kb, annotators: stages)
            let header = pipeline.normalizer.outputHeader
            let warnings = Counter()
            pipeline.normalizer.warningHandler = { _ in warnings.value += 1 }
            let names = reader.header.sampleNames
            var sampleIndex: Int? = names.isEmpty ? nil : 0
            if let wanted = c.inputs.sample, !names.isEmpty {
                guard let i = names.firstIndex(of: wanted) else {
                    throw InputError(file: path, location: .file, field: "inputs.sample",
                                     problem: "the sample named in the case file is not a column of this VCF (it has \(names.count) sample\(names.count == 1 ? "" : "s"))",
                                     hint: "give the VCF's sample column name, or leave inputs.sample out to use the first sample")
                }
                sampleIndex = i
            }
            let collector = ObservationCollector(header: header, consequences: csq, origin: role, sampleIndex: sampleIndex, kb: kb, keep: keep)
            _ = try pipeline.run(into: collector)
            inputs.append(Input(role: role, path: path, sample: sampleIndex.map { names[$0] }, recordsRead: reader.recordNumber,
                                referenceWarnings: warnings.value, observations: collector.observations))
        }
        return CaseAnnotation(inputs: inputs, evaluation: evaluation)
    }
}

/// The case's files, resolved against the case file's folder.
public struct CasePaths: Sendable {
    public var caseFile: String
    public var somatic: String?
    public var germline: String?
    public var regions: String?
    public var reference: String?
    public var geneModels: [String]?

    public init(caseFile: String, case c: CaseFile) {
        let dir = (caseFile as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (dir.isEmpty ? p : (dir as NSString).appendingPathComponent(p)) }
        self.caseFile = caseFile
        somatic = c.inputs.somatic.map(resolve)
        germline = c.inputs.germline.map(resolve)
        regions = c.test.regions.map(resolve)
        reference = c.inputs.reference.map(resolve)
        geneModels = c.inputs.geneModels?.map(resolve)
    }

    /// Every input file with its role, for the provenance digests.
    public var all: [(role: String, path: String)] {
        var out: [(String, String)] = [("case", caseFile)]
        if let somatic { out.append(("somatic", somatic)) }
        if let germline { out.append(("germline", germline)) }
        if let regions { out.append(("regions", regions)) }
        if let reference { out.append(("reference", reference)) }
        for g in geneModels ?? [] { out.append(("gene_model", g)) }
        return out
    }
}
