/// Haplotype-aware consequences, as bcftools csq computes them: on each haplotype, alleles that change the same
/// codon, or that follow a frameshift before the frame is restored, are applied together to the coding
/// sequence and translated once.
///
/// Rule (bcftools csq `hap_add_csq`): walk one haplotype's coding changes on a transcript in transcript order; a
/// change joins the current group when the group's net length change is not a multiple of 3 (frame not
/// restored) or when it starts inside a codon the group already touched. Overlapping changes cannot share a
/// haplotype and are left apart. A change that loses the start codon stands alone and ends the group: no protein
/// is read from that start, so the changes after it are predicted alone (bcftools' `compound-lost` case). Only changes wholly inside the CDS (the ones with codons) take part; splice,
/// UTR and intron effects stay per allele.
///
/// Reporting (`CompoundLink`): the combined change replaces the lead allele's entry on that transcript (lead =
/// the first member in transcript order, as bcftools reports it); every other member keeps its own consequence with a back-reference `@POS`. When an allele is
/// alone on some haplotype and combined on another, it gets both entries.
public struct HaplotypeCombiner {
    public let predictor: ConsequencePredictor

    public init(predictor: ConsequencePredictor) { self.predictor = predictor }

    struct Edit {
        var item: Int
        var effect: Int
        /// Padded-CDS offsets `[a, b)` replaced by the allele (`a == b`: insertion before `a`).
        var a: Int
        var b: Int
        var net: Int
        /// The allele loses the start codon: no protein is read from it, so it combines with nothing after it.
        var startLost: Bool
    }

    /// Rewrites `effects` (one list per variant, from `ConsequencePredictor.effects`) with the combined changes.
    /// Cost is nil unless two alleles of one batch change the CDS of the same transcript.
    public func combine(_ variants: [HaplotypeVariant], effects: inout [[TranscriptEffect]]) {
        var byTranscript: [Int: [Edit]] = [:]
        for (i, v) in variants.enumerated() where !v.haplotypes.isEmpty && i < effects.count {
            for (k, e) in effects[i].enumerated() where e.compound == nil && Self.isCodonLevel(e) {
                let pad = predictor.model.transcripts[e.transcript].cdsPad
                let a = v.allele.isInsertion ? e.cdsStart + pad : e.cdsStart - 1 + pad
                let b = v.allele.isInsertion ? a : e.cdsEnd + pad
                byTranscript[e.transcript, default: []].append(
                    Edit(item: i, effect: k, a: a, b: b, net: v.allele.alt.count - v.allele.refLength,
                         startLost: e.terms.contains(.startLost)))
            }
        }
        // Per (variant, effect index): the replacement entries, when the effect took part in a combination.
        var replacements: [Int: [Int: [TranscriptEffect]]] = [:]
        for (ti, edits) in byTranscript where edits.count > 1 {
            let groups = self.groups(edits, variants)
            guard !groups.combined.isEmpty else { continue }
            for (j, ed) in edits.enumerated() {
                let own = effects[ed.item][ed.effect]
                var entries: [TranscriptEffect] = []
                var leadsSeen: [Int] = []
                for g in groups.combined where g.contains(j) {
                    let members = g.map { variants[edits[$0].item].recordPosition }.sorted()
                    // The lead is the first member in transcript order (bcftools' choice: on the − strand the
                    // highest POS).
                    let leadIndex = g.min { lhs, rhs in
                        edits[lhs].a != edits[rhs].a ? edits[lhs].a < edits[rhs].a : edits[lhs].item < edits[rhs].item
                    } ?? j
                    let leadPos = variants[edits[leadIndex].item].recordPosition
                    if leadIndex == j {
                        var c = combinedEffect(ti, g.map { edits[$0] }, variants, effects)
                        c.compound = CompoundLink(lead: leadPos, members: members)
                        entries.append(c)
                    } else if !leadsSeen.contains(leadPos) {
                        leadsSeen.append(leadPos)
                        var e = own
                        e.compound = CompoundLink(lead: leadPos, members: [])
                        entries.append(e)
                    }
                }
                if groups.standalone[j] || entries.isEmpty { entries.insert(own, at: 0) }
                replacements[ed.item, default: [:]][ed.effect] = entries
            }
        }
        for (item, byEffect) in replacements {
            var out: [TranscriptEffect] = []
            out.reserveCapacity(effects[item].count + byEffect.count)
            for (k, e) in effects[item].enumerated() {
                if let r = byEffect[k] { out.append(contentsOf: r) } else { out.append(e) }
            }
            effects[item] = out
        }
    }

    /// An effect computed from codons (wholly inside the CDS of one exon).
    @inline(__always) static func isCodonLevel(_ e: TranscriptEffect) -> Bool {
        !(e.refCodons.isEmpty && e.altCodons.isEmpty)
    }

