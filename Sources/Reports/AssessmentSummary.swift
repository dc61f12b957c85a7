import Documents
import RulesLanguage
import Scoring

/// The assessment summary a bidder is owed after award (Procurement Act 2023, s.50: each
/// bidder's score per award criterion, with reasons by reference to its own tender, and the
/// winning tender's score). Written from the bid's explanation: its rank, its gates, its
/// score on each score line beside the winning bid's, then the reasons for each line —
/// commitments counted by ref, those skipped and why, caps and what they cut.
public struct AssessmentSummary {
    public enum Format: Sendable {
        case markdown, html
    }

    /// The summary for `bidID`, or nil when the ranking has no such bid.
    public static func render(_ ranking: Ranking, bidID: String, format: Format) -> String? {
        guard let bid = ranking.bid(bidID) else { return nil }
        let document = build(ranking, bid)
        switch format {
        case .markdown: return document.markdown()
        case .html: return document.html(style: HTMLStyle.css)
        }
    }

    typealias Line = SimpleDocument.Line

    /// A letter to the bidder. What the law asks of it: each award criterion with its weight,
    /// the bidder's score and the successful tender's, and the reasons by reference to the
    /// bidder's own tender (Procurement Regulations 2024 reg 31 for England and Wales; the
    /// characteristics and relative advantages of the successful tender under the
    /// Procurement Reform (Scotland) Act 2014). Nothing internal: no file paths, hashes,
    /// rule locations or field names (`PlainWords`); scores to 2 places.
    static func build(_ ranking: Ranking, _ bid: BidOutcome) -> SimpleDocument {
        let tender = ranking.tender
        let winner = ReportFacts.winner(ranking)
        let words = PlainWords(ranking, bids: [bid] + (winner.map { [$0] } ?? []))
        var doc = SimpleDocument(title: "Assessment summary: \(tender.title), \(bid.bidder)")
        doc.add(.heading(1, [.text("Assessment summary")]))
        doc.add(.list([
            [.strong("Contract:"), .text(" \(tender.title) (reference \(tender.id))")],
            [.strong("From:"), .text(" " + tender.authority)],
            [.strong("To:"), .text(" " + bid.bidder)],
            [.strong("Your tender:"), .text(" \(bid.bidID), price \(ReportFacts.money(bid.price))")],
        ]))
        doc.add(.paragraph([.text("Dear \(bid.bidder),")]))
        doc.add(.paragraph([.text("Thank you for your tender. This summary sets out how it was assessed against the award criteria published with the tender: your score for each criterion, the score of the successful tender, and the reasons for your scores by reference to your tender.")]))

        doc.add(.heading(2, [.text("Outcome")]))
        doc.add(.paragraph(outcome(ranking, bid, winner)))
        for note in ReportFacts.tieNotes(bid, in: ranking) {
            doc.add(.paragraph([.strong("Equal totals:"), .text(" " + words.text(note))]))
        }

        let gates = bid.explanation.gates
        if !gates.isEmpty {
            doc.add(.heading(2, [.text("Conditions every tender must meet")]))
            doc.add(.table(
                [[.text("Condition")], [.text("Your tender")], [.text("Why")]],
                gates.map { gate in
                    [[.text(gate.title)], [.strong(gate.passed ? "Met" : "Not met")], [.text(gateReason(gate, words))]]
                },
                []))
        }

        let components = ranking.outline?.components ?? []
        if !components.isEmpty {
            doc.add(.heading(2, [.text("Scores against each award criterion")]))
            doc.add(.table(criteriaHeader(ranking), criteriaRows(ranking, bid, winner), [1, 2, 3, 4, 5]))
            doc.add(.paragraph([.text(scaleNote(ranking))]))
        }

        if ReportFacts.scores(bid).isEmpty {
            doc.add(.paragraph([.text("Your tender did not meet every condition, so it was not scored against the award criteria.")]))
        } else {
            doc.add(.heading(2, [.text("Reasons for your scores")]))
            var explained = Set<String>()
            for (index, component) in components.enumerated() {
                doc.add(.heading(3, [.text(component.title + (component.weight.map { " (weight \(ReportFacts.exact($0)))" } ?? ""))]))
                reasons(for: component, index: index, bid: bid, winner: winner, words: words, explained: &explained, into: &doc)
            }
            // Lines that count commitments and were not explained under a criterion above.
            let rest = ReportFacts.scores(bid).filter { line in
                !explained.contains(line.id) && line.id != "total" && !components.contains { $0.id == line.id }
                    && (ranking.outline?.commitmentLines.contains { $0.id == line.id } ?? true)
            }
            if !rest.isEmpty {
                doc.add(.heading(3, [.text("Your commitments")]))
                for line in rest { lineReasons(line, words: words, into: &doc) }
            }
        }

        if let advantages = relativeAdvantages(ranking, bid, winner) {
            doc.add(.heading(2, [.text("The successful tender")]))
            doc.add(.paragraph([.text(advantages)]))
        }
        doc.add(.paragraph([.text("Scores are shown to 2 decimal places; tenders were ranked on their exact scores. If you would like to discuss this summary, please contact \(tender.authority), quoting reference \(tender.id).")]))
        doc.add(.paragraph([.text("Yours faithfully,")]))
        doc.add(.paragraph([.text(tender.authority)]))
        return doc
    }

