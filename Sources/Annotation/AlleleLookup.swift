import CHTSlib
import HTS
import Knowledge
import Variants

/// Looks up every ALT allele of a (normalized) record in every table of the knowledge base.
///
/// Allocation-free per record: contig names are resolved once per header contig, keys are integers, and
/// results go into reused plain memory (no reference counting or exclusivity checks per record).
/// `row(alt:table:)` is the row of ALT `alt+1` in table `table` (table 0 is ClinVar when present, then the
/// frequency tables), or -1.
public final class AlleleLookup {
    public let kb: KnowledgeBase
    /// ClinVar (if any) then frequencies, in manifest order.
    public let tables: [VariantIndex]
    public let hasClinVar: Bool
    /// The last record's rows, `rows[alt * tables.count + table]` (a copy; `row(alt:table:)` reads them in place).
    public var rows: [Int] { Array(UnsafeBufferPointer(start: rowBuffer, count: altCount * tables.count)) }
    public private(set) var altCount = 0
    /// Alleles found, per table.
    public var found: [Int] { Array(UnsafeBufferPointer(start: foundCounts, count: tables.count)) }
    /// Called once for each query contig the knowledge base does not have.
    public var onMissingContig: (String) -> Void = { _ in }

    private let width: Int
    private var rowBuffer: UnsafeMutablePointer<Int>
    private var rowCapacity: Int
    private let foundCounts: UnsafeMutablePointer<Int>
    /// Per table, where its last search ended (`VariantIndex.find(…cursor:)`): annotate reads sorted input,
    /// so the next allele is usually a few rows on.
    private let cursors: UnsafeMutablePointer<Int>
    private var kbContigOfRid: [Int] = []
    private let header: VCFHeader

    public init(kb: KnowledgeBase, header: VCFHeader) {
        self.kb = kb
        self.header = header
        var t: [VariantIndex] = []
        if let c = kb.clinvar { t.append(c.index) }
        hasClinVar = kb.clinvar != nil
        t += kb.frequencies.map(\.index)
        tables = t
        width = t.count
        rowCapacity = max(1, 4 * t.count)
        rowBuffer = .allocate(capacity: rowCapacity)
        foundCounts = .allocate(capacity: max(1, t.count))
        foundCounts.initialize(repeating: 0, count: max(1, t.count))
        cursors = .allocate(capacity: max(1, t.count))
        cursors.initialize(repeating: 0, count: max(1, t.count))
    }

    deinit {
        rowBuffer.deallocate()
        foundCounts.deallocate()
        cursors.deallocate()
    }

    @inline(__always)
    private func kbContig(_ rid: Int32) -> Int {
        let r = Int(rid)
        if _fastPath(r < kbContigOfRid.count) { return kbContigOfRid[r] }
        while kbContigOfRid.count <= r {
            let name = header.contigName(Int32(kbContigOfRid.count))
            let i = kb.contigIndex(of: name)
            if i == nil { onMissingContig(name) }
            kbContigOfRid.append(i ?? -1)
        }
        return kbContigOfRid[r]
    }

    /// Fills the rows for `record`; returns whether any allele was found in any table.
    @discardableResult
    public func lookUp(_ record: VCFRecord) -> Bool {
        record.unpackAlleles()
        let n = record.alleleCount
        let alts = max(0, n - 1)
        altCount = alts
        let needed = alts * width
        if _slowPath(needed > rowCapacity) {
            rowBuffer.deallocate()
            rowCapacity = needed
            rowBuffer = .allocate(capacity: needed)
        }
        let rows = rowBuffer
        rows.update(repeating: -1, count: needed)
        guard n >= 2 else { return false }
        let contig = kbContig(record.rid)
        guard contig >= 0 else { return false }
        let refC = record.alleleCString(0)
        let ref = UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC))
        let position = record.position
        var any = false
        for a in 1..<n {
            let altC = record.alleleCString(a)
            let altFull = UnsafeBufferPointer(start: UnsafeRawPointer(altC).assumingMemoryBound(to: UInt8.self), count: strlen(altC))
            guard VariantKey.isLookupAllele(altFull) else { continue }
            let (rl, al) = VariantKey.trimmedLengths(ref: ref, alt: altFull)
            let r = UnsafeBufferPointer(rebasing: ref[0..<rl]), alt = UnsafeBufferPointer(rebasing: altFull[0..<al])
            let bits = VariantKey.encodeAlleles(ref: r, alt: alt)
            for s in 0..<width {
                if let row = tables[s].find(contig: contig, position: position, alleleBits: bits, ref: r, alt: alt,
                                            cursor: &cursors[s]) {
                    rows[(a - 1) * width + s] = row
                    foundCounts[s] &+= 1
                    any = true
                }
            }
        }
        return any
    }

    /// The row of ALT `alt + 1` (0-based `alt`) of the last record in table `table`, or -1.
    @inline(__always)
    public func row(alt: Int, table: Int) -> Int { rowBuffer[alt * width + table] }
}
