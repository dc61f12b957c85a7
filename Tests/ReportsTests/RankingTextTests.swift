import Testing
@testable import Reports
import Scoring

@Suite struct RankingTextTests {
    @Test func tableMatchesGolden() {
        Golden.check(RankingReport.render(SampleRanking.ranking, format: .text), "ranking.txt")
    }

    @Test(arguments: ["B-014-03", "B-014-04", "B-014-07", "B-014-08"])
    func explainMatchesGolden(bid: String) throws {
        let text = try #require(RankingReport.explain(SampleRanking.ranking, bidID: bid))
        Golden.check(text, "explain-\(bid).txt")
    }

    @Test func explainUnknownBidIsNil() {
        #expect(RankingReport.explain(SampleRanking.ranking, bidID: "B-404") == nil)
    }

    @Test func tableRoundsHalfAwayFromZero() {
        let text = RankingReport.render(SampleRanking.ranking, format: .text)
        // 560/9 = 62.22…, 650/9 = 72.22…; 84 shown with two places.
        #expect(text.contains("62.22"))
        #expect(text.contains("72.22"))
        #expect(text.contains("84.00"))
    }
}
