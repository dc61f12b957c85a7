import Documents
import Foundation
import Monitoring
@testable import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Several processes writing one store: every return stored exactly once, and a killed
/// importer leaves each of its files all or nothing. Runs the built `cbscore-server`
/// (`returns import`) as child processes against each backend.
@Suite(.serialized) struct ProcessTests {
    static let contracts = ["C-A", "C-B", "C-C", "C-D"]
    /// 50 quarters per contract, 2000-Q1 to 2012-Q2: 200 returns in all.
    static let quarters = (0..<50).map { "\(2000 + $0 / 4)-Q\($0 % 4 + 1)" }

    /// 200 return files (each with a hire, spend and a leaver), in a new folder.
    static func writeReturns() throws -> [String] {
        let folder = try TestStores.temporaryFile("returns")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for contract in contracts {
            for (n, quarter) in quarters.enumerated() {
                let period = ReturnPeriod(quarter)!
                let xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DeliveryReturn xmlns="urn:cbscore:return:1" contract="\(contract)" period="\(quarter)">
                      <Submitted>\(period.end.adding(days: 10))</Submitted>
                      <Hire ref="J1" person="P-\(contract)-\(n)" start="\(period.start)" fte="1.0" hourlyRate="13.60"/>
                      <SupplyChainSpend ref="S1" kind="sme" amount="\(1000 + n).25"/>
                      <Leaver person="P-\(contract)-\(max(0, n - 3))" date="\(period.end)"/>
                    </DeliveryReturn>

                    """
                let path = "\(folder)/\(contract)-\(quarter).xml"
                try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
        }
        return paths
    }

    static func storeArguments(_ store: EvaluationStore) -> [String] {
        if let sqlite = store.backend as? SQLiteBackend { return ["--db", sqlite.path] }
        return ["--database-url", store.backend.location]
    }

    static func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try TestStores.binary("cbscore-server")
        process.arguments = arguments
        process.environment = ["CBSCORE_AREAS": "", "HOME": FileManager.default.temporaryDirectory.path,
                               "CBSCORE_CACHE_DIR": FileManager.default.temporaryDirectory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func awardAll(_ store: EvaluationStore) async throws {
        for id in contracts { try await award(store, id: id, start: "2000-01-01", end: "2012-06-30") }
    }

    /// Every return stored exactly once with all three items, or (`allowMissing`) not at all.
    static func expectEachReturnOnceOrNot(_ store: EvaluationStore, allowMissing: Bool,
                                          sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let rows = try await store.backend.read { tx in
            try tx.rows("""
                SELECT r.contract_id, r.period, count(*) OVER (PARTITION BY r.contract_id, r.period),
                       (SELECT count(*) FROM return_items i WHERE i.return_id = r.id), r.superseded_by
                FROM returns r ORDER BY r.contract_id, r.period
                """, []).map { try ($0.text(0), $0.text(1), $0.int(2), $0.int(3), $0.optionalInt64(4)) }
        }
        #expect(rows.allSatisfy { $0.2 == 1 }, "a return stored twice", sourceLocation: sourceLocation)
        #expect(rows.allSatisfy { $0.3 == 3 }, "a return stored in part", sourceLocation: sourceLocation)
        #expect(rows.allSatisfy { $0.4 == nil }, sourceLocation: sourceLocation)
        if !allowMissing { #expect(rows.count == 200, sourceLocation: sourceLocation) }
        // The summaries agree with the returns, whatever was interleaved (both read in one
        // transaction: another importer may still be writing).
        for asOf in ["2003-06-30", "2012-06-30"].map(date) {
            let (summaries, returns) = try await store.backend.read { tx in
                (try StoreCore.portfolio(asOf: asOf, thresholds: .schemeDefaults, in: tx),
                 try StoreCore.portfolioFromReturns(asOf: asOf, thresholds: .schemeDefaults, in: tx))
            }
            #expect(summaries == returns, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: TestStores.kinds)
    func fourProcessesImportingTheSame200ReturnsStoreEachOnce(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await Self.awardAll(store)
        let paths = try Self.writeReturns()
        // Each process imports all 200 files (in its own sorted order; the files of one contract
        // collide): 200 stored, 600 unchanged, no error.
        var processes: [Process] = []
        for _ in 0..<4 {
            processes.append(try Self.launch(["returns", "import"] + paths + Self.storeArguments(store)))
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
        try await Self.expectEachReturnOnceOrNot(store, allowMissing: false)
        let log = try await store.importLog()
        #expect(log.count == 800)
        #expect(log.filter { $0.result == .stored }.count == 200)
        #expect(log.filter { $0.result == .unchanged }.count == 600)
    }

    static func logged(_ store: EvaluationStore) async throws -> Int {
        try await store.backend.read { tx in try tx.row("SELECT count(*) FROM import_log")?.int(0) ?? 0 }
    }

    /// Three rounds, each on a new store: two importers of the 200 returns at once; one is
    /// killed with SIGKILL once a random number of imports (1 to 150) has been logged, the
    /// store is checked while the other goes on, and again when it has finished. The moment is
    /// chosen by progress, not by time, and below the victim's own 200, so the kill lands
    /// mid-run however slowly the other importer goes (with up to 300, a loaded machine let
    /// the victim finish first in every round now and then).
    @Test(arguments: TestStores.kinds)
    func killingImportersAtRandomMomentsLeavesEachReturnWholeOrAbsent(_ kind: StoreKind) async throws {
        let paths = try Self.writeReturns()
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for _ in 0..<3 {
            let store = try TestStores.fresh(kind)
            try await Self.awardAll(store)
            let target = Int.random(in: 1...150, using: &generator)
            let victim = try Self.launch(["returns", "import"] + paths.shuffled(using: &generator) + Self.storeArguments(store))
            let other = try Self.launch(["returns", "import"] + paths.reversed() + Self.storeArguments(store))
            while victim.isRunning, try await Self.logged(store) < target { usleep(1_000) }
            if victim.isRunning {
                kill(victim.processIdentifier, SIGKILL)
                killed += 1
            }
            victim.waitUntilExit()
            try await Self.expectEachReturnOnceOrNot(store, allowMissing: true)
            other.waitUntilExit()
            #expect(other.terminationStatus == 0)
            try await Self.expectEachReturnOnceOrNot(store, allowMissing: false)
        }
        #expect(killed > 0, "every importer finished before it could be killed")
    }

    /// Whether an import's transaction is writing its items now.
    static func importInFlight(_ store: EvaluationStore) async throws -> Bool {
        if let sqlite = store.backend as? SQLiteBackend {
            let size = (try? FileManager.default.attributesOfItem(atPath: sqlite.path + "-wal"))?[.size] as? Int ?? 0
            return size > 100_000
        }
        return try await store.backend.read { tx in
            try tx.row("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND state = 'active' AND query LIKE 'INSERT INTO return_items%'
                """)?.int(0) ?? 0
        } > 0
    }

