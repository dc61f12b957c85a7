import Documents
import RulesLanguage
import Scoring

/// The ranking as one self-contained HTML file for an evaluation report: no scripts, no
/// network, inline CSS and SVG. Tender, scheme and input hashes, the ranking table, a stacked
/// bar chart, each bid's explanation, excluded and refused bids. All text is escaped.
enum RankingHTML {
    static func h(_ text: some StringProtocol) -> String { HTML.escape(text) }

    static func render(_ ranking: Ranking) -> String {
        let tender = ranking.tender
        let bids = ReportFacts.orderedBids(ranking)
        let ranked = bids.filter { $0.status == .ranked }
        let excluded = bids.filter { $0.status == .excluded }
        let refused = ReportFacts.orderedRefused(ranking)

        var out = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="cbscore">
        <title>\(h(tender.id)) community benefit evaluation</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>

        """
        out += "<header class=\"report\"><p class=\"kicker\">Community benefit evaluation · \(h(tender.id))</p>"
        out += "<h1>\(h(tender.title))</h1>"
        out += "<p class=\"meta\">\(h(tender.authority)) · estimated value \(h(ReportFacts.money(tender.estimatedValue))) · closing date \(h(tender.closingDate.description)) · \(tender.durationWeeks) weeks</p>"
        out += "<div class=\"facts\">"
        out += fact("Bids ranked", String(ranked.count))
        out += fact("Excluded at a gate", String(excluded.count))
        out += fact("Refused (unreadable)", String(refused.count))
        if let winner = ReportFacts.winner(ranking) {
            out += fact("Highest total", "\(winner.bidID) · \(ReportFacts.rounded(winner.total))")
        } else {
            out += fact("Highest total", "none")
        }
        out += "</div>"
        out += "<p class=\"meta\" style=\"margin-top:12px\">Scheme: <strong>\(h(ranking.scheme.name))</strong>"
        if let version = ranking.scheme.version { out += ", version \(h(version))" }
        out += " (<code>\(h(ranking.scheme.file))</code>)</p></header>\n"

        out += "<section id=\"ranking\"><h2>Ranking</h2>"
        if ranked.isEmpty {
            out += "<p>No bid passed the gates.</p>"
        } else {
            out += rankingTable(ranking, ranked)
        }
        out += "</section>\n"

        if let chart = BarChartSVG.render(ranking) {
            out += "<section id=\"chart\"><h2>Points by score line</h2>"
            out += "<p class=\"note\">Each bar shows a ranked bid's points line by line as the scheme scored them, before any step that compares bids (such as the community benefit score); the breakdown below shows how each total was reached.</p>"
            if ranked.count > BarChartSVG.maximumBars {
                out += "<p class=\"note\">The chart shows the \(BarChartSVG.maximumBars) highest-ranked of \(ranked.count) ranked bids; every bid is in the table above.</p>"
            }
            out += chart + "</section>\n"
        }

        out += "<section id=\"breakdown\"><h2>Breakdown by bid</h2>"
        out += "<p class=\"note\">Every figure the scheme read, where it came from, each calculation step with its running value, and any cap and how much it cut. Values are exact.</p>"
        for (index, bid) in ranked.enumerated() {
            let ties = ReportFacts.tieNotes(bid, above: index > 0 ? ranked[index - 1] : nil)
            out += details(bid, "\(bid.rank.map { "\($0). " } ?? "")\(bid.bidID) — \(bid.bidder) · total \(ReportFacts.rounded(bid.total))", ties: ties)
        }
        out += "</section>\n"

        if !excluded.isEmpty {
            out += "<section id=\"excluded\"><h2>Excluded bids</h2>"
            out += "<p class=\"note\">A bid that fails a gate is listed with the reason and gets no rank and no score.</p>"
            out += "<table><thead><tr><th>Bid</th><th>Bidder</th><th class=\"num\">Price</th><th>Failed gate</th><th>Reason</th></tr></thead><tbody>"
            for bid in excluded {
                let failed = ReportFacts.failedGates(bid)
                out += "<tr><td class=\"id\"><a href=\"#bid-\(h(bid.bidID))\">\(h(bid.bidID))</a></td><td>\(h(bid.bidder))</td><td class=\"num\">\(h(ReportFacts.money(bid.price)))</td>"
                out += "<td>\(failed.map { "<code>\(h($0.id))</code>" }.joined(separator: "<br>"))</td>"
                out += "<td>\(failed.map { h($0.explanation) }.joined(separator: "<br>"))</td></tr>"
            }
            out += "</tbody></table>"
            for bid in excluded { out += details(bid, "\(bid.bidID) — \(bid.bidder) · excluded", ties: []) }
            out += "</section>\n"
        }

        if !refused.isEmpty {
            out += "<section id=\"refused\"><h2>Refused bids</h2>"
            out += "<p class=\"note\">These files could not be read or scored and were left out of the ranking (<code>--exclude-invalid</code>).</p>"
            out += "<table><thead><tr><th>File</th><th>Bid</th><th>Problems</th></tr></thead><tbody>"
            for bid in refused {
                let problems = bid.diagnostics.sortedForReport().map { diagnostic in
                    var text = "<code>\(h(diagnostic.location.description))</code> \(h(diagnostic.message))"
                    if let hint = diagnostic.hint { text += " <span class=\"src\">(\(h(hint)))</span>" }
                    return text
                }
                out += "<tr><td class=\"id\"><code>\(h(bid.file))</code></td><td class=\"id\">\(h(bid.bidID ?? "unknown"))</td><td>\(problems.joined(separator: "<br>"))</td></tr>"
            }
            out += "</tbody></table></section>\n"
        }

        out += "<section id=\"provenance\"><h2>Scheme and inputs</h2>"
        out += "<table><tbody>"
        out += "<tr><th>Scheme</th><td>\(h(ranking.scheme.name))\(ranking.scheme.version.map { ", version " + h($0) } ?? "")</td></tr>"
        out += "<tr><th>Scheme file</th><td><code>\(h(ranking.scheme.file))</code></td></tr>"
        out += "<tr><th>Scheme SHA-256</th><td class=\"hash\">\(h(ranking.scheme.sha256))</td></tr>"
        out += "</tbody></table>"
        out += "<table><thead><tr><th>Input file</th><th>SHA-256</th></tr></thead><tbody>"
        for input in ReportFacts.orderedInputs(ranking) {
            out += "<tr><td><code>\(h(input.file))</code></td><td class=\"hash\">\(h(input.sha256))</td></tr>"
        }
        out += "</tbody></table></section>\n"

        out += "<footer>Produced by cbscore from the scheme and inputs identified by the hashes above; the same inputs always give the same report. Scores in tables are rounded to 2 decimal places, half away from zero; the ranking compares exact values, shown in the breakdown.</footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// One bid's breakdown, open so that printing keeps it.
    static func details(_ bid: BidOutcome, _ summary: String, ties: [String]) -> String {
        var out = "<details class=\"bid\" open id=\"bid-\(h(bid.bidID))\"><summary>\(h(summary))</summary>"
        out += "<p class=\"meta\">Price \(h(ReportFacts.money(bid.price))) · submitted \(h(bid.submitted.lexical)) · read from <code>\(h(bid.location.description))</code></p>"
        return out + ExplanationHTML.full(bid, ties: ties) + "</details>\n"
    }

    static func fact(_ label: String, _ value: String) -> String {
        "<div class=\"fact\"><span class=\"label\">\(h(label))</span><span class=\"value\">\(h(value))</span></div>"
    }

    static func rankingTable(_ ranking: Ranking, _ ranked: [BidOutcome]) -> String {
        let columns = ReportFacts.summaryColumns(ranking)
        var out = "<table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th><th>Bid</th><th>Bidder</th><th class=\"num\">Price</th>"
        for column in columns { out += "<th class=\"num\">\(h(column.title))</th>" }
        out += "<th class=\"num\">Total</th></tr></thead><tbody>"
        for bid in ranked {
            out += "<tr\(bid.rank == 1 ? " class=\"winner\"" : "")><td class=\"num\">\(bid.rank.map(String.init) ?? "")</td>"
            out += "<td class=\"id\"><a href=\"#bid-\(h(bid.bidID))\">\(h(bid.bidID))</a></td><td>\(h(bid.bidder))</td>"
            out += "<td class=\"num\">\(h(ReportFacts.money(bid.price)))</td>"
            for column in columns { out += "<td class=\"num\">\(h(ReportFacts.rounded(bid.explanation.score(column.id)?.points)))</td>" }
            out += "<td class=\"num\">\(h(ReportFacts.rounded(bid.total)))</td></tr>"
        }
        out += "</tbody></table>"
        for bid in ranked {
            if let tieBreak = bid.tieBreak { out += "<p><strong>Tie-break, \(h(bid.bidID)):</strong> \(h(tieBreak))</p>" }
        }
        out += "<p class=\"note\">Figures rounded to 2 decimal places for display.</p>"
        return out
    }
}
