/// NCBI's RefSeq chromosome accessions (`NC_000017.11`) as chromosome names (`17`), so an NCBI GFF3 matches a VCF
/// and a FASTA named in UCSC (`chr17`) or Ensembl (`17`) style.
///
/// The numbers are those of the human primary assembly, shared by GRCh37 (`.10`) and GRCh38 (`.11`): `NC_000001`
/// to `NC_000022` are chromosomes 1–22, `NC_000023` X, `NC_000024` Y, `NC_012920` the mitochondrion (rCRS). The
/// version is not checked here: the genome build is checked on the reference and the knowledge base. Scaffolds
/// (`NT_`, `NW_`) keep their accession.
public enum RefSeqChromosome {
    /// The chromosome name for a RefSeq chromosome accession, nil for any other name.
    public static func name(of accession: String) -> String? {
        guard accession.hasPrefix("NC_"), accession.count >= 9 else { return nil }
        let digits = accession.dropFirst(3).prefix { $0 != "." }
        guard digits.count == 6, let n = Int(digits) else { return nil }
        switch n {
        case 1...22: return String(n)
        case 23: return "X"
        case 24: return "Y"
        case 12920: return "MT"
        default: return nil
        }
    }
}
