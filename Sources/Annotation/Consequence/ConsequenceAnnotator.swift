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
    /// Combine alleles of one haplotype in one codon or unrestored frame, as `consilium csq` does (bcftools csq's
    /// rule). Needs the pipeline to hold records back (`prepare`, `combinePrepared`); on by default.
    public let combinesHaplotypes: Bool
    private let combiner: HaplotypeCombiner
    /// Effects computed by `prepare` for records not yet annotated, oldest first from `preparedHead`.
    private var prepared: [(alleles: [VariantAllele?], effects: [[TranscriptEffect]])] = []
    private var preparedHead = 0
    private var genotypes: UnsafeMutableRawPointer?
    private var genotypesCount: Int32 = 0

    /// `CSL_CSQ`'s fields as columns (the report transcript's values), then `CSQ`: every entry of the allele.
    public static let columnNames = CSQFormatter.fields + ["CSQ"]

    public init(model: GeneModel, reference: FastaReference, source: String, choice: TranscriptChoice = .standard,
                hgvs: Bool = true, combinesHaplotypes: Bool = true) {
        predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model))
        formatter = CSQFormatter(predictor: predictor, hgvs: hgvs)
        combiner = HaplotypeCombiner(predictor: predictor)
        self.choice = choice
        self.source = source
        self.combinesHaplotypes = combinesHaplotypes
    }

    deinit { free(genotypes) }

    public var headerLines: [String] { [CSQFormatter.headerLine(source: source)] }
    public var columns: [String] { Self.columnNames }

    /// The report transcript's effect for ALT `alt` (0-based) of the last record: MANE Select > canonical >
    /// longest CDS unless configured otherwise (`TranscriptChoice`); nil when intergenic or no allele.
    public func chosen(alt: Int) -> TranscriptEffect? {
        guard alt >= 0, alt < chosenIndex.count, let i = chosenIndex[alt] else { return nil }
        return effects[alt][i]
    }

    /// Computes `record`'s effects ahead of `annotate` and returns the last position a later record on the same
    /// contig may start at and still combine with it on a haplotype (0: none, the record need not wait).
    /// Records are then annotated in the order prepared.
    public func prepare(_ record: VCFRecord, header: VCFHeader) -> Int {
        let computed = compute(record, header)
        prepared.append(computed)
        // Without samples there is no phase: nothing to combine, so nothing waits.
        return combinesHaplotypes && header.sampleCount > 0 ? combiner.holdPosition(computed.effects) : 0
    }

    /// Combines the alleles of `records` (the prepared records not yet annotated, in order) per haplotype. Phased,
    /// haploid and homozygous genotypes place an allele on a haplotype; unphased heterozygous calls stay apart, and
    /// a sites-only VCF has no phase (its records are alternatives, e.g. ClinVar's), as in `consilium csq` without
    /// `--sites-as-haplotype`.
    public func combinePrepared(_ records: [VCFRecord], header: VCFHeader) {
        guard combinesHaplotypes, records.count > 1, prepared.count - preparedHead == records.count else { return }
        var variants: [HaplotypeVariant] = []
        var flat: [[TranscriptEffect]] = []
        var origin: [(record: Int, alt: Int)] = []
        let samples = header.sampleCount
        for (r, rec) in records.enumerated() {
            let p = prepared[preparedHead + r]
            var ploidy = 0
            if samples > 0 {
                let n = bcf_get_format_values(header.pointer, rec.pointer, "GT", &genotypes, &genotypesCount, Int32(BCF_HT_INT))
                ploidy = n > 0 ? Int(n) / samples : 0
            }
            for (i, allele) in p.alleles.enumerated() {
                guard let allele, !p.effects[i].isEmpty else { continue }
                var haps: [Int32] = []
                var unplaced = false
                if samples > 0, ploidy > 0, let gt = genotypes?.assumingMemoryBound(to: Int32.self) {
                    (haps, unplaced) = HaplotypeVariant.place(alt: i + 1, genotypes: UnsafeBufferPointer(start: gt, count: samples * ploidy),
                                                             samples: samples, ploidy: ploidy)
                }
                variants.append(HaplotypeVariant(recordPosition: Int(rec.position1), allele: allele, haplotypes: haps, unplaced: unplaced))
                flat.append(p.effects[i])
                origin.append((r, i))
            }
        }
        combiner.combine(variants, effects: &flat)
        for (k, o) in origin.enumerated() { prepared[preparedHead + o.record].effects[o.alt] = flat[k] }
    }

    public func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
        let current: (alleles: [VariantAllele?], effects: [[TranscriptEffect]])
        if preparedHead < prepared.count {
            current = prepared[preparedHead]
            preparedHead += 1
            if preparedHead == prepared.count {
                prepared.removeAll(keepingCapacity: true)
                preparedHead = 0
            }
        } else {
            current = compute(record, header)
        }
        alleles = current.alleles
        effects = current.effects
        chosenIndex.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        value.removeAll(keepingCapacity: true)
        for (a, allele) in alleles.enumerated() {
            guard let allele else {
                chosenIndex.append(nil)
                spans.append(0..<0)
                continue
            }
            // One formatter call per allele, as `consilium csq` makes it.
            let before = value.utf8.count
            formatter.append(allele: allele, effects: effects[a], to: &value)
            spans.append((before == 0 ? 0 : before + 1)..<value.utf8.count)
            chosenIndex.append(choice.choose(effects[a], in: predictor.model))
        }
        if value.isEmpty {
            bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", nil, 0, Int32(BCF_HT_STR))
        } else {
            _ = value.withCString { bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", $0, 1, Int32(BCF_HT_STR)) }
        }
    }

    /// Per ALT: the trimmed allele (nil for symbolic, `*`, missing) and its effects on the transcripts within 5 kb.
    private func compute(_ record: VCFRecord, _ header: VCFHeader) -> (alleles: [VariantAllele?], effects: [[TranscriptEffect]]) {
        record.unpackAlleles()
        let alts = max(0, record.alleleCount - 1)
        guard alts > 0 else { return ([], []) }
        var alleles: [VariantAllele?] = []
        var effects: [[TranscriptEffect]] = []
        alleles.reserveCapacity(alts)
        effects.reserveCapacity(alts)
        let handle = contigHandle(record.rid, header)
        let refC = record.alleleCString(0)
        let ref = UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC))
        for a in 1...alts {
            let c = record.alleleCString(a)
            let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
            let allele = VariantAllele(position: Int(record.position1), ref: ref, alt: alt)
            alleles.append(allele)
            effects.append(allele.flatMap { handle >= 0 ? predictor.effects(contig: handle, allele: $0) : nil } ?? [])
        }
        return (alleles, effects)
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
