import Credentials
import Foundation
import Store
import StorePostgres
import Testing

/// Users, sessions, tokens, throttling, the audit log, schemes, documents and rankings, the
/// same on every backend.
@Suite struct ServiceStoreTests {
    @Test(arguments: TestStores.kinds)
    func usersAreOnePerEmailWhateverTheCase(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await store.addUser(User(email: "Ann.Officer@Council.gov.uk", role: .officer), passwordHash: "$2b$12$x")
        await #expect(throws: StoreError.conflict("the email ann.officer@council.gov.uk")) {
            try await store.addUser(User(email: "ann.officer@council.gov.uk", role: .admin), passwordHash: "h")
        }
        let found = try #require(try await store.user(email: "ANN.OFFICER@council.gov.uk"))
        #expect(found.user.role == .officer)
        #expect(found.passwordHash == "$2b$12$x")
        try await store.addUser(User(email: "s@clyde.example", role: .supplier, supplier: "Clyde Build Ltd"), passwordHash: "h")
        #expect(try await store.users().map(\.email) == ["ann.officer@council.gov.uk", "s@clyde.example"])
        #expect(try await store.users().last?.supplier == "Clyde Build Ltd")
    }

    @Test(arguments: TestStores.kinds)
    func sessionsExpireAndGoWithTheirUser(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await store.addUser(User(email: "a@x.example", role: .admin), passwordHash: "h")
        try await store.addSession(SessionRecord(idSHA256: "s1", email: "a@x.example", csrf: "c1",
                                                 createdAt: "2026-11-21T09:00:00Z", expiresAt: "2026-11-21T17:00:00Z"))
        #expect(try await store.session(idSHA256: "s1", at: "2026-11-21T16:59:59Z")?.user.role == .admin)
        #expect(try await store.session(idSHA256: "s1", at: "2026-11-21T17:00:00Z") == nil)
        #expect(try await store.session(idSHA256: "nope", at: "2026-11-21T10:00:00Z") == nil)
        try await store.addToken(email: "a@x.example", tokenSHA256: Tokens.sha256("t"))
        #expect(try await store.deleteUser(email: "A@x.example"))
        #expect(try await store.session(idSHA256: "s1", at: "2026-11-21T10:00:00Z") == nil)
        #expect(try await store.user(tokenSHA256: Tokens.sha256("t")) == nil)
    }

    @Test(arguments: TestStores.kinds)
    func tokensAreStoredHashedAndFindTheirUser(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await store.addUser(User(email: "cm@x.example", role: .contractManager), passwordHash: "h")
        let token = Tokens.generate()
        #expect(token.count == 64)
        try await store.addToken(email: "cm@x.example", tokenSHA256: Tokens.sha256(token))
        #expect(try await store.user(tokenSHA256: Tokens.sha256(token))?.email == "cm@x.example")
        #expect(try await store.user(tokenSHA256: token) == nil)
        let kept = try await store.backend.read { tx in try tx.rows("SELECT token_sha256 FROM api_tokens", []).map { try $0.text(0) } }
        #expect(kept == [Tokens.sha256(token)])
        await #expect(throws: StoreError.self) { try await store.addToken(email: "nobody@x.example", tokenSHA256: "z") }
    }

    @Test(arguments: TestStores.kinds)
    func loginFailuresAreCountedPerEmailSinceAnInstant(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        for at in ["2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", "2026-11-21T10:20:00Z"] {
            try await store.recordLoginFailure(email: "A@x.example", at: at)
        }
        try await store.recordLoginFailure(email: "b@x.example", at: "2026-11-21T10:21:00Z")
        #expect(try await store.loginFailures(email: "a@x.example", since: "2026-11-21T10:05:00Z")
                == ["2026-11-21T10:05:00Z", "2026-11-21T10:20:00Z"])
    }

    @Test(arguments: TestStores.kinds)
    func theAuditLogIsAppendOnly(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        let first = try await store.appendAudit(AuditEntry(at: "2026-11-21T10:00:00Z", user: nil, action: "POST /api/v1/session",
                                                           target: nil, outcome: 401, sha256: nil))
        let second = try await store.appendAudit(AuditEntry(at: "2026-11-21T10:00:01Z", user: "a@x.example",
                                                            action: "POST /api/v1/tenders", target: "T-1", outcome: 201, sha256: "ab"))
        #expect(second > first)
        #expect(try await store.audit(since: "2026-11-21T10:00:01Z").map(\.target) == ["T-1"])
        #expect(try await store.audit().map(\.outcome) == [401, 201])
        await #expect(throws: (any Error).self) {
            try await store.backend.write { tx in try tx.execute("UPDATE audit_log SET outcome = 200") }
        }
        await #expect(throws: (any Error).self) {
            try await store.backend.write { tx in try tx.execute("DELETE FROM audit_log") }
        }
        #expect(try await store.audit().map(\.outcome) == [401, 201])
    }

    @Test(arguments: TestStores.kinds)
    func documentsAndSchemesReadBackBitForBit(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        let bytes: [UInt8] = Array("<?xml version=\"1.0\"?>\r\n<Tender>é</Tender>\n".utf8) + [0, 0xFF, 0xFE, 13, 10]
        let tender = StoredDocument(sha256: "t-sha", bytes: bytes)
        try await store.addTender(TenderRecord(id: "T-1", title: "Roads", name: "tender.xml", documentSHA256: "t-sha"), document: tender)
        #expect(try await store.document(sha256: "t-sha")?.bytes == bytes)
        await #expect(throws: StoreError.conflict("the tender id T-1")) {
            try await store.addTender(TenderRecord(id: "T-1", title: "Again", name: "t2.xml", documentSHA256: "t-sha"), document: tender)
        }
        let text = "scheme \"GCR\" version \"2026\"\r\n  line jobs: 10 × fte  # £, tabs\t and trailing spaces   \n"
        #expect(try await store.addScheme(StoredScheme(sha256: "s-sha", name: "GCR", version: "2026", file: "gcr.cbs", text: text)))
        #expect(try await store.addScheme(StoredScheme(sha256: "s-sha", name: "GCR", version: "2026", file: "other.cbs", text: text)) == false)
        #expect(try await store.scheme(sha256: "s-sha")?.text == text)
        #expect(try await store.schemes().map(\.file) == ["gcr.cbs"])
    }

    @Test(arguments: TestStores.kinds)
    func bidsOfOneDocumentAreAllOrNothing(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await store.addTender(TenderRecord(id: "T-1", title: "Roads", name: "t.xml", documentSHA256: "t"),
                                  document: StoredDocument(sha256: "t", bytes: [1]))
        func bid(_ id: String, _ doc: String) -> BidRecord {
            BidRecord(tenderID: "T-1", bidID: id, bidder: "Bidder \(id)", submitted: "2026-03-14T11:02:00Z",
                      name: "\(doc).xml", documentSHA256: doc)
        }
        try await store.addBids([bid("B-1", "d1"), bid("B-2", "d1")], document: StoredDocument(sha256: "d1", bytes: [2]))
        await #expect(throws: StoreError.conflict("the bid id B-2 in tender T-1")) {
            try await store.addBids([bid("B-3", "d2"), bid("B-2", "d2")], document: StoredDocument(sha256: "d2", bytes: [3]))
        }
        #expect(try await store.bids(tender: "T-1").map(\.bidID) == ["B-1", "B-2"])
        #expect(try await store.document(sha256: "d2") == nil)
    }

    @Test(arguments: TestStores.kinds)
    func aRankingIsADecisionRecordThatNeverChanges(_ kind: StoreKind) async throws {
        let store = try TestStores.fresh(kind)
        try await store.addTender(TenderRecord(id: "T-1", title: "Roads", name: "t.xml", documentSHA256: "t"),
                                  document: StoredDocument(sha256: "t", bytes: [1]))
        _ = try await store.addScheme(StoredScheme(sha256: "s", name: "GCR", version: nil, file: "gcr.cbs", text: "x"))
        let result = "{\n  \"format\": \"cbscore.result/1\",\n  \"score\": \"62.22222222222222222222\",\n  \"name\": \"Ávila\"\n}\n"
        let stored = try await store.addRanking(RankingRecord(
            id: "R-1", tenderID: "T-1", schemeSHA256: "s", documentsJSON: "[{\"name\":\"b.xml\",\"sha256\":\"d\"}]",
            inputsJSON: "{\"quality\":{\"B-1\":\"58\"}}", excludeInvalid: false, resultJSON: result, madeBy: "a@x.example"))
        #expect(stored.madeAt == "2026-11-21T00:00:00Z")
        #expect(try await store.ranking(id: "R-1") == stored)
        #expect(try await store.rankings(tender: "T-1").map(\.id) == ["R-1"])
        await #expect(throws: StoreError.conflict("the ranking id R-1")) { try await store.addRanking(stored) }
        await #expect(throws: (any Error).self) {
            try await store.backend.write { tx in try tx.execute("UPDATE rankings SET result_json = '{}'") }
        }
        #expect(try await store.ranking(id: "R-1")?.resultJSON == result)
    }

    @Test func passwordsAreBcryptAtCost12() {
        let hash = Passwords.hash("correct horse battery")
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(Passwords.verify("correct horse battery", hash: hash))
        #expect(!Passwords.verify("correct horse batterY", hash: hash))
        #expect(Passwords.problem(with: "short") != nil)
    }

    @Test func aURLThatNamesNoPostgreSQLDatabaseIsRefused() {
        #expect(throws: StoreError.unusable("'mysql://a@h/db' is not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)")) {
            _ = try PostgresBackend(url: "mysql://a@h/db")
        }
        #expect(throws: StoreError.unusable("the URL names no database: postgres://USER@HOST:PORT/DATABASE")) {
            _ = try PostgresBackend(url: "postgres://a@127.0.0.1:1")
        }
        #expect(throws: StoreError.unusable("sslmode=require is not supported: cbscore connects without TLS (docs/store.md)")) {
            _ = try PostgresBackend(url: "postgres://a@127.0.0.1:1/db?sslmode=require")
        }
    }
}
