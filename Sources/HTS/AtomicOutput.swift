import Foundation

/// Publishes an output file only when it is complete.
///
/// A regular-file destination is written under a temporary name in the same folder and renamed over
/// the destination on success; on failure or Ctrl-C the temporary files are removed, so no half-written
/// output is ever left. Standard output (`-`) and non-regular destinations (a pipe, `/dev/null`) are
/// written directly and never renamed over.
public struct AtomicOutput: Sendable {
    /// What the user asked for.
    public let destination: String
    /// Where bytes are written while the job runs.
    public let writePath: String
    /// Whether `writePath` is a temporary name to be renamed on commit.
    public let isTemporary: Bool

    public init(destination: String) throws(InputError) {
        self.destination = destination
        if destination == "-" {
            writePath = "-"; isTemporary = false; return
        }
        var st = stat()
        if stat(destination, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw InputError(file: destination, location: .file, problem: "the output path is a folder",
                                 hint: "give a file name, e.g. \(destination)/out.vcf.gz")
            }
            writePath = destination; isTemporary = false; return
        }
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        var dst = stat()
        guard stat(dir, &dst) == 0, (dst.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError(file: destination, location: .file, problem: "the output folder \(dir) does not exist",
                             hint: "create it first (mkdir -p \(dir))")
        }
        let suffix = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        // Keep the real extension last so htslib still recognises the format from the name.
        writePath = "\(dir)/.\(url.lastPathComponent).consilium-\(getpid())-\(suffix).partial"
        isTemporary = true
        PartialFiles.register(writePath)
    }

    /// The temporary path for a companion file (e.g. the index `.csi`).
    public func companion(_ ext: String) -> String { writePath + ext }

    /// Renames the finished file (and companions, given as (extension on the temp file, final path)).
    public func commit(companions: [(String, String)] = []) throws(InputError) {
        guard isTemporary else { return }
        for (ext, final) in companions {
            if rename(companion(ext), final) != 0 {
                throw InputError(file: final, location: .file, problem: "could not move the finished file into place (\(String(cString: strerror(errno))))")
            }
            PartialFiles.unregister(companion(ext))
        }
        if rename(writePath, destination) != 0 {
            throw InputError(file: destination, location: .file, problem: "could not move the finished file into place (\(String(cString: strerror(errno))))")
        }
        PartialFiles.unregister(writePath)
    }

    /// Removes whatever was written; the destination is left as it was.
    public func abandon(companions: [String] = []) {
        guard isTemporary else { return }
        for ext in companions {
            unlink(companion(ext))
            PartialFiles.unregister(companion(ext))
        }
        unlink(writePath)
        PartialFiles.unregister(writePath)
    }
}
