import Foundation
import HTS

/// Release and genome build as a gene-model file's header states them, for the knowledge-base manifest.
public struct GeneModelHeader: Sendable, Equatable {
    /// The annotation release or date, e.g. `NCBI Homo sapiens Updated Annotation Release 110`, `version 44
    /// (Ensembl 110)` or `2023-03`; nil when the header names none.
    public var version: String?
    /// The header directive `version` came from (`#!annotation-source`, `#!genebuild-last-updated`, …).
    public var versionFrom: String?
    /// `GRCh38` or `GRCh37` from `#!genome-build`/`#!genome-version` or a GENCODE description, when stated.
    public var genomeBuild: String?
    /// `GFF3` or `GTF`, told as the reader tells it (attribute syntax), nil for a file without features.
    public var format: String?
}

extension GeneModelReader {
    /// Reads the leading comment lines of `path` (and the first feature line, to tell GFF3 from GTF).
    ///
    /// Directives, most specific release first: `#!annotation-source` (RefSeq), `##description: … version N`
    /// (GENCODE GTF), `#!genebuild-last-updated` (Ensembl), `#!annotation-date`, `##date:`, `#!genome-date`.
    public static func header(path: String) throws(InputError) -> GeneModelHeader {
        let reader = try TextLineReader(path: path)
        var directives: [(String, String)] = []
        var format: String?
        var done = false
        while !done, try reader.next({ (line: UnsafeBufferPointer<UInt8>) in
            if line.isEmpty { return }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("#") else {
                let columns = text.split(separator: "\t", maxSplits: 8, omittingEmptySubsequences: false)
                if columns.count == 9 {
                    let attrs = columns[8]
                    let eq = attrs.firstIndex(of: "="), quote = attrs.firstIndex(of: "\"")
                    format = quote != nil && (eq == nil || quote! < eq!) ? "GTF" : "GFF3"
                }
                done = true
                return
            }
            guard !text.hasPrefix("##FASTA") else { done = true; return }
            let body = text.drop { $0 == "#" || $0 == "!" }
            guard let sep = body.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == ":" }) else { return }
            let key = String(body[..<sep]).lowercased()
            let value = body[body.index(after: sep)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { directives.append((key, value)) }
        }) {}
        var h = GeneModelHeader(format: format)
        for key in ["annotation-source", "description", "genebuild-last-updated", "annotation-date", "date", "genome-date"] {
            guard let (_, value) = directives.first(where: { $0.0 == key }) else { continue }
            if key == "description" {
                // GENCODE: "evidence-based annotation of the human genome (GRCh38), version 44 (Ensembl 110)".
                guard let r = value.range(of: "version ") else { continue }
                h.version = String(value[r.lowerBound...])
            } else {
                h.version = value
            }
            h.versionFrom = key == "description" || key == "date" ? "##\(key)" : "#!\(key)"
            break
        }
        let buildText = directives.filter { ["genome-build", "genome-version", "description"].contains($0.0) }.map(\.1)
        for text in buildText {
            if text.contains("GRCh38") { h.genomeBuild = "GRCh38"; break }
            if text.contains("GRCh37") { h.genomeBuild = "GRCh37"; break }
        }
        return h
    }
}
