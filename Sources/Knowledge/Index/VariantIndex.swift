import Foundation
import HTS

/// A memory-mapped index file: integer-keyed rows and their value columns (layout in `IndexLayout`).
///
/// Opening checks the whole structure (section bounds, sizes, sortedness, dictionary offsets, string ids),
/// so a damaged file is refused with an `InputError` before any lookup; lookups then need no checks
/// beyond the row range.
public final class VariantIndex: @unchecked Sendable {
    public let file: MappedFile
    public let contigCount: Int
    public let rowCount: Int
    public let columnNames: [String]
    public let columnTypes: [IndexLayout.ColumnType]

    @usableFromInline let firstChunk: UnsafePointer<UInt32>
    @usableFromInline let rowStart: UnsafePointer<UInt64>
    @usableFromInline let keys: UnsafePointer<UInt64>
    private let longTable: UnsafeRawPointer?
    private let longCount: Int
    private let longBytes: UnsafePointer<UInt8>?
    private let longBytesCount: Int
    /// Per column: the values (4 bytes a row), and for strings the dictionary offsets and bytes. Plain memory
    /// (not arrays) so that a value read, inlined into the caller, is a load or two with no reference counting.
    @usableFromInline let columnData: UnsafeMutablePointer<UnsafeRawPointer>
    @usableFromInline let dictionaryOffsets: UnsafeMutablePointer<UnsafePointer<UInt64>?>
    @usableFromInline let dictionaryBytes: UnsafeMutablePointer<UnsafePointer<CChar>?>

