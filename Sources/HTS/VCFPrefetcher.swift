import CHTSlib
import Foundation

/// Reads and parses text VCF lines on a background thread, a few batches ahead of the caller, so that
/// parsing and what the caller does with the records (normalizing, formatting, compressing) use two cores.
///
/// The thread parses with a private copy of the header: htslib declares an undeclared contig or tag in the
/// header it parses with, while the caller's thread reads the reader's header at the same time. At the first
/// line that is not plainly well formed (htslib flags anything, a `VCFLineDiagnosis` check fails, a name is
/// undeclared) and at the end of input or a read error, the thread stops and hands the raw line or the read
/// result back; the reader then carries on by itself with its usual code, so messages, line numbers and
/// header updates are exactly those of reading without a prefetcher.
final class VCFPrefetcher: @unchecked Sendable {
    /// Records per batch: the threads meet (and may wake each other) once per batch.
    static let batchSize = 1024
    /// Batches in flight: one being filled, one being consumed, the rest waiting.
    static let batchCount = 4

    /// Why the thread stopped, delivered after the last batch's records.
    enum Stop {
        /// `hts_getline` returned `result` (-1 end of input, less on a read error) after `lineNumber` lines.
        case input(result: Int32, lineNumber: Int)
        /// The line in `handedOverLine` (not blank) follows line `lineNumber` and needs the reader's own handling.
        case line(lineNumber: Int)
    }

    /// What `next(into:)` gives.
    enum Next {
        /// A record was moved into the caller's record; it ends on line `lineNumber`.
        case record(lineNumber: Int)
        /// No more prefetched records; call `finish()`, then handle `Stop`.
        case stopped(Stop)
    }

    final class Batch {
        let records: [VCFRecord] = (0..<VCFPrefetcher.batchSize).map { _ in VCFRecord() }
        /// The records' `bcf1_t`s and line numbers in plain memory, so handing out a record costs no
        /// reference counting.
        let pointers = UnsafeMutablePointer<UnsafeMutablePointer<bcf1_t>>.allocate(capacity: VCFPrefetcher.batchSize)
        let lineNumbers = UnsafeMutablePointer<Int>.allocate(capacity: VCFPrefetcher.batchSize)
        /// With `keepsText`, each record's VCF text as htslib formats it (no newline; empty when not kept).
        let texts = UnsafeMutablePointer<kstring_t>.allocate(capacity: VCFPrefetcher.batchSize)
        /// With `keepsText`, each record's packed bytes as parsed (shared then per-sample block).
        let packed = UnsafeMutablePointer<kstring_t>.allocate(capacity: VCFPrefetcher.batchSize)
        /// Where each text's INFO column is.
        let infoColumns = UnsafeMutablePointer<Range<Int>>.allocate(capacity: VCFPrefetcher.batchSize)
        var count = 0
        var bytesConsumed: Int64 = 0
        var stop: Stop?

        init() {
            for (i, r) in records.enumerated() { pointers[i] = r.pointer }
            texts.initialize(repeating: kstring_t(l: 0, m: 0, s: nil), count: VCFPrefetcher.batchSize)
            packed.initialize(repeating: kstring_t(l: 0, m: 0, s: nil), count: VCFPrefetcher.batchSize)
            infoColumns.initialize(repeating: 0..<0, count: VCFPrefetcher.batchSize)
        }

        deinit {
            pointers.deallocate()
            lineNumbers.deallocate()
            for i in 0..<VCFPrefetcher.batchSize {
                csl_kstring_free(texts + i)
                csl_kstring_free(packed + i)
            }
            texts.deallocate()
            packed.deallocate()
            infoColumns.deallocate()
        }
    }

    private let fp: UnsafeMutablePointer<htsFile>
    private let header: VCFHeader
    private let gtID: Int32
    private let path: String
    private var lineNumber: Int
    private var raw = VCFReader.pageAlignedLine()
    /// The copy `vcf_parse` works on; page-aligned for the reason `VCFReader.pageAlignedLine` gives.
    private var parsed = VCFReader.pageAlignedLine()
    private let columnEnds = UnsafeMutablePointer<Int>.allocate(capacity: 8)

    private let condition = NSCondition()
    private var free: [Batch]
    private var full: [Batch] = []
    private var cancelled = false
    private let exited = DispatchSemaphore(value: 0)
    private var finished = false
    /// The batch the caller is taking records from, and its records in plain memory.
    private var current: Batch?
    private var availablePointers: UnsafeMutablePointer<UnsafeMutablePointer<bcf1_t>>?
    private var availableLines: UnsafeMutablePointer<Int>?
    private var availableTexts: UnsafeMutablePointer<kstring_t>?
    private var availablePacked: UnsafeMutablePointer<kstring_t>?
    private var availableInfoColumns: UnsafeMutablePointer<Range<Int>>?
    private var available = 0
    private var handedOut = 0

