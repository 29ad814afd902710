import CHTSlib

/// Explains why htslib rejected a VCF data line, column by column, so the user learns which field to fix.
///
/// Runs only after a parse failure, never on the hot path. Messages describe the shape of a value,
/// never sample data.
enum VCFLineDiagnosis {
    static let columnNames = ["CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT"]

    static func diagnose(line: [UInt8], header: VCFHeader, contigsDeclared: Int, errcode: Int,
                         file: String, location: InputLocation) -> InputError {
        func fail(_ field: String?, _ problem: String, _ hint: String? = nil) -> InputError {
            InputError(file: file, location: location, field: field, problem: problem, hint: hint)
        }
        let cols = line.split(separator: 0x09, omittingEmptySubsequences: false).map { Array($0) }
        if cols.count < 8 {
            let sep = line.contains(0x20) && cols.count == 1 ? " (the line has spaces but no tabs; VCF columns are tab-separated)" : ""
            return fail(nil, "expected at least 8 tab-separated columns (CHROM POS ID REF ALT QUAL FILTER INFO), found \(cols.count)\(sep)",
                        "repair or remove the line; columns must be separated by single tabs")
        }
        let chrom = String(decoding: cols[0], as: UTF8.self)
        if cols[0].isEmpty { return fail("CHROM", "expected a contig name, found an empty column") }
        if errcode & Int(BCF_ERR_CTG_UNDEF) != 0 || header.contigID(chrom) == nil {
            return fail("CHROM", "contig '\(chrom)' is not declared in the header",
                        "add ##contig=<ID=\(chrom),length=...> to the header (or fix the contig name)")
        }
        let pos = cols[1]
        if pos.isEmpty || !pos.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            let shape = pos.first == 0x2D ? "a negative number" : pos.isEmpty ? "an empty column" : "a non-numeric value"
            return fail("POS", "expected a positive integer, found \(shape)", "POS is the 1-based position of REF's first base")
        }
        if pos.allSatisfy({ $0 == 0x30 }) {
            return fail("POS", "expected a positive integer, found 0", "POS is 1-based; the first base of a contig is 1")
        }
        if pos.count > 18 { return fail("POS", "the position is too large") }
        if cols[3].isEmpty || cols[3] == [0x2E] {
            return fail("REF", "expected the reference bases, found an empty value", "REF holds at least one base (A, C, G, T or N)")
        }
        if cols[4].isEmpty { return fail("ALT", "expected alternate alleles or '.', found an empty column") }
        let qual = cols[5]
        if qual != [0x2E], Double(String(decoding: qual, as: UTF8.self)) == nil {
            return fail("QUAL", "expected a number or '.', found a non-numeric value")
        }
        if cols[6].isEmpty { return fail("FILTER", "expected PASS, '.', or filter names, found an empty column") }
        let samples = header.sampleCount
        if samples > 0 && cols.count != 9 + samples {
            return fail(nil, "expected \(9 + samples) columns (8 fixed, FORMAT, \(samples) sample\(samples == 1 ? "" : "s") as in #CHROM), found \(cols.count)",
                        "every record needs one column per sample named in the #CHROM line")
        }
        if samples == 0 && cols.count > 9 {
            return fail(nil, "expected 8 or 9 columns (the #CHROM line names no samples), found \(cols.count)")
        }
        if errcode & Int(BCF_ERR_TAG_UNDEF) != 0 || errcode & Int(BCF_ERR_TAG_INVALID) != 0 {
            return fail(cols.count > 8 ? "INFO/FORMAT" : "INFO", "a tag is not declared in the header or is invalid",
                        "declare every INFO and FORMAT tag with ##INFO=<ID=...> / ##FORMAT=<ID=...>")
        }
        if errcode & Int(BCF_ERR_CHAR) != 0 {
            return fail(nil, "the record contains a character VCF does not allow")
        }
        if errcode & Int(BCF_ERR_LIMITS) != 0 {
            return fail(nil, "a value is beyond what VCF/BCF can hold (a position, a count or a length)")
        }
        return fail(nil, "htslib could not parse this record (error code \(errcode))",
                    "compare the line with the VCF 4.3 specification; `bcftools view` may say more")
    }
}
