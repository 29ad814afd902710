import Foundation
import HTS
import Variants

/// An opened knowledge-base folder: the manifest, checked files, and the variant tables for lookups.
///
/// Opening verifies every file named in the manifest (index files by their fast checksum, JSON documents and,
/// with `fullVerification`, index files too by SHA-256), then the structure of each index, so a damaged
/// knowledge base is refused up front rather than giving a wrong answer later.
public final class KnowledgeBase: @unchecked Sendable {
    public let path: String
    public let manifest: KBManifest
    /// SHA-256 of `manifest.json`: names this exact knowledge base in reports.
    public let manifestSHA256: String
    public let clinvar: ClinVarTable?
    public let frequencies: [FrequencyTable]
    private let contigByCanonical: [String: Int]

    public init(path: String, fullVerification: Bool = false) throws(InputError) {
        self.path = path
        let manifestPath = (path as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw InputError(file: path, location: .file,
                             problem: exists ? "not a knowledge-base folder (no manifest.json)" : "no such knowledge base",
                             hint: "build one with `consilium kb build -o \(path) --clinvar clinvar.vcf.gz`")
        }
        let decoded: KBManifest
        do { decoded = try JSONDecoder().decode(KBManifest.self, from: data) } catch {
            throw InputError(file: manifestPath, location: .file, problem: "the manifest is damaged or not a Consilium manifest (\(KnowledgeBase.describe(error)))",
                             hint: "rebuild the knowledge base with `consilium kb build`")
        }
        manifest = decoded
        manifestSHA256 = data.withUnsafeBytes { SHA256.hash($0) }
        guard decoded.formatVersion == KBManifest.currentFormatVersion else {
            throw InputError(file: manifestPath, location: .file, field: "formatVersion",
                             problem: "knowledge-base format \(decoded.formatVersion) is not supported (this consilium reads \(KBManifest.currentFormatVersion))",
                             hint: "rebuild the knowledge base with this version of consilium")
        }
        // Every file the manifest lists must be there and unchanged, including JSON documents and gene models
        // (these by their fast checksum when the manifest has one, except under `fullVerification`).
        for (file, sum) in decoded.files.sorted(by: { $0.key < $1.key }) where !file.hasSuffix(".idx") {
            let p = (path as NSString).appendingPathComponent(file)
            if !fullVerification, let fast = decoded.checksums?[file] {
                _ = try KnowledgeBase.read(p, fastChecksum: fast)
                continue
            }
            let actual = try SHA256.file(p)
            guard actual == sum else {
                throw InputError(file: p, location: .file, problem: "the file is damaged: its SHA-256 does not match the manifest",
                                 hint: "rebuild the knowledge base with `consilium kb build`")
            }
        }
        var byCanonical: [String: Int] = [:]
        for (i, c) in decoded.contigs.enumerated() { byCanonical[ContigAliases.canonical(c.name)] = i }
        contigByCanonical = byCanonical
        var clinvar: ClinVarTable?
        var freqs: [FrequencyTable] = []
        for s in decoded.sources where s.kind == "clinvar" || s.kind == "frequencies" {
            let p = (path as NSString).appendingPathComponent(s.index)
            guard let sum = decoded.files[s.index] else {
                throw InputError(file: manifestPath, location: .file, field: "files",
                                 problem: "the manifest lists no checksum for \(s.index)", hint: "rebuild the knowledge base")
            }
            // The fast checksum at every open; the full SHA-256 with `fullVerification` (kb info) or for bundles
            // written before checksums existed.
            let check = fullVerification ? sum : (decoded.checksums?[s.index] ?? sum)
            let index = try VariantIndex(path: p, expectedSHA256: check)
            guard index.contigCount <= decoded.contigs.count else {
                throw InputError(file: p, location: .file, problem: "the index has more contigs than the manifest", hint: "rebuild the knowledge base")
            }
            if s.kind == "clinvar" { clinvar = try ClinVarTable(index: index, source: s) }
            else { freqs.append(try FrequencyTable(index: index, source: s)) }
        }
        self.clinvar = clinvar
        frequencies = freqs
    }

