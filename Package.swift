// swift-tools-version:6.1
import PackageDescription

// Data flows one way: XMLReading → DocumentReading → Documents → Scoring (with RulesLanguage and Areas) →
// Reports; Monitoring reuses Documents, Areas and Scoring; Store keeps what both produce.
// Only XMLReading imports CLibXML2, only Hashing imports CLibCrypto, only Store imports GRDB,
// only StorePostgres imports PostgresNIO. Server-only targets (StorePostgres, Credentials)
// are linked by `cbscore-server` alone, so the CLI's build stays as small as it was.
let package = Package(
    name: "cbscore",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cbscore", targets: ["cbscore"]),
        .executable(name: "cbscore-server", targets: ["cbscore-server"]),
        // For the benchmark package and integrators embedding the engine.
        .library(
            name: "CBScoreKit",
            targets: ["Diagnostics", "ExactNumbers", "Hashing", "XMLReading", "Documents", "DocumentReading", "Areas",
                      "RulesLanguage", "Scoring", "Engine", "Monitoring", "Store", "Reports"]
        ),
    ],
    dependencies: [
        // The CLI's command layout, help and argument validation.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SQLite for the monitoring store: migrations, WAL, transactions, no server to run.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Server only: the PostgreSQL client (SwiftNIO, maintained by the Vapor team).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
        // Server only: bcrypt for password hashes (its HummingbirdBcrypt target builds one C file).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Server only: the HTTP server (SwiftNIO), its router and its testing client. Traits off:
        // swift-configuration is not used (the service takes its settings as options).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Server only, already under Hummingbird: the HTTP field and buffer types its API speaks in.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Tests only, already under HummingbirdTesting: the HTTP client that talks to live servers.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "Diagnostics"),
        .target(name: "ExactNumbers"),
        .target(name: "Hashing", dependencies: ["CLibCrypto"]),
        .target(name: "XMLReading", dependencies: ["CLibXML2", "Diagnostics"]),
        // Plain models: no XML, no libxml2, so the rules language builds without them.
        .target(name: "Documents", dependencies: ["Diagnostics", "ExactNumbers"]),
        // XML → Documents: validation against the bundled XSDs, mapping, batches, UBL envelopes.
        .target(
            name: "DocumentReading",
            dependencies: ["XMLReading", "Diagnostics", "ExactNumbers", "Documents", "Hashing"],
            resources: [.copy("Schemas")]
        ),
        .target(name: "Areas", dependencies: ["Diagnostics", "ExactNumbers", "Hashing"]),
        .target(
            name: "RulesLanguage",
            dependencies: ["Diagnostics", "ExactNumbers", "Hashing", "Documents", "Areas"]
        ),
        .target(
            name: "Scoring",
            dependencies: ["Diagnostics", "ExactNumbers", "Documents", "Areas", "RulesLanguage"],
            resources: [.copy("Rules")]
        ),
        .target(
            name: "Monitoring",
            dependencies: ["Diagnostics", "ExactNumbers", "Documents", "Areas", "RulesLanguage", "Scoring"]
        ),
        .target(
            name: "Store",
            dependencies: [
                "Diagnostics", "ExactNumbers", "Hashing", "Documents", "DocumentReading", "Areas", "Scoring", "Monitoring",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The library calls the CLI and the service both make: the rank pipeline over files or
        // stored documents, awarding a bid, importing returns.
        .target(
            name: "Engine",
            dependencies: ["Diagnostics", "ExactNumbers", "Hashing", "Documents", "DocumentReading", "Areas",
                           "RulesLanguage", "Scoring", "Monitoring", "Store"]
        ),
        .target(
            name: "StorePostgres",
            dependencies: [
                "Store", "Documents", "Monitoring",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Credentials",
            dependencies: ["Hashing", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]
        ),
        .target(
            name: "Reports",
            dependencies: ["ExactNumbers", "Documents", "Hashing", "RulesLanguage", "Scoring", "Monitoring"]
        ),
        .executableTarget(
            name: "cbscore",
            dependencies: [
                "Diagnostics", "ExactNumbers", "Hashing", "XMLReading", "Documents", "DocumentReading", "Areas",
                "RulesLanguage", "Scoring", "Engine", "Monitoring", "Store", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The service: HTTP routes, pages, sessions and roles over the store and the engine's calls.
        .target(
            name: "Server",
            dependencies: [
                "Diagnostics", "ExactNumbers", "Hashing", "Documents", "DocumentReading", "Areas", "RulesLanguage",
                "Scoring", "Monitoring", "Store", "Credentials", "Reports", "Engine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "cbscore-server",
            dependencies: [
                "Areas", "Diagnostics", "Documents", "DocumentReading", "Monitoring", "Store", "StorePostgres", "Credentials",
                "Engine", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // What tests share: golden files, and the guard for tests needing ../shared/data.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ArchitectureTests", dependencies: ["TestSupport"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "ExactNumbersTests", dependencies: ["ExactNumbers"]),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "XMLReadingTests", dependencies: ["XMLReading"]),
        .testTarget(name: "DocumentReadingTests", dependencies: ["TestSupport", "DocumentReading", "Documents", "ExactNumbers", "Hashing"]),
        .testTarget(name: "AreasTests", dependencies: ["TestSupport", "Areas"]),
        .testTarget(name: "RulesLanguageTests", dependencies: ["RulesLanguage", "Documents", "Areas"]),
        .testTarget(name: "ScoringTests", dependencies: ["TestSupport", "Scoring", "Documents", "Areas", "Reports"]),
        .testTarget(name: "MonitoringTests", dependencies: ["TestSupport", "Monitoring", "Store", "Documents", "DocumentReading", "Areas"],
                    exclude: ["Golden"]),
        .testTarget(name: "EngineTests", dependencies: ["TestSupport", "Engine", "DocumentReading", "Scoring", "Areas", "Diagnostics",
                                                       "Reports", "RulesLanguage"]),
        // One suite, run against SQLite and, when CBSCORE_TEST_DATABASE_URL is set, PostgreSQL.
        .testTarget(name: "StoreTests", dependencies: ["TestSupport", "Store", "Engine", "StorePostgres", "Credentials", "Monitoring",
                                                      "Documents", "DocumentReading", "Areas", "Reports"]),
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Scoring", "Monitoring", "Hashing"], exclude: ["Golden"]),
        // The API through Hummingbird's testing client, on SQLite and (CBSCORE_TEST_DATABASE_URL) PostgreSQL.
        .testTarget(name: "ServerTests", dependencies: ["TestSupport", "Server", "Store", "StorePostgres", "Credentials",
                                                       "Engine", "Reports", "Scoring", "Areas", "Documents", "Monitoring",
                                                       .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                       .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "cbscore"], exclude: ["Golden", "OCDS"]),
    ],
    swiftLanguageModes: [.v6]
)
