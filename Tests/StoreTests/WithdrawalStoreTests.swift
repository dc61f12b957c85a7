import Diagnostics
import Documents
import Foundation
import Monitoring
import Reports
import Scoring
import Store
import StorePostgres
import Testing

/// `contracts withdraw`: a contract awarded by mistake is withdrawn with who and why, kept in
/// the history and the audit log, and every report then shows it the same way. The same on
/// every backend; one test per refusal.
@Suite struct WithdrawalStoreTests {
    static let reason = "awarded to the wrong bid: B-014-06 won"

    func withdrawnStore(_ kind: StoreKind) async throws -> EvaluationStore {
        let store = try TestStores.fresh(kind)
        try await award(store, id: "C-1")
        try await award(store, id: "C-2", bidder: "Forth Facilities Ltd")
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"), spend("30000")]), hash: "q3")
        try await store.withdraw(contract: "C-1", reason: Self.reason, by: "Ann Officer")
        return store
    }

    func diagnosticIDs(_ body: () async throws -> Void) async -> [String] {
        do {
            try await body()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.id)
        } catch {
            return ["\(error)"]
        }
    }

    func withdrawalRows(_ store: EvaluationStore) async throws -> Int {
        try await store.backend.read { tx in try tx.row("SELECT count(*) FROM contract_withdrawals")?.int(0) ?? -1 }
    }

    @Test(arguments: TestStores.kinds)
    func aWithdrawalIsRecordedWithWhoWhyAndWhenAndAudited(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        let expected = ContractWithdrawal(reason: Self.reason, by: "Ann Officer", at: "2026-11-21T00:00:00Z")
        #expect(try await store.contracts().map(\.withdrawal) == [expected, nil])
        // The award, its commitments and its returns stay as they were.
        let contract = try #require(try await store.contract("C-1"))
        #expect(contract.summary.withdrawal == expected)
        #expect(contract.summary.returns == 1)
        #expect(contract.terms.commitments.count == 2)
        #expect(try await store.history(contract: "C-1").count == 1)
        let audit = try await store.audit()
        #expect(audit.map { [$0.user ?? "", $0.action, $0.target ?? "", "\($0.outcome)", $0.at] }
                == [["Ann Officer", "contracts withdraw", "C-1", "200", "2026-11-21T00:00:00Z"]])
    }

    @Test(arguments: TestStores.kinds)
    func aWithdrawalWithoutAReasonIsRefusedAndWritesNothing(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        #expect(await diagnosticIDs { try await store.withdraw(contract: "C-1", reason: "  ", by: "Ann Officer") }
                == ["monitoring.withdraw.no-reason"])
        #expect(try await withdrawalRows(store) == 0)
        #expect(try await store.audit().isEmpty)
    }

    @Test(arguments: TestStores.kinds)
    func aWithdrawalWithoutWhoIsRefusedAndWritesNothing(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        #expect(await diagnosticIDs { try await store.withdraw(contract: "C-1", reason: Self.reason, by: "") }
                == ["monitoring.withdraw.no-reason"])
        #expect(try await withdrawalRows(store) == 0)
    }

    @Test(arguments: TestStores.kinds)
    func withdrawingAnUnknownContractIsRefused(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await award(store)
        #expect(await diagnosticIDs { try await store.withdraw(contract: "C-404", reason: Self.reason, by: "Ann Officer") }
                == ["monitoring.unknown-contract"])
        #expect(try await withdrawalRows(store) == 0)
        #expect(try await store.audit().isEmpty)
    }

    @Test(arguments: TestStores.kinds)
    func aSecondWithdrawalIsRefusedAndTheFirstStands(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        do {
            try await store.withdraw(contract: "C-1", reason: "another reason", by: "Bob Manager")
            Issue.record("a second withdrawal was accepted")
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.map(\.id) == ["monitoring.withdrawn"])
            #expect(error.diagnostics.first?.message
                    == "contract C-1 is already withdrawn 2026-11-21T00:00:00Z by Ann Officer: \(Self.reason); nothing changed")
        }
        #expect(try await store.contract("C-1")?.summary.withdrawal?.by == "Ann Officer")
        #expect(try await store.audit().count == 1)
    }

    @Test(arguments: TestStores.kinds)
    func aReturnForAWithdrawnContractIsRefusedAndLogged(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        let outcome = try await store.importing(deliveryReturn("2026-Q4", submitted: "2027-01-10", [spend("1000")]), hash: "q4")
        #expect(outcome.result == .refused)
        #expect(outcome.diagnostics.map(\.id) == ["monitoring.withdrawn"])
        #expect(try await store.history(contract: "C-1").count == 1)
        #expect(try await store.importLog().last?.result == .refused)
    }

    @Test(arguments: TestStores.kinds)
    func aWithdrawalCannotBeChangedOrDeleted(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        await #expect(throws: (any Error).self) {
            try await store.backend.write { tx in try tx.execute("UPDATE contract_withdrawals SET reason = 'x'") }
        }
        await #expect(throws: (any Error).self) {
            try await store.backend.write { tx in try tx.execute("DELETE FROM contract_withdrawals") }
        }
        #expect(try await store.contract("C-1")?.summary.withdrawal?.reason == Self.reason)
    }

    /// Reports show the contract as withdrawn, the same bytes each time: the contract's own
    /// report says so first; the portfolio, the returns due and the annual report leave it out.
    @Test(arguments: TestStores.kinds)
    func reportsShowTheWithdrawalDeterministically(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        let asOf = date("2026-12-31")
        let progress = try #require(try await store.progress(contract: "C-1", asOf: asOf))
        let text = MonitoringReport.render(progress, format: .text)
        #expect(text.contains("""
            Contract C-1 — Clyde Build Ltd
            WITHDRAWN: 2026-11-21T00:00:00Z by Ann Officer: \(Self.reason). A withdrawn contract owes no returns and is left out of the portfolio and the annual report

            """))
        #expect(MonitoringReport.render(progress, format: .json).contains("\"withdrawn\": {"))
        #expect(MonitoringReport.render(progress, format: .html).contains("<p class=\"withdrawn\"><strong>Withdrawn:</strong>"))
        let again = try #require(try await store.progress(contract: "C-1", asOf: asOf))
        #expect(MonitoringReport.render(again, format: .text) == text)
        let portfolio = try await store.portfolio(asOf: asOf)
        #expect(portfolio.contractStatuses.map(\.contractID) == ["C-2"])
        #expect(portfolio == (try await store.portfolioFromReturns(asOf: asOf)))
        #expect(try await store.returnsDue(asOf: date("2027-06-30")).allSatisfy { $0.contractID == "C-2" })
        // The other contract is untouched.
        #expect(try await store.progress(contract: "C-2", asOf: asOf)?.withdrawal == nil)
    }

    @Test(arguments: TestStores.kinds)
    func aCopyCarriesTheWithdrawal(_ kind: StoreKind) async throws {
        let store = try await withdrawnStore(kind)
        let copy = try TestStores.fresh(.sqlite)
        _ = try await store.copy(to: copy)
        #expect(try await copy.contracts().map(\.withdrawal) == (try await store.contracts().map(\.withdrawal)))
    }
}

extension WithdrawalStoreTests {
    /// A store an earlier version wrote (no withdrawals table, the migration not recorded)
    /// gets it when opened, its contracts kept.
    @Test(arguments: TestStores.kinds)
    func aStoreOfAnEarlierVersionGetsTheWithdrawalsTable(_ kind: StoreKind) async throws {
        let location = kind == .sqlite ? try TestStores.temporaryFile("v5.sqlite") : try TestStores.freshDatabaseURL()
        func open() throws -> EvaluationStore {
            switch kind {
            case .sqlite: try EvaluationStore.sqlite(path: location, now: TestStores.fixedNow)
            case .postgres: EvaluationStore(backend: try PostgresBackend(url: location), now: TestStores.fixedNow)
            }
        }
        let old = try open()
        try await award(old, id: "C-1")
        try await old.backend.write { tx in
            try tx.execute("DROP TABLE contract_withdrawals")
            if tx.dialect == .sqlite {
                try tx.execute("DELETE FROM grdb_migrations WHERE identifier = 'v6-contract-withdrawals'")
            } else {
                try tx.execute("DELETE FROM cbscore_migrations WHERE id = 'v3'")
            }
            return 0
        }
        try await old.close()
        let store = try open()
        #expect(try await store.contracts().map(\.contractID) == ["C-1"])
        try await store.withdraw(contract: "C-1", reason: Self.reason, by: "Ann Officer")
        #expect(try await store.contract("C-1")?.summary.withdrawal?.by == "Ann Officer")
        try await store.close()
    }
}

extension WithdrawalStoreTests {
    /// The OCDS release of a withdrawn contract says it is cancelled, dated when the store
    /// recorded the withdrawal; a contract not withdrawn is published as before.
    @Test(arguments: TestStores.kinds)
    func theOpenDataReleaseOfAWithdrawnContractIsCancelled(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        let tender = Tender(id: "T-1", title: "Repairs", authority: "Glasgow City Council", estimatedValue: Money(Exact(2_000_000)),
                            durationWeeks: 52, closingDate: date("2026-03-31"), location: here)
        for id in ["C-1", "C-2"] {
            _ = try await store.award(Award(
                contractID: id, bid: sampleBid(), tender: tender, start: date("2026-07-01"), end: date("2027-06-30"),
                bidFile: "bid.xml", bidSHA256: "b1d", scheme: SchemeReference(name: "test", file: "test.cbs", sha256: "5c4e"),
                committedPoints: ScoredPoints(lines: [], total: .zero)), areas: TestAreas())
        }
        try await store.withdraw(contract: "C-1", reason: Self.reason, by: "Ann Officer")
        let withdrawn = try OCDSReport.contractPackage(try #require(try await store.contract("C-1")), ocidPrefix: nil)
        #expect(withdrawn.contains("\"status\": \"cancelled\""))
        #expect(withdrawn.contains("\"awardCancellation\""))
        #expect(withdrawn.contains("\"date\": \"2026-11-21T00:00:00Z\""))
        #expect(!withdrawn.contains("\"active\""))
        let kept = try OCDSReport.contractPackage(try #require(try await store.contract("C-2")), ocidPrefix: nil)
        #expect(kept.contains("\"status\": \"active\"") && !kept.contains("cancelled"))
    }
}
