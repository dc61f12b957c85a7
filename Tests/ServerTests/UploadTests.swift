import Foundation
import HTTPTypes
@testable import Server
import Store
import Testing

/// Documents sent to the API: read with the same hardened reader as files, so a refused or
/// hostile document gets 422 with file, line and column and stores nothing; the body limit;
/// conflicts; and which refusal wins when several apply.
@Suite struct UploadTests {
    /// What a refused request must leave: no new tender, bid, document or return.
    static func counts(_ t: TestService) async throws -> [Int] {
        var bids = 0
        for tender in try await t.store.tenders() { bids += try await t.store.bids(tender: tender.id).count }
        return [try await t.store.tenders().count, bids, try await t.store.history(contract: "C-2026-0311").count]
    }

    static let hostile = ["doctype-xxe.xml": "xml.doctype", "billion-laughs.xml": "xml.doctype", "xinclude.xml": "xml.xinclude",
                          "malformed.xml": "xml.malformed", "too-deep.xml": "xml.limit.element-depth"]

    @Test(arguments: Backend.all)
    func hostileBidsAreRefusedAndStoreNothing(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let before = try await Self.counts(t)
        try await t.test { client in
            for (file, id) in Self.hostile.sorted(by: { $0.key < $1.key }) {
                let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=\(file)", token: t.token("officer"),
                                                  try Fixtures.bytes("invalid/" + file))
                #expect(answer.status == .unprocessableContent, "\(file)")
                #expect(answer.diagnostics.contains { $0["id"] as? String == id }, "\(file): \(answer.body)")
                let first = try #require(answer.diagnostics.first)
                #expect(first["file"] as? String == file)
                #expect((first["line"] as? Int ?? 0) >= 1)
                #expect(first["column"] is Int && first["message"] is String)
                #expect(answer.errorID == first["id"] as? String)
            }
        }
        #expect(try await Self.counts(t) == before)
    }

    @Test(arguments: Backend.all)
    func hostileTendersAndReturnsAreRefusedToo(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let before = try await Self.counts(t)
        try await t.test { client in
            for file in ["doctype-xxe.xml", "xinclude.xml", "billion-laughs.xml"] {
                let tender = try await client.xml("/api/v1/tenders?name=\(file)", token: t.token("officer"),
                                                  try Fixtures.bytes("invalid/" + file))
                #expect(tender.status == .unprocessableContent, "\(file)")
                let ret = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=\(file)", token: t.token("supplier"),
                                               try Fixtures.bytes("invalid/" + file))
                #expect(ret.status == .unprocessableContent, "\(file)")
                #expect(ret.diagnostics.first?["file"] as? String == file)
            }
        }
        #expect(try await Self.counts(t) == before)
    }

    /// A document of the wrong kind, or no XML at all (a PDF, JSON, an empty body), sent to
    /// each upload route: 422 naming the file with line and column, nothing stored, and the
    /// refusal audited with the document's SHA-256.
    @Test(arguments: Backend.all)
    func wrongKindsAndNonXMLAreRefusedAndStoreNothing(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let before = try await Self.counts(t)
        let pdf = Array("%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj << /Type /Catalog >> endobj\n".utf8)
        let json = Array("{\"id\": \"GCR-2026-099\"}".utf8)
        let tender = try Fixtures.bytes("gcr-2026-014/tender.xml")
        let bid = try Fixtures.bytes("gcr-2026-014/bids/B-014-03.xml")
        let ret = try Fixtures.bytes("monitoring/return-2027-Q2.xml")
        let cases: [(route: String, token: String, name: String, bytes: [UInt8], id: String)] = [
            ("/api/v1/tenders", "officer", "bid.xml", bid, "xml.wrong-root"),
            ("/api/v1/tenders", "officer", "return.xml", ret, "xml.wrong-root"),
            ("/api/v1/tenders", "officer", "tender.pdf", pdf, "xml.malformed"),
            ("/api/v1/tenders", "officer", "tender.json", json, "xml.malformed"),
            ("/api/v1/tenders", "officer", "empty.xml", [], "xml.malformed"),
            ("/api/v1/tenders/GCR-2026-014/bids", "officer", "tender.xml", tender, "xml.wrong-root"),
            ("/api/v1/tenders/GCR-2026-014/bids", "officer", "return.xml", ret, "xml.wrong-root"),
            ("/api/v1/tenders/GCR-2026-014/bids", "officer", "bid.pdf", pdf, "xml.malformed"),
            ("/api/v1/contracts/C-2026-0311/returns", "supplier", "bid.xml", bid, "xml.wrong-root"),
            ("/api/v1/contracts/C-2026-0311/returns", "supplier", "tender.xml", tender, "xml.wrong-root"),
            ("/api/v1/contracts/C-2026-0311/returns", "supplier", "return.pdf", pdf, "xml.malformed"),
            ("/api/v1/contracts/C-2026-0311/returns", "supplier", "return.json", json, "xml.malformed"),
        ]
        try await t.test { client in
            for c in cases {
                let what = "\(c.name) → \(c.route)"
                let answer = try await client.xml(c.route + "?name=" + c.name, token: t.token(c.token), c.bytes)
                #expect(answer.status == .unprocessableContent, "\(what): \(answer.body)")
                #expect(answer.errorID == c.id, "\(what): \(answer.body)")
                let first = try #require(answer.diagnostics.first, "\(what)")
                #expect(first["file"] as? String == c.name, "\(what)")
                #expect((first["line"] as? Int ?? 0) >= 1 && (first["column"] as? Int ?? 0) >= 1, "\(what)")
                if c.name.hasSuffix(".pdf") || c.name.hasSuffix(".json") {
                    #expect((first["message"] as? String ?? "").contains("this is not an XML document"), "\(what): \(first)")
                }
                let entry = try #require(try await t.store.audit().last)
                #expect(entry.outcome == 422 && entry.sha256 == SHA.hex(c.bytes), "\(what): audited with the document's hash")
            }
        }
        #expect(try await Self.counts(t) == before)
    }

    /// Documents built to exhaust the reader, within the body limit: a text of 2 MiB, an
    /// attribute of 8 KiB, elements nested 100 deep. Each stops at the reader's limit with 422.
    @Test(arguments: Backend.all)
    func hugeDocumentsStopAtTheReadersLimits(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let before = try await Self.counts(t)
        let bid = String(decoding: try Fixtures.bytes("gcr-2026-014/bids/B-014-03.xml"), as: UTF8.self)
        let longText = bid.replacingOccurrences(of: "<Name>Clyde Build Ltd</Name>",
                                                with: "<Name>" + String(repeating: "a", count: 2 << 20) + "</Name>")
        let longAttribute = bid.replacingOccurrences(of: "<Bidder", with: "<Bidder x=\"" + String(repeating: "a", count: 8 << 10) + "\"")
        let deep = bid.replacingOccurrences(of: "<Bidder>", with: "<Bidder>" + String(repeating: "<a>", count: 100)
                                                + String(repeating: "</a>", count: 100))
        try await t.test { client in
            for (name, text, prefix) in [("long-text.xml", longText, "xml.limit."), ("long-attribute.xml", longAttribute, "xml.limit."),
                                         ("deep.xml", deep, "xml.limit.element-depth")] {
                let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=\(name)", token: t.token("officer"), Array(text.utf8))
                #expect(answer.status == .unprocessableContent, "\(name): \(answer.body.prefix(400))")
                #expect(answer.diagnostics.contains { ($0["id"] as? String ?? "").hasPrefix(prefix) }, "\(name): \(answer.body.prefix(400))")
            }
        }
        #expect(try await Self.counts(t) == before)
    }

    /// Without `?name=` the file is `upload.xml`.
    @Test func anUnnamedUploadIsUploadXML() async throws {
        let t = try await TestService.make(.sqlite)
        try await t.test { client in
            let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids", token: t.token("officer"),
                                              try Fixtures.bytes("invalid/fte-out-of-range.xml"))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.diagnostics.allSatisfy { $0["file"] as? String == "upload.xml" })
            #expect(answer.diagnostics.first?["subject"] as? String != nil || answer.diagnostics.first?["message"] != nil)
        }
    }

    /// A batch is all or nothing: one bad bid refuses the whole batch, naming that bid.
    @Test(arguments: Backend.all)
    func aBatchWithOneBadBidStoresNone(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let officer = t.token("officer")
            #expect(try await client.xml("/api/v1/tenders?name=tender.xml", token: officer,
                                         try Fixtures.bytes("gcr-2026-014/tender.xml")).status == .created)
            let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=batch.xml", token: officer,
                                              try Fixtures.bytes("invalid/batch-with-one-bad-bid.xml"))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.diagnostics.contains { $0["subject"] as? String != nil })
            #expect(try await t.store.bids(tender: "GCR-2026-014").isEmpty)
        }
    }

    /// A UBL Tender envelope carrying a bid is read wherever a bid is (interchange.md).
    @Test(arguments: Backend.all)
    func anEnvelopeCarriesABid(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let officer = t.token("officer")
            _ = try await client.xml("/api/v1/tenders?name=tender.xml", token: officer, try Fixtures.bytes("gcr-2026-014/tender.xml"))
            let answer = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=B-014-03.ubl.xml", token: officer,
                                              try Fixtures.bytes("envelopes/gcr-2026-014/B-014-03.ubl.xml"))
            #expect(answer.status == .created, "\(answer.body)")
            #expect(answer.object["stored"] as? [String] == ["B-014-03"])
            let bids = try await t.store.bids(tender: "GCR-2026-014")
            #expect(bids.map(\.name) == ["B-014-03.ubl.xml"])
        }
    }

    @Test(arguments: Backend.all)
    func idsInUseAreConflicts(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let officer = t.token("officer")
            let tender = try await client.xml("/api/v1/tenders?name=again.xml", token: officer, try Fixtures.bytes("gcr-2026-014/tender.xml"))
            #expect(tender.status == .conflict)
            #expect(tender.errorID == "service.conflict")
            let bid = try await client.xml("/api/v1/tenders/GCR-2026-014/bids?name=again.xml", token: officer,
                                           try Fixtures.bytes("gcr-2026-014/bids/B-014-03.xml"))
            #expect(bid.status == .conflict)
            let user = try await client.json(.post, "/api/v1/users", token: t.token("admin"),
                                             ["email": "officer@test.example", "role": "officer", "password": "a long enough password"])
            #expect(user.status == .conflict)
            #expect(try await t.store.bids(tender: "GCR-2026-014").count == 8)
        }
    }

    /// 413 before anything else: a body over the limit is refused by its length before it is
    /// read (with no credentials at all), and a body sent without a length is refused as soon
    /// as it passes the limit.
    @Test(arguments: Backend.all)
    func aBodyOverTheLimitIs413First(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false, configuration: ServiceConfiguration(maxBodyBytes: 1 << 20))
        try await t.test { client in
            let big = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            let anonymous = try await client.xml("/api/v1/tenders", big)
            #expect(anonymous.status == .contentTooLarge)
            #expect(anonymous.errorID == "service.too-large")
            let supplier = try await client.xml("/api/v1/tenders", token: t.token("supplier"), big)
            #expect(supplier.status == .contentTooLarge, "413 wins over the role's 403")
            let fits = try await client.xml("/api/v1/tenders", token: t.token("supplier"), Array(big.dropLast()))
            #expect(fits.status == .forbidden)
            #expect(try await t.store.tenders().isEmpty)
            let audit = try await t.store.audit()
            #expect(audit.suffix(3).map(\.outcome) == [413, 413, 403])
        }
    }

    /// Then 401, 403, 400, 409, 422 in that order.
    @Test(arguments: Backend.all)
    func refusalsComeInTheSpecsOrder(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            // No credentials and a bad body: 401.
            #expect(try await client.send(.post, "/api/v1/tenders/GCR-2026-014/rankings", body: Array("{bad".utf8)).status == .unauthorized)
            // The wrong role and a bad body: 403.
            #expect(try await client.send(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("manager"),
                                          body: Array("{bad".utf8)).status == .forbidden)
            // A bad body: 400.
            #expect(try await client.send(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"),
                                          body: Array("{bad".utf8)).status == .badRequest)
            // A contract id in use (409) with a bid not in the ranking (422): 409.
            let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
            let both = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/award", token: t.token("officer"),
                                             ["ranking": ranking, "bid": "B-NONE", "contract": "C-2026-0141",
                                              "start": "2026-04-01", "end": "2027-03-31"])
            #expect(both.status == .conflict)
            // A bid id in use (B-014-03) in a batch whose other bid is refused (B-014-52): 409.
            let text = String(decoding: try Fixtures.bytes("invalid/batch-with-one-bad-bid.xml"), as: UTF8.self)
                .replacingOccurrences(of: "id=\"B-014-51\"", with: "id=\"B-014-03\"")
            let batch = try await client.xml("/api/v1/tenders/GCR-2026-014/bids", token: t.token("officer"), Array(text.utf8))
            #expect(batch.status == .conflict)
            // The same batch without the conflict: 422, nothing stored.
            let fresh = text.replacingOccurrences(of: "id=\"B-014-03\"", with: "id=\"B-014-51\"")
            let refused = try await client.xml("/api/v1/tenders/GCR-2026-014/bids", token: t.token("officer"), Array(fresh.utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.diagnostics.contains { $0["subject"] as? String == "B-014-52" })
            #expect(try await t.store.bids(tender: "GCR-2026-014").count == 8)
        }
    }

    /// A scheme is checked as `cbscore check` does: 422 with the checker's diagnostics; the
    /// same text again is the same scheme (200, same id).
    @Test(arguments: Backend.all)
    func schemesAreCheckedAndKeptByTheirHash(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            let officer = t.token("officer")
            let text = try String(contentsOfFile: Fixtures.root + "/../rules/award-price-quality-cb.cbs", encoding: .utf8)
            let renamed = text.replacingOccurrences(of: "scheme \"", with: "scheme \"Copy of ")
            let first = try await client.send(.post, "/api/v1/schemes?name=copy.cbs", token: officer, body: Array(renamed.utf8),
                                              contentType: "text/plain")
            #expect(first.status == .created, "\(first.body)")
            let again = try await client.send(.post, "/api/v1/schemes?name=copy-again.cbs", token: officer, body: Array(renamed.utf8),
                                              contentType: "text/plain")
            #expect(again.status == .ok)
            #expect(again.object["id"] as? String == first.object["id"] as? String)
            #expect(first.object["id"] as? String == SHA.hex(renamed))
            let broken = try await client.send(.post, "/api/v1/schemes?name=broken.cbs", token: officer,
                                               body: Array(renamed.replacingOccurrences(of: "weight", with: "wieght").utf8),
                                               contentType: "text/plain")
            #expect(broken.status == .unprocessableContent)
            #expect(broken.diagnostics.allSatisfy { $0["file"] as? String == "broken.cbs" })
            #expect(broken.diagnostics.contains { ($0["id"] as? String ?? "").hasPrefix("rules.") })
            let listed = try await client.send(.get, "/api/v1/schemes", token: officer)
            #expect(listed.array.filter { $0["default"] as? Bool == true }.count == 1)
            #expect(listed.array.count == 3)
            let fetched = try await client.send(.get, "/api/v1/schemes/\(SHA.hex(renamed))", token: officer)
            #expect(fetched.body == renamed)
        }
    }
}
