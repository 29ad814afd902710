import Annotation
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
        public var observations: [VariantObservation]
    }

    public var inputs: [Input]
    public var evaluation: Evaluation

    /// The record annotators available to a case report, in contract order. Consequences come from the gene
    /// models named in the case (with the reference); classification stages are added here as they land.
    static func annotators(for c: CaseFile, paths: CasePaths) throws(InputError) -> (stages: [RecordAnnotator], evaluation: Evaluation) {
        var stages: [RecordAnnotator] = []
        var consequences = StageState.notEvaluated("no gene model in the case file (inputs.geneModels) and no CSL_CSQ in the input")
        if let models = paths.geneModels, !models.isEmpty {
            if let ref = paths.reference {
                let fasta = try FastaReference(path: ref)
                stages.append(try ConsequenceStage(geneModels: models, reference: fasta))
                consequences = .evaluated("CSL_CSQ from \(models.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
            } else {
                consequences = .notEvaluated("inputs.geneModels needs inputs.reference (the transcript sequences come from it)")
            }
        }
        let germline = StageState.notEvaluated("germline classification (CSL_ACMG) is not available in this build")
        let somatic = StageState.notEvaluated("somatic classification (CSL_AMP_TIER, CSL_JP_LEVEL) is not available in this build")
        return (stages, Evaluation(consequences: consequences, germlineClassification: germline, somaticClassification: somatic))
    }

    /// Annotates each input VCF of the case against `kb`.
    public static func run(case c: CaseFile, paths: CasePaths, kb: KnowledgeBase) throws(InputError) -> CaseAnnotation {
        var (stages, evaluation) = try annotators(for: c, paths: paths)
        var inputs: [Input] = []
        let reference = try paths.reference.map { p throws(InputError) in try FastaReference(path: p) }
        for (role, path) in [("somatic", paths.somatic), ("germline", paths.germline)] {
            guard let path else { continue }
            let reader = try VCFReader(path: path)
            let pipeline = try AnnotationPipeline(reader: reader, reference: reference, kb: kb)
            let header = pipeline.normalizer.outputHeader
            // Fields already in the input (annotated upstream by `consilium annotate`) are read when the header
            // declares them; a stage that runs here overwrites its own.
            var keep: Set<String> = []
            for key in ReportInfoFields.all where header.text.contains("##INFO=<ID=\(key),") { keep.insert(key) }
            for stage in stages {
                for line in stage.headerLines where !header.text.contains(line) { _ = header.append(line: line) }
            }
            if stages.contains(where: { $0 is ConsequenceStage }) { keep.insert(ReportInfoFields.consequence) }
            if !evaluation.consequences.isEvaluated && keep.contains(ReportInfoFields.consequence) {
                evaluation.consequences = .evaluated("CSL_CSQ from the input VCF (annotated upstream)")
            }
            if !evaluation.germlineClassification.isEvaluated && keep.contains("CSL_ACMG") {
                evaluation.germlineClassification = .evaluated("CSL_ACMG* from the input VCF (annotated upstream)")
            }
            if !evaluation.somaticClassification.isEvaluated && keep.contains("CSL_AMP_TIER") {
                evaluation.somaticClassification = .evaluated("CSL_AMP_TIER/CSL_JP_LEVEL from the input VCF (annotated upstream)")
            }
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
            let collector = ObservationCollector(header: header, annotators: stages, origin: role, sampleIndex: sampleIndex, kb: kb, keep: keep)
            _ = try pipeline.run(into: collector)
            inputs.append(Input(role: role, path: path, sample: sampleIndex.map { names[$0] }, recordsRead: reader.recordNumber,
                                observations: collector.observations))
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
