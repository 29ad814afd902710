/// Disease Ontology ids (as CIViC gives them) → OncoTree codes, for on-label/off-label decisions.
///
/// Written by hand (Consilium, 2026-11) for the diseases of the shared CIViC records (API v1/v2 JSON and the
/// 2017 evidence export: every disease with two or more evidence items, and the singletons with an obvious
/// OncoTree node) and for the demo tumor types. Rules used:
/// - the OncoTree node with the same meaning, else the nearest *broader* node (so evidence for "Stomach Cancer"
///   maps to the tissue `STOMACH` and stays on-label for every gastric subtype, never claiming a narrower one);
/// - receptor-defined breast cancers (HER2+, ER+, triple negative) map to `BRCA`: OncoTree has no receptor
///   nodes, receptor status is a biomarker;
/// - "Cancer" (DOID:162) maps to the OncoTree root `TISSUE`: pan-cancer (tumor-agnostic) evidence;
/// - hereditary syndromes (Lynch, VHL, Peutz-Jeghers) and categories that straddle tissues (hematologic cancer,
///   acute leukemia, malignant mesothelioma, sarcoma of any site) have no code: they match no tumor type exactly.
///
/// A disease not listed falls back to an exact, case-insensitive match on the OncoTree name (`OncoTree.code(named:)`).
public enum DiseaseOncoTreeMap {
    /// DOID (digits only, as the CIViC importer stores it) → OncoTree code.
    public static let byDOID: [String: String] = [
        "162": OncoTree.root,        // Cancer (pan-cancer)
        "3908": "NSCLC", "3910": "LUAD", "3909": "LUAD", "6482": "LUAD", "3907": "LUSC", "5409": "SCLC",
        "1324": "LUNG", "3905": "LUNG",
        "1909": "MEL", "8923": "SKCM", "6367": "ACRM", "6039": "UM", "14145": "ARMM",
        "9119": "AML", "0060318": "APLPMLRARA", "0050908": "MDS", "8552": "CML", "2226": "MPN", "4971": "PMF",
        "8997": "PV", "349": "SM",
        "1040": "CLLSLL", "0050745": "DLBCLNOS", "50476": "MCL", "0050746": "MCL", "0050873": "FL", "285": "HCL",
        "0050744": "ALCL", "0050749": "PTCL", "9538": "PCM", "9583": "PCM", "70004": "PCM",
        "9952": "LNM", "10747": "LNM", "5603": "TLL", "7061": "BLL",
        "1612": "BREAST", "0060079": "BRCA", "0060075": "BRCA", "0060081": "BRCA", "6263": "IBC",
        "9256": "COADREAD", "0050861": "COADREAD", "219": "COAD", "1520": "COAD", "3029": "MACR",
        "0050626": "GINET",
        "5520": "HNSC", "11934": "HEAD_NECK", "1542": "HEAD_NECK", "0050866": "OCSC", "8557": "OPHSC",
        "0050904": "SACA",
        "10283": "PROSTATE", "10286": "PROSTATE", "2526": "PRAD",
        "3068": "GB", "3073": "GB", "0060108": "DIFG", "3069": "ASTR", "3181": "ODG", "0060105": "MBL",
        "3565": "MNG", "0050903": "EPM",
        "2394": "OVARY", "4001": "OVT", "2152": "OVT", "0050933": "SOC", "2999": "GRCT", "7651": "SCCO",
        "9253": "GIST", "5485": "SYNS", "0001816": "ANGS", "5363": "MRLS", "3368": "ES", "3369": "ES", "3347": "OS",
        "0050905": "IMT", "5940": "MPNST",
        "769": "NBL",
        "3717": "STAD", "5517": "STAD", "10534": "STOMACH", "3748": "ESCC", "4914": "ESCA", "7941": "ESCA",
        "4450": "RCC", "4451": "RCC", "4467": "CCRCC", "4465": "PRCC",
        "1380": "UCEC", "2871": "UCEC", "0050939": "UCEC", "5750": "USC",
        "1793": "PANCREAS", "4905": "PANCREAS", "4074": "PAAD", "3498": "PAAD", "3587": "PAAD",
        "1781": "THYROID", "3963": "THYROID", "3969": "THPA", "3962": "THFO", "3973": "THME",
        "4007": "BLADDER", "2671": "BLADDER", "6477": "BLCA",
        "4947": "CHOL", "4896": "CHOL", "684": "HCC", "5015": "FLC",
        "2513": "BCC", "3965": "MCC", "3151": "CSCC",
        "4362": "CERVIX", "3702": "CEAD", "3744": "CESC",
        "7474": "PLMESO", "1788": "PEMESO",
        "3948": "ACC", "3284": "THYC",
    ]

    /// The OncoTree code for an evidence disease: by DOID, else by exact OncoTree name; nil when neither matches
    /// or the mapped code is not in this OncoTree release.
    public static func code(doid: String?, name: String?, in tree: OncoTree) -> String? {
        if let doid, let c = byDOID[doid], tree.contains(c) { return c }
        if let name, let c = tree.code(named: name) { return c }
        return nil
    }
}
