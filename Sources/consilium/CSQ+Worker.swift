import CHTSlib
import Foundation
import HTS

/// Runs a `CSQRecordProcessor` on a thread of its own (`consilium csq --threads N`, N ≥ `CSQ.workerThreads`): the command's thread
/// reads records in chunks and writes finished chunks, the worker predicts, combines and formats them. Chunks go
/// back in the order they were sent, and a chunk is finished only when all its records have their values, so the
/// output is the same as without the worker, record for record.
///
/// Records held for a haplotype may wait for records of later chunks (up to a transcript's end), so the caller
/// never waits for a finished chunk while the worker is idle for lack of input (`receive`): it sends more.
final class CSQWorker: @unchecked Sendable {
    /// Records per chunk: the threads meet once per chunk.
    static let chunkSize = 1024
    /// Chunks the caller keeps in flight before it waits for one to come back (more only while the worker starves).
    static let inFlight = 4

    /// Records read together, with the `CSL_CSQ` values the worker gives them.
    final class Chunk {
        let records: [VCFRecord] = (0..<CSQWorker.chunkSize).map { _ in VCFRecord() }
        var count = 0
        /// Tag of `records[0]`; record i has tag `firstTag + i`.
        var firstTag = 0
        /// Values, NUL-terminated, one after another; `ends[i]` is where record i's ends (equal to the previous end
        /// when the record has none).
        var values: [UInt8] = []
        var ends: [Int] = []

        func reset(firstTag: Int) {
            self.firstTag = firstTag
            count = 0
            values.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }

        var isFinished: Bool { ends.count == count }

        /// Calls `body` with each record and its value (nil when none), in order.
        func forEach(_ body: (VCFRecord, UnsafePointer<CChar>?) throws -> Void) rethrows {
            try values.withUnsafeBufferPointer { v in
                try v.withMemoryRebound(to: CChar.self) { text in
                    var start = 0
                    for i in 0..<count {
                        let end = ends[i]
                        try body(records[i], end > start ? text.baseAddress.map { $0 + start } : nil)
                        start = end
                    }
                }
            }
        }
    }

    private let processor: CSQRecordProcessor
    private let condition = NSCondition()
    private var input: [Chunk] = []
    private var output: [Chunk] = []
    private var endOfInput = false
    private var cancelled = false
    private var waiting = false
    private var failure: (any Error)?
    private let exited = DispatchSemaphore(value: 0)
    /// Worker side: chunks taken but not finished, oldest first, and the one receiving values.
    private var open: [Chunk] = []
    private var emitting = 0

    init(processor: CSQRecordProcessor) {
        self.processor = processor
        let thread = Thread { [self] in run() }
        thread.name = "csq-worker"
        thread.start()
    }

    /// Hands a filled chunk (count > 0) to the worker.
    func send(_ chunk: Chunk) {
        condition.lock()
        input.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// No more chunks: the worker emits the records it still holds.
    func endInput() {
        condition.lock()
        endOfInput = true
        // Until the worker has emitted what it holds, it is not idle (`receive` must wait for it).
        waiting = false
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest finished chunk. With `wait`, waits for one unless the worker has nothing left to work on
    /// (then nil: send it more, or after `endInput` every chunk has come back). Rethrows the worker's error.
    func receive(wait: Bool) throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if !output.isEmpty { return output.removeFirst() }
            if !wait || (waiting && input.isEmpty) { return nil }
            condition.wait()
        }
    }

    /// Stops the worker (after an error on the caller's side, or at the end) and waits for it to exit.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    private func run() {
        defer { exited.signal() }
        do {
            while let chunk = take() {
                open.append(chunk)
                for i in 0..<chunk.count {
                    try processor.add(chunk.records[i], tag: chunk.firstTag + i, emit: store)
                }
                deliverFinished()
            }
            if isCancelled { return }
            try processor.finish(emit: store)
            deliverFinished()
            condition.lock()
            waiting = true
            condition.broadcast()
            condition.unlock()
        } catch {
            condition.lock()
            failure = error
            condition.broadcast()
            condition.unlock()
        }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next chunk to work on; nil at the end of input or when cancelled.
    private func take() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while input.isEmpty && !endOfInput && !cancelled {
            waiting = true
            condition.broadcast()
            condition.wait()
        }
        waiting = false
        if cancelled || input.isEmpty { return nil }
        return input.removeFirst()
    }

    /// Stores a record's value in its chunk; values come in input order.
    private func store(_ record: VCFRecord, _ tag: Int, _ value: UnsafeBufferPointer<UInt8>?) {
        while tag >= open[emitting].firstTag + open[emitting].count { emitting += 1 }
        let chunk = open[emitting]
        if let value { chunk.values.append(contentsOf: value) }
        chunk.ends.append(chunk.values.count)
    }

    /// Hands the finished chunks at the front of `open` back to the caller.
    private func deliverFinished() {
        var done = 0
        while done < open.count && open[done].isFinished { done += 1 }
        guard done > 0 else { return }
        condition.lock()
        output.append(contentsOf: open[..<done])
        condition.broadcast()
        condition.unlock()
        open.removeFirst(done)
        emitting = max(0, emitting - done)
    }
}
