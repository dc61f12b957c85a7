import Foundation
import Monitoring
import Testing

/// The monitoring commands, run as a user would, on a store set up through the library.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func cbscore(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try CrashSafetyTests.binary()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func storeWithOneReturn() throws -> MonitoringStore {
        let store = try temporaryStore()
        try award(store)
        try store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend(30_000)]), hash: "q3")
        return store
    }

    @Test func monitorOneContractAsJSON() throws {
        let store = try storeWithOneReturn()
        let run = try cbscore(["monitor", "C-1", "--as-of", "2026-09-30", "--format", "json", "--no-points", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("{\n  \"format\": \"cbscore.monitoring/1\""))
        #expect(run.stdout.contains("\"delivered\": \"30000\""))
    }

    @Test func monitorThePortfolioAsCSV() throws {
        let store = try storeWithOneReturn()
        let run = try cbscore(["monitor", "--as-of", "2026-09-30", "--format", "csv", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("supplier,Clyde Build Ltd,Job,posts,1,4,1,1,100,green,,\r\n"))
    }

    @Test func sameStoreSameBytes() throws {
        let store = try storeWithOneReturn()
        let args = ["monitor", "C-1", "--as-of", "2027-06-30", "--format", "html", "--no-points", "--db", store.path]
        #expect(try cbscore(args).stdout == cbscore(args).stdout)
    }

    @Test func monitorAnUnknownContractFails() throws {
        let store = try storeWithOneReturn()
        let run = try cbscore(["monitor", "C-404", "--as-of", "2026-09-30", "--db", store.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no contract 'C-404'"))
    }

    @Test func contractsListShowsTheContract() throws {
        let store = try storeWithOneReturn()
        let run = try cbscore(["contracts", "list", "--db", store.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("C-1  Clyde Build Ltd  bid B-1 (tender T-1)  2026-07-01 to 2027-06-30  4 commitments  1 periods returned"))
    }

    @Test func theDatabaseComesFromTheEnvironment() throws {
        let store = try storeWithOneReturn()
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

    @Test func aBadDateIsRefused() throws {
        let run = try cbscore(["monitor", "--as-of", "2026-02-30", "--db", "/nonexistent/x.sqlite"])
        #expect(run.status != 0)
    }
}
