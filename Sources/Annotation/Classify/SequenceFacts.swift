import Classification
import Consequence

/// What the gene table, the knowledge base or a curator knows about a gene and a variant's region that the
/// consequence cannot tell: the inputs of the PVS1 tree and BP3 that are not sequence facts.
public struct SequenceContext: Sendable, Hashable {
    /// Gene table `lof_mechanism`.
    public var lofMechanism: Bool?
    /// Transcripts whose exons count as biologically relevant (e.g. the MANE Select RefSeq and Ensembl ids),
    /// as `transcriptKeys(_:)` makes them, so that `ENST00000261584` matches `ENST00000261584.9`. A transcript
    /// flagged MANE Select in the gene model counts without being listed.
    public var relevantTranscripts: Set<String>
    public var truncatedRegionCritical: Bool?
    public var lofFrequentInExon: Bool?
    public var alternativeStartInOtherTranscript: Bool?
    public var pathogenicUpstreamOfNextStart: Bool?
    public var repeatHasKnownFunction: Bool?
    public var highlyConserved: Bool?
    /// The missense predictor the profile uses.
    public var predictor: MissensePredictor

    public init(lofMechanism: Bool?, relevantTranscripts: Set<String> = [], truncatedRegionCritical: Bool? = nil,
                lofFrequentInExon: Bool? = nil, alternativeStartInOtherTranscript: Bool? = nil,
                pathogenicUpstreamOfNextStart: Bool? = nil, repeatHasKnownFunction: Bool? = nil,
                highlyConserved: Bool? = nil, predictor: MissensePredictor = .revel) {
        self.lofMechanism = lofMechanism
        self.relevantTranscripts = relevantTranscripts
        self.truncatedRegionCritical = truncatedRegionCritical
        self.lofFrequentInExon = lofFrequentInExon
        self.alternativeStartInOtherTranscript = alternativeStartInOtherTranscript
        self.pathogenicUpstreamOfNextStart = pathogenicUpstreamOfNextStart
        self.repeatHasKnownFunction = repeatHasKnownFunction
        self.highlyConserved = highlyConserved
        self.predictor = predictor
    }

    /// The ids with and without their version suffix, for `relevantTranscripts`.
    public static func transcriptKeys(_ ids: some Sequence<String>) -> Set<String> {
        var keys: Set<String> = []
        for id in ids {
            keys.insert(id)
            keys.insert(SequenceFacts.unversioned(id))
        }
        return keys
    }
}

/// Builds the inputs of the sequence criteria (`SequenceInputs`) from one allele's effect on its report
/// transcript, the predictor's sequences and the in-silico scores of the input record.
///
/// Sequence facts computed here: the null-variant type, NMD (`TranscriptEffect.triggersNMD`, the 50-nt rule),
/// protein length and residues removed, the exon-skipping product of a canonical ±1/2 splice variant (frame
/// and NMD of the transcript without that exon), the closest downstream in-frame Met of a start-loss, in-frame
/// indel size, tandem-repeat context from the reference, and the intronic offset for BP7.
public struct SequenceFacts: Sendable {
    public var inputs: SequenceInputs

