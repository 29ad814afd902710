import HTS

/// Counts reported at the end of a run, like bcftools' `Lines total/split/joined/realigned/skipped`.
public struct NormalizeStatistics: Sendable, Equatable {
    public var recordsIn = 0
    public var recordsOut = 0
    public var split = 0
    public var realigned = 0
    public var skipped = 0
    public var referenceMismatches = 0
    public init() {}
}

/// An error in one record that normalization cannot pass over (the caller adds file and line).
public struct NormalizeError: Error, Sendable, Equatable {
    public var field: String?
    public var problem: String
    public var hint: String?
    public init(field: String? = nil, problem: String, hint: String? = nil) {
        self.field = field; self.problem = problem; self.hint = hint
    }
    public func located(file: String, at location: InputLocation) -> InputError {
        InputError(file: file, location: location, field: field, problem: problem, hint: hint)
    }
}

/// Splits, trims and left-aligns records as `bcftools norm -m -any -f REF` does.
///
/// PLACEHOLDER: passes records through while the normalization work is in progress.
public final class Normalizer {
    public let options: NormalizeOptions
    public let inputHeader: VCFHeader
    /// The header for the output: the input's plus what normalization declares (e.g. `--old-rec-tag`).
    public let outputHeader: VCFHeader
    public private(set) var statistics = NormalizeStatistics()

    public init(header: VCFHeader, reference: FastaReference?, options: NormalizeOptions) throws(NormalizeError) {
        self.options = options
        inputHeader = header
        guard let out = header.copy() else { throw NormalizeError(problem: "out of memory copying the header") }
        outputHeader = out
    }

    private var ready: [VCFRecord] = []
    private var readyIndex = 0

    /// Takes one input record (the normalizer copies what it keeps; `record` may be reused by the caller).
    /// Normalized records then come out of `nextReady()` in output (sorted) order, possibly after later
    /// input records were pushed, since left-alignment can move a record before ones already read.
    public func push(_ record: VCFRecord) throws(NormalizeError) {
        statistics.recordsIn += 1
        let copy = VCFRecord()
        copy.copy(from: record)
        ready.append(copy)
    }

    /// The next record ready to be written, or nil until more input is pushed (or `finish()` is called).
    /// The returned record stays valid until the next call to `push` or `nextReady`.
    public func nextReady() -> VCFRecord? {
        guard readyIndex < ready.count else {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            return nil
        }
        defer { readyIndex += 1 }
        statistics.recordsOut += 1
        return ready[readyIndex]
    }

    /// Marks the end of input: everything still buffered becomes ready.
    public func finish() {}
}
