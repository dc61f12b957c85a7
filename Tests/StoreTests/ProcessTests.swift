import Documents
import Foundation
import Monitoring
import Store
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
        // The summaries agree with the returns, whatever was interleaved.
        for asOf in ["2003-06-30", "2012-06-30"].map(date) {
            #expect(try await store.portfolio(asOf: asOf) == store.portfolioFromReturns(asOf: asOf), sourceLocation: sourceLocation)
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

    @Test(arguments: TestStores.kinds)
    func killingImportersAtRandomMomentsLeavesEachReturnWholeOrAbsent(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await Self.awardAll(store)
        let paths = try Self.writeReturns()
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        // Four rounds: two importers at once, one of them killed after a random wait.
        for round in 0..<4 {
            let victim = try Self.launch(["returns", "import"] + paths.shuffled(using: &generator) + Self.storeArguments(store))
            let other = try Self.launch(["returns", "import"] + paths.reversed() + Self.storeArguments(store))
            usleep(UInt32.random(in: 200_000...(1_200_000 + UInt32(round) * 300_000), using: &generator))
            if victim.isRunning {
                kill(victim.processIdentifier, SIGKILL)
                killed += 1
            }
            victim.waitUntilExit()
            kill(other.processIdentifier, SIGKILL)
            other.waitUntilExit()
            try await Self.expectEachReturnOnceOrNot(store, allowMissing: true)
        }
        #expect(killed > 0, "no importer was still running when killed")
        // A last import completes what the killed ones left: each return exactly once.
        let last = try Self.launch(["returns", "import"] + paths + Self.storeArguments(store))
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        try await Self.expectEachReturnOnceOrNot(store, allowMissing: false)
    }
}
