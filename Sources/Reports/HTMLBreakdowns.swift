import Scoring

/// Which bids the HTML report breaks down (docs/reports.md, "The HTML report of a large
/// tender"): every bid when the tender has at most `wholeUpTo` ranked and excluded bids;
/// above that, the `leading` highest-ranked and the first `excludedShown` excluded bids in
/// the table's order, so that the report of 100,000 bids stays one a browser opens. The
/// ranking table always lists every bid. This is the one place that decides: `rank --format
/// html` records explanations for these bids only, and `RankingHTML` writes these.
public enum HTMLBreakdowns {
    public static let wholeUpTo = 200
    public static let leading = 20
    public static let excludedShown = 200

    /// How many of the ranked and of the excluded bids (in report order) are broken down.
    static func counts(ranked: Int, excluded: Int) -> (ranked: Int, excluded: Int) {
        ranked + excluded <= wholeUpTo ? (ranked, excluded) : (min(ranked, leading), min(excluded, excludedShown))
    }

    /// True when some bids have no breakdown in the report.
    static func isCut(ranked: Int, excluded: Int) -> Bool { ranked + excluded > wholeUpTo }

    /// The ids of the bids the HTML report of `ranking` breaks down.
    public static func bids(_ ranking: Ranking) -> Set<String> {
        let order = ReportFacts.orderedIndices(ranking)
        let ranked = order.filter { ranking.bids[$0].status == .ranked }
        let excluded = order.filter { ranking.bids[$0].status == .excluded }
        let shown = counts(ranked: ranked.count, excluded: excluded.count)
        return Set((ranked.prefix(shown.ranked) + excluded.prefix(shown.excluded)).map { ranking.bids[$0].bidID })
    }
}
