import ArgumentParser
import Foundation
import HTS
import Variants

/// `consilium norm`: split multiallelic records, trim and left-align indels, check REF.
struct Norm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize variants like `bcftools norm -m -any -f REF`: split, trim, left-align, check REF.",
        discussion: """
        Every later lookup (knowledge base, consequences, classification) expects one canonical form per \
        variant: biallelic, trimmed, left-aligned against the reference. `norm` produces it and gives the same \
        records as `bcftools norm -m -any -f REF`.

        What it does to each record:
          * splits multiallelic records into biallelic ones (GT re-coded; Number=A/R/G INFO and FORMAT split)
          * trims bases shared by all alleles and left-aligns indels in repeats (needs -f)
          * checks REF against the reference (--check-ref)
          * passes symbolic alleles (<DEL>, <DUP>, <INS>, <CNV>), breakends and * through
        Contig names may differ in style between the VCF and the reference (chr17 / 17, chrM / MT).
        A VCF whose contig lengths say GRCh37 is refused with a GRCh38 reference, and the other way round.

        Examples:
          consilium norm calls.vcf.gz -f GRCh38.fa.gz -o calls.norm.vcf.gz
          consilium norm calls.bcf -f GRCh38.fa -O b -o calls.norm.bcf --write-index --threads 2
          zcat calls.vcf.gz | consilium norm - -f GRCh38.fa | less -S
          consilium norm calls.vcf.gz -f GRCh38.fa -r chr17:43044295-43125483 --check-ref w

        Exit status: 0 success, 1 bad input (file, line and field named), 2 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Input VCF, VCF.gz or BCF; - for standard input.", valueName: "IN"))
    var input: String

    @Option(name: [.customShort("f"), .customLong("fasta-ref")], help: ArgumentHelp(
        "Reference FASTA (plain or bgzipped, indexed with samtools faidx or indexed on first use). Without it, records are only split and REF is not checked.",
        valueName: "REF.fa"))
    var reference: String?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var inputOptions: InputOptions

    @Option(name: [.customShort("c"), .customLong("check-ref")], help: ArgumentHelp(
        "When REF disagrees with the reference: e error (exit 1), w warn, x exclude the record, s set REF from the reference; combine as wx or ws.",
        valueName: "e|w|x|s"))
    var checkRef: String = "e"

    @Option(name: [.customShort("m"), .customLong("multiallelics")], parsing: .unconditional, help: ArgumentHelp(
        "Which multiallelic records to split: -any (or -, -both; the default) splits all, -snps only SNV/MNV records, -indels only indel records; none keeps them as they are (like bcftools norm without -m). Joining (+any) is not supported.",
        valueName: "-any|-snps|-indels|none"))
    var multiallelics: String = "-any"

    @Option(name: .customLong("multi-overlaps"), help: ArgumentHelp(
        "When splitting, what a sample's call of another ALT becomes in GT: 0 (REF, the default, as bcftools) or . (missing). Example: 1/2 split gives 1/0 and 0/1 with 0, 1/. and ./1 with .",
        valueName: "0|."))
    var multiOverlaps: String = "0"

    @Flag(name: [.customShort("N"), .customLong("do-not-normalize")], help: "Split only: do not trim, left-align or check REF against the reference (--check-ref s still sets REF).")
    var doNotNormalize = false

    @Option(name: .customLong("old-rec-tag"), help: ArgumentHelp(
        "Record the original CHROM|POS|REF|ALT (and |ALT index for split records) of changed records in this INFO tag, e.g. --old-rec-tag ORIGINAL gives ORIGINAL=chr1|100|CAG|C.", valueName: "TAG"))
    var oldRecordTag: String?

    @Flag(name: .customLong("force"), help: "Split records even when a Number=A/R/G field has the wrong number of values; such fields are left out of the split records (without --force they are an error).")
    var force = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line and no summary on stderr.")
    var quiet = false

    func validate() throws {
        guard NormalizeOptions.CheckRef(letters: checkRef) != nil else {
            throw ValidationError("--check-ref takes e, w, x or s (or a combination such as wx); got '\(checkRef)'")
        }
        guard ["-any", "-", "-both", "-snps", "-indels", "none"].contains(multiallelics) else {
            throw ValidationError("-m takes -any (or -, -both), -snps, -indels or none; joining (+any) is not supported; got '\(multiallelics)'")
        }
        guard ["0", "."].contains(multiOverlaps) else {
            throw ValidationError("--multi-overlaps takes 0 or . (a quoted dot); got '\(multiOverlaps)'")
        }
        _ = try outputOptions.format()
    }

    func run() throws {
        var options = NormalizeOptions()
        options.checkRef = NormalizeOptions.CheckRef(letters: checkRef) ?? .error
        options.leftAlign = reference != nil && !doNotNormalize
        options.oldRecordTag = oldRecordTag
        options.force = force
        options.split = multiallelics != "none"
        options.splitScope = multiallelics == "-snps" ? .snps : (multiallelics == "-indels" ? .indels : .any)
        options.multiOverlapsMissing = multiOverlaps == "."
        try NormJob(input: input, reference: reference, options: options, output: outputOptions,
                    inputOptions: inputOptions, quiet: quiet, commandLine: CommandLine.arguments).run()
    }
}

extension Norm {
    /// bcftools users write short options with the value attached (`-cx`, `-m-`, `-Oz`) or clustered
    /// (`-Nc s`); ArgumentParser wants them apart. This splits them for `consilium norm` arguments.
    static func bcftoolsStyle(_ arguments: [String]) -> [String] {
        guard arguments.first == "norm" else { return arguments }
        let takesValue: Set<Character> = ["c", "m", "O", "o", "f", "r", "R"]
        let isFlag: Set<Character> = ["N", "q"]
        var result: [String] = []
        var valueNext = false
        for (i, arg) in arguments.enumerated() {
            if i == 0 || valueNext || arg == "--" || arg.hasPrefix("--") || !arg.hasPrefix("-") || arg.count <= 2 {
                result.append(arg)
                valueNext = arg.count == 2 && arg.hasPrefix("-") && arg.last.map(takesValue.contains) == true
                continue
            }
            var rest = Substring(arg.dropFirst())
            var pieces: [String] = []
            while let letter = rest.first {
                rest = rest.dropFirst()
                if takesValue.contains(letter) {
                    pieces.append("-\(letter)")
                    if !rest.isEmpty { pieces.append(String(rest)) }
                    rest = ""
                } else if isFlag.contains(letter) {
                    pieces.append("-\(letter)")
                } else {
                    pieces = [arg]
                    rest = ""
                }
            }
            result += pieces
            if let last = pieces.last, last.count == 2, last.hasPrefix("-"), let letter = last.last {
                valueNext = takesValue.contains(letter)
            } else {
                valueNext = false
            }
        }
        return result
    }
}

/// The wiring of one `norm` run, apart from argument parsing so `make demo` and tests see the same code path.
struct NormJob {
    var input: String
    var reference: String?
    var options: NormalizeOptions
    var output: OutputOptions
    var inputOptions: InputOptions
    var quiet: Bool
    var commandLine: [String]

    func run() throws {
        let pool = ThreadPool(threads: inputOptions.threads)
        let reader = try VCFReader(path: input, pool: pool, regions: try inputOptions.parsedRegions())
        reader.prefetch = true  // parse on a second core while this one formats and writes
        let fasta = try BuildCheck.reference(reference, for: reader)
        let format = try output.format()
        try HeaderContigs.prepare(reader: reader, reference: fasta, outputFormat: format)
        let normalizer: Normalizer
        do {
            normalizer = try Normalizer(header: reader.header, reference: fasta, options: options)
        } catch {
            throw error.located(file: input, at: .file)
        }
        let header = normalizer.outputHeader
        HeaderContigs.stamp(header, reader: reader, commandLine: commandLine)
        let writer = try VCFWriter(path: output.output, format: format, header: header, pool: pool,
                                   writeIndex: output.writeIndex)
        let record = VCFRecord()
        var progress = Progress(label: "norm", quiet: quiet)
        let total = reader.fileSize
        while try reader.read(into: record) {
            do { try normalizer.push(record) } catch { throw error.located(file: input, at: reader.location) }
            while let out = normalizer.nextReady() { try writer.write(out) }
            progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
        }
        normalizer.finish()
        while let out = normalizer.nextReady() { try writer.write(out) }
        try writer.finish()
        progress.finish()
        HeaderContigs.warnUndeclared(reader: reader)
        if !quiet {
            let s = normalizer.statistics
            CLIOutput.note("norm: \(s.recordsIn) records in, \(s.recordsOut) out; split \(s.split), realigned \(s.realigned), skipped \(s.skipped)")
        }
    }
}

enum CommandText {
    /// Shell-quotes an argument for the `##consilium_command` header line.
    static func quote(_ arg: String) -> String {
        if !arg.isEmpty && arg.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=,+@".contains($0) }) { return arg }
        return "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
