import Diagnostics
import Scoring

// What the service's pages and API take from the reports, so a page looks like a report and
// an API error's diagnostics read like the CLI's: one stylesheet, one escaping, one JSON writer.

/// The reports' look, for pages that sit beside them.
public enum ReportStyle {
    /// The inline stylesheet of every HTML report.
    public static var css: String { HTMLStyle.css }

    /// Text for HTML element content and double-quoted attribute values.
    public static func escape(_ text: some StringProtocol) -> String { HTML.escape(text) }
}

extension RankingReport {
    /// One bid's explanation as an HTML fragment (gates, every score line with its figures,
    /// items, steps and cap, the total, a tie-break note), as the HTML report shows it; nil
    /// when the ranking has no such bid.
    public static func explanationHTML(_ ranking: Ranking, bidID: String) -> String? {
        guard let bid = ranking.bid(bidID) else { return nil }
        let ranked = ReportFacts.orderedBids(ranking).filter { $0.status == .ranked }
        var ties: [String] = []
        if let index = ranked.firstIndex(where: { $0.bidID == bidID }) {
            ties = ReportFacts.tieNotes(bid, above: index > 0 ? ranked[index - 1] : nil)
        }
        return ExplanationHTML.full(bid, ties: ties)
    }
}

/// Diagnostics as an API error carries them: `{id, file, line, column, message}` (service.md),
/// then the severity, the hint and the bid concerned where there is one.
public enum DiagnosticsJSON {
    public static func value(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("id", .string(diagnostic.id)),
            ("file", .string(diagnostic.location.file)),
            ("line", .integer(diagnostic.location.line)),
            ("column", .integer(diagnostic.location.column)),
            ("message", .string(diagnostic.message)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("hint", .optional(diagnostic.hint)),
            ("subject", .optional(diagnostic.subject)),
        ])
    }
}
