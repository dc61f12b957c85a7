// swift-tools-version:6.1
import PackageDescription

// Fuzz targets for cbscore, built only by `Fuzz/run.sh` (with `--sanitize fuzzer --sanitize
// address`); the main package never needs this one. One executable holds every target; the
// environment variable CBSCORE_FUZZ_TARGET chooses which runs (see docs/robustness.md).
let package = Package(
    name: "cbscore-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "cbscore", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "cbscore-fuzz",
            dependencies: [.product(name: "CBScoreKit", package: "cbscore")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
