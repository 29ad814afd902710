import HTS
import Variants

/// Many real VCFs (TCGA MC3, caller outputs) declare no `##contig` lines. htslib, like bcftools, accepts
/// such records and adds the contig as it goes; that is fine for text output but not for BCF, whose contig
/// dictionary is written before the first record.
enum HeaderContigs {
    /// Declares missing contigs from the reference (with lengths) when one is given; otherwise, for BCF
    /// output, requires every contig to be declared.
    static func prepare(reader: VCFReader, reference: FastaReference?, outputFormat: OutputFormat) throws(InputError) {
        if let reference {
            let declared = Set(reader.header.contigs.map(\.name))
            // Only add reference contigs in the VCF's naming style, to avoid declaring chr17 and 17 at once.
            let style = reader.header.contigs.first?.name.hasPrefix("chr")
            for (name, length) in reference.sequences where !declared.contains(name) {
                if let style, style != name.hasPrefix("chr") { continue }
                reader.header.append(line: "##contig=<ID=\(name),length=\(length)>")
            }
        }
        reader.allowsUndeclaredContigs = outputFormat == .vcf || outputFormat == .vcfGz
    }

    /// One warning naming the contigs that records used without a header declaration.
    static func warnUndeclared(reader: VCFReader) {
        if !reader.regionContigsNotInFile.isEmpty {
            CLIOutput.warning("\(reader.path): regions on contigs the file does not have were skipped: \(reader.regionContigsNotInFile.prefix(8).joined(separator: ", "))")
        }
        let tags = reader.undeclaredTags
        if !tags.isEmpty {
            CLIOutput.warning("\(reader.path): \(tags.count) INFO/FORMAT tag\(tags.count == 1 ? " is" : "s are") not declared in the header (\(tags.prefix(8).joined(separator: ", "))); treated as Type=String, as bcftools does")
        }
        let names = reader.undeclaredContigs
        guard !names.isEmpty else { return }
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        CLIOutput.warning("\(reader.path): \(names.count) contig\(names.count == 1 ? " is" : "s are") not declared in the header (\(shown)); their records are written as they are, as bcftools does; the output header, written before them, does not declare them either. Give -f REF (norm, annotate) to declare them with lengths.")
    }

    /// Makes `header` (a copy of the reader's) the output header of a command: it learns the names the input
    /// declares late, and says which consilium version and command wrote the file.
    static func stamp(_ header: VCFHeader, reader: VCFReader, commandLine: [String]) {
        reader.mirrorUndeclaredContigs(into: header)
        header.append(line: "##consilium_version=\(ConsiliumVersion.string)")
        header.append(line: "##consilium_command=\(commandLine.map(CommandText.quote).joined(separator: " "))")
    }
}
