import CHTSlib
import Consequence
import Foundation
import HTS

/// The per-record work of `consilium csq`: alleles of a record, their effects, haplotype combination and the
/// `CSL_CSQ` text. Records go in with a number (`tag`) and come out through `emit` in input order, each with its
/// value (NUL-terminated, nil when no allele has entries); records that may combine with later ones on a
/// haplotype are held until they cannot. Used on one thread at a time: the command's own, or the worker's with
/// `--threads`.
final class CSQRecordProcessor {
    typealias Emit = (_ record: VCFRecord, _ tag: Int, _ value: UnsafeBufferPointer<UInt8>?) throws -> Void

    let model: GeneModel
    let predictor: ConsequencePredictor
    let formatter: CSQFormatter
    let batch: HaplotypeBatch
    let header: VCFHeader
    /// Records written with a `CSL_CSQ` value.
    private(set) var annotated = 0
    private var handles: [Int32: Int] = [:]
    private var value: [UInt8] = []
    private var alleles: [VariantAllele?] = []
    private var effects: [[TranscriptEffect]] = []

    init(model: GeneModel, predictor: ConsequencePredictor, formatter: CSQFormatter, header: VCFHeader, combine: Bool) {
        self.model = model
        self.predictor = predictor
        self.formatter = formatter
        self.header = header
        batch = HaplotypeBatch(predictor: predictor, header: header, combine: combine)
    }

    /// Formats the entries of one record (effects per ALT, nil ALTs skipped) and hands them to `emit`.
    private func format(_ r: VCFRecord, _ tag: Int, _ alleles: [VariantAllele?], _ effects: [[TranscriptEffect]], _ emit: Emit) throws {
        value.removeAll(keepingCapacity: true)
        for (i, a) in alleles.enumerated() {
            guard let allele = a else { continue }
            formatter.append(allele: allele, effects: effects[i], to: &value)
        }
        if value.isEmpty {
            try emit(r, tag, nil)
        } else {
            annotated += 1
            value.append(0)
            try value.withUnsafeBufferPointer { try emit(r, tag, $0) }
        }
    }

    /// Predicts the record's alleles; emits it (and any held records before it) when nothing later can join it.
    func add(_ record: VCFRecord, tag: Int, emit: Emit) throws {
        record.unpackAlleles()
        let rid = record.rid
        let handle: Int
        if let h = handles[rid] { handle = h } else {
            handle = model.contigHandle(header.contigName(rid)) ?? -1
            handles[rid] = handle
        }
        alleles.removeAll(keepingCapacity: true)
        effects.removeAll(keepingCapacity: true)
        if record.alleleCount > 1 {
            let ref = UnsafeRawPointer(record.alleleCString(0)).assumingMemoryBound(to: UInt8.self)
            let refBuf = UnsafeBufferPointer(start: ref, count: strlen(record.alleleCString(0)))
            for i in 1..<record.alleleCount {
                let c = record.alleleCString(i)
                let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
                let allele = VariantAllele(position: Int(record.position1), ref: refBuf, alt: alt)
                alleles.append(allele)
                effects.append(allele.flatMap { handle >= 0 ? predictor.effects(contig: handle, allele: $0) : nil } ?? [])
            }
        }
        // Records that may share a codon or a frame with later ones on a haplotype wait in the batch.
        let pos = Int(record.position1)
        if batch.isPending && (rid != batch.rid || pos > batch.holdUntil) {
            try batch.flush { try format($0, $1, $2, $3, emit) }
        }
        let holdUntil = batch.combine ? batch.holdPosition(effects) : 0
        if batch.isPending || holdUntil > 0 {
            batch.add(record, tag: tag, rid: rid, alleles: alleles, effects: effects, holdUntil: holdUntil)
        } else {
            try format(record, tag, alleles, effects, emit)
        }
    }

    /// Emits the records still held, at the end of the input.
    func finish(emit: Emit) throws {
        try batch.flush { try format($0, $1, $2, $3, emit) }
    }
}
