import Foundation
import HTTPTypes
@testable import Server
import Store
import Testing

/// What the service serves depends on the documents, the scheme and the inputs, never on the
/// order requests arrive in, the store, or the clock: the same documents uploaded in another
/// order, another grouping and at another time give byte-identical reports.
@Suite struct DeterminismTests {
    static let bidFiles = (1...8).map { String(format: "B-014-%02d.xml", $0) }

    /// Uploads tender GCR-2026-014 and its bids (`batched`: all eight in one `<Bids>` file per
    /// half, so the bids' names differ; otherwise one file each, in `order`), ranks them, and
    /// returns the ranking in every format.
    static func rankings(_ t: TestService, order: [String]) async throws -> [String: String] {
        try await t.test { client in
            let officer = t.token("officer")
            #expect(try await client.xml("/api/v1/tenders?name=tender.xml", token: officer,
                                         try Fixtures.bytes("gcr-2026-014/tender.xml")).status == .created)
            for file in order {
                let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=\(file)", token: officer,
                                                  try Fixtures.bytes("gcr-2026-014/bids/" + file))
                #expect(answer.status == .created)
                t.clock.advance(37)
            }
            let made = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: officer, [:])
            let id = try #require(made.object["id"] as? String)
            var formats: [String: String] = [:]
            for format in ["json", "csv", "html", "text", "ocds"] {
                formats[format] = try await client.send(.get, "/api/v1/rankings/\(id)?format=\(format)", token: officer).body
            }
            formats["summary"] = try await client.send(.get, "/api/v1/rankings/\(id)/summaries/B-014-03", token: officer).body
            return formats
        }
    }

    @Test(arguments: Backend.all)
    func bidsInAnotherOrderAndAtAnotherTimeRankTheSame(_ backend: Backend) async throws {
        let first = try await TestService.make(backend, demo: false)
        let second = try await TestService.make(backend, demo: false)
        second.clock.advance(86_400 * 45 + 3_607)  // another day and hour
        let a = try await Self.rankings(first, order: Self.bidFiles)
        let b = try await Self.rankings(second, order: Self.bidFiles.reversed())
        #expect(a.keys.sorted() == ["csv", "html", "json", "ocds", "summary", "text"])
        for format in a.keys.sorted() {
            #expect(a[format] == b[format], "\(format): the order or the time of the uploads changed the report")
            #expect(!(a[format] ?? "").isEmpty)
        }
    }

    /// Returns sent in another order (the resubmission first) give the same progress, history
    /// of what counts, and portfolio.
    @Test(arguments: Backend.all)
    func returnsInAnotherOrderGiveTheSameProgress(_ backend: Backend) async throws {
        let files = ["return-2026-Q3.xml", "return-2026-Q4.xml", "return-2026-Q4-resubmitted.xml", "return-2027-Q1.xml"]
        func served(_ order: [String], clockShift: Int) async throws -> [String] {
            let t = try await TestService.make(backend, demo: false)
            t.clock.advance(clockShift)
            // The demo's documents without its returns: tender 031, its winning bid, ranked and awarded.
            let officer = Caller(user: User(email: "officer@test.example", role: .officer), session: nil)
            let note = AuditNote()
            let tender = try await t.service.addTender(try Fixtures.bytes("monitoring/tender-GCR-2026-031.xml"),
                                                       name: "tender-GCR-2026-031.xml", by: officer, note: note)
            _ = try await t.service.addBids(try Fixtures.bytes("monitoring/bid-B-031-02-awarded.xml"), name: "bid-B-031-02.xml",
                                            tender: tender, by: officer, note: note)
            let ranking = try await t.service.rank(tender: tender, schemeID: nil, inputs: [:], excludeInvalid: false, by: officer, note: note)
            _ = try await t.service.award(Service.AwardBody(ranking: ranking.id, bid: "B-031-02", contract: "C-2026-0311",
                                                            start: "2026-07-01", end: "2027-06-30"),
                                          tender: tender, by: officer, note: note)
            return try await t.test { client in
                for file in order {
                    let answer = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=\(file)", token: t.token("supplier"),
                                                      try Fixtures.bytes("monitoring/" + file))
                    #expect(answer.status == .created, "\(file): \(answer.body)")
                    t.clock.advance(11)
                }
                var out: [String] = []
                for path in ["/api/v1/contracts/C-2026-0311/progress?asOf=2027-01-31", "/api/v1/contracts/C-2026-0311/progress?asOf=2027-06-30",
                             "/api/v1/portfolio?asOf=2027-06-30", "/api/v1/returns/due?asOf=2027-08-15"] {
                    out.append(try await client.send(.get, path, token: t.token("manager")).body)
                }
                let history = try await client.send(.get, "/api/v1/contracts/C-2026-0311/returns", token: t.token("manager"))
                out.append(history.array.map { "\($0["period"]!) \($0["sha256"]!) \($0["current"]!)" }.sorted().joined(separator: "\n"))
                return out
            }
        }
        let inOrder = try await served(files, clockShift: 0)
        let reversed = try await served(files.reversed(), clockShift: 86_400 * 3)
        #expect(inOrder.count == 5)
        for (a, b) in zip(inOrder, reversed) { #expect(a == b) }
    }
}
