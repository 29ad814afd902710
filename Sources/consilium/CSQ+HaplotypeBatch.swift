import CHTSlib
import Consequence
import Foundation
import HTS

/// Records of `consilium csq` held back until no later record can join a haplotype combination with them
/// (`HaplotypeCombiner.holdPosition`), then combined and written in input order. Records that cannot combine
/// pass straight through while the batch is empty, so files without nearby coding changes pay nothing.
final class HaplotypeBatch {
    let combiner: HaplotypeCombiner
    let header: VCFHeader
    let combine: Bool
    private(set) var rid: Int32 = -1
    private(set) var holdUntil = 0
    private var records: [VCFRecord] = []
    /// The caller's number for each held record, handed back by `flush` (the records held are copies).
    private var tags: [Int] = []
    private var spare: [VCFRecord] = []
    private var alleles: [[VariantAllele?]] = []
    private var effects: [[[TranscriptEffect]]] = []
    private var genotypes: UnsafeMutableRawPointer?
    private var genotypesCount: Int32 = 0

    init(predictor: ConsequencePredictor, header: VCFHeader, combine: Bool) {
        combiner = HaplotypeCombiner(predictor: predictor)
        self.header = header
        self.combine = combine
    }

    deinit { free(genotypes) }

    var isPending: Bool { !records.isEmpty }

    func holdPosition(_ effects: [[TranscriptEffect]]) -> Int { combiner.holdPosition(effects) }

    func add(_ record: VCFRecord, tag: Int, rid: Int32, alleles a: [VariantAllele?], effects e: [[TranscriptEffect]], holdUntil hold: Int) {
        let copy = spare.popLast() ?? VCFRecord()
        copy.copy(from: record)
        records.append(copy)
        tags.append(tag)
        alleles.append(a)
        effects.append(e)
        self.rid = rid
        holdUntil = max(holdUntil, hold)
    }

    /// Combines the held records' alleles per haplotype and hands them (copy, tag, alleles, effects) to `emit` in order.
    func flush(_ emit: (VCFRecord, Int, [VariantAllele?], [[TranscriptEffect]]) throws -> Void) throws {
        guard !records.isEmpty else { return }
        if combine && records.count > 1 {
            var variants: [HaplotypeVariant] = []
            var flat: [[TranscriptEffect]] = []
            var origin: [(record: Int, alt: Int)] = []
            let samples = header.sampleCount
            for (r, rec) in records.enumerated() {
                var ploidy = 0
                if samples > 0 {
                    let n = bcf_get_format_values(header.pointer, rec.pointer, "GT", &genotypes, &genotypesCount, Int32(BCF_HT_INT))
                    ploidy = n > 0 ? Int(n) / samples : 0
                }
                for (i, allele) in alleles[r].enumerated() {
                    guard let allele, !effects[r][i].isEmpty else { continue }
                    var haps: [Int32] = []
                    var unplaced = false
                    if samples == 0 {
                        if i == 0 { haps = [HaplotypeVariant.sitesOnlyHaplotype] }
                    } else if ploidy > 0, let gt = genotypes?.assumingMemoryBound(to: Int32.self) {
                        (haps, unplaced) = HaplotypeVariant.place(alt: i + 1, genotypes: UnsafeBufferPointer(start: gt, count: samples * ploidy),
                                                                 samples: samples, ploidy: ploidy)
                    }
                    variants.append(HaplotypeVariant(recordPosition: Int(rec.position1), allele: allele, haplotypes: haps, unplaced: unplaced))
                    flat.append(effects[r][i])
                    origin.append((r, i))
                }
            }
            combiner.combine(variants, effects: &flat)
            for (k, o) in origin.enumerated() { effects[o.record][o.alt] = flat[k] }
        }
        for r in records.indices { try emit(records[r], tags[r], alleles[r], effects[r]) }
        spare.append(contentsOf: records)
        records.removeAll(keepingCapacity: true)
        tags.removeAll(keepingCapacity: true)
        alleles.removeAll(keepingCapacity: true)
        effects.removeAll(keepingCapacity: true)
        holdUntil = 0
        rid = -1
    }
}
