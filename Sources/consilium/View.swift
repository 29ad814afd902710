import ArgumentParser
import Foundation
import HTS
import Variants

/// `consilium view`: read and write VCF/BCF unchanged (format conversion, region extraction, indexing).
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and write VCF/BCF unchanged: convert formats, extract regions, write an index.",
        discussion: """
        The records are written as htslib decodes them, like `bcftools view` without filters. Use it to \
        convert between VCF, bgzipped VCF and BCF, to extract regions through an index, or to check that a \
        file reads cleanly (a malformed record stops with its line number and exit 1).

        Examples:
          consilium view calls.vcf -O z -o calls.vcf.gz --write-index
          consilium view calls.vcf.gz -r chr17:43044295-43125483 -O b -o brca1.bcf
          consilium view calls.bcf -o /dev/null            # check the file reads cleanly
        """
    )

    @Argument(help: ArgumentHelp("Input VCF, VCF.gz or BCF; - for standard input.", valueName: "IN"))
    var input: String

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var inputOptions: InputOptions

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line on stderr.")
    var quiet = false

    func validate() throws { _ = try outputOptions.format() }

    func run() throws {
        let pool = ThreadPool(threads: inputOptions.threads)
        let reader = try VCFReader(path: input, pool: pool, regions: try inputOptions.parsedRegions())
        reader.prefetch = true  // parse on a second core while this one formats and writes
        let format = try outputOptions.format()
        try HeaderContigs.prepare(reader: reader, reference: nil, outputFormat: format)
        guard let header = reader.header.copy() else {
            throw InputError(file: input, location: .file, problem: "out of memory copying the header")
        }
        HeaderContigs.stamp(header, reader: reader, commandLine: CommandLine.arguments)
        let writer = try VCFWriter(path: outputOptions.output, format: format, header: header, pool: pool,
                                   writeIndex: outputOptions.writeIndex)
        let record = VCFRecord()
        var progress = Progress(label: "view", quiet: quiet)
        let total = reader.fileSize
        while try reader.read(into: record) {
            try writer.write(record)
            progress.update(records: reader.recordNumber, bytes: reader.bytesConsumed, total: total)
        }
        try writer.finish()
        progress.finish()
        HeaderContigs.warnUndeclared(reader: reader)
    }
}
