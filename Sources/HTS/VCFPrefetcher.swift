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
        var count = 0
        var bytesConsumed: Int64 = 0
        var stop: Stop?

        init() {
            for (i, r) in records.enumerated() { pointers[i] = r.pointer }
        }

        deinit {
            pointers.deallocate()
            lineNumbers.deallocate()
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
    private var available = 0
    private var handedOut = 0

    /// Bytes of the file consumed when the current batch was filled, for progress reports.
    var bytesConsumed: Int64 { current?.bytesConsumed ?? 0 }

    /// Starts the thread, or returns nil when the header cannot be copied exactly (same dictionary ids).
    /// `fp` must not be read by anyone else until `finish()` returns.
    init?(fp: UnsafeMutablePointer<htsFile>, header: VCFHeader, path: String, lineNumber: Int) {
        guard let copy = bcf_hdr_dup(header.pointer) else { return nil }
        let privateHeader = VCFHeader(owning: copy)
        guard Self.sameDictionaries(header.pointer, copy) else { return nil }
        self.fp = fp
        self.header = privateHeader
        self.path = path
        self.lineNumber = lineNumber
        gtID = bcf_hdr_id2int(copy, BCF_DT_ID, "GT")
        free = (0..<Self.batchCount).map { _ in Batch() }
        let thread = Thread { [self] in run() }
        thread.name = "consilium-vcf-parse"
        thread.start()
    }

    deinit {
        csl_kstring_free(&raw)
        csl_kstring_free(&parsed)
        columnEnds.deallocate()
    }

    /// Moves the next record into `record` (its old contents go back to be parsed into), or says why there is none.
    @inline(__always)
    func next(into record: VCFRecord) -> Next {
        if _fastPath(handedOut < available), let pointers = availablePointers, let lines = availableLines {
            swap(&record.pointer.pointee, &pointers[handedOut].pointee)
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
        available = batch.count
        handedOut = 0
        return next(into: record)
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