    /// Groups of edit indices (two or more, ascending) combined on some haplotype, and which edits are also
    /// alone on some haplotype (or carried unphased).
    func groups(_ edits: [Edit], _ variants: [HaplotypeVariant]) -> (combined: [[Int]], standalone: [Bool]) {
        var standalone = edits.map { variants[$0.item].unplaced }
        var perHaplotype: [Int32: [Int]] = [:]
        for (j, ed) in edits.enumerated() {
            for h in variants[ed.item].haplotypes { perHaplotype[h, default: []].append(j) }
        }
        var combined: [[Int]] = []
        for (_, list) in perHaplotype.sorted(by: { $0.key < $1.key }) {
            let ordered = list.sorted { edits[$0].a != edits[$1].a ? edits[$0].a < edits[$1].a : $0 < $1 }
            var current: [Int] = []
            var shift = 0
            var codonEnd = 0
            func close() {
                if current.count > 1 {
                    let g = current.sorted()
                    if !combined.contains(g) { combined.append(g) }
                } else {
                    for j in current { standalone[j] = true }
                }
                current.removeAll()
                shift = 0
                codonEnd = 0
            }
            for j in ordered {
                let ed = edits[j]
                if let last = current.last {
                    if ed.a < edits[last].b || (ed.a == edits[last].a && ed.a == ed.b) {
                        // Overlaps the previous change: not on one haplotype with it; reported alone.
                        standalone[j] = true
                        continue
                    }
                    if !(shift % 3 != 0 || ed.a < codonEnd) { close() }
                }
                if ed.startLost {
                    close()
                    standalone[j] = true
                    continue
                }
                current.append(j)
                shift += ed.net
                codonEnd = max(codonEnd, ((max(ed.b, ed.a + 1) + 2) / 3) * 3)
                if ed.a == ed.b && ed.a % 3 == 0 { codonEnd = max(codonEnd, ed.a) }
            }
            close()
        }
        return (combined, standalone)
    }

    /// The effect of a group's edits applied together (transcript order) on transcript `ti`.
    func combinedEffect(_ ti: Int, _ group: [Edit], _ variants: [HaplotypeVariant],
                        _ effects: [[TranscriptEffect]]) -> TranscriptEffect {
        let t = predictor.model.transcripts[ti]
        let ordered = group.sorted { $0.a < $1.a }
        var eff = TranscriptEffect(transcript: ti)
        guard let cdna = predictor.sequences.cdna(ti), let first = ordered.first, let last = ordered.last else {
            return effects[group[0].item][group[0].effect]
        }
        let pad = t.cdsPad, cS = t.cdsStartCDNA
        var alt: [UInt8] = []
        var previousEnd = first.a
        for ed in ordered {
            for i in previousEnd..<max(previousEnd, ed.a) {
                let c = i - pad + cS - 1
                alt.append(i < pad || c >= cdna.count ? UInt8(ascii: "N") : cdna[c])
            }
            let a = variants[ed.item].allele.alt
            alt.append(contentsOf: t.strand == .plus ? a : TranscriptSequences.reverseComplement(a))
            previousEnd = ed.b
        }
        eff.exonFirst = Int.max
        for ed in group {
            let e = effects[ed.item][ed.effect]
            eff.exonFirst = min(eff.exonFirst, e.exonFirst)
            eff.exonLast = max(eff.exonLast, e.exonLast)
            if e.terms.contains(.spliceRegion) { eff.terms.insert(.spliceRegion) }
        }
        eff.cdnaStart = first.a - pad + cS
        eff.cdnaEnd = max(eff.cdnaStart, last.b - pad + cS - 1)
        predictor.codingChange(&eff, t, alt: alt, cdna: cdna, aOff: first.a, bOff: last.b)
        return eff
    }
}

extension HaplotypeCombiner {
    /// The last genomic position at which a later record could still join a combination with a record whose
    /// effects are `effects` (per ALT); 0 when none of them is a codon-level change. A stream may hand the record
    /// on once it has read past this position: on the + strand a later change can only join through the same
    /// codon (or through this record's frameshift, until the transcript end); on the − strand later records come
    /// first in transcript order, so any of them, up to the transcript end, may shift the frame over this one.
    public func holdPosition(_ effects: [[TranscriptEffect]]) -> Int {
        var hold = 0
        for list in effects {
            for e in list where Self.isCodonLevel(e) {
                let t = predictor.model.transcripts[e.transcript]
                if t.strand == .minus || e.terms.contains(.frameshift) {
                    hold = max(hold, t.end)
                    continue
                }
                let codonLast = t.cdsStartCDNA - 1 + e.proteinEnd * 3 - t.cdsPad
                hold = max(hold, t.genomic(cdna: min(codonLast, t.cdnaLength)) ?? t.end)
            }
        }
        return hold
    }
}
