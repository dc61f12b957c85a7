import Foundation
import Testing
@testable import DocumentReading
import Documents
import XMLReading

/// The document-level limits, through DocumentReader: bids per file, and a deep or oversized
/// bid refused with the limit named while the other bids of a batch still come.
@Suite struct DocumentLimitsTests {
    @Test func bidsPerFile() throws {
        var reader = try Fixtures.reader()
        reader.limits.bidsPerFile = 2
        var results: [BidReadResult] = []
        try reader.readBids(at: Fixtures.path("batches/gcr-2026-014-portal-export.xml")) { results.append($0) }
        #expect(results.count == 3)
        guard case .refused(nil, let diagnostics) = results.last else {
            Issue.record("expected a refusal, got \(String(describing: results.last))")
            return
        }
        #expect(diagnostics.map(\.id) == ["xml.limit.bids-per-file"])
        #expect(diagnostics.first?.message
            == "the file holds more than 2 bids; this bid and the rest are not read, over the bids-per-file limit of 2")
    }

    @Test func aDeepBidIsRefusedNamingTheLimit() throws {
        let source = try String(contentsOfFile: Fixtures.path("gcr-2026-014/bids/B-014-01.xml"), encoding: .utf8)
        let deep = String(repeating: "<e>", count: 40) + String(repeating: "</e>", count: 40)
        let hostile = source.replacingOccurrences(of: "</Bid>", with: deep + "</Bid>")
        let path = NSTemporaryDirectory() + "cbscore-deep-\(UUID().uuidString).xml"
        try Data(hostile.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var results: [BidReadResult] = []
        try Fixtures.reader().readBids(at: path) { results.append($0) }
        guard case .refused(_, let diagnostics) = results.first else {
            Issue.record("expected a refusal, got \(results)")
            return
        }
        #expect(diagnostics.contains { $0.id == "xml.limit.element-depth" && $0.message.hasSuffix("limit of 32") })
    }
}
