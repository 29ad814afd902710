/// HGVS names of a variant on a transcript: `c.`/`n.` and `p.` (nomenclature v21, three-letter amino acids).
///
/// Indels are first moved to their most 3' position on the transcript strand (the HGVS 3' rule; VCF is
/// left-aligned on the + strand), without leaving the exon or intron they start in; an insertion that repeats
/// the bases 5' of it becomes a `dup`. The protein change is computed on the shifted allele, then shifted
/// along the protein by the same rule. Strings are built only here, so the consequence path stays free of them.
public struct HGVSNamer {
    public let predictor: ConsequencePredictor

    public init(predictor: ConsequencePredictor) { self.predictor = predictor }

    public struct Names: Sendable, Equatable {
        /// `c.524G>A`, `c.-12A>G`, `c.123+5del`, or `n.…` for a non-coding transcript; nil when unavailable.
        public var transcript: String?
        /// `p.Arg175His`, `p.Trp24Ter`, `p.Arg123GlyfsTer5`, `p.Met1?`, `p.Leu54=`…; nil when the CDS is untouched.
        public var protein: String?
    }

    /// Names `allele` on transcript `index`.
    public func names(of allele: VariantAllele, on index: Int) -> Names {
        let t = predictor.model.transcripts[index]
        let shifted = shiftedThreePrime(allele, on: t) ?? allele
        let c = transcriptName(shifted, t)
        let effect = predictor.effect(of: shifted, on: index)
        return Names(transcript: c, protein: proteinName(effect, t))
    }

    /// Names the entry `effect` of `allele`: as `names(of:on:)`, except that a haplotype-combined change
    /// (`CompoundLink.isLead`) takes its p. from the combined effect (the c. stays the allele's own).
    public func names(of allele: VariantAllele, effect: TranscriptEffect) -> Names {
        var c: [UInt8] = []
        let (named, protein) = writeNames(of: allele, effect: effect, transcriptName: &c)
        return Names(transcript: named ? String(decoding: c, as: UTF8.self) : nil, protein: protein)
    }

    /// `names(of:effect:)` with the c./n. name appended to `out` as UTF-8 (the CSQ formatter's path, no `String`);
    /// returns whether it was written (`out` is left as it was when not) and the p. name.
    public func writeNames(of allele: VariantAllele, effect: TranscriptEffect, transcriptName out: inout [UInt8]) -> (Bool, String?) {
        let t = predictor.model.transcripts[effect.transcript]
        let mark = out.count
        // A substitution does not move under the 3' rule, so an uncombined entry's effect is already the effect of
        // the named allele: reuse it rather than predicting it again.
        if effect.compound == nil && !allele.isInsertion && !(allele.alt.isEmpty && allele.refLength > 0) {
            let named = appendTranscriptName(allele, t, to: &out)
            if !named { out.removeSubrange(mark...) }
            return (named, proteinName(effect, t))
        }
        let shifted = shiftedThreePrime(allele, on: t) ?? allele
        let named = appendTranscriptName(shifted, t, to: &out)
        if !named { out.removeSubrange(mark...) }
        // A haplotype-combined change takes its p. from the combined effect; the c. stays the allele's own.
        if let link = effect.compound, link.isLead { return (named, proteinName(effect, t)) }
        return (named, proteinName(predictor.effect(of: shifted, on: effect.transcript), t))
    }

    // MARK: 3' rule

