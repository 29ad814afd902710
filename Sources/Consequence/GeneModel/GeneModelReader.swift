import Foundation
import HTS

/// Reads gene models from GFF3 (Ensembl and RefSeq/NCBI flavours) and GTF (Ensembl/GENCODE), plain or compressed.
///
/// The format is told by the attribute syntax of the first feature line (`key=value` for GFF3, `key "value"` for
/// GTF), so file names do not matter. A transcript is any feature that owns exons (or, in minimal files, only CDS
/// parts); its parent feature is the gene. GTF CDS lines exclude the stop codon, so `stop_codon` lines extend the
/// CDS to match the GFF3 convention.
public enum GeneModelReader {
    /// Parses `path` into a gene model. Errors name the file and line.
    public static func read(path: String) throws(InputError) -> GeneModel {
        let reader = try TextLineReader(path: path)
        var builder = Builder(path: path)
        var stop = false
        while !stop, try reader.next({ (line: UnsafeBufferPointer<UInt8>) throws(InputError) in
            if line.isEmpty { return }
            if line[0] == UInt8(ascii: "#") {
                if line.count >= 7 && String(decoding: line.prefix(7), as: UTF8.self) == "##FASTA" { stop = true }
                return
            }
            try builder.add(line: line, number: reader.lineNumber)
        }) {}
        return try builder.finish()
    }

    struct Feature {
        var type: String
        var id: String?
        var parents: [String]
        var attributes: [String: String]
        var contig: String
        var strand: Strand?
        var start: Int
        var end: Int
        var line: Int
    }

    struct Parts {
        var exons: [GenomicInterval] = []
        var cds: [(GenomicInterval, Int)] = []
        var stopCodons: [GenomicInterval] = []
        var contig = ""
        var strand: Strand?
        var firstLine = 0
        /// GTF: the transcript's attributes, from its first line.
        var attributes: [String: String] = [:]
    }

    struct Builder {
        let path: String
        var isGTF: Bool?
        var features: [String: Feature] = [:]
        var parts: [String: Parts] = [:]
        var order: [String] = []

        init(path: String) { self.path = path }

        func fail(_ line: Int, _ field: String, _ problem: String, _ hint: String) -> InputError {
            InputError(file: path, location: .line(line), field: field, problem: problem, hint: hint)
        }

