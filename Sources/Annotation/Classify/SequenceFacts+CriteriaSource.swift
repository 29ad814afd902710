import Classification
import Consequence
import Foundation
import HTS

/// The sequence criteria stage the germline annotator calls per ALT (`SequenceCriteriaSource`): reads the
/// in-silico scores of the record, builds `SequenceFacts` on the report transcript and evaluates PVS1, PM4, PP3,
/// BP3, BP4 and BP7. Not thread-safe (reuses the INFO buffers), like the annotators.
public final class SequenceCriteriaAdapter: SequenceCriteriaSource {
    public let fieldNames: InSilicoFieldNames
    /// The profile's missense predictor (one, chosen in advance: Pejaver et al. 2022).
    public let predictor: MissensePredictor
    /// Transcripts whose exons are biologically relevant for PVS1 (e.g. `maneSelect(summary:)`), besides those the
    /// gene model flags MANE Select.
    public let relevantTranscripts: Set<String>
    private var reader: InSilicoScoreReader?
    private var readerHeader: UnsafeMutableRawPointer?

    public init(fieldNames: InSilicoFieldNames = InSilicoFieldNames(), predictor: MissensePredictor = .revel,
                relevantTranscripts: Set<String> = []) {
        self.fieldNames = fieldNames
        self.predictor = predictor
        self.relevantTranscripts = SequenceContext.transcriptKeys(relevantTranscripts)
    }

    public func evaluate(_ query: SequenceQuery) -> SequenceAnswer {
        guard let effect = query.effect, let allele = query.allele, let predictor = query.predictor else {
            let reason = "no consequence on a transcript (intergenic, or a symbolic or missing allele)"
            let results = [Criterion.PVS1, .PM4, .PP3, .BP3, .BP4, .BP7].map {
                CriterionResult(criterion: $0, status: .notEvaluated(reason: reason))
            }
            return SequenceAnswer(results: results, mayAffectSplicing: nil)
        }
        let scoreReader = scores(for: query.header)
        let symbol = predictor.model.transcripts[effect.transcript].symbol
        let alleles = query.record.alleles
        let altText = query.alt + 1 < alleles.count ? alleles[query.alt + 1] : ""
        let scores = scoreReader.scores(query.record, alt: query.alt, altAllele: altText, gene: symbol)
        let context = SequenceContext(lofMechanism: query.gene?.lofMechanism, relevantTranscripts: relevantTranscripts,
                                      predictor: self.predictor)
        let facts = SequenceFacts(effect: effect, allele: allele, predictor: predictor, context: context, scores: scores)
        return SequenceAnswer(results: facts.results, mayAffectSplicing: Self.mayAffectSplicing(effect, scores))
    }

    /// Splicing may be affected at a splice site or in a splice region, or where SpliceAI predicts it (≥ 0.2);
    /// elsewhere, SpliceAI ≤ 0.1 says it is not; otherwise unknown.
    static func mayAffectSplicing(_ effect: TranscriptEffect, _ scores: InSilicoScores) -> Bool? {
        let t = effect.terms
        if t.contains(.spliceDonor) || t.contains(.spliceAcceptor) || t.contains(.spliceRegion) { return true }
        switch SpliceImpact(spliceAIMaxDelta: scores.spliceAIMaxDelta) {
        case .impact?: return true
        case .noImpact?: return false
        case .indeterminate?, nil: return nil
        }
    }

    private func scores(for header: VCFHeader) -> InSilicoScoreReader {
        let key = UnsafeMutableRawPointer(header.pointer)
        if let reader, readerHeader == key { return reader }
        let r = InSilicoScoreReader(names: fieldNames, header: header)
        reader = r
        readerHeader = key
        return r
    }

    /// The MANE Select transcript ids (RefSeq `RefSeq_nuc` and Ensembl `Ensembl_nuc`, with versions) of a MANE
    /// summary file (`MANE.GRCh38.v1.4.summary.txt`, tab-separated with a `#`-prefixed header).
    public static func maneSelect(summary path: String) throws(InputError) -> Set<String> {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, location: .file, problem: "cannot be read as UTF-8 text",
                             hint: "give the MANE summary file (MANE.GRCh38.v*.summary.txt)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().makeIterator()
        guard let (_, first) = lines.next() else {
            throw InputError(file: path, location: .file, problem: "is empty", hint: "give the MANE summary file")
        }
        let header = first.drop { $0 == "#" }.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let refseq = header.firstIndex(of: "RefSeq_nuc"), let ensembl = header.firstIndex(of: "Ensembl_nuc"),
              let status = header.firstIndex(of: "MANE_status") else {
            throw InputError(file: path, location: .line(1), problem: "has no RefSeq_nuc, Ensembl_nuc and MANE_status columns",
                             hint: "give the MANE summary file (MANE.GRCh38.v*.summary.txt)")
        }
        var ids: Set<String> = []
        while let (i, line) = lines.next() {
            guard !line.isEmpty else { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == header.count else {
                throw InputError(file: path, location: .line(i + 1),
                                 problem: "has \(f.count) tab-separated fields; the header has \(header.count)")
            }
            guard f[status] == "MANE Select" else { continue }
            ids.insert(String(f[refseq]))
            ids.insert(String(f[ensembl]))
        }
        return ids
    }
}
