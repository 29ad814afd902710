import CHTSlib
import Foundation

/// Writes VCF/BCF to a file or standard output, optionally with a CSI index, never leaving a partial file.
///
/// Call `finish()` on success; a writer that is deinitialised unfinished (an error was thrown) removes
/// what it wrote.
public final class VCFWriter {
    public let output: AtomicOutput
    public let format: OutputFormat
    public let header: VCFHeader
    private let fp: UnsafeMutablePointer<htsFile>
    private let indexed: Bool
    /// htslib 1.16 builds wrong on-the-fly indexes when BGZF compression is multi-threaded (offsets are
    /// taken before the worker threads have placed the blocks), so with threads the index is built from
    /// the finished file instead.
    private let indexAfterClose: Bool
    private let indexThreads: Int32
    private var threadPool: ThreadPool?
    private var done = false
    /// htslib keeps the index name pointer (it does not copy it) until the file is closed.
    private var indexName: UnsafeMutablePointer<CChar>?
    /// Records written so far.
    public private(set) var recordCount = 0

    /// Opens the destination and writes the header.
    ///
    /// - Parameters:
    ///   - path: the destination; `-` for standard output.
    ///   - format: encoding; infer it from `path` with `OutputFormat.inferred(fromPath:)`.
    ///   - writeIndex: also write `path.csi` (BGZF outputs only, not to standard output).
    public init(path: String, format: OutputFormat, header: VCFHeader, threads: Int = 0, pool: ThreadPool? = nil,
                writeIndex: Bool = false) throws(InputError) {
        HTSLog.quiet()
        if writeIndex && (!format.isIndexable || path == "-") {
            throw InputError(file: path, location: .file, problem: "--write-index needs a bgzipped VCF or a BCF written to a file",
                             hint: "use -O z or -O b with -o FILE")
        }
        output = try AtomicOutput(destination: path)
        self.format = format
        self.header = header
        indexed = writeIndex
        guard let fp = hts_open(output.writePath, format.htsMode) else {
            output.abandon()
            throw InputError(file: path, location: .file, problem: "cannot open the output for writing (\(String(cString: strerror(errno))))",
                             hint: "check that the folder exists and is writable")
        }
        self.fp = fp
        if let pool { pool.attach(to: fp) } else if threads > 0, let own = ThreadPool(threads: threads) {
            own.attach(to: fp)
            threadPool = own
        }
        let threaded = pool != nil || threadPool != nil
        indexAfterClose = writeIndex && threaded
        indexThreads = Int32(max(threads, pool?.threads ?? 0))
        if bcf_hdr_write(fp, header.pointer) != 0 {
            hts_close(fp)
            output.abandon()
            throw InputError(file: path, location: .file, problem: "could not write the header (disk full or closed pipe?)")
        }
        if writeIndex {
            PartialFiles.register(output.companion(".csi"))
        }
        if writeIndex && !indexAfterClose {
            // min_shift 14 gives a CSI index, as `bcftools --write-index` does.
            indexName = strdup(output.companion(".csi"))
            if bcf_idx_init(fp, header.pointer, 14, indexName) != 0 {
                free(indexName)
                hts_close(fp)
                output.abandon(companions: [".csi"])
                throw InputError(file: path, location: .file, problem: "could not start the index")
            }
        }
    }

    deinit {
        if !done {
            hts_close(fp)
            output.abandon(companions: indexed ? [".csi"] : [])
        }
        free(indexName)
    }

    /// Writes one record.
    @inline(__always)
    public func write(_ record: VCFRecord) throws(InputError) {
        if bcf_write(fp, header.pointer, record.pointer) != 0 {
            throw InputError(file: output.destination, location: .record(recordCount + 1),
                             problem: "could not write the record (disk full, closed pipe, or a record the header does not describe)")
        }
        recordCount += 1
    }

    /// Flushes, writes the index, closes, and moves the file into place.
    public func finish() throws(InputError) {
        guard !done else { return }
        done = true
        if indexed && !indexAfterClose && bcf_idx_save(fp) != 0 {
            hts_close(fp)
            output.abandon(companions: [".csi"])
            throw InputError(file: output.destination, location: .file, problem: "could not write the index")
        }
        if hts_close(fp) != 0 {
            output.abandon(companions: indexed ? [".csi"] : [])
            throw InputError(file: output.destination, location: .file, problem: "could not finish writing (disk full?)")
        }
        if indexAfterClose && bcf_index_build3(output.writePath, output.companion(".csi"), 14, indexThreads) != 0 {
            output.abandon(companions: [".csi"])
            throw InputError(file: output.destination, location: .file, problem: "could not write the index")
        }
        do {
            try output.commit(companions: indexed ? [(".csi", output.destination + ".csi")] : [])
        } catch {
            output.abandon(companions: indexed ? [".csi"] : [])
            throw error
        }
    }
}
