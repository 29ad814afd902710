import ArgumentParser
import Foundation
import HTS
import Knowledge

/// `consilium kb info`: what a knowledge base holds and where it came from.
struct KBInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a knowledge base's manifest: genome build, sources, versions, checksums, counts.",
        discussion: """
        The files are checked against the manifest's SHA-256 sums first; a damaged knowledge base is an error.

        Examples:
          consilium kb info kb
          consilium kb info kb --json | jq '.sources[].version'
        """
    )

    @Argument(help: ArgumentHelp("The knowledge-base folder.", valueName: "KB"))
    var path: String

    @Flag(name: .customLong("json"), help: "Print manifest.json as it is.")
    var json = false

    func run() throws {
        let kb = try KnowledgeBase(path: path, fullVerification: true)
        if json {
            let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent("manifest.json")) ?? Data()
            FileHandle.standardOutput.write(data)
            return
        }
        let m = kb.manifest
        var out = "Knowledge base \(path)\n"
        out += "  format version   \(m.formatVersion)\n"
        out += "  genome build     \(m.genomeBuild ?? "unknown")\(m.genomeBuildEvidence.map { " (\($0))" } ?? "")\n"
        out += "  built            \(m.buildTime) with consilium \(m.consiliumVersion)\n"
        out += "  normalization    \(m.normalization.leftAligned ? "split, trimmed, left-aligned against \(m.normalization.reference ?? "?")" : "split and trimmed (no reference)")\n"
        out += "  manifest sha256  \(kb.manifestSHA256)\n"
        let withLength = m.contigs.filter { $0.length > 0 }.count
        out += "  contigs          \(m.contigs.count) (\(withLength) with lengths): \(m.contigs.prefix(8).map(\.name).joined(separator: ", "))\(m.contigs.count > 8 ? ", …" : "")\n"
        out += "Sources\n"
        for s in m.sources {
            out += "  \(s.label) [\(s.kind)]\n"
            out += "    file           \(s.file)\n"
            out += "    version        \(s.version ?? "unknown")\(s.versionFrom.map { " (from \($0))" } ?? "")\n"
            if let b = s.genomeBuild { out += "    genome build   \(b)\n" }
            out += "    sha256         \(s.sha256)\n"
            if let f = s.format { out += "    format         \(f)\n" }
            if s.kind == "genemodel" {
                out += "    records        \(s.counts.genes ?? 0) genes, \(s.counts.transcripts ?? s.counts.records) transcripts\n"
            } else if s.kind == "clinvar" || s.kind == "frequencies" {
                out += "    records        \(s.counts.records) read, \(s.counts.alleles) alleles, \(s.counts.indexed) indexed, \(s.counts.duplicates) duplicates, \(s.counts.skipped) skipped\n"
            } else {
                out += "    records        \(s.counts.records)\n"
            }
            if !s.fields.isEmpty {
                out += "    fields         \(s.fields.sorted { $0.key < $1.key }.map { "\($0.key)←\($0.value)" }.joined(separator: ", "))\n"
            }
            out += "    index          \(s.index)  sha256 \(m.files[s.index] ?? "?")\(m.checksums?[s.index].map { "  \($0)" } ?? "")\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