    /// `effect` must come from `predictor` (its transcript index refers to `predictor.model`).
    public init(effect: TranscriptEffect, allele: VariantAllele, predictor: ConsequencePredictor,
                context: SequenceContext, scores: InSilicoScores) {
        let t = predictor.model.transcripts[effect.transcript]
        let terms = effect.terms
        let protein = predictor.referenceProtein(effect.transcript)
        let star = UInt8(ascii: "*")
        let proteinLength = protein.map { $0.last == star ? $0.count - 1 : $0.count }
        let relevant: Bool? = t.isMANESelect || context.relevantTranscripts.contains(t.id)
            || context.relevantTranscripts.contains(Self.unversioned(t.id)) ? true : nil
        let exonText = effect.exonFirst > 0 ? " exon \(effect.exonFirst)/\(t.exons.count)"
            : effect.intronFirst > 0 ? " intron \(effect.intronFirst)/\(t.exons.count - 1)" : ""

        var pvs1 = PVS1Input(variantType: .notNull(terms.mostSevere?.name ?? "no consequence"),
                             lofMechanism: context.lofMechanism, gene: t.symbol, location: t.id + exonText,
                             exonInRelevantTranscripts: relevant,
                             truncatedRegionCritical: context.truncatedRegionCritical,
                             lofFrequentInExon: context.lofFrequentInExon, proteinLength: proteinLength,
                             alternativeStartInOtherTranscript: context.alternativeStartInOtherTranscript,
                             pathogenicUpstreamOfNextStart: context.pathogenicUpstreamOfNextStart)
        let splice = terms.contains(.spliceDonor) || terms.contains(.spliceAcceptor)

        if terms.contains(.startLost) {
            pvs1.variantType = .initiationCodon
            if let protein, let next = protein.dropFirst().firstIndex(of: UInt8(ascii: "M")) {
                pvs1.nextInFrameStart = next + 1
            }
        } else if terms.contains(.frameshift) || terms.contains(.stopGained) {
            pvs1.variantType = terms.contains(.frameshift) ? .frameshift : .nonsense
            pvs1.predictedNMD = effect.triggersNMD
            if let length = proteinLength, let first = Self.firstLostResidue(effect) {
                pvs1.residuesRemoved = max(0, length - first + 1)
            }
        } else if splice, t.isCoding {
            pvs1.variantType = .canonicalSplice
            let skipped = Self.exonSkipping(effect: effect, donor: terms.contains(.spliceDonor), transcript: t,
                                            index: effect.transcript, predictor: predictor, proteinLength: proteinLength)
            switch skipped {
            case .nonCoding: pvs1.variantType = .notNull("splice site of an exon outside the coding sequence")
            case .unknown: break
            case .product(let preserved, let nmd, let removed):
                pvs1.readingFramePreserved = preserved
                pvs1.predictedNMD = nmd
                pvs1.residuesRemoved = removed
            }
        } else if terms.contains(.transcriptAblation) {
            pvs1.variantType = .fullGeneDeletion
        }

        // PM4 / BP3.
        var change = ProteinLengthInput.Change.other
        if terms.contains(.stopLost) && !terms.contains(.frameshift) {
            change = .stopLoss
        } else if (terms.contains(.inframeDeletion) || terms.contains(.inframeInsertion))
                    && !terms.contains(.frameshift) && !terms.contains(.stopGained) {
            change = .inFrameIndel(residues: abs(allele.alt.count - allele.refLength) / 3)
        }
        var repeatInfo: (Bool, String)?
        if case .inFrameIndel = change {
            repeatInfo = Self.tandemRepeat(allele: allele, contig: t.contig, predictor: predictor)
        }
        let length = ProteinLengthInput(change: change, inRepeatRegion: repeatInfo?.0,
                                        repeatHasKnownFunction: context.repeatHasKnownFunction,
                                        repeatNote: repeatInfo?.1)

        // PP3/BP4.
        let inSilicoClass: InSilicoInput.VariantClass = splice ? .canonicalSplice
            : terms.contains(.missense) ? .missense : .other
        let inSilico = InSilicoInput(variantClass: inSilicoClass, predictor: context.predictor,
                                     missenseScore: scores.missense(context.predictor),
                                     spliceAIMaxDelta: scores.spliceAIMaxDelta)

        // BP7.
        var location = SilentVariantInput.Location.other
        if terms.contains(.synonymous) && !splice {
            location = .synonymous
        } else if terms.contains(.intron) && effect.exonFirst == 0 && t.isCoding,
                  case .intron(_, _, let offset, _, _) = t.locate(allele.start) {
            location = .intronic(offset: offset)
        }
        let silent = SilentVariantInput(location: location, spliceAIMaxDelta: scores.spliceAIMaxDelta,
                                        highlyConserved: context.highlyConserved)

        inputs = SequenceInputs(pvs1: pvs1, proteinLength: length, inSilico: inSilico, silent: silent)
    }

    /// The results of PVS1, PM4, PP3, BP3, BP4 and BP7.
    public var results: [CriterionResult] { SequenceCriteria.evaluate(inputs) }

    static func unversioned(_ id: String) -> String {
        guard let dot = id.lastIndex(of: ".") else { return id }
        return String(id[..<dot])
    }

    /// The first residue lost or altered: the new stop of a nonsense change, the first changed residue of a
    /// frameshift.
    static func firstLostResidue(_ e: TranscriptEffect) -> Int? {
        if e.terms.contains(.frameshift) {
            if e.firstChangedResidue > 0 { return e.firstChangedResidue }
            return e.proteinStart > 0 ? e.proteinStart : nil
        }
        guard e.proteinStart > 0 else { return nil }
        if let i = e.altPeptide.firstIndex(of: UInt8(ascii: "*")) { return e.proteinStart + i }
        return e.proteinStart
    }

    enum SkippingProduct: Equatable {
        /// The skipped exon has no coding base.
        case nonCoding
        /// The skipped exon holds the start or the stop codon, or the sequence is missing: no prediction.
        case unknown
        case product(framePreserved: Bool, nmd: Bool?, residuesRemoved: Int?)
    }

