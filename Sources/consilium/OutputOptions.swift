import ArgumentParser
import HTS

/// Output options shared by commands that write VCF/BCF (`-o`, `-O`, `--write-index`), named as in bcftools.
struct OutputOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("Output file; - for standard output.", valueName: "OUT"))
    var output: String = "-"

    @Option(name: .customShort("O"), help: ArgumentHelp(
        "Output format: v VCF, z bgzipped VCF, b BCF, u uncompressed BCF. Default: from the -o name (.bcf, .vcf.gz), else v.",
        valueName: "v|z|b|u"))
    var outputType: String?

    @Flag(name: .customLong("write-index"), help: "Write a CSI index next to the output (needs -O z or b and -o FILE).")
    var writeIndex = false

    func format() throws -> OutputFormat {
        guard let t = outputType else { return OutputFormat.inferred(fromPath: output) }
        // bcftools accepts a compression level after the letter (-Oz9); the level is ignored here.
        guard let letter = t.first, let f = OutputFormat(rawValue: String(letter)),
              t.dropFirst().allSatisfy(\.isNumber) else {
            throw ValidationError("-O takes v, z, b or u (got '\(t)')")
        }
        return f
    }
}

/// Input options shared by commands that read VCF/BCF (`--threads`, `-r`, `-R`).
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("threads"), help: ArgumentHelp("Extra threads for BGZF compression and decompression.", valueName: "N"))
    var threads: Int = 0

    @Option(name: .customShort("r"), help: ArgumentHelp(
        "Only records overlapping these regions (comma-separated CHR:BEG-END, 1-based); needs a .tbi/.csi index.",
        valueName: "REGION"))
    var regions: String?

    @Option(name: .customShort("R"), help: ArgumentHelp("Like -r, from a BED file (0-based, half-open).", valueName: "BED"))
    var regionsFile: String?

    func validate() throws {
        if threads < 0 { throw ValidationError("--threads must be 0 or more") }
        if regions != nil && regionsFile != nil { throw ValidationError("give either -r or -R, not both") }
    }

    func parsedRegions() throws(InputError) -> [Region] {
        if let regions { return try Region.parseList(regions) }
        if let regionsFile {
            let list = try Region.readBED(path: regionsFile)
            if list.isEmpty {
                throw InputError(file: regionsFile, location: .file, problem: "the regions file lists no region")
            }
            return list
        }
        return []
    }
}
