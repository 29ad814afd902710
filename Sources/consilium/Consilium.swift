import ArgumentParser
import Foundation
import HTS
import Variants

/// The `consilium` command: normalization, knowledge base, annotation, consequences, classification and case reports.
@main
struct Consilium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consilium",
        abstract: "Expert-panel variant interpretation: normalize, annotate and classify VCF/BCF.",
        discussion: """
        Consilium reads VCF, bgzipped VCF and BCF through htslib. Every subcommand takes - for standard \
        input/output, exits 0 on success, 1 on bad input (the message names the file, the line and the field) \
        and 2 on bad usage. Outputs are written to a temporary file and renamed only when complete.

        Examples:
          consilium norm tumor.vcf.gz -f GRCh38.fa -o tumor.norm.bcf
          consilium norm in.bcf -f GRCh38.fa.gz -O z -o out.vcf.gz --write-index --threads 2
          consilium view in.vcf.gz -r chr17:43044295-43125483 -O b -o brca1.bcf
          consilium kb build -o kb --clinvar clinvar.vcf.gz --frequencies gnomad=gnomad.vcf.bgz
          consilium annotate tumor.vcf.gz -k kb -f GRCh38.fa -O tsv -o tumor.tsv

        Run `consilium help <subcommand>` for each command's options and examples.

        Documentation: docs/cli.md (every option), docs/architecture.md (how it is built).
        """,
        version: ConsiliumVersion.string,
        subcommands: [Norm.self, View.self, KB.self, Annotate.self, ACMG.self, CSQ.self, Case.self]
    )

    /// ArgumentParser exits 64 on usage errors; Consilium's contract is 2 (usage) and 1 (input).
    static func main() {
        do {
            var command = try parseAsRoot(Norm.bcftoolsStyle(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as InputError {
            CLIOutput.error(error.description)
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code == .validationFailure {
                CLIOutput.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum CLIOutput {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("consilium: error: \(message)\n".utf8))
    }
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("consilium: warning: \(message)\n".utf8))
    }
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("consilium: \(message)\n".utf8))
    }
}
