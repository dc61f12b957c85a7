// swift-tools-version:6.1
import PackageDescription

// Fuzz targets for cbscore, built only by `Fuzz/run.sh` (libFuzzer + AddressSanitizer, with
// coverage instrumentation); the main package never needs this one. The engine's modules are
// the main package's own sources (symbolic links under Sources/), so only what the targets
// reach is built (no GRDB, no reports). One executable holds every target; the environment
// variable CBSCORE_FUZZ_TARGET chooses which runs (docs/robustness.md).
let package = Package(
    name: "cbscore-fuzz",
    platforms: [.macOS(.v14)],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto"),
        .target(name: "Diagnostics"),
        .target(name: "ExactNumbers"),
        .target(name: "Hashing", dependencies: ["CLibCrypto"]),
        .target(name: "XMLReading", dependencies: ["CLibXML2", "Diagnostics"]),
        .target(name: "Documents", dependencies: ["Diagnostics", "ExactNumbers"]),
        .target(name: "DocumentReading", dependencies: ["XMLReading", "Diagnostics", "ExactNumbers", "Documents", "Hashing"],
                resources: [.copy("Schemas")]),
        .target(name: "Areas", dependencies: ["Diagnostics", "ExactNumbers", "Hashing"]),
        .target(name: "RulesLanguage", dependencies: ["Diagnostics", "ExactNumbers", "Hashing", "Documents", "Areas"]),
        .target(name: "Scoring", dependencies: ["Diagnostics", "ExactNumbers", "Documents", "Areas", "RulesLanguage"],
                resources: [.copy("Rules")]),
        .executableTarget(name: "cbscore-fuzz", dependencies: ["Diagnostics", "ExactNumbers", "Documents", "DocumentReading", "Areas",
                                                                "RulesLanguage", "Scoring"]),
    ],
    swiftLanguageModes: [.v6]
)