    /// Whether each record's text is kept (`text(of:)`).
    let keepsText: Bool
    /// The texts, packed bytes and states of the last `ringSize` records handed out, by hand-out number modulo
    /// `ringSize`: the normalizer gives records back a sort window later, and `text(of:)` finds them here.
    static let ringSize = 4096
    private let ringTexts: UnsafeMutablePointer<kstring_t>
    private let ringPacked: UnsafeMutablePointer<kstring_t>
    private let ringStates: UnsafeMutablePointer<RecordState>
    private let ringInfoColumns: UnsafeMutablePointer<Range<Int>>
    /// Records handed out so far, and the hand-out number after the last record `text(of:)` recognised
    /// (output order is input order, so the next one is looked for from there on).
    private var handedCount = 0
    private var cursor = 0
    /// Unchanged-looking records in a row that `text(of:)` did not find.
    private var misses = 0
    static let giveUpAfter = 256
    /// Where a record's contents live, their lengths and the record's fixed fields.
    private struct RecordState: Equatable {
        var shared: UnsafeMutablePointer<CChar>? = nil
        var sharedLength = 0
        var indiv: UnsafeMutablePointer<CChar>? = nil
        var indivLength = 0
        var pos: Int64 = -1
        var rlen: Int64 = 0
        var rid: Int32 = -1
        var qual: UInt32 = 0
        var counts: UInt64 = 0

        init() {}

        @inline(__always)
        init(_ r: UnsafeMutablePointer<bcf1_t>) {
            shared = r.pointee.shared.s
            sharedLength = r.pointee.shared.l
            indiv = r.pointee.indiv.s
            indivLength = r.pointee.indiv.l
            pos = r.pointee.pos
            rlen = r.pointee.rlen
            rid = r.pointee.rid
            qual = r.pointee.qual.bitPattern
            counts = UInt64(r.pointee.n_info) | UInt64(r.pointee.n_allele) << 16 | UInt64(r.pointee.n_fmt) << 32
                | UInt64(r.pointee.n_sample) << 40
        }
    }

    /// Bytes of the file consumed when the current batch was filled, for progress reports.
    var bytesConsumed: Int64 { current?.bytesConsumed ?? 0 }

    /// Starts the thread, or returns nil when the header cannot be copied exactly (same dictionary ids).
    /// `fp` must not be read by anyone else until `finish()` returns.
    init?(fp: UnsafeMutablePointer<htsFile>, header: VCFHeader, path: String, lineNumber: Int, keepsText: Bool = false) {
        guard let copy = bcf_hdr_dup(header.pointer) else { return nil }
        let privateHeader = VCFHeader(owning: copy)
        guard Self.sameDictionaries(header.pointer, copy) else { return nil }
        self.fp = fp
        self.header = privateHeader
        self.path = path
        self.lineNumber = lineNumber
        self.keepsText = keepsText
        let ring = keepsText ? Self.ringSize : 0
        ringTexts = .allocate(capacity: ring)
        ringTexts.initialize(repeating: kstring_t(l: 0, m: 0, s: nil), count: ring)
        ringPacked = .allocate(capacity: ring)
        ringPacked.initialize(repeating: kstring_t(l: 0, m: 0, s: nil), count: ring)
        ringStates = .allocate(capacity: ring)
        ringStates.initialize(repeating: RecordState(), count: ring)
        ringInfoColumns = .allocate(capacity: ring)
        ringInfoColumns.initialize(repeating: 0..<0, count: ring)
        gtID = bcf_hdr_id2int(copy, BCF_DT_ID, "GT")
        free = (0..<Self.batchCount).map { _ in Batch() }
        let thread = Thread { [self] in run() }
        thread.name = "consilium-vcf-parse"
        thread.start()
    }

    deinit {
        csl_kstring_free(&raw)
        csl_kstring_free(&parsed)
        for i in 0..<(keepsText ? Self.ringSize : 0) {
            csl_kstring_free(ringTexts + i)
            csl_kstring_free(ringPacked + i)
        }
        ringTexts.deallocate()
        ringPacked.deallocate()
        ringStates.deallocate()
        ringInfoColumns.deallocate()
        columnEnds.deallocate()
    }

