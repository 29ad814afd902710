import HTS

/// Collects alleles and their values, then writes one index file (layout in `IndexLayout`).
///
/// Rows are added in source order; `write` sorts them by (contig, position, alleles), keeps the first of
/// duplicate alleles (counted in `duplicates`), and writes sections in a fixed order with no timestamps,
/// so the same input gives the same bytes.
public final class IndexBuilder {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: IndexLayout.ColumnType
        public init(name: String, type: IndexLayout.ColumnType) { self.name = name; self.type = type }
    }

    public let columns: [Column]
    private struct Row {
        var contig: UInt32
        var position: UInt32
        /// Allele bits (`VariantKey`), or `longFlag` for a long allele.
        var alleleBits: UInt64
        var long: Int32
        var order: UInt32
    }
    private var rows: [Row] = []
    private var longSpans: [(offset: Int, ref: Int, alt: Int)] = []
    private var longBytes: [UInt8] = []
    private var numeric: [[UInt32]]
    private var strings: [[UInt32]]
    private var dictionaries: [[String: UInt32]]
    private var dictionaryStrings: [[String]]
    private var columnSlot: [Int] = []

    public private(set) var duplicates = 0

    public init(columns: [Column]) {
        self.columns = columns
        var numericCount = 0, stringCount = 0
        for c in columns {
            if c.type == .string { columnSlot.append(stringCount); stringCount += 1 }
            else { columnSlot.append(numericCount); numericCount += 1 }
        }
        numeric = Array(repeating: [], count: numericCount)
        strings = Array(repeating: [], count: stringCount)
        dictionaries = Array(repeating: [:], count: stringCount)
        dictionaryStrings = Array(repeating: [], count: stringCount)
    }

    public var count: Int { rows.count }

    /// Adds one allele (already normalized and suffix-trimmed) with a value per column, in column order.
    public func add(contig: Int, position: Int64, ref: UnsafeBufferPointer<UInt8>, alt: UnsafeBufferPointer<UInt8>,
                    values: [IndexValue]) {
        var row = Row(contig: UInt32(contig), position: UInt32(truncatingIfNeeded: position), alleleBits: 0, long: -1,
                      order: UInt32(rows.count))
        if let bits = VariantKey.encodeAlleles(ref: ref, alt: alt) {
            row.alleleBits = bits
        } else {
            row.alleleBits = VariantKey.longFlag
            row.long = Int32(longSpans.count)
            longSpans.append((longBytes.count, ref.count, alt.count))
            longBytes.append(contentsOf: ref)
            longBytes.append(contentsOf: alt)
        }
        rows.append(row)
        for (i, c) in columns.enumerated() {
            let v = i < values.count ? values[i] : .missing
            let slot = columnSlot[i]
            switch c.type {
            case .float32:
                if case .float(let f) = v { numeric[slot].append(f.bitPattern) } else { numeric[slot].append(IndexLayout.missingFloatBits) }
            case .int32:
                if case .int(let n) = v { numeric[slot].append(UInt32(bitPattern: n)) } else { numeric[slot].append(UInt32(bitPattern: IndexLayout.missingInt)) }
            case .string:
                if case .string(let s) = v {
                    if let id = dictionaries[slot][s] { strings[slot].append(id) } else {
                        let id = UInt32(dictionaryStrings[slot].count)
                        dictionaries[slot][s] = id
                        dictionaryStrings[slot].append(s)
                        strings[slot].append(id)
                    }
                } else { strings[slot].append(IndexLayout.missingString) }
            }
        }
    }

    private func longAlleles(_ i: Int32) -> ArraySlice<UInt8> {
        let s = longSpans[Int(i)]
        return longBytes[s.offset..<(s.offset + s.ref + s.alt)]
    }

    private func compareLong(_ a: Int32, _ b: Int32) -> Int {
        let sa = longSpans[Int(a)], sb = longSpans[Int(b)]
        // REF first, then ALT, each compared as bytes then by length.
        let ra = longBytes[sa.offset..<(sa.offset + sa.ref)], rb = longBytes[sb.offset..<(sb.offset + sb.ref)]
        if ra != rb { return ra.lexicographicallyPrecedes(rb) ? -1 : 1 }
        let aa = longBytes[(sa.offset + sa.ref)..<(sa.offset + sa.ref + sa.alt)]
        let ab = longBytes[(sb.offset + sb.ref)..<(sb.offset + sb.ref + sb.alt)]
        if aa != ab { return aa.lexicographicallyPrecedes(ab) ? -1 : 1 }
        return 0
    }

    /// Sorts, removes duplicates and returns the file's bytes for `contigCount` knowledge-base contigs.
    public func serialize(contigCount: Int) -> [UInt8] {
        rows.sort { a, b in
            if a.contig != b.contig { return a.contig < b.contig }
            if a.position != b.position { return a.position < b.position }
            if a.alleleBits != b.alleleBits { return a.alleleBits < b.alleleBits }
            if a.long >= 0 && b.long >= 0 {
                let c = compareLong(a.long, b.long)
                if c != 0 { return c < 0 }
            }
            return a.order < b.order
        }
        var kept: [Row] = []
        kept.reserveCapacity(rows.count)
        duplicates = 0
        for r in rows {
            if let last = kept.last, last.contig == r.contig, last.position == r.position, last.alleleBits == r.alleleBits,
               last.long < 0 || compareLong(last.long, r.long) == 0 {
                duplicates += 1
                continue
            }
            kept.append(r)
        }
        // Chunk directory: every contig gets chunks up to its last row's position.
        var firstChunk = [UInt32](repeating: 0, count: contigCount + 1)
        var chunksPerContig = [Int](repeating: 0, count: contigCount)
        for r in kept where Int(r.contig) < contigCount {
            chunksPerContig[Int(r.contig)] = max(chunksPerContig[Int(r.contig)], Int(Int64(r.position) >> IndexLayout.chunkShift) + 1)
        }
        var total = 0
        for c in 0..<contigCount {
            firstChunk[c] = UInt32(total)
            total += chunksPerContig[c]
        }
        firstChunk[contigCount] = UInt32(total)
        var rowStart = [UInt64](repeating: 0, count: total + 1)
        // Count rows per chunk, then prefix-sum.
        var counts = [UInt64](repeating: 0, count: total)
        for r in kept {
            let c = Int(firstChunk[Int(r.contig)]) + Int(Int64(r.position) >> IndexLayout.chunkShift)
            counts[c] += 1
        }
        var running: UInt64 = 0
        for c in 0..<total { rowStart[c] = running; running += counts[c] }
        rowStart[total] = running

        var keys = [UInt64]()
        keys.reserveCapacity(kept.count)
        var longTable = [UInt8]()
        var longData = [UInt8]()
        var longIndex: UInt64 = 0
        for r in kept {
            if r.long >= 0 {
                let s = longSpans[Int(r.long)]
                appendLE(&longTable, UInt64(longData.count))
                appendLE(&longTable, UInt32(s.ref))
                appendLE(&longTable, UInt32(s.alt))
                longData.append(contentsOf: longAlleles(r.long))
                keys.append(VariantKey.key(position: Int64(r.position), alleleBits: VariantKey.longFlag | longIndex))
                longIndex += 1
            } else {
                keys.append(VariantKey.key(position: Int64(r.position), alleleBits: r.alleleBits))
            }
        }

        var sections: [(String, [UInt8])] = []
        sections.append(("contigs", bytesOf(firstChunk)))
        sections.append(("chunks", bytesOf(rowStart)))
        sections.append(("keys", bytesOf(keys)))
        sections.append(("long.alleles", longTable))
        sections.append(("long.bytes", longData))
        for (i, c) in columns.enumerated() {
            let slot = columnSlot[i]
            switch c.type {
            case .float32, .int32:
                let values = kept.map { numeric[slot][Int($0.order)] }
                sections.append(("\(c.type.rawValue):\(c.name)", bytesOf(values)))
            case .string:
                // Dictionary in the order the (sorted) rows first use each string: ids do not depend on the
                // order sources listed values in, and lookups of a position-sorted query read a column with
                // unique values (CLINVAR_ID) front to back instead of jumping around a byte-ordered dictionary.
                // Strings only duplicate rows used are left out.
                var remap = [UInt32](repeating: IndexLayout.missingString, count: dictionaryStrings[slot].count)
                var used: [Int] = []
                let values = kept.map { r -> UInt32 in
                    let id = strings[slot][Int(r.order)]
                    if id == IndexLayout.missingString { return id }
                    if remap[Int(id)] == IndexLayout.missingString {
                        remap[Int(id)] = UInt32(used.count)
                        used.append(Int(id))
                    }
                    return remap[Int(id)]
                }
                sections.append(("str:\(c.name)", bytesOf(values)))
                var dict = [UInt8]()
                appendLE(&dict, UInt64(used.count))
                var blob = [UInt8]()
                var offsets = [UInt64]()
                for id in used {
                    offsets.append(UInt64(blob.count))
                    blob.append(contentsOf: dictionaryStrings[slot][id].utf8)
                    blob.append(0)
                }
                offsets.append(UInt64(blob.count))
                dict += bytesOf(offsets)
                dict += blob
                sections.append(("dict:\(c.name)", dict))
            }
        }
        rows = kept
        return IndexBuilder.assemble(sections: sections)
    }

    /// Lays out header, section table and 8-byte aligned sections.
    static func assemble(sections: [(String, [UInt8])]) -> [UInt8] {
        var out = IndexLayout.magic
        appendLE(&out, IndexLayout.formatVersion)
        appendLE(&out, UInt32(sections.count))
        var offset = IndexLayout.headerSize + sections.count * IndexLayout.entrySize
        var placements: [Int] = []
        for (_, data) in sections {
            offset = (offset + 7) & ~7
            placements.append(offset)
            offset += data.count
        }
        for (i, (tag, data)) in sections.enumerated() {
            var t = Array(tag.utf8.prefix(IndexLayout.tagSize))
            t += [UInt8](repeating: 0, count: IndexLayout.tagSize - t.count)
            out += t
            appendLE(&out, UInt64(placements[i]))
            appendLE(&out, UInt64(data.count))
        }
        for (i, (_, data)) in sections.enumerated() {
            out += [UInt8](repeating: 0, count: placements[i] - out.count)
            out += data
        }
        return out
    }
}

/// One value for a column of a row.
public enum IndexValue: Sendable, Equatable {
    case missing
    case float(Float)
    case int(Int32)
    case string(String)
}

@inline(__always)
func appendLE<T: FixedWidthInteger>(_ out: inout [UInt8], _ value: T) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}

func bytesOf<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    #if _endian(little)
    return values.withUnsafeBytes { Array($0) }
    #else
    var out = [UInt8]()
    out.reserveCapacity(values.count * MemoryLayout<T>.size)
    for v in values { appendLE(&out, v) }
    return out
    #endif
}
