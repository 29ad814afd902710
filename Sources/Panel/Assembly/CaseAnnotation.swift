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
        public init(oncoTree: String? = nil, hotspots: String? = nil, geneRoles: String? = nil) {
            self.oncoTree = oncoTree; self.hotspots = hotspots; self.geneRoles = geneRoles
        }
    }

    /// The consequence stage: the gene models named in the case (`inputs.geneModels`), else those stored in the
    /// knowledge base (`kb build --transcripts`), with the case's reference.
    ///
    /// Transcripts named in the report-transcripts table are marked canonical, so the stage's choice (MANE Select >
    /// canonical > longest CDS) reports them where the model tags no MANE Select transcript (RefSeq GFF3 without
    /// MANE tags would otherwise report BRCA1 on the longest XM_/NM_ model instead of NM_007294.4), and the
    /// germline stage's PVS1 reads the same transcript.
    static func consequenceStage(paths: CasePaths, kb: KnowledgeBase, reportTranscripts: [String: String] = [:]) throws(InputError) -> (ConsequenceAnnotator?, StageState) {
        let stored = kb.dataSources(kind: "genemodel")
        let given = paths.geneModels ?? []
        guard !given.isEmpty || !stored.isEmpty else {
            return (nil, .notEvaluated("no gene model (inputs.geneModels, or kb build --transcripts)"))
        }
        guard let ref = paths.reference else {
            return (nil, .notEvaluated("gene models are available but no reference was given (-f, or inputs.reference): transcript sequences come from it"))
        }
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
        if !reportTranscripts.isEmpty {
            transcripts = transcripts.map { t in
                guard reportTranscripts[t.symbol] == t.id, !t.isCanonical else { return t }
                return Transcript(id: t.id, geneID: t.geneID, symbol: t.symbol, biotype: t.biotype, contig: t.contig, strand: t.strand,
                                  exons: t.exons, codingStart: t.codingStart, codingEnd: t.codingEnd, cdsStartPhase: t.cdsStartPhase,
                                  isMANESelect: t.isMANESelect, isCanonical: true)
            }
        }
        let fasta = try FastaReference(path: ref)
        let source = names.joined(separator: "; ").replacingOccurrences(of: "\"", with: "'")
        return (ConsequenceAnnotator(model: GeneModel(transcripts: transcripts), reference: fasta, source: source),
                .evaluated("CSL_CSQ (ConsequenceAnnotator) from \(source)"))
    }

    static func somaticInputError(_ e: SomaticInputError) -> InputError {
        InputError(file: e.source, location: e.line.map { .line($0) } ?? .file, field: e.field, problem: e.problem)
    }

    /// Annotates each input VCF of the case against `kb`: consequences on every input; the germline stage
    /// (ACMG/AMP, `GermlineAnnotator`) on the germline VCF; the somatic stage (`SomaticAnnotator`: AMP tier,
    /// oncogenicity, JP level for the case's OncoTree code) on the tumor VCF when an OncoTree table is given.
    public static func run(case c: CaseFile, paths: CasePaths, kb: KnowledgeBase, somaticTables: SomaticTables = SomaticTables(),
                           reportTranscripts: [String: String] = [:]) throws(InputError) -> CaseAnnotation {
        let (csq, consequenceState) = try consequenceStage(paths: paths, kb: kb, reportTranscripts: reportTranscripts)
        let relevantTranscripts = Set(reportTranscripts.values)
        var evaluation = Evaluation(consequences: consequenceState,
                                    germlineClassification: .notEvaluated(paths.germline == nil ? "no germline VCF in this case" : "no consequence stage (the germline criteria read the report transcript)"),
                                    somaticClassification: .notEvaluated(paths.somatic == nil ? "no tumor VCF in this case" : "give --oncotree (the OncoTree table decides on/off-label levels) and a tumor.oncotree code"))
        var inputs: [Input] = []
        let reference = try paths.reference.map { p throws(InputError) in try FastaReference(path: p) }
        for (role, path) in [("somatic", paths.somatic), ("germline", paths.germline)] {
            guard let path else { continue }
            var stages: [RecordAnnotator] = []
            if let csq { stages.append(csq) }
            var classified: Set<String> = []
            if role == "germline", let csq {
                let sequence = SequenceCriteriaAdapter(relevantTranscripts: relevantTranscripts)
                stages.append(try GermlineAnnotator(kb: kb, consequences: csq, sequence: sequence))
                classified.formUnion(ReportInfoFields.germline)
                evaluation.germlineClassification = .evaluated("CSL_ACMG* (GermlineAnnotator, consilium \(ConsiliumVersion.string))")
            }
            if role == "somatic", let treePath = somaticTables.oncoTree, let code = c.tumor?.oncotree {
                let tree: OncoTree
                do { tree = try OncoTree.load(path: treePath) } catch { throw somaticInputError(error) }
                var hotspots: CancerHotspots?
                if let h = somaticTables.hotspots {
                    do { hotspots = try CancerHotspots.load(path: h) } catch { throw somaticInputError(error) }
                }
                // The somatic stage reads gene and protein change from the consequence stage's report transcript.
                let roles = try somaticTables.geneRoles.map { p throws(InputError) in try GeneRoles(path: p).byGene } ?? [:]
                stages.append(try SomaticAnnotator(kb: kb, tumorType: code, oncoTree: tree, hotspots: hotspots, geneRoles: roles) { [weak csq] alt in
                    guard let csq, let effect = csq.chosen(alt: alt) else { return nil }
                    return SomaticAnnotator.facts(effect: effect, model: csq.predictor.model)
                })
                classified.formUnion(ReportInfoFields.somatic)
                evaluation.somaticClassification = .evaluated("CSL_AMP_TIER/CSL_ONCOGENICITY/CSL_JP_LEVEL (SomaticAnnotator, \(tree.release)) for \(code)")
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
