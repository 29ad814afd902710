/// Where a genomic position lies relative to a transcript, in the transcript's own orientation.
public enum TranscriptLocation: Sendable, Equatable {
    /// 5' of the transcript start, `distance` bases away (≥ 1).
    case upstream(distance: Int)
    /// 3' of the transcript end, `distance` bases away (≥ 1).
    case downstream(distance: Int)
    /// On exon `index` (0-based, transcript order) at cDNA position `cdna` (1-based).
    case exon(index: Int, cdna: Int)
    /// In intron `index` (0-based: between exon `index` and `index + 1`), named as HGVS names it: the nearest exon
    /// base's cDNA position `anchor` and a signed `offset` (+ after the upstream exon, − before the downstream one).
    /// `fromDonor`/`fromAcceptor` are the distances (≥ 1) to the upstream and downstream exon.
    case intron(index: Int, anchor: Int, offset: Int, fromDonor: Int, fromAcceptor: Int)
}

extension Transcript {
    /// Maps a genomic position to the transcript. Allocation-free; a linear walk over the exons.
    public func locate(_ g: Int) -> TranscriptLocation {
        if g < start {
            return strand == .plus ? .upstream(distance: start - g) : .downstream(distance: start - g)
        }
        if g > end {
            return strand == .plus ? .downstream(distance: g - end) : .upstream(distance: g - end)
        }
        for i in exons.indices {
            let e = exons[i]
            if e.contains(g) {
                return .exon(index: i, cdna: exonCDNAStart[i] + (strand == .plus ? g - e.start : e.end - g))
            }
            if i + 1 < exons.count {
                let n = exons[i + 1]
                let inIntron = strand == .plus ? (g > e.end && g < n.start) : (g < e.start && g > n.end)
                if inIntron {
                    let d5 = strand == .plus ? g - e.end : e.start - g
                    let d3 = strand == .plus ? n.start - g : g - n.end
                    let lastOfUpstream = exonCDNAStart[i] + e.length - 1
                    if d5 <= d3 {
                        return .intron(index: i, anchor: lastOfUpstream, offset: d5, fromDonor: d5, fromAcceptor: d3)
                    }
                    return .intron(index: i, anchor: exonCDNAStart[i + 1], offset: -d3, fromDonor: d5, fromAcceptor: d3)
                }
            }
        }
        // Overlapping or unsorted exons in a malformed model: treat as the nearest exon edge.
        return .exon(index: 0, cdna: 1)
    }

    /// The genomic position of cDNA position `cdna` (1-based), nil when outside the transcript.
    public func genomic(cdna: Int) -> Int? {
        guard cdna >= 1, cdna <= cdnaLength else { return nil }
        var i = exons.count - 1
        while i > 0 && exonCDNAStart[i] > cdna { i -= 1 }
        let off = cdna - exonCDNAStart[i]
        return strand == .plus ? exons[i].start + off : exons[i].end - off
    }

    /// The index of the exon or intron boundary pair holding genomic position `g`, for bounding 3' shifts:
    /// `2*i` for exon `i`, `2*i + 1` for intron `i`, -1 outside the transcript.
    func featureSlot(_ g: Int) -> Int {
        switch locate(g) {
        case .exon(let i, _): return 2 * i
        case .intron(let i, _, _, _, _): return 2 * i + 1
        default: return -1
        }
    }
}
