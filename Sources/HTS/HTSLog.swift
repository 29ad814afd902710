import CHTSlib

/// htslib writes its own diagnostics to stderr; Consilium reports errors itself, with file and line,
/// and keeps record contents (patient data) out of logs, so htslib is silenced.
public enum HTSLog {
    public static func quiet() { hts_set_log_level(HTS_LOG_OFF) }
}
