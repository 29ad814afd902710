/// Computes VEP-style consequences of variant alleles on the transcripts of a gene model.
///
/// Rules follow Ensembl VEP's definitions (VariationEffect.pm): splice donor/acceptor = the first/last two intron
/// bases; splice region = intron bases 3–8 and the 3 exon bases next to an internal exon edge; intron_variant
/// excludes the two splice-site bases at each end; upstream/downstream within `flank` bases (5 kb).
/// Not thread-safe: one predictor per thread (it caches spliced sequences).
public final class ConsequencePredictor {
    public let model: GeneModel
    public let sequences: TranscriptSequences
    /// Upstream/downstream reach (VEP's default 5,000).
    public var flank = 5000
    private var scratch: [Int] = []
    private var proteins: [Int: [UInt8]] = [:]

    public init(model: GeneModel, sequences: TranscriptSequences) {
        self.model = model
        self.sequences = sequences
    }

    /// Effects of `allele` on every transcript within `flank` of it; empty means intergenic.
    public func effects(contig handle: Int, allele: VariantAllele) -> [TranscriptEffect] {
        scratch.removeAll(keepingCapacity: true)
        model.overlapping(contig: handle, start: allele.isInsertion ? allele.start - 1 : allele.start,
                          end: allele.isInsertion ? allele.start : allele.end, flank: flank, into: &scratch)
        var out: [TranscriptEffect] = []
        out.reserveCapacity(scratch.count)
        for t in scratch {
            let e = effect(of: allele, on: t)
            if !e.terms.isEmpty { out.append(e) }
        }
        return out
    }

    /// The reference protein of transcript `index` (one-letter, through the first stop or the end of the
    /// transcript), nil when non-coding or without reference sequence.
    public func referenceProtein(_ index: Int) -> [UInt8]? {
        if let p = proteins[index] { return p }
        let t = model.transcripts[index]
        guard t.isCoding, let cdna = sequences.cdna(index) else { return nil }
        let table = CodonTable.forContig(t.contig)
        var p: [UInt8] = []
        var i = -t.cdsPad
        let from = t.cdsStartCDNA - 1
        while from + i + 3 <= cdna.count {
            let aa = i < 0 ? UInt8(ascii: "X") : table.translate(cdna[from + i], cdna[from + i + 1], cdna[from + i + 2])
            p.append(aa)
            i += 3
            if aa == UInt8(ascii: "*") { break }
        }
        if proteins.count > 4096 { proteins.removeAll(keepingCapacity: true) }
        proteins[index] = p
        return p
    }

    /// The effect of `v` on transcript `ti`; `terms` is empty when the variant is farther than `flank`.
    public func effect(of v: VariantAllele, on ti: Int) -> TranscriptEffect {
        var eff = TranscriptEffect(transcript: ti)
        let ins = v.isInsertion
        let s = v.start, e = v.end
        // Flanking bases of an insertion; the span itself otherwise.
        let lo = ins ? s - 1 : s, hi = ins ? s : e
        // Upstream/downstream (most pairs within the flank) need three fields: read them without copying the
        // transcript (its strings and arrays would each be retained and released).
        let tStart = model.transcripts[ti].start, tEnd = model.transcripts[ti].end
        let plus = model.transcripts[ti].strand == .plus

        if ins ? hi <= tStart : e < tStart {
            let d = tStart - (ins ? lo : e)
            if d <= flank { eff.terms.insert(plus ? .upstreamGene : .downstreamGene); eff.distance = d }
            return eff
        }
        if ins ? lo >= tEnd : s > tEnd {
            let d = (ins ? hi : s) - tEnd
            if d <= flank { eff.terms.insert(plus ? .downstreamGene : .upstreamGene); eff.distance = d }
            return eff
        }
        let t = model.transcripts[ti]
        if !ins && s <= t.start && e >= t.end {
            eff.terms.insert(.transcriptAblation)
            eff.exonFirst = 1; eff.exonLast = t.exons.count
            return eff
        }

        /// Insertions must lie inside an interval to hit it; other variants need only overlap it.
        @inline(__always) func hits(_ a: Int, _ b: Int) -> Bool { ins ? (lo >= a && hi <= b) : (s <= b && e >= a) }
        @inline(__always) func touches(_ a: Int, _ b: Int) -> Bool { ins ? ((lo >= a && lo <= b) || (hi >= a && hi <= b)) : (s <= b && e >= a) }

        var exonHit = false, spliceRegion = false, donor = false, acceptor = false, intronic = false
        var wholeExon = -1
        let n = t.exons.count
        for i in 0..<n {
            let ex = t.exons[i]
            if hits(ex.start, ex.end) {
                exonHit = true
                if eff.exonFirst == 0 { eff.exonFirst = i + 1 }
                eff.exonLast = i + 1
                if ins || (s >= ex.start && e <= ex.end) { wholeExon = i }
            }
            if i > 0 {  // 5' edge borders an intron
                let r = plus ? (ex.start, ex.start + 2) : (ex.end - 2, ex.end)
                if touches(r.0, r.1) { spliceRegion = true }
            }
            guard i + 1 < n else { continue }
            let next = t.exons[i + 1]
            let iStart = plus ? ex.end + 1 : next.end + 1
            let iEnd = plus ? next.start - 1 : ex.start - 1
            let r3 = plus ? (ex.end - 2, ex.end) : (ex.start, ex.start + 2)
            if touches(r3.0, r3.1) { spliceRegion = true }
            guard iEnd >= iStart else { continue }
            let don = plus ? (iStart, iStart + 1) : (iEnd - 1, iEnd)
            let acc = plus ? (iEnd - 1, iEnd) : (iStart, iStart + 1)
            if hits(don.0, don.1) { donor = true } else if ins && touches(don.0, don.1) { spliceRegion = true }
            if hits(acc.0, acc.1) { acceptor = true } else if ins && touches(acc.0, acc.1) { spliceRegion = true }
            if touches(iStart + 2, iStart + 7) || touches(iEnd - 7, iEnd - 2) { spliceRegion = true }
            if ins ? (hi >= iStart && lo <= iEnd) : (s <= iEnd && e >= iStart) {
                if eff.intronFirst == 0 { eff.intronFirst = i + 1 }
                eff.intronLast = i + 1
            }
            if ins ? (lo >= iStart + 1 && hi <= iEnd - 1) : (s <= iEnd - 2 && e >= iStart + 2) { intronic = true }
        }
        if donor { eff.terms.insert(.spliceDonor) }
        if acceptor { eff.terms.insert(.spliceAcceptor) }
        // VEP does not add splice_region to a single-base change already at a splice site.
        if spliceRegion && !((donor || acceptor) && !ins && v.refLength == 1 && v.alt.count == 1) {
            eff.terms.insert(.spliceRegion)
        }
        if intronic { eff.terms.insert(.intron) }

        if exonHit {
            if !t.isCoding {
                eff.terms.insert(.nonCodingTranscriptExon)
                if wholeExon >= 0 { setCDNA(&eff, t, v) }
            } else if wholeExon >= 0 {
                exonic(&eff, t, v)
            } else {
                // Spans an exon edge: the protein cannot be predicted from a spliced sequence.
                spanningCodingEffects(&eff, t, v)
            }
        }
        if !t.isCoding && !exonHit { eff.terms.insert(.nonCodingTranscript) }
        if t.biotype == "nonsense_mediated_decay" || t.biotype == "NMD" { eff.terms.insert(.nmdTranscript) }
        return eff
    }

