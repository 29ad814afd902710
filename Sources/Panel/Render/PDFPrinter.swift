import Foundation
import HTS

/// Prints the HTML report to PDF with headless Chromium (`--print-to-pdf`), when Chromium is installed.
public enum PDFPrinter {
    /// The Chromium executable on PATH (`chromium`, `chromium-browser`, `google-chrome`), or nil.
    public static var chromium: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// Common headless flags: no sandbox (root in containers), a throwaway profile, no network-dependent features.
    public static func arguments(profile: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--user-data-dir=\(profile)"]
    }

    /// Writes `pdf` from the HTML file `html`. Chromium's own output is not logged (it may echo page content).
    public static func print(html: String, to pdf: String) throws(InputError) {
        guard let exe = chromium else {
            throw InputError(file: pdf, location: .file, problem: "PDF needs headless Chromium, which is not installed",
                             hint: "install it (apt-get install chromium) or leave pdf out of --format")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("consilium-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = arguments(profile: profile) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            throw InputError(file: pdf, location: .file, problem: "could not start Chromium", hint: "check the chromium installation")
        }
        p.waitUntilExit()
        var st = stat()
        guard p.terminationStatus == 0, stat(pdf, &st) == 0, st.st_size > 0 else {
            throw InputError(file: pdf, location: .file, problem: "Chromium did not produce the PDF (exit \(p.terminationStatus))",
                             hint: "run chromium --headless --no-sandbox --print-to-pdf by hand to see why")
        }
    }
}