    /// The knowledge-base contig for a name in any style (`chr17`, `17`), or nil.
    public func contigIndex(of name: String) -> Int? { contigByCanonical[ContigAliases.canonical(name)] }

    public var genomeBuild: GenomeBuild? { manifest.genomeBuild.flatMap(GenomeBuild.init(rawValue:)) }

    /// The sources stored as opaque files of one kind (`genemodel`), in manifest order.
    public func dataSources(kind: String) -> [KBManifest.Source] { manifest.sources.filter { $0.kind == kind } }

    /// The bytes of a source's bundle file, checked again against the manifest (fast checksum, else SHA-256).
    public func data(of source: KBManifest.Source) throws(InputError) -> [UInt8] {
        let p = (path as NSString).appendingPathComponent(source.index)
        if let fast = manifest.checksums?[source.index] { return try KnowledgeBase.read(p, fastChecksum: fast) }
        guard let sum = manifest.files[source.index] else {
            throw InputError(file: (path as NSString).appendingPathComponent("manifest.json"), location: .file, field: "files",
                             problem: "the manifest lists no checksum for \(source.index)", hint: "rebuild the knowledge base")
        }
        let bytes = try KnowledgeBase.read(p)
        guard bytes.withUnsafeBytes({ SHA256.hash($0) }) == sum else {
            throw InputError(file: p, location: .file, problem: "the file is damaged: its SHA-256 does not match the manifest",
                             hint: "rebuild the knowledge base with `consilium kb build`")
        }
        return bytes
    }

    static func read(_ p: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: p) else {
            throw InputError(file: p, location: .file, problem: "a file the manifest lists is missing or unreadable",
                             hint: "rebuild the knowledge base with `consilium kb build`")
        }
        return [UInt8](data)
    }

    static func read(_ p: String, fastChecksum: String) throws(InputError) -> [UInt8] {
        let bytes = try read(p)
        guard bytes.withUnsafeBytes({ FastChecksum.hex($0) }) == fastChecksum else {
            throw InputError(file: p, location: .file, problem: "the file is damaged: its checksum does not match the manifest",
                             hint: "rebuild the knowledge base with `consilium kb build`")
        }
        return bytes
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing key \(key.stringValue)" }
        if case DecodingError.typeMismatch(_, let ctx) = error { return "wrong type at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))" }
        if case DecodingError.dataCorrupted = error { return "not valid JSON" }
        return "cannot decode"
    }
}

/// ClinVar rows with their column numbers resolved once.
public struct ClinVarTable: @unchecked Sendable {
    public let index: VariantIndex
    public let source: KBManifest.Source
    public let id: Int, significance: Int, reviewStatus: Int, stars: Int, diseaseName: Int

    init(index: VariantIndex, source: KBManifest.Source) throws(InputError) {
        func col(_ n: String) throws(InputError) -> Int {
            guard let c = index.column(n) else {
                throw InputError(file: index.file.path, location: .file, problem: "the ClinVar index has no \(n) column", hint: "rebuild the knowledge base")
            }
            return c
        }
        self.index = index; self.source = source
        id = try col("CLINVAR_ID"); significance = try col("CLNSIG"); reviewStatus = try col("CLNREVSTAT")
        stars = try col("STARS"); diseaseName = try col("CLNDN")
    }
}

/// One frequency source's rows; columns the source lacks are nil.
public struct FrequencyTable: @unchecked Sendable {
    public let index: VariantIndex
    public let source: KBManifest.Source
    public var label: String { source.label }
    public let af: Int?, ac: Int?, an: Int?, nhomalt: Int?, afGrpmax: Int?, faf95: Int?

    init(index: VariantIndex, source: KBManifest.Source) throws(InputError) {
        self.index = index; self.source = source
        af = index.column("AF"); ac = index.column("AC"); an = index.column("AN"); nhomalt = index.column("NHOMALT")
        afGrpmax = index.column("AF_GRPMAX"); faf95 = index.column("FAF95")
    }
}
