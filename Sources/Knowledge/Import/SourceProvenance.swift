import Foundation
import HTS
import Variants

/// Release and genome build of a source, read from its header (or, failing that, its file name).
enum SourceProvenance {
    /// The release: `##fileDate` (ClinVar), `##gnomAD_version`/`##version`, `##source`, else a `v4.0`-style
    /// token in the file name (gnomAD names its files `gnomad.exomes.v4.0.sites…`).
    static func version(header: VCFHeader, path: String) -> (value: String?, from: String?) {
        for key in ["gnomAD_version", "version", "fileDate"] {
            if let v = header.metaValues(key: key).first, !v.isEmpty { return (v, "##\(key)") }
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if let range = name.range(of: #"v[0-9]+(\.[0-9]+)+"#, options: .regularExpression) {
            return (String(name[range]), "file name")
        }
        if let v = header.metaValues(key: "source").first, !v.isEmpty { return (v, "##source") }
        return (nil, nil)
    }

    /// The build shown by contig lengths, else named by `##reference=` (GRCh38, hg38, GRCh37, hg19, b37).
    static func build(header: VCFHeader) -> (build: GenomeBuild, evidence: String)? {
        if let d = GenomeBuild.detect(contigs: header.contigs) { return d }
        for v in header.metaValues(key: "reference") {
            let l = v.lowercased()
            if l.contains("grch38") || l.contains("hg38") { return (.grch38, "##reference=\(v)") }
            if l.contains("grch37") || l.contains("hg19") || l.contains("b37") { return (.grch37, "##reference=\(v)") }
        }
        return nil
    }
}
