import ArgumentParser

/// The tables the classification stages read besides the knowledge base, declared once for `annotate --classify`
/// and `case report` so both commands name and describe them the same way.
struct SomaticTableOptions: ParsableArguments {
    @Option(name: .customLong("oncotree"), help: ArgumentHelp(
        "OncoTree table (flattened TSV, oncotree_<release>.tsv) for the somatic stage (AMP tier, oncogenicity, JP level): decides on-label vs off-label.",
        valueName: "TSV"))
    var oncoTree: String?

    @Option(name: .customLong("hotspots"), help: ArgumentHelp(
        "cancerhotspots.org residue table (v3_multi_type_residue.txt): PM1 (germline) and OS3/OM3/OP3 (somatic).",
        valueName: "TSV"))
    var hotspots: String?

    @Option(name: .customLong("gene-roles"), help: ArgumentHelp(
        "Gene roles in cancer (TSV: gene, role, source, verified) for the oncogenicity criteria OVS1/OM2.", valueName: "TSV"))
    var geneRoles: String?
}