    /// The product of skipping the exon whose donor (the exon before the intron) or acceptor (the exon after it)
    /// the variant hits — the outcome the tree asks about, predicted here as whole-exon skipping; a cryptic
    /// site would need a splicing predictor's positions.
    static func exonSkipping(effect: TranscriptEffect, donor: Bool, transcript t: Transcript, index: Int,
                             predictor: ConsequencePredictor, proteinLength: Int?) -> SkippingProduct {
        let intron = effect.intronFirst  // 1-based: between exon `intron` and `intron + 1`
        guard intron > 0 else { return .unknown }
        let k = donor ? intron - 1 : intron  // 0-based exon index
        guard k >= 0, k < t.exons.count else { return .unknown }
        let exonStart = t.exonCDNAStart[k]
        let exonEnd = exonStart + t.exons[k].length - 1
        let cS = t.cdsStartCDNA, cE = t.cdsEndCDNA
        if exonEnd < cS || exonStart > cE { return .nonCoding }
        // The start codon or the stop codon in the skipped exon: the product is not a simple deletion.
        if exonStart <= cS || exonEnd >= cE - 2 || k == 0 || k == t.exons.count - 1 { return .unknown }
        let coding = exonEnd - exonStart + 1
        let firstResidue = (exonStart - cS + t.cdsPad) / 3 + 1
        if coding % 3 == 0 {
            return .product(framePreserved: true, nmd: nil, residuesRemoved: coding / 3)
        }
        let removed = proteinLength.map { max(0, $0 - firstResidue + 1) }
        guard let cdna = predictor.sequences.cdna(index), exonEnd <= cdna.count else {
            return .product(framePreserved: false, nmd: nil, residuesRemoved: removed)
        }
        // Translate the skipped transcript from the CDS start to its first stop.
        var skipped = Array(cdna[0..<(exonStart - 1)])
        skipped.append(contentsOf: cdna[exonEnd...])
        let table = CodonTable.forContig(t.contig)
        var i = cS - 1 + (t.cdsPad == 0 ? 0 : 3 - t.cdsPad)
        var stopEnd: Int?
        while i + 3 <= skipped.count {
            if table.translate(skipped[i], skipped[i + 1], skipped[i + 2]) == UInt8(ascii: "*") {
                stopEnd = i + 3  // 1-based cDNA position of the stop's last base
                break
            }
            i += 3
        }
        guard let stop = stopEnd, let lastExonStart = t.exonCDNAStart.last else {
            return .product(framePreserved: false, nmd: nil, residuesRemoved: removed)
        }
        // The 50-nt rule on the skipped transcript (one exon fewer; the last junction moves up by the exon's length).
        let lastJunction = lastExonStart - coding - 1
        let nmd = t.exons.count - 1 > 1 && lastJunction - stop > 50
        return .product(framePreserved: false, nmd: nmd, residuesRemoved: removed)
    }

    /// Whether an in-frame indel lies in a tandem repeat of its own unit in the reference: the shortest period
    /// of the inserted or deleted bases, repeated over at least 9 bases and 3 copies around the site (our reading
    /// of "repetitive region"; a repeat track would be better) **[verify]**.
    static func tandemRepeat(allele: VariantAllele, contig: String, predictor: ConsequencePredictor) -> (Bool, String)? {
        let span = 120
        let lo = max(1, allele.start - span)
        let hi = allele.end + span
        guard let window = predictor.sequences.genomic(contig: contig, start: lo, end: hi) else { return nil }
        let offset = allele.start - lo  // index of the first changed base (or of the base after an insertion)
        let unit: [UInt8]
        if allele.isInsertion {
            unit = allele.alt
        } else {
            guard offset + allele.refLength <= window.count else { return nil }
            unit = Array(window[offset..<(offset + allele.refLength)])
        }
        let run = repeatRun(unit: unit, in: window, at: offset)
        let isRepeat = run.length >= 9 && run.copies >= 3
        let text = String(decoding: run.period, as: UTF8.self)
        return (isRepeat, "\(run.copies) tandem cop\(run.copies == 1 ? "y" : "ies") of \(text) in the reference")
    }

    /// The reference run of the unit's shortest period around `at`: the copies of the period left and right.
    static func repeatRun(unit: [UInt8], in window: [UInt8], at position: Int) -> (period: [UInt8], copies: Int, length: Int) {
        guard !unit.isEmpty else { return ([], 0, 0) }
        var p = unit.count
        for d in 1...unit.count where unit.count % d == 0 {
            if (0..<unit.count).allSatisfy({ unit[$0] == unit[$0 % d] }) { p = d; break }
        }
        let period = Array(unit[0..<p])
        @inline(__always) func same(_ a: UInt8, _ b: UInt8) -> Bool { (a | 0x20) == (b | 0x20) }
        // Bases matching the periodic sequence to the right (phase anchored at `position`) and to the left.
        var right = 0
        while position + right < window.count && same(window[position + right], period[right % p]) { right += 1 }
        var left = 0
        while position - left - 1 >= 0 && same(window[position - left - 1], period[(p - 1 - left % p) % p]) { left += 1 }
        let length = left + right
        return (period, length / p, length)
    }
}
