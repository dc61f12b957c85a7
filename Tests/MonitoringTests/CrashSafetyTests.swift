import Foundation
import Monitoring
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The store against real processes: a killed import leaves all or nothing of its file, and
/// two imports at once both land. Runs the built `cbscore` binary.
@Suite(.serialized) struct CrashSafetyTests {
    static func binary() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("cbscore")) }
        candidates.append(root.appendingPathComponent(".build/debug/cbscore"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    /// A return of `hires` hires (no areas, so no tables are needed) written to a temporary file.
    func largeReturn(contract: String, hires: Int) throws -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DeliveryReturn xmlns="urn:cbscore:return:1" contract="\(contract)" period="2026-Q3">
              <Submitted>2026-10-14</Submitted>

            """
        xml.reserveCapacity(hires * 100)
        for n in 0..<hires {
            xml += "  <Hire ref=\"J1\" person=\"P-\(n)\" start=\"2026-07-01\" fte=\"1.0\" hourlyRate=\"13.60\"/>\n"
        }
        xml += "</DeliveryReturn>\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(contract)-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: url)
        return url.path
    }

    /// `cbscore returns import FILE` as a child process.
    func launchImport(db: String, contract: String, hires: Int) throws -> Process {
        let file = try largeReturn(contract: contract, hires: hires)
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["returns", "import", file, "--db", db]
        process.environment = ["CBSCORE_AREAS": "", "HOME": FileManager.default.temporaryDirectory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func killedImportLeavesAllOrNothing() async throws {
        let store = try temporaryStore()
        try await award(store)
        let hires = 60_000
        let process = try launchImport(db: store.path, contract: "C-1", hires: hires)
        // Wait until the import's transaction is writing pages (the WAL grows), then kill it.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, fileSize(store.path + "-wal") < 500_000, Date() < deadline {
            usleep(5_000)
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the import finished before it could be killed; raise `hires`")

        let reopened = try EvaluationStore.sqlite(path: store.path)
        #expect(try reopened.sqlite.integrityCheck() == "ok")
        let history = try await reopened.history(contract: "C-1")
        let items = try await reopened.items(contract: "C-1", asOf: date("2027-01-01"))
        let log = try await reopened.importLog()
        // All of the file or none of it, never a part.
        if history.isEmpty {
            #expect(items.isEmpty)
            #expect(log.isEmpty)
        } else {
            #expect(history.count == 1)
            #expect(history.first?.items == hires)
            #expect(items.count == hires)
            #expect(log.map(\.result) == [.stored])
        }
    }

    @Test func twoImportsAtOnceBothLand() async throws {
        let store = try temporaryStore()
        try await award(store, id: "C-1")
        try await award(store, id: "C-2")
        let first = try launchImport(db: store.path, contract: "C-1", hires: 10_000)
        let second = try launchImport(db: store.path, contract: "C-2", hires: 10_000)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        #expect(try await store.history(contract: "C-1").map(\.items) == [10_000])
        #expect(try await store.history(contract: "C-2").map(\.items) == [10_000])
        #expect(try await store.importLog().map(\.result) == [.stored, .stored])
    }
}
