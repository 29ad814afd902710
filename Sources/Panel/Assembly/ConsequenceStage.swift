import CHTSlib
import Consequence
import Foundation
import HTS
import Annotation

/// Writes `CSL_CSQ` (the documented consequence field) on each record, for cases that give a gene model.
///
/// A bridge until `annotate`'s own consequence annotator is wired into the pipeline (contract: CSQ-INT); it
/// writes the same field with the same `CSQFormatter`, so the report reads one field whichever wrote it.
final class ConsequenceStage: RecordAnnotator {
    let predictor: ConsequencePredictor
    let formatter: CSQFormatter
    let source: String
    private var handles: [Int32: Int] = [:]
    private var value = ""

    init(geneModels: [String], reference: FastaReference) throws(InputError) {
        var transcripts: [Transcript] = []
        for path in geneModels { transcripts += try GeneModelReader.read(path: path).transcripts }
        let model = GeneModel(transcripts: transcripts)
        predictor = ConsequencePredictor(model: model, sequences: TranscriptSequences(reference: reference, model: model))
        formatter = CSQFormatter(predictor: predictor)
        source = geneModels.map { ($0 as NSString).lastPathComponent }.joined(separator: ",")
    }

    var headerLines: [String] { [CSQFormatter.headerLine(source: source)] }
    var columns: [String] { [] }
    func columnValues(alt: Int) -> [String?] { [] }

    func annotate(_ record: VCFRecord, header: VCFHeader, lookup: AlleleLookup) throws(InputError) {
        record.unpackAlleles()
        let rid = record.rid
        let handle: Int
        if let h = handles[rid] { handle = h } else {
            handle = predictor.model.contigHandle(header.contigName(rid)) ?? -1
            handles[rid] = handle
        }
        value.removeAll(keepingCapacity: true)
        guard record.alleleCount > 1 else { return }
        let refC = record.alleleCString(0)
        let refBuf = UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC))
        for i in 1..<record.alleleCount {
            let c = record.alleleCString(i)
            let alt = UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
            guard let allele = VariantAllele(position: Int(record.position1), ref: refBuf, alt: alt) else { continue }
            let effects = handle >= 0 ? predictor.effects(contig: handle, allele: allele) : []
            formatter.append(allele: allele, effects: effects, to: &value)
        }
        if !value.isEmpty {
            _ = value.withCString { bcf_update_info(header.pointer, record.pointer, "CSL_CSQ", $0, 1, Int32(BCF_HT_STR)) }
        }
    }
}
