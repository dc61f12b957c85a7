import Diagnostics
import Foundation
import Testing
@testable import Reports
import RulesLanguage
import Scoring

/// The JSON of a large ranking's bids, kept in a temporary file as each bid is explained and
/// copied into the report in rank order (`JSONBidSpool`).
@Suite struct JSONBidSpoolTests {
    /// The sample ranking with its ranked bids' explanations gone, as a silent ranking holds
    /// them: the spooled report must take every ranked bid from the spool.
    static var silent: Ranking {
        var ranking = SampleRanking.ranking
        for i in ranking.bids.indices where ranking.bids[i].status == .ranked { ranking.bids[i].explanation = Explanation() }
        return ranking
    }

    @Test func theReportWrittenFromTheSpoolIsTheRenderedOneByteForByte() throws {
        let full = SampleRanking.ranking
        let spool = try JSONBidSpool()
        // Added in an order that is not the ranking's, as a second reading finds the bids.
        for i in full.bids.indices.reversed() where full.bids[i].status == .ranked { try spool.add(full.bids[i], at: i) }
        #expect(spool.count == full.ranked.count)
        var written: [UInt8] = []
        try RankingReport.writeJSON(Self.silent, bidsFrom: spool) { written.append(contentsOf: $0) }
        #expect(String(decoding: written, as: UTF8.self) == RankingReport.render(full, format: .json))
        // Without the spool, the silent ranking's report is not the full one: the spool counted.
        #expect(RankingReport.render(Self.silent, format: .json) != RankingReport.render(full, format: .json))
    }

    /// More than the megabyte kept in memory before it is written out: every bid reads back
    /// as it was added, whichever order it is asked for in.
    @Test func readsBackEachBidAcrossManyWrites() throws {
        let bids = SampleRanking.ranking.ranked
        let spool = try JSONBidSpool()
        var expected: [[UInt8]] = []
        var size = 0
        for i in 0..<600 {
            var bid = bids[i % bids.count]
            bid.bidID = "B-\(i)"
            try spool.add(bid, at: i)
            expected.append(RankingJSON.fragment(bid))
            size += expected[i].count
        }
        #expect(size > 2 << 20)
        for i in [599, 0, 300, 1, 598] {
            var out: [UInt8] = [0x5B]
            #expect(spool.copy(i, into: &out))
            #expect(out == [0x5B] + expected[i])
        }
        var none: [UInt8] = []
        #expect(!spool.copy(600, into: &none))
        #expect(none.isEmpty)
        #expect(spool.failure == nil)
    }

    @Test func aFolderWhereTheFileCannotBeMadeIsADiagnosticNamingIt() throws {
        let error = #expect(throws: DiagnosticsError.self) { try JSONBidSpool(folder: "/nonexistent-cbscore-folder/tmp") }
        #expect(error?.diagnostics.map(\.id) == ["cli.spool-failed"])
        #expect(error?.diagnostics.first?.description.hasPrefix(
            "/nonexistent-cbscore-folder/tmp: cannot make a temporary file that the JSON report's bids are written through: the folder does not exist") == true)
    }
}
