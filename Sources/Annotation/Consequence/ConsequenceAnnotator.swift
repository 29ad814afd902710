import CHTSlib
import Consequence
import HTS

/// The consequence stage of `consilium annotate`: per ALT allele, the effects on every transcript within 5 kb,
/// written as `CSL_CSQ` in VEP's CSQ layout (the same text `consilium csq` writes), plus the report transcript's
/// fields as table columns.
///
/// Later annotators (PVS1, PM4, BP7, …) read `effects`, `chosen(alt:)` and `predictor` instead of recomputing.
/// Not thread-safe, like the predictor it owns: the pipeline runs annotators on one thread, in output order.
public final class ConsequenceAnnotator: RecordAnnotator {
    public let predictor: ConsequencePredictor
    public let formatter: CSQFormatter
    public let choice: TranscriptChoice
    /// Names the gene models in the `CSL_CSQ` header line (file names or knowledge-base labels with releases).
    public let source: String
    /// Per ALT of the record last annotated: its effects (empty: intergenic, or an ALT that has none, such as `*`).
    public private(set) var effects: [[TranscriptEffect]] = []
    /// Per ALT of the record last annotated: the trimmed allele, nil for symbolic, `*` or missing ALTs.
    public private(set) var alleles: [VariantAllele?] = []
    /// Per ALT: index into `effects[alt]` of the report transcript.
    private var chosenIndex: [Int?] = []
    /// Per ALT: the UTF-8 offsets of its entries in `value` (one per transcript, or one intergenic entry;
    /// empty for an ALT without entries). Split into entries only when a table asks.
    private var spans: [Range<Int>] = []
    private var handleOfRid: [Int] = []
    private var handleHeader: UnsafeMutablePointer<bcf_hdr_t>?
    private var value = ""

    /// `CSL_CSQ`'s fields as columns (the report transcript's values), then `CSQ`: every entry of the allele.
    public static let columnNames = CSQFormatter.fields + ["CSQ"]

    public init(model: GeneModel, reference: FastaReference, source: String, choice: TranscriptChoice = .standard,
                hgvs: Bool = true) {
        predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model))
        formatter = CSQFormatter(predictor: predictor, hgvs: hgvs)
        self.choice = choice
        self.source = source
    }

    public var headerLines: [String] { [CSQFormatter.headerLine(source: source)] }
    public var columns: [String] { Self.columnNames }

    /// The report transcript's effect for ALT `alt` (0-based) of the last record: MANE Select > canonical >
    /// longest CDS unless configured otherwise (`TranscriptChoice`); nil when intergenic or no allele.
    public func chosen(alt: Int) -> TranscriptEffect? {
        guard alt >= 0, alt < chosenIndex.count, let i = chosenIndex[alt] else { return nil }
        return effects[alt][i]
    }

    public func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
        record.unpackAlleles()
        let alts = max(0, record.alleleCount - 1)
        effects.removeAll(keepingCapacity: true)
        alleles.removeAll(keepingCapacity: true)
        chosenIndex.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        value.removeAll(keepingCapacity: true)
        guard alts > 0 else {
            bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", nil, 0, Int32(BCF_HT_STR))
            return
        }
        let handle = contigHandle(record.rid, header)
        let refC = record.alleleCString(0)
        let ref = UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC))
        for a in 1...alts {
            let c = record.alleleCString(a)
            let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
            guard let allele = VariantAllele(position: Int(record.position1), ref: ref, alt: alt) else {
                alleles.append(nil); effects.append([]); chosenIndex.append(nil); spans.append(0..<0)
                continue
            }
            let e = handle >= 0 ? predictor.effects(contig: handle, allele: allele) : []
            // One formatter call per allele, as `consilium csq` makes it.
            let before = value.utf8.count
            formatter.append(allele: allele, effects: e, to: &value)
            spans.append((before == 0 ? 0 : before + 1)..<value.utf8.count)
            alleles.append(allele)
            effects.append(e)
            chosenIndex.append(choice.choose(e, in: predictor.model))
        }
        if value.isEmpty {
            bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", nil, 0, Int32(BCF_HT_STR))
        } else {
            _ = value.withCString { bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", $0, 1, Int32(BCF_HT_STR)) }
        }
    }

    /// The report transcript's `CSL_CSQ` fields for ALT `alt` of the last record, by field name (`HGVSc`,
    /// `HGVSp`, `EXON`, `Consequence`, …), values as written in the VCF (percent-encoded); empty fields left out.
    /// The same text as the VCF and the table, so a report never words a change differently from the file.
    public func reportFields(alt: Int) -> [String: String] {
        let values = columnValues(alt: alt)
        var out: [String: String] = [:]
        for (name, value) in zip(CSQFormatter.fields, values) { if let value { out[name] = value } }
        return out
    }

    public func columnValues(alt: Int) -> [String?] {
        guard alt >= 0, alt < spans.count, !spans[alt].isEmpty else {
            return Array(repeating: nil, count: Self.columnNames.count)
        }
        let utf8 = value.utf8
        let all = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: spans[alt].lowerBound)..<utf8.index(utf8.startIndex, offsetBy: spans[alt].upperBound)])
        // Entries hold no bare comma (the formatter percent-encodes it), so splitting gives each one back, in
        // the order of `effects[alt]`.
        let entries = all.split(separator: ",", omittingEmptySubsequences: false)
        let i = chosenIndex[alt] ?? 0
        guard i < entries.count else { return Array(repeating: nil, count: Self.columnNames.count) }
        var out: [String?] = entries[i].split(separator: "|", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
        let width = CSQFormatter.fields.count
        if out.count < width { out += Array(repeating: nil, count: width - out.count) }
        out.append(String(all))
        return out
    }

    private func contigHandle(_ rid: Int32, _ header: VCFHeader) -> Int {
        if handleHeader != header.pointer {
            handleOfRid.removeAll()
            handleHeader = header.pointer
        }
        let r = Int(rid)
        guard r >= 0 else { return -1 }
        while handleOfRid.count <= r {
            handleOfRid.append(predictor.model.contigHandle(header.contigName(Int32(handleOfRid.count))) ?? -1)
        }
        return handleOfRid[r]
    }
}
