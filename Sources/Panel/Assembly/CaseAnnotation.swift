import Annotation
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

    /// The record annotators available to a case report, in contract order: consequences from the gene models
    /// named in the case (`inputs.geneModels`), else those stored in the knowledge base (`kb build --transcripts`),
    /// with the case's reference. Classification stages join here as they land.
    static func annotators(for c: CaseFile, paths: CasePaths, kb: KnowledgeBase) throws(InputError) -> (stages: [RecordAnnotator], evaluation: Evaluation) {
        var stages: [RecordAnnotator] = []
        var consequences = StageState.notEvaluated("no gene model (inputs.geneModels, or kb build --transcripts) and no CSL_CSQ in the input")
        let stored = kb.dataSources(kind: "genemodel")
        let given = paths.geneModels ?? []
        if !given.isEmpty || !stored.isEmpty {
            if let ref = paths.reference {
                var transcripts: [Transcript] = []
                var names: [String] = []
                if given.isEmpty {
                    for s in stored {
                        let bytes = try kb.data(of: s)
                        transcripts += try GeneModel(bundleBytes: bytes, file: (kb.path as NSString).appendingPathComponent(s.index)).transcripts
                        names.append("\(s.file)\(s.version.map { " \($0)" } ?? "")")
                    }
                } else {
                    for g in given {
                        transcripts += try GeneModelReader.read(path: g).transcripts
                        names.append((g as NSString).lastPathComponent)
                    }
                }
                let fasta = try FastaReference(path: ref)
                let source = names.joined(separator: "; ").replacingOccurrences(of: "\"", with: "'")
                stages.append(ConsequenceAnnotator(model: GeneModel(transcripts: transcripts), reference: fasta, source: source))
                consequences = .evaluated("CSL_CSQ (ConsequenceAnnotator) from \(source)")
            } else {
                consequences = .notEvaluated("gene models are available but the case gives no inputs.reference (transcript sequences come from it)")
            }
        }
        let germline = StageState.notEvaluated("germline classification (CSL_ACMG) is not available in this build")
        let somatic = StageState.notEvaluated("somatic classification (CSL_AMP_TIER, CSL_JP_LEVEL) is not available in this build")
        return (stages, Evaluation(consequences: consequences, germlineClassification: germline, somaticClassification: somatic))
    }

    /// Annotates each input VCF of the case against `kb`.
    public static func run(case c: CaseFile, paths: CasePaths, kb: KnowledgeBase) throws(InputError) -> CaseAnnotation {
        let available = try annotators(for: c, paths: paths, kb: kb)
        let stages = available.stages
        var evaluation = available.evaluation
        var inputs: [Input] = []
        let reference = try paths.reference.map { p throws(InputError) in try FastaReference(path: p) }
        for (role, path) in [("somatic", paths.somatic), ("germline", paths.germline)] {
            guard let path else { continue }
            let reader = try VCFReader(path: path)
            // Fields already in the input (annotated upstream by `consilium annotate`) are read when the header
            // declares them; a stage that runs here overwrites its own.
            var keep: Set<String> = []
            let inputHeader = reader.header.text
            for key in ReportInfoFields.all where inputHeader.contains("##INFO=<ID=\(key),") { keep.insert(key) }
            let pipeline = try AnnotationPipeline(reader: reader, reference: reference, kb: kb, annotators: stages)
            let header = pipeline.normalizer.outputHeader
            let warnings = Counter()
            pipeline.normalizer.warningHandler = { _ in warnings.value += 1 }
            if stages.contains(where: { $0 is ConsequenceAnnotator }) { keep.insert(ReportInfoFields.consequence) }
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
            let collector = ObservationCollector(header: header, consequences: stages.compactMap { $0 as? ConsequenceAnnotator }.first, origin: role, sampleIndex: sampleIndex, kb: kb, keep: keep)
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
