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
/// a record allocates nothing once the buffers have grown to the largest record seen. (Non-copyable: it
/// owns that memory.)
struct AlleleTrimmer: ~Copyable {
    /// How many reference bases are prepended at once (bcftools' realignment window).
    static let maxPad: Int64 = 100
    /// Most records have this many alleles or fewer; more grow the tables.
    private var capacityAlleles = 0
    private var storage: UnsafeMutablePointer<UInt8>
    private var storageCapacity = 0
    private var used = 0
    private var slotBase: UnsafeMutablePointer<Int>
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var padBuffer: UnsafeMutablePointer<UInt8>
    /// Free bytes before each allele when it is added.
    private var headroom = 128
    private(set) var count = 0

    init() {
        storageCapacity = 4096
        storage = .allocate(capacity: storageCapacity)
        capacityAlleles = 16
        slotBase = .allocate(capacity: capacityAlleles)
        starts = .allocate(capacity: capacityAlleles)
        ends = .allocate(capacity: capacityAlleles)
        padBuffer = .allocate(capacity: Int(Self.maxPad))
    }

    deinit {
        storage.deallocate()
        slotBase.deallocate()
        starts.deallocate()
        ends.deallocate()
        padBuffer.deallocate()
    }

    mutating func reset() {
        used = 0
        count = 0
    }

    /// Adds an allele: `bytes` upper-cased, then `suffix` as given (used for the reference bases a
    /// symbolic deletion spans).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>? = nil) {
        let suffixCount = suffix?.count ?? 0
        reserve(alleles: count + 1, bytes: used + headroom + bytes.count + suffixCount)
        slotBase[count] = used
        used += headroom
        starts[count] = used
        for k in 0..<bytes.count { storage[used + k] = Self.upper(bytes[k]) }
        used += bytes.count
        if let suffix, let base = suffix.baseAddress, suffixCount > 0 {
            (storage + used).update(from: base, count: suffixCount)
            used += suffixCount
        }
        ends[count] = used
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

    /// The bytes of allele `i`, valid until the trimmer changes.
    func allele(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + starts[i], count: ends[i] - starts[i])
    }

    /// Allele `i` as text (allocates; for tests and messages).
    func string(_ i: Int) -> String { String(decoding: allele(i), as: UTF8.self) }

    /// Trims and left-aligns; returns the new 0-based position, or nil when `reference` could not give
    /// the padding bases. `reference(from, to, into)` must write the reference bases `[from, to)` to `into`
    /// (IUPAC codes as N, case as in the FASTA) and return false if it cannot.
    mutating func trim(position: Int64,
                       reference: (Int64, Int64, UnsafeMutablePointer<UInt8>) -> Bool) -> Int64? {
        guard count > 0 else { return position }
        var pos = position
        // 1. Trim from the right, padding from the left whenever an allele runs empty.
        while true {
            var minLength = length(0)
            guard minLength > 0 else { break }
            let last = Self.upper(storage[ends[0] - 1])
            var same = true
            for i in 1..<count {
                let l = ends[i] - starts[i]
                guard l > 0, Self.upper(storage[ends[i] - 1]) == last else { same = false; break }
                if l < minLength { minLength = l }
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
                if npad == 0 { break }
                guard reference(pos - npad, pos, padBuffer) else { return nil }
                prepend(Int(npad))
                pos -= npad
            }
        }
        // 2. Trim from the left, keeping at least one base in every allele.
        var trimmed = 0
        while true {
            var minLength = length(0) - trimmed
            var same = true
            let first = storage[starts[0] + trimmed]
            for i in 1..<count {
                guard storage[starts[i] + trimmed] == first else { same = false; break }
                minLength = min(minLength, ends[i] - starts[i] - trimmed)
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

    /// Prepends the `n` bases in `padBuffer` to every allele, making room first when needed.
    private mutating func prepend(_ n: Int) {
        for i in 0..<count where starts[i] - slotBase[i] < n {
            relayout(extra: n)
            break
        }
        for i in 0..<count {
            starts[i] -= n
            (storage + starts[i]).update(from: padBuffer, count: n)
        }
    }

    /// Copies every allele into a fresh layout with more room in front.
    private mutating func relayout(extra: Int) {
        headroom = max(headroom * 2, extra + 128)
        var total = 0
        for i in 0..<count { total += headroom + ends[i] - starts[i] }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, storageCapacity))
        var at = 0
        for i in 0..<count {
            let l = ends[i] - starts[i]
            slotBase[i] = at
            at += headroom
            (fresh + at).update(from: storage + starts[i], count: l)
            starts[i] = at
            at += l
            ends[i] = at
        }
        storage.deallocate()
        storage = fresh
        storageCapacity = max(total, storageCapacity)
        used = at
    }

    private mutating func reserve(alleles: Int, bytes: Int) {
        if alleles > capacityAlleles {
            let n = max(alleles, capacityAlleles * 2)
            let newBase = UnsafeMutablePointer<Int>.allocate(capacity: n)
            let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: n)
            let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: n)
            newBase.update(from: slotBase, count: count)
            newStarts.update(from: starts, count: count)
            newEnds.update(from: ends, count: count)
            slotBase.deallocate(); starts.deallocate(); ends.deallocate()
            slotBase = newBase; starts = newStarts; ends = newEnds
            capacityAlleles = n
        }
        if bytes > storageCapacity {
            let n = max(bytes, storageCapacity * 2)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            fresh.update(from: storage, count: used)
            storage.deallocate()
            storage = fresh
            storageCapacity = n
        }
    }

    @inline(__always)
    static func upper(_ c: UInt8) -> UInt8 { (c >= 0x61 && c <= 0x7A) ? c - 0x20 : c }
}
