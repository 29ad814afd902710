import CHTSlib
import Foundation

/// Reads VCF (plain or BGZF), BCF, or standard input (`-`) through htslib, record by record.
///
/// Text VCF is read line by line (`hts_getline` + `vcf_parse`, what `vcf_read` does) so that every
/// error can name its line; BCF errors name the record number. With regions, the file's tabix/CSI
/// index is used and each overlapping record is returned once.
public final class VCFReader {
    public let path: String
    public let header: VCFHeader
    public let isBCF: Bool

    /// Lines consumed so far (text VCF), including header lines.
    public private(set) var lineNumber = 0
    /// Records returned so far.
    public private(set) var recordNumber = 0

    let fp: UnsafeMutablePointer<htsFile>
    private var line = VCFReader.pageAlignedLine()
    /// Where the current line's first eight tabs are (see `VCFLineDiagnosis.scanTabs`).
    private let columnEnds = UnsafeMutablePointer<Int>.allocate(capacity: 8)
    private var contigsDeclared: Int32

    /// Whether a record may name a contig the header does not declare (htslib then adds it, as bcftools
    /// does). Set it to false when writing BCF, whose contig dictionary is written before the records.
    public var allowsUndeclaredContigs = true
    /// Contigs named by requested regions that this file does not have (those regions are skipped).
    public private(set) var regionContigsNotInFile: [String] = []
    /// Contigs met in records but not declared in the header, in order of appearance.
    public private(set) var undeclaredContigs: [String] = []
    /// INFO/FORMAT tags met in records but not declared in the header (htslib declares them as
    /// Type=String, as bcftools does).
    public private(set) var undeclaredTags: [String] = []
    private var knownIDs: Int32 = 0
    /// The header's dictionary id of FORMAT/GT (-1 until declared), for the genotype check.
    private var gtID: Int32 = -1
    /// Output headers copied from this one, which must learn the contigs htslib adds while parsing
    /// (so that a record's contig id means the same contig in both).
    private var mirrors: [VCFHeader] = []

    /// Declares in `header` (a copy of this reader's header, e.g. an output header) every contig that
    /// parsing adds from now on.
    public func mirrorUndeclaredContigs(into header: VCFHeader) {
        mirrors.append(header)
    }
    private var threadPool: ThreadPool?

    // Region iteration state.
    private var regions: [Region] = []
    private var regionIndex = -1
    private var iterator: UnsafeMutablePointer<hts_itr_t>?
    private var tabix: UnsafeMutablePointer<tbx_t>?
    private var bcfIndex: OpaquePointer?  // hts_idx_t*
    private var previousRegionEnd: (rid: Int32, end: Int64)?

    /// Bytes of the file consumed so far (compressed bytes for BGZF), for progress reports.
    public var bytesConsumed: Int64 {
        if let prefetcher { return prefetcher.bytesConsumed }
        return csl_file_bytes_read(fp)
    }

    /// Parse text VCF on a background thread, a few hundred records ahead (set before the first read).
    /// Records, messages and line numbers are the same as without it; see `VCFPrefetcher`. It saves wall
    /// time for some extra CPU time (the records cross cores), so it is ignored with a single processor, and
    /// for BCF and region queries.
    public var prefetch = false
    /// With `prefetch`, also keep each record's VCF text as htslib would format it (set before the first read),
    /// for `text(of:)`. The prefetch thread pays for it (usually a copy of the line).
    public var keepsText = false
    private var prefetcher: VCFPrefetcher?
    /// The prefetcher whose records' texts `text(of:)` gives: the running one, and after the end of input the
    /// finished one (records still in a normalizer's sort window come out after it); none once this reader
    /// reads records by itself.
    private var textSource: VCFPrefetcher?
    private var prefetchStarted = false
    private var readStarted = false

    /// The file size, when the input is a regular file (nil for standard input or a pipe).
    public var fileSize: Int64? {
        guard path != "-" else { return nil }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(st.st_size)
    }

