import Foundation
import Testing

/// Each mistake an officer can make on the command line gets a message that says what is
/// wrong and how to fix it, and the exit code says it failed (issue 14). One test per mistake.
@Suite struct MistakeTests {
    static let tender = "fixtures/gcr-2026-014/tender.xml"
    static let bids = "fixtures/gcr-2026-014/bids"
    static let sampleAreas = ["--areas", "fixtures/areas"]

    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func validateOnAFolderWithNoXMLFails() throws {
        let folder = try Self.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try RankCommandTests.cbscore(["validate", folder.path])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("all valid"))
        #expect(run.stderr.contains("no XML files (*.xml) found here, so nothing was checked"), "stderr: \(run.stderr)")
    }

    @Test func rankWithoutAreaTablesSaysSoOnceAndRanksNothing() throws {
        for extra in [[], ["--exclude-invalid"]] {
            let run = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids] + extra)
            #expect(run.status == 1, "with \(extra)")
            #expect(run.stdout.isEmpty, "with \(extra): nothing ranked")
            let told = run.stderr.components(separatedBy: "no deprivation tables are loaded").count - 1
            #expect(told == 1, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("--areas PATH"))
            #expect(!run.stderr.contains("use --exclude-invalid"))
        }
    }

    @Test func excludeInvalidNeverRanksZeroBidsWithSuccess() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, "fixtures/invalid/malformed.xml", "--exclude-invalid"] + Self.sampleAreas)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no bid is left to rank"), "stderr: \(run.stderr)")
    }

    @Test func theTenderAmongTheBidsIsTheTender() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, "fixtures/gcr-2026-014"] + Self.sampleAreas)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Ranking (6 ranked, 2 excluded, 0 refused)"))
        #expect(run.stderr.contains("fixtures/gcr-2026-014/tender.xml: note: this is the tender"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("refused"))
    }

    @Test func oneBrokenTenderInValidateIsReportedOnce() throws {
        let folder = try Self.temporaryFolder("broken-tender")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bidsFolder = RankCommandTests.root.appendingPathComponent(Self.bids)
        for name in try FileManager.default.contentsOfDirectory(atPath: bidsFolder.path) where name.hasSuffix(".xml") {
            try FileManager.default.copyItem(at: bidsFolder.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let tender = try String(contentsOf: RankCommandTests.root.appendingPathComponent(Self.tender), encoding: .utf8)
        try Data(tender.replacingOccurrences(of: "<Title>", with: "<Title><Oops>").utf8).write(to: folder.appendingPathComponent("tender.xml"))
        let run = try RankCommandTests.cbscore(["validate", folder.path])
        #expect(run.status == 1)
        let errorLines = run.stderr.split(separator: "\n").filter { $0.hasPrefix(folder.path) }
        #expect(errorLines.allSatisfy { $0.hasPrefix(folder.appendingPathComponent("tender.xml").path) }, "stderr: \(run.stderr)")
        #expect(!errorLines.isEmpty)
    }

    @Test func writingToAMissingFolderNamesThePathInWords() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "-o", "/nonexistent-cbscore/out/ranking.txt"] + Self.sampleAreas)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write /nonexistent-cbscore/out/ranking.txt: the folder /nonexistent-cbscore/out does not exist"),
                "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func exitCodesAreInTheHelp() throws {
        let run = try RankCommandTests.cbscore(["--help"])
        #expect(run.status == 0)
        let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for code in ["0 done", "1 the inputs have problems", "64 the command line is wrong"] {
            #expect(help.contains(code), "help: \(run.stdout)")
        }
        let readme = try String(contentsOf: RankCommandTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("**Exit codes**"))
        #expect(readme.contains("`64` the command"))
    }

    @Test func aWrongCommandLineExits64() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "--no-such-option"])
        #expect(run.status == 64)
    }

    @Test func schemeAndOutputOptionsAgreeAcrossCommands() throws {
        let folder = try Self.temporaryFolder("options")
        defer { try? FileManager.default.removeItem(at: folder) }
        let byScheme = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "--scheme", "rules/gcr-2026.cbs", "-o",
                                                     folder.appendingPathComponent("a.txt").path] + Self.sampleAreas)
        let byRules = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "--rules", "rules/gcr-2026.cbs", "--output",
                                                    folder.appendingPathComponent("b.txt").path] + Self.sampleAreas)
        #expect(byScheme.status == 0, "stderr: \(byScheme.stderr)")
        #expect(byRules.status == 0, "stderr: \(byRules.stderr)")
        let a = try Data(contentsOf: folder.appendingPathComponent("a.txt"))
        #expect(a == (try Data(contentsOf: folder.appendingPathComponent("b.txt"))))
        let summary = try RankCommandTests.cbscore(["summary", "B-014-03", "--tender", Self.tender, Self.bids, "--scheme", "rules/gcr-2026.cbs",
                                                    "-o", folder.appendingPathComponent("s.md").path] + Self.sampleAreas)
        #expect(summary.status == 0, "stderr: \(summary.stderr)")
        for command in [["rank"], ["summary"], ["monitor"], ["contracts", "award"]] {
            let help = try RankCommandTests.cbscore(command + ["--help"])
            #expect(help.stdout.contains("--scheme"), "\(command) help")
        }
    }

    @Test func explainWithJSONGivesTheResultDocumentOfThatBid() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "--explain", "B-014-03", "--format", "json"] + Self.sampleAreas)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "cbscore.result/1")
        let bids = try #require(object["bids"] as? [[String: Any]])
        #expect(bids.map { $0["id"] as? String } == ["B-014-03"])
        #expect(bids.first?["rank"] as? Int == 2)
    }

    @Test func explainWithATableFormatSaysItCannot() throws {
        let run = try RankCommandTests.cbscore(["rank", Self.tender, Self.bids, "--explain", "B-014-03", "--format", "csv"] + Self.sampleAreas)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--explain gives text or JSON"), "stderr: \(run.stderr)")
    }

    @Test func readmeFirstCommandPreparesAFreshMachineAndKeepsTheResultVisible() throws {
        let readme = try String(contentsOf: RankCommandTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let first = try #require(readme.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        #expect(first.hasPrefix("apt-get update && apt-get install"))
        #expect(first.contains("swift run -c release --quiet cbscore rank"))
        #expect(readme.contains("Swift 6 toolchain"))
    }
}