    /// cDNA positions of a wholly exonic variant (insertions: the two flanking positions).
    @discardableResult
    func setCDNA(_ eff: inout TranscriptEffect, _ t: Transcript, _ v: VariantAllele) -> (Int, Int)? {
        let a: Int, b: Int
        if v.isInsertion {
            guard case .exon(_, let x) = t.locate(v.start - 1), case .exon(_, let y) = t.locate(v.start) else { return nil }
            a = min(x, y); b = max(x, y)
        } else {
            guard case .exon(_, let x) = t.locate(v.start), case .exon(_, let y) = t.locate(v.end) else { return nil }
            a = min(x, y); b = max(x, y)
        }
        eff.cdnaStart = a
        eff.cdnaEnd = b
        return (a, b)
    }

    func spanningCodingEffects(_ eff: inout TranscriptEffect, _ t: Transcript, _ v: VariantAllele) {
        guard let cs = t.codingStart, let ce = t.codingEnd else { return }
        let s = v.start, e = v.end
        let plus = t.strand == .plus
        var codingBases = 0, utrBelow = false, utrAbove = false
        for ex in t.exons where ex.overlaps(s, e) {
            let from = max(s, ex.start), to = min(e, ex.end)
            if to >= cs && from <= ce { codingBases += min(to, ce) - max(from, cs) + 1 }
            if from < cs { utrBelow = true }
            if to > ce { utrAbove = true }
        }
        if codingBases > 0 {
            eff.terms.insert(.codingSequence)
            let startCodon = plus ? (cs, cs + 2) : (ce - 2, ce)
            let stopCodon = plus ? (ce - 2, ce) : (cs, cs + 2)
            if t.cdsPad == 0 && s <= startCodon.1 && e >= startCodon.0 { eff.terms.insert(.startLost) }
            if s <= stopCodon.1 && e >= stopCodon.0, let p = referenceProtein(eff.transcript), p.last == UInt8(ascii: "*") {
                eff.terms.insert(.stopLost)
            }
            // Running off the transcript end (no intron involved): the coding part is simply deleted.
            if eff.intronFirst == 0 && v.alt.count < v.refLength {
                eff.terms.insert(codingBases % 3 == 0 ? .inframeDeletion : .frameshift)
            }
        }
        addUTR(&eff, t, below: utrBelow, above: utrAbove)
    }

    func addUTR(_ eff: inout TranscriptEffect, _ t: Transcript, below: Bool, above: Bool) {
        let plus = t.strand == .plus
        if below { eff.terms.insert(plus ? .fivePrimeUTR : .threePrimeUTR) }
        if above { eff.terms.insert(plus ? .threePrimeUTR : .fivePrimeUTR) }
    }
}
