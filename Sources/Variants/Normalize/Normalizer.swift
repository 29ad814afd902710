import CHTSlib
import Foundation
import HTS

/// Counts reported at the end of a run, like bcftools' `Lines total/split/realigned/skipped`.
public struct NormalizeStatistics: Sendable, Equatable {
    /// Records read.
    public var recordsIn = 0
    /// Records handed out by `nextReady()`.
    public var recordsOut = 0
    /// Multiallelic records that were split.
    public var split = 0
    /// Records whose position or REF changed by trimming or left-alignment.
    public var realigned = 0
    /// Records dropped (`--check-ref x`).
    public var skipped = 0
    /// Records whose REF disagreed with the reference (whatever `--check-ref` then did).
    public var referenceMismatches = 0
    /// Records whose REF or alleles `--check-ref s` changed.
    public var referenceSet = 0
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
/// Records go in with `push(_:)` and come out of `nextReady()` in sorted order: left-alignment can move a
/// record before ones already read, so records are held until the input has moved `sortWindow` bases past
/// them (or the contig changes), as bcftools does. Each record is normalized on its `bcf1_t` through
/// htslib, with reusable buffers: the hot path allocates no Swift strings or arrays.
public final class Normalizer {
    public let options: NormalizeOptions
    public let inputHeader: VCFHeader
    /// The header for the output: the input's plus what normalization declares (e.g. `--old-rec-tag`).
    public let outputHeader: VCFHeader
    public internal(set) var statistics = NormalizeStatistics()
    /// Receives `--check-ref w` warnings (REF_MISMATCH, NON_ACGTN_ALT, ALT_DUP lines as bcftools prints
    /// them: contig, position and the REF strings only). Prints to standard error by default.
    public var warningHandler: (String) -> Void = { message in
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    let reference: FastaReference?
    /// `--check-ref` as bcftools applies it (`e` overrides the other letters).
    let checkRef: NormalizeOptions.CheckRef
    /// The reference sequence index of each contig (by `rid`); -1 not yet looked up, -2 absent.
    var contigIndex: [Int] = []
    let gtID: Int32
    let endKey: ContiguousArray<CChar> = ContiguousArray("END".utf8CString)
    let svlenKey: ContiguousArray<CChar> = ContiguousArray("SVLEN".utf8CString)
    let oldRecordKey: ContiguousArray<CChar>?

    // Records in output order: `pending[head..<released]` are ready to be handed out, the rest wait (sorted
    // by position) until the input has moved `sortWindow` past them.
    var pending: [VCFRecord] = []
    var head = 0
    var released = 0
    var pool: [VCFRecord] = []
    var handedOut: VCFRecord?
    var splitOutput: [VCFRecord] = []

    // Reusable scratch: htslib get/update buffers (htslib reallocs them) and byte buffers.
    var values: UnsafeMutableRawPointer? = nil
    var valuesCount: Int32 = 0
    var genotypes: UnsafeMutableRawPointer? = nil
    var genotypesCount: Int32 = 0
    var strings: UnsafeMutableRawPointer? = nil
    var stringsCount: Int32 = 0
    var bytes: [UInt8] = []
    var sampleEnds: [Int] = []
    var text: [CChar] = []
    var trimmer = AlleleTrimmer()
    var forceWarned = false

    public init(header: VCFHeader, reference: FastaReference?, options: NormalizeOptions) throws(NormalizeError) {
        self.options = options
        self.reference = reference
        checkRef = options.checkRef.contains(.error) ? .error : options.checkRef
        inputHeader = header
        guard let out = header.copy() else { throw NormalizeError(problem: "out of memory copying the header") }
        outputHeader = out
        if let tag = options.oldRecordTag {
            guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) else {
                throw NormalizeError(field: "--old-rec-tag", problem: "'\(tag)' is not a valid INFO tag name",
                                     hint: "use letters, digits and underscores, e.g. --old-rec-tag ORIGINAL")
            }
            out.append(line: "##INFO=<ID=\(tag),Number=1,Type=String,Description=\"Original variant. Format: CHR|POS|REF|ALT|USED_ALT_IDX\">")
            oldRecordKey = ContiguousArray(tag.utf8CString)
        } else {
            oldRecordKey = nil
        }
        gtID = bcf_hdr_id2int(header.pointer, Int32(BCF_DT_ID), "GT")
    }