        mutating func add(line: UnsafeBufferPointer<UInt8>, number: Int) throws(InputError) {
            var cols: [Range<Int>] = []
            cols.reserveCapacity(9)
            var from = 0
            for i in 0..<line.count where line[i] == 9 {
                cols.append(from..<i)
                from = i + 1
            }
            cols.append(from..<line.count)
            // Tabs inside column 9 (seen in bcftools' test GFFs, from unescaped descriptions) belong to it.
            if cols.count > 9 { cols[8] = cols[8].lowerBound..<line.count; cols.removeLast(cols.count - 9) }
            guard cols.count == 9 else {
                throw fail(number, "columns", "expected 9 tab-separated columns, found \(cols.count)",
                           "GFF3/GTF lines are seqid, source, type, start, end, score, strand, phase, attributes")
            }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self) }
            func int(_ r: Range<Int>) -> Int? {
                guard !r.isEmpty, r.count < 12 else { return nil }
                var v = 0
                var digits = r
                let negative = line[r.lowerBound] == UInt8(ascii: "-")
                if negative { digits = (r.lowerBound + 1)..<r.upperBound; guard !digits.isEmpty else { return nil } }
                defer { if negative { v = -v } }
                for i in digits {
                    let d = Int(line[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            let type = text(cols[2])
            // Gene lines of cut-out slices (bcftools' test data) may start before the slice; only transcript
            // parts need positions on the sequence.
            let isPart = type == "exon" || type == "CDS" || type == "stop_codon"
            guard let start = int(cols[3]), let end = int(cols[4]), !isPart || start >= 1 else {
                throw fail(number, "start/end", "expected positive integer coordinates", "columns 4 and 5 are 1-based positions")
            }
            guard start <= end else {
                throw fail(number, "start/end", "the start is after the end", "GFF3/GTF features have start ≤ end")
            }
            let strand: Strand?
            switch cols[6].count == 1 ? line[cols[6].lowerBound] : 0 {
            case UInt8(ascii: "+"): strand = .plus
            case UInt8(ascii: "-"): strand = .minus
            case UInt8(ascii: "."), UInt8(ascii: "?"): strand = nil
            default:
                throw fail(number, "strand", "expected +, - or .", "column 7 is the strand")
            }
            let attrText = cols[8]
            if isGTF == nil {
                // GTF attributes look like `gene_id "X";`; GFF3 ones like `ID=X;`.
                var sawEquals = false, sawQuote = false
                for i in attrText {
                    if line[i] == UInt8(ascii: "=") { sawEquals = true; break }
                    if line[i] == UInt8(ascii: "\"") { sawQuote = true; break }
                }
                isGTF = sawQuote && !sawEquals
            }
            let gtf = isGTF ?? false
            let attrs = gtf ? Self.gtfAttributes(text(attrText)) : Self.gff3Attributes(UnsafeBufferPointer(rebasing: line[attrText]))
            let contig = text(cols[0])

            switch type {
            case "exon", "CDS", "stop_codon":
                let owners: [String]
                if gtf {
                    guard let t = attrs["transcript_id"] else {
                        throw fail(number, "transcript_id", "a GTF \(type) line has no transcript_id", "every GTF exon/CDS line names its transcript")
                    }
                    owners = [t]
                } else {
                    guard let p = attrs["Parent"] else {
                        throw fail(number, "Parent", "a GFF3 \(type) line has no Parent", "exon and CDS features name their transcript with Parent=")
                    }
                    owners = p.split(separator: ",").map(String.init)
                }
                guard let strand else {
                    throw fail(number, "strand", "an exon or CDS without a strand", "transcript parts need + or -")
                }
                var phase = 0
                if type == "CDS" {
                    let r = cols[7]
                    if let p = int(r), p >= 0, p <= 2 { phase = p } else if !(r.count == 1 && line[r.lowerBound] == UInt8(ascii: ".")) {
                        throw fail(number, "phase", "expected a CDS phase of 0, 1 or 2", "column 8 of a CDS line is its phase")
                    }
                }
                for o in owners {
                    if parts[o] == nil {
                        parts[o] = Parts(contig: contig, strand: strand, firstLine: number, attributes: gtf ? attrs : [:])
                        order.append(o)
                    }
                    let iv = GenomicInterval(start: start, end: end)
                    switch type {
                    case "exon": parts[o]?.exons.append(iv)
                    case "CDS": parts[o]?.cds.append((iv, phase))
                    default: parts[o]?.stopCodons.append(iv)
                    }
                }
            default:
                if gtf {
                    if type == "transcript", let t = attrs["transcript_id"] {
                        if parts[t] == nil {
                            parts[t] = Parts(contig: contig, strand: strand, firstLine: number)
                            order.append(t)
                        }
                        parts[t]?.attributes = attrs
                    }
                    return
                }
                guard let id = attrs["ID"] else { return }
                features[id] = Feature(type: type, id: id, parents: attrs["Parent"].map { $0.split(separator: ",").map(String.init) } ?? [],
                                       attributes: attrs, contig: contig, strand: strand, start: start, end: end, line: number)
            }
        }

        func finish() throws(InputError) -> GeneModel {
            var out: [Transcript] = []
            out.reserveCapacity(order.count)
            let gtf = isGTF ?? false
            for key in order {
                guard let p = parts[key], let strand = p.strand else { continue }
                var exons = p.exons
                if exons.isEmpty { exons = p.cds.map(\.0) }
                if exons.isEmpty { continue }  // a GTF transcript line without exons
                let attrs: [String: String]
                var geneAttrs: [String: String] = [:]
                var type = "transcript"
                if gtf {
                    attrs = p.attributes
                } else {
                    guard let f = features[key] else {
                        throw InputError(file: path, location: .line(p.firstLine), field: "Parent",
                                         problem: "an exon or CDS names a Parent that no feature defines",
                                         hint: "the transcript feature (mRNA/transcript) with that ID must be in the file")
                    }
                    attrs = f.attributes
                    type = f.type
                    if let g = f.parents.first, let gene = features[g] { geneAttrs = gene.attributes }
                }
                let id = attrs["transcript_id"] ?? Self.stripPrefix(key)
                let geneID = attrs["gene_id"] ?? geneAttrs["gene_id"] ?? (gtf ? "" : Self.stripPrefix(features[key]?.parents.first ?? ""))
                let symbol = attrs["gene_name"] ?? geneAttrs["Name"] ?? attrs["gene"] ?? geneAttrs["gene"] ?? geneAttrs["gene_name"] ?? ""
                var cds = p.cds.map(\.0) + p.stopCodons
                if cds.isEmpty { cds = [] }
                let codingStart = cds.map(\.start).min()
                let codingEnd = cds.map(\.end).max()
                var phase = 0
                if !p.cds.isEmpty {
                    let five = strand == .plus ? p.cds.min { $0.0.start < $1.0.start } : p.cds.max { $0.0.end < $1.0.end }
                    phase = five?.1 ?? 0
                }
                let biotype = attrs["biotype"] ?? attrs["transcript_biotype"] ?? attrs["transcript_type"]
                    ?? (codingStart != nil ? "protein_coding" : (type == "mRNA" ? "mRNA" : type))
                let tags = (attrs["tag"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let mane = tags.contains { $0 == "MANE_Select" || $0 == "MANE Select" }
                let canonical = tags.contains("Ensembl_canonical") || attrs["Ensembl_canonical"] != nil
                // NCBI GFF3 names chromosomes by accession; the VCF and FASTA name them chr17 or 17.
                let contig = RefSeqChromosome.name(of: p.contig) ?? p.contig
                out.append(Transcript(id: id, geneID: geneID, symbol: symbol, biotype: biotype, contig: contig, strand: strand,
                                      exons: exons, codingStart: codingStart, codingEnd: codingEnd, cdsStartPhase: phase,
                                      isMANESelect: mane, isCanonical: canonical))
            }
            return GeneModel(transcripts: out)
        }

        static func stripPrefix(_ id: String) -> String {
            for prefix in ["transcript:", "gene:", "rna-", "gene-"] where id.hasPrefix(prefix) {
                return String(id.dropFirst(prefix.count))
            }
            return id
        }

        /// GFF3 `key=value;…` read on bytes (it runs for every line of a gene model): the same pairs as
        /// `gff3Attributes(_: String)`, keys trimmed of spaces and tabs, values percent-decoded.
        static func gff3Attributes(_ b: UnsafeBufferPointer<UInt8>) -> [String: String] {
            var out: [String: String] = [:]
            var from = 0
            let n = b.count
            while from < n {
                var end = from
                var eq = -1
                var percent = false, nonASCII = false
                while end < n && b[end] != UInt8(ascii: ";") {
                    let c = b[end]
                    if c == UInt8(ascii: "=") && eq < 0 { eq = end }
                    if c == UInt8(ascii: "%") && eq >= 0 { percent = true }
                    if c >= 0x80 && eq < 0 { nonASCII = true }
                    end += 1
                }
                defer { from = end + 1 }
                guard eq >= 0 else { continue }
                let key: String
                if nonASCII {
                    // Unicode white space in a key: leave the trimming to Foundation, as the String form does.
                    key = String(decoding: UnsafeBufferPointer(rebasing: b[from..<eq]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                } else {
                    var ks = from, ke = eq
                    while ks < ke && (b[ks] == 0x20 || b[ks] == 0x09) { ks += 1 }
                    while ke > ks && (b[ke - 1] == 0x20 || b[ke - 1] == 0x09) { ke -= 1 }
                    key = String(decoding: UnsafeBufferPointer(rebasing: b[ks..<ke]), as: UTF8.self)
                }
                let value = String(decoding: UnsafeBufferPointer(rebasing: b[(eq + 1)..<end]), as: UTF8.self)
                out[key] = percent ? (value.removingPercentEncoding ?? value) : value
            }
            return out
        }

        static func gff3Attributes(_ text: String) -> [String: String] {
            var out: [String: String] = [:]
            for pair in text.split(separator: ";", omittingEmptySubsequences: true) {
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<eq].trimmingCharacters(in: .whitespaces)
                let value = String(pair[pair.index(after: eq)...])
                out[key] = value.contains("%") ? (value.removingPercentEncoding ?? value) : value
            }
            return out
        }

        /// GTF: `key "value"; key "value";`; repeated keys (`tag`) are joined with commas.
        static func gtfAttributes(_ text: String) -> [String: String] {
            var out: [String: String] = [:]
            for pair in text.split(separator: ";", omittingEmptySubsequences: true) {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard let sp = trimmed.firstIndex(of: " ") else { continue }
                let key = String(trimmed[..<sp])
                var value = trimmed[trimmed.index(after: sp)...].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                if let old = out[key] { out[key] = old + "," + value } else { out[key] = value }
            }
            return out
        }
    }
}