    /// Moves the next record into `record` (its old contents go back to be parsed into), or says why there is none.
    @inline(__always)
    func next(into record: VCFRecord) -> Next {
        if _fastPath(handedOut < available), let pointers = availablePointers, let lines = availableLines {
            swap(&record.pointer.pointee, &pointers[handedOut].pointee)
            if keepsText, let texts = availableTexts, let packed = availablePacked, let info = availableInfoColumns {
                let k = handedCount & (Self.ringSize - 1)
                ringInfoColumns[k] = info[handedOut]
                swap(&ringTexts[k], &texts[handedOut])
                swap(&ringPacked[k], &packed[handedOut])
                ringStates[k] = RecordState(record.pointer)
                handedCount &+= 1
            }
            let line = lines[handedOut]
            handedOut &+= 1
            return .record(lineNumber: line)
        }
        return nextBatch(into: record)
    }

    private func nextBatch(into record: VCFRecord) -> Next {
        if let batch = current {
            if let stop = batch.stop { return .stopped(stop) }
            condition.lock()
            free.append(batch)
            condition.signal()
            condition.unlock()
            current = nil
        }
        condition.lock()
        while full.isEmpty { condition.wait() }
        let batch = full.removeFirst()
        condition.unlock()
        current = batch
        availablePointers = batch.pointers
        availableLines = batch.lineNumbers
        availableTexts = batch.texts
        availablePacked = batch.packed
        availableInfoColumns = batch.infoColumns
        available = batch.count
        handedOut = 0
        return next(into: record)
    }

