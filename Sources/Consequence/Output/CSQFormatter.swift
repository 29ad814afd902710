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

    public init(predictor: ConsequencePredictor, hgvs: Bool = true) {
        self.predictor = predictor
        self.hgvs = hgvs
    }

    /// VEP's allele string: ALT without the bases shared with REF; `-` for a deletion.
    public static func vepAllele(_ v: VariantAllele) -> String {
        v.alt.isEmpty ? "-" : String(decoding: v.alt, as: UTF8.self)
    }

    /// Appends the entries of `allele` (effects from `ConsequencePredictor.effects`) to `out`.
    public func append(allele: VariantAllele, effects: [TranscriptEffect], to out: inout String) {
        let a = Self.vepAllele(allele)
        if effects.isEmpty {
            if !out.isEmpty { out += "," }
            out += a + "|intergenic_variant|MODIFIER" + String(repeating: "|", count: Self.fields.count - 3)
            return
        }
        let namer = HGVSNamer(predictor: predictor)
        for e in effects {
            let t = predictor.model.transcripts[e.transcript]
            if !out.isEmpty { out += "," }
            var names = HGVSNamer.Names(transcript: nil, protein: nil)
            let inTranscript = !e.terms.contains(.upstreamGene) && !e.terms.contains(.downstreamGene)
            if hgvs && inTranscript { names = namer.names(of: allele, effect: e) }
            var f: [String] = []
            f.reserveCapacity(Self.fields.count)
            f.append(a)
            f.append(e.terms.joined)
            f.append(e.terms.impact.name)
            f.append(t.symbol)
            f.append(t.geneID)
            f.append("Transcript")
            f.append(t.id)
            f.append(t.biotype)
            f.append(Self.numbered(e.exonFirst, e.exonLast, of: t.exons.count))
            f.append(Self.numbered(e.intronFirst, e.intronLast, of: t.exons.count - 1))
            f.append(names.transcript.map { "\(t.id):\($0)" } ?? "")
            f.append(names.protein.map { "\(t.id):\($0)" } ?? "")
            f.append(Self.range(e.cdnaStart, e.cdnaEnd))
            f.append(Self.range(e.cdsStart, e.cdsEnd))
            f.append(Self.range(e.proteinStart, e.proteinEnd))
            f.append(Self.aminoAcids(e))
            f.append(e.refCodons.isEmpty && e.altCodons.isEmpty ? "" : Self.codon(e.refCodons) + "/" + Self.codon(e.altCodons))
            f.append(t.strand == .plus ? "1" : "-1")
            f.append(t.isCanonical ? "YES" : "")
            f.append(t.isMANESelect ? t.id : "")
            f.append(e.compound?.text ?? "")
            for (i, x) in f.enumerated() {
                if i > 0 { out += "|" }
                Self.appendEscaped(x, to: &out)
            }
        }
    }

    static func numbered(_ first: Int, _ last: Int, of total: Int) -> String {
        guard first > 0 else { return "" }
        return (first == last ? "\(first)" : "\(first)-\(last)") + "/\(total)"
    }

    static func range(_ a: Int, _ b: Int) -> String {
        guard a > 0 else { return "" }
        return b > a ? "\(a)-\(b)" : "\(a)"
    }

    static func codon(_ c: [UInt8]) -> String { c.isEmpty ? "-" : String(decoding: c, as: UTF8.self) }

    static func aminoAcids(_ e: TranscriptEffect) -> String {
        guard !e.refPeptide.isEmpty || !e.altPeptide.isEmpty else { return "" }
        let r = e.refPeptide.isEmpty ? "-" : String(decoding: e.refPeptide, as: UTF8.self)
        let a = e.altPeptide.isEmpty ? "-" : String(decoding: e.altPeptide, as: UTF8.self)
        return r == a ? r : r + "/" + a
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
}
