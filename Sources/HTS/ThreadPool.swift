import CHTSlib

/// An htslib thread pool shared by a reader and a writer for BGZF (de)compression, like bcftools `--threads`.
public final class ThreadPool {
    var pool: htsThreadPool
    /// Number of worker threads.
    public let threads: Int

    /// Creates a pool of `threads` workers; nil when `threads` < 1 (work stays on the calling thread).
    public init?(threads: Int) {
        guard threads > 0, let p = hts_tpool_init(Int32(threads)) else { return nil }
        pool = htsThreadPool(pool: p, qsize: 0)
        self.threads = threads
    }

    deinit { hts_tpool_destroy(pool.pool) }

    func attach(to fp: UnsafeMutablePointer<htsFile>) {
        _ = csl_set_thread_pool(fp, &pool)
    }
}