    deinit {
        free(values)
        free(genotypes)
        free(strings)
    }

    /// Takes one input record. The normalizer takes over its contents (no copy): afterwards `record` holds
    /// an unspecified record, ready to be read into again.
    /// Normalized records then come out of `nextReady()` in output (sorted) order, possibly after later
    /// input records were pushed, since left-alignment can move a record before ones already read.
    public func push(_ record: VCFRecord) throws(NormalizeError) {
        recycleHandedOut()
        statistics.recordsIn += 1
        let line = record.pointer
        bcf_unpack(line, Int32(BCF_UN_STR))
        try validateREF(line)
        if released < pending.count, let last = pending.last, last.pointer.pointee.rid != line.pointee.rid {
            releasePending(all: true)
        }
        if options.split && line.pointee.n_allele > 2 && splitScopeMatches(line) {
            statistics.split += 1
            try split(line)
            for i in 0..<splitOutput.count {
                try normalizeAndKeep(splitOutput[i])
            }
            splitOutput.removeAll(keepingCapacity: true)
        } else {
            // Take the record's contents instead of copying them: the caller only reads into it again.
            let kept = takeRecord()
            swap(&kept.pointer.pointee, &record.pointer.pointee)
            try normalizeAndKeep(kept)
        }
        releasePending(all: false)
    }

    /// The next record ready to be written, or nil until more input is pushed (or `finish()` is called).
    /// The returned record stays valid until the next call to `push` or `nextReady`.
    public func nextReady() -> VCFRecord? {
        recycleHandedOut()
        guard head < released else {
            if head == pending.count {
                pending.removeAll(keepingCapacity: true)
                head = 0
                released = 0
            } else if head > 4096 {
                pending.removeSubrange(0..<head)
                released -= head
                head = 0
            }
            return nil
        }
        let record = pending[head]
        head += 1
        statistics.recordsOut += 1
        handedOut = record
        return record
    }

    /// Marks the end of input: everything still buffered becomes ready.
    public func finish() {
        releasePending(all: true)
    }

    // MARK: - One record

    /// Checks REF against the reference, fixes it (`-c s`), trims and left-aligns, then buffers the record.
    private func normalizeAndKeep(_ record: VCFRecord) throws(NormalizeError) {
        if let reference {
            let contig = try referenceIndex(record.pointer, reference)
            if checkRef.contains(.set), contig >= 0 {
                try fixReference(record, contig: contig, reference: reference)
            }
            if options.leftAlign {
                switch try realign(record, contig: contig, reference: reference) {
                case .referenceMismatch where checkRef.contains(.exclude):
                    statistics.skipped += 1
                    pool.append(record)
                    return
                case .duplicateAllele:
                    if checkRef.contains(.set) {
                        removeDuplicateAlleles(record)
                    } else if checkRef == .error {
                        throw NormalizeError(field: "ALT",
                                             problem: "an ALT allele repeats REF at \(position(record.pointer))",
                                             hint: "--check-ref w warns and keeps the record, --check-ref s removes the repeated allele")
                    } else if checkRef.contains(.warn) {
                        warningHandler("ALT_DUP\t\(contigName(record.pointer))\t\(record.pointer.pointee.pos + 1)")
                    }
                default:
                    break
                }
            }
        }
        keep(record)
    }

    /// Inserts into the position-sorted buffer; equal positions keep input order, as in bcftools.
    private func keep(_ record: VCFRecord) {
        pending.append(record)
        var j = pending.count - 1
        let pos = record.pointer.pointee.pos
        while j > released && pending[j - 1].pointer.pointee.pos > pos {
            pending.swapAt(j - 1, j)
            j -= 1
        }
    }

    /// Releases records that no later record can precede any more.
    private func releasePending(all: Bool) {
        if all {
            released = pending.count
            return
        }
        guard released < pending.count, let last = pending.last else { return }
        let lastPos = last.pointer.pointee.pos, window = options.sortWindow
        while released < pending.count && lastPos - pending[released].pointer.pointee.pos >= window {
            released += 1
        }
    }

