// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Consilium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "consilium", targets: ["consilium"]),
        .library(name: "HTS", targets: ["HTS"]),
        .library(name: "Variants", targets: ["Variants"]),
        .library(name: "Knowledge", targets: ["Knowledge"]),
        .library(name: "Annotation", targets: ["Annotation"]),
        .library(name: "Consequence", targets: ["Consequence"]),
        .library(name: "Classification", targets: ["Classification"]),
        .library(name: "Panel", targets: ["Panel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Case files are YAML (issue #6); report templates are Mustache files, not string concatenation.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Debian's htslib (libhts-dev), found through pkg-config; see docs/architecture.md.
        .systemLibrary(
            name: "CHTSlib",
            pkgConfig: "htslib",
            providers: [.apt(["libhts-dev", "zlib1g-dev"])]
        ),
        // The record loops are hot paths over class state: dynamic exclusivity checks cost ~5% of `norm`.
        // Bounds and overflow checks stay on.
        .target(name: "HTS", dependencies: ["CHTSlib"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "Variants", dependencies: ["HTS"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "Knowledge", dependencies: ["HTS", "Variants"]),
        .target(name: "Consequence", dependencies: ["HTS", "Variants"]),
        .target(name: "Classification", dependencies: []),
        .target(name: "Annotation", dependencies: ["HTS", "Variants", "Knowledge", "Consequence", "Classification"]),
        // Case reports for expert panels: case file, report assembly, renderers (templates are resources).
        .target(
            name: "Panel",
            dependencies: [
                "HTS", "Variants", "Knowledge", "Annotation", "Consequence", "Classification",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "consilium",
            dependencies: [
                "HTS", "Variants", "Knowledge", "Annotation", "Consequence", "Classification", "Panel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HTSTests", dependencies: ["HTS", "TestSupport"]),
        .testTarget(name: "VariantsTests", dependencies: ["Variants", "HTS", "TestSupport"]),
        .testTarget(name: "KnowledgeTests", dependencies: ["Knowledge", "Variants", "HTS", "TestSupport"]),
        .testTarget(name: "ConsequenceTests", dependencies: ["Consequence", "Variants", "HTS", "TestSupport"]),
        .testTarget(name: "ClassificationTests", dependencies: ["Classification", "TestSupport"]),
        .testTarget(name: "AnnotationTests", dependencies: ["Annotation", "Knowledge", "Variants", "HTS", "Consequence", "TestSupport"]),
        .testTarget(name: "PanelTests", dependencies: ["Panel", "Classification", "TestSupport"]),
        .testTarget(name: "ConsiliumCLITests", dependencies: ["consilium", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
