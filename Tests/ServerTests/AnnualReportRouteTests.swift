import Foundation
import HTTPTypes
import Testing

/// `GET /api/v1/reports/annual` and the page `/reports/annual` (annual-report.md, service.md):
/// one test per refusal, and the page's links to the returns each figure comes from. Who may
/// ask is in PermissionMatrixTests and PageTests; the figures equal the CLI's in ContractTests.
@Suite struct AnnualReportRouteTests {
    static let year = "from=2026-04-01&to=2027-03-31"

    /// The refusal for `query`: 400 with `id`, and a message naming what was wrong.
    static func refused(_ query: String, id: String, saying words: String) async throws {
        let t = try await TestService.make(.sqlite, demo: false)
        try await t.test { client in
            let answer = try await client.send(.get, "/api/v1/reports/annual?\(query)", token: t.token("manager"))
            #expect(answer.status == .badRequest, "\(query)")
            #expect(answer.errorID == id, "\(query)")
            let message = (answer.object["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains(words), "\(query): \(message)")
        }
    }

    @Test func withoutFromIsRefused() async throws {
        try await Self.refused("to=2027-03-31", id: "service.missing-field", saying: "from is required")
    }

    @Test func withoutToIsRefused() async throws {
        try await Self.refused("from=2026-04-01", id: "service.missing-field", saying: "to is required")
    }

    @Test func aDayThatDoesNotExistIsRefused() async throws {
        try await Self.refused("from=2026-04-31&to=2027-03-31", id: "service.bad-request", saying: "'2026-04-31' is not a date")
    }

    @Test func aPeriodEndingBeforeItStartsIsRefused() async throws {
        try await Self.refused("from=2027-04-01&to=2026-03-31", id: "service.bad-request", saying: "is after to")
    }

    @Test func anUnknownFormatIsRefused() async throws {
        try await Self.refused("\(Self.year)&format=pdf", id: "service.bad-request", saying: "'pdf' is not json, csv, text or html")
    }

    /// The page answers 400 with the form and the sentence, not the report, for a period that
    /// ends before it starts.
    @Test func thePageRefusesAPeriodEndingBeforeItStarts() async throws {
        let t = try await TestService.make(.sqlite, demo: false)
        try await t.test { client in
            let (cookie, _, _) = try await client.signIn("manager@test.example")
            let page = try await client.send(.get, "/reports/annual?from=2027-04-01&to=2026-03-31", headers: [.cookie: cookie])
            #expect(page.status == .badRequest)
            #expect(page.body.contains("From 2027-04-01 is after to 2026-03-31."))
            #expect(page.body.contains("<form method=\"get\" action=\"/reports/annual\""))
            #expect(!page.body.contains("Community Benefit Requirements Summary"))
        }
    }

    /// Every figure's periods link to a row of the returns table on the page too (the table
    /// with each return's file and SHA-256), and the page does not name the store.
    @Test(arguments: Backend.all)
    func thePageLinksEveryFigureToItsReturns(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let (cookie, _, _) = try await client.signIn("manager@test.example")
            let page = try await client.send(.get, "/reports/annual?\(Self.year)", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let html = page.body
            let targets = Set(html.components(separatedBy: "href=\"#return-").dropFirst().map { String($0.prefix { $0 != "\"" }) })
            // The demo's C-2026-0311 has returns for 2026-Q3 to 2027-Q1 in the year.
            #expect(targets.contains("C-2026-0311-2026-Q3"))
            for target in targets {
                #expect(html.contains("<tr id=\"return-\(target)\">"), "no row for #return-\(target)")
            }
            #expect(html.contains("Returns counted"))
            #expect(!html.contains("Store and returns"))
        }
    }
}
