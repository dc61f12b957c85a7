import Documents
import Foundation
import Monitoring
import Scoring
import Store
import StorePostgres
import Testing

/// What the annual report keeps in the store (annual-report.md): the award's facts, filled for
/// contracts of earlier versions by the migration (SQLite v5, PostgreSQL v2), and background
/// answers, on both backends.
@Suite struct AnnualStoreTests {
    static let schemeText = """
        scheme "Young people first"
        constant priority_groups = groups young-person, care-experienced
        line jobs "Jobs" for each job
          points 10 × job.count
        end
        """

    /// Opens the same store again (a new process starting on it).
    static func reopen(_ kind: StoreKind, _ location: String) throws -> EvaluationStore {
        switch kind {
        case .sqlite: EvaluationStore(backend: try SQLiteBackend(path: location), now: TestStores.fixedNow)
        case .postgres: EvaluationStore(backend: try PostgresBackend(url: location), now: TestStores.fixedNow)
        }
    }

    /// A store as an earlier version left it: the contracts without award date or facts, no
    /// background table, the migration not recorded.
    static func forgetTheAnnualReport(_ store: EvaluationStore) async throws {
        try await store.backend.write { tx in
            for column in ["value", "value_currency", "supplier_id", "sme", "third_sector", "priority_groups"] {
                try tx.execute("ALTER TABLE contracts DROP COLUMN \(column)")
            }
            try tx.execute("UPDATE contracts SET awarded = NULL")
            try tx.execute("DROP TABLE backgrounds")
            try tx.execute("ALTER TABLE return_items DROP COLUMN qualification")
            if tx.dialect == .sqlite {
                try tx.execute("DELETE FROM grdb_migrations WHERE identifier = 'v5-annual-report'")
            } else {
                try tx.execute("DELETE FROM cbscore_migrations WHERE id = 'v2'")
            }
            return 0
        }
    }

    @Test(arguments: TestStores.kinds)
    func storesOfEarlierVersionsGetTheAwardDateAndFacts(_ kind: StoreKind) async throws {
        let location = kind == .sqlite ? try TestStores.temporaryFile("old.sqlite") : try TestStores.freshDatabaseURL()
        let store = try Self.reopen(kind, location)
        // C-1 under a scheme the store does not hold; C-2 under one it holds (the service keeps
        // schemes), which declares its own priority groups.
        try await award(store, id: "C-1")
        let sha = "0f0f"
        #expect(try await store.addScheme(StoredScheme(sha256: sha, name: "Young people first", version: nil, file: "young.cbs",
                                                       text: Self.schemeText)))
        let bid = sampleBid(bidder: "Forth Facilities Ltd")
        _ = try await store.award(Award(contractID: "C-2", bid: bid, start: date("2026-09-01"), end: date("2027-08-31"),
                                        bidFile: "b.xml", bidSHA256: "b2", scheme: SchemeReference(name: "Young people first", file: "young.cbs", sha256: sha),
                                        committedPoints: ScoredPoints(lines: [], total: 0)), areas: TestAreas())
        try await Self.forgetTheAnnualReport(store)
        try await store.close()

        let migrated = try Self.reopen(kind, location)
        let contracts = try await migrated.contracts()
        #expect(contracts.map(\.awarded) == [date("2026-07-01"), date("2026-09-01")])  // the start dates
        #expect(contracts[0].facts == AwardFacts(value: Money(Exact(2_000_000)), supplierID: "Clyde Build Ltd", sme: true,
                                                 thirdSector: false, priorityGroups: AwardFacts.defaultPriorityGroups))
        #expect(contracts[1].facts.priorityGroups == [.careExperienced, .youngPerson])
        try await migrated.close()
    }

    @Test(arguments: TestStores.kinds)
    func backgroundAnswersAreKeptAndOnlyCounted(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        var items: [ReturnItem] = []
        for i in 1...6 {
            items.append(.hire(Hire(ref: "J1", person: "P\(i)", start: date("2026-07-0\(i)"), fte: 1,
                                    hourlyRate: Money(Exact(decimal: "13.60")!), area: AreaReference("S01010206", at: here),
                                    targetGroups: [.youngPerson],
                                    background: Background(parentalOccupation: i <= 5 ? .routine : .preferNotToSay,
                                                           school: .state, freeSchoolMeals: i <= 5 ? .yes : nil),
                                    location: here)))
        }
        try await store.importing(deliveryReturn("2026-Q3", items), hash: "q3")
        let report = try await store.annualReport(from: date("2026-04-01"), to: date("2027-03-31"))
        // 6 people: 5 of lower background, 1 prefer-not-to-say (not recorded, withheld as 1,
        // with the lower count beside it since 6 − 1 would give it away when 6 is known).
        #expect(report.background.people.count == 6)
        #expect(report.background.groups[3].figure.withheld)
        #expect(report.background.school[0].figure.count == 6)
        #expect(report.contracts.map(\.contractID) == ["C-1"])
        // The portfolio counts the same people.
        let portfolio = try await store.portfolio(asOf: date("2027-03-31"))
        #expect(portfolio.background?.people.count == 6)
        // A copy to a new store keeps them: the same report.
        let copy = try TestStores.fresh(kind)
        _ = try await store.copy(to: copy)
        #expect(try await copy.annualReport(from: date("2026-04-01"), to: date("2027-03-31")) == report)
    }
}
