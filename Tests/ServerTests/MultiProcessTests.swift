import Credentials
import Foundation
import NIOHTTP1
@testable import Server
import Store
import StorePostgres
import Testing

/// Two `cbscore-server serve` processes on one PostgreSQL database, as behind a load balancer:
/// they keep no state of their own, so a session made on one works on the other, one return
/// posted to both at once is stored once, and every read gives the same bytes from either.
@Suite(.serialized) struct MultiProcessTests {
    @Test(.enabled(if: Backend.databaseURL != nil || Backend.required,
                   "needs PostgreSQL: set CBSCORE_TEST_DATABASE_URL (CI sets it and CBSCORE_REQUIRE_POSTGRES=1)"))
    func twoProcessesServeOneDatabase() async throws {
        let t = try await TestService.make(.postgres)
        let url = t.store.backend.location
        let one = try await LiveServer(["serve", "--database-url", url, "--areas", "fixtures/areas"])
        defer { one.stop() }
        let two = try await LiveServer(["serve", "--database-url", url, "--areas", "fixtures/areas"])
        defer { two.stop() }
        let http = LiveServer.client

        // Signed in on one, the session works on the other.
        let body = try JSONSerialization.data(withJSONObject: ["email": "supplier@test.example", "password": Account.password])
        let signIn = try await http.send(.POST, one.base + "/api/v1/session", headers: [("Content-Type", "application/json")],
                                         body: [UInt8](body))
        #expect(signIn.status == 200)
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let csrf = try #require(signIn.object["csrf"] as? String)
        let me = try await http.get(two.base + "/api/v1/me", headers: [("Cookie", cookie)])
        #expect(me.status == 200)
        #expect(me.object["email"] as? String == "supplier@test.example")

        // The same return posted to both at once, ten times each: stored once, the rest unchanged.
        let q2 = try Fixtures.bytes("monitoring/return-2027-Q2.xml")
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<20 {
                let server = n % 2 == 0 ? one : two
                group.addTask {
                    let answer = try await http.send(.POST, server.base + "/api/v1/contracts/C-2026-0311/returns?name=q2.xml",
                                                     headers: [("Cookie", cookie), ("X-CSRF-Token", csrf),
                                                               ("Content-Type", "application/xml")], body: q2)
                    return "\(answer.status) \(answer.object["result"] as? String ?? answer.body)"
                }
            }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all.sorted()
        }
        #expect(results == ["200 unchanged"] * 19 + ["201 stored"])
        let history = try await t.store.history(contract: "C-2026-0311")
        #expect(history.filter { $0.period.description == "2027-Q2" }.count == 1)
        // Every one of the twenty requests was audited once.
        #expect(try await t.store.audit().filter { $0.action == "POST /api/v1/contracts/{id}/returns" }.count == 20)

        // A ranking made on one is read on the other; and every read, API and page, gives the
        // same bytes from both processes (they hold nothing of their own).
        let ranked = try await http.send(.POST, one.base + "/api/v1/tenders/GCR-2026-014/rankings",
                                         headers: [("Cookie", cookie), ("X-CSRF-Token", csrf), ("Content-Type", "application/json")],
                                         body: Array("{}".utf8))
        #expect(ranked.status == 403, "a supplier may not rank")
        let officer = [("Authorization", "Bearer \(t.token("officer"))")]
        let made = try await http.send(.POST, one.base + "/api/v1/tenders/GCR-2026-014/rankings",
                                       headers: officer + [("Content-Type", "application/json")], body: Array("{}".utf8))
        #expect(made.status == 201)
        let ranking = try #require(made.object["id"] as? String)
        let reads: [(path: String, headers: [(String, String)])] = [
            "/api/v1/schemes", "/api/v1/tenders", "/api/v1/tenders/GCR-2026-014", "/api/v1/tenders/GCR-2026-014/bids",
            "/api/v1/rankings/\(ranking)", "/api/v1/rankings/\(ranking)?format=csv", "/api/v1/rankings/\(ranking)?format=html",
            "/api/v1/rankings/\(ranking)?format=text", "/api/v1/rankings/\(ranking)?format=ocds",
            "/api/v1/rankings/\(ranking)/summaries/B-014-03", "/api/v1/contracts", "/api/v1/contracts/C-2026-0311",
            "/api/v1/contracts/C-2026-0311/progress?asOf=2027-07-31", "/api/v1/contracts/C-2026-0311/returns",
            "/api/v1/returns/due?asOf=2027-07-31", "/api/v1/portfolio?asOf=2027-07-31",
            "/rankings/\(ranking)", "/rankings/\(ranking)/bids/B-014-03", "/tenders/GCR-2026-014",
        ].map { ($0, officer) } + [
            ("/api/v1/contracts/C-2026-0141", [("Cookie", cookie)]),  // another supplier's: 404 from both
            ("/contracts/C-2026-0311?asOf=2027-07-31", [("Cookie", cookie)]), ("/api/v1/me", [("Cookie", cookie)]),
        ]
        for read in reads {
            let a = try await http.get(one.base + read.path, headers: read.headers)
            let b = try await http.get(two.base + read.path, headers: read.headers)
            #expect(a.status == b.status && a.body == b.body, "\(read.path): the two processes answer differently")
            #expect(a.status == (read.path == "/api/v1/contracts/C-2026-0141" ? 404 : 200), "\(read.path): \(a.status)")
        }

        // SIGTERM: each finishes and exits 0.
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }
}

extension Array {
    static func * (element: Array, count: Int) -> Array { (0..<count).flatMap { _ in element } }
}
