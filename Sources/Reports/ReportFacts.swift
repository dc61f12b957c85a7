import Documents
import RulesLanguage
import Scoring

/// What several renderers pick out of a Ranking in the same way: the summary columns, the
/// lines a chart stacks, why a bid was excluded, and number formats. Nothing here computes a
/// score; it only selects and formats what the Ranking holds.
enum ReportFacts {
    /// Score lines shown as columns of the ranking table, in this order, when bids carry them.
    static let summaryLineIDs = ["fair-work", "community-benefit-points", "community-benefit-score"]

    /// Lines that combine other lines (sums, relative and weighted steps, totals) rather than
    /// scoring commitments. The reference scheme's ids, plus any line with a relative or
    /// weight step, so that a custom scheme's aggregates are not stacked twice in a chart.
    static let aggregateLineIDs: Set<String> = ["community-benefit-points", "community-benefit-score", "total"]

    /// The summary columns present in at least one bid, as (id, title).
    static func summaryColumns(_ ranking: Ranking) -> [(id: String, title: String)] {
        summaryLineIDs.compactMap { id in
            for bid in ranking.bids {
                if let line = bid.explanation.score(id) { return (id, line.title.isEmpty ? id : line.title) }
            }
            return nil
        }
    }

    /// Every score line id in the order bids give them (scheme order), each once.
    static func lineColumns(_ ranking: Ranking) -> [(id: String, title: String)] {
        var seen = Set<String>()
        var columns: [(id: String, title: String)] = []
        var previous: [ScoreResult] = []
        for bid in ranking.bids {
            let lines = scores(bid)
            // Bids of one scheme list the same lines: one already seen adds nothing.
            if lines.count == previous.count, zip(lines, previous).allSatisfy({ $0.id == $1.id }) { continue }
            for line in lines where seen.insert(line.id).inserted {
                columns.append((line.id, line.title.isEmpty ? line.id : line.title))
            }
            previous = lines
        }
        return columns
    }

    static func isAggregate(_ line: ScoreResult) -> Bool {
        aggregateLineIDs.contains(line.id)
            || line.steps.contains { $0.kind == .relative || $0.kind == .weight }
    }

    /// The lines a stacked chart shows, in scheme order: every line that scores the bid
    /// directly (fair work and the menu), none of the aggregates.
    static func chartLines(_ ranking: Ranking) -> [(id: String, title: String)] {
        var seen = Set<String>()
        var columns: [(id: String, title: String)] = []
        for bid in ranking.ranked {
            for line in scores(bid) where !isAggregate(line) && seen.insert(line.id).inserted {
                columns.append((line.id, line.title.isEmpty ? line.id : line.title))
            }
        }
        return columns
    }

    /// A bid's score lines; none for an excluded bid, which result-json.md says has no score,
    /// whatever the engine may have recorded before the gate failed.
    static func scores(_ bid: BidOutcome) -> [ScoreResult] {
        bid.status == .excluded ? [] : bid.explanation.scores
    }

    /// The tie-break notes that concern a bid: its own, and the one recorded on the bid ranked
    /// just above it when that note names it (the engine records a tie on the higher bid of
    /// the pair), each as `B-014-08: ties with B-014-04 …`. `above` is the bid ranked just
    /// above, found by the caller so a whole report stays linear in the number of bids.
    static func tieNotes(_ bid: BidOutcome, above: BidOutcome?) -> [String] {
        var notes: [String] = []
        if let above, let note = above.tieBreak, note.contains(bid.bidID) { notes.append("\(above.bidID): \(note)") }
        if let note = bid.tieBreak { notes.append("\(bid.bidID): \(note)") }
        return notes
    }

    /// As `tieNotes(_:above:)`, finding the bid above in the ranking (for one-bid views).
    static func tieNotes(_ bid: BidOutcome, in ranking: Ranking) -> [String] {
        let above = bid.rank.flatMap { rank in ranking.bids.first { $0.status == .ranked && $0.rank == rank - 1 } }
        return tieNotes(bid, above: above)
    }

    static func failedGates(_ bid: BidOutcome) -> [GateResult] {
        bid.explanation.gates.filter { !$0.passed }
    }

    /// The winning bid (rank 1), if any bid was ranked.
    static func winner(_ ranking: Ranking) -> BidOutcome? {
        ranking.bids.first { $0.status == .ranked && $0.rank == 1 }
    }

    // MARK: Number formats

    /// For tables: 2 places, half away from zero (reference-scheme.md).
    static func rounded(_ value: Exact?) -> String { value.map { $0.formatted(places: 2) } ?? "" }

