import Areas
import DocumentReading
import Documents
import Engine
import Foundation
import Hashing
import Monitoring
import Reports
import Store
import TestSupport
import Testing

/// `store copy`: what a team takes from one person's SQLite file to a shared server comes out
/// the same, report for report, byte for byte.
@Suite(.needsSharedData) struct StoreCopyTests {
    static func fixture(_ name: String) -> String {
        TestStores.root.appendingPathComponent("fixtures/monitoring/\(name)").path
    }

    /// The fixture story (fixtures/monitoring) in a SQLite store, with the real SIMD table,
    /// plus a user, a token, an audit entry and a tender.
    static func simd() throws -> AreaDirectory {
        try AreaDirectory.load(paths: [TestStores.root.appendingPathComponent("../shared/data/simd2020v2").standardized.path],
                               cacheDirectory: nil)
    }

    static func storySQLite() async throws -> EvaluationStore {
        let areas = try simd()
        let reader = try DocumentReader()
        let store = try EvaluationStore.sqlite(path: try TestStores.temporaryFile("story.sqlite"), now: TestStores.fixedNow)
        var bids: [Bid] = []
        try reader.readBids(at: fixture("bid-B-031-02-awarded.xml")) { if case .bid(let bid) = $0 { bids.append(bid) } }
        let bid = try #require(bids.first)
        _ = try await store.award(Award(contractID: "C-2026-0311", bid: bid, start: date("2026-07-01"), end: date("2027-06-30"),
                                        bidFile: "bid.xml", bidSHA256: try SHA256.hexOfFile(atPath: fixture("bid-B-031-02-awarded.xml")),
                                        scheme: .init(name: "t", file: "t", sha256: "t"),
                                        committedPoints: ScoredPoints(lines: [], total: 143)), areas: areas)
        // Imported out of order, one per command, so history and current both matter.
        for name in ["return-2026-Q4-resubmitted.xml", "return-2026-Q3.xml", "return-2026-Q4.xml",
                     "return-2027-Q2.xml", "return-2027-Q1.xml"] {
            try await store.importReturnFiles([fixture(name)], areas: areas)
        }
        try await store.addUser(User(email: "officer@council.example", role: .officer), passwordHash: "$2b$12$abcdefghijklmnopqrstuv")
        try await store.addToken(email: "officer@council.example", tokenSHA256: "f00d")
        try await store.appendAudit(AuditEntry(at: "2026-11-21T00:00:00Z", user: "officer@council.example",
                                               action: "POST /api/v1/tenders", target: "T-1", outcome: 201, sha256: "d0c"))
        let tender = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("tender-GCR-2026-031.xml"))))
        try await store.addTender(TenderRecord(id: "GCR-2026-031", title: "t", name: "tender.xml", documentSHA256: SHA256.hex(tender)),
                                  document: StoredDocument(sha256: SHA256.hex(tender), bytes: tender))
        return store
    }

    /// Every report a manager reads, in every format, at dates around each period.
    static func reports(_ store: EvaluationStore) async throws -> [String] {
        var out: [String] = []
        for asOf in ["2026-06-30", "2026-07-01", "2026-10-01", "2026-12-31", "2027-03-31", "2027-06-30", "2028-01-01"].map(date) {
            let portfolio = try await store.portfolio(asOf: asOf)
            let progress = try #require(try await store.progress(contract: "C-2026-0311", asOf: asOf))
            for format in ReportFormat.allCases {
                out.append(MonitoringReport.render(portfolio, format: format))
                out.append(MonitoringReport.render(progress, format: format))
            }
        }
        return out
    }

    @Test(arguments: TestStores.kinds)
    func aCopiedStoreGivesByteIdenticalReports(_ kind: StoreKind) async throws {
        let original = try await Self.storySQLite()
        let copy = try TestStores.fresh(kind)
        let counts = try await original.copy(to: copy)
        #expect(counts.first { $0.table == "returns" }?.rows == 5)
        #expect(try await Self.reports(copy) == Self.reports(original))
        #expect(try await copy.history(contract: "C-2026-0311") == original.history(contract: "C-2026-0311"))
        #expect(try await copy.importLog() == original.importLog())
        #expect(try await copy.contracts() == original.contracts())
        #expect(try await copy.user(email: "officer@council.example")?.passwordHash == "$2b$12$abcdefghijklmnopqrstuv")
        #expect(try await copy.user(tokenSHA256: "f00d")?.email == "officer@council.example")
        #expect(try await copy.audit() == original.audit())
        let tender = try #require(try await original.tender(id: "GCR-2026-031"))
        #expect(try await copy.document(sha256: tender.documentSHA256) == original.document(sha256: tender.documentSHA256))
        // Ids go on from the copied ones: the next import and audit entry do not collide.
        let next = try await copy.importReturnFiles([Self.fixture("return-2027-Q2.xml")], areas: Self.simd())
        #expect(next.map(\.result) == [.unchanged])
        #expect(try await copy.appendAudit(AuditEntry(at: "x", user: nil, action: "a", target: nil, outcome: 200, sha256: nil)) == 2)
    }

    @Test(arguments: TestStores.kinds)
    func aCopyIntoAStoreThatHoldsDataIsRefused(_ kind: StoreKind) async throws {
        let original = try await Self.storySQLite()
        let copy = try TestStores.fresh(kind)
        try await award(copy, id: "C-X")
        await #expect(throws: StoreError.self) { try await original.copy(to: copy) }
        #expect(try await copy.contracts().map(\.contractID) == ["C-X"])
    }

    /// Issue 13.6's migration: a SQLite store whose current return is an older submission
    /// imported later (as the first versions left it) is put right when opened.
    @Test func theMigrationPutsOutOfOrderPeriodsRight() async throws {
        let store = try await Self.storySQLite()
        let before = try await Self.reports(store)
        let sqlite = store.backend as! SQLiteBackend
        // Make Q4's original current again and forget v4, as a store of the first versions was.
        try sqlite.writeNow { tx in
            let rows = try tx.rows("SELECT id, submitted, superseded_by FROM returns WHERE period = '2026-Q4' ORDER BY submitted", [])
            let (original, resubmission) = (try rows[0].int64(0), try rows[1].int64(0))
            try tx.execute("UPDATE returns SET superseded_by = ? WHERE id = ?", [original, resubmission])
            try tx.execute("UPDATE returns SET superseded_by = NULL WHERE id = ?", [original])
            try tx.execute("DELETE FROM delivery_summaries")
            try tx.execute("DELETE FROM grdb_migrations WHERE identifier = 'v4-current-is-latest-submitted'")
        }
        // Summaries rebuilt from scratch by v2 stand for "as the old version left them".
        try sqlite.writeNow { tx in try tx.execute("DELETE FROM grdb_migrations WHERE identifier = 'v2-delivery-summaries'") }
        try sqlite.writeNow { tx in try tx.execute("DROP TABLE delivery_summaries") }
        let reopened = try EvaluationStore.sqlite(path: sqlite.path, now: TestStores.fixedNow)
        #expect(try await Self.reports(reopened) == before)
        let q4 = try await reopened.history(contract: "C-2026-0311").filter { $0.period.description == "2026-Q4" }
        #expect(q4.filter(\.current).map(\.submitted) == [date("2027-01-28")])
    }
}