    /// Maps and validates `path`. `expectedSHA256`, when given, is compared with the file's digest first:
    /// a `FastChecksum` (`fx64:…`, what knowledge bases are opened with) or a SHA-256 (hex).
    public init(path: String, expectedSHA256: String? = nil) throws(InputError) {
        let file = try MappedFile(path: path)
        self.file = file
        if let expected = expectedSHA256 {
            let fast = expected.hasPrefix("fx64:")
            let actual = fast ? FastChecksum.hex(file.bytes) : SHA256.hash(file.bytes)
            guard actual == expected else {
                let name = fast ? "checksum" : "SHA-256"
                let shown = { (s: String) in fast ? String(s.dropFirst(5).prefix(12)) : String(s.prefix(12)) }
                throw InputError(file: path, location: .file,
                                 problem: "the index file is damaged: its \(name) does not match the manifest (expected \(shown(expected))…, found \(shown(actual))…)",
                                 hint: "the file was changed or cut short after the build; rebuild the knowledge base with `consilium kb build`")
            }
        }
        let b = file.bytes
        func corrupt(_ what: String) -> InputError {
            InputError(file: path, location: .file, problem: "the index file is damaged or not a Consilium index: \(what)",
                       hint: "rebuild the knowledge base with `consilium kb build`")
        }
        guard b.count >= IndexLayout.headerSize, Array(b[0..<8]) == IndexLayout.magic else { throw corrupt("bad magic bytes") }
        let version = b.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == IndexLayout.formatVersion else {
            throw InputError(file: path, location: .file, problem: "index format version \(version) is not supported (this consilium reads version \(IndexLayout.formatVersion))",
                             hint: "rebuild the knowledge base with this version of consilium")
        }
        let sectionCount = Int(b.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
        guard sectionCount < 10_000, IndexLayout.headerSize + sectionCount * IndexLayout.entrySize <= b.count else {
            throw corrupt("the section table runs past the end of the file")
        }
        var sections: [String: (offset: Int, length: Int)] = [:]
        var order: [String] = []
        for i in 0..<sectionCount {
            let e = IndexLayout.headerSize + i * IndexLayout.entrySize
            let tagBytes = b[e..<(e + IndexLayout.tagSize)].prefix { $0 != 0 }
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let offset = b.loadUnaligned(fromByteOffset: e + IndexLayout.tagSize, as: UInt64.self).littleEndian
            let length = b.loadUnaligned(fromByteOffset: e + IndexLayout.tagSize + 8, as: UInt64.self).littleEndian
            guard offset % 8 == 0, offset <= UInt64(b.count), length <= UInt64(b.count) - offset else {
                throw corrupt("section '\(tag)' lies outside the file (the file may be truncated)")
            }
            sections[tag] = (Int(offset), Int(length))
            order.append(tag)
        }
        guard let base = b.baseAddress else { throw corrupt("empty file") }
        func section(_ tag: String) throws(InputError) -> (UnsafeRawPointer, Int) {
            guard let s = sections[tag] else { throw corrupt("section '\(tag)' is missing") }
            return (base + s.offset, s.length)
        }
        let (contigsPtr, contigsLen) = try section("contigs")
        guard contigsLen >= 4, contigsLen % 4 == 0 else { throw corrupt("bad 'contigs' size") }
        contigCount = contigsLen / 4 - 1
        firstChunk = contigsPtr.assumingMemoryBound(to: UInt32.self)
        for c in 0..<contigCount where firstChunk[c] > firstChunk[c + 1] { throw corrupt("contig chunk table is not ascending") }
        let chunkCount = Int(firstChunk[contigCount])
        let (chunksPtr, chunksLen) = try section("chunks")
        guard chunksLen == (chunkCount + 1) * 8 else { throw corrupt("bad 'chunks' size") }
        rowStart = chunksPtr.assumingMemoryBound(to: UInt64.self)
        let (keysPtr, keysLen) = try section("keys")
        guard keysLen % 8 == 0 else { throw corrupt("bad 'keys' size") }
        rowCount = keysLen / 8
        keys = keysPtr.assumingMemoryBound(to: UInt64.self)
        guard rowStart[0] == 0, rowStart[chunkCount] == UInt64(rowCount) else { throw corrupt("chunk rows do not add up to the row count") }
        for c in 0..<chunkCount {
            guard rowStart[c] <= rowStart[c + 1] else { throw corrupt("chunk table is not ascending") }
            var r = Int(rowStart[c]) + 1
            while r < Int(rowStart[c + 1]) {
                guard keys[r - 1] < keys[r] else { throw corrupt("keys are not sorted") }
                r += 1
            }
        }
        let (longPtr, longLen) = try section("long.alleles")
        guard longLen % 16 == 0 else { throw corrupt("bad 'long.alleles' size") }
        longCount = longLen / 16
        longTable = longLen > 0 ? longPtr : nil
        let (lbPtr, lbLen) = try section("long.bytes")
        longBytes = lbLen > 0 ? lbPtr.assumingMemoryBound(to: UInt8.self) : nil
        longBytesCount = lbLen
        for i in 0..<longCount {
            let o = longPtr.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self)
            let r = longPtr.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt32.self)
            let a = longPtr.loadUnaligned(fromByteOffset: i * 16 + 12, as: UInt32.self)
            guard o <= UInt64(lbLen), UInt64(r) + UInt64(a) <= UInt64(lbLen) - o else { throw corrupt("long allele outside its table") }
        }
        for r in 0..<rowCount where keys[r] & VariantKey.longFlag != 0 {
            guard Int(keys[r] & (VariantKey.longFlag - 1)) < longCount else { throw corrupt("long allele index out of range") }
        }
        // Columns, in file order.
        var names: [String] = [], types: [IndexLayout.ColumnType] = [], data: [UnsafeRawPointer] = []
        var dOffsets: [UnsafePointer<UInt64>?] = [], dBytes: [UnsafePointer<CChar>?] = []
        for tag in order {
            guard let colon = tag.firstIndex(of: ":"), let type = IndexLayout.ColumnType(rawValue: String(tag[..<colon])) else { continue }
            let name = String(tag[tag.index(after: colon)...])
            let (ptr, len) = try section(tag)
            guard len == rowCount * 4 else { throw corrupt("column '\(name)' has the wrong size") }
            names.append(name); types.append(type); data.append(ptr)
            if type == .string {
                let (dp, dl) = try section("dict:\(name)")
                guard dl >= 8 else { throw corrupt("dictionary '\(name)' is too short") }
                let count = dp.loadUnaligned(as: UInt64.self)
                guard count < UInt64(dl), 8 + (count + 1) * 8 <= UInt64(dl) else { throw corrupt("dictionary '\(name)' is too short") }
                let offsets = (dp + 8).assumingMemoryBound(to: UInt64.self)
                let blob = dp + 8 + Int(count + 1) * 8
                let blobLen = UInt64(dl) - 8 - (count + 1) * 8
                guard offsets[0] == 0, offsets[Int(count)] == blobLen else { throw corrupt("dictionary '\(name)' offsets do not match its bytes") }
                let bytes = blob.assumingMemoryBound(to: UInt8.self)
                for i in 0..<Int(count) {
                    guard offsets[i] < offsets[i + 1], bytes[Int(offsets[i + 1]) - 1] == 0 else { throw corrupt("dictionary '\(name)' string \(i) is malformed") }
                }
                let ids = ptr.assumingMemoryBound(to: UInt32.self)
                for r in 0..<rowCount where ids[r] != IndexLayout.missingString && UInt64(ids[r]) >= count {
                    throw corrupt("column '\(name)' refers past its dictionary")
                }
                dOffsets.append(offsets); dBytes.append(blob.assumingMemoryBound(to: CChar.self))
            } else {
                dOffsets.append(nil); dBytes.append(nil)
            }
        }
        columnNames = names; columnTypes = types
        columnData = .allocate(capacity: max(1, data.count))
        columnData.initialize(from: data, count: data.count)
        dictionaryOffsets = .allocate(capacity: max(1, dOffsets.count))
        dictionaryOffsets.initialize(from: dOffsets, count: dOffsets.count)
        dictionaryBytes = .allocate(capacity: max(1, dBytes.count))
        dictionaryBytes.initialize(from: dBytes, count: dBytes.count)
    }

    deinit {
        columnData.deallocate()
        dictionaryOffsets.deallocate()
        dictionaryBytes.deallocate()
    }

    /// The column number of `name`, or nil.
    public func column(_ name: String) -> Int? { columnNames.firstIndex(of: name) }

    /// The row of an allele, or nil. `alleleBits` comes from `VariantKey.encodeAlleles` (nil for long alleles);
    /// `ref`/`alt` are only read for long alleles.
    @inline(__always)
    public func find(contig: Int, position: Int64, alleleBits: UInt64?, ref: UnsafeBufferPointer<UInt8>,
                     alt: UnsafeBufferPointer<UInt8>) -> Int? {
        guard contig >= 0, contig < contigCount, position >= 0 else { return nil }
        let chunk = Int(position >> IndexLayout.chunkShift)
        let c = Int(firstChunk[contig]) + chunk
        guard c < Int(firstChunk[contig + 1]) else { return nil }
        var lo = Int(rowStart[c]), hi = Int(rowStart[c + 1])
        if let alleleBits {
            let key = VariantKey.key(position: position, alleleBits: alleleBits)
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                let k = keys[mid]
                if k == key { return mid }
                if k < key { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
        // Long alleles: scan the (few) long rows at this position.
        let start = VariantKey.key(position: position, alleleBits: VariantKey.longFlag)
        // The first key of the next position (0 when this is the chunk's last position and the sum wraps).
        let end = VariantKey.key(position: position, alleleBits: 0) &+ (1 << 44)
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if keys[mid] < start { lo = mid + 1 } else { hi = mid }
        }
        var r = lo
        let upper = Int(rowStart[c + 1])
        while r < upper, end == 0 || keys[r] < end {
            let i = Int(keys[r] & (VariantKey.longFlag - 1))
            if let t = longTable, let lb = longBytes {
                let o = Int(t.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
                let rl = Int(t.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt32.self))
                let al = Int(t.loadUnaligned(fromByteOffset: i * 16 + 12, as: UInt32.self))
                if rl == ref.count, al == alt.count,
                   memcmp(lb + o, ref.baseAddress!, rl) == 0, memcmp(lb + o + rl, alt.baseAddress!, al) == 0 {
                    return r
                }
            }
            r += 1
        }
        return nil
    }

    /// `find` for queries in ascending position order (as annotate reads a sorted VCF): `cursor` holds the row
    /// where the previous search ended, and a query at or after it gallops forward from there through keys that
    /// are mostly in cache already, instead of a binary search over the whole 1 Mbp chunk. Any order of
    /// queries gives the same rows as `find`; start `cursor` at 0.
    @inlinable @inline(__always)
    public func find(contig: Int, position: Int64, alleleBits: UInt64?, ref: UnsafeBufferPointer<UInt8>,
                     alt: UnsafeBufferPointer<UInt8>, cursor: inout Int) -> Int? {
        guard let alleleBits else { return find(contig: contig, position: position, alleleBits: nil, ref: ref, alt: alt) }
        guard contig >= 0, contig < contigCount, position >= 0 else { return nil }
        let c = Int(firstChunk[contig]) + Int(position >> IndexLayout.chunkShift)
        guard c < Int(firstChunk[contig + 1]) else { return nil }
        var lo = Int(rowStart[c]), hi = Int(rowStart[c + 1])
        let key = VariantKey.key(position: position, alleleBits: alleleBits)
        let start = cursor
        if start >= lo && start < hi && keys[start] <= key {
            // Gallop: the first row whose key is >= key lies in (start + step/2, start + step].
            var step = 1
            while start + step < hi && keys[start + step] < key { step &<<= 1 }
            lo = start + (step >> 1)
            hi = min(hi, start + step + 1)
        }
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        cursor = lo
        if lo < Int(rowStart[c + 1]) && keys[lo] == key { return lo }
        return nil
    }

    /// A Float32 value; nil when missing.
    @inlinable @inline(__always)
    public func float(_ column: Int, row: Int) -> Float? {
        let bits = columnData[column].load(fromByteOffset: row * 4, as: UInt32.self)
        if bits == IndexLayout.missingFloatBits { return nil }
        return Float(bitPattern: bits)
    }

    /// An Int32 value; nil when missing.
    @inlinable @inline(__always)
    public func int(_ column: Int, row: Int) -> Int32? {
        let v = columnData[column].load(fromByteOffset: row * 4, as: Int32.self)
        return v == IndexLayout.missingInt ? nil : v
    }

    /// A string value as a NUL-terminated C string inside the mapped file; nil when missing.
    @inlinable @inline(__always)
    public func cString(_ column: Int, row: Int) -> UnsafePointer<CChar>? {
        let id = columnData[column].load(fromByteOffset: row * 4, as: UInt32.self)
        guard id != IndexLayout.missingString, let offsets = dictionaryOffsets[column], let bytes = dictionaryBytes[column] else { return nil }
        return bytes + Int(offsets[Int(id)])
    }

    /// `cString` with the string's length in bytes (from the dictionary offsets, without reading the bytes).
    @inlinable @inline(__always)
    public func cString(_ column: Int, row: Int, length: inout Int) -> UnsafePointer<CChar>? {
        let id = columnData[column].load(fromByteOffset: row * 4, as: UInt32.self)
        guard id != IndexLayout.missingString, let offsets = dictionaryOffsets[column], let bytes = dictionaryBytes[column] else { return nil }
        let start = Int(offsets[Int(id)])
        length = Int(offsets[Int(id) + 1]) - start - 1
        return bytes + start
    }

    /// A string value as a Swift string (allocates; for reports and tests).
    public func string(_ column: Int, row: Int) -> String? {
        cString(column, row: row).map { String(cString: $0) }
    }

    /// The allele stored in `row`: knowledge-base contig number, 0-based position, REF and ALT bases as stored
    /// (trimmed). For scans over a whole table (the germline classifier's list of known pathogenic residues);
    /// allocates, not for the lookup path. Nil when `row` is out of range.
    public func allele(row: Int) -> (contig: Int, position: Int64, ref: [UInt8], alt: [UInt8])? {
        guard row >= 0, row < rowCount else { return nil }
        // The chunk holding the row: the first whose end lies past it (empty chunks end where they start).
        var lo = 0, hi = Int(firstChunk[contigCount])
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(rowStart[mid + 1]) <= row { lo = mid + 1 } else { hi = mid }
        }
        let chunk = lo
        var cl = 0, ch = contigCount
        while cl < ch {
            let mid = (cl + ch) / 2
            if Int(firstChunk[mid + 1]) <= chunk { cl = mid + 1 } else { ch = mid }
        }
        guard cl < contigCount else { return nil }
        let key = keys[row]
        let position = Int64(chunk - Int(firstChunk[cl])) << IndexLayout.chunkShift | Int64(key >> 44)
        if key & VariantKey.longFlag != 0 {
            guard let t = longTable, let lb = longBytes else { return nil }
            let i = Int(key & (VariantKey.longFlag - 1))
            let o = Int(t.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
            let rl = Int(t.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt32.self))
            let al = Int(t.loadUnaligned(fromByteOffset: i * 16 + 12, as: UInt32.self))
            return (cl, position, Array(UnsafeBufferPointer(start: lb + o, count: rl)), Array(UnsafeBufferPointer(start: lb + o + rl, count: al)))
        }
        let bases: [UInt8] = [0x41, 0x43, 0x47, 0x54]
        let rl = Int((key >> 39) & 0xF), al = Int((key >> 35) & 0xF)
        var out: [UInt8] = []
        var shift: UInt64 = 32
        for _ in 0..<(rl + al) {
            out.append(bases[Int((key >> shift) & 3)])
            shift &-= 2
        }
        return (cl, position, Array(out[0..<rl]), Array(out[rl...]))
    }
}