    /// The allele moved to its most 3' equivalent position on the transcript strand, within its exon/intron.
    public func shiftedThreePrime(_ v: VariantAllele, on t: Transcript) -> VariantAllele? {
        let isDel = v.alt.isEmpty && v.refLength > 0
        guard v.isInsertion || isDel else { return v }
        let seqs = predictor.sequences
        let window = 2000
        let plus = t.strand == .plus
        let from = plus ? v.start - 1 : max(1, v.start - window)
        let to = plus ? v.end + window : v.end + 1
        guard let g = seqs.genomic(contig: t.contig, start: from, end: to), !g.isEmpty else { return nil }
        @inline(__always) func base(_ p: Int) -> UInt8? { let i = p - from; return i >= 0 && i < g.count ? g[i] : nil }
        let slotStart = t.featureSlot(v.isInsertion ? (plus ? v.start : v.start - 1) : v.start)
        let slotEnd = t.featureSlot(v.isInsertion ? (plus ? v.start : v.start - 1) : v.end)
        guard slotStart == slotEnd else { return v }
        var out = v
        if isDel {
            var s = v.start, e = v.end
            if plus {
                while let a = base(s), let b = base(e + 1), a == b, t.featureSlot(e + 1) == slotStart { s += 1; e += 1 }
            } else {
                while let a = base(s - 1), let b = base(e), a == b, t.featureSlot(s - 1) == slotStart { s -= 1; e -= 1 }
            }
            out.start = s
        } else {
            var x = v.alt, s = v.start
            if plus {
                // Insertion between s-1 and s moves right while the next base equals its first.
                while let b = base(s), b == x[0], t.featureSlot(s) == slotStart { x.append(x.removeFirst()); s += 1 }
            } else {
                while let b = base(s - 1), let last = x.last, b == last, t.featureSlot(s - 1) == slotStart, s - 1 >= from {
                    x.insert(x.removeLast(), at: 0); s -= 1
                }
            }
            out.start = s
            out.alt = x
        }
        return out
    }

    // MARK: g.

    /// The genomic name (`g.7675088C>T`, `g.7674903_7674904del`, `g.…dup`, `g.…insT`, `g.…delinsAG`) of `v` on
    /// `contig`, the 3' rule applied on the + strand (genomic orientation, no feature bounds); nil when the
    /// reference lacks the bases. The accession (`NC_000017.11:`) is the caller's: the FASTA's names are not.
    public func genomicName(_ v: VariantAllele, contig: String) -> String? {
        let seqs = predictor.sequences
        if v.refLength == 1 && v.alt.count == 1 {
            guard let r = seqs.genomic(contig: contig, start: v.start, end: v.start) else { return nil }
            return "g.\(v.start)" + String(decoding: r, as: UTF8.self) + ">" + String(decoding: v.alt, as: UTF8.self)
        }
        let window = 2000
        guard let g = seqs.genomic(contig: contig, start: max(1, v.start - window), end: v.end + window) else { return nil }
        let from = max(1, v.start - window)
        @inline(__always) func base(_ p: Int) -> UInt8? { let i = p - from; return i >= 0 && i < g.count ? g[i] : nil }
        func span(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a)_\(b)" }
        if v.alt.isEmpty {
            var s = v.start, e = v.end
            while let a = base(s), let b = base(e + 1), a == b { s += 1; e += 1 }
            return "g." + span(s, e) + "del"
        }
        if v.isInsertion {
            var x = v.alt, s = v.start
            while let b = base(s), b == x[0] { x.append(x.removeFirst()); s += 1 }
            let n = x.count
            if s - n >= from, (0..<n).allSatisfy({ base(s - n + $0) == x[$0] }) { return "g." + span(s - n, s - 1) + "dup" }
            return "g.\(s - 1)_\(s)ins" + String(decoding: x, as: UTF8.self)
        }
        return "g." + span(v.start, v.end) + "delins" + String(decoding: v.alt, as: UTF8.self)
    }

    // MARK: c. / n.

    /// The HGVS position of genomic base `g` on `t` (`524`, `-12`, `*34`, `123+5`, `124-2`).
    public func position(_ g: Int, _ t: Transcript) -> String {
        switch t.locate(g) {
        case .exon(_, let n): return cdnaPosition(n, t)
        case .intron(_, let anchor, let offset, _, _):
            return cdnaPosition(anchor, t) + (offset > 0 ? "+\(offset)" : "\(offset)")
        case .upstream(let d): return cdnaPosition(1 - d, t)
        case .downstream(let d): return cdnaPosition(t.cdnaLength + d, t)
        }
    }

    func cdnaPosition(_ n: Int, _ t: Transcript) -> String {
        guard t.isCoding else { return n >= 1 ? "\(n)" : "-\(1 - n)" }
        if n < t.cdsStartCDNA { return "-\(t.cdsStartCDNA - n)" }
        if n > t.cdsEndCDNA { return "*\(n - t.cdsEndCDNA)" }
        return "\(n - t.cdsStartCDNA + 1)"
    }

