import Documents
import Foundation
import Monitoring
import Scoring
import Store
import StorePostgres
import Testing

/// Contracts and returns, the same on every backend.
@Suite struct MonitoringStoreTests {
    @Test(.enabled(if: TestStores.postgresRuns, TestStores.skipReason))
    func postgresIsReachable() async throws {
        let store = try await EvaluationStore.postgres(url: try TestStores.freshDatabaseURL())
        #expect(try await store.backend.appliedMigrations() == ["v1", "v2", "v3"])
        try await store.close()
    }

    @Test(arguments: TestStores.kinds)
    func anAwardReadsBackAsWritten(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store, id: "C-2", bidder: "Ávila & Søn Ltd")
        try await award(store, id: "C-10")
        #expect(try await store.contracts().map(\.contractID) == ["C-10", "C-2"])  // byte order, not locale
        let contract = try #require(try await store.contract("C-2"))
        #expect(contract.summary.supplier == "Ávila & Søn Ltd")
        #expect(contract.bid == sampleBid(bidder: "Ávila & Søn Ltd"))
        #expect(contract.summary.committedPoints.total == (try Exact(numerator: 560, denominator: 9)))
        #expect(contract.terms.commitments.map(\.committed) == [4, Exact(decimal: "120000.50")!])
        #expect(contract.terms.commitments.first?.areaDeprived == true)
        // No award date given: the start date (annual-report.md).
        #expect(contract.summary.details == AwardDetails(awarded: contract.summary.start))
        #expect(contract.summary.facts == AwardFacts(value: Money(Exact(2_000_000)), supplierID: "Ávila & Søn Ltd", sme: true,
                                                     thirdSector: false, priorityGroups: AwardFacts.defaultPriorityGroups))
    }

    @Test(arguments: TestStores.kinds)
    func awardingAnIdTwiceIsRefusedAndChangesNothing(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        await #expect(throws: DiagnosticsError.self) { try await award(store, bidder: "Other Ltd") }
        #expect(try await store.contracts().map(\.supplier) == ["Clyde Build Ltd"])
    }

    @Test(arguments: TestStores.kinds)
    func exactNumbersAreStoredAsTextAndReadBackExactly(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01", fte: "0.35"),
                                                            spend("0.10"), spend("12345678901234567.89")]), hash: "a")
        let items = try await store.items(contract: "C-1", asOf: date("2026-12-31"))
        #expect(items.map(\.quantity) == [1, Exact(decimal: "0.10")!, Exact(decimal: "12345678901234567.89")!])
        #expect(items.first?.fte == Exact(decimal: "0.35")!)
        let raw = try await store.backend.read { tx in
            try tx.rows("SELECT quantity, fte, hourly_rate FROM return_items ORDER BY seq", []).map { $0.values }
        }
        #expect(raw == [[.text("1"), .text("0.35"), .text("13.6")], [.text("0.1"), .null, .null],
                        [.text("12345678901234567.89"), .null, .null]])
        let total = try await store.backend.read { tx in try tx.row("SELECT committed_points_total FROM contracts")?.values }
        #expect(total == [.text("560/9")])
    }

    @Test(arguments: TestStores.kinds)
    func storedReplacedUnchangedAndTheLog(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        let first = try await store.importing(deliveryReturn("2026-Q3", [spend("1000")]), hash: "v1")
        let second = try await store.importing(deliveryReturn("2026-Q3", submitted: "2026-10-20", [spend("3000")]), hash: "v2")
        let again = try await store.importing(deliveryReturn("2026-Q3", submitted: "2026-10-20", [spend("3000")]), hash: "v2")
        #expect([first.result, second.result, again.result] == [.stored, .replaced, .unchanged])
        #expect(second.replacedReturnID == first.returnID)
        let history = try await store.history(contract: "C-1")
        #expect(history.map(\.supersededBy) == [second.returnID, nil])
        #expect(try await store.importLog().map(\.result) == [.stored, .replaced, .unchanged])
        #expect(try await store.importLog().map(\.at) == Array(repeating: "2026-11-21T00:00:00Z", count: 3))
    }

    @Test(arguments: TestStores.kinds)
    func aRefusedReturnStoresNothingButItsLogEntry(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        let outcome = try await store.importing(deliveryReturn("2026-Q3", [spend("10"), hire("P1", start: "2026-07-02", area: "S99999999")]),
                                                hash: "bad")
        #expect(outcome.result == .refused)
        #expect(outcome.diagnostics.map(\.id) == ["monitoring.unknown-area"])
        #expect(try await store.history(contract: "C-1").isEmpty)
        let counts = try await store.backend.read { tx in
            try ["returns", "return_items", "delivery_summaries", "import_log"].map { t in
                try tx.row("SELECT count(*) FROM \(t)")?.int(0) ?? -1
            }
        }
        #expect(counts == [0, 0, 0, 1])
        let unknown = try await store.importing(deliveryReturn("2026-Q3", contract: "C-404", [spend("1")]), hash: "x")
        #expect(unknown.diagnostics.map(\.id) == ["monitoring.unknown-contract"])
    }

    // Issue 13.6: which submission counts does not depend on import order.

    @Test(arguments: TestStores.kinds)
    func anOlderSubmissionImportedLaterOnlyJoinsTheHistory(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        let resubmission = try await store.importing(deliveryReturn("2026-Q4", submitted: "2026-10-20", [spend("5000")]), hash: "late")
        let original = try await store.importing(deliveryReturn("2026-Q4", submitted: "2026-10-05", [spend("2000")]), hash: "early")
        #expect(resubmission.result == .stored && resubmission.current)
        #expect(original.result == .stored)
        #expect(original.current == false)
        #expect(original.currentReturnID == resubmission.returnID)
        #expect(original.message.contains("in the history only"))
        #expect(original.message.contains("submitted 2026-10-20"))
        #expect(try await store.items(contract: "C-1", asOf: date("2027-01-01")).map(\.quantity) == [5000])
        let history = try await store.history(contract: "C-1")
        #expect(history.map(\.submitted) == [date("2026-10-20"), date("2026-10-05")])
        #expect(history.map(\.current) == [true, false])
    }

    @Test(arguments: TestStores.kinds)
    func importOrderDoesNotChangeWhatCounts(_ kind: StoreKind) async throws {
        let returns = [
            (deliveryReturn("2026-Q3", submitted: "2026-10-02", [hire("P1", start: "2026-07-01"), spend("100")]), "q3"),
            (deliveryReturn("2026-Q4", submitted: "2027-01-05", [hire("P2", start: "2026-10-03"), spend("200")]), "q4a"),
            (deliveryReturn("2026-Q4", submitted: "2027-01-20", [hire("P3", start: "2026-10-04", area: "S01008000"), spend("250")]), "q4b"),
            (deliveryReturn("2027-Q1", submitted: "2027-04-02", [spend("300")]), "q1"),
        ]
        var portfolios: [Portfolio] = []
        var progresses: [ContractProgress] = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            let store = try TestStores.fresh(kind)
            try await award(store)
            for i in order { try await store.importing(returns[i].0, hash: returns[i].1) }
            let asOf = date("2027-06-30")
            portfolios.append(try await store.portfolio(asOf: asOf))
            #expect(try await store.portfolioFromReturns(asOf: asOf) == portfolios.last)
            progresses.append(try #require(try await store.progress(contract: "C-1", asOf: asOf)))
        }
        #expect(Set(portfolios).count == 1)
        #expect(Set(progresses).count == 1)
        let spend = progresses[0].commitments.first { $0.ref == "S1" }?.delivered
        #expect(spend == 650)  // 100 + 250 (the later Q4) + 300
    }

    @Test(arguments: TestStores.kinds)
    func onTheSameSubmittedDateTheLaterImportCounts(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [spend("1")]), hash: "a")
        let later = try await store.importing(deliveryReturn("2026-Q3", [spend("2")]), hash: "b")
        #expect(later.result == .replaced)
        #expect(try await store.items(contract: "C-1", asOf: date("2027-01-01")).map(\.quantity) == [2])
    }

    @Test(arguments: TestStores.kinds)
    func summariesGiveTheSamePortfolioAsTheReturns(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store, id: "C-1")
        try await award(store, id: "C-2", bidder: "Forth Works")
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend("1000")]), hash: "1")
        try await store.importing(deliveryReturn("2026-Q4", contract: "C-2", [hire("P9", start: "2026-10-01", area: "S01012000")]), hash: "2")
        try await store.importing(deliveryReturn("2026-Q3", submitted: "2026-11-01", [hire("P2", start: "2026-07-02", area: nil)]), hash: "3")
        var day = date("2026-06-30")
        while day <= date("2027-07-01") {
            #expect(try await store.portfolio(asOf: day) == store.portfolioFromReturns(asOf: day), "as of \(day)")
            day = day.adding(days: 13)
        }
    }

    @Test(arguments: TestStores.kinds)
    func migrationsAreRecordedAndANewerStoreIsRefused(_ kind: StoreKind) async throws {
        let backend = try TestStores.freshBackend(kind)
        let applied = try await backend.appliedMigrations()
        #expect(applied == (kind == .sqlite ? ["v1", "v2-delivery-summaries", "v3-evaluation", "v4-current-is-latest-submitted",
                                               "v5-annual-report", "v6-contract-withdrawals"] : ["v1", "v2", "v3"]))
        try await backend.write { tx in
            if tx.dialect == .sqlite {
                try tx.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
            } else {
                try tx.execute("INSERT INTO cbscore_migrations (id, applied_order, applied_at) VALUES ('v9-future', 99, 'x')")
            }
        }
        #expect(throws: StoreError.newerVersion(migrations: ["v9-future"])) {
            _ = kind == .sqlite ? try SQLiteBackend(path: (backend as! SQLiteBackend).path) as any StoreBackend
                : try TestStores.reopen(backend)
        }
    }
}

