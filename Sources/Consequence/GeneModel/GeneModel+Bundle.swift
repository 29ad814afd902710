import HTS

/// The compact binary form of a gene model stored in a knowledge-base bundle (`consilium kb build --transcripts`).
///
/// Reading a 1.5 GB Ensembl GFF3 takes minutes; this form holds only what consequence prediction uses and decodes
/// in a fraction of a second. The same model always gives the same bytes (strings are numbered in order of first
/// use, transcripts keep their file order), so two builds of one input are byte-identical.
///
/// Layout (integers are LEB128 varints; `z` marks a zigzag-signed one):
/// ```
/// "CSLGM" 0 0 1        magic and format version 1 (8 bytes)
/// n, n × (len, UTF-8)  string table
/// m                    transcript count
/// per transcript:      id, gene, symbol, biotype, contig   (string numbers)
///                      flags (1 byte: 1 minus strand, 2 MANE Select, 4 canonical, 8 coding), CDS start phase (1 byte)
///                      exon count; per exon in transcript order: z(start − previous exon start), length − 1
///                      if coding: z(coding start − first exon start), coding end − coding start
/// ```
/// The file's integrity is the bundle's business (its manifest holds a checksum); decoding still checks every
/// bound so a damaged file is an error, never a crash.
extension GeneModel {
    static let bundleMagic: [UInt8] = [0x43, 0x53, 0x4C, 0x47, 0x4D, 0, 0, 1]

    /// The model in the bundle's binary form.
    public func bundleBytes() -> [UInt8] {
        var w = BundleWriter()
        w.bytes += Self.bundleMagic
        var numbers: [String: Int] = [:]
        var table: [String] = []
        func number(_ s: String) -> Int {
            if let n = numbers[s] { return n }
            numbers[s] = table.count
            table.append(s)
            return table.count - 1
        }
        var refs: [[Int]] = []
        refs.reserveCapacity(transcripts.count)
        for t in transcripts { refs.append([number(t.id), number(t.geneID), number(t.symbol), number(t.biotype), number(t.contig)]) }
        w.varint(UInt64(table.count))
        for s in table {
            let utf8 = Array(s.utf8)
            w.varint(UInt64(utf8.count))
            w.bytes += utf8
        }
        w.varint(UInt64(transcripts.count))
        for (i, t) in transcripts.enumerated() {
            for r in refs[i] { w.varint(UInt64(r)) }
            let coding = t.codingStart != nil && t.codingEnd != nil
            var flags: UInt8 = 0
            if t.strand == .minus { flags |= 1 }
            if t.isMANESelect { flags |= 2 }
            if t.isCanonical { flags |= 4 }
            if coding { flags |= 8 }
            w.bytes.append(flags)
            w.bytes.append(UInt8(truncatingIfNeeded: t.cdsStartPhase))
            w.varint(UInt64(t.exons.count))
            var previous = 0
            for e in t.exons {
                w.zigzag(e.start - previous)
                w.varint(UInt64(e.end - e.start))
                previous = e.start
            }
            if coding, let cs = t.codingStart, let ce = t.codingEnd {
                w.zigzag(cs - (t.exons.first?.start ?? 0))
                w.varint(UInt64(ce - cs))
            }
        }
        return w.bytes
    }

