import ArgumentParser
import Foundation
import HTS
import Knowledge

/// `consilium kb build`: import sources into a versioned, memory-mapped knowledge-base folder.
struct KBBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a knowledge-base folder from ClinVar and population-frequency VCFs.",
        discussion: """
        Every source is normalized on import with the same code as `consilium norm` (split multiallelic \
        records; left-align indels when --reference is given), so a multiallelic or unaligned source record \
        still matches a normalized query. The folder holds manifest.json (genome build, contigs, each \
        source's file, version, SHA-256 and counts) and one integer-keyed index per source. The same inputs \
        give byte-identical index files. The folder is built under a temporary name and renamed when complete.

        Examples:
          consilium kb build -o kb --clinvar clinvar.vcf.gz
          consilium kb build -o kb --reference GRCh38.fa --clinvar clinvar.vcf.gz \\
              --frequencies gnomad_exomes=gnomad.exomes.v4.1.sites.vcf.bgz \\
              --frequencies tommo=tommo-54kjpn.vcf.gz

        Exit status: 0 success, 1 bad input (file, line and field named), 2 bad usage.
        """
    )

    @Option(name: .short, help: ArgumentHelp("The knowledge-base folder to create (or replace).", valueName: "KB"))
    var output: String

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Reference FASTA; sources are then left-aligned as `consilium norm -f` does, and its genome build is checked.",
        valueName: "REF.fa"))
    var reference: String?

    @Option(name: .customLong("clinvar"), help: ArgumentHelp("NCBI ClinVar VCF (clinvar.vcf.gz).", valueName: "F"))
    var clinvar: String?

    @Option(name: .customLong("frequencies"), help: ArgumentHelp(
        "A population-frequency VCF under a label (repeatable): gnomAD v2/v3/v4 or AF/AC/AN-only panels. The label prefixes the INFO fields (LABEL_AF …).",
        valueName: "LABEL=F"))
    var frequencies: [String] = []

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No notes on stderr.")
    var quiet = false

    func validate() throws {
        for f in frequencies {
            guard let eq = f.firstIndex(of: "="), eq != f.startIndex, f.index(after: eq) != f.endIndex else {
                throw ValidationError("--frequencies takes LABEL=FILE (e.g. gnomad_exomes=gnomad.exomes.vcf.bgz); got '\(f)'")
            }
            let label = String(f[..<eq])
            guard KBBuilder.validate(label: label) else {
                throw ValidationError("--frequencies label '\(label)' must start with a letter and hold only letters, digits and _")
            }
        }
        if clinvar == nil && frequencies.isEmpty {
            throw ValidationError("give at least one source: --clinvar F or --frequencies LABEL=F")
        }
    }

    func run() throws {
        var builder = KBBuilder(output: output)
        builder.reference = reference
        builder.clinvar = clinvar
        builder.frequencies = frequencies.compactMap { f in
            guard let eq = f.firstIndex(of: "=") else { return nil }
            return KBBuilder.FrequencySource(label: String(f[..<eq]), path: String(f[f.index(after: eq)...]))
        }
        let quiet = self.quiet
        builder.onStep = { message in if !quiet { CLIOutput.note("kb build: \(message)") } }
        let start = Date()
        let manifest = try builder.build()
        if !quiet {
            let seconds = Date().timeIntervalSince(start)
            for s in manifest.sources {
                CLIOutput.note("kb build: \(s.label): \(s.counts.records) records, \(s.counts.indexed) alleles indexed (\(s.counts.duplicates) duplicates, \(s.counts.skipped) skipped)")
            }
            CLIOutput.note(String(format: "kb build: wrote %@ in %.1f s", output, seconds))
        }
    }
}
