import Documents
import RulesLanguage
import Scoring

/// One row per bid for a spreadsheet (RFC 4180: CRLF line ends, fields quoted when they hold
/// a comma, quote, CR or LF, quotes doubled). One column per score line, headed by the
/// line's id, holding the exact decimal; excluded bids leave score cells empty and name the
/// gate they failed; refused bids follow with their first diagnostics.
enum RankingCSV {
    static func render(_ ranking: Ranking) -> String {
        // The scheme's `total` line is the `total` column already: one column, not two.
        let lines = ReportFacts.lineColumns(ranking).map(\.id).filter { $0 != "total" }
        var rows: [[String]] = [
            ["rank", "id", "bidder", "status", "price", "currency", "submitted"] + lines
                + ["total", "failed_gate", "reason", "tie_break", "file"],
        ]
        for index in ReportFacts.orderedIndices(ranking) {
            let bid = ranking.bids[index]
            let failed = ReportFacts.failedGates(bid)
            let scored = bid.status == .ranked
            rows.append(
                [bid.rank.map(String.init) ?? "", bid.bidID, bid.bidder, bid.status.rawValue,
                 bid.price.amount.decimalString(), bid.price.currency, bid.submitted.lexical]
                    + lines.map { id in scored ? bid.explanation.score(id).map { $0.points.decimalString() } ?? "" : "" }
                    + [bid.total?.decimalString() ?? "",
                       failed.map(\.id).joined(separator: " "),
                       failed.map(\.explanation).joined(separator: "; "),
                       bid.tieBreak ?? "",
                       bid.location.file])
        }
        for bid in ReportFacts.orderedRefused(ranking) {
            let empty = Array(repeating: "", count: 3 + lines.count)
            rows.append(
                ["", bid.bidID ?? "", "", "refused"] + empty
                    + ["", "", bid.diagnostics.sortedForReport().map(\.description).joined(separator: "; "), "", bid.file])
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        // A leading = + - @ makes spreadsheets evaluate a cell as a formula; a bidder name must
        // never do that, so such text cells get a leading apostrophe. Numbers are left alone.
        var value = text
        if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first),
           Exact(decimal: value) == nil {
            value = "'" + value
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }
}
