/// `manifest.json` of a knowledge-base folder: what was built, from what, and the checksum of every file.
///
/// A report cites the manifest's own SHA-256, so the exact knowledge base behind a classification can be
/// named years later. Encoded with sorted keys; the build time is the only field that changes between two
/// builds of the same inputs (index files are byte-identical).
public struct KBManifest: Codable, Sendable, Equatable {
    public static let currentFormatVersion = 1

    public struct Contig: Codable, Sendable, Equatable {
        public var name: String
        /// 0 when no source or reference gave a length.
        public var length: Int
        public init(name: String, length: Int) { self.name = name; self.length = length }
    }

    public struct Counts: Codable, Sendable, Equatable {
        /// Records read from the source file.
        public var records: Int = 0
        /// ALT alleles after normalization (split records count once per allele).
        public var alleles: Int = 0
        /// Alleles stored in the index.
        public var indexed: Int = 0
        /// Alleles that normalized to one already stored (the first one is kept).
        public var duplicates: Int = 0
        /// Alleles that cannot be looked up: missing (`.`), `*`, symbolic (`<DEL>`) or breakends.
        public var skipped: Int = 0
        /// Gene models: genes and transcripts stored (absent for other sources).
        public var genes: Int?
        public var transcripts: Int?
        public init() {}
    }

    public struct Source: Codable, Sendable, Equatable {
        /// The name used in annotations: `clinvar`, or a frequency label such as `gnomad_exomes`.
        public var label: String
        /// `clinvar`, `frequencies`, `civic`, `genes`, `curations` or `genemodel`.
        public var kind: String
        /// The source file's name (without its folder, which is machine-specific).
        public var file: String
        public var sha256: String
        /// The release read from the source header (`##fileDate`, `##source`, a gnomAD version), when found.
        public var version: String?
        /// Where `version` came from (e.g. `##fileDate`, `file name`).
        public var versionFrom: String?
        /// Genome build the source declares or its contig lengths show.
        public var genomeBuild: String?
        public var counts: Counts
        /// The index or data file in the bundle.
        public var index: String
        /// Knowledge-base column → source field (INFO key, or `ID` for the VCF ID column).
        public var fields: [String: String]
        /// The source file's format when the kind allows several (gene models: `GFF3` or `GTF`).
        public var format: String?
        public init(label: String, kind: String, file: String, sha256: String, version: String?, versionFrom: String?,
                    genomeBuild: String?, counts: Counts, index: String, fields: [String: String]) {
            self.label = label; self.kind = kind; self.file = file; self.sha256 = sha256; self.version = version
            self.versionFrom = versionFrom; self.genomeBuild = genomeBuild; self.counts = counts; self.index = index
            self.fields = fields
        }
    }

    public struct Normalization: Codable, Sendable, Equatable {
        /// Reference FASTA file name used to left-align sources, or nil (split and trim only).
        public var reference: String?
        public var leftAligned: Bool
        public init(reference: String?, leftAligned: Bool) { self.reference = reference; self.leftAligned = leftAligned }
    }

    public var formatVersion: Int
    public var genomeBuild: String?
    public var genomeBuildEvidence: String?
    public var contigs: [Contig]
    public var sources: [Source]
    /// Every file of the bundle except the manifest, with its SHA-256.
    public var files: [String: String]
    /// Index files with their `FastChecksum` (`fx64:…`), checked at every open; absent in older bundles,
    /// which are then checked with SHA-256.
    public var checksums: [String: String]?
    /// UTC, ISO 8601.
    public var buildTime: String
    public var consiliumVersion: String
    public var normalization: Normalization

    public init(formatVersion: Int = KBManifest.currentFormatVersion, genomeBuild: String?, genomeBuildEvidence: String?,
                contigs: [Contig], sources: [Source], files: [String: String], buildTime: String,
                consiliumVersion: String, normalization: Normalization) {
        self.formatVersion = formatVersion; self.genomeBuild = genomeBuild; self.genomeBuildEvidence = genomeBuildEvidence
        self.contigs = contigs; self.sources = sources; self.files = files; self.buildTime = buildTime
        self.consiliumVersion = consiliumVersion; self.normalization = normalization
    }
}
