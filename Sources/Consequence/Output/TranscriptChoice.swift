import Foundation

/// Which transcript a report names for an allele: by default MANE Select, then Ensembl canonical, then the
/// longest CDS (the order clinical reports and ClinGen VCEPs use; VEP's `--pick` puts MANE and canonical first too).
///
/// A transcript the allele lies in (exon, intron, UTR, splice site) always beats one it is only upstream or
/// downstream of, whatever the order: otherwise a TP53 intron-1 variant would be reported on WRAP53, whose MANE
/// transcript starts 5 kb away and has the longer CDS. After the configured criteria, ties go to the most severe
/// consequence, then the longest CDS, then the longer cDNA, then the smaller transcript identifier, so the choice
/// never depends on the order of the gene model file.
public struct TranscriptChoice: Sendable, Equatable {
    public enum Criterion: String, Sendable, CaseIterable {
        /// `tag=MANE_Select` (Ensembl/GENCODE), `MANE Select` (RefSeq).
        case mane
        /// `tag=Ensembl_canonical`.
        case canonical
        /// The longest CDS (coding transcripts before non-coding ones), then the longest cDNA.
        case longest
        /// The most severe consequence (VEP's order).
        case severity
    }

    public var order: [Criterion]

    /// MANE Select, canonical, longest CDS.
    public static let standard = TranscriptChoice(order: [.mane, .canonical, .longest])

    public init(order: [Criterion]) { self.order = order }

    /// Parses a comma-separated list such as `mane,canonical,longest`; nil for an unknown or repeated name.
    public init?(option: String) {
        var order: [Criterion] = []
        for part in option.split(separator: ",", omittingEmptySubsequences: false) {
            guard let c = Criterion(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()), !order.contains(c) else { return nil }
            order.append(c)
        }
        guard !order.isEmpty else { return nil }
        self.order = order
    }

    /// The index in `effects` of the report transcript, nil when `effects` is empty (intergenic).
    public func choose(_ effects: [TranscriptEffect], in model: GeneModel) -> Int? {
        guard !effects.isEmpty else { return nil }
        var best = 0
        for i in 1..<effects.count where isBetter(effects[i], than: effects[best], model) { best = i }
        return best
    }

    /// The full ranking: the allele's own transcripts first, then the configured criteria, then the tie-breakers.
    func isBetter(_ a: TranscriptEffect, than b: TranscriptEffect, _ model: GeneModel) -> Bool {
        let ta = model.transcripts[a.transcript], tb = model.transcripts[b.transcript]
        let inA = Self.liesIn(a), inB = Self.liesIn(b)
        if inA != inB { return inA }
        for c in order + [.severity, .longest] {
            switch c {
            case .mane: if ta.isMANESelect != tb.isMANESelect { return ta.isMANESelect }
            case .canonical: if ta.isCanonical != tb.isCanonical { return ta.isCanonical }
            case .longest:
                if ta.cdsLength != tb.cdsLength { return ta.cdsLength > tb.cdsLength }
                if ta.cdnaLength != tb.cdnaLength { return ta.cdnaLength > tb.cdnaLength }
            case .severity:
                let sa = a.terms.mostSevere?.rawValue ?? .max, sb = b.terms.mostSevere?.rawValue ?? .max
                if sa != sb { return sa < sb }
            }
        }
        if ta.id != tb.id { return ta.id < tb.id }
        return a.transcript < b.transcript
    }

    /// True unless the allele is only upstream or downstream of the transcript.
    static func liesIn(_ e: TranscriptEffect) -> Bool {
        var outside = ConsequenceSet()
        outside.insert(.upstreamGene)
        outside.insert(.downstreamGene)
        return e.terms.bits & ~outside.bits != 0
    }
}