    /// Location of the last record read, for messages.
    public var location: InputLocation {
        if !regions.isEmpty || isBCF { return .record(recordNumber) }
        return .line(lineNumber)
    }

    /// Opens `path` (`-` for standard input) and reads its header.
    ///
    /// - Parameters:
    ///   - threads: BGZF decompression threads (0 = none), or share `pool` with a writer.
    ///   - regions: restrict to records overlapping these intervals (needs a `.tbi` or `.csi` index).
    public init(path: String, threads: Int = 0, pool: ThreadPool? = nil, regions: [Region] = []) throws(InputError) {
        HTSLog.quiet()
        self.path = path
        if path != "-" {
            var st = stat()
            if stat(path, &st) != 0 {
                throw InputError(file: path, location: .file, problem: "no such file",
                                 hint: "check the path, or give - to read standard input")
            }
            if (st.st_mode & S_IFMT) == S_IFREG, st.st_size == 0 {
                throw InputError(file: path, location: .file, problem: "the file is empty; expected a VCF or BCF header",
                                 hint: "a VCF starts with ##fileformat=VCFv4.x and a #CHROM line")
            }
        }
        guard let fp = hts_open(path, "r") else {
            if errno == ENOEXEC { throw VCFLineDiagnosis.notVCFOrBCF(path: path) }  // htslib's "unknown format"
            throw InputError(file: path, location: .file, problem: "cannot open the file (\(String(cString: strerror(errno))))",
                             hint: "check the path and permissions")
        }
        self.fp = fp
        let kind = csl_file_kind(fp)
        guard kind == 1 || kind == 2 else {
            hts_close(fp)
            throw VCFLineDiagnosis.notVCFOrBCF(path: path)
        }
        isBCF = kind == 1
        if let pool { pool.attach(to: fp) } else if threads > 0, let own = ThreadPool(threads: threads) {
            own.attach(to: fp)
            threadPool = own
        }
        if isBCF {
            guard let h = bcf_hdr_read(fp) else {
                hts_close(fp)
                throw InputError(file: path, location: .file, field: "header",
                                 problem: "the BCF header could not be read (truncated or corrupt)",
                                 hint: "check the file with `bcftools view -h`; re-create it if it was cut short")
            }
            header = VCFHeader(owning: h)
        } else {
            do {
                header = try VCFReader.readTextHeader(fp: fp, path: path, line: &line, lineNumber: &lineNumber)
            } catch {
                csl_kstring_free(&line)
                hts_close(fp)
                throw error
            }
        }
        if !isBCF && path != "-" && csl_file_is_bgzf(fp) != 0 { VCFReader.addContigsFromIndex(header: header, path: path) }
        contigsDeclared = csl_hdr_ncontigs(header.pointer)
        knownIDs = csl_hdr_nids(header.pointer)
        gtID = bcf_hdr_id2int(header.pointer, BCF_DT_ID, "GT")
        if !regions.isEmpty {
            do { try openIndex(regions: regions) } catch {
                close()
                throw error
            }
        }
    }

    deinit { close() }

    private var closed = false

    /// Releases the file; called automatically on deinit.
    public func close() {
        guard !closed else { return }
        closed = true
        if let iterator { hts_itr_destroy(iterator) }
        if let tabix { tbx_destroy(tabix) }
        if let bcfIndex { hts_idx_destroy(bcfIndex) }
        prefetcher?.finish()
        prefetcher = nil
        csl_kstring_free(&line)
        columnEnds.deallocate()
        hts_close(fp)
    }

