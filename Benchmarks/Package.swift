// swift-tools-version:6.1
import PackageDescription

// Benchmark-only dependencies live here so that users and CI build only what the tool needs.
// Run from this folder: `swift package benchmark` (ordo-one/benchmark), or the scripts in
// docs/performance.md for whole-command timings against xmllint.
let package = Package(
    name: "cbscore-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named: a path dependency is otherwise known by its folder name (a worktree, a CI checkout).
        .package(name: "cbscore", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The seeded generator the batch generator and the benchmarks share.
        .target(name: "BenchmarkSupport"),
        // Writes realistic, seeded, schema-valid bid batches with real area codes.
        .executableTarget(
            name: "cbscore-generate",
            dependencies: ["BenchmarkSupport", .product(name: "CBScoreKit", package: "cbscore")]
        ),
        // Reads a bid file into models: whole-command timings against xmllint.
        .executableTarget(
            name: "cbscore-read",
            dependencies: [.product(name: "CBScoreKit", package: "cbscore")]
        ),
        // Splits a generated batch into bid files and writes each bid's UBL envelope.
        .executableTarget(
            name: "cbscore-envelopes",
            dependencies: [.product(name: "CBScoreKit", package: "cbscore")]
        ),
        .executableTarget(
            name: "IngestionBenchmarks",
            dependencies: [
                .product(name: "CBScoreKit", package: "cbscore"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IngestionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "AreasBenchmarks",
            dependencies: [
                .product(name: "CBScoreKit", package: "cbscore"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AreasBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ScoringBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "CBScoreKit", package: "cbscore"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ScoringBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MonitoringBenchmarks",
            dependencies: [
                .product(name: "CBScoreKit", package: "cbscore"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MonitoringBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
