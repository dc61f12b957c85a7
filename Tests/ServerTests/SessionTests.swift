import Foundation
import HTTPTypes
@testable import Server
import Store
import Testing

/// Signing in and out, session cookies, CSRF, login throttling, and the audit of each.
@Suite struct SessionTests {
    @Test(arguments: Backend.all)
    func signingInGivesAnHttpOnlyStrictCookieAndACSRFToken(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let (cookie, csrf, answer) = try await client.signIn("officer@test.example")
            #expect(answer.status == .ok)
            let setCookie = try #require(answer.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"), "no Secure flag over plain HTTP")
            #expect((answer.object["user"] as? [String: Any])?["role"] as? String == "officer")
            #expect(csrf.count == 32)
            // The id is 128 random bits; the store keeps only its SHA-256.
            let id = String(cookie.dropFirst("cbscore_session=".count))
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
            #expect(try await t.store.session(idSHA256: id, at: "2000-01-01T00:00:00Z") == nil)
            #expect(try await t.store.session(idSHA256: SHA.hex(id), at: "2000-01-01T00:00:00Z") != nil)
            let me = try await client.send(.get, "/api/v1/me", headers: [.cookie: cookie])
            #expect(me.object["email"] as? String == "officer@test.example")
        }
    }

    @Test func behindHTTPSTheCookieIsSecure() async throws {
        let t = try await TestService.make(.sqlite, demo: false, configuration: ServiceConfiguration(behindHTTPS: true))
        try await t.test { client in
            let (_, _, answer) = try await client.signIn("officer@test.example")
            #expect(answer.headers[.setCookie]?.contains("; Secure") == true)
            #expect(answer.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test(arguments: Backend.all)
    func aWrongEmailAndAWrongPasswordGetTheSameAnswer(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let wrongPassword = try await client.signIn("officer@test.example", password: "not the password").answer
            let wrongEmail = try await client.signIn("nobody@test.example").answer
            #expect(wrongPassword.status == .unauthorized)
            #expect(wrongEmail.status == .unauthorized)
            #expect(wrongPassword.body == wrongEmail.body)
            #expect(wrongPassword.headers[.setCookie] == nil)
            let missing = try await client.json(.post, "/api/v1/session", ["email": "officer@test.example"])
            #expect(missing.status == .badRequest)
            #expect(missing.errorID == "service.missing-field")
            let garbled = try await client.send(.post, "/api/v1/session", body: Array("{not json".utf8), contentType: "application/json")
            #expect(garbled.status == .badRequest)
            #expect(garbled.errorID == "service.bad-request")
        }
    }

    /// After 5 failures for one email in 15 minutes every attempt gets 429, the right password
    /// included, until the window passes; attempts while throttled do not extend it.
    @Test(arguments: Backend.all)
    func fiveFailuresThrottleAnEmailUntilTheWindowPasses(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            for _ in 0..<5 {
                #expect(try await client.signIn("officer@test.example", password: "wrong password!").answer.status == .unauthorized)
                t.clock.advance(60)
            }
            // 4 minutes after the first failure … 14 minutes after it: throttled, right password or not.
            let throttled = try await client.signIn("officer@test.example").answer
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorID == "service.throttled")
            #expect(throttled.headers[.retryAfter] != nil)
            t.clock.advance(9 * 60)
            #expect(try await client.signIn("officer@test.example", password: "wrong again!!").answer.status == .tooManyRequests)
            // Another email is not throttled.
            #expect(try await client.signIn("admin@test.example").answer.status == .ok)
            // 15 minutes after the first failure the window has passed for it: the throttled
            // attempts above did not extend it.
            t.clock.advance(60)
            #expect(try await client.signIn("officer@test.example").answer.status == .ok)
        }
    }

    @Test(arguments: Backend.all)
    func signingOutEndsTheSession(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let (cookie, csrf, _) = try await client.signIn("manager@test.example")
            let out = try await client.send(.delete, "/api/v1/session", headers: [.cookie: cookie, .xCSRFToken: csrf])
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.send(.get, "/api/v1/me", headers: [.cookie: cookie]).status == .unauthorized)
        }
    }

    @Test(arguments: Backend.all)
    func aSessionExpires(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let (cookie, _, _) = try await client.signIn("manager@test.example")
            t.clock.advance(12 * 3600 - 1)
            #expect(try await client.send(.get, "/api/v1/me", headers: [.cookie: cookie]).status == .ok)
            t.clock.advance(1)
            #expect(try await client.send(.get, "/api/v1/me", headers: [.cookie: cookie]).status == .unauthorized)
        }
    }

    /// A change made with a session cookie needs the session's CSRF token, in the header or a
    /// form field; a bearer token needs none (a browser never sends one on its own).
    @Test(arguments: Backend.all)
    func cookieChangesNeedTheCSRFToken(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let (cookie, csrf, _) = try await client.signIn("admin@test.example")
            let user: [String: Any] = ["email": "new@test.example", "role": "auditor", "password": "a long enough password"]
            let without = try await client.json(.post, "/api/v1/users", headers: [.cookie: cookie], user)
            #expect(without.status == .forbidden)
            #expect(without.errorID == "service.csrf")
            let wrong = try await client.json(.post, "/api/v1/users", headers: [.cookie: cookie, .xCSRFToken: String(csrf.reversed())], user)
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorID == "service.csrf")
            #expect(try await t.store.user(email: "new@test.example") == nil)
            let with = try await client.json(.post, "/api/v1/users", headers: [.cookie: cookie, .xCSRFToken: csrf], user)
            #expect(with.status == .created)
            // A page's form field carries it too.
            let form = Array("email=form%40test.example&role=auditor&password=another+long+password&csrf=\(csrf)".utf8)
            let page = try await client.send(.post, "/users", headers: [.cookie: cookie], body: form,
                                             contentType: "application/x-www-form-urlencoded")
            #expect(page.status == .created)
            #expect(try await t.store.user(email: "form@test.example") != nil)
            // A sign-in form posted from another site is refused.
            let crossSite = try await client.send(.post, "/sign-in", headers: [.secFetchSite: "cross-site"],
                                                  body: Array("email=admin%40test.example&password=correct+horse+battery".utf8),
                                                  contentType: "application/x-www-form-urlencoded")
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.headers[.setCookie] == nil)
            let pageWithout = try await client.send(.post, "/users", headers: [.cookie: cookie],
                                                    body: Array("email=x%40test.example&role=auditor".utf8),
                                                    contentType: "application/x-www-form-urlencoded")
            #expect(pageWithout.status == .forbidden)
            // Reads need no token.
            #expect(try await client.send(.get, "/api/v1/users", headers: [.cookie: cookie]).status == .ok)
            // A bearer token needs none.
            let token = try await client.json(.post, "/api/v1/users", token: t.token("admin"),
                                              ["email": "tok@test.example", "role": "auditor", "password": "a long enough password"])
            #expect(token.status == .created)
            // CSRF comes before the role: a supplier without the token gets the CSRF refusal.
            let (supplierCookie, _, _) = try await client.signIn("supplier@test.example")
            let order = try await client.json(.post, "/api/v1/users", headers: [.cookie: supplierCookie], user)
            #expect(order.errorID == "service.csrf")
        }
    }

    /// `/healthz` needs no login: 200 `{"status":"ok"}` while the store answers, 503 once it
    /// does not (a load balancer then sends no one to this process). The store is made
    /// unreachable by closing it, which SQLite honours (a closed PostgreSQL pool reconnects, so
    /// there the 503 path, the same code, is not reached this way).
    @Test(arguments: Backend.all)
    func healthSaysWhetherTheStoreAnswers(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let up = try await client.send(.get, "/healthz")
            #expect(up.status == .ok)
            #expect(up.object["status"] as? String == "ok")
            guard backend == .sqlite else { return }
            try await t.store.close()
            let down = try await client.send(.get, "/healthz")
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorID == "service.unavailable")
        }
    }

    /// An admin lists, adds and removes users; a refused addition says which field; a removed
    /// user's sessions and tokens stop working at once.
    @Test(arguments: Backend.all)
    func anAdminManagesUsers(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let admin = t.token("admin")
            let listed = try await client.send(.get, "/api/v1/users", token: admin)
            #expect(listed.array.count == 6)
            #expect(listed.array.first { $0["email"] as? String == "supplier@test.example" }?["supplier"] as? String == "Clyde Build Ltd")
            #expect(Set(listed.array.first.map { Array($0.keys) } ?? []) == ["email", "role", "supplier"])
            let refusals: [([String: Any], HTTPResponse.Status, String)] = [
                (["role": "auditor", "password": "a long enough password"], .badRequest, "service.missing-field"),
                (["email": "x@test.example", "password": "a long enough password"], .badRequest, "service.missing-field"),
                (["email": "x@test.example", "role": "boss", "password": "a long enough password"], .badRequest, "service.bad-request"),
                (["email": "x@test.example", "role": "supplier", "password": "a long enough password"], .badRequest, "service.missing-field"),
                (["email": "x@test.example", "role": "auditor", "supplier": "Clyde Build Ltd", "password": "a long enough password"],
                 .badRequest, "service.bad-request"),
                (["email": "x@test.example", "role": "auditor", "password": "short"], .badRequest, "service.bad-request"),
                (["email": "not an email", "role": "auditor", "password": "a long enough password"], .badRequest, "service.bad-request"),
            ]
            for (body, status, id) in refusals {
                let answer = try await client.json(.post, "/api/v1/users", token: admin, body)
                #expect(answer.status == status && answer.errorID == id, "\(body): \(answer.status) \(answer.body)")
            }
            #expect(try await t.store.user(email: "x@test.example") == nil)
            let added = try await client.json(.post, "/api/v1/users", token: admin,
                                              ["email": "New.Person@Test.example", "role": "supplier", "supplier": "Clyde Build Ltd",
                                               "password": "a long enough password"])
            #expect(added.status == .created)
            #expect(added.object["email"] as? String == "new.person@test.example")
            let (cookie, _, signedIn) = try await client.signIn("new.person@test.example", password: "a long enough password")
            #expect(signedIn.status == .ok)
            #expect(try await client.send(.get, "/api/v1/contracts", headers: [.cookie: cookie]).status == .ok)
            // Removing a user ends its sessions and its tokens.
            #expect(try await client.send(.delete, "/api/v1/users/new.person@test.example", token: admin).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/me", headers: [.cookie: cookie]).status == .unauthorized)
            #expect(try await client.send(.delete, "/api/v1/users/new.person@test.example", token: admin).status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/users/officer@test.example", token: admin).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/me", token: t.token("officer")).status == .unauthorized)
        }
    }

    /// `GET /api/v1/audit?since=INSTANT`: the entries from that instant on.
    @Test(arguments: Backend.all)
    func theAuditLogFromAnInstant(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            _ = try await client.signIn("nobody@test.example")
            t.clock.advance(3600)
            let since = EvaluationStore.instant(epochSeconds: t.clock.now)
            _ = try await client.signIn("somebody@test.example")
            let all = try await client.send(.get, "/api/v1/audit", token: t.token("auditor")).array
            let recent = try await client.send(.get, "/api/v1/audit?since=\(since)", token: t.token("auditor")).array
            #expect(all.count == recent.count + 1)
            #expect(recent.map { $0["target"] as? String } == ["somebody@test.example"])
            #expect(recent.first?["at"] as? String == since)
        }
    }

    /// Every unsafe request writes one audit entry, refused ones included; reads write none.
    @Test(arguments: Backend.all)
    func everyChangeIsAudited(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let before = try await t.store.audit().count
            _ = try await client.signIn("nobody@test.example")
            let (cookie, csrf, _) = try await client.signIn("officer@test.example")
            _ = try await client.send(.post, "/api/v1/tenders", body: Array("<x/>".utf8))            // 401
            _ = try await client.xml("/api/v1/tenders", headers: [.cookie: cookie], Array("<x/>".utf8))  // 403 CSRF
            let tender = try Fixtures.bytes("gcr-2026-014/tender.xml")
            _ = try await client.xml("/api/v1/tenders?name=t.xml", headers: [.cookie: cookie, .xCSRFToken: csrf], tender)  // 201
            _ = try await client.send(.get, "/api/v1/tenders", headers: [.cookie: cookie])
            _ = try await client.send(.delete, "/api/v1/session", headers: [.cookie: cookie, .xCSRFToken: csrf])
            let entries = Array(try await t.store.audit().dropFirst(before))
            #expect(entries.map(\.outcome) == [401, 200, 401, 403, 201, 204])
            #expect(entries.map(\.action) == ["POST /api/v1/session", "POST /api/v1/session", "POST /api/v1/tenders",
                                              "POST /api/v1/tenders", "POST /api/v1/tenders", "DELETE /api/v1/session"])
            #expect(entries.map(\.user) == [nil, "officer@test.example", nil, "officer@test.example", "officer@test.example",
                                            "officer@test.example"])
            #expect(entries[0].target == "nobody@test.example")
            #expect(entries[4].target == "GCR-2026-014")
            #expect(entries[4].sha256 == SHA.hex(tender))
            #expect(entries[1].sha256 == nil, "a sign-in's body (the password) is never hashed into the log")
            let listed = try await client.send(.get, "/api/v1/audit", token: t.token("auditor"))
            #expect(listed.array.count == before + 6)
            #expect(Set(listed.array.first.map { Array($0.keys) } ?? []) == ["at", "user", "action", "target", "outcome", "sha256"])
        }
    }
}

import Hashing
enum SHA {
    static func hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
