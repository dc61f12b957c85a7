import Foundation
import HTTPTypes
@testable import Server
import Store
import Testing

/// The pages: server-rendered, no script, no inline style, the CSP header, a label for every
/// field, one `h1`, the CSRF token in every form, and each role sent only where it may go.
@Suite struct PageTests {
    static func multipart(_ fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])?) -> (String, [UInt8]) {
        let boundary = "----cbscore-test-boundary"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/xml\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    static func checkPage(_ answer: Client.Answer, _ what: String) {
        #expect(answer.headers[.contentSecurityPolicy] == "default-src 'self'", "\(what)")
        #expect(answer.headers[.contentType]?.hasPrefix("text/html") == true, "\(what)")
        let html = answer.body
        #expect(!html.contains("<script"), "\(what): no script")
        #expect(!html.contains("<style"), "\(what): no inline style block")
        #expect(!html.contains(" style=\""), "\(what): no inline style attribute")
        #expect(html.components(separatedBy: "<h1").count == 2, "\(what): one h1")
        #expect(html.contains("<html lang=\"en-GB\">"), "\(what)")
        // Every form field has a label (hidden fields and buttons need none).
        for match in html.components(separatedBy: "<input ").dropFirst() + html.components(separatedBy: "<select ").dropFirst()
            + html.components(separatedBy: "<textarea ").dropFirst() {
            let tag = String(match.prefix { $0 != ">" })
            if tag.contains("type=\"hidden\"") { continue }
            guard let idRange = tag.range(of: "id=\"") else {
                Issue.record("\(what): a field without an id: \(tag)")
                continue
            }
            let id = tag[idRange.upperBound...].prefix { $0 != "\"" }
            #expect(html.contains("<label for=\"\(id)\""), "\(what): no label for \(id)")
        }
        // Every form that changes something carries the CSRF token.
        for form in html.components(separatedBy: "<form ").dropFirst() where form.hasPrefix("class=\"panel\" method=\"post\"") || form.hasPrefix("method=\"post\"") {
            let body = form.components(separatedBy: "</form>")[0]
            if body.contains("action=\"/sign-in\"") { continue }
            #expect(body.contains("name=\"csrf\""), "\(what): a form without the CSRF token")
        }
    }

    @Test(arguments: Backend.all)
    func everyPageForEveryRole(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
        let scheme = t.service.defaultSchemeID
        let pages: [(String, Set<String>)] = [
            ("/tenders", ["admin", "officer", "manager", "auditor"]),
            ("/tenders/GCR-2026-014", ["admin", "officer", "manager", "auditor"]),
            ("/rankings/\(ranking)", ["admin", "officer", "manager", "auditor"]),
            ("/rankings/\(ranking)/bids/B-014-03", ["admin", "officer", "manager", "auditor"]),
            ("/schemes", ["admin", "officer", "manager", "auditor"]),
            ("/schemes/\(scheme)", ["admin", "officer", "manager", "auditor"]),
            ("/contracts", ["admin", "officer", "manager", "supplier", "auditor"]),
            ("/contracts/C-2026-0311", ["admin", "officer", "manager", "supplier", "auditor"]),
            ("/portfolio", ["admin", "officer", "manager", "auditor"]),
            ("/audit", ["admin", "auditor"]),
            ("/users", ["admin"]),
        ]
        try await t.test { client in
            let signIn = try await client.send(.get, "/sign-in")
            Self.checkPage(signIn, "/sign-in")
            let anonymous = try await client.send(.get, "/tenders")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/tenders")
            for name in ["admin", "officer", "manager", "supplier", "auditor"] {
                let (cookie, _, _) = try await client.signIn("\(name)@test.example")
                for (path, allowed) in pages {
                    let answer = try await client.send(.get, path, headers: [.cookie: cookie])
                    if allowed.contains(name) {
                        #expect(answer.status == .ok, "\(name) \(path): \(answer.status)")
                        Self.checkPage(answer, "\(name) \(path)")
                    } else {
                        #expect(answer.status == .forbidden, "\(name) \(path): \(answer.status)")
                    }
                }
                let annual = try await client.send(.get, "/reports/annual?from=2026-04-01&to=2027-03-31", headers: [.cookie: cookie])
                #expect(annual.status == (name == "supplier" ? .forbidden : .ok))
                if name != "supplier" { #expect(annual.body.contains("4. Community Benefit Requirements Summary")) }
            }
            let (supplier, _, _) = try await client.signIn("other-supplier@test.example")
            #expect(try await client.send(.get, "/contracts/C-2026-0311", headers: [.cookie: supplier]).status == .notFound)
            let css = try await client.send(.get, "/static/style.css")
            #expect(css.status == .ok && css.body.contains("--accent"))
        }
    }

    /// What an officer reads on a ranking's page without opening each explanation: the columns
    /// the total is made of, why an excluded bid is excluded (the gate and its figures), how a
    /// tie was broken, and every download the API gives. The audit log, newest first, says
    /// what each status code means.
    @Test func theRankingPageSaysWhatDecidedTheOrder() async throws {
        let t = try await TestService.make(.sqlite)
        let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
        try await t.test { client in
            let (cookie, _, _) = try await client.signIn("officer@test.example")
            let page = try await client.send(.get, "/rankings/\(ranking)", headers: [.cookie: cookie]).body
            #expect(page.contains(">Fair work <span class=\"sub\">out of 20</span></th>"))
            #expect(page.contains(">Community benefit score <span class=\"sub\">out of 80</span></th>"))
            #expect(page.contains("at the gate “Statutory minimum wage”: 12.00 &lt; 12.21 (NLW from 2025-04-01)"))
            #expect(page.contains("at the gate “Minimum targeted recruitment and training”"))
            #expect(page.contains("?format=ocds\">OCDS (open data)</a>"))
            // B-014-07 and B-014-08 both total 60: the tie-break is named beside the later one.
            let row = try #require(page.components(separatedBy: "<tr").first { $0.contains(">B-014-07<") })
            #expect(row.contains("class=\"sub\""), "the tie-break is shown: \(row)")
            let (auditor, _, _) = try await client.signIn("auditor@test.example")
            let audit = try await client.send(.get, "/audit", headers: [.cookie: auditor]).body
            #expect(audit.contains("200 <span class=\"sub\">done</span>"))
            #expect(audit.contains("newest first"))
        }
    }

    /// The contract manager's pages lead with what is overdue; the supplier's with what it owes.
    @Test(arguments: Backend.all)
    func contractsLeadWithWhatIsOverdue(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let (manager, _, _) = try await client.signIn("manager@test.example")
            let page = try await client.send(.get, "/contracts", headers: [.cookie: manager]).body
            let overdue = try #require(page.range(of: "overdue-tag"))
            let glance = try #require(page.range(of: "Every contract at a glance"))
            #expect(overdue.lowerBound < glance.lowerBound)
            #expect(page.contains("class=\"rag "))
            let (supplier, _, _) = try await client.signIn("supplier@test.example")
            let own = try await client.send(.get, "/contracts", headers: [.cookie: supplier]).body
            #expect(own.contains("Returns you owe"))
            #expect(!own.contains("C-2026-0141"))
        }
    }

    /// The officer's path through forms alone: upload a tender and bids, rank, award.
    @Test(arguments: Backend.all)
    func anOfficerWorksThroughTheForms(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let login = Array("email=officer%40test.example&password=correct+horse+battery&next=%2Ftenders".utf8)
            let signedIn = try await client.send(.post, "/sign-in", body: login, contentType: "application/x-www-form-urlencoded")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/tenders")
            let cookie = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let csrf = try #require(try await t.store.session(idSHA256: SHA.hex(String(cookie.dropFirst("cbscore_session=".count))),
                                                              at: "2000-01-01T00:00:00Z")?.session.csrf)
            let (type, tender) = Self.multipart([("csrf", csrf)], file: ("document", "tender.xml", try Fixtures.bytes("gcr-2026-014/tender.xml")))
            let uploaded = try await client.send(.post, "/tenders", headers: [.cookie: cookie], body: tender, contentType: type)
            #expect(uploaded.status == .seeOther)
            #expect(uploaded.headers[.location] == "/tenders/GCR-2026-014")
            // A bad bid: 422 and the page shows the problem by line with a caret.
            let (badType, bad) = Self.multipart([("csrf", csrf)], file: ("document", "fte.xml", try Fixtures.bytes("invalid/fte-out-of-range.xml")))
            let refused = try await client.send(.post, "/tenders/GCR-2026-014/bids", headers: [.cookie: cookie], body: bad, contentType: badType)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("fte.xml:"))
            #expect(refused.body.contains("^"))
            #expect(try await t.store.bids(tender: "GCR-2026-014").isEmpty)
            for file in ["B-014-01.xml", "B-014-03.xml", "B-014-04.xml"] {
                let (bidType, bid) = Self.multipart([("csrf", csrf)], file: ("document", file, try Fixtures.bytes("gcr-2026-014/bids/" + file)))
                #expect(try await client.send(.post, "/tenders/GCR-2026-014/bids", headers: [.cookie: cookie], body: bid, contentType: bidType).status == .ok)
            }
            let (rankType, rank) = Self.multipart([("csrf", csrf), ("scheme", t.service.defaultSchemeID)], file: nil)
            let ranked = try await client.send(.post, "/tenders/GCR-2026-014/rankings", headers: [.cookie: cookie], body: rank, contentType: rankType)
            #expect(ranked.status == .seeOther)
            let rankingPath = try #require(ranked.headers[.location])
            let id = String(rankingPath.dropFirst("/rankings/".count))
            let page = try await client.send(.get, rankingPath, headers: [.cookie: cookie])
            #expect(page.body.contains("B-014-01"))
            let form = Array("csrf=\(csrf)&bid=B-014-01&contract=C-9&start=2026-05-01&end=2027-04-30&reporting=quarterly&graceDays=30".utf8)
            let awarded = try await client.send(.post, "/rankings/\(id)/award", headers: [.cookie: cookie], body: form,
                                                contentType: "application/x-www-form-urlencoded")
            #expect(awarded.status == .seeOther)
            #expect(awarded.headers[.location] == "/contracts/C-9")
            #expect(try await t.store.contract("C-9")?.summary.details.awardedBy == "officer@test.example")
        }
    }
}