    func transcriptName(_ v: VariantAllele, _ t: Transcript) -> String? {
        var out: [UInt8] = []
        guard appendTranscriptName(v, t, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// `position(_:_:)` appended as UTF-8.
    func appendPosition(_ g: Int, _ t: Transcript, to out: inout [UInt8]) {
        switch t.locate(g) {
        case .exon(_, let n): appendCDNAPosition(n, t, to: &out)
        case .intron(_, let anchor, let offset, _, _):
            appendCDNAPosition(anchor, t, to: &out)
            if offset > 0 { out.append(UInt8(ascii: "+")) }
            out.appendDecimal(offset)
        case .upstream(let d): appendCDNAPosition(1 - d, t, to: &out)
        case .downstream(let d): appendCDNAPosition(t.cdnaLength + d, t, to: &out)
        }
    }

    func appendCDNAPosition(_ n: Int, _ t: Transcript, to out: inout [UInt8]) {
        guard t.isCoding else {
            if n >= 1 { out.appendDecimal(n) } else { out.append(UInt8(ascii: "-")); out.appendDecimal(1 - n) }
            return
        }
        if n < t.cdsStartCDNA { out.append(UInt8(ascii: "-")); out.appendDecimal(t.cdsStartCDNA - n); return }
        if n > t.cdsEndCDNA { out.append(UInt8(ascii: "*")); out.appendDecimal(n - t.cdsEndCDNA); return }
        out.appendDecimal(n - t.cdsStartCDNA + 1)
    }

    /// The c./n. name of `v` on `t` appended as UTF-8; false (with `out` partly written) when the reference
    /// lacks the base of a substitution.
    func appendTranscriptName(_ v: VariantAllele, _ t: Transcript, to out: inout [UInt8]) -> Bool {
        let plus = t.strand == .plus
        out.append(t.isCoding ? UInt8(ascii: "c") : UInt8(ascii: "n"))
        out.append(UInt8(ascii: "."))
        func strandSeq(_ s: [UInt8], _ out: inout [UInt8]) {
            if plus { out.append(contentsOf: s) } else { for b in s.reversed() { out.append(TranscriptSequences.complement(b)) } }
        }
        func range(_ a: Int, _ b: Int, _ out: inout [UInt8]) {
            // a ≤ b genomically; HGVS writes transcript order.
            let first = plus ? a : b, last = plus ? b : a
            appendPosition(first, t, to: &out)
            if first != last { out.append(UInt8(ascii: "_")); appendPosition(last, t, to: &out) }
        }
        if v.isInsertion {
            let n = v.alt.count
            // dup: the inserted bases repeat the bases just 5' of the insertion (transcript orientation).
            let prevFrom = plus ? v.start - n : v.start, prevTo = plus ? v.start - 1 : v.start + n - 1
            if let prev = predictor.sequences.genomic(contig: t.contig, start: prevFrom, end: prevTo), prev == v.alt {
                range(prevFrom, prevTo, &out)
                out.append(contentsOf: [UInt8(ascii: "d"), UInt8(ascii: "u"), UInt8(ascii: "p")])
                return true
            }
            let a = v.start - 1, b = v.start
            appendPosition(plus ? a : b, t, to: &out)
            out.append(UInt8(ascii: "_"))
            appendPosition(plus ? b : a, t, to: &out)
            out.append(contentsOf: [UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "s")])
            strandSeq(v.alt, &out)
            return true
        }
        if v.alt.isEmpty {
            range(v.start, v.end, &out)
            out.append(contentsOf: [UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "l")])
            return true
        }
        if v.refLength == 1 && v.alt.count == 1 {
            guard let r = predictor.sequences.genomicBase(contig: t.contig, position: v.start) else { return false }
            appendPosition(v.start, t, to: &out)
            out.append(plus ? r : TranscriptSequences.complement(r))
            out.append(UInt8(ascii: ">"))
            strandSeq(v.alt, &out)
            return true
        }
        range(v.start, v.end, &out)
        out.append(contentsOf: Array("delins".utf8))
        strandSeq(v.alt, &out)
        return true
    }

    // MARK: p.

