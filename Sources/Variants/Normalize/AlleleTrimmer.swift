/// The alleles of one record while they are trimmed and left-aligned.
///
/// The rule is the one of Tan, Abecasis & Kang (2015), "Unified representation of genetic variants",
/// Bioinformatics 31:2202, in the form `bcftools norm` applies it:
///  1. while every allele ends with the same base (ignoring case), drop that base; when an allele runs
///     empty, prepend the reference bases before the record (at most `maxPad` at a time) to every
///     allele and move the position back, then go on — this is what walks an indel left through a repeat;
///     stop at the start of the contig;
///  2. then drop leading bases shared by every allele while each allele keeps at least one base.
///
/// Alleles live in one reusable byte buffer, each with free room in front for the padding, so normalizing
/// a record allocates nothing once the buffers have grown to the largest record seen.
struct AlleleTrimmer {
    /// How many reference bases are prepended at once (bcftools' realignment window).
    static let maxPad: Int64 = 100

    private var storage: [UInt8] = []
    private var slotBase: [Int] = []
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var padBuffer: [UInt8] = []
    /// Free bytes before each allele when it is added.
    private var headroom = 128
    private(set) var count = 0

    init() {}

    mutating func reset() {
        storage.removeAll(keepingCapacity: true)
        slotBase.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Adds an allele: `bytes` upper-cased, then `suffix` as given (used for the reference bases a
    /// symbolic deletion spans).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>? = nil) {
        slotBase.append(storage.count)
        storage.append(contentsOf: repeatElement(0, count: headroom))
        let start = storage.count
        storage.append(contentsOf: bytes)
        for k in start..<storage.count { storage[k] = Self.upper(storage[k]) }
        if let suffix { storage.append(contentsOf: suffix) }
        starts.append(start)
        ends.append(storage.count)
        count += 1
    }

    /// Convenience for tests and small callers.
    mutating func append(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { append(UnsafeBufferPointer($0)) }
    }

    func length(_ i: Int) -> Int { ends[i] - starts[i] }

    /// Byte `k` of allele `i`.
    func byte(_ i: Int, _ k: Int) -> UInt8 { storage[starts[i] + k] }

    /// Calls `body` with the bytes of allele `i`.
    func withAllele<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[starts[i]..<ends[i]])) }
    }

    /// Allele `i` as text (allocates; for tests and messages).
    func string(_ i: Int) -> String { withAllele(i) { String(decoding: $0, as: UTF8.self) } }

    /// Trims and left-aligns; returns the new 0-based position, or nil when `reference` could not give
    /// the padding bases. `reference(from, to, into)` must replace `into` with the reference bases
    /// `[from, to)`, IUPAC codes as N and case as in the FASTA.
    mutating func trim(position: Int64,
                       reference: (Int64, Int64, inout [UInt8]) -> Bool) -> Int64? {
        guard count > 0 else { return position }
        var pos = position
        // 1. Trim from the right, padding from the left whenever an allele runs empty.
        while true {
            var minLength = length(0)
            guard minLength > 0 else { break }
            let last = Self.upper(byte(0, minLength - 1))
            var same = true
            for i in 1..<count {
                let l = length(i)
                guard l > 0, Self.upper(byte(i, l - 1)) == last else { same = false; break }
                minLength = min(minLength, l)
            }
            if !same { break }
            if minLength <= 1 && pos == 0 { break }
            var empty = false
            for i in 0..<count {
                ends[i] -= 1
                if ends[i] == starts[i] { empty = true }
            }
            if empty {
                let npad = min(pos, Self.maxPad)
                guard reference(pos - npad, pos, &padBuffer), padBuffer.count == Int(npad) else { return nil }
                prepend(padBuffer)
                pos -= npad
                if npad == 0 { break }
            }
        }
        // 2. Trim from the left, keeping at least one base in every allele.
        var trimmed = 0
        while true {
            var minLength = length(0) - trimmed
            var same = true
            let first = byte(0, trimmed)
            for i in 1..<count {
                guard byte(i, trimmed) == first else { same = false; break }
                minLength = min(minLength, length(i) - trimmed)
            }
            if !same || minLength <= 1 { break }
            trimmed += 1
        }
        if trimmed > 0 {
            for i in 0..<count { starts[i] += trimmed }
            pos += Int64(trimmed)
        }
        return pos
    }

    /// Prepends `bases` to every allele, making room first when the padding outgrew the headroom.
    private mutating func prepend(_ bases: [UInt8]) {
        let n = bases.count
        guard n > 0 else { return }
        if (0..<count).contains(where: { starts[$0] - slotBase[$0] < n }) { relayout(extra: n) }
        for i in 0..<count {
            starts[i] -= n
            for k in 0..<n { storage[starts[i] + k] = bases[k] }
        }
    }

    /// Copies every allele into a fresh layout with more room in front.
    private mutating func relayout(extra: Int) {
        headroom = max(headroom * 2, extra + 128)
        let old = storage, oldStarts = starts, oldEnds = ends
        reset()
        for i in 0..<oldStarts.count {
            slotBase.append(storage.count)
            storage.append(contentsOf: repeatElement(0, count: headroom))
            starts.append(storage.count)
            storage.append(contentsOf: old[oldStarts[i]..<oldEnds[i]])
            ends.append(storage.count)
            count += 1
        }
    }

    @inline(__always)
    static func upper(_ c: UInt8) -> UInt8 { (c >= 0x61 && c <= 0x7A) ? c - 0x20 : c }
}
