import HTS
import Variants

/// Refuses to mix genome builds: a GRCh37 VCF against a GRCh38 reference gives wrong answers silently.
enum BuildCheck {
    static func requireSameBuild(vcf: VCFReader, reference: FastaReference) throws(InputError) {
        guard let v = GenomeBuild.detect(contigs: vcf.header.contigs),
              let r = GenomeBuild.detect(contigs: reference.sequences) else { return }
        if v.build != r.build {
            throw InputError(file: vcf.path, location: .file, field: "##contig",
                             problem: "the VCF is \(v.build.rawValue) (\(v.evidence)) but the reference \(reference.path) is \(r.build.rawValue) (\(r.evidence))",
                             hint: "use the reference the VCF was called against, or lift the VCF over first")
        }
    }

    /// Opens the reference given with `-f` (if any) and refuses it when its build differs from the VCF's.
    static func reference(_ path: String?, for reader: VCFReader) throws(InputError) -> FastaReference? {
        guard let path else { return nil }
        let reference = try FastaReference(path: path)
        try requireSameBuild(vcf: reader, reference: reference)
        return reference
    }
}
