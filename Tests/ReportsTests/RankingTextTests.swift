import Documents
import RulesLanguage
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

@Suite struct FigureFormatTests {
    @Test func moneyUnitsGoBeforeTheNumberOnce() {
        #expect(ReportFacts.figureValue(Figure(name: "price", text: "2310000", unit: "£")) == "£2310000")
        #expect(ReportFacts.figureValue(Figure(name: "price", text: "£2,310,000", unit: "£")) == "£2,310,000")
        #expect(ReportFacts.figureValue(Figure(name: "rate", text: "13.45", unit: "£/hour")) == "£13.45/hour")
        #expect(ReportFacts.figureValue(Figure(name: "weeks", text: "52", unit: "weeks")) == "52 weeks")
        #expect(ReportFacts.figureValue(Figure(name: "flag", text: "yes")) == "yes")
    }

    @Test func moneyHasThousandsSeparators() {
        #expect(ReportFacts.money(Money(2_310_000)) == "£2,310,000")
        #expect(ReportFacts.money(Money(Exact(decimal: "1234.5")!)) == "£1,234.50")
        #expect(ReportFacts.money(Money(Exact(decimal: "-999")!, currency: "EUR")) == "-999 EUR")
    }
}

/// Figures read as a person writes them (issue 14): money with separators wherever it appears,
/// `decile 2`, `1 week`, no unit that repeats the name.
@Suite struct FigureWordingTests {
    @Test func unitsReadAsAPersonWritesThem() {
        #expect(ReportFacts.figureValue(Figure(name: "lowest bid.price", text: "1200000", value: 1_200_000, unit: "£")) == "£1,200,000")
        #expect(ReportFacts.figureValue(Figure(name: "hourly rate", text: "13.60", value: Exact(decimal: "13.6"), unit: "£/hour")) == "£13.60/hour")
        #expect(ReportFacts.figureValue(Figure(name: "decile of J1 area", text: "2", value: 2, unit: "decile")) == "decile 2")
        #expect(ReportFacts.figureValue(Figure(name: "weeks", text: "1", value: 1, unit: "weeks")) == "1 week")
        #expect(ReportFacts.figureValue(Figure(name: "weeks", text: "52", value: 52, unit: "weeks")) == "52 weeks")
        #expect(ReportFacts.figureValue(Figure(name: "count", text: "2", value: 2, unit: "count")) == "2")
        #expect(ReportFacts.figureValue(Figure(name: "posts", text: "2", value: 2, unit: "posts")) == "2 posts")
    }
}