extension TestStores {
    /// Opens the same PostgreSQL database again (running the migration check).
    static func reopen(_ backend: any StoreBackend) throws -> any StoreBackend {
        // The location is the URL without a password; the test server trusts local users.
        try PostgresBackend(url: (backend as! PostgresBackend).location)
    }
}

@Suite struct ReturnsDueTests {
    @Test(arguments: TestStores.kinds)
    func returnsAreDueAfterThePeriodAndOverdueAfterTheGrace(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store, id: "C-1", start: "2026-08-15", end: "2027-02-10")   // quarterly, 30 days' grace
        _ = try await store.award(Award(
            contractID: "C-M", bid: sampleBid(), start: date("2026-07-01"), end: date("2027-06-30"), bidFile: "b.xml",
            bidSHA256: "b", scheme: .init(name: "t", file: "t", sha256: "t"), committedPoints: ScoredPoints(lines: [], total: 1),
            details: AwardDetails(reporting: .monthly, graceDays: 10)), areas: TestAreas())
        try await store.importing(deliveryReturn("2026-Q3", [spend("1")]), hash: "q3")
        try await store.importing(deliveryReturn("2026-08", contract: "C-M", [spend("1")]), hash: "m8")
        let due = try await store.returnsDue(asOf: date("2026-11-05"))
        #expect(due.map { "\($0.contractID) \($0.period) \($0.overdue)" } == ["C-M 2026-07 true", "C-M 2026-09 true", "C-M 2026-10 false"])
        #expect(due.first?.overdueFrom == date("2026-08-11"))
        let later = try await store.returnsDue(asOf: date("2027-06-30"), contracts: ["C-1"])
        // 2026-Q4 overdue; 2027-Q1 (the term ends within it) overdue; nothing after the end.
        #expect(later.map { "\($0.period) \($0.overdue)" } == ["2026-Q4 true", "2027-Q1 true"])
    }
}