    func takeRecord() -> VCFRecord {
        pool.popLast() ?? VCFRecord()
    }

    private func recycleHandedOut() {
        if let r = handedOut {
            pool.append(r)
            handedOut = nil
        }
    }

    private func splitScopeMatches(_ line: UnsafeMutablePointer<bcf1_t>) -> Bool {
        switch options.splitScope {
        case .any: return true
        case .snps: return bcf_get_variant_types(line) & Int32(VCF_SNP | VCF_MNP) != 0
        case .indels: return bcf_get_variant_types(line) & Int32(VCF_INDEL) != 0
        }
    }

    // MARK: - Contigs and messages

    /// The reference sequence of the record's contig (through `ContigAliases`: `chr17` finds `17`).
    func referenceIndex(_ line: UnsafeMutablePointer<bcf1_t>, _ reference: FastaReference) throws(NormalizeError) -> Int {
        let rid = Int(line.pointee.rid)
        if rid >= contigIndex.count {
            contigIndex.append(contentsOf: repeatElement(-1, count: rid + 1 - contigIndex.count))
        }
        var index = contigIndex[rid]
        if index == -1 {
            let name = contigName(line)
            if let found = ContigAliases.resolve(name, in: reference.contains), let i = reference.sequenceIndex(of: found) {
                index = i
            } else {
                index = -2
            }
            contigIndex[rid] = index
        }
        if index == -2 {
            let name = contigName(line)
            let some = reference.sequences.prefix(5).map(\.name).joined(separator: ", ")
            throw NormalizeError(field: "CHROM",
                                 problem: "contig '\(name)' is not in the reference \(reference.path) (it has \(reference.sequences.count) sequences: \(some)\(reference.sequences.count > 5 ? ", …" : ""))",
                                 hint: "give the reference the VCF was called against, or keep to the contigs it has with -r (e.g. -r \(reference.sequences.first?.name ?? "1"))")
        }
        return index
    }

    func contigName(_ line: UnsafeMutablePointer<bcf1_t>) -> String {
        inputHeader.contigName(line.pointee.rid)
    }

    /// `chr:pos` (1-based) for messages.
    func position(_ line: UnsafeMutablePointer<bcf1_t>) -> String {
        "\(contigName(line)):\(line.pointee.pos + 1)"
    }

    // MARK: - REF validation

    /// REF must be bases: A, C, G, T, N or IUPAC ambiguity codes (or `.`, a missing REF that only
    /// `--check-ref s` with a reference can fill in).
    private func validateREF(_ line: UnsafeMutablePointer<bcf1_t>) throws(NormalizeError) {
        guard let ref = line.pointee.d.allele?[0] else { return }
        var p = UnsafeRawPointer(ref).assumingMemoryBound(to: UInt8.self)
        var ambiguous = false
        if p[0] == UInt8(ascii: ".") && p[1] == 0 {
            ambiguous = true
        } else {
            while p.pointee != 0 {
                switch Self.baseClass[Int(p.pointee)] {
                case 1: break
                case 2: ambiguous = true
                default:
                    throw NormalizeError(field: "REF",
                                         problem: "REF must hold bases (A, C, G, T, N or IUPAC codes); this one has another character",
                                         hint: "fix the REF column of this record; symbolic alleles belong in ALT")
                }
                p += 1
            }
        }
        if ambiguous && reference == nil {
            throw NormalizeError(field: "REF",
                                 problem: "REF is missing or has IUPAC ambiguity codes, which only a reference can resolve",
                                 hint: "give the reference with -f REF.fa (with --check-ref s to set REF from it)")
        }
    }

    /// 1 for ACGTN (either case), 2 for the other IUPAC codes, 0 otherwise.
    static let baseClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in "ACGTNacgtn".utf8 { t[Int(c)] = 1 }
        for c in "RYSWKMBDHVUryswkmbdhvu".utf8 { t[Int(c)] = 2 }
        return t
    }()

    /// True for A, C, G, T, N in either case.
    @inline(__always)
    static func isACGTN(_ c: UInt8) -> Bool { baseClass[Int(c)] == 1 }
}
