import CHTSlib
import Foundation
import Testing
import TestSupport
@testable import HTS

/// `FastaReference` loads its window of bases with one read laid out by the `.fai` instead of faidx's
/// byte-by-byte fetch. Rule: whatever the file's layout, the bases it gives are exactly what htslib's
/// `faidx_fetch_seq64` gives for the same range (case and IUPAC codes kept), and for a well-formed file
/// they are the sequence that was written.
@Suite struct FastaReferenceTests {
    /// A FASTA written by the test: sequences of pseudo-random bases (with soft-masked runs and IUPAC codes)
    /// wrapped at `width` bases with `lineEnd`; `blankEvery` puts a space inside every line, or only inside
    /// each sequence's last line (layouts faidx indexes, and reads byte by byte skipping the blanks, so the
    /// bulk read must give way to it).
    struct Layout: CustomTestStringConvertible, Sendable {
        var name: String
        var width: Int
        var lineEnd: String
        var bgzip = false
        var blankEvery: Int?
        var blankInLastLine = false
        var testDescription: String { name }
    }

    static let layouts = [
        Layout(name: "60 bases, LF", width: 60, lineEnd: "\n"),
        Layout(name: "70 bases, CRLF", width: 70, lineEnd: "\r\n"),
        Layout(name: "13 bases, LF", width: 13, lineEnd: "\n"),
        Layout(name: "60 bases, LF, bgzip", width: 60, lineEnd: "\n", bgzip: true),
        Layout(name: "one line per sequence", width: 1_000_000, lineEnd: "\n"),
        Layout(name: "a space inside each line", width: 50, lineEnd: "\n", blankEvery: 20),
        Layout(name: "a space inside each sequence's last line", width: 50, lineEnd: "\n", blankEvery: 3, blankInLastLine: true),
    ]

    static func sequences() -> [(name: String, bases: [UInt8])] {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("ACGTACGTACGTacgtNRYKM".utf8)
        // Longer than the window's look-behind, so windows start and end mid-line.
        return [("chrA", 61_237), ("chrB", 45_001), ("chrC", 17)].map { name, length in
            (name, (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
    }

    static func write(_ layout: Layout, _ seqs: [(name: String, bases: [UInt8])], to path: String) throws {
        var text = Data()
        for (name, bases) in seqs {
            text.append(contentsOf: Array(">\(name) description\n".utf8))
            var i = 0
            while i < bases.count {
                var line = Array(bases[i..<min(i + layout.width, bases.count)])
                let lastLine = i + layout.width >= bases.count
                if let k = layout.blankEvery, line.count > k, lastLine || !layout.blankInLastLine { line.insert(0x20, at: k) }
                text.append(contentsOf: line)
                text.append(contentsOf: Array(layout.lineEnd.utf8))
                i += layout.width
            }
        }
        if layout.bgzip {
            let r = try Command.peer("bgzip", ["-c"], input: text)
            try #require(r.status == 0)
            try r.stdout.write(to: URL(fileURLWithPath: path))
        } else {
            try text.write(to: URL(fileURLWithPath: path))
        }
    }

    /// htslib's own answer for `[start, end)`.
    static func faidx(_ path: String, _ name: String, _ start: Int64, _ end: Int64) -> [UInt8]? {
        guard let fai = fai_load(path) else { return nil }
        defer { fai_destroy(fai) }
        var len: hts_pos_t = 0
        guard let s = faidx_fetch_seq64(fai, name, start, end - 1, &len), len >= 0 else { return nil }
        defer { free(s) }
        return Array(UnsafeRawBufferPointer(start: s, count: Int(len)))
    }

    @Test(arguments: layouts)
    func windowsGiveWhatFaidxGives(_ layout: Layout) throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(layout.bgzip ? "ref.fa.gz" : "ref.fa").path
        let seqs = Self.sequences()
        try Self.write(layout, seqs, to: path)
        let reference = try FastaReference(path: path)
        #expect(reference.sequences.map(\.name) == seqs.map(\.name))

        var rng = SplitMix64(seed: 11)
        for round in 0..<60 {
            // Alternate sequences so that every request loads a new window at a new offset.
            let s = round % seqs.count
            let length = Int64(seqs[s].bases.count)
            var start = Int64(rng.next() % UInt64(length))
            if layout.blankEvery != nil { start %= FastaReference.windowLookBehind }
            let end = min(length, start + 1 + Int64(rng.next() % 200))
            let got = reference.withBases(sequence: s, start: start, end: end) { Array($0) }
            if layout.blankEvery == nil {
                let expected = try #require(Self.faidx(path, seqs[s].name, start, end))
                #expect(got == expected, "\(seqs[s].name):\(start)-\(end)")
                #expect(got == Array(seqs[s].bases[Int(start)..<Int(end)]))
            } else {
                // faidx maps positions through the .fai as if lines had no blank, so what it gives depends on
                // where a fetch starts; a window starting at the sequence's first base (requests before the
                // look-behind) must equal faidx's whole sequence, blanks skipped.
                let whole = try #require(Self.faidx(path, seqs[s].name, 0, length))
                #expect(got == Array(whole[Int(start)..<Int(end)]), "\(seqs[s].name):\(start)-\(end)")
            }
        }
        // The last base of each sequence, and a range that runs off its end (cut short, as faidx does).
        for (s, seq) in seqs.enumerated() {
            let n = Int64(seq.bases.count)
            #expect(reference.withBases(sequence: s, start: n - 1, end: n + 5) { Array($0) } == Array(seq.bases.suffix(1)))
        }
    }
}
