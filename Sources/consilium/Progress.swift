import Foundation

/// A one-line progress report on stderr for long runs: records, records/s, percent of the input and ETA.
///
/// Silent when stderr is not a terminal (logs, CI) or with `--quiet`. It prints counts only, never record
/// contents.
struct Progress {
    private let enabled: Bool
    private let label: String
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var printed = false

    init(label: String, quiet: Bool) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Call often; it looks at the clock only every 16k records.
    mutating func update(records: Int, bytes: Int64, total: Int64?) {
        guard enabled, records & 0x3FFF == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= 0.5 else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(records) / elapsed : 0
        var line = "\r\(label): \(Progress.group(records)) records, \(Progress.group(Int(rate)))/s"
        if let total, total > 0, bytes > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            line += String(format: ", %.0f%%", fraction * 100)
            if fraction > 0.01 {
                let eta = elapsed / fraction - elapsed
                line += ", ETA \(Progress.duration(eta))"
            }
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        printed = true
    }

    /// Ends the progress line so later messages start on a new line.
    func finish() {
        if printed { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func group(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }
}
