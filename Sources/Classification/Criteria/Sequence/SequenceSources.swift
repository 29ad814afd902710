/// The publications behind the sequence-based criteria (PVS1, PP3/BP4, PM4, BP3, BP7).
///
/// Facts taken from a secondary source or not yet checked against the paper carry `verify: true` and are shown
/// as **[verify]** in `docs/classification.md`.
public enum SequenceSources {
    public static let abouTayoun2018 = Citation(
        "Abou Tayoun et al. 2018, Hum Mutat 39:1517, Figure 1 (PVS1 decision tree)",
        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC6185798/")
    public static let pejaver2022 = Citation(
        "Pejaver et al. 2022, Am J Hum Genet 109:2163, Table 2 (calibrated PP3/BP4 score intervals)",
        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC9748256/table/tbl2")
    /// AlphaMissense was calibrated after Pejaver 2022 with the same method. The intervals come from a secondary
    /// listing of the published values (seqr issue 5147 quoting PMID 40084623), not from the paper's table.
    public static let bergquist2025 = Citation(
        "Bergquist et al. 2025, Genet Med (PMID 40084623): AlphaMissense PP3/BP4 intervals",
        url: "https://pubmed.ncbi.nlm.nih.gov/40084623/", verify: true)
    public static let walker2023 = Citation(
        "Walker et al. 2023, Am J Hum Genet 110:1046 (ClinGen SVI Splicing Subgroup: SpliceAI ≥ 0.2 PP3, ≤ 0.1 BP4/BP7)",
        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC10357475/")
    /// Walker 2023: for a missense variant, BP4 needs no predicted impact on the protein *and* on splicing; PP3 is
    /// applied once, from whichever prediction supports it.
    public static let walker2023Combination = Citation(
        "Walker et al. 2023, Am J Hum Genet 110:1046: missense BP4 needs no predicted splicing impact; PP3 counted once",
        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC10357475/", verify: true)
    public static let richards2015 = Citation(
        "Richards et al. 2015, Genet Med 17:405, Tables 3–4 (PM4, BP3, BP7)",
        url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC4544753/")
}