    /// Reads text header lines up to and including `#CHROM`, then lets htslib parse them.
    private static func readTextHeader(fp: UnsafeMutablePointer<htsFile>, path: String,
                                       line: inout kstring_t, lineNumber: inout Int) throws(InputError) -> VCFHeader {
        var text = kstring_t()
        defer { csl_kstring_free(&text) }
        var sawChrom = false
        while true {
            let n = hts_getline(fp, 10, &line)
            if n < -1 {
                throw InputError(file: path, location: .line(lineNumber + 1), field: "header",
                                 problem: "the compressed data is truncated or corrupt",
                                 hint: "re-create the file with bgzip; check it with `bgzip -t`")
            }
            if n == -1 { break }
            lineNumber += 1
            guard let s = line.s else { break }
            if lineNumber == 1 && !(s[0] == 0x23 && s[1] == 0x23) {  // "##"
                throw InputError(file: path, location: .line(1), field: "header",
                                 problem: "expected the first line to be ##fileformat=VCFv4.x",
                                 hint: "this does not look like a VCF file; every VCF starts with its ## header")
            }
            if s[0] != 0x23 {  // "#"
                throw InputError(file: path, location: .line(lineNumber), field: "header",
                                 problem: "expected the #CHROM header line before the first record",
                                 hint: "add the line #CHROM POS ID REF ALT QUAL FILTER INFO (tab-separated)")
            }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(s).assumingMemoryBound(to: UInt8.self), count: line.l)
            if let problem = VCFLineDiagnosis.checkHeaderLine(bytes, number: lineNumber, file: path) { throw problem }
            kputsn(s, line.l, &text)
            kputc(0x0A, &text)
            if strncmp(s, "#CHROM", 6) == 0 { sawChrom = true; break }
        }
        guard sawChrom else {
            throw InputError(file: path, location: .line(max(lineNumber, 1)), field: "header",
                             problem: "the header has no #CHROM line",
                             hint: "add the line #CHROM POS ID REF ALT QUAL FILTER INFO (tab-separated) before the records")
        }
        guard let h = bcf_hdr_init("r") else {
            throw InputError(file: path, location: .file, problem: "out of memory reading the header")
        }
        if bcf_hdr_parse(h, text.s) != 0 {
            bcf_hdr_destroy(h)
            throw InputError(file: path, location: .line(lineNumber), field: "header",
                             problem: "htslib could not parse the header (a malformed ## line or #CHROM line)",
                             hint: "check the ##INFO/##FORMAT/##contig lines: each needs <ID=...,...>")
        }
        return VCFHeader(owning: h)
    }

    /// Declares the contigs a tabix index knows but the header does not, as htslib's `vcf_hdr_read` does,
    /// so headers (and BCF contig dictionaries) match what bcftools writes for the same input.
    private static func addContigsFromIndex(header: VCFHeader, path: String) {
        guard let idx = tbx_index_load3(path, nil, Int32(HTS_IDX_SILENT_FAIL)) else { return }
        defer { tbx_destroy(idx) }
        var n: Int32 = 0
        guard let names = tbx_seqnames(idx, &n) else { return }
        defer { free(names) }
        for i in 0..<Int(n) {
            guard let cname = names[i] else { continue }
            let name = String(cString: cname)
            if header.contigID(name) == nil { header.append(line: "##contig=<ID=\(name)>") }
        }
    }

    private func openIndex(regions requested: [Region]) throws(InputError) {
        // As bcftools: contigs in the order they first appear in the request, intervals sorted and merged
        // within a contig, so each record comes out once.
        var order: [String: Int] = [:]
        var known: [(rank: Int, rid: Int32, region: Region)] = []
        for r in requested {
            guard let rid = header.contigID(r.contig) else {
                if !regionContigsNotInFile.contains(r.contig) { regionContigsNotInFile.append(r.contig) }
                continue
            }
            let rank = order[r.contig] ?? order.count
            order[r.contig] = rank
            known.append((rank, rid, r))
        }
        known.sort { ($0.rank, $0.region.start) < ($1.rank, $1.region.start) }
        if known.isEmpty {
            let style = header.contigs.prefix(3).map(\.name).joined(separator: ", ")
            throw InputError(file: path, location: .file, field: "region",
                             problem: "no requested region names a contig of this file (asked: \(regionContigsNotInFile.prefix(5).joined(separator: ", ")))",
                             hint: style.isEmpty ? "the file declares no contigs; index it with tabix so they are known"
                                                 : "this file names contigs like \(style)")
        }
        var merged: [Region] = []
        var mergedRid: [Int32] = []
        for (_, rid, r) in known {
            if let last = merged.last, mergedRid.last == rid, r.start <= last.end {
                merged[merged.count - 1].end = max(last.end, r.end)
            } else {
                merged.append(r)
                mergedRid.append(rid)
            }
        }
        regions = merged
        if isBCF {
            bcfIndex = hts_idx_load(path, HTS_FMT_CSI)
            if bcfIndex == nil {
                throw InputError(file: path, location: .file, field: "region", problem: "region queries need an index, and none was found",
                                 hint: "make one with `bcftools index \(path)` (writes \(path).csi)")
            }
        } else {
            if csl_file_is_bgzf(fp) == 0 {
                let gzip = csl_file_is_compressed(fp) != 0
                throw InputError(file: path, location: .file, field: "region",
                                 problem: "region queries need a bgzip-compressed, indexed VCF; this one is " + (gzip ? "compressed with gzip, not bgzip" : "not compressed"),
                                 hint: gzip ? "recompress and index it: `zcat \(path) | bgzip > OUT.vcf.gz && tabix -p vcf OUT.vcf.gz`"
                                            : "compress and index it: `bgzip \(path) && tabix -p vcf \(path).gz`")
            }
            tabix = tbx_index_load(path)
            if tabix == nil {
                throw InputError(file: path, location: .file, field: "region", problem: "region queries need an index, and none was found",
                                 hint: "make one with `tabix -p vcf \(path)` (writes \(path).tbi) or `bcftools index \(path)`")
            }
        }
    }

    /// Reads the next record into `record`; false at the end of input.
    public func read(into record: VCFRecord) throws(InputError) -> Bool {
        if _slowPath(!readStarted) {
            // Lines a command added to the header before reading (its own INFO fields, contigs from -f) are
            // declared, not learned from the records: only what htslib adds while parsing counts as undeclared.
            readStarted = true
            contigsDeclared = csl_hdr_ncontigs(header.pointer)
            knownIDs = csl_hdr_nids(header.pointer)
        }
        if !regions.isEmpty { return try readRegion(into: record) }
        if isBCF {
            let r = bcf_read(fp, header.pointer, record.pointer)
            if r == -1 {
                if let problem = VCFLineDiagnosis.endOfInputProblem(fp, file: path, location: .record(recordNumber + 1)) { throw problem }
                return false
            }
            recordNumber += 1
            if r < -1 || record.pointer.pointee.errcode != 0 {
                throw InputError(file: path, location: .record(recordNumber),
                                 problem: "the BCF record could not be decoded (truncated or corrupt data)",
                                 hint: "check the file with `bcftools view`; re-create it if it was cut short")
            }
            return true
        }
        if _slowPath(prefetch && !prefetchStarted) {
            prefetchStarted = true
            if ProcessInfo.processInfo.activeProcessorCount > 1 {
                prefetcher = VCFPrefetcher(fp: fp, header: header, path: path, lineNumber: lineNumber,
                                           keepsText: keepsText)
                textSource = keepsText ? prefetcher : nil
            }
        }
        if let prefetcher {
            switch prefetcher.next(into: record) {
            case .record(let ending):
                lineNumber = ending
                recordNumber += 1
                return true
            case .stopped(let stop):
                // From here on this thread reads, with the reader's own code and header.
                prefetcher.finish()
                self.prefetcher = nil
                switch stop {
                case .input(let result, let lines):
                    lineNumber = lines
                    if let accepted = try accept(lineResult: result, into: record) { return accepted }
                case .line(let lines):
                    textSource = nil
                    lineNumber = lines
                    swap(&line, &prefetcher.handedOverLine)
                    if let accepted = try accept(lineResult: Int32(clamping: line.l), into: record) { return accepted }
                }
            }
        }
        while true {
            let n = hts_getline(fp, 10, &line)
            if let accepted = try accept(lineResult: n, into: record) { return accepted }
        }
    }

    /// htslib's VCF text of `record` (what `vcf_format` writes with this reader's header, without the
    /// newline) when `record` holds one of the last records read (through the parse thread) and nothing changed
    /// it since: no htslib update, the same fixed fields and packed bytes. Nil otherwise, and without
    /// `keepsText` and a parse thread. Valid until the next read.
    @inline(__always)
    public func text(of record: VCFRecord) -> VCFRecordText? {
        textSource?.text(of: record)
    }

    /// Handles what `hts_getline` gave: false at the end of input, true with a record, nil for a blank line.
    @inline(__always)
    private func accept(lineResult n: Int32, into record: VCFRecord) throws(InputError) -> Bool? {
        if n == -1 {
            if let problem = VCFLineDiagnosis.endOfInputProblem(fp, file: path, location: .line(lineNumber + 1)) { throw problem }
            return false
        }
        if n < -1 {
            throw InputError(file: path, location: .line(lineNumber + 1),
                             problem: "the compressed data is truncated or corrupt",
                             hint: "re-create the file with bgzip; check it with `bgzip -t`")
        }
        lineNumber += 1
        if n == 0 { return nil }  // bcftools skips blank lines too
        recordNumber += 1
        try parse(record)
        return true
    }

    private func readRegion(into record: VCFRecord) throws(InputError) -> Bool {
        while true {
            if iterator == nil {
                if let previous = currentRegionEnd() { previousRegionEnd = previous }
                regionIndex += 1
                guard regionIndex < regions.count else { return false }
                let query = regions[regionIndex].description
                iterator = isBCF ? csl_bcf_itr_querys(bcfIndex, header.pointer, query)
                                 : csl_tbx_itr_querys(tabix, query)
                if iterator == nil { continue }  // contig absent from the index: no records there
            }
            let r: Int32
            if isBCF {
                r = csl_bcf_itr_next(fp, iterator, record.pointer)
            } else {
                r = csl_tbx_itr_next(fp, tabix, iterator, &line)
            }
            if r == -1 {
                hts_itr_destroy(iterator)
                iterator = nil
                continue
            }
            if r < -1 {
                throw InputError(file: path, location: .record(recordNumber + 1),
                                 problem: "the compressed data is truncated or corrupt",
                                 hint: "re-create the file and its index")
            }
            recordNumber += 1
            if !isBCF { try parse(record) }
            // A record spanning two merged regions was already returned by the first.
            if let prev = previousRegionEnd, prev.rid == record.rid, record.position < prev.end { continue }
            return true
        }
    }

    private func currentRegionEnd() -> (rid: Int32, end: Int64)? {
        guard regionIndex >= 0, regionIndex < regions.count,
              let rid = header.contigID(regions[regionIndex].contig) else { return nil }
        return (rid, regions[regionIndex].end)
    }

    @inline(__always)
    private func parse(_ record: VCFRecord) throws(InputError) {
        let tabs = VCFLineDiagnosis.scanTabs(line, ends: columnEnds)
        let rc = vcf_parse(&line, header.pointer, record.pointer)
        let err = record.pointer.pointee.errcode
        if _slowPath(rc < 0 || err != 0 || record.pointer.pointee.pos < 0) {
            let tolerated = BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF
            if rc == 0 && err & ~tolerated == 0 && allowsUndeclaredContigs && record.pointer.pointee.pos >= 0 {
                // htslib declared the new contig or tag in the header; accept it as bcftools does.
                try learnUndeclared(record)
                record.pointer.pointee.errcode = 0
            } else {
                throw diagnose(record: record, tabs: tabs)
            }
        }
        // htslib lets some malformed values through (a word in QUAL, extra sample columns); see VCFLineDiagnosis.
        if let problem = VCFLineDiagnosis.check(parsedLine: line, tabs: tabs, ends: columnEnds, record: record.pointer,
                                                header: header, gtID: gtID, file: path, location: location) {
            throw problem
        }
    }

    /// An empty kstring whose buffer starts on a page boundary, for lines that `vcf_parse` parses in place.
    ///
    /// `vcf_parse` looks every tag and contig up in the header's hash tables, comparing keys inside the line
    /// with `strcmp`. glibc's strcmp takes a slow path whenever the OR of the two addresses falls in the last
    /// 128 bytes of a page, so with a line buffer anywhere in the heap a fixed share of all lookups (decided
    /// by where malloc put the buffer) is slow; measured, strcmp cost 1.2x to 2x bcftools' from one run to
    /// another. At the start of a page, keys of any line shorter than ~3.9 kB stay on the fast path.
    static func pageAlignedLine(capacity: Int = 1 << 16) -> kstring_t {
        var buffer: UnsafeMutableRawPointer?
        guard posix_memalign(&buffer, 4096, capacity) == 0, let buffer else { return kstring_t() }
        buffer.storeBytes(of: 0, as: UInt8.self)
        return kstring_t(l: 0, m: capacity, s: buffer.assumingMemoryBound(to: CChar.self))
    }

    /// Copies what htslib just declared into the mirrored output headers, keeping dictionary ids equal.
    private func learnUndeclared(_ record: VCFRecord) throws(InputError) {
        // The dictionary, not the error flags, says what was added: htslib 1.16 does not flag an undeclared
        // contig when the same record also has an undeclared tag.
        let contigs = csl_hdr_ncontigs(header.pointer)
        if contigs > contigsDeclared {
            for rid in contigsDeclared..<contigs {
                let name = header.contigName(rid)
                undeclaredContigs.append(name)
                for mirror in mirrors where mirror.contigID(name) == nil {
                    mirror.append(line: "##contig=<ID=\(name)>")
                }
            }
            contigsDeclared = contigs
        }
        let ids = csl_hdr_nids(header.pointer)
        guard ids > knownIDs else { return }
        for id in knownIDs..<ids {
            guard let key = csl_hdr_id_key(header.pointer, id) else { continue }
            let name = String(cString: key)
            undeclaredTags.append(name)
            for hl in [BCF_HL_INFO, BCF_HL_FMT] where csl_hdr_id_exists(header.pointer, hl, id) != 0 {
                guard let hrec = bcf_hdr_get_hrec(header.pointer, hl, "ID", key, nil) else { continue }
                for mirror in mirrors {
                    if bcf_hdr_id2int(mirror.pointer, BCF_DT_ID, key) < 0, let copy = bcf_hrec_dup(hrec) {
                        bcf_hdr_add_hrec(mirror.pointer, copy)
                        bcf_hdr_sync(mirror.pointer)
                    }
                    if bcf_hdr_id2int(mirror.pointer, BCF_DT_ID, key) != id {
                        throw InputError(file: path, location: location, field: hl == BCF_HL_INFO ? "INFO" : "FORMAT",
                                         problem: "tag \(name) is not declared in the header, and it cannot be added to the output header at the same place",
                                         hint: "declare it: ##\(hl == BCF_HL_INFO ? "INFO" : "FORMAT")=<ID=\(name),Number=.,Type=String,Description=\"...\">")
                    }
                }
            }
        }
        knownIDs = ids
        gtID = bcf_hdr_id2int(header.pointer, BCF_DT_ID, "GT")
    }

    private func diagnose(record: VCFRecord, tabs: Int) -> InputError {
        // vcf_parse cuts the line into columns by writing NULs over the tabs; put the tabs back.
        let text: [UInt8] = line.s.map {
            Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: line.l))
                .map { $0 == 0 ? 0x09 : $0 }
        } ?? []

        return VCFLineDiagnosis.diagnose(line: text, tabs: tabs, header: header, contigsDeclared: Int(contigsDeclared),
                                         tagsDeclared: Int(knownIDs), errcode: Int(record.pointer.pointee.errcode),
                                         file: path, location: location)
    }
}