    static func outcome(_ ranking: Ranking, _ bid: BidOutcome, _ winner: BidOutcome?) -> Line {
        let scale = ranking.outline?.outOf.map { " out of \(ReportFacts.exact($0))" } ?? ""
        switch bid.status {
        case .excluded:
            let failed = ReportFacts.failedGates(bid).map(\.title).joined(separator: ", ")
            var line: Line = [.text("Your tender did not meet the condition\(ReportFacts.failedGates(bid).count == 1 ? "" : "s") "),
                              .strong(failed), .text(", so it was not scored or ranked.")]
            if let winner {
                line.append(.text(" The successful tender, from \(winner.bidder), scored \(ReportFacts.rounded(winner.total))\(scale)."))
            }
            return line
        case .ranked:
            guard let rank = bid.rank else { return [] }
            var line: Line = [.text("Your tender was ranked "), .strong("\(ordinal(rank)) of \(ranking.ranked.count)"),
                              .text(" with a total score of "), .strong(ReportFacts.rounded(bid.total) + scale), .text(".")]
            if let winner, winner.bidID != bid.bidID {
                line.append(.text(" The successful tender, from \(winner.bidder), scored \(ReportFacts.rounded(winner.total))\(scale)."))
            } else {
                line.append(.text(" It is the successful tender."))
            }
            return line
        }
    }

