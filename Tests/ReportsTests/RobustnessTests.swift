import Documents
import Foundation
import Testing
@testable import Reports
import RulesLanguage
import Scoring

/// Hostile text and extreme numbers must render in every format without a crash, keep JSON
/// valid, and never let input text become markup.
@Suite struct RobustnessTests {
    static let hostile = "</td><script>alert(1)</script>\"' & \u{01}\u{7F}\u{2028}\u{2029}|*_[x](y)`\r\n=cmd"

    static var ranking: Ranking {
        var ranking = SampleRanking.ranking
        ranking.tender.title = hostile
        ranking.scheme.name = hostile
        ranking.bids[0].bidder = hostile
        ranking.bids[0].explanation.scores[0].explanation = hostile
        ranking.bids[0].explanation.scores[1].items[0].figures[0].source = hostile
        ranking.bids[1].explanation.scores[1].points = Exact(Int128.max / 4)
        ranking.bids[1].total = try? Exact(numerator: Int128.max / 3, denominator: 7)
        return ranking
    }

    @Test(arguments: ReportFormat.allCases)
    func rendersHostileInput(format: ReportFormat) {
        let output = RankingReport.render(Self.ranking, format: format)
        #expect(!output.isEmpty)
        if format == .html {
            #expect(!output.contains("<script>"))
            #expect(!output.contains("</td><script"))
        }
    }

    @Test func hostileJSONStaysValid() throws {
        let text = RankingReport.render(Self.ranking, format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let tender = object?["tender"] as? [String: Any]
        #expect(tender?["title"] as? String == Self.hostile)
    }

    @Test func hostileSummaryAndExplain() throws {
        let id = Self.ranking.bids[0].bidID
        let markdown = try #require(AssessmentSummary.render(Self.ranking, bidID: id, format: .markdown))
        // Markdown shows `\<script>` as text: every `<` that could open a tag is escaped.
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<script"))
        let html = try #require(AssessmentSummary.render(Self.ranking, bidID: id, format: .html))
        #expect(!html.contains("<script>"))
        #expect(RankingReport.explain(Self.ranking, bidID: id) != nil)
    }

    @Test(arguments: ReportFormat.allCases)
    func rendersARankingWithNoBids(format: ReportFormat) {
        var ranking = SampleRanking.ranking
        ranking.bids = []
        ranking.refused = []
        #expect(!RankingReport.render(ranking, format: format).isEmpty)
    }

    @Test func axisStaysShortForAnyValue() {
        for value in [Exact.zero, Exact(1), Exact(99), Exact(100), Exact(101), Exact(Int128.max / 2), Exact(Int128.max)] {
            let (end, tick) = BarChartSVG.axis(for: value)
            #expect(end >= value)
            #expect(tick > .zero)
            #expect((end / tick) <= Exact(20))
        }
    }
}

@Suite struct ManyBidsTests {
    /// 200 ranked copies of the worked example, with distinct ids and ranks.
    static var ranking: Ranking {
        var ranking = SampleRanking.ranking
        let template = SampleRanking.example
        ranking.bids = (1...200).map { index in
            var bid = template
            bid.bidID = "B-\(1000 + index)"
            bid.rank = index
            return bid
        }
        ranking.refused = []
        return ranking
    }

    @Test func chartShowsTheLeadingBidsAndTheTableShowsAll() {
        let html = RankingReport.render(Self.ranking, format: .html)
        #expect(html.contains("The chart shows the 30 highest-ranked of 200 ranked bids"))
        #expect(html.contains("href=\"#bid-B-1200\""))
        // Each chart (the totals, the points by line) has one bar per leading bid.
        for chart in html.components(separatedBy: "<svg").dropFirst() {
            let bars = chart.components(separatedBy: "text-anchor=\"end\"").count - 1
            #expect(bars == 30)
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatListsEveryBid(format: ReportFormat) {
        let output = RankingReport.render(Self.ranking, format: format)
        #expect(output.contains("B-1001"))
        #expect(output.contains("B-1200"))
    }
}