    /// Decodes `bytes` written by `bundleBytes()`; `file` names the bundle file in errors.
    public init(bundleBytes bytes: [UInt8], file: String) throws(InputError) {
        var r = BundleReader(bytes: bytes, file: file)
        guard bytes.count >= Self.bundleMagic.count, Array(bytes[0..<Self.bundleMagic.count]) == Self.bundleMagic else {
            throw r.damaged("it does not start with the Consilium gene-model signature (format 1)")
        }
        r.offset = Self.bundleMagic.count
        let stringCount = try r.count("string table size")
        var table: [String] = []
        table.reserveCapacity(stringCount)
        for _ in 0..<stringCount {
            let n = try r.count("string length")
            table.append(String(decoding: try r.take(n), as: UTF8.self))
        }
        let transcriptCount = try r.count("transcript count")
        var out: [Transcript] = []
        out.reserveCapacity(transcriptCount)
        for _ in 0..<transcriptCount {
            var s: [String] = []
            for _ in 0..<5 {
                let n = try r.value("string number")
                guard n < table.count else { throw r.damaged("a string number is outside the string table") }
                s.append(table[n])
            }
            let flags = try r.byte()
            let phase = Int(try r.byte())
            guard flags & ~15 == 0, phase <= 2 else { throw r.damaged("a transcript has unknown flags or a CDS phase above 2") }
            let exonCount = try r.count("exon count")
            guard exonCount > 0 else { throw r.damaged("a transcript has no exons") }
            var exons: [GenomicInterval] = []
            exons.reserveCapacity(exonCount)
            var previous = 0
            for _ in 0..<exonCount {
                let start = previous + (try r.zigzag())
                let length = try r.value("exon length")
                guard start >= 1 else { throw r.damaged("an exon starts before position 1") }
                exons.append(GenomicInterval(start: start, end: start + length))
                previous = start
            }
            var codingStart: Int?, codingEnd: Int?
            if flags & 8 != 0 {
                let cs = exons[0].start + (try r.zigzag())
                codingStart = cs
                codingEnd = cs + (try r.value("CDS length"))
            }
            out.append(Transcript(id: s[0], geneID: s[1], symbol: s[2], biotype: s[3], contig: s[4],
                                  strand: flags & 1 != 0 ? .minus : .plus, exons: exons, codingStart: codingStart,
                                  codingEnd: codingEnd, cdsStartPhase: phase, isMANESelect: flags & 2 != 0,
                                  isCanonical: flags & 4 != 0))
        }
        guard r.offset == bytes.count else { throw r.damaged("bytes follow the last transcript") }
        self.init(transcripts: out)
    }

    /// Genes with at least one transcript (distinct gene identifiers; a transcript without one counts alone).
    public var geneCount: Int {
        var genes = Set<String>()
        var anonymous = 0
        for t in transcripts { if t.geneID.isEmpty { anonymous += 1 } else { genes.insert(t.geneID) } }
        return genes.count + anonymous
    }
}

struct BundleWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func zigzag(_ v: Int) { varint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
}

struct BundleReader {
    let bytes: [UInt8]
    let file: String
    var offset = 0

    func damaged(_ what: String) -> InputError {
        InputError(file: file, location: .file, problem: "the gene-model file is damaged: \(what)",
                   hint: "rebuild the knowledge base with `consilium kb build --transcripts`")
    }

    mutating func varint() throws(InputError) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw damaged("it ends in the middle of a record") }
            let b = bytes[offset]
            offset += 1
            guard shift < 63 || (shift == 63 && b <= 1) else { throw damaged("a number is too long") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }

    /// A count of items (or bytes) that follow, each taking at least one byte: never more than the bytes left,
    /// so a damaged count cannot make the decoder reserve gigabytes.
    mutating func count(_ what: String) throws(InputError) -> Int {
        let v = try varint()
        guard v <= UInt64(bytes.count - offset) else { throw damaged("the \(what) exceeds the file") }
        return Int(v)
    }

    /// A non-negative genomic length or an index.
    mutating func value(_ what: String) throws(InputError) -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) else { throw damaged("the \(what) is out of range") }
        return Int(v)
    }

    mutating func zigzag() throws(InputError) -> Int {
        let v = try varint()
        let signed = Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        let limit = Int64(Int32.max) * 4
        guard signed >= -limit && signed <= limit else { throw damaged("a position is out of range") }
        return Int(signed)
    }

    mutating func byte() throws(InputError) -> UInt8 {
        guard offset < bytes.count else { throw damaged("it ends in the middle of a record") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ n: Int) throws(InputError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw damaged("it ends in the middle of a record") }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }
}
