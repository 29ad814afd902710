import CHTSlib
import HTS
import Knowledge
import Variants

/// Looks up every ALT allele of a (normalized) record in every table of the knowledge base.
///
/// Allocation-free per record: contig names are resolved once per header contig, keys are integers, and
/// results go into reused arrays. `rows[alt * sources + s]` is the row of ALT `alt+1` in source `s`
/// (source 0 is ClinVar when present, then the frequency tables), or -1.
public final class AlleleLookup {
    public let kb: KnowledgeBase
    /// ClinVar (if any) then frequencies, in manifest order.
    public let tables: [VariantIndex]
    public let hasClinVar: Bool
    public private(set) var rows: [Int] = []
    public private(set) var altCount = 0
    private var kbContigOfRid: [Int] = []
    private var header: VCFHeader
    /// Called once for each query contig the knowledge base does not have.
    public var onMissingContig: (String) -> Void = { _ in }
    /// Alleles found, per table.
    public private(set) var found: [Int]

    public init(kb: KnowledgeBase, header: VCFHeader) {
        self.kb = kb
        self.header = header
        var t: [VariantIndex] = []
        if let c = kb.clinvar { t.append(c.index) }
        hasClinVar = kb.clinvar != nil
        t += kb.frequencies.map(\.index)
        tables = t
        found = Array(repeating: 0, count: t.count)
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

    /// Fills `rows` for `record`; returns whether any allele was found in any table.
    @discardableResult
    public func lookUp(_ record: VCFRecord) -> Bool {
        record.unpackAlleles()
        let n = record.alleleCount
        altCount = max(0, n - 1)
        let width = tables.count
        let needed = altCount * width
        if rows.count < needed { rows = Array(repeating: -1, count: needed) }
        for i in 0..<needed { rows[i] = -1 }
        guard n >= 2 else { return false }
        let contig = kbContig(record.rid)
        guard contig >= 0 else { return false }
        let refC = record.alleleCString(0)
        let ref = UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC))
        var any = false
        for a in 1..<n {
            let altC = record.alleleCString(a)
            let altFull = UnsafeBufferPointer(start: UnsafeRawPointer(altC).assumingMemoryBound(to: UInt8.self), count: strlen(altC))
            guard VariantKey.isLookupAllele(altFull) else { continue }
            let (rl, al) = VariantKey.trimmedLengths(ref: ref, alt: altFull)
            let r = UnsafeBufferPointer(rebasing: ref[0..<rl]), alt = UnsafeBufferPointer(rebasing: altFull[0..<al])
            let bits = VariantKey.encodeAlleles(ref: r, alt: alt)
            for s in 0..<width {
                if let row = tables[s].find(contig: contig, position: record.position, alleleBits: bits, ref: r, alt: alt) {
                    rows[(a - 1) * width + s] = row
                    found[s] += 1
                    any = true
                }
            }
        }
        return any
    }

    @inline(__always)
    public func row(alt: Int, table: Int) -> Int { rows[alt * tables.count + table] }
}
