import Testing
@testable import Reports
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
}
