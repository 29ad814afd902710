/// Matches contig names across naming styles: UCSC (`chr1`, `chrM`) and Ensembl/NCBI (`1`, `MT`).
///
/// A VCF, its reference and the knowledge base often disagree on style; the variant is the same.
public enum ContigAliases {
    /// The other spellings of `name`, most likely first (not including `name` itself).
    public static func alternatives(of name: String) -> [String] {
        switch name {
        case "chrM": return ["MT", "M", "chrMT"]
        case "MT": return ["chrM", "M", "chrMT"]
        case "M": return ["chrM", "MT"]
        case "chrMT": return ["MT", "chrM"]
        default: break
        }
        if name.hasPrefix("chr") { return [String(name.dropFirst(3))] }
        return ["chr" + name]
    }

    /// The first of `name` and its alternatives accepted by `exists`, or nil.
    public static func resolve(_ name: String, in exists: (String) -> Bool) -> String? {
        if exists(name) { return name }
        return alternatives(of: name).first(where: exists)
    }

    /// A style-free key: `chr17` and `17` give `17`; `chrM`, `M` and `MT` give `MT`.
    public static func canonical(_ name: String) -> String {
        let bare = name.hasPrefix("chr") ? String(name.dropFirst(3)) : name
        return bare == "M" ? "MT" : bare
    }
}
