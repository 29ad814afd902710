import Foundation
import HTS

/// Reads a panel's covered-regions BED (contig, 0-based start, end, optional name = gene symbol).
public enum PanelRegions {
    public static func read(path: String) throws(InputError) -> [PanelRegion] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, location: .file, problem: "cannot read the regions BED (missing, unreadable or not UTF-8)",
                             hint: "test.regions names a BED file relative to the case file")
        }
        var out: [PanelRegion] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("track") || line.hasPrefix("browser") { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard c.count >= 3, let s = Int(c[1]), let e = Int(c[2]), s >= 0, e > s else {
                throw InputError(file: path, location: .line(i + 1), problem: "not a BED line",
                                 hint: "contig<TAB>start (0-based)<TAB>end, end greater than start")
            }
            out.append(PanelRegion(chrom: String(c[0]), start: s, end: e, name: c.count > 3 && !c[3].isEmpty ? String(c[3]) : nil))
        }
        return out
    }
}
