import Foundation
import HTS
import Knowledge
import Variants

/// From a case file and a knowledge base to the finished `CaseReport` (with its provenance hash).
public struct CaseReportBuilder {
    public var caseFilePath: String
    public var knowledgeBase: KnowledgeBase
    public var therapiesPath: String?
    public var trialsPath: String?
    public var transcriptsPath: String?
    /// Reference FASTA given on the command line; overrides the case file's `inputs.reference`.
    public var referencePath: String?
    /// OncoTree and cancer-hotspot tables for the somatic stage.
    public var somaticTables = CaseAnnotation.SomaticTables()
    public var parameters = ReportParameters()

    public init(caseFilePath: String, knowledgeBase: KnowledgeBase, therapiesPath: String? = nil, trialsPath: String? = nil,
                transcriptsPath: String? = nil) {
        self.caseFilePath = caseFilePath; self.knowledgeBase = knowledgeBase; self.therapiesPath = therapiesPath
        self.trialsPath = trialsPath; self.transcriptsPath = transcriptsPath
    }

    public func build() throws(InputError) -> CaseReport {
        let c = try CaseFileLoader.load(path: caseFilePath)
        var paths = CasePaths(caseFile: caseFilePath, case: c)
        if let referencePath { paths.reference = referencePath }
        for (role, path) in paths.all where !FileManager.default.fileExists(atPath: path) {
            throw InputError(file: caseFilePath, location: .file, field: role == "case" ? nil : "inputs (\(role))",
                             problem: "the \(role.replacingOccurrences(of: "_", with: " ")) file named in the case file does not exist",
                             hint: "paths in a case file are relative to the case file's folder")
        }
        let regions = try paths.regions.map { p throws(InputError) in try PanelRegions.read(path: p) } ?? []
        let therapies = try therapiesPath.map { p throws(InputError) in try TherapyTable(path: p) }
        let trials = try trialsPath.map { p throws(InputError) in try TrialTable(path: p) }
        let transcripts = try transcriptsPath.map { p throws(InputError) in try ReportTranscripts(path: p) } ?? ReportTranscripts()
        // The report transcripts are the biologically relevant ones for PVS1 where the gene model has no MANE tag.
        let annotation = try CaseAnnotation.run(case: c, paths: paths, kb: knowledgeBase, somaticTables: somaticTables,
                                                reportTranscripts: transcripts.byGene)
        var tables: [FileDigest] = []
        for (role, path) in [("therapies", therapiesPath), ("trials", trialsPath), ("report_transcripts", transcriptsPath),
                             ("oncotree", somaticTables.oncoTree), ("hotspots", somaticTables.hotspots),
                             ("gene_roles", somaticTables.geneRoles), ("mane_summary", somaticTables.maneSummary)] {
            guard let path else { continue }
            tables.append(FileDigest(role: role, file: (path as NSString).lastPathComponent, sha256: try SHA256.file(path)))
        }
        var digests: [FileDigest] = []
        for (role, path) in paths.all {
            digests.append(FileDigest(role: role, file: (path as NSString).lastPathComponent, sha256: try SHA256.file(path)))
        }
        let inputs = ReportInputs(caseFile: c, annotation: annotation, regions: regions, therapies: therapies, trials: trials,
                                  transcripts: transcripts, sfGenes: try sfGenes(), knowledgeBase: kbProvenance(),
                                  tables: tables, inputDigests: digests, parameters: parameters)
        return try ReportJSON.sealed(ReportAssembler.assemble(inputs))
    }

    func kbProvenance() -> KBProvenance {
        let m = knowledgeBase.manifest
        return KBProvenance(manifestSHA256: knowledgeBase.manifestSHA256, genomeBuild: m.genomeBuild, builtBy: m.consiliumVersion,
                            sources: m.sources.map { KBSourceDigest(label: $0.label, kind: $0.kind, file: $0.file, version: $0.version, sha256: $0.sha256) })
    }

    /// The ACMG SF genes of the KB's gene table (version `parameters.sfListVersion`), or nil without a gene table.
    func sfGenes() throws(InputError) -> Set<String>? {
        guard let source = knowledgeBase.manifest.sources.first(where: { $0.kind == "genes" }) else { return nil }
        let path = (knowledgeBase.path as NSString).appendingPathComponent(source.index)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, location: .file, problem: "the knowledge base's gene table is missing", hint: "rebuild the knowledge base")
        }
        do {
            let table = try JSONDecoder().decode(GeneTable.self, from: data)
            return Set(table.acmgSecondaryFindings(version: parameters.sfListVersion))
        } catch {
            throw InputError(file: path, location: .file, problem: "the knowledge base's gene table cannot be read", hint: "rebuild the knowledge base")
        }
    }
}
