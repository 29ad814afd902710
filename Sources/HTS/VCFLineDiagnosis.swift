import CHTSlib

/// Explains what is wrong with a VCF line, column by column, so the user learns which field to fix.
///
/// htslib is lenient: it rejects some malformed records (a word in an Integer FORMAT field, too few sample
/// columns) and silently accepts others (a word in QUAL or in an Integer INFO field becomes 0 or missing, extra
/// sample columns are dropped, an empty REF or ALT is kept). `check(...)` catches the silent cases with cheap
/// tests on the parsed record, and `diagnose(...)` explains a rejected line from its text.
///
/// Messages describe the shape of a value, never the value: records and sample columns hold patient data.
enum VCFLineDiagnosis {
    static let columnNames = ["CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT"]

    // MARK: - Whole-file problems

    /// Why htslib did not recognise a file as VCF or BCF. A text file whose first line looks like a record is
    /// a VCF without its header, which deserves that message rather than "not a VCF".
    static func notVCFOrBCF(path: String) -> InputError {
        var firstLine: [UInt8] = []
        if path != "-", let f = fopen(path, "rb") {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = fread(&buffer, 1, buffer.count, f)
            fclose(f)
            firstLine = Array(buffer[0..<n].prefix { $0 != 0x0A })
        }
        let printable = !firstLine.isEmpty && firstLine.allSatisfy { $0 == 0x09 || $0 == 0x0D || ($0 >= 0x20 && $0 < 0x7F) }
        if printable && firstLine.first != 0x23 && firstLine.contains(0x09) {
            return InputError(file: path, location: .line(1), field: "header",
                              problem: "expected the first line to be ##fileformat=VCFv4.x, found tab-separated columns: the VCF header is missing",
                              hint: "every VCF starts with ## meta lines (##fileformat, ##contig, ##INFO, ...) and the #CHROM line; restore the header from the file's source")
        }
        return InputError(file: path, location: .file, problem: "not a VCF or BCF file" + (printable ? "" : " (binary data of another kind)"),
                          hint: "give a .vcf, .vcf.gz (bgzip) or .bcf file")
    }

    /// Called at the end of input: htslib reports a compressed stream that breaks off mid-block as a plain
    /// end of file (it only sets the BGZF error code), and a BGZF file cut exactly between blocks lacks
    /// only its end-of-file marker. Both mean records were lost.
    static func endOfInputProblem(_ fp: UnsafeMutablePointer<htsFile>, file: String, location: InputLocation) -> InputError? {
        guard csl_file_is_compressed(fp) != 0, let bgzf = csl_file_bgzf(fp) else { return nil }
        if bgzf.pointee.errcode != 0 {
            return InputError(file: file, location: location, problem: "the compressed data breaks off or is corrupt here; the rest of the file cannot be read",
                              hint: "the file was cut short or damaged: check it with `bgzip -t \(file)` and copy or re-create it")
        }
        if csl_file_is_bgzf(fp) != 0, file != "-", bgzf_check_EOF(bgzf) == 0 {
            return InputError(file: file, location: location, problem: "the file ends without the BGZF end-of-file marker, so it was probably cut short",
                              hint: "check it with `bgzip -t \(file)`; copy or re-create the file")
        }
        return nil
    }

    // MARK: - Header lines

