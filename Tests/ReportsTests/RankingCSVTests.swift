import Testing
@testable import Reports
import RulesLanguage
import Scoring

@Suite struct RankingCSVTests {
    @Test func matchesGolden() {
        Golden.check(RankingReport.render(SampleRanking.ranking, format: .csv), "ranking.csv")
    }

    @Test func quotesPerRFC4180() {
        #expect(RankingCSV.field("plain") == "plain")
        #expect(RankingCSV.field("a,b") == "\"a,b\"")
        #expect(RankingCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RankingCSV.field("two\r\nlines") == "\"two\r\nlines\"")
    }

    @Test func neutralisesSpreadsheetFormulas() {
        #expect(RankingCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(RankingCSV.field("-12.5") == "-12.5")
    }

    @Test func everyRowHasTheHeaderWidth() {
        let csv = RankingReport.render(SampleRanking.ranking, format: .csv)
        #expect(csv.hasSuffix("\r\n"))
        let rows = csv.split(separator: "\r\n")
        // No field in the sample holds a quoted comma except explanations; count unquoted commas.
        func width(_ row: Substring) -> Int {
            var inQuotes = false
            var count = 1
            for c in row { if c == "\"" { inQuotes.toggle() } else if c == ",", !inQuotes { count += 1 } }
            return count
        }
        #expect(Set(rows.map(width)).count == 1)
        #expect(rows.count == 1 + 5 + 1)
    }

    /// `Scorer.rank` records the total as a score line too: it must not add a second `total`
    /// column beside the fixed one.
    @Test func theTotalLineIsTheTotalColumn() {
        var ranking = SampleRanking.ranking
        for index in ranking.bids.indices where ranking.bids[index].status == .ranked {
            let total = ranking.bids[index].total ?? .zero
            ranking.bids[index].explanation.scores.append(ScoreResult(
                id: "total", title: "Total", points: total, explanation: "", span: ranking.bids[index].explanation.scores[0].span))
        }
        let csv = RankingReport.render(ranking, format: .csv)
        let header = csv.split(separator: "\r\n")[0].split(separator: ",")
        #expect(header.filter { $0 == "total" }.count == 1)
        #expect(Set(header).count == header.count)
        #expect(csv == RankingReport.render(SampleRanking.ranking, format: .csv))
    }
}
