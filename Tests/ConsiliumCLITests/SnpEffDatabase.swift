import Foundation
import TestSupport

/// GFF3 rewriting that SnpEff 5.1 (Debian) needs to read the shared gene models as they are meant.
///
/// SnpEff names a feature by its `transcript_id`/`gene_id` attribute when there is one, but looks parents up
/// by the `Parent` value; in Ensembl GFF3 (`ID=transcript:ENST…;transcript_id=ENST…`, exons with
/// `Parent=transcript:ENST…`) and in the RefSeq BRCA1 GFF3 (`ID=rna-NM_…;transcript_id=NM_…`) the two
/// differ, so every exon lands in a new, gene-less transcript and the CDS in another (45% start-codon
/// errors at build time). It also ignores transcript types other than mRNA/transcript (`lnc_RNA`,
/// `unconfirmed_transcript`) and gene types other than gene (`ncRNA_gene`). The rewrite keeps every
/// coordinate, strand and phase: it only strips the `transcript:`/`gene:`/`rna-`/`gene-` prefixes, drops the
/// redundant `transcript_id`/`gene_id`, and names those types `transcript`/`gene`.
///
/// One biotype is renamed: SnpEff translates only `protein_coding` transcripts and calls every change in a
/// `nonsense_mediated_decay` transcript non_coding_transcript_exon_variant, while VEP translates every
/// transcript with a CDS (NMD ones included) and adds NMD_transcript_variant. So that the coding consequences
/// of NMD transcripts are compared at all, SnpEff's copy calls them `protein_coding`.
enum SnpEffGFF {
    static let idPrefixes = ["transcript:", "gene:", "rna-", "gene-"]

    static func strippedID(_ id: String) -> String {
        for p in idPrefixes where id.hasPrefix(p) { return String(id.dropFirst(p.count)) }
        return id
    }

    static let keptTypes: Set<Substring> = ["gene", "mRNA", "transcript", "exon", "CDS"]

    /// The feature lines of `gff` in the form SnpEff reads.
    static func rewrite(_ gff: String) throws -> String {
        var out = ""
        for line in try String(contentsOfFile: gff, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            var f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 9 else { continue }
            let attributes = f[8].split(separator: ";").compactMap { a -> String? in
                if a.hasPrefix("transcript_id=") || a.hasPrefix("gene_id=") { return nil }
                if a == "biotype=nonsense_mediated_decay" { return "biotype=protein_coding" }
                if a.hasPrefix("ID=") { return "ID=" + strippedID(String(a.dropFirst(3))) }
                if a.hasPrefix("Parent=") {
                    return "Parent=" + a.dropFirst(7).split(separator: ",").map { strippedID(String($0)) }.joined(separator: ",")
                }
                return String(a)
            }
            if !keptTypes.contains(Substring(f[2])) {
                if f[2].hasSuffix("gene") { f[2] = "gene" } else if attributes.contains(where: { $0.hasPrefix("Parent=") }) { f[2] = "transcript" }
            }
            f[8] = attributes.joined(separator: ";")
            out += f.joined(separator: "\t") + "\n"
        }
        return out
    }
}

/// A SnpEff database built in a temporary folder from FASTA + GFF3, and `snpEff ann` over it.
///
/// SnpEff is run as `java -jar /usr/share/java/snpeff.jar`, not through Debian's `snpEff` wrapper: when `-c`
/// is given the wrapper echoes its arguments to standard output (an unquiet `grep`), which would corrupt
/// the annotated VCF.
struct SnpEffDatabase {
    static let jar = "/usr/share/java/snpeff.jar"
    static let genome = "consilium_regions"
    let folder: URL
    var config: String { folder.appendingPathComponent("snpEff.config").path }

    static func java() throws -> String {
        guard let java = Command.which("java"), FileManager.default.fileExists(atPath: jar) else {
            throw SnpEffSetupError(message: "snpEff is not installed (java and \(jar) are needed); `make deps` installs it (apt-get install snpeff)")
        }
        return java
    }

    /// Writes the config, the genome's `sequences.fa.gz` (the gzip members of `fastas` concatenated) and
    /// `genes.gff` (the rewritten `gffs`), then runs `snpEff build -gff3`.
    static func build(in folder: URL, fastas: [String], gffs: [String]) throws -> (database: SnpEffDatabase, log: String) {
        let data = folder.appendingPathComponent("data/\(genome)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "data.dir = \(folder.path)/data/\n\(genome).genome : Consilium differential regions\n"
            .write(to: folder.appendingPathComponent("snpEff.config"), atomically: true, encoding: .utf8)
        var sequences = Data()
        for fasta in fastas { sequences.append(try Data(contentsOf: URL(fileURLWithPath: fasta))) }
        try sequences.write(to: data.appendingPathComponent("sequences.fa.gz"))
        var genes = "##gff-version 3\n"
        for gff in gffs { genes += try SnpEffGFF.rewrite(gff) }
        try genes.write(to: data.appendingPathComponent("genes.gff"), atomically: true, encoding: .utf8)
        let db = SnpEffDatabase(folder: folder)
        // No CDS/protein FASTA to check against: the test's own checks of the models are in ConsequenceTests.
        let r = try Command.run(try java(), ["-Xmx1g", "-jar", jar, "build", "-gff3", "-noCheckCds", "-noCheckProtein",
                                             "-noLog", "-c", db.config, genome])
        guard r.status == 0 else { throw SnpEffSetupError(message: "snpEff build failed (\(r.status)): \(r.stderr.suffix(2000))") }
        return (db, r.stderr)
    }

    /// `snpEff ann` of `vcf`; returns the annotated VCF text.
    ///
    /// `-noShiftHgvs`: SnpEff 5 otherwise moves every indel to its most 3′ position on the transcript (the HGVS
    /// rule) before it predicts the consequence; VEP (without `--shift_3prime`) and Consilium predict at the
    /// position written in the VCF and shift only the HGVS names. No motif/NextProt/interaction databases exist
    /// for this genome, so those lookups are off.
    func annotate(_ vcf: String) throws -> String {
        let r = try Command.run(try Self.java(), ["-Xmx1g", "-jar", Self.jar, "ann", "-noStats", "-noLog", "-noShiftHgvs",
                                                  "-noMotif", "-noNextProt", "-noInteraction", "-c", config, Self.genome, vcf])
        guard r.status == 0 else { throw SnpEffSetupError(message: "snpEff ann failed (\(r.status)): \(r.stderr.suffix(2000))") }
        return r.stdoutText
    }
}
