import Foundation
import Testing

/// Resolves the real public data set in `../shared/data` for tests.
///
/// The location comes from `CONSILIUM_SHARED_DATA`, else `../shared/data` next to the package. When it is
/// missing, a test must fail under CI (`CI=true`) and skip elsewhere with a clear message; see `require`.
public enum SharedData {
    /// The package root (the folder holding Package.swift), found from this source file's location.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["CONSILIUM_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// True when the data set is there.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("PROVENANCE.md").path)
    }

    /// The path of a file in the data set (it may not exist).
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Whether a test that needs the data should run. Under CI a missing data set is an error
    /// (`SharedDataMissing` is thrown); elsewhere the test skips with a message naming the place looked at.
    public static func require() throws -> Bool {
        if isAvailable { return true }
        let message = "shared data not found at \(root.path); set CONSILIUM_SHARED_DATA to the folder holding PROVENANCE.md"
        if isCI { throw SharedDataMissing(message: message) }
        FileHandle.standardError.write(Data("skipping: \(message)\n".utf8))
        return false
    }

    /// Fixtures shipped with the project.
    public static func fixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }
}

public struct SharedDataMissing: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension SharedData {
    /// Use as `@Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))`: runs when the data is there,
    /// and under CI even when it is not, so that `require()` fails the test there.
    public static var shouldRun: Bool { isAvailable || isCI }
    public static var skipNote: Comment {
        Comment(rawValue: "shared data not found at \(root.path) (set CONSILIUM_SHARED_DATA)")
    }
}
