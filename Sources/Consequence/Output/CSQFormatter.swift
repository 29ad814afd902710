/// Writes consequences as the `CSL_CSQ` INFO value in VEP's CSQ layout, so tools that parse VEP output read it.
///
/// One entry per (allele, transcript), entries joined by `,`, fields by `|`, in the order of `fields`. Characters
/// that INFO values cannot hold (`,;=` and space) are percent-encoded as VEP does.
public struct CSQFormatter {
    /// The header's `Format:` list.
    public static let fields = ["Allele", "Consequence", "IMPACT", "SYMBOL", "Gene", "Feature_type", "Feature", "BIOTYPE",
                                "EXON", "INTRON", "HGVSc", "HGVSp", "cDNA_position", "CDS_position", "Protein_position",
                                "Amino_acids", "Codons", "STRAND", "CANONICAL", "MANE_SELECT", "COMPOUND"]

    /// The `##INFO` header line for `CSL_CSQ`.
    public static func headerLine(source: String) -> String {
        "##INFO=<ID=CSL_CSQ,Number=.,Type=String,Description=\"Consequence annotations from Consilium (\(source)). Format: \(fields.joined(separator: "|"))\">"
    }

    public let predictor: ConsequencePredictor
    public var hgvs: Bool
    /// Per-transcript field text, escaped once and reused by every entry on the transcript.
    private let cache: TranscriptFieldCache
    /// Reused across calls so that naming allocates nothing per entry beyond the HGVS strings themselves.
    private let namer: HGVSNamer

    public init(predictor: ConsequencePredictor, hgvs: Bool = true) {
        self.predictor = predictor
        self.hgvs = hgvs
        cache = TranscriptFieldCache(count: predictor.model.transcripts.count)
        namer = HGVSNamer(predictor: predictor)
    }

    /// VEP's allele string: ALT without the bases shared with REF; `-` for a deletion.
    public static func vepAllele(_ v: VariantAllele) -> String {
        v.alt.isEmpty ? "-" : String(decoding: v.alt, as: UTF8.self)
    }

    /// Appends the entries of `allele` (effects from `ConsequencePredictor.effects`) to `out`.
    public func append(allele: VariantAllele, effects: [TranscriptEffect], to out: inout String) {
        var sink = cache.sink
        sink.removeAll()
        write(allele: allele, effects: effects, first: out.isEmpty, to: &sink)
        sink.withBytes { out += String(decoding: $0, as: UTF8.self) }
    }

    /// Appends the entries of `allele` to `out` as UTF-8 bytes (the same text as the `String` form); entries are
    /// separated by `,` from what `out` already holds. The hot path of `consilium csq`: no per-field strings.
    public func append(allele: VariantAllele, effects: [TranscriptEffect], to out: inout [UInt8]) {
        var sink = cache.sink
        sink.removeAll()
        write(allele: allele, effects: effects, first: out.isEmpty, to: &sink)
        sink.withBytes { out.append(contentsOf: $0) }
    }

    private func write(allele: VariantAllele, effects: [TranscriptEffect], first: Bool, to out: inout ByteSink) {
        let bar = UInt8(ascii: "|")
        @inline(__always) func writeAllele(_ out: inout ByteSink) {
            if allele.alt.isEmpty { out.append(UInt8(ascii: "-")) } else { Self.appendEscaped(allele.alt, to: &out) }
        }
        if effects.isEmpty {
            if !first { out.append(UInt8(ascii: ",")) }
            // Unescaped, as this entry has always been written (an allele never holds the escaped characters).
            if allele.alt.isEmpty { out.append(UInt8(ascii: "-")) } else { out.append(contentsOf: allele.alt) }
            out.append(contentsOf: Self.intergenicTail)
            return
        }
        let transcripts = predictor.model.transcripts
        var first = first
        for e in effects {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            let ti = e.transcript
            cache.prepare(ti, transcripts)
            var named = false
            var protein: String?
            let inTranscript = !e.terms.contains(.upstreamGene) && !e.terms.contains(.downstreamGene)
            if hgvs && inTranscript {
                cache.hgvs.removeAll(keepingCapacity: true)
                (named, protein) = namer.writeNames(of: allele, effect: e, transcriptName: &cache.hgvs)
            }
            writeAllele(&out)
            out.append(bar)
            Self.appendTerms(e.terms, to: &out)
            out.append(bar)
            out.append(contentsOf: Self.impactNames[Int(e.terms.impact.rawValue)])
            out.append(bar)
            cache.appendMiddle(ti, to: &out)  // SYMBOL|Gene|Feature_type|Feature|BIOTYPE
            out.append(bar)
            let exonCount = transcripts[ti].exons.count
            Self.appendNumbered(e.exonFirst, e.exonLast, of: exonCount, to: &out)
            out.append(bar)
            Self.appendNumbered(e.intronFirst, e.intronLast, of: exonCount - 1, to: &out)
            out.append(bar)
            if named {
                cache.appendID(ti, to: &out)
                out.append(UInt8(ascii: ":"))
                Self.appendEscaped(cache.hgvs, to: &out)
            }
            out.append(bar)
            if let p = protein {
                cache.appendID(ti, to: &out)
                out.append(UInt8(ascii: ":"))
                Self.appendEscaped(p, to: &out)
            }
            out.append(bar)
            Self.appendRange(e.cdnaStart, e.cdnaEnd, to: &out)
            out.append(bar)
            Self.appendRange(e.cdsStart, e.cdsEnd, to: &out)
            out.append(bar)
            Self.appendRange(e.proteinStart, e.proteinEnd, to: &out)
            out.append(bar)
            if !e.refPeptide.isEmpty || !e.altPeptide.isEmpty {
                Self.appendDash(e.refPeptide, to: &out)
                if e.refPeptide != e.altPeptide {
                    out.append(UInt8(ascii: "/"))
                    Self.appendDash(e.altPeptide, to: &out)
                }
            }
            out.append(bar)
            if !e.refCodons.isEmpty || !e.altCodons.isEmpty {
                Self.appendDash(e.refCodons, to: &out)
                out.append(UInt8(ascii: "/"))
                Self.appendDash(e.altCodons, to: &out)
            }
            out.append(bar)
            cache.appendTail(ti, to: &out)  // STRAND|CANONICAL|MANE_SELECT
            out.append(bar)
            if let link = e.compound { Self.appendEscaped(link.text, to: &out) }
        }
    }

