import Foundation
import HTS
import Variants

/// Builds a knowledge-base folder: imports each source, writes its index, then `manifest.json`.
///
/// The folder is assembled under a temporary name next to the destination and renamed into place when
/// complete, so a failed build leaves no half-made knowledge base and an existing one untouched.
public struct KBBuilder {
    public struct FrequencySource: Sendable {
        public var label: String
        public var path: String
        public init(label: String, path: String) { self.label = label; self.path = path }
    }

    /// A non-variant source already loaded by its importer (CIViC, gene table, curations), stored as
    /// canonical JSON (sorted keys) in the bundle.
    public struct DocumentSource: Sendable {
        public var label: String
        public var kind: String
        public var path: String
        public var json: Data
        public var records: Int
        public var version: String?
        public init(label: String, kind: String, path: String, json: Data, records: Int, version: String? = nil) {
            self.label = label; self.kind = kind; self.path = path; self.json = json; self.records = records
            self.version = version
        }
    }

    /// A file stored in the bundle as given and kept opaque here (a gene model in the Consequence target's
    /// binary form), listed in the manifest with its checksums and checked at every open.
    public struct DataSource: Sendable {
        public var label: String
        public var kind: String
        /// The original file (its name and SHA-256 go into the manifest).
        public var path: String
        public var bytes: [UInt8]
        public var counts: KBManifest.Counts
        public var version: String?
        public var versionFrom: String?
        public var genomeBuild: String?
        public var format: String?
        public init(label: String, kind: String, path: String, bytes: [UInt8], counts: KBManifest.Counts,
                    version: String? = nil, versionFrom: String? = nil, genomeBuild: String? = nil, format: String? = nil) {
            self.label = label; self.kind = kind; self.path = path; self.bytes = bytes; self.counts = counts
            self.version = version; self.versionFrom = versionFrom; self.genomeBuild = genomeBuild; self.format = format
        }

        /// The file name in the bundle.
        public var bundleFile: String { "\(kind).\(label).bin" }
    }

    public var output: String
    public var reference: String?
    public var clinvar: String?
    public var frequencies: [FrequencySource] = []
    public var documents: [DocumentSource] = []
    /// Gene models (kind `genemodel`) and other opaque files, in the order given.
    public var dataFiles: [DataSource] = []
    /// Called with a short message as each source starts (for the CLI's progress notes).
    public var onStep: @Sendable (String) -> Void = { _ in }

    public init(output: String) { self.output = output }

