import Foundation
import Testing
@testable import DocumentReading
import Documents

/// One test per refusal file in fixtures/invalid: file, line, column and message exactly.
@Suite struct RefusalTests {
    func expectRefusal(_ file: String, kind: DocumentKind = .bid, _ expected: [String],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(Fixtures.refusal("invalid/" + file, kind: kind) == expected, sourceLocation: sourceLocation)
    }

    @Test func doctypeWithExternalEntity() {
        expectRefusal("doctype-xxe.xml", [
            "invalid/doctype-xxe.xml:3:1: DOCTYPE declarations are not accepted (no DTD, entity or "
                + "external reference is ever read); remove the <!DOCTYPE …> line",
        ])
    }

    @Test func billionLaughs() {
        expectRefusal("billion-laughs.xml", [
            "invalid/billion-laughs.xml:3:1: DOCTYPE declarations are not accepted (no DTD, entity or "
                + "external reference is ever read); remove the <!DOCTYPE …> line",
        ])
    }

    @Test func xinclude() {
        expectRefusal("xinclude.xml", [
            "invalid/xinclude.xml:7:5: XInclude is not accepted: include in http://www.w3.org/2001/XInclude "
                + "(documents must be self-contained; nothing is fetched on their behalf)",
        ])
    }

    @Test func malformed() {
        expectRefusal("malformed.xml", [
            "invalid/malformed.xml:8:23: malformed XML: opening and ending tag mismatch: Size line 8 and Sise",
        ])
    }

    @Test func tooDeep() {
        expectRefusal("too-deep.xml", [
            "invalid/too-deep.xml:4:156: an element nested 33 deep (the root is at depth 1), over the element-depth limit of 32",
        ])
    }

    @Test func empty() {
        expectRefusal("empty.xml", [
            "invalid/empty.xml:1:1: malformed XML: the file is empty (expected an XML document)",
        ])
    }

    @Test func wrongNamespace() {
        expectRefusal("wrong-namespace.xml", [
            "invalid/wrong-namespace.xml:3:1: expected a bid or bid batch: <Bid> or <Bids> in namespace "
                + "urn:cbscore:bid:1, found <Bid> in namespace urn:cbscore:bid:2",
        ])
    }

    @Test func wrongRoot() {
        expectRefusal("wrong-root.xml", [
            "invalid/wrong-root.xml:3:1: expected a bid or bid batch: <Bid> or <Bids> in namespace "
                + "urn:cbscore:bid:1, found <Offer> in namespace urn:cbscore:bid:1",
        ])
    }

    @Test func unknownElement() {
        expectRefusal("unknown-element.xml", [
            "invalid/unknown-element.xml:13:3: Bid/Warranty: unexpected element; a Bid holds Submitted, "
                + "Bidder, Price, FairWork and Commitments (and any elements of other namespaces)",
        ])
    }

    @Test func unknownAttribute() {
        expectRefusal("unknown-attribute.xml", [
            "invalid/unknown-attribute.xml:23:50: Job/@shift: unknown attribute; a Job takes ref, count, "
                + "fte, weeks, hourlyRate and area (and any attributes of other namespaces)",
        ])
    }

    @Test func fteOutOfRange() {
        expectRefusal("fte-out-of-range.xml", [
            "invalid/fte-out-of-range.xml:23:29: Job/@fte: '1.5' is above the maximum of 1",
        ])
    }

    @Test func negativePrice() {
        expectRefusal("negative-price.xml", [
            "invalid/negative-price.xml:13:3: Price: '-2310000.00' is below the minimum of 0",
        ])
    }

    @Test func badDate() {
        expectRefusal("bad-date.xml", [
            "invalid/bad-date.xml:4:3: Submitted: '2026-02-30T11:02:00Z' is not a date and time "
                + "(YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm)",
        ])
    }

    @Test func missingRequired() {
        expectRefusal("missing-required.xml", [
            "invalid/missing-required.xml:3:1: Bid: missing required element Price",
        ])
    }

    @Test func duplicateRef() {
        expectRefusal("duplicate-ref.xml", [
            "invalid/duplicate-ref.xml:29:5: SupplyChain/@ref: 'S1' is already used by the commitment at "
                + "line 28; each ref must be unique within its bid",
        ])
    }

    @Test func duplicateBidID() throws {
        let results = try Fixtures.bids("invalid/duplicate-bid-id.xml")
        #expect(results.count == 2)
        guard case .bid(let first) = results.first else { Issue.record("first refused"); return }
        #expect(first.id == "B-014-61")
        #expect(first.bidder.name == "Govan Dry Lining Ltd")
        expectRefusal("duplicate-bid-id.xml", [
            "invalid/duplicate-bid-id.xml:22:3: bid B-014-61: Bid/@id: 'B-014-61' is already used by the "
                + "bid at line 4 of this file; bid ids must be unique within a tender",
        ])
    }

