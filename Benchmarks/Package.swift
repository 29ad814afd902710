// swift-tools-version:6.1
// Benchmarks are their own package so that `make test` (the root package) never builds package-benchmark.
// Run from this folder: `swift package benchmark` (see docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "ConsiliumBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Consilium", path: ".."),
        // Only the malloc interposer: the Swift 6.3 runtime interposer trait pulls a package this machine lacks.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DecodeNormalize",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HTS", package: "Consilium"),
                .product(name: "Variants", package: "Consilium"),
            ],
            path: "Benchmarks/DecodeNormalize",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "KBLookup",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HTS", package: "Consilium"),
                .product(name: "Knowledge", package: "Consilium"),
            ],
            path: "Benchmarks/KBLookup",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
