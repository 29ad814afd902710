import Consequence
import Foundation
import HTS
import Knowledge
import Variants

/// Loads the gene models of the consequence stage — from the knowledge base (`kb build --transcripts`) or from
/// files given on the command line — so `annotate` and case reports build the same stage.
public enum ConsequenceStage {
    /// The transcripts and a description of where they came from (for header lines and provenance).
    public struct Models {
        public var transcripts: [Transcript]
        /// File names with their release, `; `-separated.
        public var source: String
    }

    /// Gene models from `files` when given, else those stored in `kb`; nil when there are none.
    ///
    /// A file whose header names another genome build than `queryBuild` is refused: it would give plausible but
    /// wrong consequences.
    public static func models(kb: KnowledgeBase, files: [String], queryBuild: (build: GenomeBuild, evidence: String)?, queryPath: String) throws(InputError) -> Models? {
        var transcripts: [Transcript] = []
        var names: [String] = []
        if files.isEmpty {
            let stored = kb.dataSources(kind: "genemodel")
            guard !stored.isEmpty else { return nil }
            for s in stored {
                let bytes = try kb.data(of: s)
                transcripts += try GeneModel(bundleBytes: bytes, file: (kb.path as NSString).appendingPathComponent(s.index)).transcripts
                names.append("\(s.file)\(s.version.map { " \($0)" } ?? "")")
            }
        } else {
            for g in files {
                let header = try GeneModelReader.header(path: g)
                if let q = queryBuild, let b = header.genomeBuild, b != q.build.rawValue {
                    throw InputError(file: g, location: .file, field: "header",
                                     problem: "the gene model's header says \(b) but the VCF \(queryPath) is \(q.build.rawValue) (\(q.evidence))",
                                     hint: "give a gene model of the VCF's genome build")
                }
                transcripts += try GeneModelReader.read(path: g).transcripts
                names.append((g as NSString).lastPathComponent + (header.version.map { " \($0)" } ?? ""))
            }
        }
        return Models(transcripts: transcripts, source: names.joined(separator: "; ").replacingOccurrences(of: "\"", with: "'"))
    }

    /// Flags as MANE Select the transcripts listed in `maneSelect` (ids with or without version, e.g. from a MANE
    /// summary file), and as canonical those named per gene in `reportTranscripts`: RefSeq GFF3s derived
    /// without MANE tags (cdot) would otherwise report BRCA1 on its longest model instead of NM_007294.4.
    public static func flag(_ transcripts: [Transcript], maneSelect: Set<String> = [], reportTranscripts: [String: String] = [:]) -> [Transcript] {
        guard !maneSelect.isEmpty || !reportTranscripts.isEmpty else { return transcripts }
        return transcripts.map { t in
            let mane = !t.isMANESelect && (maneSelect.contains(t.id) || maneSelect.contains(String(t.unversionedID)))
            let canonical = !t.isCanonical && reportTranscripts[t.symbol] == t.id
            guard mane || canonical else { return t }
            return t.flagged(maneSelect: mane ? true : nil, canonical: canonical ? true : nil)
        }
    }
}
