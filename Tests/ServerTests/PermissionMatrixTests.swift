import Foundation
import HTTPTypes
@testable import Server
import Store
import Synchronization
import Testing

/// Every role × every route of service.md, API and pages, against the spec's table of roles
/// written out here on its own (not read from the code). One test case per route and store:
/// a role the table allows never gets 401 or 403; a role it does not gets 403 and nothing of
/// what it asked; no credentials get 401 (a page read goes to the sign-in page). A supplier
/// asking for another supplier's contract gets 404 on every contract route, as if it did not
/// exist.
@Suite struct PermissionMatrixTests {
    /// service.md, "Roles", as a table: action → roles. `other-supplier` is a second supplier
    /// user, bound to the supplier of C-2026-0141 rather than C-2026-0311.
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

    /// One route: `{ranking}` and `{scheme}` stand for the demo ranking's and the default
    /// scheme's ids. C-2026-0311 is Clyde Build Ltd's, the `supplier` account's own. Bodies are
    /// ones no route stores (malformed or refused), so the cases share one store per backend.
    struct Route: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var allowed: Set<String>
        var body: String? = nil
        var contentType: String? = nil

        var isPage: Bool { !path.hasPrefix("/api/") }
        var testDescription: String { "\(method) \(path)" }

        func uri(ranking: String, scheme: String) -> String {
            path.replacingOccurrences(of: "{ranking}", with: ranking).replacingOccurrences(of: "{scheme}", with: scheme)
        }
    }

    static let form = "application/x-www-form-urlencoded"

    static let routes: [Route] = [
        // The API.
        Route(method: .get, path: "/api/v1/me", allowed: anyone),
        Route(method: .get, path: "/api/v1/schemes", allowed: readSchemes),
        Route(method: .post, path: "/api/v1/schemes?name=x.cbs", allowed: addSchemes, body: "not a scheme", contentType: "text/plain"),
        Route(method: .get, path: "/api/v1/schemes/{scheme}", allowed: readSchemes),
        Route(method: .post, path: "/api/v1/tenders", allowed: evaluate, body: "<x/>", contentType: "application/xml"),
        Route(method: .get, path: "/api/v1/tenders", allowed: readTenders),
        Route(method: .get, path: "/api/v1/tenders/GCR-2026-014", allowed: readTenders),
        Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/bids", allowed: evaluate, body: "<x/>", contentType: "application/xml"),
        Route(method: .get, path: "/api/v1/tenders/GCR-2026-014/bids", allowed: readTenders),
        Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/rankings", allowed: evaluate, body: "{\"scheme\":\"none\"}",
              contentType: "application/json"),
        Route(method: .get, path: "/api/v1/rankings/{ranking}", allowed: readTenders),
        Route(method: .get, path: "/api/v1/rankings/{ranking}?format=csv", allowed: readTenders),
        Route(method: .get, path: "/api/v1/rankings/{ranking}/summaries/B-014-03", allowed: readTenders),
        Route(method: .post, path: "/api/v1/tenders/GCR-2026-014/award", allowed: evaluate, body: "{}", contentType: "application/json"),
        Route(method: .get, path: "/api/v1/contracts", allowed: readContracts),
        Route(method: .get, path: "/api/v1/contracts/C-2026-0311", allowed: readContracts),
        Route(method: .get, path: "/api/v1/contracts/C-2026-0311/progress?asOf=2027-01-31", allowed: readContracts),
        Route(method: .post, path: "/api/v1/contracts/C-2026-0311/returns", allowed: submitReturns, body: "<x/>",
              contentType: "application/xml"),
        Route(method: .get, path: "/api/v1/contracts/C-2026-0311/returns", allowed: readContracts),
        Route(method: .get, path: "/api/v1/returns/due?asOf=2027-01-31", allowed: readContracts),
        Route(method: .get, path: "/api/v1/portfolio?asOf=2027-01-31", allowed: portfolio),
        Route(method: .get, path: "/api/v1/reports/annual?from=2026-04-01&to=2027-03-31", allowed: portfolio),
        Route(method: .get, path: "/api/v1/audit", allowed: audit),
        Route(method: .get, path: "/api/v1/users", allowed: users),
        Route(method: .post, path: "/api/v1/users", allowed: users, body: "{}", contentType: "application/json"),
        Route(method: .delete, path: "/api/v1/users/nobody@test.example", allowed: users),
        Route(method: .delete, path: "/api/v1/session", allowed: anyone),
        // The pages, and the forms they post.
        Route(method: .get, path: "/tenders", allowed: readTenders),
        Route(method: .post, path: "/tenders", allowed: evaluate, body: "x=1", contentType: form),
        Route(method: .get, path: "/tenders/GCR-2026-014", allowed: readTenders),
        Route(method: .post, path: "/tenders/GCR-2026-014/bids", allowed: evaluate, body: "x=1", contentType: form),
        Route(method: .post, path: "/tenders/GCR-2026-014/rankings", allowed: evaluate, body: "scheme=none", contentType: form),
        Route(method: .get, path: "/rankings/{ranking}", allowed: readTenders),
        Route(method: .get, path: "/rankings/{ranking}/bids/B-014-03", allowed: readTenders),
        Route(method: .post, path: "/rankings/{ranking}/award", allowed: evaluate, body: "bid=B-014-03", contentType: form),
        Route(method: .get, path: "/schemes", allowed: readSchemes),
        Route(method: .post, path: "/schemes", allowed: addSchemes, body: "name=x.cbs&text=not+a+scheme", contentType: form),
        Route(method: .get, path: "/schemes/{scheme}", allowed: readSchemes),
        Route(method: .get, path: "/contracts", allowed: readContracts),
        Route(method: .get, path: "/contracts/C-2026-0311", allowed: readContracts),
        Route(method: .post, path: "/contracts/C-2026-0311/returns", allowed: submitReturns, body: "x=1", contentType: form),
        Route(method: .get, path: "/portfolio", allowed: portfolio),
        Route(method: .get, path: "/reports/annual", allowed: portfolio),
        Route(method: .get, path: "/audit", allowed: audit),
        Route(method: .get, path: "/users", allowed: users),
        Route(method: .post, path: "/users", allowed: users, body: "email=x", contentType: form),
        Route(method: .post, path: "/users/nobody%40test.example/delete", allowed: users, body: "x=1", contentType: form),
    ]

    /// One demo store per backend, shared by the cases (no route above stores anything), with
    /// each account signed in once for the pages (a session cookie and its CSRF token).
    struct Shared: Sendable {
        var t: TestService
        var ranking: String
        var sessions: [String: (cookie: String, csrf: String)]
    }

    static let shared = Mutex<[Backend: Task<Shared, any Error>]>([:])

    static func fixture(_ backend: Backend) async throws -> Shared {
        let task = shared.withLock { tasks in
            if let task = tasks[backend] { return task }
            let task = Task<Shared, any Error> {
                let t = try await TestService.make(backend)
                let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
                let sessions = try await t.test { client in
                    var sessions: [String: (cookie: String, csrf: String)] = [:]
                    for (name, account) in t.accounts {
                        let (cookie, csrf, _) = try await client.signIn(account.user.email)
                        sessions[name] = (cookie, csrf)
                    }
                    return sessions
                }
                return Shared(t: t, ranking: ranking, sessions: sessions)
            }
            tasks[backend] = task
            return task
        }
        return try await task.value
    }

    @Test(arguments: Backend.all, routes)
    func everyRoleOnThisRoute(_ backend: Backend, _ route: Route) async throws {
        let shared = try await Self.fixture(backend)
        let t = shared.t
        let uri = route.uri(ranking: shared.ranking, scheme: t.service.defaultSchemeID)
        let body = route.body.map { Array($0.utf8) }
        try await t.test { client in
            let anonymous = try await client.send(route.method, uri, body: body, contentType: route.contentType)
            if route.isPage && route.method == .get {
                #expect(anonymous.status == .seeOther, "no credentials: a page read goes to the sign-in page")
                #expect(anonymous.headers[.location]?.hasPrefix("/sign-in?next=") == true)
            } else {
                #expect(anonymous.status == .unauthorized, "no credentials")
                if !route.isPage { #expect(anonymous.errorID == "service.unauthenticated") }
            }
            for name in Self.anyone.sorted() {
                let answer: Client.Answer
                if route.isPage {
                    // A person in a browser: the session cookie, and the form's CSRF token.
                    let session = try #require(shared.sessions[name])
                    let sent = route.method == .get ? body : body.map { Array("csrf=\(session.csrf)&".utf8) + $0 }
                    answer = try await client.send(route.method, uri, headers: [.cookie: session.cookie], body: sent,
                                                   contentType: route.contentType)
                } else {
                    answer = try await client.send(route.method, uri, token: t.token(name), body: body, contentType: route.contentType)
                }
                if route.allowed.contains(name) {
                    if name == "other-supplier", uri.contains("/contracts/C-2026-0311") {
                        // Another supplier's contract: as if it did not exist, and nothing of it shown.
                        #expect(answer.status == .notFound, "\(name) → \(answer.status)")
                        #expect(!answer.body.contains("Clyde Build"), "\(name) is shown nothing of another supplier's contract")
                    } else {
                        #expect(answer.status != .unauthorized && answer.status != .forbidden,
                                "\(name) is allowed but got \(answer.status): \(answer.body.prefix(300))")
                    }
                } else {
                    #expect(answer.status == .forbidden, "\(name) → \(answer.status), expected 403")
                    if route.isPage {
                        #expect(answer.body.contains("Not allowed"), "\(name): the page says why")
                    } else {
                        #expect(answer.errorID == "service.forbidden", "\(name)")
                    }
                    // Nothing of what was asked comes back with the refusal.
                    for leak in ["B-014-03", "Clyde Build", "Springburn", "GCR community benefits 2026"]
                        where !uri.contains(leak) {
                        #expect(!answer.body.contains(leak), "\(name): a 403 shows \(leak)")
                    }
                }
            }
        }
    }

    /// A supplier sees its own contracts and nothing of another's: 404 on each contract route
    /// (not 403, which would tell it the contract exists), the same answer as for a contract
    /// that does not exist, and the lists leave them out.
    @Test(arguments: Backend.all)
    func aSupplierSeesOnlyItsOwnContracts(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let supplier = t.token("supplier")
            for path in ["/api/v1/contracts/{c}", "/api/v1/contracts/{c}/progress?asOf=2027-01-31", "/api/v1/contracts/{c}/returns"] {
                let other = try await client.send(.get, path.replacingOccurrences(of: "{c}", with: "C-2026-0141"), token: supplier)
                let none = try await client.send(.get, path.replacingOccurrences(of: "{c}", with: "C-NO-SUCH"), token: supplier)
                #expect(other.status == .notFound, "\(path)")
                #expect(other.errorID == "service.not-found")
                #expect(other.body.replacingOccurrences(of: "C-2026-0141", with: "C-NO-SUCH") == none.body,
                        "another supplier's contract looks like one that does not exist: \(path)")
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
            let othersDue = try await client.send(.get, "/api/v1/returns/due?asOf=2027-01-31", token: t.token("other-supplier"))
            #expect(Set(othersDue.array.compactMap { $0["contract"] as? String }) == ["C-2026-0141"])
            // The pages too.
            let (cookie, _, _) = try await client.signIn("supplier@test.example")
            let page = try await client.send(.get, "/contracts", headers: [.cookie: cookie])
            #expect(page.body.contains("C-2026-0311") && !page.body.contains("C-2026-0141") && !page.body.contains("Springburn"))
            #expect(try await client.send(.get, "/contracts/C-2026-0141", headers: [.cookie: cookie]).status == .notFound)
        }
    }
}
