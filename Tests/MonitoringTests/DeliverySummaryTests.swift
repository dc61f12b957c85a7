import Documents
import Foundation
@testable import Monitoring
@testable import Store
import TestSupport
import Testing

/// The portfolio read from the delivery summaries must equal the one recomputed from every
/// returned item, for any as-of date, after re-submissions and after the v2 migration.
@Suite struct DeliverySummaryTests {
    /// Before the start, each period's first, next-to-last and last day, after the end.
    static func datesAround(_ periods: [String]) -> [CalendarDate] {
        var dates = [date("2026-01-01"), date("2026-06-30"), date("2028-12-31")]
        for text in periods {
            let period = ReturnPeriod(text)!
            dates += [period.start.adding(days: -1), period.start, period.start.adding(days: 1), period.end]
        }
        return dates
    }

    func expectSameAsFromReturns(_ store: EvaluationStore, at dates: [CalendarDate],
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        for asOf in dates {
            let fromReturns = try await store.portfolioFromReturns(asOf: asOf)
            #expect(try await store.portfolio(asOf: asOf) == fromReturns, "as of \(asOf)", sourceLocation: sourceLocation)
        }
    }

    @Test(.needsSharedData) func fixtureStoryGivesTheSamePortfolioAtEveryDate() async throws {
        let store = try await FixtureStoryTests().loadStory()
        let periods = ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
        // Every day of the contract, and around it.
        var dates = Self.datesAround(periods)
        var day = date("2026-06-25")
        while day <= date("2027-07-05") {
            dates.append(day)
            day = day.adding(days: 1)
        }
        try await expectSameAsFromReturns(store, at: dates)
        let end = try await store.portfolio(asOf: date("2027-06-30"))
        let jobs = try #require(end.suppliers.first?.kinds.first { $0.kind == .job })
        #expect(jobs.delivered == 2)
        #expect(end.deciles.map(\.hires.total).reduce(0, +) > 0)
    }

    @Test func resubmissionRewritesTheSummaries() async throws {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend(1000)]), hash: "q3")
        try await store.importing(deliveryReturn("2026-Q4", [hire("P2", start: "2026-10-01"), spend(2000)]), hash: "q4")
        // Q3 again: P1 gone, P2 now first reported in Q3 from a decile-5 area, a leaver for P3.
        try await store.importing(deliveryReturn("2026-Q3", [hire("P2", start: "2026-07-02", area: "S01008000"),
                                                      hire("P3", start: "2026-07-01"), spend(500)]), hash: "q3b")
        try await store.importing(deliveryReturn("2027-Q1", [leaver("P3", on: "2026-12-20"), spend(4000)]), hash: "q1")
        try await expectSameAsFromReturns(store, at: Self.datesAround(["2026-Q3", "2026-Q4", "2027-Q1"]))
        let q4 = try await store.portfolio(asOf: date("2026-12-31"))
        let kinds = try #require(q4.suppliers.first?.kinds)
        #expect(kinds.first { $0.kind == .supplyChain }?.delivered == 2500)
        #expect(kinds.first { $0.kind == .job }?.delivered == 1)  // P3 counts; P2 is from decile 5
        #expect(q4.councils == [CouncilTally(council: "Fife", hires: HireTally(counted: 0, notCounted: 1)),
                                CouncilTally(council: "Glasgow City", hires: HireTally(counted: 1, notCounted: 0))])
        let q1 = try await store.portfolio(asOf: date("2027-01-01"))
        #expect(q1.suppliers.first?.kinds.first { $0.kind == .job }?.delivered == 0)  // P3 left early, reported late
    }

    @Test func reimportingTheSameFileLeavesTheSummariesAlone() async throws {
        let store = try temporaryStore()
        try await award(store)
        let ret = deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend(1000)])
        try await store.importing(ret, hash: "same")
        let before = try await summaries(store)
        #expect(try await store.importing(ret, hash: "same").result == .unchanged)
        #expect(try await summaries(store) == before)
        #expect(before.count == 1)
    }

    @Test func aRefusedReturnWritesNoSummary() async throws {
        let store = try temporaryStore()
        try await award(store)
        #expect(try await store.importing(deliveryReturn("2026-Q3", [spend(1000, ref: "NOPE")]), hash: "bad").result == .refused)
        #expect(try await summaries(store).isEmpty)
    }

    @Test(.needsSharedData) func migrationFromV1BuildsTheSummaries() async throws {
        let store = try await FixtureStoryTests().loadStory()
        let written = try await summaries(store)
        // Make it a store as the first version left it: no summaries table, v1 only.
        try store.sqlite.writeNow { tx in
            try tx.execute("DROP TABLE delivery_summaries")
            try tx.execute("DELETE FROM grdb_migrations WHERE identifier = 'v2-delivery-summaries'")
        }
        let reopened = try EvaluationStore.sqlite(path: store.path)
        #expect(try await summaries(reopened) == written)
        try await expectSameAsFromReturns(reopened, at: Self.datesAround(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]))
    }

    @Test func aStoreFromANewerVersionIsRefused() async throws {
        let store = try temporaryStore()
        _ = try store.sqlite.writeNow { tx in
            try tx.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
        }
        #expect {
            _ = try EvaluationStore.sqlite(path: store.path)
        } throws: { error in
            "\(error)".contains("written by a newer cbscore (schema v9-future)")
        }
    }

    @Test func hireTalliesSurviveTheirStoredForm() async throws {
        var tallies = HireTallies()
        tallies.councils = ["Glasgow City": HireTally(counted: 3, notCounted: 1), "100% odd\nname": HireTally(counted: 1),
                            "(no area)": HireTally(notCounted: 2), "": HireTally(counted: 7)]
        tallies.deciles[0] = HireTally(counted: 2, notCounted: 5)
        tallies.deciles[9] = HireTally(counted: 11)
        tallies.withoutArea = HireTally(notCounted: 2)
        #expect(try HireTallies(stored: tallies.stored) == tallies)
        #expect(try HireTallies(stored: HireTallies().stored) == HireTallies())
        #expect(throws: StoreError.self) { try HireTallies(stored: "1 2 3") }
    }

    /// Every stored summary row, in key order.
    func summaries(_ store: EvaluationStore) async throws -> [[String]] {
        try await store.backend.read { tx in
            try tx.rows("SELECT contract_id, from_date, delivered, hires FROM delivery_summaries ORDER BY contract_id, from_date", [])
                .map { row in try (0..<row.count).map { try row.optionalText($0) ?? "" } }
        }
    }
}
