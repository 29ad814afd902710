extension ConsequencePredictor {
    /// A variant wholly inside one exon of a coding transcript: UTR, or the codon-level effect.
    func exonic(_ eff: inout TranscriptEffect, _ t: Transcript, _ v: VariantAllele) {
        guard let (a, b) = setCDNA(&eff, t, v) else { return }
        let cS = t.cdsStartCDNA, cE = t.cdsEndCDNA
        if v.isInsertion {
            if b <= cS { eff.terms.insert(.fivePrimeUTR); return }
            if a >= cE { eff.terms.insert(.threePrimeUTR); return }
        } else {
            if b < cS { eff.terms.insert(.fivePrimeUTR); return }
            if a > cE { eff.terms.insert(.threePrimeUTR); return }
            if a < cS || b > cE {
                partialCoding(&eff, t, v, a, b)
                return
            }
        }
        guard let cdna = sequences.cdna(eff.transcript) else {
            eff.terms.insert(.codingSequence)
            return
        }
        let phase = t.cdsPad
        let aOff = (v.isInsertion ? b : a) - cS + phase
        let bOff = v.isInsertion ? aOff : b - cS + 1 + phase
        let alt = t.strand == .plus ? v.alt : TranscriptSequences.reverseComplement(v.alt)
        codingChange(&eff, t, alt: alt, cdna: cdna, aOff: aOff, bOff: bOff)
    }

    /// A deletion/substitution spanning the CDS edge and the UTR within one exon.
    func partialCoding(_ eff: inout TranscriptEffect, _ t: Transcript, _ v: VariantAllele, _ a: Int, _ b: Int) {
        let cS = t.cdsStartCDNA, cE = t.cdsEndCDNA
        if a < cS { eff.terms.insert(.fivePrimeUTR) }
        if b > cE { eff.terms.insert(.threePrimeUTR) }
        eff.terms.insert(.codingSequence)
        if a < cS && t.cdsPad == 0 { eff.terms.insert(.startLost) }
        if b > cE, let p = referenceProtein(eff.transcript), p.last == UInt8(ascii: "*") { eff.terms.insert(.stopLost) }
        let codingPart = min(b, cE) - max(a, cS) + 1
        let net = v.alt.count - v.refLength
        if net < 0 && codingPart > 0 {
            eff.terms.insert(codingPart % 3 == 0 ? .inframeDeletion : .frameshift)
        }
        eff.cdsStart = max(a, cS) - cS + 1
        eff.cdsEnd = min(b, cE) - cS + 1
        eff.proteinStart = (eff.cdsStart + t.cdsPad - 1) / 3 + 1
        eff.proteinEnd = (eff.cdsEnd + t.cdsPad - 1) / 3 + 1
    }

    /// The codon-level effect of replacing padded-CDS bases `[aOff, bOff)` by `alt` (transcript orientation);
    /// `aOff == bOff` is an insertion before `aOff`. One allele, or a haplotype's combined change.
    func codingChange(_ eff: inout TranscriptEffect, _ t: Transcript, alt: [UInt8], cdna: [UInt8], aOff: Int, bOff: Int) {
        let phase = t.cdsPad
        let cS = t.cdsStartCDNA
        let table = CodonTable.forContig(t.contig)
        let avail = phase + cdna.count - (cS - 1)
        let cdsEndOff = phase + t.cdsLength
        let N = UInt8(ascii: "N")
        @inline(__always) func base(_ i: Int) -> UInt8 { i < phase ? N : (i < avail ? cdna[cS - 1 + i - phase] : N) }
        let refLen = bOff - aOff
        let isInsertion = refLen == 0
        let codonStart = aOff - aOff % 3
        var refEnd = (bOff == aOff && aOff % 3 == 0) ? aOff : ((bOff + 2) / 3) * 3
        if refEnd > avail { refEnd = avail }

        eff.cdsStart = isInsertion ? aOff - phase : aOff - phase + 1
        eff.cdsEnd = isInsertion ? aOff - phase + 1 : bOff - phase
        eff.proteinStart = codonStart / 3 + 1
        eff.proteinEnd = max(eff.proteinStart, (max(refEnd, bOff) + 2) / 3)

        var refCodons: [UInt8] = [], altCodons: [UInt8] = []
        refCodons.reserveCapacity(refEnd - codonStart)
        for i in codonStart..<max(codonStart, refEnd) {
            let c = base(i)
            refCodons.append(i >= aOff && i < bOff ? c : c | 0x20)
        }
        for i in codonStart..<aOff { altCodons.append(base(i) | 0x20) }
        altCodons.append(contentsOf: alt)
        if bOff < refEnd { for i in bOff..<refEnd { altCodons.append(base(i) | 0x20) } }
        eff.refCodons = refCodons
        eff.altCodons = altCodons
        // The codon table reads either case, so the marked codons translate as they are.
        eff.refPeptide = table.translate(refCodons)
        eff.altPeptide = table.translate(altCodons)

        let partial = cdsEndOff % 3
        if partial != 0 && bOff > cdsEndOff - partial { eff.terms.insert(.incompleteTerminalCodon) }
        let startTouched = codonStart == 0 && phase == 0 && eff.refPeptide.first == UInt8(ascii: "M")
        let star = UInt8(ascii: "*")
        let refStop = eff.refPeptide.contains(star)

        if (alt.count - refLen) % 3 != 0 {
            eff.terms.insert(.frameshift)
            // Walk the new frame from the first affected codon to its first stop.
            @inline(__always) func mutated(_ i: Int) -> UInt8 {
                i < aOff ? base(i) : (i < aOff + alt.count ? alt[i - aOff] : base(i - alt.count + refLen))
            }
            let mutatedAvail = avail + alt.count - refLen
            var k = codonStart
            var first = -1
            while k + 3 <= mutatedAvail {
                let aa = table.translate(mutated(k), mutated(k + 1), mutated(k + 2))
                let ra = k + 3 <= avail ? table.translate(base(k), base(k + 1), base(k + 2)) : UInt8(ascii: "X")
                if first < 0 && aa != ra {
                    first = k / 3
                    eff.firstChangedResidue = first + 1
                    eff.firstChangedRef = ra
                    eff.firstChangedAlt = aa
                    if ra == star { eff.terms.insert(.stopLost) }
                }
                if aa == star {
                    if first < 0 {
                        // The stop comes back at the same place: the frame change is confined to the codons before it.
                        break
                    }
                    eff.newStopDistance = k / 3 - first + 1
                    let refOff = k + 2 >= aOff + alt.count ? k + 2 - alt.count + refLen : k + 2
                    eff.triggersNMD = Self.triggersNMD(t, stopCDNA: refOff - phase + cS)
                    break
                }
                k += 3
            }
            if refStop && first < 0 { eff.terms.insert(.stopRetained) }
            // VEP's stop_gained for a frameshift: a stop in the variant's own altered codons (the Amino_acids
            // column, e.g. K/N*), not a stop further along the new frame.
            if !refStop && eff.altPeptide.contains(star) { eff.terms.insert(.stopGained) }
            if startTouched {
                let newFirst = table.translate(mutated(0), mutated(1), mutated(2))
                eff.terms.insert(newFirst == UInt8(ascii: "M") ? .startRetained : .startLost)
            }
            return
        }

        let altStop = eff.altPeptide.firstIndex(of: star)
        if startTouched && eff.altPeptide.first != UInt8(ascii: "M") { eff.terms.insert(.startLost) }
        if refStop && altStop == nil {
            eff.terms.insert(.stopLost)
            // The extension: read on from the end of the changed codons to the next stop.
            var k = refEnd
            var extra = eff.altPeptide.count
            while k + 3 <= avail {
                extra += 1
                if table.translate(base(k), base(k + 1), base(k + 2)) == star {
                    eff.newStopDistance = extra - eff.refPeptide.count + 1
                    break
                }
                k += 3
            }
            eff.firstChangedResidue = eff.proteinStart + (eff.refPeptide.firstIndex(of: star) ?? 0)
        }
        if !refStop, let i = altStop {
            eff.terms.insert(.stopGained)
            eff.triggersNMD = Self.triggersNMD(t, stopCDNA: codonStart + 3 * i + 2 - phase + cS)
        }
        if refStop && altStop != nil {
            eff.terms.insert(.stopRetained)
        }
        if eff.refPeptide.count == eff.altPeptide.count {
            if eff.refPeptide == eff.altPeptide {
                if !refStop {
                    eff.terms.insert(startTouched ? .startRetained : .synonymous)
                }
            } else if !eff.terms.contains(.stopGained) && !eff.terms.contains(.stopLost) && !eff.terms.contains(.startLost)
                        && !(refStop && altStop != nil) {
                eff.terms.insert(.missense)
            }
        } else if eff.altPeptide.count > eff.refPeptide.count {
            if !eff.terms.contains(.stopGained) { eff.terms.insert(.inframeInsertion) }
        } else {
            eff.terms.insert(.inframeDeletion)
        }
    }

    /// The 50-nt rule: a stop more than 50 nt upstream of the last exon-exon junction triggers NMD.
    static func triggersNMD(_ t: Transcript, stopCDNA: Int) -> Bool {
        guard t.exons.count > 1, let last = t.exonCDNAStart.last else { return false }
        return (last - 1) - stopCDNA > 50
    }
}