    func proteinName(_ e: TranscriptEffect, _ t: Transcript) -> String? {
        let terms = e.terms
        guard t.isCoding, e.proteinStart > 0 else { return nil }
        func aa(_ x: UInt8) -> String { AminoAcid.threeLetter(x) }
        if terms.contains(.startLost) { return "p.Met1?" }
        if terms.contains(.frameshift) {
            guard e.firstChangedResidue > 0 else { return "p.=" }
            let head = "p.\(aa(e.firstChangedRef))\(e.firstChangedResidue)"
            if e.firstChangedAlt == UInt8(ascii: "*") { return head + "Ter" }
            if e.firstChangedRef == UInt8(ascii: "*") {
                return head + aa(e.firstChangedAlt) + "extTer" + (e.newStopDistance.map { "\($0 - 1)" } ?? "?")
            }
            return head + aa(e.firstChangedAlt) + "fsTer" + (e.newStopDistance.map(String.init) ?? "?")
        }
        var ref = e.refPeptide[...], alt = e.altPeptide[...]
        var pos = e.proteinStart
        if terms.contains(.stopLost), let i = ref.firstIndex(of: UInt8(ascii: "*")) {
            let p = e.proteinStart + (i - ref.startIndex)
            let altIndex = alt.startIndex + (i - ref.startIndex)
            let newAA = altIndex < alt.endIndex ? alt[altIndex] : UInt8(ascii: "X")
            return "p.Ter\(p)\(aa(newAA))extTer" + (e.newStopDistance.map { "\($0)" } ?? "?")
        }
        while let a = ref.first, let b = alt.first, a == b { ref.removeFirst(); alt.removeFirst(); pos += 1 }
        while let a = ref.last, let b = alt.last, a == b { ref.removeLast(); alt.removeLast() }
        // Truncate at a new stop: what follows it is not translated.
        if let s = alt.firstIndex(of: UInt8(ascii: "*")) { alt = alt[...s] }
        if ref.isEmpty && alt.isEmpty {
            guard let r = e.refPeptide.first else { return nil }
            return "p.\(aa(r))\(e.proteinStart)="
        }
        guard let protein = predictor.referenceProtein(e.transcript) else { return nil }
        func res(_ p: Int) -> UInt8 { p >= 1 && p <= protein.count ? protein[p - 1] : UInt8(ascii: "X") }
        if alt.isEmpty {
            // Deletion of residues pos…pos+n-1, moved C-terminal while the next residue equals the first deleted.
            var s = pos, n = ref.count
            while res(s + n) == res(s) && s + n <= protein.count && res(s) != UInt8(ascii: "*") { s += 1 }
            n = ref.count
            return n == 1 ? "p.\(aa(res(s)))\(s)del" : "p.\(aa(res(s)))\(s)_\(aa(res(s + n - 1)))\(s + n - 1)del"
        }
        if ref.isEmpty {
            // Insertion after residue `after`; rotate C-terminal, then a repeat of the preceding residues is a dup.
            var after = pos - 1
            var x = Array(alt)
            if x.last == UInt8(ascii: "*") {
                return "p.\(aa(res(after + 1)))\(after + 1)Ter"
            }
            while after + 1 <= protein.count && res(after + 1) == x[0] && res(after + 1) != UInt8(ascii: "*") {
                x.append(x.removeFirst()); after += 1
            }
            let n = x.count
            if after - n + 1 >= 1 && (0..<n).allSatisfy({ res(after - n + 1 + $0) == x[$0] }) {
                return n == 1 ? "p.\(aa(res(after)))\(after)dup"
                    : "p.\(aa(res(after - n + 1)))\(after - n + 1)_\(aa(res(after)))\(after)dup"
            }
            return "p.\(aa(res(after)))\(after)_\(aa(res(after + 1)))\(after + 1)ins" + AminoAcid.threeLetter(x)
        }
        if ref.count == 1 && alt.count == 1 {
            return "p.\(aa(ref[ref.startIndex]))\(pos)\(aa(alt[alt.startIndex]))"
        }
        let last = pos + ref.count - 1
        let span = ref.count == 1 ? "\(aa(ref[ref.startIndex]))\(pos)" : "\(aa(ref[ref.startIndex]))\(pos)_\(aa(ref[ref.index(before: ref.endIndex)]))\(last)"
        return "p.\(span)delins" + AminoAcid.threeLetter(alt)
    }
}