    /// The index of the score line `id` in `scores`, tried first where `hint` (that column's
    /// index in the previous bid) points: bids of one scheme list their lines alike.
    static func scoreIndex(of id: String, in scores: [ScoreResult], hint: inout Int) -> Int? {
        let at = hint < scores.count && scores[hint].id == id ? hint : scores.firstIndex { $0.id == id }
        if let at { hint = at }
        return at
    }

    /// For explanations and machine output: exact, unrounded when the value terminates.
    static func exact(_ value: Exact) -> String { value.decimalString() }

    /// Exact, and when the value does not terminate (80 × 70 / 90), also as the fraction the
    /// engine compared, since 20 decimal places are not the whole value.
    static func exactWithDisplay(_ value: Exact) -> String {
        value.isTerminatingDecimal ? value.decimalString()
            : "\(value.decimalString()) (exactly \(value.numerator)/\(value.denominator))"
    }

    /// `£2,310,000` or `£2,310,000.50`: money with thousands separators, exact.
    static func money(_ money: Money) -> String {
        let text = money.amount.decimalString()
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count == 1 { fraction += "0" }
        let number = (negative ? "-" : "") + grouped + (fraction.isEmpty ? "" : "." + fraction)
        return money.currency == "GBP" ? "£" + number : number + " " + money.currency
    }

    /// `count = 3 (J1 count)`, `hourly rate = 13.60 £/hour (J1 hourlyRate)`.
    static func figure(_ figure: Figure) -> String {
        var text = "\(figure.name) = \(figureValue(figure))"
        if !figure.source.isEmpty { text += " (\(figure.source))" }
        return text
    }

    /// `13.45 weeks`, and money units before the number: `£2310000`, `£13.60/hour`.
    static func figureValue(_ figure: Figure) -> String {
        if figure.unit.hasPrefix("£") {
            return (figure.text.hasPrefix("£") ? "" : "£") + figure.text + figure.unit.dropFirst()
        }
        return figure.unit.isEmpty ? figure.text : figure.text + " " + figure.unit
    }

    static func cap(_ cap: CapApplied) -> String {
        "capped at \(exact(cap.cap)): \(exact(cap.uncapped)) → \(exact(cap.cap)) (cut \(exact(cap.cut)))"
    }

    static func rankText(_ bid: BidOutcome, of ranking: Ranking) -> String {
        guard let rank = bid.rank else { return "not ranked" }
        return "\(rank) of \(ranking.ranked.count)"
    }
}

extension ReportFacts {
    /// Bids in the order result-json.md requires: ranked by rank, then excluded by id. The
    /// engine already gives this order; sorting again keeps every report stable regardless.
    static func orderedBids(_ ranking: Ranking) -> [BidOutcome] {
        orderedIndices(ranking).map { ranking.bids[$0] }
    }

    /// Positions in `ranking.bids` of the ranked bids by rank (then id), then the excluded
    /// bids by id. Indices rather than copies: an outcome carries its explanation, and a
    /// ranking may hold 100,000 of them. `Scorer.rank` already gives this order, which is
    /// checked before anything is sorted.
    static func orderedIndices(_ ranking: Ranking) -> [Int] {
        let bids = ranking.bids
        let rankOrder: (Int, Int) -> Bool = { a, b in
            let (ra, rb) = (bids[a].rank ?? .max, bids[b].rank ?? .max)
            return ra != rb ? ra < rb : codePointOrder(bids[a].bidID, bids[b].bidID)
        }
        let idOrder: (Int, Int) -> Bool = { codePointOrder(bids[$0].bidID, bids[$1].bidID) }
        func inOrder(_ indices: [Int], by before: (Int, Int) -> Bool) -> [Int] {
            zip(indices, indices.dropFirst()).allSatisfy { !before($1, $0) } ? indices : indices.sorted(by: before)
        }
        return inOrder(bids.indices.filter { bids[$0].status == .ranked }, by: rankOrder)
            + inOrder(bids.indices.filter { bids[$0].status == .excluded }, by: idOrder)
    }

    static func orderedRefused(_ ranking: Ranking) -> [RefusedBid] {
        ranking.refused.sorted { a, b in
            a.file != b.file ? codePointOrder(a.file, b.file) : codePointOrder(a.bidID ?? "", b.bidID ?? "")
        }
    }

    /// Ascending Unicode code-point order, independent of locale and normalisation.
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    static func orderedInputs(_ ranking: Ranking) -> [InputFile] { ranking.inputs.sorted() }
}
