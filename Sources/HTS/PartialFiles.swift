import Foundation

/// Temporary outputs still being written, removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP, SIGPIPE).
///
/// The signal handler may only call async-signal-safe functions, so the paths are kept as C strings in a
/// fixed table it can read without locks or allocation.
public enum PartialFiles {
    static let capacity = 16
    nonisolated(unsafe) static var table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) static var installed = false
    static let lock = NSLock()

    static func register(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        if !installed { install() }
        for i in 0..<capacity where table[i] == nil {
            table[i] = strdup(path)
            return
        }
    }

    static func unregister(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        for i in 0..<capacity {
            if let p = table[i], strcmp(p, path) == 0 {
                table[i] = nil
                free(p)
            }
        }
    }

    private static func install() {
        table.initialize(repeating: nil, count: capacity)
        installed = true
        // A parent may start us with these signals blocked (a blocked mask is inherited through exec; test
        // runners and some job launchers do this); unblock them here so Ctrl-C still removes the temporaries.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            signal(sig) { sig in
                for i in 0..<PartialFiles.capacity {
                    if let p = PartialFiles.table[i] { unlink(p) }
                }
                // Re-raise with the default action so the exit status says which signal ended us.
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