    /// `|intergenic_variant|MODIFIER` and the empty fields after it.
    static let intergenicTail: [UInt8] = Array("|intergenic_variant|MODIFIER".utf8) + Array(repeating: UInt8(ascii: "|"), count: fields.count - 3)
    static let termNames: [[UInt8]] = (0..<64).map { SOTerm(rawValue: UInt8($0)).map { Array($0.name.utf8) } ?? [] }
    static let impactNames: [[UInt8]] = (0..<4).map { Impact(rawValue: UInt8($0)).map { Array($0.name.utf8) } ?? [] }

    /// VEP's `&`-joined terms, most severe first (as `ConsequenceSet.joined`).
    @inline(__always) static func appendTerms(_ terms: ConsequenceSet, to out: inout ByteSink) {
        var rest = terms.bits
        var first = true
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            if !first { out.append(UInt8(ascii: "&")) }
            first = false
            out.append(contentsOf: termNames[i])
        }
    }

    @inline(__always) static func appendInt(_ n: Int, to out: inout ByteSink) { out.appendDecimal(n) }

    @inline(__always) static func appendNumbered(_ first: Int, _ last: Int, of total: Int, to out: inout ByteSink) {
        guard first > 0 else { return }
        appendInt(first, to: &out)
        if first != last { out.append(UInt8(ascii: "-")); appendInt(last, to: &out) }
        out.append(UInt8(ascii: "/"))
        appendInt(total, to: &out)
    }

    @inline(__always) static func appendRange(_ a: Int, _ b: Int, to out: inout ByteSink) {
        guard a > 0 else { return }
        appendInt(a, to: &out)
        if b > a { out.append(UInt8(ascii: "-")); appendInt(b, to: &out) }
    }

    /// The bytes escaped, or `-` when empty (codons and peptides).
    @inline(__always) static func appendDash(_ s: [UInt8], to out: inout ByteSink) {
        if s.isEmpty { out.append(UInt8(ascii: "-")) } else { appendEscaped(s, to: &out) }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        appendEscaped(s, to: &out)
        return out
    }

    /// Appends `s` percent-encoded; scans UTF-8 bytes (no Character iteration: this runs for every field).
    @inline(__always) static func appendEscaped(_ s: String, to out: inout String) {
        var s = s
        let clean = s.withUTF8 { b in
            !b.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "|") }
        }
        if clean { out += s; return }
        for c in s.unicodeScalars {
            switch c {
            case ",": out += "%2C"
            case ";": out += "%3B"
            case "=": out += "%3D"
            case " ": out += "%20"
            case "|": out += "%7C"
            default: out.unicodeScalars.append(c)
            }
        }
    }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "=") || b == UInt8(ascii: " ") || b == UInt8(ascii: "|")
    }

    /// Appends UTF-8 bytes percent-encoded as `appendEscaped(_:to:)` on a `String` does.
    @inline(__always) static func appendEscaped<C: Collection>(_ s: C, to out: inout [UInt8]) where C.Element == UInt8 {
        for b in s {
            switch b {
            case UInt8(ascii: ","): out.append(contentsOf: [0x25, 0x32, 0x43])  // %2C
            case UInt8(ascii: ";"): out.append(contentsOf: [0x25, 0x33, 0x42])  // %3B
            case UInt8(ascii: "="): out.append(contentsOf: [0x25, 0x33, 0x44])  // %3D
            case UInt8(ascii: " "): out.append(contentsOf: [0x25, 0x32, 0x30])  // %20
            case UInt8(ascii: "|"): out.append(contentsOf: [0x25, 0x37, 0x43])  // %7C
            default: out.append(b)
            }
        }
    }

    @inline(__always) static func appendEscaped<C: Collection>(_ s: C, to out: inout ByteSink) where C.Element == UInt8 {
        for b in s {
            if needsEscape(b) { appendPercent(b, to: &out) } else { out.append(b) }
        }
    }

    static func appendPercent(_ b: UInt8, to out: inout ByteSink) {
        var tmp: [UInt8] = []
        appendEscaped(CollectionOfOne(b), to: &tmp)
        out.append(contentsOf: tmp)
    }

    @inline(__always) static func appendEscaped(_ s: String, to out: inout ByteSink) {
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
    }

    @inline(__always) static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
    }
}

