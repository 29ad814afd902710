import Foundation
import Testing
import HTS
@testable import Knowledge

/// `VariantIndex.find(…cursor:)`, the lookup `annotate` uses: it gallops on from where the previous search
/// ended instead of binary-searching the whole 1 Mbp chunk, and must give exactly `find`'s answer for any
/// order of queries (sorted as annotate reads a VCF, shuffled, backwards, across contigs and chunks).
/// String dictionaries are written in the order rows first use them; values must read back unchanged.
@Suite struct VariantIndexCursorTests {
    /// SplitMix64: the same alleles on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    struct Allele { var contig: Int; var pos: Int64; var ref: [UInt8]; var alt: [UInt8]; var id: String; var hit = true }

    /// 20,000 alleles on 3 contigs over 3 chunks each, several at a position, a few too long for the key;
    /// the queries are those alleles (hits) and as many others at and between their positions (misses).
    static func data() -> (alleles: [Allele], queries: [Allele]) {
        var g = Generator(state: 7)
        let acgt = Array("ACGT".utf8)
        var alleles: [Allele] = [], queries: [Allele] = []
        for i in 0..<20_000 {
            let contig = g.below(3)
            let pos = Int64(g.below(3 * 1_048_576))
            let ref = [acgt[g.below(4)]]
            var alt = [acgt[g.below(4)]]
            if alt == ref { alt = ref + [acgt[g.below(4)]] }
            if g.below(50) == 0 { alt = ref + (0..<(18 + g.below(10))).map { _ in acgt[g.below(4)] } }
            let a = Allele(contig: contig, pos: pos, ref: ref, alt: alt, id: String(1_000_000 + i))
            alleles.append(a)
            queries.append(a)
            var miss = a
            miss.hit = false
            miss.pos += Int64(g.below(3)) - 1
            miss.alt = miss.alt + [acgt[g.below(4)], acgt[g.below(4)]]
            queries.append(miss)
        }
        return (alleles, queries)
    }

    static func index(_ alleles: [Allele]) throws -> VariantIndex {
        let b = IndexBuilder(columns: [.init(name: "ID", type: .string)])
        for a in alleles {
            a.ref.withUnsafeBufferPointer { r in
                a.alt.withUnsafeBufferPointer { t in b.add(contig: a.contig, position: a.pos, ref: r, alt: t, values: [.string(a.id)]) }
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kb-cursor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("t.idx").path
        FileManager.default.createFile(atPath: path, contents: Data(b.serialize(contigCount: 3)))
        return try VariantIndex(path: path)
    }

    static func rows(_ index: VariantIndex, _ queries: [Allele], cursor useCursor: Bool) -> [Int?] {
        var cursor = 0
        return queries.map { q in
            q.ref.withUnsafeBufferPointer { r in
                q.alt.withUnsafeBufferPointer { t in
                    let bits = VariantKey.encodeAlleles(ref: r, alt: t)
                    return useCursor ? index.find(contig: q.contig, position: q.pos, alleleBits: bits, ref: r, alt: t, cursor: &cursor)
                                     : index.find(contig: q.contig, position: q.pos, alleleBits: bits, ref: r, alt: t)
                }
            }
        }
    }

    @Test(arguments: ["sorted", "shuffled", "reversed"])
    func cursorLookupsEqualBinarySearch(order: String) throws {
        let (alleles, queries) = Self.data()
        let index = try Self.index(alleles)
        var q = queries.sorted { ($0.contig, $0.pos) < ($1.contig, $1.pos) }
        if order == "shuffled" {
            var g = Generator(state: 11)
            for i in stride(from: q.count - 1, to: 0, by: -1) { q.swapAt(i, g.below(i + 1)) }
        } else if order == "reversed" {
            q.reverse()
        }
        let expected = Self.rows(index, q, cursor: false)
        let got = Self.rows(index, q, cursor: true)
        #expect(got == expected)
        // Every indexed allele is found, and a row found holds the ID of an allele equal to the query (the
        // first of identical alleles wins; a miss query may by chance equal another indexed allele).
        let ids = Dictionary(alleles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, query) in q.enumerated() {
            #expect(!query.hit || got[i] != nil)
            guard let row = got[i] else { continue }
            let id = try #require(index.string(0, row: row))
            let a = try #require(ids[id])
            #expect(a.contig == query.contig && a.pos == query.pos && a.ref == query.ref && a.alt == query.alt)
        }
    }

    @Test func dictionaryLengthsMatchTheStrings() throws {
        let (alleles, queries) = Self.data()
        let index = try Self.index(alleles)
        for row in Self.rows(index, queries, cursor: false).compactMap({ $0 }).prefix(2000) {
            var length = -1
            let p = try #require(index.cString(0, row: row, length: &length))
            #expect(length == strlen(p))
        }
    }
}