    /// htslib's VCF text of `record` (what `vcf_format` writes, without the newline) when it holds one of the
    /// last `ringSize` records handed out, unchanged: no dirty flag (every htslib update of a decoded field sets
    /// one), the same fixed fields and the same packed bytes, so `vcf_format` would write the same text. Nil
    /// otherwise or without `keepsText`. Output order is input order, so the search goes on from the record
    /// after the last one recognised (those in between were split or changed); after `giveUpAfter` searches in a
    /// row find nothing (records held back longer than the ring reaches), it stops looking.
    @inline(__always)
    func text(of record: VCFRecord) -> VCFRecordText? {
        let r = record.pointer
        guard keepsText, misses < Self.giveUpAfter, r.pointee.d.shared_dirty == 0, r.pointee.d.indiv_dirty == 0 else { return nil }
        let state = RecordState(r)
        var n = max(cursor, handedCount - Self.ringSize)
        while n < handedCount {
            let k = n & (Self.ringSize - 1)
            if ringStates[k] == state {
                let p = ringPacked[k], t = ringTexts[k]
                guard t.l > 0, let ts = t.s, let ps = p.s, p.l == state.sharedLength + state.indivLength,
                      state.sharedLength == 0 || memcmp(ps, r.pointee.shared.s, state.sharedLength) == 0,
                      state.indivLength == 0 || memcmp(ps + state.sharedLength, r.pointee.indiv.s, state.indivLength) == 0
                else { break }
                cursor = n + 1
                misses = 0
                return VCFRecordText(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(ts).assumingMemoryBound(to: UInt8.self), count: t.l),
                                     info: ringInfoColumns[k])
            }
            n += 1
        }
        misses += 1
        return nil
    }

    /// Stops the thread (if it still runs) and waits for it. Afterwards `handedOverLine` holds the line of a
    /// `.line` stop, and the file is the caller's again.
    func finish() {
        guard !finished else { return }
        finished = true
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    /// The raw line of a `.line` stop; valid after `finish()`. The caller may swap it out.
    var handedOverLine: kstring_t {
        get { raw }
        set { raw = newValue }
    }

    // MARK: - The thread

    private func run() {
        defer { exited.signal() }
        while let batch = takeFree() {
            batch.count = 0
            batch.stop = nil
            while batch.count < Self.batchSize {
                let n = hts_getline(fp, 10, &raw)
                if n < 0 {
                    batch.stop = .input(result: n, lineNumber: lineNumber)
                    break
                }
                if n == 0 {  // blank lines are skipped, as bcftools does
                    lineNumber += 1
                    continue
                }
                if !parse(into: batch.pointers[batch.count]) {
                    batch.stop = .line(lineNumber: lineNumber)
                    break
                }
                if keepsText {
                    keepText(of: batch.pointers[batch.count], into: batch.texts + batch.count, packed: batch.packed + batch.count,
                             info: batch.infoColumns + batch.count)
                }
                lineNumber += 1
                batch.lineNumbers[batch.count] = lineNumber
                batch.count += 1
            }
            batch.bytesConsumed = csl_file_bytes_read(fp)
            condition.lock()
            full.append(batch)
            condition.signal()
            condition.unlock()
            if batch.stop != nil { return }
        }
    }

    private func takeFree() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    /// Parses a copy of `raw` (vcf_parse writes over its input; the original may be handed over) and runs
    /// the reader's checks; false for anything the reader must handle itself.
    @inline(__always)
    private func parse(into r: UnsafeMutablePointer<bcf1_t>) -> Bool {
        let tabs = VCFLineDiagnosis.scanTabs(raw, ends: columnEnds)
        parsed.l = 0
        guard let s = raw.s, kputsn(s, raw.l, &parsed) >= 0 else { return false }
        let rc = vcf_parse(&parsed, header.pointer, r)
        if rc < 0 || r.pointee.errcode != 0 || r.pointee.pos < 0 { return false }
        return VCFLineDiagnosis.check(parsedLine: parsed, tabs: tabs, ends: columnEnds, record: r,
                                      header: header, gtID: gtID, file: path, location: .line(lineNumber + 1)) == nil
    }

    /// Stores htslib's text of the record just parsed from `raw`: the line itself when it is already that text
    /// (checked column by column, `VCFLineCanonical`), else `vcf_format`'s; empty when formatting fails.
    @inline(__always)
    private func keepText(of r: UnsafeMutablePointer<bcf1_t>, into text: UnsafeMutablePointer<kstring_t>,
                          packed: UnsafeMutablePointer<kstring_t>, info: UnsafeMutablePointer<Range<Int>>) {
        text.pointee.l = 0
        packed.pointee.l = 0
        if (r.pointee.shared.l > 0 && kputsn(r.pointee.shared.s, r.pointee.shared.l, packed) < 0)
            || (r.pointee.indiv.l > 0 && kputsn(r.pointee.indiv.s, r.pointee.indiv.l, packed) < 0) {
            return
        }
        if VCFLineCanonical.isCanonical(raw, ends: columnEnds, record: r, header: header.pointer) {
            if let s = raw.s, kputsn(s, raw.l, text) < 0 { text.pointee.l = 0 }
            info.pointee = (columnEnds[6] + 1)..<(r.pointee.n_sample > 0 ? columnEnds[7] : raw.l)
            return
        }
        if vcf_format(header.pointer, r, text) != 0 || text.pointee.l == 0 {
            text.pointee.l = 0
            return
        }
        text.pointee.l -= 1  // the newline
        // INFO is the eighth column; CHROM..FILTER hold no tab.
        guard let t = UnsafeRawPointer(text.pointee.s)?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = text.pointee.l
        var start = 0
        for _ in 0..<7 {
            guard let tab = memchr(t + start, 0x09, count - start) else {
                text.pointee.l = 0
                return
            }
            start = UnsafeRawPointer(tab).assumingMemoryBound(to: UInt8.self) - t + 1
        }
        let end = memchr(t + start, 0x09, count - start).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - t } ?? count
        info.pointee = start..<end
    }

    /// Whether two headers give every sample, contig and tag the same dictionary id and the same
    /// declaration, so that records parsed with one mean the same with the other.
    static func sameDictionaries(_ a: UnsafeMutablePointer<bcf_hdr_t>, _ b: UnsafeMutablePointer<bcf_hdr_t>) -> Bool {
        func same(_ x: UnsafePointer<CChar>?, _ y: UnsafePointer<CChar>?) -> Bool {
            guard let x, let y else { return x == nil && y == nil }
            return strcmp(x, y) == 0
        }
        let samples = csl_hdr_nsamples(a)
        guard samples == csl_hdr_nsamples(b), csl_hdr_ncontigs(a) == csl_hdr_ncontigs(b),
              csl_hdr_nids(a) == csl_hdr_nids(b) else { return false }
        for i in 0..<samples where !same(csl_hdr_sample_name(a, i), csl_hdr_sample_name(b, i)) { return false }
        for i in 0..<csl_hdr_ncontigs(a) where !same(csl_hdr_contig_name(a, i), csl_hdr_contig_name(b, i)) { return false }
        for id in 0..<csl_hdr_nids(a) {
            guard same(csl_hdr_id_key(a, id), csl_hdr_id_key(b, id)) else { return false }
            for hl in [BCF_HL_FLT, BCF_HL_INFO, BCF_HL_FMT] {
                let exists = csl_hdr_id_exists(a, hl, id)
                guard exists == csl_hdr_id_exists(b, hl, id) else { return false }
                if exists != 0 && (csl_hdr_id_type(a, hl, id) != csl_hdr_id_type(b, hl, id)
                    || csl_hdr_id_length(a, hl, id) != csl_hdr_id_length(b, hl, id)
                    || csl_hdr_id_number(a, hl, id) != csl_hdr_id_number(b, hl, id)) {
                    return false
                }
            }
        }
        return true
    }
}
