import Foundation
import HTTPTypes
@testable import Server
import Store
import Testing

/// Every role × every route of service.md's API, against the spec's table of roles written out
/// here on its own (not read from the code): a role the table allows never gets 401 or 403, a
/// role it does not gets 403, no credentials get 401. A supplier asking for another
/// supplier's contract gets 404 on every contract route, as if it did not exist.
@Suite struct PermissionMatrixTests {
    /// service.md, "Roles", as a table: action → roles.
    static let readSchemes: Set<String> = ["admin", "officer", "manager", "auditor"]
    static let addSchemes: Set<String> = ["admin", "officer"]
    static let readTenders: Set<String> = ["admin", "officer", "manager", "auditor"]
    static let evaluate: Set<String> = ["officer"]
    static let readContracts: Set<String> = ["admin", "officer", "manager", "supplier", "other-supplier", "auditor"]
    static let submitReturns: Set<String> = ["manager", "supplier", "other-supplier"]
    static let portfolio: Set<String> = ["admin", "officer", "manager", "auditor"]
    static let audit: Set<String> = ["admin", "auditor"]
    static let users: Set<String> = ["admin"]
    static let anyone: Set<String> = ["admin", "officer", "manager", "supplier", "other-supplier", "auditor"]

    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var allowed: Set<String>
        var body: [UInt8]? = nil
    }

    static func routes(ranking: String, scheme: String) -> [Route] {
        let contract = "C-2026-0311"  // Clyde Build Ltd's: the "supplier" account's own
        return [
            Route(method: .get, path: "/api/v1/me", allowed: anyone),
            Route(method: .get, path: "/api/v1/schemes", allowed: readSchemes),
            Route(method: .post, path: "/api/v1/schemes?name=x.cbs", allowed: addSchemes, body: Array("not a scheme".utf8)),
            Route(method: .get, path: "/api/v1/schemes/\(scheme)", allowed: readSchemes),
            Route(method: .post, path: "/api/v1/tenders", allowed: evaluate, body: Array("<x/>".utf8)),
            Route(method: .get, path: "/api/v1/tenders", allowed: readTenders),
            Route(method: .get, path: "/api/v1/tenders/GCR-2026-014", allowed: readTenders),
            Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/bids", allowed: evaluate, body: Array("<x/>".utf8)),
            Route(method: .get, path: "/api/v1/tenders/GCR-2026-014/bids", allowed: readTenders),
            Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/rankings", allowed: evaluate, body: Array("{\"scheme\":\"none\"}".utf8)),
            Route(method: .get, path: "/api/v1/rankings/\(ranking)", allowed: readTenders),
            Route(method: .get, path: "/api/v1/rankings/\(ranking)/summaries/B-014-03", allowed: readTenders),
            Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/award", allowed: evaluate, body: Array("{}".utf8)),
            Route(method: .get, path: "/api/v1/contracts", allowed: readContracts),
            Route(method: .get, path: "/api/v1/contracts/\(contract)", allowed: readContracts),
            Route(method: .get, path: "/api/v1/contracts/\(contract)/progress?asOf=2027-01-31", allowed: readContracts),
            Route(method: .post, path: "/api/v1/contracts/\(contract)/returns", allowed: submitReturns, body: Array("<x/>".utf8)),
            Route(method: .get, path: "/api/v1/contracts/\(contract)/returns", allowed: readContracts),
            Route(method: .get, path: "/api/v1/returns/due?asOf=2027-01-31", allowed: readContracts),
            Route(method: .get, path: "/api/v1/portfolio?asOf=2027-01-31", allowed: portfolio),
            Route(method: .get, path: "/api/v1/reports/annual?from=2026-04-01&to=2027-03-31", allowed: portfolio),
            Route(method: .get, path: "/api/v1/audit", allowed: audit),
            Route(method: .get, path: "/api/v1/users", allowed: users),
            Route(method: .post, path: "/api/v1/users", allowed: users, body: Array("{}".utf8)),
            Route(method: .delete, path: "/api/v1/users/nobody@test.example", allowed: users),
            Route(method: .delete, path: "/api/v1/session", allowed: anyone),
        ]
    }

    @Test(arguments: Backend.all)
    func everyRoleOnEveryRoute(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
        let routes = Self.routes(ranking: ranking, scheme: t.service.defaultSchemeID)
        try await t.test { client in
            for route in routes {
                let anonymous = try await client.send(route.method, route.path, body: route.body)
                #expect(anonymous.status == .unauthorized, "no credentials: \(route.method) \(route.path)")
                #expect(anonymous.errorID == "service.unauthenticated")
                for (name, account) in t.accounts.sorted(by: { $0.key < $1.key }) {
                    let answer = try await client.send(route.method, route.path, token: account.token, body: route.body)
                    if route.allowed.contains(name) {
                        // The supplier's own contract: allowed; the other supplier's contract: 404.
                        if name == "other-supplier", route.path.contains("/contracts/C-2026-0311") {
                            #expect(answer.status == .notFound, "\(name): \(route.method) \(route.path) → \(answer.status)")
                        } else {
                            #expect(answer.status != .unauthorized && answer.status != .forbidden,
                                    "\(name) is allowed \(route.method) \(route.path) but got \(answer.status): \(answer.body)")
                        }
                    } else {
                        #expect(answer.status == .forbidden, "\(name): \(route.method) \(route.path) → \(answer.status), expected 403")
                        #expect(answer.errorID == "service.forbidden")
                    }
                }
            }
        }
    }

    /// A supplier sees its own contracts and nothing of another's: 404 on each contract route
    /// (not 403, which would tell it the contract exists), and the lists leave them out.
    @Test(arguments: Backend.all)
    func aSupplierSeesOnlyItsOwnContracts(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let supplier = t.token("supplier")
            for path in ["/api/v1/contracts/C-2026-0141", "/api/v1/contracts/C-2026-0141/progress?asOf=2027-01-31",
                         "/api/v1/contracts/C-2026-0141/returns", "/api/v1/contracts/NO-SUCH-CONTRACT"] {
                let answer = try await client.send(.get, path, token: supplier)
                #expect(answer.status == .notFound, "\(path)")
                #expect(answer.errorID == "service.not-found")
            }
            let other = try await client.xml("/api/v1/contracts/C-2026-0141/returns", token: supplier,
                                             try Fixtures.bytes("monitoring/return-2027-Q2.xml"))
            #expect(other.status == .notFound)
            let own = try await client.send(.get, "/api/v1/contracts/C-2026-0311", token: supplier)
            #expect(own.status == .ok)
            #expect(own.object["supplier"] as? String == "Clyde Build Ltd")
            let list = try await client.send(.get, "/api/v1/contracts", token: supplier)
            #expect(list.array.compactMap { $0["id"] as? String } == ["C-2026-0311"])
            let all = try await client.send(.get, "/api/v1/contracts", token: t.token("manager"))
            #expect(all.array.compactMap { $0["id"] as? String } == ["C-2026-0141", "C-2026-0311"])
            let due = try await client.send(.get, "/api/v1/returns/due?asOf=2027-01-31", token: supplier)
            #expect(Set(due.array.compactMap { $0["contract"] as? String }).isSubset(of: ["C-2026-0311"]))
        }
    }
}
