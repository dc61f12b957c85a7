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

    static func build(_ ranking: Ranking, _ bid: BidOutcome) -> SimpleDocument {
        let tender = ranking.tender
        var doc = SimpleDocument(title: "Assessment summary: bid \(bid.bidID), tender \(tender.id)")
        doc.add(.heading(1, [.text("Assessment summary: bid \(bid.bidID)")]))
        var scheme = "\(ranking.scheme.name)"
        if let version = ranking.scheme.version { scheme += ", version \(version)" }
        doc.add(.list([
            [.strong("Tender:"), .text(" \(tender.id) — \(tender.title) (\(tender.authority))")],
            [.strong("Bidder:"), .text(" " + bid.bidder)],
            [.strong("Bid:"), .text(" \(bid.bidID), price \(ReportFacts.money(bid.price)), submitted \(bid.submitted.lexical), "),
             .code(bid.location.file)],
            [.strong("Scheme:"), .text(" " + scheme + ", file "), .code(ranking.scheme.file), .text(", SHA-256 "),
             .code(ranking.scheme.sha256)],
        ]))

        let winner = ReportFacts.winner(ranking)
        doc.add(.heading(2, [.text("Result")]))
        doc.add(.paragraph(result(ranking, bid, winner)))
        for note in ReportFacts.tieNotes(bid, in: ranking) {
            doc.add(.paragraph([.strong("Tie-break:"), .text(" " + note)]))
        }

        doc.add(.heading(2, [.text("Gates")]))
        doc.add(.paragraph([.text("A bid must pass every gate to be ranked.")]))
        doc.add(.table(
            [[.text("Gate")], [.text("Result")], [.text("Reason")]],
            bid.explanation.gates.map { gate in
                [[.text(gate.title + " "), .code(gate.id)], [.strong(gate.passed ? "Passed" : "Failed")],
                 [.text(gate.explanation)]]
            },
            []))

        if ReportFacts.scores(bid).isEmpty {
            doc.add(.heading(2, [.text("Score per criterion")]))
            doc.add(.paragraph([.text("Not scored: a bid that fails a gate is given no score.")]))
            return doc
        }

        doc.add(.heading(2, [.text("Score per criterion")]))
        let winnerLabel = winner.map { $0.bidID == bid.bidID ? "Winning bid (this bid)" : "Winning bid \($0.bidID)" } ?? "Winning bid"
        var rows: [[Line]] = ReportFacts.scores(bid).map { line in
            let theirs = winner?.explanation.score(line.id)?.points
            return [[.text(line.title + " "), .code(line.id)],
                    [.text(ReportFacts.rounded(line.points))],
                    [.text(ReportFacts.rounded(theirs))],
                    [.text(line.maximum.map(ReportFacts.exact) ?? "")]]
        }
        // The scheme may already give its total as a line; otherwise the bid's total closes the table.
        if bid.explanation.score("total") == nil {
            rows.append([[.strong("Total")], [.strong(ReportFacts.rounded(bid.total))],
                         [.strong(ReportFacts.rounded(winner?.total))], [.text("")]])
        }
        doc.add(.table([[.text("Criterion")], [.text("Your bid")], [.text(winnerLabel)], [.text("Maximum")]], rows,
                       [1, 2, 3]))
        doc.add(.paragraph([.text("Scores are shown to 2 decimal places, rounded half away from zero; the ranking compares exact values, given below.")]))

        doc.add(.heading(2, [.text("Reasons, criterion by criterion")]))
        doc.add(.paragraph([.text("Each commitment is named by its reference in your tender. Locations are file:line:column.")]))
        for line in ReportFacts.scores(bid) {
            doc.add(.heading(3, [.text("\(line.title): \(ReportFacts.exactWithDisplay(line.points)) points")]))
            doc.add(.paragraph([.text(line.explanation)]))
            var facts: [Line] = line.figures.map { [.text(ReportFacts.figure($0))] }
            for item in line.items { facts.append(itemLine(item)) }
            for step in line.steps {
                facts.append([.text("Step (\(step.kind.rawValue)): \(step.description) → \(ReportFacts.exactWithDisplay(step.result))")])
            }
            if let cap = line.cap { facts.append([.strong("Cap:"), .text(" " + ReportFacts.cap(cap))]) }
            if !facts.isEmpty { doc.add(.list(facts)) }
        }
        return doc
    }

    static func result(_ ranking: Ranking, _ bid: BidOutcome, _ winner: BidOutcome?) -> Line {
        switch bid.status {
        case .excluded:
            let failed = ReportFacts.failedGates(bid)
            let reasons = failed.map { "\($0.title) (\($0.explanation))" }.joined(separator: "; ")
            var line: Line = [.text("Your bid was "), .strong("excluded"),
                              .text(": it did not pass \(failed.count == 1 ? "the gate" : "the gates") \(reasons). It was not ranked or scored.")]
            if let winner {
                line.append(.text(" The winning bid, \(winner.bidID) (\(winner.bidder)), scored a total of \(ReportFacts.rounded(winner.total))."))
            }
            return line
        case .ranked:
            var line: Line = [.text("Your bid ranked "), .strong(ReportFacts.rankText(bid, of: ranking)),
                              .text(" with a total of "), .strong(ReportFacts.rounded(bid.total)),
                              .text(" (\(bid.total.map(exactly) ?? "no total"))")]
            if let winner, winner.bidID != bid.bidID {
                line.append(.text(". The winning bid, \(winner.bidID) (\(winner.bidder)), scored \(ReportFacts.rounded(winner.total))."))
            } else {
                line.append(.text(" and is the winning bid."))
            }
            return line
        }
    }

    /// `exactly 84`, `exactly 650/9 = 72.22222222222222222222`.
    static func exactly(_ value: Exact) -> String {
        value.isTerminatingDecimal ? "exactly \(value.decimalString())"
            : "exactly \(value.numerator)/\(value.denominator) = \(value.decimalString())"
    }

    static func itemLine(_ item: ItemResult) -> Line {
        var line: Line = [.strong(item.ref), .text(" (\(item.kind)")]
        if let location = item.location { line.append(.text(", ")); line.append(.code(location.description)) }
        line.append(.text(")"))
        if item.counted {
            line.append(.text(": counted, \(ReportFacts.exactWithDisplay(item.points)) points."))
        } else {
            line.append(.text(": not counted — \(item.skipReason ?? "no reason given")."))
        }
        if !item.figures.isEmpty {
            line.append(.text(" Figures: " + item.figures.map(ReportFacts.figure).joined(separator: "; ") + "."))
        }
        if !item.steps.isEmpty {
            line.append(.text(" Calculation: " + item.steps.map { "\($0.description) → \(ReportFacts.exactWithDisplay($0.result))" }
                .joined(separator: "; ") + "."))
        }
        return line
    }
}