    /// Labels name INFO fields (`L_AF`), so they must be valid INFO keys and unique.
    public static func validate(label: String) -> Bool {
        guard let first = label.unicodeScalars.first, CharacterSet.letters.contains(first), label.count <= 40 else { return false }
        return label.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "_" }
    }

    public func build() throws(InputError) -> KBManifest {
        let labels = frequencies.map(\.label)
        for l in labels where !KBBuilder.validate(label: l) {
            throw InputError(file: output, location: .file, field: "--frequencies",
                             problem: "the label '\(l)' is not usable as an INFO field prefix",
                             hint: "use letters, digits and _ starting with a letter, e.g. gnomad_exomes=FILE")
        }
        if Set(labels).count != labels.count || labels.contains(where: { $0.lowercased() == "clinvar" }) {
            throw InputError(file: output, location: .file, field: "--frequencies",
                             problem: "frequency labels must be unique and not 'clinvar'", hint: "give each source its own label")
        }
        if clinvar == nil && frequencies.isEmpty && documents.isEmpty && dataFiles.isEmpty {
            throw InputError(file: output, location: .file, problem: "no source given",
                             hint: "give at least one of --clinvar F, --frequencies LABEL=F, --transcripts F")
        }
        let dataFileNames = dataFiles.map(\.bundleFile)
        for d in dataFiles where !KBBuilder.validate(label: d.label) || !KBBuilder.validate(label: d.kind) {
            throw InputError(file: d.path, location: .file, problem: "the label '\(d.label)' is not usable in a file name",
                             hint: "use letters, digits and _ starting with a letter")
        }
        if Set(dataFileNames).count != dataFileNames.count {
            throw InputError(file: output, location: .file, problem: "two \(dataFiles.first?.kind ?? "data") sources have the same label",
                             hint: "give each source its own label")
        }
        let fm = FileManager.default
        let dest = URL(fileURLWithPath: output)
        let parent = dest.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(file: output, location: .file, problem: "the folder \(parent) does not exist", hint: "create it first (mkdir -p \(parent))")
        }
        if fm.fileExists(atPath: output, isDirectory: &isDir) {
            let isKB = isDir.boolValue && fm.fileExists(atPath: dest.appendingPathComponent("manifest.json").path)
            let isEmptyDir = isDir.boolValue && ((try? fm.contentsOfDirectory(atPath: output))?.isEmpty ?? false)
            guard isKB || isEmptyDir else {
                throw InputError(file: output, location: .file, problem: "the output exists and is not a knowledge-base folder",
                                 hint: "give a new folder name, or remove it first")
            }
        }
        let temp = "\(parent)/.\(dest.lastPathComponent).consilium-\(getpid())-\(String(UInt64.random(in: 0..<UInt64.max), radix: 36)).partial"
        do { try fm.createDirectory(atPath: temp, withIntermediateDirectories: false) } catch {
            throw InputError(file: output, location: .file, problem: "cannot create the build folder \(temp)", hint: "check the folder permissions")
        }
        var committed = false
        defer { if !committed { try? fm.removeItem(atPath: temp) } }

        var fasta: FastaReference?
        var buildDecision: (build: GenomeBuild, evidence: String)?
        if let reference {
            let ref = try FastaReference(path: reference)
            fasta = ref
            if let d = GenomeBuild.detect(contigs: ref.sequences) { buildDecision = (d.build, "\(reference): \(d.evidence)") }
        }
        // Every source must agree with the first build seen (reference first).
        let check: (VCFHeader, String) throws(InputError) -> String? = { header, path throws(InputError) in
            guard let d = SourceProvenance.build(header: header) else { return nil }
            if let known = buildDecision, known.build != d.build {
                throw InputError(file: path, location: .file, field: "##contig",
                                 problem: "this source is \(d.build.rawValue) (\(d.evidence)) but \(known.evidence) is \(known.build.rawValue)",
                                 hint: "build the knowledge base from sources and a reference of one genome build")
            }
            if buildDecision == nil { buildDecision = (d.build, "\(path): \(d.evidence)") }
            return d.build.rawValue
        }
        var contigs = ContigRegistry()
        if let fasta {
            for (name, length) in fasta.sequences { _ = try contigs.register(name: name, length: length, origin: fasta.path) }
        }
        var sources: [KBManifest.Source] = []
        var pending: [(file: String, builder: IndexBuilder, sourceIndex: Int)] = []
        if let clinvar {
            onStep("importing ClinVar from \(clinvar)")
            let r = try ClinVarImporter.load(path: clinvar, reference: fasta, contigs: &contigs, buildCheck: check)
            let version = r.header.map { SourceProvenance.version(header: $0, path: clinvar) } ?? (value: nil, from: nil)
            sources.append(KBManifest.Source(label: "clinvar", kind: "clinvar", file: URL(fileURLWithPath: clinvar).lastPathComponent,
                                             sha256: try SHA256.file(clinvar), version: version.value, versionFrom: version.from,
                                             genomeBuild: r.build, counts: r.counts, index: "clinvar.idx", fields: r.fields))
            pending.append(("clinvar.idx", r.builder, sources.count - 1))
        }
        for f in frequencies {
            onStep("importing \(f.label) from \(f.path)")
            let r = try FrequencyImporter.load(path: f.path, label: f.label, reference: fasta, contigs: &contigs, buildCheck: check)
            let version = r.header.map { SourceProvenance.version(header: $0, path: f.path) } ?? (value: nil, from: nil)
            let file = "freq.\(f.label).idx"
            sources.append(KBManifest.Source(label: f.label, kind: "frequencies", file: URL(fileURLWithPath: f.path).lastPathComponent,
                                             sha256: try SHA256.file(f.path), version: version.value, versionFrom: version.from,
                                             genomeBuild: r.build, counts: r.counts, index: file, fields: r.fields))
            pending.append((file, r.builder, sources.count - 1))
        }
        var files: [String: String] = [:]
        var checksums: [String: String] = [:]
        for p in pending {
            let bytes = p.builder.serialize(contigCount: contigs.contigs.count)
            sources[p.sourceIndex].counts.indexed = p.builder.count
            sources[p.sourceIndex].counts.duplicates = p.builder.duplicates
            let path = "\(temp)/\(p.file)"
            try KBBuilder.write(bytes, to: path)
            files[p.file] = bytes.withUnsafeBytes { SHA256.hash($0) }
            checksums[p.file] = bytes.withUnsafeBytes { FastChecksum.hex($0) }
        }
        for d in documents {
            let file = "\(d.kind).\(d.label).json"
            let bytes = [UInt8](d.json)
            try KBBuilder.write(bytes, to: "\(temp)/\(file)")
            files[file] = bytes.withUnsafeBytes { SHA256.hash($0) }
            var counts = KBManifest.Counts()
            counts.records = d.records
            counts.indexed = d.records
            sources.append(KBManifest.Source(label: d.label, kind: d.kind, file: URL(fileURLWithPath: d.path).lastPathComponent,
                                             sha256: try KBBuilder.sha256(ofFileOrFolder: d.path), version: d.version,
                                             versionFrom: d.version == nil ? nil : "source", genomeBuild: nil, counts: counts,
                                             index: file, fields: [:]))
        }
        for d in dataFiles {
            onStep("storing \(d.kind) \(d.label) from \(d.path)")
            if let b = d.genomeBuild, let known = buildDecision, known.build.rawValue != b {
                throw InputError(file: d.path, location: .file, field: "header",
                                 problem: "this file's header says \(b) but \(known.evidence) is \(known.build.rawValue)",
                                 hint: "build the knowledge base from sources of one genome build")
            }
            if buildDecision == nil, let b = d.genomeBuild.flatMap(GenomeBuild.init(rawValue:)) {
                buildDecision = (b, "\(d.path): header")
            }
            let file = d.bundleFile
            try KBBuilder.write(d.bytes, to: "\(temp)/\(file)")
            files[file] = d.bytes.withUnsafeBytes { SHA256.hash($0) }
            checksums[file] = d.bytes.withUnsafeBytes { FastChecksum.hex($0) }
            var source = KBManifest.Source(label: d.label, kind: d.kind, file: URL(fileURLWithPath: d.path).lastPathComponent,
                                           sha256: try SHA256.file(d.path), version: d.version, versionFrom: d.versionFrom,
                                           genomeBuild: d.genomeBuild, counts: d.counts, index: file, fields: [:])
            source.format = d.format
            sources.append(source)
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var manifest = KBManifest(genomeBuild: buildDecision?.build.rawValue, genomeBuildEvidence: buildDecision?.evidence,
                                  contigs: contigs.contigs, sources: sources, files: files,
                                  buildTime: formatter.string(from: Date()), consiliumVersion: ConsiliumVersion.string,
                                  normalization: .init(reference: reference.map { URL(fileURLWithPath: $0).lastPathComponent },
                                                       leftAligned: reference != nil))
        manifest.checksums = checksums
        try KBBuilder.write([UInt8](try KBManifestCoding.encode(manifest)), to: "\(temp)/manifest.json")
        // Swap into place: an existing knowledge base is moved aside first, then removed.
        var old: String?
        if fm.fileExists(atPath: output) {
            let aside = temp + ".old"
            if rename(output, aside) != 0 {
                throw InputError(file: output, location: .file, problem: "cannot replace the existing folder (\(String(cString: strerror(errno))))")
            }
            old = aside
        }
        if rename(temp, output) != 0 {
            if let old { _ = rename(old, output) }
            throw InputError(file: output, location: .file, problem: "cannot move the finished knowledge base into place (\(String(cString: strerror(errno))))")
        }
        committed = true
        if let old { try? fm.removeItem(atPath: old) }
        return manifest
    }

    static func write(_ bytes: [UInt8], to path: String) throws(InputError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw InputError(file: path, location: .file, problem: "cannot write the file (disk full or no permission?)")
        }
    }

    /// A file's SHA-256; for a folder (CIViC exports), the SHA-256 of the sorted `name  sha256` lines of its files.
    static func sha256(ofFileOrFolder path: String) throws(InputError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(file: path, location: .file, problem: "no such file or folder")
        }
        if !isDir.boolValue { return try SHA256.file(path) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        var listing = ""
        for n in names where !n.hasPrefix(".") {
            let p = "\(path)/\(n)"
            var sub: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &sub), !sub.boolValue {
                listing += "\(try SHA256.file(p))  \(n)\n"
            }
        }
        var h = SHA256()
        h.update(Array(listing.utf8))
        return h.finalizeHex()
    }
}

/// JSON with sorted keys and a fixed layout, so equal values give equal bytes.
public enum KBManifestCoding {
    public static func encode<T: Encodable>(_ value: T) throws(InputError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(value) + Data("\n".utf8) } catch {
            throw InputError(file: "manifest.json", location: .file, problem: "cannot encode: \(error)")
        }
    }
}
