import TestSupport

/// Paths in the shared data set, for helpers that are not tests themselves.
enum SharedDataPaths {
    static func path(_ relative: String) -> String { SharedData.path(relative) }
}
