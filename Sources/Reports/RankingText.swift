import Documents
import RulesLanguage
import Scoring

/// The ranking for a terminal: a table of ranked bids (numbers to 2 places, half away from
/// zero), tie-breaks, then excluded bids with the gate they failed, then refused bids.
enum RankingText {
    static func render(_ ranking: Ranking) -> String {
        var out: [String] = []
        let tender = ranking.tender
        out.append("\(tender.id) — \(tender.title)")
        out.append("\(tender.authority); estimated value \(ReportFacts.money(tender.estimatedValue))")
        var scheme = "Scheme: \(ranking.scheme.name)"
        if let version = ranking.scheme.version { scheme += ", version \(version)" }
        out.append(scheme + " (\(ranking.scheme.file), sha256 \(ranking.scheme.sha256))")
        out.append("")

        let order = ReportFacts.orderedIndices(ranking)
        let ranked = order.filter { ranking.bids[$0].status == .ranked }
        let excluded = order.filter { ranking.bids[$0].status == .excluded }
        let columns = ReportFacts.summaryColumns(ranking)

        out.append("Ranking (\(ranked.count) ranked, \(excluded.count) excluded, \(ranking.refused.count) refused)")
        if ranked.isEmpty {
            out.append("  No bid passed the gates.")
        } else {
            let header = ["Rank", "Bid", "Bidder"] + columns.map { shortTitles[$0.id] ?? $0.title } + ["Total"]
            var rows = ranked.map { index -> [String] in
                let bid = ranking.bids[index]
                return [bid.rank.map(String.init) ?? "", bid.bidID, bid.bidder]
                    + columns.map { ReportFacts.rounded(bid.explanation.score($0.id)?.points) }
                    + [ReportFacts.rounded(bid.total)]
            }
            rows.insert(header, at: 0)
            let numeric = Set(3..<header.count).union([0])
            out.append(contentsOf: table(rows, rightAligned: numeric))
            let ties = ranked.compactMap { index in
                ranking.bids[index].tieBreak.map { "  Tie: \(ranking.bids[index].bidID) — \($0)" }
            }
            if !ties.isEmpty {
                out.append("")
                out.append(contentsOf: ties)
            }
            out.append("")
            out.append("Scores are rounded to 2 places for display; ranking compares exact values (see --explain BID or --format json).")
        }

        if !excluded.isEmpty {
            out.append("")
            out.append("Excluded (failed a gate: no rank, no score)")
            for index in excluded {
                let bid = ranking.bids[index]
                out.append("  \(bid.bidID) — \(bid.bidder)")
                let failed = ReportFacts.failedGates(bid)
                if failed.isEmpty { out.append("      no failed gate recorded") }
                for gate in failed { out.append("      \(gate.id): \(gate.explanation)") }
            }
        }

        let refused = ReportFacts.orderedRefused(ranking)
        if !refused.isEmpty {
            out.append("")
            out.append("Refused (could not be read or scored; left out with --exclude-invalid)")
            for bid in refused {
                out.append("  \(bid.bidID ?? "(bid id unreadable)") — \(bid.file)")
                for diagnostic in bid.diagnostics.sortedForReport() { out.append("      \(diagnostic)") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Short headers for the reference scheme's summary lines, so the table fits 100 columns.
    static let shortTitles = [
        "fair-work": "Fair work",
        "community-benefit-points": "CB points",
        "community-benefit-score": "CB score",
    ]

    /// Left-aligned text, right-aligned numbers, two spaces between columns, a rule under
    /// the header. Widths count characters, so `£` and `—` take one column.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        // Widths are measured once per cell: a ranking of 100,000 bids has a million cells.
        let cellWidths = rows.map { $0.map(displayWidth) }
        var widths = Array(repeating: 0, count: count)
        for row in cellWidths {
            for (i, width) in row.enumerated() { widths[i] = max(widths[i], width) }
        }
        // Lines are assembled as bytes: string concatenation per cell cost more than the
        // rest of the report for a large ranking.
        var buffer: [UInt8] = []
        func format(_ row: [String], _ rowWidths: [Int]) -> String {
            buffer.removeAll(keepingCapacity: true)
            for (i, cell) in row.enumerated() {
                buffer.append(UInt8(ascii: " "))
                buffer.append(UInt8(ascii: " "))
                let pad = widths[i] - rowWidths[i]
                if rightAligned.contains(i) {
                    buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad))
                    buffer.append(contentsOf: cell.utf8)
                } else {
                    buffer.append(contentsOf: cell.utf8)
                    buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad))
                }
            }
            while buffer.last == UInt8(ascii: " ") { buffer.removeLast() }
            return String(decoding: buffer, as: UTF8.self)
        }
        var lines = [format(rows[0], cellWidths[0])]
        lines.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for index in rows.indices.dropFirst() { lines.append(format(rows[index], cellWidths[index])) }
        return lines
    }

    /// Characters, counted cheaply when the text is ASCII (one byte, one character).
    static func displayWidth(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }
}