    @Test func wrongTender() throws {
        let results = try Fixtures.bids("invalid/wrong-tender.xml", tenderID: "GCR-2026-014")
        guard case .refused(let id, let diagnostics) = results.first, results.count == 1 else {
            Issue.record("not refused: \(results)")
            return
        }
        #expect(id == "B-014-68")
        #expect(diagnostics.map(\.id) == ["xml.wrong-tender"])
        #expect(diagnostics.map(\.description) == [
            Fixtures.path("invalid/wrong-tender.xml") + ":3:1: Bid/@tender: the bid names tender "
                + "'GCR-2026-099', but the tender being read is 'GCR-2026-014'",
        ])
    }

    @Test func batchWithOneBadBid() throws {
        let results = try Fixtures.bids("invalid/batch-with-one-bad-bid.xml")
        #expect(results.count == 3)
        guard results.count == 3,
              case .bid(let first) = results[0], case .refused(let id, let diagnostics) = results[1],
              case .bid(let third) = results[2] else {
            Issue.record("unexpected results: \(results)")
            return
        }
        #expect(first.id == "B-014-51")
        #expect(third.id == "B-014-53")
        #expect(id == "B-014-52")
        #expect(diagnostics.map(\.subject) == ["B-014-52"])
        expectRefusal("batch-with-one-bad-bid.xml", [
            "invalid/batch-with-one-bad-bid.xml:36:31: bid B-014-52: Job/@fte: '1.5' is above the maximum of 1",
        ])
    }

    @Test func tenderMissingTitle() {
        expectRefusal("tender-missing-title.xml", kind: .tender, [
            "invalid/tender-missing-title.xml:3:1: Tender: missing required element Title",
            "invalid/tender-missing-title.xml:7:3: ClosingDate: '31/03/2026' is not a date (YYYY-MM-DD)",
        ])
    }

    @Test func returnBadPeriod() {
        expectRefusal("return-bad-period.xml", kind: .deliveryReturn, [
            "invalid/return-bad-period.xml:3:69: DeliveryReturn/@period: '2026-Q5' is not a period "
                + "(YYYY-Qn or YYYY-MM)",
            "invalid/return-bad-period.xml:5:53: Hire/@fte: '1.2' is above the maximum of 1",
        ])
    }

    /// The annual report's additions refuse what the spec does not allow: an answer not in
    /// the Commission's list, two Backgrounds for one person, a Background on a completion, a
    /// qualification over 200 characters.
    @Test func backgroundAndCompletionDetails() {
        expectRefusal("return-bad-background.xml", kind: .deliveryReturn, [
            "invalid/return-bad-background.xml:6:17: Background/@parentalOccupation: 'rich' is not one of professional, "
                + "manager, clerical, small-business, technical, routine, long-term-unemployed, other, unknown, prefer-not-to-say",
            "invalid/return-bad-background.xml:10:5: Hire/Background: appears more than once (first at line 9); expected once",
            "invalid/return-bad-background.xml:12:52: PlacementCompleted/Background: unexpected element; a PlacementCompleted "
                + "holds TargetGroup (and any elements of other namespaces)",
            "invalid/return-bad-background.xml:13:52: TrainingCompleted/@qualification: the value is longer than 200 characters",
        ])
    }

    @Test func aBidFileIsNotATender() {
        expectRefusal("../gcr-2026-014/bids/B-014-03.xml", kind: .tender, [
            "invalid/../gcr-2026-014/bids/B-014-03.xml:3:1: expected a tender: <Tender> in namespace "
                + "urn:cbscore:tender:1, found <Bid> in namespace urn:cbscore:bid:1",
        ])
    }
}

/// The DOCTYPE hook inside the parser, for what the prologue scan cannot see.
@Suite struct DoctypeHookTests {
    @Test func doctypeAfterALongCommentStopsTheParser() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cbscore-doctype-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("late-doctype.xml").path
        let padding = String(repeating: "x", count: 70_000)
        let text = "<?xml version=\"1.0\"?>\n<!-- \(padding) -->\n<!DOCTYPE Bid [<!ENTITY xxe SYSTEM "
            + "\"file:///etc/passwd\">]>\n<Bid xmlns=\"urn:cbscore:bid:1\" id=\"B-1\" tender=\"T\">&xxe;</Bid>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var lines: [String] = []
        do {
            try Fixtures.reader().readBids(at: path) { _ in Issue.record("a bid was read") }
        } catch let error as DiagnosticsError {
            lines = error.diagnostics.map(\.id)
            #expect(!error.description.contains("root:"))
        }
        #expect(lines == ["xml.doctype"])
        #expect(try Fixtures.reader().documentKind(at: path) == nil)
    }
}
