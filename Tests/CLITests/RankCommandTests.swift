import Foundation
import TestSupport
import Testing

/// End-to-end: the built `cbscore` binary on the fixture tender GCR-2026-014 and the real SIMD
/// table in ../shared/data. Paths are given relative to the package root (the working
/// directory of the process), so the JSON names them the same on every machine.
@Suite(.needsSharedData) struct RankCommandTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The binary the test target was built with: next to the test bundle, else .build/debug.
    static var binary: URL? {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("cbscore"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cbscore"),
            root.appendingPathComponent(".build/debug/cbscore"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func cbscore(_ arguments: [String]) throws -> Run {
        let binary = try #require(binary, "the cbscore binary was not found; build it first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["CBSCORE_AREAS"] = nil
        // A cache of the area tables shared by these runs only, so the first run builds it.
        environment["CBSCORE_CACHE_DIR"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("cbscore-cli-tests-cache").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Every official table (the fixtures use Scottish, English and Welsh areas and postcodes).
    static let areas = ["--areas", SharedData.path]

    static func bidFiles() throws -> [String] {
        let folder = root.appendingPathComponent("fixtures/gcr-2026-014/bids")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".xml") }.sorted().map { "fixtures/gcr-2026-014/bids/" + $0 }
    }

    @Test func jsonMatchesGolden() throws {
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml"] + Self.bidFiles() + Self.areas + ["--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        try Self.checkGolden(run.stdout, "gcr-2026-014.json")
    }

    @Test func fileOrderDoesNotChangeTheOutput() throws {
        let files = try Self.bidFiles()
        let forward = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml"] + files + Self.areas + ["--format", "json"])
        let backward = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml"] + files.reversed() + Self.areas + ["--format", "json"])
        #expect(forward.status == 0)
        #expect(forward.stdout == backward.stdout)
    }

    @Test func aFolderGivesTheSameAsItsFiles() throws {
        let files = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml"] + Self.bidFiles() + Self.areas + ["--format", "json"])
        let folder = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids"] + Self.areas + ["--format", "json"])
        #expect(files.stdout == folder.stdout)
    }

    @Test func anUnreadableBidStopsTheRankingAndIsNamed() throws {
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids",
                                    "fixtures/invalid/malformed.xml"] + Self.areas)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("fixtures/invalid/malformed.xml:"))
    }

    @Test func excludeInvalidRanksTheRestAndListsTheRefused() throws {
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids",
                                    "fixtures/invalid/malformed.xml", "--exclude-invalid", "--format", "json"] + Self.areas)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let refused = object?["refused"] as? [[String: Any]]
        #expect(refused?.first?["file"] as? String == "fixtures/invalid/malformed.xml")
    }

    @Test func explainAndSummaryNameTheBid() throws {
        let explain = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids",
                                        "--explain", "B-014-03"] + Self.areas)
        #expect(explain.status == 0, "stderr: \(explain.stderr)")
        #expect(explain.stdout.hasPrefix("Bid B-014-03"))
        let summary = try Self.cbscore(["summary", "B-014-03", "--tender", "fixtures/gcr-2026-014/tender.xml",
                                        "fixtures/gcr-2026-014/bids"] + Self.areas)
        #expect(summary.status == 0, "stderr: \(summary.stderr)")
        #expect(summary.stdout.hasPrefix("# Assessment summary\n"))
        #expect(summary.stdout.contains("**To:** Clyde Build Ltd"))
    }

    /// A copy of the worked-example bid naming an area no table knows, in a temporary folder.
    static func bidWithUnknownArea() throws -> URL {
        let source = root.appendingPathComponent("fixtures/gcr-2026-014/bids/B-014-03.xml")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(text.contains("area=\"S01010049\""))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-unknown-area-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("B-014-90.xml")
        try Data(text.replacingOccurrences(of: "area=\"S01010049\"", with: "area=\"S01999999\"")
            .replacingOccurrences(of: "id=\"B-014-03\"", with: "id=\"B-014-90\"").utf8).write(to: file)
        return file
    }

    @Test func anUnknownAreaIsRefusedNamingTheBidAndWhere() throws {
        let file = try Self.bidWithUnknownArea()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids", file.path] + Self.areas)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        let line = run.stderr.split(separator: "\n").first { $0.contains("S01999999") }.map(String.init) ?? ""
        #expect(line.hasPrefix(file.path + ":"), "stderr: \(run.stderr)")
        #expect(line.contains("bid B-014-90"))
    }

    @Test func aMissingBidPathIsAnError() throws {
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids", "no/such/bid.xml"] + Self.areas)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no/such/bid.xml:1:1: no such file or folder"))
    }

    @Test func aBidIDUsedInTwoFilesIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-duplicate-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("copy-of-B-014-03.xml")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("fixtures/gcr-2026-014/bids/B-014-03.xml"), to: copy)
        let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids", copy.path] + Self.areas)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("bid id B-014-03 is also used at"), "stderr: \(run.stderr)")
    }

    @Test func everyFormatAndOutputFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-formats-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["text", "json", "csv", "html"] {
            let output = folder.appendingPathComponent("ranking.\(format)")
            let run = try Self.cbscore(["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids",
                                        "--format", format, "--output", output.path] + Self.areas)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            let written = try String(contentsOf: output, encoding: .utf8)
            #expect(written.contains("B-014-01"))
        }
    }

    static func checkGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        GoldenFile.check(actual, at: golden.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}
