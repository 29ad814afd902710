import CHTSlib
import HTS

/// Imports NCBI's `clinvar.vcf.gz` (one record per ClinVar variation; ID = VariationID).
///
/// Field mapping (knowledge-base column ← ClinVar): `CLINVAR_ID` ← the VCF ID, `ALLELEID`, `CLNSIG`,
/// `CLNREVSTAT`, `STARS` ← derived from CLNREVSTAT (`ReviewStars`), `CLNDN`, `CLNDISDB`, `GENEINFO`, `MC`,
/// `ORIGIN`, `CLNVC`, `CLNSIGCONF`, `RS`. Strings are kept exactly as written (commas and `|` included).
public enum ClinVarImporter {
    public static let stringFields = ["CLNSIG", "CLNREVSTAT", "CLNDN", "CLNDISDB", "GENEINFO", "MC", "ORIGIN", "CLNVC",
                                      "CLNSIGCONF", "RS"]
    public static let columns: [IndexBuilder.Column] =
        [IndexBuilder.Column(name: "CLINVAR_ID", type: .string), IndexBuilder.Column(name: "ALLELEID", type: .int32),
         IndexBuilder.Column(name: "STARS", type: .int32)]
        + stringFields.map { IndexBuilder.Column(name: $0, type: .string) }

    /// Reads `path` into a new index builder; returns it with the counts and the field mapping.
    static func load(path: String, reference: FastaReference?, contigs: inout ContigRegistry,
                     buildCheck: (VCFHeader, String) throws(InputError) -> String?)
        throws(InputError) -> (builder: IndexBuilder, counts: KBManifest.Counts, fields: [String: String], build: String?, header: VCFHeader?) {
        let builder = IndexBuilder(columns: columns)
        var counts = KBManifest.Counts()
        var alleleID: InfoField?
        var strings: [InfoField?] = []
        var fields: [String: String] = ["CLINVAR_ID": "ID", "STARS": "CLNREVSTAT (review stars)"]
        var build: String?
        var keptHeader: VCFHeader?
        let source = NormalizedSource(path: path, reference: reference)
        var values = [IndexValue](repeating: .missing, count: columns.count)
        let revstatSlot = stringFields.firstIndex(of: "CLNREVSTAT")
        var starsCache: [String: Int32?] = [:]
        try source.read(contigs: &contigs, counts: &counts, prepare: { (header) throws(InputError) in
            build = try buildCheck(header, path)
            keptHeader = header
            alleleID = InfoField(key: "ALLELEID", header: header)
            strings = stringFields.map { InfoField(key: $0, header: header) }
            if alleleID != nil { fields["ALLELEID"] = "ALLELEID" }
            for (i, f) in strings.enumerated() where f != nil { fields[stringFields[i]] = stringFields[i] }
            guard strings[0] != nil || revstatSlot.flatMap({ strings[$0] }) != nil else {
                throw InputError(file: path, location: .file, field: "##INFO",
                                 problem: "this does not look like a ClinVar VCF: it declares neither CLNSIG nor CLNREVSTAT",
                                 hint: "give NCBI's clinvar.vcf.gz (https://ftp.ncbi.nlm.nih.gov/pub/clinvar/vcf_GRCh38/)")
            }
        }, visit: { (a) throws(InputError) in
            let id = a.record.pointer.pointee.d.id.map { String(cString: $0) }
            values[0] = (id == nil || id == ".") ? .missing : .string(id!)
            values[1] = alleleID?.int(a.header, a.record, alt: a.alt).map(IndexValue.int) ?? .missing
            var revstat: String?
            for (i, f) in strings.enumerated() {
                let s = f?.string(a.header, a.record)
                if i == revstatSlot { revstat = s }
                values[3 + i] = s.map(IndexValue.string) ?? .missing
            }
            if let revstat {
                let stars: Int32?
                if let cached = starsCache[revstat] { stars = cached } else {
                    stars = ReviewStars.stars(forReviewStatus: revstat).map(Int32.init)
                    starsCache[revstat] = stars
                }
                values[2] = stars.map(IndexValue.int) ?? .missing
            } else {
                values[2] = .missing
            }
            builder.add(contig: a.contig, position: a.position, ref: a.ref, alt: a.altBases, values: values)
        })
        return (builder, counts, fields, build, keptHeader)
    }
}
