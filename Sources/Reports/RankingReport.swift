import Diagnostics
import RulesLanguage
import Scoring

/// The formats a ranking can be rendered in (`cbscore rank --format`).
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, csv, html

    /// How much of each bid's explanation the format shows: JSON and HTML show every figure
    /// and step; the text table and the CSV show points, totals and exclusion reasons.
    public var explanationDetail: ExplanationDetail {
        switch self {
        case .json, .html: .full
        case .text, .csv: .table
        }
    }
}

/// Renders a Ranking. Reports show what the Ranking holds and never recompute a score: they
/// format, and sort for display, nothing more. The same Ranking always gives the same bytes.
public struct RankingReport {
    /// The whole ranking in `format`: `text` for a terminal, `json` per result-json.md,
    /// `csv` for a spreadsheet (RFC 4180), `html` as one self-contained file.
    public static func render(_ ranking: Ranking, format: ReportFormat) -> String {
        switch format {
        case .text: RankingText.render(ranking)
        case .json: RankingJSON.render(ranking)
        case .csv: RankingCSV.render(ranking)
        case .html: RankingHTML.render(ranking)
        }
    }

    /// The bytes of `render(ranking, format:)`, handed to `sink` in pieces. JSON, text and
    /// CSV and HTML are passed on as they are written, so a ranking of many bids never holds
    /// its whole report.
    public static func write(_ ranking: Ranking, format: ReportFormat, to sink: (UnsafeRawBufferPointer) -> Void) {
        switch format {
        case .json: return RankingJSON.write(ranking, to: sink)
        case .text: return RankingText.write(ranking, to: sink)
        case .csv: return RankingCSV.write(ranking, to: sink)
        case .html:
            RankingHTML.write(ranking) { piece in
                var piece = piece
                piece.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// The JSON report of a ranking whose ranked bids were each explained as the tender was
    /// read a second time, their JSON kept in `spool` (`JSONBidSpool.add`, called by
    /// `RankPipeline.rank(_:reader:explainingEachRanked:)`): the bytes of `write(_:format:to:)`
    /// for the ranking with every bid explained, without holding every explanation. Throws
    /// when the spool cannot be read back (the output is then incomplete).
    public static func writeJSON(_ ranking: Ranking, bidsFrom spool: JSONBidSpool,
                                 to sink: (UnsafeRawBufferPointer) -> Void) throws(DiagnosticsError) {
        try RankingJSON.write(ranking, bidsFrom: spool, to: sink)
    }

    /// The explain view of one bid (`--explain BID`) as text; nil when no bid has that id.
    public static func explain(_ ranking: Ranking, bidID: String) -> String? {
        ranking.bid(bidID).map { ExplanationText.render($0, in: ranking) }
    }

    /// Formats `explain(_:bidID:format:)` can give: the text view, or the result document
    /// holding the one bid. A table or a page of one bid would hide the others it is ranked
    /// against, so CSV and HTML are whole-ranking formats only.
    public static let explainFormats: [ReportFormat] = [.text, .json]

    /// One bid's explanation in `format` (text or JSON); nil when no bid has that id or the
    /// format is not one of `explainFormats`.
    public static func explain(_ ranking: Ranking, bidID: String, format: ReportFormat) -> String? {
        guard ranking.bid(bidID) != nil else { return nil }
        switch format {
        case .text: return explain(ranking, bidID: bidID)
        case .json: return RankingJSON.render(ranking, only: bidID)
        case .csv, .html: return nil
        }
    }
}
