// Decode and normalize throughput through the HTS and Variants libraries, without the CLI around them.
//
// Input: 100,000 records from scripts/gen-vcf (seed 42; ~85% SNV, ~12% indels mostly needing left-alignment,
// ~3% multiallelic) on its 50 Mb synthetic genome, generated once into bench-out/ (git-ignored).
// One iteration processes the whole file; `records/s` is records in / wall time of that iteration.
import Benchmark
import Foundation
import HTS
import Variants

/// The generated data set, made on first use by scripts/gen-vcf.
enum BenchData {
    static let records = 100_000
    /// The repository root: this file is Benchmarks/Benchmarks/DecodeNormalize/DecodeNormalize.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let folder = root.appendingPathComponent("bench-out/data-\(records)-42")
    static var vcf: String { folder.appendingPathComponent("calls.vcf").path }
    static var vcfGz: String { folder.appendingPathComponent("calls.vcf.gz").path }
    static var reference: String { folder.appendingPathComponent("genome.fa").path }

    static func prepare() throws {
        if !FileManager.default.fileExists(atPath: vcf) {
            try run(root.appendingPathComponent("scripts/gen-vcf").path,
                    ["--records", String(records), "--seed", "42", "--out", folder.path])
        }
        if !FileManager.default.fileExists(atPath: vcfGz) {
            // Write through htslib (BGZF) so the benchmark needs nothing but the project's own code.
            let reader = try VCFReader(path: vcf)
            let writer = try VCFWriter(path: vcfGz, format: .vcfGz, header: reader.header)
            let record = VCFRecord()
            while try reader.read(into: record) { try writer.write(record) }
            try writer.finish()
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", tool] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError(file: tool, location: .file, problem: "exited with status \(process.terminationStatus)")
        }
    }
}

let recordsPerSecond = BenchmarkMetric.custom("records/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` once per scaled iteration and reports records/s from the record count it returns.
func measureRecords(_ benchmark: Benchmark, _ body: () throws -> Int) throws {
    for _ in benchmark.scaledIterations {
        let start = ContinuousClock.now
        let count = try body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        benchmark.measurement(recordsPerSecond, Int(Double(count) / seconds))
        blackHole(count)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, recordsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(15),
        maxIterations: 10
    )
    Benchmark.setup = { try BenchData.prepare() }

    Benchmark("decode VCF.gz") { benchmark in
        try measureRecords(benchmark) {
            let reader = try VCFReader(path: BenchData.vcfGz)
            let record = VCFRecord()
            var n = 0
            while try reader.read(into: record) { n += 1 }
            return n
        }
    }

    Benchmark("decode + normalize (split, trim, left-align) VCF.gz") { benchmark in
        try measureRecords(benchmark) {
            let reader = try VCFReader(path: BenchData.vcfGz)
            let reference = try FastaReference(path: BenchData.reference)
            let normalizer = try Normalizer(header: reader.header, reference: reference, options: NormalizeOptions())
            let record = VCFRecord()
            var n = 0
            while try reader.read(into: record) {
                n += 1
                try normalizer.push(record)
                while let out = normalizer.nextReady() { blackHole(out) }
            }
            normalizer.finish()
            while let out = normalizer.nextReady() { blackHole(out) }
            return n
        }
    }

    Benchmark("decode + normalize + encode BCF to /dev/null") { benchmark in
        try measureRecords(benchmark) {
            let reader = try VCFReader(path: BenchData.vcfGz)
            let reference = try FastaReference(path: BenchData.reference)
            let normalizer = try Normalizer(header: reader.header, reference: reference, options: NormalizeOptions())
            let writer = try VCFWriter(path: "/dev/null", format: .bcf, header: normalizer.outputHeader)
            let record = VCFRecord()
            var n = 0
            while try reader.read(into: record) {
                n += 1
                try normalizer.push(record)
                while let out = normalizer.nextReady() { try writer.write(out) }
            }
            normalizer.finish()
            while let out = normalizer.nextReady() { try writer.write(out) }
            try writer.finish()
            return n
        }
    }
}
