import Diagnostics
import Documents
import RulesLanguage
import Scoring

/// The ranking as one self-contained HTML file for an evaluation report: no scripts, no
/// network, inline CSS and SVG. Tender, scheme and input hashes, the ranking table, a stacked
/// bar chart, each bid's explanation, excluded and refused bids. All text is escaped.
enum RankingHTML {
    static func h(_ text: some StringProtocol) -> String { HTML.escape(text) }

    static func render(_ ranking: Ranking) -> String {
        var text = ""
        write(ranking) { text += $0 }
        return text
    }

    /// The report handed to `emit` a piece at a time (about a megabyte each), so a ranking of
    /// many bids never holds its whole report.
    static func write(_ ranking: Ranking, to emit: (String) -> Void) {
        let tender = ranking.tender
        let bids = ReportFacts.orderedBids(ranking)
        let ranked = bids.filter { $0.status == .ranked }
        let excluded = bids.filter { $0.status == .excluded }
        let refused = ReportFacts.orderedRefused(ranking)
        let shown = HTMLBreakdowns.counts(ranked: ranked.count, excluded: excluded.count)
        let cut = HTMLBreakdowns.isCut(ranked: ranked.count, excluded: excluded.count)
        let explained = Set((ranked.prefix(shown.ranked) + excluded.prefix(shown.excluded)).map(\.bidID))
        // Passes on what is written once it reaches a megabyte.
        func flush(_ text: inout String) {
            if text.utf8.count >= 1 << 20 {
                emit(text)
                text = ""
            }
        }

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
        if let winner = ReportFacts.winner(ranking) {
            out += fact("Highest total", "\(winner.bidID) · \(ReportFacts.rounded(winner.total))", detail: winner.bidder)
        } else {
            out += fact("Highest total", "none")
        }
        out += fact("Excluded at a gate", String(excluded.count),
                    detail: excluded.map { bid in
                        "\(bid.bidID): " + ReportFacts.failedGates(bid).map(\.title).joined(separator: ", ")
                    }.joined(separator: "; "))
        out += fact("Refused, not scored", String(refused.count), detail: ReportFacts.refusalCauses(ranking))
        out += "</div>"
        out += "<p class=\"meta\" style=\"margin-top:12px\">Scheme: <strong>\(h(ranking.scheme.name))</strong>"
        if let version = ranking.scheme.version { out += ", version \(h(version))" }
        out += " (<code>\(h(ranking.scheme.file))</code>)</p></header>\n"

        out += "<section id=\"ranking\"><h2>Ranking</h2>"
        if ranked.isEmpty {
            out += "<p>No bid passed the gates.</p>"
        } else {
            rankingTable(ranking, ranked, excluded: excluded, refused: refused, explained: explained, into: &out, flush: flush)
        }
        out += "</section>\n"

        let leading = ranked.count > BarChartSVG.maximumBars
            ? "<p class=\"note\">The chart shows the \(BarChartSVG.maximumBars) highest-ranked of \(ranked.count) ranked bids; every bid is in the table above.</p>" : ""
        if let chart = BarChartSVG.totals(ranking), let outline = ranking.outline {
            out += "<section id=\"chart\"><h2>\(h(outline.title)) by component</h2>"
            out += "<p class=\"note\">Each bar is a ranked bid's \(h(outline.title.lowercased()))\(outline.outOf.map { " on its scale of " + h(ReportFacts.exact($0)) } ?? ""), split into what each component adds\(outline.isWeighted ? " as weighted" : ""); the bar ends at the total the ranking compares.</p>"
            out += leading + chart + "</section>\n"
        }
        if let chart = BarChartSVG.lines(ranking) {
            out += "<section id=\"chart-by-line\"><h2>Points by line</h2>"
            out += "<p class=\"note\">Each bar shows a ranked bid's points line by line as the scheme scored its commitments, before any step that compares bids; the breakdown below shows how each total was reached.</p>"
            out += leading + chart + "</section>\n"
        }

        out += "<section id=\"breakdown\"><h2>Breakdown by bid</h2>"
        out += "<p class=\"note\">Every figure the scheme read, where it came from, each calculation step with its running value, and any cap and how much it cut. Values are exact.</p>"
        if cut {
            out += "<p class=\"note\">\(h(pointer(ranked: ranked.count, shown: shown.ranked)))</p>"
        }
        for (index, bid) in ranked.prefix(shown.ranked).enumerated() {
            let ties = ReportFacts.tieNotes(bid, above: index > 0 ? ranked[index - 1] : nil)
            out += details(bid, "\(bid.rank.map { "\($0). " } ?? "")\(bid.bidID) — \(bid.bidder) · total \(ReportFacts.rounded(bid.total))", ties: ties)
            flush(&out)
        }
        out += "</section>\n"

        if !excluded.isEmpty {
            out += "<section id=\"excluded\"><h2>Excluded bids</h2>"
            out += "<p class=\"note\">A bid that fails a gate is listed with the reason and gets no rank and no score.</p>"
            out += "<table><thead><tr><th>Bid</th><th>Bidder</th><th class=\"num\">Price</th><th>Failed gate</th><th>Reason</th></tr></thead><tbody>"
            for bid in excluded {
                let failed = ReportFacts.failedGates(bid)
                out += "<tr id=\"excluded-\(h(bid.bidID))\"><td class=\"id\">\(bidLink(bid, explained))</td><td>\(h(bid.bidder))</td><td class=\"num\">\(h(ReportFacts.money(bid.price)))</td>"
                out += "<td>\(failed.map { "<code>\(h($0.id))</code>" }.joined(separator: "<br>"))</td>"
                out += "<td>\(failed.map { h($0.explanation) }.joined(separator: "<br>"))</td></tr>"
                flush(&out)
            }
            out += "</tbody></table>"
            if cut, shown.excluded < excluded.count {
                out += "<p class=\"note\">\(h(excludedPointer(excluded: excluded.count, shown: shown.excluded)))</p>"
            }
            for bid in excluded.prefix(shown.excluded) {
                out += details(bid, "\(bid.bidID) — \(bid.bidder) · excluded", ties: [])
                flush(&out)
            }
            out += "</section>\n"
        }

        if !refused.isEmpty {
            out += "<section id=\"refused\"><h2>Refused bids</h2>"
            out += "<p class=\"note\">These files could not be read or scored and were left out of the ranking (<code>--exclude-invalid</code>).</p>"
            out += "<table><thead><tr><th>File</th><th>Bid</th><th>Why</th><th>Problems</th></tr></thead><tbody>"
            for (index, bid) in refused.enumerated() {
                let problems = bid.diagnostics.sortedForReport().map { diagnostic in
                    var text = "<code>\(h(diagnostic.location.description))</code> \(h(diagnostic.message))"
                    if let hint = diagnostic.hint { text += " <span class=\"src\">(\(h(hint)))</span>" }
                    return text
                }
                out += "<tr id=\"\(refusedAnchor(index))\"><td class=\"id\"><code>\(h(bid.file))</code></td><td class=\"id\">\(h(bid.bidID ?? "unknown"))</td>"
                out += "<td>\(h(ReportFacts.refusalCause(bid)))</td><td>\(problems.joined(separator: "<br>"))</td></tr>"
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
        emit(out)
    }

    /// The sentence in place of the breakdowns a large tender's report leaves out.
    static func pointer(ranked: Int, shown: Int) -> String {
        "This tender has \(ranked) ranked bids: the breakdowns below are those of the \(shown) highest-ranked, so that the report stays one a browser opens; every bid is in the ranking table above. "
            + "The breakdown of every bid is in the JSON report (cbscore rank --format json), and that of one bid is shown by cbscore rank --explain BID."
    }

    /// The sentence in place of the excluded bids' breakdowns a large tender's report leaves out.
    static func excludedPointer(excluded: Int, shown: Int) -> String {
        "The breakdowns below are those of the first \(shown) of the \(excluded) excluded bids in the table's order; the other \(excluded - shown) are in the JSON report (cbscore rank --format json), or shown one at a time by cbscore rank --explain BID."
    }

    /// A bid's id, linked to its breakdown when the report has one.
    static func bidLink(_ bid: BidOutcome, _ explained: Set<String>) -> String {
        explained.contains(bid.bidID) ? "<a href=\"#bid-\(h(bid.bidID))\">\(h(bid.bidID))</a>" : h(bid.bidID)
    }

    /// One bid's breakdown, open so that printing keeps it.
    static func details(_ bid: BidOutcome, _ summary: String, ties: [String]) -> String {
        var out = "<details class=\"bid\" open id=\"bid-\(h(bid.bidID))\"><summary>\(h(summary))</summary>"
        out += "<p class=\"meta\">Price \(h(ReportFacts.money(bid.price))) · submitted \(h(bid.submitted.lexical)) · read from <code>\(h(bid.location.description))</code></p>"
        return out + ExplanationHTML.full(bid, ties: ties) + "</details>\n"
    }

    static func fact(_ label: String, _ value: String, detail: String = "") -> String {
        "<div class=\"fact\"><span class=\"label\">\(h(label))</span><span class=\"value\">\(h(value))</span>"
            + (detail.isEmpty ? "" : "<span class=\"detail\">\(h(detail))</span>") + "</div>"
    }

    /// The id of a refused bid's row: its place in the sorted list, since a refused file may
    /// have no readable bid id and two refusals may share one.
    static func refusedAnchor(_ index: Int) -> String { "refused-\(index + 1)" }

    static func rankingTable(_ ranking: Ranking, _ ranked: [BidOutcome], excluded: [BidOutcome], refused: [RefusedBid],
                             explained: Set<String>, into out: inout String, flush: (inout String) -> Void) {
        let columns = ReportFacts.tableColumns(ranking)
        out += "<table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th><th>Bid</th><th>Bidder</th>"
        // The price is always shown; where the scheme scores it, it stands before its score.
        if !columns.contains(where: \.isPrice) { out += "<th class=\"num\">Price</th>" }
        for column in columns {
            let (main, sub) = column.headerLines
            out += "<th class=\"num\" title=\"\(h(column.header))\">\(h(main))\(sub.isEmpty ? "" : "<span class=\"sub\">\(h(sub))</span>")</th>"
        }
        out += "<th class=\"num\">\(h(ranking.outline?.title ?? "Total"))\(ranking.outline?.outOf.map { "<span class=\"sub\">out of \(h(ReportFacts.exact($0)))</span>" } ?? "")</th></tr></thead><tbody>"
        for bid in ranked {
            out += "<tr\(bid.rank == 1 ? " class=\"winner\"" : "")><td class=\"num\">\(bid.rank.map(String.init) ?? "")</td>"
            out += "<td class=\"id\">\(bidLink(bid, explained))</td><td>\(h(bid.bidder))</td>"
            if !columns.contains(where: \.isPrice) { out += "<td class=\"num\">\(h(ReportFacts.money(bid.price)))</td>" }
            for column in columns { out += "<td class=\"num\">\(h(column.cell(bid)))</td>" }
            out += "<td class=\"num\">\(h(ReportFacts.rounded(bid.total)))</td></tr>"
            flush(&out)
        }
        // Bids not ranked stay in the table, with why, so nobody has to scroll to find them.
        let span = columns.count + (columns.contains(where: \.isPrice) ? 1 : 2)
        for bid in excluded {
            let failed = ReportFacts.failedGates(bid)
            let reason = failed.map { "\($0.title): \($0.explanation)" }.joined(separator: "; ")
            out += "<tr class=\"excluded\"><td class=\"num\">—</td><td class=\"id\">\(bidLink(bid, explained))</td><td>\(h(bid.bidder))</td>"
            out += "<td colspan=\"\(span)\"><span class=\"badge fail\">Excluded</span> \(h(reason))</td></tr>"
            flush(&out)
        }
        for (index, bid) in refused.enumerated() {
            let first = bid.diagnostics.sortedForReport().first.map(\.message) ?? ""
            out += "<tr class=\"refused\"><td class=\"num\">—</td><td class=\"id\"><a href=\"#\(refusedAnchor(index))\">\(h(bid.bidID ?? "unknown"))</a></td><td><code>\(h(bid.file))</code></td>"
            out += "<td colspan=\"\(span)\"><span class=\"badge fail\">Refused: \(h(ReportFacts.refusalCause(bid)))</span> \(h(first))</td></tr>"
        }
        out += "</tbody></table>"
        for bid in ranked {
            if let tieBreak = bid.tieBreak { out += "<p><strong>Tie-break, \(h(bid.bidID)):</strong> \(h(tieBreak))</p>" }
        }
        if let note = ReportFacts.weightingNote(ranking, short: false) { out += "<p class=\"note\">\(h(note)).</p>" }
        out += "<p class=\"note\">Figures rounded to 2 decimal places for display. Excluded bids failed a gate and get no score; refused bids could not be read or scored.</p>"
    }
}