/// Escaped CSQ text of each transcript's fixed fields, built on first use: `SYMBOL|Gene|Transcript|Feature|BIOTYPE`,
/// the escaped Feature (the HGVS prefix) and `STRAND|CANONICAL|MANE_SELECT`.
final class TranscriptFieldCache {
    private var bytes: [UInt8] = []
    /// Per transcript: offsets of [middle, id, tail, end) in `bytes`; -1 before first use.
    private var offsets: [Int32]
    /// The entries of the allele being written.
    let sink = ByteSink()
    /// Scratch for the HGVS c./n. name of the entry being written.
    var hgvs: [UInt8] = []

    init(count: Int) { offsets = Array(repeating: -1, count: 4 * count) }

    @inline(__always) func prepare(_ ti: Int, _ transcripts: [Transcript]) {
        guard offsets[4 * ti] < 0 else { return }
        let t = transcripts[ti]
        let bar = UInt8(ascii: "|")
        offsets[4 * ti] = Int32(bytes.count)
        CSQFormatter.appendEscaped(t.symbol, to: &bytes)
        bytes.append(bar)
        CSQFormatter.appendEscaped(t.geneID, to: &bytes)
        bytes.append(contentsOf: Array("|Transcript|".utf8))
        CSQFormatter.appendEscaped(t.id, to: &bytes)
        bytes.append(bar)
        CSQFormatter.appendEscaped(t.biotype, to: &bytes)
        offsets[4 * ti + 1] = Int32(bytes.count)
        CSQFormatter.appendEscaped(t.id, to: &bytes)
        offsets[4 * ti + 2] = Int32(bytes.count)
        bytes.append(contentsOf: Array((t.strand == .plus ? "1" : "-1").utf8))
        bytes.append(bar)
        if t.isCanonical { bytes.append(contentsOf: Array("YES".utf8)) }
        bytes.append(bar)
        if t.isMANESelect { CSQFormatter.appendEscaped(t.id, to: &bytes) }
        offsets[4 * ti + 3] = Int32(bytes.count)
    }

    @inline(__always) private func copy(_ from: Int32, _ to: Int32, to out: inout ByteSink) {
        bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[Int(from)..<Int(to)])) }
    }

    @inline(__always) func appendMiddle(_ ti: Int, to out: inout ByteSink) { copy(offsets[4 * ti], offsets[4 * ti + 1], to: &out) }
    @inline(__always) func appendID(_ ti: Int, to out: inout ByteSink) { copy(offsets[4 * ti + 1], offsets[4 * ti + 2], to: &out) }
    @inline(__always) func appendTail(_ ti: Int, to out: inout ByteSink) { copy(offsets[4 * ti + 2], offsets[4 * ti + 3], to: &out) }
}

/// A growable byte buffer for the CSQ text: appends are a capacity check and a store (no copy-on-write checks
/// per byte, as `[UInt8]` makes). Owned by one formatter; not shared between threads.
final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    func removeAll() { count = 0 }

    private func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always) func append(_ b: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = b
        count += 1
    }

    @inline(__always) func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress, p.count > 0 else { return }
        if count + p.count > capacity { grow(count + p.count) }
        (base + count).update(from: src, count: p.count)
        count += p.count
    }

    @inline(__always) func append(contentsOf a: [UInt8]) { a.withUnsafeBufferPointer { append($0) } }

    /// `n` in decimal, as `[UInt8].appendDecimal` writes it.
    func appendDecimal(_ n: Int) {
        if n >= 0 && n < 10 { append(UInt8(ascii: "0") &+ UInt8(n)); return }
        if n < 0 {
            var tmp: [UInt8] = []
            tmp.appendDecimal(n)
            append(contentsOf: tmp)
            return
        }
        var div = 10
        while div <= n / 10 { div *= 10 }
        var x = n
        while div > 0 {
            append(UInt8(ascii: "0") &+ UInt8(x / div))
            x %= div
            div /= 10
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(UnsafeBufferPointer(start: base, count: count)) }
}
