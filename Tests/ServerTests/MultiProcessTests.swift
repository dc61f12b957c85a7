import Credentials
import Foundation
import NIOHTTP1
@testable import Server
import Store
import StorePostgres
import Testing

/// Two `cbscore-server serve` processes on one PostgreSQL database, as behind a load balancer:
/// they keep no state of their own, so a session made on one works on the other, and one
/// return posted to both at once is stored once.
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

        // SIGTERM: each finishes and exits 0.
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }
}

extension Array {
    static func * (element: Array, count: Int) -> Array { (0..<count).flatMap { _ in element } }
}
