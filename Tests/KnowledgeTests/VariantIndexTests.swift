import Foundation
import Testing
import HTS
@testable import Knowledge

/// The index file: integer keys (`VariantKey`), a side table for long alleles, typed columns; deterministic
/// bytes; damaged files refused with an `InputError`, never a crash or a wrong answer.
@Suite struct VariantIndexTests {
    struct Entry { var contig: Int; var pos: Int64; var ref: String; var alt: String; var af: Float?; var sig: String? }

    /// Short SNVs and indels, alleles too long for the key, non-ACGT bases, positions in several 1 Mbp
    /// chunks (including the last position of a chunk), and a duplicate allele (the first one wins).
    static let entries: [Entry] = [
        Entry(contig: 0, pos: 100, ref: "A", alt: "G", af: 0.5, sig: "Pathogenic"),
        Entry(contig: 0, pos: 100, ref: "A", alt: "T", af: 0.25, sig: nil),
        Entry(contig: 0, pos: 100, ref: "ACGTACGTACGTACGTAC", alt: "A", af: 0.125, sig: "Benign"),
        Entry(contig: 0, pos: 100, ref: "A", alt: "ACCCCCCCCCCCCCCCCCCCCCCCC", af: nil, sig: "Likely_benign"),
        Entry(contig: 0, pos: 100, ref: "N", alt: "A", af: 0.001, sig: nil),
        Entry(contig: 0, pos: 1_048_575, ref: "C", alt: "CAAAAAAAAAAAAAAAAAAAAT", af: 0.2, sig: "x,y|z"),
        Entry(contig: 0, pos: 1_048_576, ref: "C", alt: "T", af: 0.3, sig: "Uncertain_significance"),
        Entry(contig: 1, pos: 5_000_000, ref: "GT", alt: "G", af: 1e-6, sig: "Pathogenic/Likely_pathogenic"),
        Entry(contig: 0, pos: 100, ref: "A", alt: "G", af: 0.9, sig: "duplicate, must lose"),
    ]

    static func build(_ entries: [Entry]) -> (IndexBuilder, [UInt8]) {
        let b = IndexBuilder(columns: [.init(name: "AF", type: .float32), .init(name: "SIG", type: .string)])
        for e in entries {
            let r = Array(e.ref.utf8), a = Array(e.alt.utf8)
            r.withUnsafeBufferPointer { rp in
                a.withUnsafeBufferPointer { ap in
                    b.add(contig: e.contig, position: e.pos, ref: rp, alt: ap,
                          values: [e.af.map(IndexValue.float) ?? .missing, e.sig.map(IndexValue.string) ?? .missing])
                }
            }
        }
        return (b, b.serialize(contigCount: 3))
    }

    static func write(_ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kb-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("t.idx").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func find(_ index: VariantIndex, _ contig: Int, _ pos: Int64, _ ref: String, _ alt: String) -> Int? {
        let r = Array(ref.utf8), a = Array(alt.utf8)
        return r.withUnsafeBufferPointer { rp in
            a.withUnsafeBufferPointer { ap in
                index.find(contig: contig, position: pos, alleleBits: VariantKey.encodeAlleles(ref: rp, alt: ap), ref: rp, alt: ap)
            }
        }
    }

    @Test func everyAlleleIsFoundWithItsValues() throws {
        let (builder, bytes) = Self.build(Self.entries)
        #expect(builder.duplicates == 1)
        let index = try VariantIndex(path: try Self.write(bytes))
        #expect(index.rowCount == Self.entries.count - 1)
        let af = try #require(index.column("AF")), sig = try #require(index.column("SIG"))
        for e in Self.entries.dropLast() {
            let row = try #require(Self.find(index, e.contig, e.pos, e.ref, e.alt), "\(e.pos) \(e.ref)>\(e.alt)")
            #expect(index.float(af, row: row) == e.af)
            #expect(index.string(sig, row: row) == e.sig)
        }
    }

    @Test func absentAllelesAreNotFound() throws {
        let index = try VariantIndex(path: try Self.write(Self.build(Self.entries).1))
        #expect(Self.find(index, 0, 100, "A", "C") == nil)        // another ALT at a known position
        #expect(Self.find(index, 0, 101, "A", "G") == nil)        // next position
        #expect(Self.find(index, 1, 100, "A", "G") == nil)        // other contig
        #expect(Self.find(index, 2, 100, "A", "G") == nil)        // contig without rows
        #expect(Self.find(index, 7, 100, "A", "G") == nil)        // contig beyond the table
        #expect(Self.find(index, 0, 100, "ACGTACGTACGTACGTAC", "G") == nil)  // long REF, other ALT
        #expect(Self.find(index, 0, 50_000_000, "A", "G") == nil) // chunk beyond the contig's last
    }

    @Test func sameInputGivesSameBytes() {
        #expect(Self.build(Self.entries).1 == Self.build(Self.entries).1)
    }

    /// Keys pack the in-chunk position above the alleles, so a chunk sorts by position.
    @Test func keyLayout() {
        let r = Array("AC".utf8), a = Array("A".utf8)
        let bits = r.withUnsafeBufferPointer { rp in a.withUnsafeBufferPointer { VariantKey.encodeAlleles(ref: rp, alt: $0) } }
        // REF length 2 (bits 42..39), ALT length 1 (bits 38..35), A=0 C=1 A=0 from bit 33 down.
        let expected: UInt64 = (2 << 39) | (1 << 35) | (1 << 30)
        #expect(bits == expected)
        #expect(VariantKey.key(position: 1_048_577, alleleBits: 0) == 1 << 44)
    }

    /// A changed byte is caught by the manifest checksum.
    @Test func flippedByteIsRefused() throws {
        var bytes = Self.build(Self.entries).1
        let sum = bytes.withUnsafeBytes { SHA256.hash($0) }
        bytes[bytes.count / 2] ^= 0x40
        let path = try Self.write(bytes)
        #expect(throws: InputError.self) { try VariantIndex(path: path, expectedSHA256: sum) }
        do { _ = try VariantIndex(path: path, expectedSHA256: sum) } catch {
            #expect(error.description.contains("damaged"))
        }
    }

    /// Without a checksum, every truncation is still refused by the structural checks (no crash).
    @Test func everyTruncationIsRefused() throws {
        let bytes = Self.build(Self.entries).1
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let path = try Self.write(Array(bytes[0..<cut]))
            #expect(throws: InputError.self, "cut at \(cut)") { try VariantIndex(path: path) }
        }
    }
}
