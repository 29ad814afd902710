import Annotation
import ArgumentParser
import HTS
import Knowledge
import Panel

/// `annotate --classify germline|somatic`: which classification stages run after consequences, and their tables.
struct ClassifyOptions: ParsableArguments {
    enum Stage: String, CaseIterable { case germline, somatic }

    @Option(name: .customLong("classify"), help: ArgumentHelp(
        "Classify each ALT: germline (ACMG/AMP with ClinGen SVI → CSL_ACMG*), somatic (AMP/ASCO/CAP tier, oncogenicity, JP level → CSL_AMP_TIER, CSL_ONCOGENICITY*, CSL_JP_LEVEL, CSL_SOMATIC_EVIDENCE), or both (germline,somatic).",
        valueName: "germline|somatic"))
    var classify: String?

    @Option(name: .customLong("tumor-type"), help: ArgumentHelp(
        "OncoTree code of the tumor for --classify somatic (e.g. SKCM, BRCA, LUAD): decides on-label vs off-label levels.",
        valueName: "ONCOTREE"))
    var tumorType: String?

    @OptionGroup var tables: SomaticTableOptions

    func stages() throws -> Set<Stage> {
        guard let classify else { return [] }
        var s: Set<Stage> = []
        for part in classify.split(separator: ",") {
            guard let stage = Stage(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--classify takes germline, somatic or germline,somatic (got '\(classify)')")
            }
            s.insert(stage)
        }
        return s
    }

    func validate() throws {
        let s = try stages()
        if s.contains(.somatic) {
            guard tumorType != nil else { throw ValidationError("--classify somatic needs --tumor-type ONCOTREE (e.g. --tumor-type SKCM)") }
            guard tables.oncoTree != nil else { throw ValidationError("--classify somatic needs --oncotree TSV: the OncoTree table decides on-label vs off-label") }
        } else if tumorType != nil || tables.oncoTree != nil || tables.geneRoles != nil {
            throw ValidationError("--tumor-type, --oncotree and --gene-roles apply to --classify somatic")
        }
        if s.isEmpty && tables.hotspots != nil {
            throw ValidationError("--hotspots applies to --classify")
        }
    }

    /// The classification stages in their order (germline, then somatic), reading the consequence stage.
    /// `maneSelect`: transcripts (from --mane-summary) that count as biologically relevant for PVS1.
    func annotators(kb: KnowledgeBase, consequences: ConsequenceAnnotator?, maneSelect: Set<String>) throws -> [RecordAnnotator] {
        let s = try stages()
        var out: [RecordAnnotator] = []
        if !s.isEmpty && consequences == nil {
            CLIOutput.warning("--classify without consequences (no gene model in the knowledge base or --gene-model, or no -f): PVS1, PM4, PP3/BP4, BP3, BP7, PS1/PM5 and the consequence-based somatic criteria are not evaluated")
        }
        if s.contains(.germline) {
            out.append(try ClassificationStages.germline(kb: kb, consequences: consequences, relevantTranscripts: maneSelect,
                                                         hotspotTable: tables.hotspots))
        }
        if s.contains(.somatic), let tumorType, let oncoTree = tables.oncoTree {
            let roles = try tables.geneRoles.map { p throws(InputError) in try GeneRoles(path: p).byGene } ?? [:]
            out.append(try ClassificationStages.somatic(kb: kb, tumorType: tumorType, oncoTreeTable: oncoTree,
                                                        hotspotTable: tables.hotspots, geneRoles: roles, consequences: consequences))
        }
        return out
    }
}