    /// Checks one header line (`##...` or `#CHROM...`) before htslib sees it; htslib ignores or guesses
    /// around many malformed meta lines, which then surface as confusing record errors.
    static func checkHeaderLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, file: String) -> InputError? {
        let text = Array(line)
        func fail(_ field: String, _ problem: String, _ hint: String) -> InputError {
            InputError(file: file, location: .line(number), field: field, problem: problem, hint: hint)
        }
        if text.starts(with: Array("#CHROM".utf8)) { return checkChromLine(text, fail: fail) }
        guard text.starts(with: [0x23, 0x23]) else {
            return fail("header", "expected a ## meta line or the #CHROM line, found a line starting with a single #",
                        "meta lines start with ## (##INFO=<...>); the column line is #CHROM POS ID REF ALT QUAL FILTER INFO")
        }
        guard let eq = text.firstIndex(of: 0x3D) else { return nil }  // "##key" without value: htslib ignores it
        let key = String(decoding: text[2..<eq], as: UTF8.self)
        guard ["INFO", "FORMAT", "FILTER", "contig", "ALT"].contains(key) else { return nil }
        let field = "##\(key)"
        let value = Array(text[(eq + 1)...])
        guard value.first == 0x3C else {  // "<"
            return fail(field, "expected a structured line ##\(key)=<ID=...,...>, found a plain value",
                        "write it as ##\(key)=<ID=NAME,...>" + (key == "INFO" || key == "FORMAT"
                            ? " with Number, Type and Description" : ""))
        }
        guard let attributes = parseAttributes(value) else {
            return fail(field, "expected ##\(key)=<...> to end with > outside quotes; the line is cut short or a quote is unbalanced",
                        "close the line with >, e.g. ##\(key)=<ID=DP,...,Description=\"...\">")
        }
        guard let id = attributes["ID"], !id.isEmpty else {
            return fail(field, "expected an ID=... attribute, found none", "every ##\(key) line needs ID=NAME")
        }
        guard key == "INFO" || key == "FORMAT" else {
            if key == "contig", let length = attributes["length"], Int(length) == nil || (Int(length) ?? 0) < 1 {
                return fail(field, "contig \(id): expected length to be a positive integer", "write length=BASES or leave it out")
            }
            return nil
        }
        if let n = attributes["Number"], !(["A", "R", "G", "."].contains(n) || (Int(n).map { $0 >= 0 } ?? false)) {
            return fail(field, "\(id): expected Number to be a non-negative integer, A, R, G or '.', found another value",
                        "Number says how many values the tag holds: 1, 2, A (one per ALT), R (per allele), G (per genotype) or .")
        }
        let types = key == "INFO" ? ["Integer", "Float", "Flag", "Character", "String"]
                                  : ["Integer", "Float", "Character", "String"]
        guard let type = attributes["Type"], types.contains(type) else {
            return fail(field, "\(id): expected Type to be one of \(types.joined(separator: ", ")), found "
                        + (attributes["Type"] == nil ? "no Type" : "another value"),
                        "declare the type htslib needs to encode the values, e.g. Type=Integer")
        }
        return nil
    }

    /// `KEY=VALUE` pairs of `<...>`, quotes respected; nil when the closing `>` is missing.
    private static func parseAttributes(_ value: [UInt8]) -> [String: String]? {
        var result: [String: String] = [:]
        var key: [UInt8] = [], current: [UInt8] = []
        var inQuotes = false, inValue = false, closed = false
        var i = 1
        while i < value.count {
            let c = value[i]
            if closed { if c != 0x20 && c != 0x0D { return nil }; i += 1; continue }
            if inQuotes {
                if c == 0x5C, i + 1 < value.count { current.append(value[i + 1]); i += 2; continue }
                if c == 0x22 { inQuotes = false } else { current.append(c) }
            } else if c == 0x22 {
                inQuotes = true
            } else if c == 0x3D && !inValue {
                key = current; current = []; inValue = true
            } else if c == 0x2C || c == 0x3E {
                result[String(decoding: key, as: UTF8.self)] = String(decoding: current, as: UTF8.self)
                key = []; current = []; inValue = false
                if c == 0x3E { closed = true }
            } else {
                current.append(c)
            }
            i += 1
        }
        return closed ? result : nil
    }

    private static func checkChromLine(_ text: [UInt8], fail: (String, String, String) -> InputError) -> InputError? {
        let fixed = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
        let hint = "the line is #CHROM POS ID REF ALT QUAL FILTER INFO, then FORMAT and one name per sample, separated by single tabs"
        let cols = text.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if cols.count == 1 && text.contains(0x20) {
            return fail("#CHROM", "expected tab-separated column names, found names separated by spaces", hint)
        }
        if cols.count < 8 {
            return fail("#CHROM", "expected at least the 8 columns CHROM to INFO, found \(cols.count)", hint)
        }
        for (i, name) in fixed.enumerated() where cols[i] != name {
            return fail("#CHROM", "expected column \(i + 1) to be named \(name), found another name", hint)
        }
        if cols.count == 9 { return nil }  // FORMAT without samples: htslib accepts it
        if cols.count > 9 {
            if cols[8] != "FORMAT" { return fail("#CHROM", "expected column 9 to be named FORMAT, found another name", hint) }
            var seen: [String: Int] = [:]
            for i in 9..<cols.count {
                if cols[i].isEmpty { return fail("#CHROM", "sample column \(i - 8) has an empty name", hint) }
                if let first = seen[cols[i]] {
                    return fail("#CHROM", "sample columns \(first) and \(i - 8) have the same name; sample names must be unique",
                                "rename one of the samples (bcftools reheader -s names.txt)")
                }
                seen[cols[i]] = i - 8
            }
        }
        return nil
    }

    // MARK: - Records htslib accepted

    /// Counts the tabs of a raw line in one pass, eight bytes at a time, before `vcf_parse` writes NULs over
    /// them, and stores the offsets of the first eight (the ends of CHROM, POS, ID, REF, ALT, QUAL, FILTER,
    /// INFO) in `ends`. The count decides whether the record has exactly one column per sample (htslib drops
    /// extra ones silently); the offsets let `check` look at the short columns without searching again.
    @inline(__always)
    static func scanTabs(_ line: kstring_t, ends end: UnsafeMutablePointer<Int>) -> Int {
        guard let s = line.s else { return 0 }
        let raw = UnsafeRawPointer(s)
        let count = line.l
        var n = 0, i = 0
        // After XOR with tabs a byte is zero exactly where a tab was; the high bit of ((x & 0x7F) + 0x7F) | x
        // is clear only for a zero byte, and no carry crosses bytes.
        while i &+ 8 <= count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0909_0909_0909_0909
            var m = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            if m != 0 {
                while n < 8 && m != 0 {
                    end[n] = i &+ (m.trailingZeroBitCount >> 3)
                    n &+= 1
                    m &= m &- 1
                }
                // One bit per byte at most, so the multiply sums the bytes into the top one.
                n &+= Int(truncatingIfNeeded: ((m >> 7) &* 0x0101_0101_0101_0101) >> 56)
            }
            i &+= 8
        }
        while i < count {
            if raw.load(fromByteOffset: i, as: UInt8.self) == 0x09 {
                if n < 8 { end[n] = i }
                n &+= 1
            }
            i &+= 1
        }
        return n
    }

    /// Cheap checks on a record htslib parsed without complaint; nil when it is well formed.
    ///
    /// Each test is a comparison on the decoded record or on a few bytes of the short columns, which
    /// `scanTabs` located (`ends`, valid when the column count is right); only a suspicious record (QUAL exactly 0, a numeric INFO value that decoded as
    /// missing) looks further. `gtID` is the header's id of `GT` (-1 when not declared).
    @inline(__always)
    static func check(parsedLine line: kstring_t, tabs: Int, ends: UnsafePointer<Int>, record r: UnsafeMutablePointer<bcf1_t>,
                      header: VCFHeader, gtID: Int32, file: String,
                      location: @autoclosure () -> InputLocation) -> InputError? {
        let samples = header.sampleCount
        if _slowPath(samples > 0 ? tabs != 8 + samples : tabs < 7 || tabs > 8) {
            return columnCountProblem(tabs: tabs, samples: samples, spaces: false, file: file, location: location())
        }
        guard let s = line.s else { return nil }
        let text = UnsafeBufferPointer(start: UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self), count: line.l)
        // vcf_parse wrote NULs over the tabs; CHROM..ALT and QUAL are otherwise intact, FILTER's ';' became NULs.
        func fail(_ field: String, _ problem: String, _ hint: String) -> InputError {
            InputError(file: file, location: location(), field: field, problem: problem, hint: hint)
        }
        // htslib reads POS up to the first non-digit and ignores the rest (`2OO` is read as 2).
        for j in (ends[0] + 1)..<ends[1] where _slowPath(text[j] < 0x30 || text[j] > 0x39) {
            return fail("POS", "expected a positive integer, found a non-numeric value", "POS is the 1-based position of REF's first base")
        }
        // htslib reads QUAL with strtod and keeps 0 for a word; a QUAL of exactly 0 is rare enough to look at.
        if _slowPath(r.pointee.qual == 0) && !isNumber(Array(text[(ends[4] + 1)..<ends[5]]), integer: false) {
            return fail("QUAL", "expected a number or '.', found a non-numeric value",
                        "QUAL is a Phred-scaled quality such as 50 or 12.5; write . when unknown")
        }
        // An empty FILTER becomes an undeclared filter named ''.
        if _slowPath(ends[5] + 1 >= text.count || text[ends[5] + 1] == 0) {
            return fail("FILTER", "expected PASS, '.', or filter names separated by ';', found an empty column or an empty name",
                        "write . when no filter was applied")
        }
        // One unpack for what the checks (and any writer or normalizer after them) read.
        bcf_unpack(r, samples > 0 ? BCF_UN_STR | BCF_UN_INFO | BCF_UN_FMT : BCF_UN_STR | BCF_UN_INFO)
        if _slowPath(hasBadAllele(r)) {
            return alleleProblem(r, altColumnEmpty: ends[4] - ends[3] == 1, file: file, location: location())
        }
        if let problem = checkInfoNumbers(line, record: r, header: header, file: file, location: location) {
            return problem
        }
        if samples > 0, _slowPath(hasGenotypeBeyondAlleles(r, gtID: gtID)) {
            return genotypeProblem(r, file: file, location: location())
        }
        return nil
    }

    private static func columnCountProblem(tabs: Int, samples: Int, spaces: Bool, file: String,
                                           location: InputLocation) -> InputError {
        let found = tabs + 1
        func fail(_ field: String, _ problem: String, _ hint: String) -> InputError {
            InputError(file: file, location: location, field: field, problem: problem, hint: hint)
        }
        if found == 1 && spaces {
            return fail("columns", "expected tab-separated columns, found a line with spaces but no tabs",
                        "VCF columns are separated by single tabs; convert with `tr ' ' '\\t'` only if no value contains a space")
        }
        if found < 8 {
            let missing = columnNames[found...].prefix(8 - found).joined(separator: ", ")
            return fail(columnNames[found], "expected at least 8 tab-separated columns (CHROM to INFO), found \(found): \(missing) missing",
                        "the line may be cut short; repair it or remove it")
        }
        if samples > 0 && found == 8 {
            return fail("FORMAT", "expected FORMAT and \(samples) sample column\(samples == 1 ? "" : "s") after INFO (the #CHROM line names \(samples)), found none",
                        "every record of a file with samples needs a FORMAT column and one column per sample")
        }
        let expected = samples > 0 ? "\(9 + samples) columns (8 fixed, FORMAT, \(samples) sample\(samples == 1 ? "" : "s") as named in #CHROM)"
                                   : "8 or 9 columns (the #CHROM line names no samples)"
        return fail("columns", "expected \(expected), found \(found)",
                    "every record needs exactly one column per sample named in the #CHROM line")
    }

    /// An ALT allele that is empty or '.' (htslib keeps both).
    @inline(__always)
    private static func hasBadAllele(_ r: UnsafeMutablePointer<bcf1_t>) -> Bool {
        let n = Int(r.pointee.n_allele)
        guard n > 1, let alleles = r.pointee.d.allele else { return false }
        for i in 1..<n {
            guard let a = alleles[i] else { continue }
            if a[0] == 0 || (a[0] == 0x2E && a[1] == 0) { return true }
        }
        return false
    }

    private static func alleleProblem(_ r: UnsafeMutablePointer<bcf1_t>, altColumnEmpty: Bool, file: String,
                                      location: InputLocation) -> InputError? {
        let n = Int(r.pointee.n_allele)
        guard n > 0, let alleles = r.pointee.d.allele else { return nil }
        // REF is not checked here: an empty or '.' REF is a reference mismatch, which --check-ref decides
        // (`-c s` repairs it, as bcftools does).
        for i in 1..<max(n, 1) {
            guard let a = alleles[i] else { continue }
            let empty = a[0] == 0
            let dot = a[0] == 0x2E && a[1] == 0
            // htslib stores an empty ALT column as a '.' allele; a lone '.' ALT gives one allele, not two.
            if empty || dot {
                return InputError(file: file, location: location, field: "ALT",
                                  problem: altColumnEmpty ? "expected alternate alleles or '.', found an empty column"
                                                          : "ALT allele \(i) of \(n - 1) is empty or '.'; '.' stands alone for no ALT allele",
                                  hint: "separate ALT alleles with single commas; write . when there is none")
            }
        }
        return nil
    }

    /// htslib decodes a word in an Integer or Float INFO field as missing; a missing numeric value that is
    /// not written '.' is an error. Only an INFO value with a missing element has its text looked at.
    @inline(__always)
    private static func checkInfoNumbers(_ line: kstring_t, record r: UnsafeMutablePointer<bcf1_t>, header: VCFHeader,
                                         file: String, location: () -> InputLocation) -> InputError? {
        guard let infos = r.pointee.d.info else { return nil }
        for i in 0..<Int(r.pointee.n_info) {
            let info = infos[i]
            guard info.len > 0, let ptr = info.vptr, _slowPath(hasMissing(ptr, type: info.type, count: Int(info.len))) else { continue }
            if let problem = infoNumberProblem(line, key: info.key, type: info.type, header: header, file: file,
                                               location: location()) {
                return problem
            }
        }
        return nil
    }

    private static func infoNumberProblem(_ line: kstring_t, key id: Int32, type: Int32, header: VCFHeader,
                                          file: String, location: InputLocation) -> InputError? {
        guard let key = csl_hdr_id_key(header.pointer, id).map({ String(cString: $0) }),
              let text = mangledInfoValue(line, key: key) else { return nil }
        let integer = type != BCF_BT_FLOAT
        let ok = text.split(separator: 0x2C, omittingEmptySubsequences: false)
            .allSatisfy { $0.isEmpty || $0.elementsEqual([0x2E]) || isNumber(Array($0), integer: integer) }
        if ok { return nil }
        return InputError(file: file, location: location, field: "INFO/\(key)",
                          problem: "expected \(integer ? "Integer" : "Float") values (or '.') as the header declares, found a non-numeric value",
                          hint: "fix the value, or declare the tag Type=String in its ##INFO line if it holds text")
    }

    @inline(__always)
    private static func hasMissing(_ p: UnsafeMutablePointer<UInt8>, type: Int32, count: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        switch type {
        case BCF_BT_INT8:
            var missing = false
            for i in 0..<count { missing = missing || raw.load(fromByteOffset: i, as: Int8.self) == Int8.min }
            return missing
        case BCF_BT_INT16: for i in 0..<count where raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self) == Int16.min { return true }
        case BCF_BT_INT32: for i in 0..<count where raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self) == Int32.min { return true }
        case BCF_BT_FLOAT:
            // htslib's missing float is the NaN with bit pattern 0x7F800001.
            for i in 0..<count where raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self) == 0x7F80_0001 { return true }
        default: return false
        }
        return false
    }

    /// Whether a genotype indexes an allele the record does not have (htslib stores any index). VCF puts GT
    /// first when present, so only the first FORMAT field is looked at.
    @inline(__always)
    private static func hasGenotypeBeyondAlleles(_ r: UnsafeMutablePointer<bcf1_t>, gtID: Int32) -> Bool {
        // A record without ALT alleles (ALT '.') keeps its genotypes as they are, as in bcftools (its own
        // norm.setref test has `REF . ALT . GT 1/0`, and `--check-ref s` passes it through).
        let alleles = Int32(r.pointee.n_allele)
        guard alleles > 1, r.pointee.n_fmt > 0, let fmts = r.pointee.d.fmt else { return false }
        let fmt = fmts[0]
        guard fmt.id == gtID, let p = fmt.p else { return false }
        let values = Int(r.pointee.n_sample) * Int(fmt.n)
        // Encoded as (allele + 1) << 1 | phased, 0 for missing, the type's minimum + 1 for vector end: the
        // largest raw value decides. Vector-end and missing are below any allele's code.
        let limit = (alleles + 1) << 1  // the code of allele `alleles`, the first one out of range
        let raw = UnsafeRawPointer(p)
        switch fmt.type {
        case BCF_BT_INT8:
            var top: Int8 = 0
            for i in 0..<values { top = max(top, raw.load(fromByteOffset: i, as: Int8.self)) }
            return Int32(top) >= limit
        case BCF_BT_INT16:
            var top: Int16 = 0
            for i in 0..<values { top = max(top, raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)) }
            return Int32(top) >= limit
        case BCF_BT_INT32:
            var top: Int32 = 0
            for i in 0..<values { top = max(top, raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)) }
            return top >= limit
        default:
            return false
        }
    }

    /// The message for a record `hasGenotypeBeyondAlleles` flagged: which sample, which alleles exist.
    private static func genotypeProblem(_ r: UnsafeMutablePointer<bcf1_t>, file: String, location: InputLocation) -> InputError? {
        guard let fmts = r.pointee.d.fmt else { return nil }
        let alleles = Int(r.pointee.n_allele)
        // A record without ALT alleles (ALT '.') keeps its genotypes as they are, as in bcftools (its own
        // norm.setref test has `REF . ALT . GT 1/0`, and `--check-ref s` passes it through).
        guard alleles > 1 else { return nil }
        let samples = Int(r.pointee.n_sample)
        // VCF puts GT first when present, so only the first FORMAT field is looked at.
        if r.pointee.n_fmt > 0 {
            let fmt = fmts[0]
            guard let p = fmt.p else { return nil }
            let raw = UnsafeRawPointer(p)
            let perSample = Int(fmt.n), size = Int(fmt.size)
            for s in 0..<samples {
                for j in 0..<perSample {
                    let v: Int32
                    switch fmt.type {
                    case BCF_BT_INT8:
                        let x = raw.load(fromByteOffset: s * size + j, as: Int8.self)
                        if x == Int8.min + 1 { v = -1 } else if x == Int8.min { v = 0 } else { v = Int32(x) }
                    case BCF_BT_INT16:
                        let x = raw.loadUnaligned(fromByteOffset: s * size + 2 * j, as: Int16.self)
                        if x == Int16.min + 1 { v = -1 } else if x == Int16.min { v = 0 } else { v = Int32(x) }
                    case BCF_BT_INT32:
                        let x = raw.loadUnaligned(fromByteOffset: s * size + 4 * j, as: Int32.self)
                        if x == Int32.min + 1 { v = -1 } else if x == Int32.min { v = 0 } else { v = x }
                    default: return nil
                    }
                    if v < 0 { break }  // end of this sample's ploidy
                    let allele = Int(v >> 1) - 1
                    if allele >= alleles {
                        return InputError(file: file, location: location, field: "FORMAT/GT",
                                          problem: "sample column \(s + 1): a genotype refers to an allele the record does not have (GT indexes 0 to \(alleles - 1) here: REF and \(alleles - 1) ALT)",
                                          hint: "GT indexes REF as 0 and the ALT alleles from 1; fix the genotype or the ALT column")
                    }
                }
            }
        }
        return nil
    }

    // MARK: - Lines htslib rejected

    /// Explains a line htslib rejected (or flagged with `errcode`).
    ///
    /// The line `vcf_parse` saw has NULs written over its separators, so the text is read again from the file
    /// (once, on this error path) when the input is a file; from standard input only the unmangled columns
    /// (CHROM to QUAL) can be examined.
    ///
    /// `contigsDeclared` and `tagsDeclared` are the dictionary sizes before this line: htslib declares an
    /// unknown contig or tag as it parses, so anything at or beyond them was not in the file's header.
    static func diagnose(line: [UInt8], tabs: Int, header: VCFHeader, contigsDeclared: Int, tagsDeclared: Int,
                         errcode: Int, file: String, location: InputLocation) -> InputError {
        func fail(_ field: String?, _ problem: String, _ hint: String? = nil) -> InputError {
            InputError(file: file, location: location, field: field, problem: problem, hint: hint)
        }
        let samples = header.sampleCount
        if samples > 0 ? tabs != 8 + samples : tabs < 7 || tabs > 8 {
            return columnCountProblem(tabs: tabs, samples: samples, spaces: line.contains(0x20),
                                      file: file, location: location)
        }
        let original: [UInt8]?
        if case .line(let n) = location, file != "-" { original = originalLine(file: file, number: n) } else { original = nil }
        // Without the original text, only CHROM..QUAL are reliable (tabs there became NULs, nothing else).
        let text = original ?? line.map { $0 == 0 ? 0x09 : $0 }
        var cols = text.split(separator: 0x09, omittingEmptySubsequences: false).map { Array($0) }
        if original == nil { cols = Array(cols.prefix(6)) }
        if cols.count > 0 && cols[0].isEmpty { return fail("CHROM", "expected a contig name, found an empty column", "CHROM names a contig declared with ##contig") }
        if cols.count > 1 {
            let pos = cols[1]
            if pos.isEmpty || !pos.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let shape = pos.isEmpty ? "an empty column" : pos.first == 0x2D && pos.count > 1 && pos.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? "a negative number" : "a non-numeric value"
                return fail("POS", "expected a positive integer, found \(shape)", "POS is the 1-based position of REF's first base")
            }
            if pos.allSatisfy({ $0 == 0x30 }) {
                return fail("POS", "expected a positive integer, found 0", "POS is 1-based: the first base of a contig is 1")
            }
            if pos.drop(while: { $0 == 0x30 }).count > 12 {
                return fail("POS", "expected a position within a contig, found a number with more than 12 digits",
                            "POS is the 1-based position of REF's first base; no contig is that long")
            }
        }
        if cols.count > 4, cols[4].isEmpty {
            return fail("ALT", "expected alternate alleles or '.', found an empty column", "write . when there is no ALT allele")
        }
        if cols.count > 5, cols[5] != [0x2E], !isNumber(cols[5], integer: false) {
            return fail("QUAL", "expected a number or '.', found a non-numeric value", "write . when the quality is unknown")
        }
        if cols.count > 6, cols[6].isEmpty {
            return fail("FILTER", "expected PASS, '.', or filter names, found an empty column", "write . when no filter was applied")
        }
        var undeclared: String?
        if cols.count > 7, let problem = diagnoseInfo(cols[7], header: header, tagsDeclared: tagsDeclared,
                                                      undeclared: &undeclared, fail: fail) {
            return problem
        }
        if cols.count > 9, let problem = diagnoseFormat(cols[8], samples: Array(cols[9...]), alleles: alleleCount(cols[4]),
                                                        header: header, tagsDeclared: tagsDeclared,
                                                        undeclared: &undeclared, fail: fail) {
            return problem
        }
        // Undeclared contigs and tags come last: they are refused only when nothing else is wrong and the
        // output is BCF, whose dictionaries are written before the first record.
        let rid = Int(csl_hdr_ncontigs(header.pointer))
        if errcode & Int(BCF_ERR_CTG_UNDEF) != 0 || (cols.count > 0 && header.contigID(String(decoding: cols[0], as: UTF8.self)).map { Int($0) >= contigsDeclared } ?? true && rid > contigsDeclared) {
            let chrom = cols.first.map { String(decoding: $0, as: UTF8.self) } ?? "?"
            return fail("CHROM", "contig '\(chrom)' is not declared in the header; BCF output needs every contig declared before the records",
                        "add ##contig=<ID=\(chrom),length=...> to the header, give -f REF.fa to declare the reference's contigs, or write VCF (-O z)")
        }
        if let tag = undeclared {
            return fail(tag, "the tag is not declared in the header; BCF output needs every tag declared before the records",
                        "add ##\(tag.hasPrefix("INFO") ? "INFO" : "FORMAT")=<ID=\(tag.split(separator: "/").last ?? ""),Number=...,Type=...,Description=\"...\"> to the header, or write VCF (-O z), which declares it as Type=String like bcftools")
        }
        if errcode & Int(BCF_ERR_TAG_UNDEF) != 0 || errcode & Int(BCF_ERR_TAG_INVALID) != 0 {
            return fail(samples > 0 ? "INFO/FORMAT" : "INFO", "a tag is not declared in the header or is invalid",
                        "declare every INFO and FORMAT tag with ##INFO=<ID=...> / ##FORMAT=<ID=...>")
        }
        if errcode & Int(BCF_ERR_CHAR) != 0 {
            return fail(nil, "the record contains a character VCF does not allow here", "compare the line with the VCF 4.3 specification")
        }
        if errcode & Int(BCF_ERR_LIMITS) != 0 {
            return fail(nil, "a value is beyond what VCF/BCF can hold (a position, a count or a length)")
        }
        return fail(nil, "htslib could not parse this record (error code \(errcode))",
                    "compare the line with the VCF 4.3 specification; `bcftools view` may say more")
    }

    private static func diagnoseInfo(_ column: [UInt8], header: VCFHeader, tagsDeclared: Int, undeclared: inout String?,
                                     fail: (String?, String, String?) -> InputError) -> InputError? {
        if column.isEmpty { return fail("INFO", "expected key=value pairs or '.', found an empty column", "write . when there is no INFO") }
        if column == [0x2E] { return nil }
        for entry in column.split(separator: 0x3B) {
            let parts = entry.split(separator: 0x3D, maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(decoding: parts[0], as: UTF8.self)
            let id = bcf_hdr_id2int(header.pointer, BCF_DT_ID, key)
            guard csl_hdr_id_exists(header.pointer, BCF_HL_INFO, id) != 0, id < tagsDeclared else {
                if undeclared == nil { undeclared = "INFO/\(key)" }
                continue
            }
            let type = csl_hdr_id_type(header.pointer, BCF_HL_INFO, id)
            guard parts.count == 2, type == BCF_HT_INT || type == BCF_HT_REAL else { continue }
            let integer = type == BCF_HT_INT
            for v in parts[1].split(separator: 0x2C, omittingEmptySubsequences: false)
            where !(v.isEmpty || v.elementsEqual([0x2E]) || isNumber(Array(v), integer: integer)) {
                return fail("INFO/\(key)", "expected \(integer ? "Integer" : "Float") values (or '.') as the header declares, found a non-numeric value",
                            "fix the value, or declare the tag Type=String in its ##INFO line if it holds text")
            }
        }
        return nil
    }

    private static func diagnoseFormat(_ format: [UInt8], samples: [[UInt8]], alleles: Int, header: VCFHeader,
                                       tagsDeclared: Int, undeclared: inout String?,
                                       fail: (String?, String, String?) -> InputError) -> InputError? {
        let keys = format.split(separator: 0x3A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var types: [Int32] = []
        for key in keys {
            if key.isEmpty { return fail("FORMAT", "expected tag names separated by ':', found an empty name", "e.g. GT:AD:DP") }
            let id = bcf_hdr_id2int(header.pointer, BCF_DT_ID, key)
            guard csl_hdr_id_exists(header.pointer, BCF_HL_FMT, id) != 0, id < tagsDeclared else {
                if undeclared == nil { undeclared = "FORMAT/\(key)" }
                types.append(BCF_HT_STR)
                continue
            }
            types.append(csl_hdr_id_type(header.pointer, BCF_HL_FMT, id))
        }
        for (s, sample) in samples.enumerated() {
            let values = sample.split(separator: 0x3A, omittingEmptySubsequences: false)
            if values.count > keys.count {
                return fail("FORMAT", "sample column \(s + 1) has \(values.count) ':'-separated values, but FORMAT names \(keys.count) tags",
                            "each sample gives at most one value per FORMAT tag, in FORMAT's order")
            }
            for (k, value) in values.enumerated() {
                if keys[k] == "GT" {
                    for a in value.split(whereSeparator: { $0 == 0x2F || $0 == 0x7C }) where !a.elementsEqual([0x2E]) {
                        guard isNumber(Array(a), integer: true), let n = Int(String(decoding: a, as: UTF8.self)), n >= 0 else {
                            return fail("FORMAT/GT", "sample column \(s + 1): expected allele indexes separated by / or |, found another value",
                                        "GT looks like 0/1, 1|0 or ./.")
                        }
                        if alleles > 1 && n >= alleles {
                            return fail("FORMAT/GT", "sample column \(s + 1): a genotype refers to an allele the record does not have (GT indexes 0 to \(alleles - 1) here: REF and \(alleles - 1) ALT)",
                                        "GT indexes REF as 0 and the ALT alleles from 1; fix the genotype or the ALT column")
                        }
                    }
                    continue
                }
                guard types[k] == BCF_HT_INT || types[k] == BCF_HT_REAL else { continue }
                let integer = types[k] == BCF_HT_INT
                for v in value.split(separator: 0x2C, omittingEmptySubsequences: false)
                where !(v.isEmpty || v.elementsEqual([0x2E]) || isNumber(Array(v), integer: integer)) {
                    return fail("FORMAT/\(keys[k])", "sample column \(s + 1): expected \(integer ? "Integer" : "Float") values (or '.') as the header declares, found a non-numeric value",
                                "fix the value, or declare the tag Type=String in its ##FORMAT line if it holds text")
                }
            }
        }
        return nil
    }

    // MARK: - Text helpers

    /// Line `number` of `file` as it is on disk (plain, gzip or BGZF); nil if it cannot be read again.
    static func originalLine(file: String, number: Int) -> [UInt8]? {
        guard number > 0, let fp = hts_open(file, "r") else { return nil }
        defer { hts_close(fp) }
        var line = kstring_t()
        defer { csl_kstring_free(&line) }
        for _ in 0..<number {
            if hts_getline(fp, 10, &line) < 0 { return nil }
        }
        guard let s = line.s else { return [] }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self), count: line.l))
    }

    /// The value of INFO `key` in a line vcf_parse has processed (it writes NULs over INFO's ';' and '=').
    private static func mangledInfoValue(_ line: kstring_t, key: String) -> [UInt8]? {
        guard let s = line.s else { return nil }
        let p = UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self)
        let bytes = UnsafeBufferPointer(start: p, count: line.l)
        let needle = [UInt8(0)] + Array(key.utf8) + [0]
        // INFO follows QUAL: skip CHROM..QUAL (six NUL-terminated columns) so an ID or allele cannot match.
        var i = 0, nuls = 0
        while i < bytes.count && nuls < 6 { if bytes[i] == 0 { nuls += 1 }; i += 1 }
        i -= 1
        while i + needle.count <= bytes.count {
            if bytes[i] == 0 && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                let start = i + needle.count
                var end = start
                while end < bytes.count && bytes[end] != 0 { end += 1 }
                return Array(bytes[start..<end])
            }
            i += 1
        }
        return nil
    }

    /// Whether `text` is a decimal integer (optional sign), or for floats also what strtod reads fully
    /// (decimals, exponents, nan, inf).
    static func isNumber(_ text: [UInt8], integer: Bool) -> Bool {
        guard !text.isEmpty else { return false }
        var digits = text[...]
        if digits.first == 0x2D || digits.first == 0x2B { digits = digits.dropFirst() }
        if !digits.isEmpty && digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        if integer { return false }
        return Double(String(decoding: text, as: UTF8.self)) != nil
    }

    private static func alleleCount(_ alt: [UInt8]) -> Int {
        alt == [0x2E] ? 1 : 1 + alt.split(separator: 0x2C, omittingEmptySubsequences: false).count
    }
}
