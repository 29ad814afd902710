import HTS
import Variants

/// A set of transcripts with a per-contig overlap index, read from GFF3 or GTF.
///
/// Contigs are keyed by their style-free name (`ContigAliases.canonical`), so a model written with `17` answers
/// queries for `chr17` and the reverse. Queries take an integer contig handle so the per-variant path does not
/// hash strings.
public struct GeneModel: Sendable {
    /// All transcripts, in file order of first appearance.
    public let transcripts: [Transcript]
    /// Style-free contig name → handle.
    private let contigHandles: [String: Int]
    private let contigs: [ContigIndex]

    /// Transcripts of one contig sorted by start, with the running maximum end for interval queries.
    struct ContigIndex: Sendable {
        var order: [Int32] = []
        var starts: [Int] = []
        var maxEnd: [Int] = []
    }

    public init(transcripts: [Transcript]) {
        self.transcripts = transcripts
        var handles: [String: Int] = [:]
        var lists: [[Int32]] = []
        for (i, t) in transcripts.enumerated() {
            let key = ContigAliases.canonical(t.contig)
            let h: Int
            if let found = handles[key] { h = found } else {
                h = lists.count
                handles[key] = h
                lists.append([])
            }
            lists[h].append(Int32(i))
        }
        contigHandles = handles
        contigs = lists.map { list in
            let order = list.sorted { transcripts[Int($0)].start < transcripts[Int($1)].start }
            var index = ContigIndex()
            index.order = order
            index.starts = order.map { transcripts[Int($0)].start }
            var running = Int.min
            index.maxEnd = order.map { running = max(running, transcripts[Int($0)].end); return running }
            return index
        }
    }

    /// The handle of `contig` (any naming style), nil when the model has no transcript there.
    public func contigHandle(_ contig: String) -> Int? {
        contigHandles[ContigAliases.canonical(contig)]
    }

    /// Appends to `result` the indices of transcripts on contig `handle` whose extent, widened by `flank` bases on
    /// both sides, overlaps `[start, end]`; in ascending start order.
    public func overlapping(contig handle: Int, start: Int, end: Int, flank: Int = 0, into result: inout [Int]) {
        guard handle >= 0, handle < contigs.count else { return }
        let index = contigs[handle]
        let qs = start - flank, qe = end + flank
        // First position whose start is > qe.
        var lo = 0, hi = index.starts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if index.starts[mid] <= qe { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        let first = result.count
        while i >= 0 && index.maxEnd[i] >= qs {
            let t = Int(index.order[i])
            if transcripts[t].end >= qs { result.append(t) }
            i -= 1
        }
        result[first...].reverse()
    }

    /// The transcript with identifier `id` (with or without a version suffix), if any.
    public func transcript(id: String) -> Transcript? {
        if let t = transcripts.first(where: { $0.id == id }) { return t }
        let bare = id.split(separator: ".").first.map(String.init) ?? id
        return transcripts.first { ($0.id.split(separator: ".").first.map(String.init) ?? $0.id) == bare }
    }
}
