import Foundation

/// Runs programs for end-to-end tests: the built `consilium` binary and the peers (bcftools, tabix).
public enum Command {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        /// True when the process was ended by a signal (a crash), not by exit().
        public var crashed: Bool
    }

    /// The folder holding the built products (`.build/debug` or `.build/release`).
    public static var productsDirectory: URL {
        if let exe = ProcessInfo.processInfo.arguments.first {
            var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: url.appendingPathComponent("consilium").path) {
                url = SharedData.packageRoot.appendingPathComponent(".build/debug")
            }
            return url
        }
        return SharedData.packageRoot.appendingPathComponent(".build/debug")
    }

    public static var consilium: String { productsDirectory.appendingPathComponent("consilium").path }

    /// Finds a program on PATH.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; stdin from `input` when given.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil,
                           environment: [String: String]? = nil, currentDirectory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try inPipe.fileHandleForWriting.close()
        }
        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData,
                      stderr: String(decoding: errData, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// Runs `consilium` with arguments.
    @discardableResult
    public static func consilium(_ arguments: [String], input: Data? = nil) throws -> Result {
        try run(consilium, arguments, input: input)
    }

    /// Runs a peer tool found on PATH (bcftools, tabix, bgzip); throws if it is not installed.
    @discardableResult
    public static func peer(_ name: String, _ arguments: [String], input: Data? = nil) throws -> Result {
        guard let exe = which(name) else { throw PeerMissing(name: name) }
        return try run(exe, arguments, input: input)
    }

    /// A fresh temporary folder for a test's outputs.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("consilium-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

public struct PeerMissing: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "\(name) is not installed; `make test` installs it (apt-get install \(name))" }
}
