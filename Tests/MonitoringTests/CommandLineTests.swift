import Foundation
import Monitoring
import Store
import TestSupport
import Testing

/// The monitoring commands, run as a user would, on a store set up through the library.
@Suite(.needsSharedData) struct CommandLineTests {
    typealias Run = ProcessOutput

    func cbscore(_ arguments: [String]) throws -> Run {
        try ChildProcess.run(try CrashSafetyTests.binary(), arguments)
    }

    func storeWithOneReturn() async throws -> EvaluationStore {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend(30_000)]), hash: "q3")
        return store
    }

    @Test func monitorOneContractAsJSON() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["monitor", "C-1", "--as-of", "2026-09-30", "--format", "json", "--no-points", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("{\n  \"format\": \"cbscore.monitoring/1\""))
        #expect(run.stdout.contains("\"delivered\": \"30000\""))
    }

    @Test func monitorThePortfolioAsCSV() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["monitor", "--as-of", "2026-09-30", "--format", "csv", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("supplier,Clyde Build Ltd,Job,posts,1,4,1,1,100,green,,\r\n"))
    }

    @Test func sameStoreSameBytes() async throws {
        let store = try await storeWithOneReturn()
        let args = ["monitor", "C-1", "--as-of", "2027-06-30", "--format", "html", "--no-points", "--db", store.path]
        #expect(try cbscore(args).stdout == cbscore(args).stdout)
    }

    @Test func monitorAnUnknownContractFails() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["monitor", "C-404", "--as-of", "2026-09-30", "--db", store.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no contract 'C-404'"))
    }

    @Test func contractsListShowsTheContract() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["contracts", "list", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("C-1  Clyde Build Ltd  bid B-1 (tender T-1)  2026-07-01 to 2027-06-30  4 commitments  1 periods returned"))
    }

    @Test func theDatabaseComesFromTheEnvironment() async throws {
        let store = try await storeWithOneReturn()
        let process = Process()
        process.executableURL = try CrashSafetyTests.binary()
        process.arguments = ["contracts", "list"]
        process.environment = ["CBSCORE_DB": store.path, "HOME": "/nonexistent"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.hasPrefix("C-1  "))
    }

    /// A reading command on a path with no store fails naming it, and creates nothing
    /// (issue 14): only award, import and `store init` create a store.
    @Test(arguments: [["contracts", "list"], ["monitor", "--as-of", "2026-09-30"], ["returns", "history", "C-1"]])
    func aReadingCommandOnAMissingStoreFailsAndCreatesNothing(command: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-no-store-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("monitoring.sqlite").path
        let run = try cbscore(command + ["--db", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--db \(path): no store here"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("cbscore store init"))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    /// Issue 14: a contract awarded by mistake is withdrawn, with who and why, and kept.
    @Test func contractsWithdrawRecordsWhoAndWhyAndTheReportsSaySo() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["contracts", "withdraw", "C-1", "--reason", "awarded to the wrong bid", "--by", "Ann Officer",
                               "--db", store.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("withdrew contract C-1: withdrawn "))
        #expect(run.stdout.hasSuffix(" by Ann Officer: awarded to the wrong bid (recorded)\n"))
        let list = try cbscore(["contracts", "list", "--db", store.path])
        #expect(list.stdout.contains(" by Ann Officer: awarded to the wrong bid\n"))
        #expect(list.stdout.contains("  WITHDRAWN 20"))
        let args = ["monitor", "C-1", "--as-of", "2026-09-30", "--no-points", "--db", store.path]
        let monitor = try cbscore(args)
        #expect(monitor.stdout.contains("\nWITHDRAWN: 20"))
        #expect(try cbscore(args).stdout == monitor.stdout)
        let again = try cbscore(["contracts", "withdraw", "C-1", "--reason", "again", "--by", "Bob", "--db", store.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("contract C-1 is already withdrawn"), "stderr: \(again.stderr)")
    }

    @Test func contractsWithdrawWithoutAReasonIsAUsageError() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["contracts", "withdraw", "C-1", "--by", "Ann Officer", "--db", store.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--reason"))
    }

    @Test func storeInitCreatesAnEmptyStoreOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-store-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("monitoring.sqlite").path
        let first = try cbscore(["store", "init", "--db", path])
        #expect(first.status == 0)
        #expect(first.stdout.contains("created an empty store"))
        #expect(try cbscore(["store", "init", "--db", path]).stdout.contains("already there; left as it is"))
        let list = try cbscore(["contracts", "list", "--db", path])
        #expect(list.status == 0)
        #expect(list.stdout == "no contracts\n")
    }

    @Test func monitorHTMLHasTheRankingReportsStyleAndProvenance() async throws {
        let store = try await storeWithOneReturn()
        let run = try cbscore(["monitor", "C-1", "--as-of", "2026-09-30", "--format", "html", "--no-points", "--db", store.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("--ink: #1b2631"))
        #expect(run.stdout.contains("<section id=\"provenance\">"))
        #expect(run.stdout.contains("<tr><th>Store</th><td><code>\(store.path)</code></td></tr>"))
        #expect(run.stdout.contains("<tr><th>As of</th><td>2026-09-30</td></tr>"))
        #expect(run.stdout.contains("Status: green at 90% of expected or more, amber from 70%"))
    }

    static let awardArguments = ["--contract", "C-A", "--start", "2026-07-01", "--end", "2027-06-30", "--areas", "../shared/data"]

    func runFromRoot(_ arguments: [String]) throws -> Run {
        try ChildProcess.run(try CrashSafetyTests.binary(), arguments,
                             in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                                 .deletingLastPathComponent())
    }

    @Test func awardRefusesABidOfAnotherTender() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-award-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try runFromRoot(["contracts", "award", "fixtures/monitoring/bid-B-031-02-awarded.xml",
                                   "--tender", "fixtures/gcr-2026-014/tender.xml", "--db", path] + Self.awardArguments)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bid B-031-02 answers tender GCR-2026-031, not GCR-2026-014"), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func awardOfABidExcludedAtAGateNeedsAnOverrideAndRecordsIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-award-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let arguments = ["contracts", "award", "fixtures/gcr-2026-014/bids/B-014-04.xml", "--tender", "fixtures/gcr-2026-014/tender.xml",
                         "--db", path] + Self.awardArguments
        let refused = try runFromRoot(arguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("bid B-014-04 fails Statutory minimum wage"), "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("--override REASON"))
        let awarded = try runFromRoot(arguments + ["--override", "Panel decision: wage rise agreed before award"])
        #expect(awarded.status == 0, "stderr: \(awarded.stderr)")
        let list = try runFromRoot(["contracts", "list", "--db", path])
        #expect(list.stdout.contains("awarded despite failing a gate: Panel decision: wage rise agreed before award"))
    }

    @Test func aBadDateIsRefused() async throws {
        let run = try cbscore(["monitor", "--as-of", "2026-02-30", "--db", "/nonexistent/x.sqlite"])
        #expect(run.status != 0)
    }

    /// The fixtures' story end to end: award, import (twice), then the report, compared
    /// byte for byte with its golden file (see `GoldenFile`).
    @Test func fixtureStoryThroughTheCommandLine() async throws {
        let root = FixtureStoryTests.root
        let f = root.appendingPathComponent("fixtures/monitoring").path
        let areas = root.appendingPathComponent("../shared/data/simd2020v2").standardized.path
        let db = try temporaryStore().path
        let award = try cbscore(["contracts", "award", "\(f)/bid-B-031-02-awarded.xml", "--tender", "\(f)/tender-GCR-2026-031.xml",
                                 "--contract", "C-2026-0311", "--start", "2026-07-01", "--end", "2027-06-30",
                                 "--areas", areas, "--no-area-cache", "--db", db])
        #expect(award.status == 0, "\(award.stderr)")
        let returns = ["return-2026-Q3.xml", "return-2026-Q4-resubmitted.xml", "return-2026-Q4.xml", "return-2027-Q1.xml",
                       "return-2027-Q2.xml"].map { "\(f)/\($0)" }
        let first = try cbscore(["returns", "import"] + returns + ["--areas", areas, "--no-area-cache", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("return-2026-Q4-resubmitted.xml: stored return C-2026-0311 2026-Q4, replacing return #2"))
        let again = try cbscore(["returns", "import", returns[4], "--areas", areas, "--no-area-cache", "--db", db])
        #expect(again.stdout.contains("already imported (same file); nothing changed"))
        let report = try cbscore(["monitor", "C-2026-0311", "--as-of", "2027-06-30", "--areas", areas, "--no-area-cache",
                                  "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        GoldenFile.check(report.stdout, at: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/fixture-story.txt"))
    }

    /// Issue 13.6: the re-submission imported first and the original later, in two commands,
    /// give the same report as both imported together; the second command says the original
    /// only joined the history. (Before, the original became current and the report went back
    /// to its figures.)
    @Test func anOriginalImportedAfterItsResubmissionChangesNothing() async throws {
        let root = FixtureStoryTests.root
        let f = root.appendingPathComponent("fixtures/monitoring").path
        let areas = root.appendingPathComponent("../shared/data/simd2020v2").standardized.path
        func story(_ commands: [[String]]) throws -> (outputs: [String], report: String) {
            let db = try temporaryStore().path
            let award = try cbscore(["contracts", "award", "\(f)/bid-B-031-02-awarded.xml", "--tender", "\(f)/tender-GCR-2026-031.xml",
                                     "--contract", "C-2026-0311", "--start", "2026-07-01", "--end", "2027-06-30",
                                     "--areas", areas, "--no-area-cache", "--db", db])
            #expect(award.status == 0, "\(award.stderr)")
            var outputs: [String] = []
            for files in commands {
                let run = try cbscore(["returns", "import"] + files.map { "\(f)/\($0)" } + ["--areas", areas, "--no-area-cache", "--db", db])
                #expect(run.status == 0, "\(run.stderr)")
                outputs.append(run.stdout)
            }
            let report = try cbscore(["monitor", "C-2026-0311", "--as-of", "2027-06-30", "--areas", areas, "--no-area-cache", "--db", db])
            return (outputs, report.stdout)
        }
        let together = try story([["return-2026-Q3.xml", "return-2026-Q4.xml", "return-2026-Q4-resubmitted.xml"]])
        let outOfOrder = try story([["return-2026-Q3.xml"], ["return-2026-Q4-resubmitted.xml"], ["return-2026-Q4.xml"]])
        #expect(outOfOrder.report == together.report)
        #expect(outOfOrder.outputs[2].contains("return-2026-Q4.xml: stored return C-2026-0311 2026-Q4 in the history only: "
                                               + "it was submitted before the current return #2 (submitted 2027-01-28), which still counts; nothing else changed"))
    }

    @Test func aBadReturnIsRefusedWithItsLocation() async throws {
        let store = try await storeWithOneReturn()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).xml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DeliveryReturn xmlns="urn:cbscore:return:1" contract="C-1" period="2026-Q4">
              <Submitted>2027-01-10</Submitted>
              <SupplyChainSpend ref="S7" kind="sme" amount="10.00"/>
            </DeliveryReturn>
            """.utf8).write(to: file)
        let run = try cbscore(["returns", "import", file.path, "--db", store.path, "--areas",
                               FixtureStoryTests.root.appendingPathComponent("../shared/data/simd2020v2").standardized.path,
                               "--no-area-cache"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(file.path):4:3: SupplyChainSpend/@ref: contract C-1 has no commitment 'S7'"))
        #expect(try await store.history(contract: "C-1").count == 1)
    }
}