    /// One large return (15,000 hires) killed while its transaction is writing: nothing of it
    /// is stored, not even its log entry, and the store reads back sound.
    @Test(arguments: TestStores.kinds)
    func anImporterKilledMidTransactionLeavesNothing(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store, id: "C-1")
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DeliveryReturn xmlns="urn:cbscore:return:1" contract="C-1" period="2026-Q3">
              <Submitted>2026-10-14</Submitted>

            """
        for n in 0..<15_000 {
            xml += "  <Hire ref=\"J1\" person=\"P-\(n)\" start=\"2026-07-01\" fte=\"1.0\" hourlyRate=\"13.60\"/>\n"
        }
        xml += "</DeliveryReturn>\n"
        let file = try TestStores.temporaryFile("large.xml")
        try Data(xml.utf8).write(to: URL(fileURLWithPath: file))
        let process = try Self.launch(["returns", "import", file] + Self.storeArguments(store))
        let deadline = Date().addingTimeInterval(120)
        var caught = false
        while process.isRunning, Date() < deadline {
            if try await Self.importInFlight(store) {
                caught = true
                break
            }
            usleep(2_000)
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(caught && wasRunning, "the import was not caught writing; raise the number of hires")
        let counts = try await store.backend.read { tx in
            try ["returns", "return_items", "delivery_summaries", "import_log"].map { t in
                try tx.row("SELECT count(*) FROM \(t)")?.int(0) ?? -1
            }
        }
        #expect(counts == [0, 0, 0, 0])
        if let sqlite = store.backend as? SQLiteBackend { #expect(try sqlite.integrityCheck() == "ok") }
        // The store goes on: the same file imported again lands whole.
        let again = try Self.launch(["returns", "import", file] + Self.storeArguments(store))
        again.waitUntilExit()
        #expect(try await store.history(contract: "C-1").map(\.items) == [15_000])
    }
}
