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
        var previous: [(id: String, title: String)] = []
        var previousBid: Int?
        // Read in place: a copy of each outcome would retain all it holds.
        ranking.bids.withUnsafeBufferPointer { bids in
            for index in bids.indices where bids[index].status != .excluded {
                // Bids of one scheme list the same lines: one already seen adds nothing (known
                // without reading them for bids scored silently by one scheme).
                if let previousBid, BidOutcome.shareScoreHeadings(bids.baseAddress! + index, bids.baseAddress! + previousBid) { continue }
                let lines = bids[index].scoreHeadings
                previousBid = index
                if lines.count == previous.count, zip(lines, previous).allSatisfy({ $0.id == $1.id }) { continue }
                for line in lines where seen.insert(line.id).inserted {
                    columns.append((line.id, line.title.isEmpty ? line.id : line.title))
                }
                previous = lines
            }
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
        bid.failedGates
    }

    /// The winning bid (rank 1), if any bid was ranked.
    static func winner(_ ranking: Ranking) -> BidOutcome? {
        ranking.bids.first { $0.status == .ranked && $0.rank == 1 }
    }

    // MARK: Number formats

    /// For tables: 2 places, half away from zero (reference-scheme.md).
    static func rounded(_ value: Exact?) -> String { value.map { $0.formatted(places: 2) } ?? "" }

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

    /// A figure's value as a person writes it: money before the number with thousands
    /// separators (`£1,200,000`, `£13.60/hour`), `decile 2` rather than `2 decile`, `1 week`
    /// and `2 weeks`, and no unit that only repeats the name (`count = 2`, not `2 count`).
    static func figureValue(_ figure: Figure) -> String {
        if figure.unit.hasPrefix("£") {
            if figure.unit == "£", let value = figure.value, !figure.text.contains(",") {
                return money(Money(value))
            }
            return (figure.text.hasPrefix("£") ? "" : "£") + figure.text + figure.unit.dropFirst()
        }
        switch figure.unit {
        case "": return figure.text
        case "decile": return "decile \(figure.text)"
        case "count", "fte": return figure.text
        default:
            // `1 weeks` → `1 week`: a unit written in the plural reads singular after exactly one.
            if figure.value == Exact.one, figure.unit.hasSuffix("s"), !figure.unit.hasSuffix("ss") {
                return "1 " + figure.unit.dropLast()
            }
            return figure.text + " " + figure.unit
        }
    }

    /// Why a commitment was not counted, once: a scheme's reason often ends `: not counted`,
    /// which the reports already say before it.
    static func skipReason(_ item: ItemResult) -> String {
        guard var reason = item.skipReason, !reason.isEmpty else { return "no reason given" }
        for suffix in [": not counted", ", not counted", " - not counted", " — not counted"] where reason.hasSuffix(suffix) {
            reason.removeLast(suffix.count)
        }
        return reason
    }

    /// A line's steps without its cap step when the cap is shown on its own line: a cap is
    /// printed once.
    static func stepsWithoutCap(_ line: ScoreResult) -> [CalculationStep] {
        line.cap == nil ? line.steps : line.steps.filter { $0.kind != .cap }
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
        // Read in place: a copy of each outcome would retain all it holds.
        ranking.bids.withUnsafeBufferPointer { bids in
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

/// A column of a ranking table: a figure behind the total (price, an input, a line a score
/// compares) or a component of the total as weighted into it.
enum TableColumn {
    case price
    case input(name: String, title: String, maximum: Exact?)
    case line(id: String, title: String)
    /// The index in `Ranking.outline.components` and in each bid's `components`.
    case component(Int, TotalOutline.Component)

    /// The header a terminal table shows (short, so the table fits).
    var shortHeader: String {
        switch self {
        case .price: "Price"
        case .input(let name, let title, _): title.count <= 12 ? title : name.prefix(1).uppercased() + name.dropFirst()
        case .line(let id, let title): RankingText.shortTitles[id] ?? title
        case .component(_, let c):
            (RankingText.shortTitles[c.id] ?? c.title) + (c.weight.map { " (\(ReportFacts.exact($0)))" } ?? "")
        }
    }

    /// The header of a page's table in two parts, `Price` over `weighted 60`, so columns
    /// stay narrow; `header` is the whole text (a tooltip, a letter).
    var headerLines: (main: String, sub: String) {
        switch self {
        case .price: ("Price", "")
        case .input(let name, let title, let maximum):
            (title.count <= 24 ? title : name.prefix(1).uppercased() + name.dropFirst(),
             maximum.map { "out of \(ReportFacts.exact($0))" } ?? "")
        case .line(_, let title): (title, "")
        case .component(_, let c):
            (c.title, c.weight.map { "weighted \(ReportFacts.exact($0))" } ?? c.maximum.map { "out of \(ReportFacts.exact($0))" } ?? "")
        }
    }

    /// The header a page or a letter shows.
    var header: String {
        switch self {
        case .price: "Price"
        case .input(_, let title, _): title
        case .line(_, let title): title
        case .component(_, let c): c.weight.map { "\(c.title), weighted \(ReportFacts.exact($0))" } ?? c.title
        }
    }

    /// The cell for `bid`, rounded to 2 places (money in full).
    func cell(_ bid: BidOutcome) -> String {
        switch self {
        case .price: ReportFacts.money(bid.price)
        case .input(let name, _, _): ReportFacts.rounded(bid.inputs[name])
        case .line(let id, _): bid.status == .ranked ? ReportFacts.rounded(bid.points(id)) : ""
        case .component(let index, _): index < bid.components.count ? ReportFacts.rounded(bid.components[index]) : ""
        }
    }

    var isPrice: Bool { if case .price = self { true } else { false } }
}

extension ReportFacts {
    /// The columns a ranking table shows between the bidder and the total: for each component
    /// of the scheme's total, the figures behind it not yet shown, then the component as
    /// weighted into the total. Without an outline (a ranking built by hand), the reference
    /// scheme's summary lines.
    static func tableColumns(_ ranking: Ranking) -> [TableColumn] {
        guard let outline = ranking.outline else {
            return summaryColumns(ranking).map { .line(id: $0.id, title: $0.title) }
        }
        var columns: [TableColumn] = []
        var shown = Set<String>()
        for (index, component) in outline.components.enumerated() {
            for figure in component.figures {
                switch figure {
                case .price:
                    if shown.insert("price").inserted { columns.append(.price) }
                case .input(let name, let title, let maximum):
                    if shown.insert("input " + name).inserted { columns.append(.input(name: name, title: title, maximum: maximum)) }
                case .line(let line):
                    if shown.insert("line " + line.id).inserted { columns.append(.line(id: line.id, title: line.title)) }
                }
            }
            columns.append(.component(index, component))
        }
        return columns
    }

    /// How the weighted columns are reached, for a note under a table: `Price (60) is 60 ×
    /// the Price score ÷ 100; …; Total (out of 100) is their sum`; nil when nothing is
    /// weighted. `short` picks the table's headers (a terminal's or a page's).
    static func weightingNote(_ ranking: Ranking, short: Bool) -> String? {
        guard let outline = ranking.outline, outline.isWeighted else { return nil }
        let parts = outline.components.enumerated().map { index, c -> String in
            let column = TableColumn.component(index, c)
            let name = short ? column.shortHeader : column.header
            guard let weight = c.weight, let maximum = c.maximum else { return "\(name) is the \(c.title) score as it stands" }
            return "\(name) is \(exact(weight)) × the \(c.title) score ÷ \(exact(maximum))"
        }
        let scale = outline.outOf.map { " (out of \(exact($0)))" } ?? ""
        return "Weighted columns: " + parts.joined(separator: "; ") + "; \(outline.title)\(scale) is their sum"
    }
}

extension ReportFacts {
    /// Why a bid was refused, in a few words, from its first error's id: `unknown area`,
    /// `missing input`, `unreadable`… so "refused" is never taken to mean "unreadable" alone.
    static func refusalCause(_ bid: RefusedBid) -> String {
        let ids = bid.diagnostics.sortedForReport().filter { $0.severity == .error }.map(\.id)
        guard let id = ids.first else { return "refused" }
        switch id {
        case RulesDiagnostic.unknownArea.id, RulesDiagnostic.noArea.id: return "unknown area"
        case RulesDiagnostic.noAreaTables.id: return "no area tables loaded"
        case RulesDiagnostic.missingInput.id: return "missing input"
        case RulesDiagnostic.missingField.id: return "missing figure"
        case RulesDiagnostic.noRateInForce.id: return "no rate in force"
        case XMLDiagnostic.duplicateBid.id: return "duplicate bid id"
        case XMLDiagnostic.wrongTender.id: return "names another tender"
        case XMLDiagnostic.wrongRoot.id, XMLDiagnostic.wrongNamespace.id: return "not a bid"
        case XMLDiagnostic.duplicateRef.id, XMLDiagnostic.schema.id, XMLDiagnostic.value.id, XMLDiagnostic.missing.id,
             XMLDiagnostic.repeated.id: return "invalid bid"
        default:
            if id.hasPrefix("rules.") { return "could not be scored" }
            if id.hasPrefix("xml.limit.") { return "over a size limit" }
            return "unreadable"
        }
    }

    /// `2 unknown area, 1 unreadable`: refused bids counted by cause, causes in code-point order.
    static func refusalCauses(_ ranking: Ranking) -> String {
        var counts: [String: Int] = [:]
        for bid in ranking.refused { counts[refusalCause(bid), default: 0] += 1 }
        return counts.keys.sorted(by: codePointOrder).map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
    }
}