    /// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        return "\(n)\(suffix)"
    }

    /// The gate's sentence, and when it compares two figures or fewer, what they are.
    static func gateReason(_ gate: GateResult, _ words: PlainWords) -> String {
        let text = words.text(gate.explanation)
        guard !gate.figures.isEmpty, gate.figures.count <= 2 else { return text }
        return text + ": " + gate.figures.map { "\(words.text($0.name)) \(ReportFacts.figureValue($0))" }.joined(separator: "; ")
    }

    static func criteriaHeader(_ ranking: Ranking) -> [Line] {
        let weighted = ranking.outline?.isWeighted == true
        var header: [Line] = [[.text("Criterion")], [.text(weighted ? "Weight" : "Maximum")], [.text("Your score")]]
        if weighted { header.append([.text("Your weighted score")]) }
        header.append([.text("Successful tender's score")])
        if weighted { header.append([.text("Successful tender's weighted score")]) }
        return header
    }

    static func criteriaRows(_ ranking: Ranking, _ bid: BidOutcome, _ winner: BidOutcome?) -> [[Line]] {
        guard let outline = ranking.outline else { return [] }
        let weighted = outline.isWeighted
        var rows: [[Line]] = []
        for (index, component) in outline.components.enumerated() {
            let mine = bid.status == .ranked ? bid.explanation.score(component.id)?.points : nil
            let theirs = winner?.explanation.score(component.id)?.points
            var row: [Line] = [[.text(component.title)],
                               [.text((weighted ? component.weight : component.maximum).map(ReportFacts.exact) ?? "")],
                               [.text(bid.status == .ranked ? ReportFacts.rounded(mine) + (weighted ? component.maximum.map { " of " + ReportFacts.exact($0) } ?? "" : "") : "not scored")]]
            if weighted { row.append([.text(index < bid.components.count ? ReportFacts.rounded(bid.components[index]) : "")]) }
            row.append([.text(ReportFacts.rounded(theirs))])
            if weighted { row.append([.text(winner.flatMap { index < $0.components.count ? ReportFacts.rounded($0.components[index]) : nil } ?? "")]) }
            rows.append(row)
        }
        var total: [Line] = [[.strong("Total")], [.text(outline.outOf.map(ReportFacts.exact) ?? "")],
                             [.strong(bid.status == .ranked ? ReportFacts.rounded(bid.total) : "not scored")]]
        if weighted { total.append([.text("")]) }
        total.append([.strong(ReportFacts.rounded(winner?.total))])
        if weighted { total.append([.text("")]) }
        rows.append(total)
        return rows
    }

    static func scaleNote(_ ranking: Ranking) -> String {
        guard let outline = ranking.outline else { return "" }
        guard outline.isWeighted else {
            return "The total is the sum of the criteria scores\(outline.outOf.map { ", out of \(ReportFacts.exact($0))" } ?? "")."
        }
        return "Each criterion is scored on its own scale and weighted into the total\(outline.outOf.map { " out of \(ReportFacts.exact($0))" } ?? ""): the weighted score is the weight × your score ÷ the criterion's maximum."
    }

    static func reasons(for component: TotalOutline.Component, index: Int, bid: BidOutcome, winner: BidOutcome?,
                        words: PlainWords, explained: inout Set<String>, into doc: inout SimpleDocument) {
        guard let line = bid.explanation.score(component.id) else { return }
        var summary = "Your score: \(ReportFacts.rounded(line.points))\(component.maximum.map { " out of " + ReportFacts.exact($0) } ?? "")"
        if let weight = component.weight, index < bid.components.count {
            summary += ", which adds \(ReportFacts.rounded(bid.components[index])) of the \(ReportFacts.exact(weight)) points this criterion carries"
        }
        if let theirs = winner?.explanation.score(component.id)?.points, winner?.bidID != bid.bidID {
            summary += ". The successful tender scored \(ReportFacts.rounded(theirs))"
        }
        doc.add(.paragraph([.text(summary + ".")]))
        var facts: [Line] = []
        for figure in component.figures {
            switch figure {
            case .price:
                facts.append([.text("Your price: \(ReportFacts.money(bid.price)).")])
            case .input(let name, let title, let maximum):
                facts.append([.text("\(title): \(ReportFacts.rounded(bid.inputs[name]))\(maximum.map { " out of " + ReportFacts.exact($0) } ?? "") for your tender.")])
            case .line(let named):
                if let points = bid.explanation.score(named.id)?.points {
                    facts.append([.text("Your \(named.title.lowercasedFirst): \(ReportFacts.rounded(points)).")])
                }
            }
        }
        let how = words.text(line.explanation)
        // A bare `77 points` says nothing the score did not; a calculation does.
        if how.contains(where: { "×÷+−".contains($0) }), line.steps.allSatisfy({ $0.kind != .bonus && $0.kind != .multiplier }) {
            facts.append([.text("How it was scored: \(how).")])
        }
        if !facts.isEmpty { doc.add(.list(facts)) }
        if line.items.isEmpty, component.figures.isEmpty { bonuses(line, words: words, into: &doc) }
        if !line.items.isEmpty { lineReasons(line, words: words, into: &doc, heading: false) }
        explained.insert(line.id)
        // The lines a relative score compares are explained here, commitment by commitment.
        for case .line(let named) in component.figures {
            explained.insert(named.id)
            guard let sum = bid.explanation.score(named.id) else { continue }
            let parts = sum.figures.compactMap { figure -> ScoreResult? in
                guard figure.source.hasPrefix("line ") else { return nil }
                return bid.explanation.score(String(figure.source.dropFirst(5)))
            }
            for part in parts where !explained.contains(part.id) {
                explained.insert(part.id)
                lineReasons(part, words: words, into: &doc)
            }
        }
    }

    /// The bonuses and multipliers of a line without commitments (fair work), applied or not.
    static func bonuses(_ line: ScoreResult, words: PlainWords, into doc: inout SimpleDocument) {
        let steps = line.steps.filter { $0.kind == .bonus || $0.kind == .multiplier }
        guard !steps.isEmpty else { return }
        doc.add(.list(steps.map { [.text(stepText($0, words) + ".")] }))
        if let cap = line.cap { doc.add(.paragraph([.text(capText(cap))])) }
    }

    /// `+ 8: lowest hourly rate ≥ Real Living Wage` → `8 points added: lowest hourly rate ≥ …`;
    /// a step not applied keeps its own sentence.
    static func stepText(_ step: CalculationStep, _ words: PlainWords) -> String {
        let text = words.text(step.description)
        guard step.kind == .bonus, text.hasPrefix("+ "), let colon = text.firstIndex(of: ":"), !text.contains("not applied") else {
            return text.hasPrefix("+ ") ? "plus " + text.dropFirst(2) : text
        }
        let amount = text[text.index(text.startIndex, offsetBy: 2)..<colon]
        return "\(amount) points added\(text[colon...])"
    }

    static func capText(_ cap: CapApplied) -> String {
        "This line is capped at \(ReportFacts.exact(cap.cap)) points: your commitments came to \(ReportFacts.exact(cap.uncapped)), so \(ReportFacts.exact(cap.cut)) were not counted."
    }

    /// A line's commitments: each counted one with its points and how, each not counted with why.
    static func lineReasons(_ line: ScoreResult, words: PlainWords, into doc: inout SimpleDocument, heading: Bool = true) {
        if heading {
            doc.add(.paragraph([.strong("\(line.title): \(ReportFacts.rounded(line.points)) points"),
                                .text(line.maximum.map { " (at most \(ReportFacts.exact($0)))" } ?? "")]))
        }
        guard !line.items.isEmpty else {
            if heading { doc.add(.paragraph([.text("Your tender made no commitment of this kind.")])) }
            return
        }
        doc.add(.list(line.items.map { item in
            var text = "\(item.ref) (\(PlainWords.kind(item.kind))): "
            if item.counted {
                text += "counted, \(ReportFacts.rounded(item.points)) points"
                let steps = item.steps.map { words.text($0.description) }
                if !steps.isEmpty { text += " (" + steps.joined(separator: "; ") + ")" }
            } else {
                text += "not counted: \(words.text(ReportFacts.skipReason(item)))"
            }
            return [.text(text + ".")]
        }))
        if let cap = line.cap { doc.add(.paragraph([.text(capText(cap))])) }
    }

    /// Where the successful tender scored more than this one and where less, criterion by
    /// criterion: its relative advantages, in the scheme's own criteria.
    static func relativeAdvantages(_ ranking: Ranking, _ bid: BidOutcome, _ winner: BidOutcome?) -> String? {
        guard let winner, winner.bidID != bid.bidID, let outline = ranking.outline else { return nil }
        var ahead: [String] = [], behind: [String] = []
        for (index, component) in outline.components.enumerated() {
            guard index < winner.components.count else { continue }
            let theirs = winner.components[index]
            let mine = index < bid.components.count ? bid.components[index] : .zero
            if theirs > mine { ahead.append("\(component.title.lowercasedFirst) (\(ReportFacts.rounded(theirs)) against your \(ReportFacts.rounded(mine)))") }
            if theirs < mine { behind.append("\(component.title.lowercasedFirst) (\(ReportFacts.rounded(theirs)) against your \(ReportFacts.rounded(mine)))") }
        }
        var text = "The successful tender, from \(winner.bidder), "
        if bid.status == .excluded {
            text += "met every condition and scored \(ReportFacts.rounded(winner.total)) in total."
            return text
        }
        text += ahead.isEmpty ? "did not score more than yours on any single criterion" : "scored more than yours on " + list(ahead)
        if !behind.isEmpty { text += ", and less than yours on " + list(behind) }
        text += "; its total was \(ReportFacts.rounded(winner.total)) against your \(ReportFacts.rounded(bid.total))."
        return text
    }

    static func list(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
