import Foundation

/// A genomic interval as the user writes it: `chr17`, `chr17:43044295`, `chr17:43044295-43125483`.
///
/// Stored 0-based half-open; `description` gives back the 1-based inclusive form htslib and bcftools accept.
public struct Region: Sendable, Hashable, CustomStringConvertible {
    public var contig: String
    /// 0-based start.
    public var start: Int64
    /// 0-based exclusive end; `Int64.max` for "to the end of the contig".
    public var end: Int64

    public init(contig: String, start: Int64 = 0, end: Int64 = .max) {
        self.contig = contig
        self.start = start
        self.end = end
    }

    public var description: String {
        if start == 0 && end == .max { return contig }
        if end == .max { return "\(contig):\(start + 1)-" }
        return "\(contig):\(start + 1)-\(end)"
    }

    /// Parses `-r` syntax: comma-separated `CHR[:BEG[-END]]`, 1-based inclusive (as bcftools: no thousands separators).
    public static func parseList(_ text: String) throws(InputError) -> [Region] {
        var regions: [Region] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            regions.append(try parse(String(item)))
        }
        if regions.isEmpty {
            throw InputError(file: "-r", location: .file, problem: "no region given",
                             hint: "write regions as chr17:43044295-43125483, several separated by commas")
        }
        return regions
    }

    public static func parse(_ item: String) throws(InputError) -> Region {
        let bad = { () -> InputError in
            InputError(file: "-r", location: .file, field: item,
                       problem: "expected CHR, CHR:POS or CHR:BEG-END with 1-based positions",
                       hint: "for example chr17:43044295-43125483")
        }
        guard let colon = item.lastIndex(of: ":"), !item[item.index(after: colon)...].isEmpty,
              item[item.index(after: colon)...].allSatisfy({ $0.isNumber || $0 == "-" })
        else {
            guard !item.isEmpty else { throw bad() }
            return Region(contig: item)
        }
        let contig = String(item[..<colon])
        let span = item[item.index(after: colon)...]
        let parts = span.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard !contig.isEmpty, let first = parts.first, let beg = Int64(first), beg >= 1 else { throw bad() }
        if parts.count == 1 { return Region(contig: contig, start: beg - 1, end: beg) }
        if parts[1].isEmpty { return Region(contig: contig, start: beg - 1) }
        guard let end = Int64(parts[1]), end >= beg else { throw bad() }
        return Region(contig: contig, start: beg - 1, end: end)
    }

    /// Reads a BED file (0-based, half-open; `#`, `track` and `browser` lines skipped).
    public static func readBED(path: String) throws(InputError) -> [Region] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, location: .file, problem: "cannot read the regions file",
                             hint: "check the path; -R takes a BED file (chrom, start, end; 0-based)")
        }
        var regions: [Region] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("track") || line.hasPrefix("browser") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3, !cols[0].isEmpty, let s = Int64(cols[1]), let e = Int64(cols[2]), s >= 0, e > s else {
                throw InputError(file: path, location: .line(i + 1), field: "BED",
                                 problem: "expected chrom<TAB>start<TAB>end with 0 <= start < end",
                                 hint: "BED is 0-based and half-open: chr17<TAB>43044294<TAB>43125483")
            }
            regions.append(Region(contig: String(cols[0]), start: s, end: e))
        }
        return regions
    }
}
