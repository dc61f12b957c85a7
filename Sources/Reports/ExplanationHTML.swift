import Documents
import RulesLanguage
import Scoring

/// One bid's explanation as HTML fragments: gates with the figures compared, then each score
/// line with its figures, items (counted or skipped and why), calculation steps and cap.
/// Values are exact; a non-terminating one also shows its fraction and 2-place form.
enum ExplanationHTML {
    static func h(_ text: some StringProtocol) -> String { HTML.escape(text) }

    static func gates(_ gates: [GateResult]) -> String {
        guard !gates.isEmpty else { return "<p class=\"note\">The scheme has no gates.</p>" }
        var out = "<table class=\"gates\"><thead><tr><th>Gate</th><th>Result</th><th>Figures compared</th></tr></thead><tbody>"
        for gate in gates {
            out += "<tr><td><code>\(h(gate.id))</code><br>\(h(gate.title))</td>"
            out += gate.passed ? "<td class=\"pass\">Passed</td>" : "<td class=\"fail\">Failed</td>"
            out += "<td>\(h(gate.explanation))\(figures(gate.figures))<span class=\"src\">rule at \(h(gate.span.description))</span></td></tr>"
        }
        return out + "</tbody></table>"
    }

    static func figures(_ figures: [Figure]) -> String {
        guard !figures.isEmpty else { return "" }
        return "<ul class=\"figures\">" + figures.map { figure in
            var text = "<li>\(h(figure.name)) = <strong>\(h(ReportFacts.figureValue(figure)))</strong>"
            if !figure.source.isEmpty { text += " <span class=\"src\">(\(h(figure.source)))</span>" }
            return text + "</li>"
        }.joined() + "</ul>"
    }

    static func steps(_ steps: [CalculationStep]) -> String {
        guard !steps.isEmpty else { return "" }
        return "<ol class=\"steps\">" + steps.map { step in
            "<li><span class=\"kind\">\(h(step.kind.rawValue))</span> \(h(step.description)) → <strong>\(h(ReportFacts.exactWithDisplay(step.result)))</strong></li>"
        }.joined() + "</ol>"
    }

    /// `bid`: the id of the bid the line belongs to, so each line's anchor is unique in a
    /// report that holds many bids (`line-B-014-03/jobs`: a line id has no `/`).
    static func line(_ line: ScoreResult, bid: String) -> String {
        var out = "<div class=\"line\" id=\"line-\(h(bid))/\(h(line.id))\">"
        var maximum = ""
        if let max = line.maximum { maximum = " <span class=\"note\">of \(h(ReportFacts.exact(max)))</span>" }
        out += "<h4>\(h(line.title)) <code>\(h(line.id))</code><span class=\"points\">\(h(ReportFacts.exactWithDisplay(line.points))) points\(maximum)</span></h4>"
        out += "<p>\(h(line.explanation))</p>"
        out += figures(line.figures)
        for item in line.items { out += self.item(item) }
        out += steps(ReportFacts.stepsWithoutCap(line))
        if let cap = line.cap { out += "<p class=\"cap\"><strong>Cap:</strong> \(h(ReportFacts.cap(cap)))</p>" }
        out += "<p class=\"src\">rule at \(h(line.span.description))</p>"
        return out + "</div>"
    }

    static func item(_ item: ItemResult) -> String {
        var out = "<div class=\"item\(item.counted ? "" : " skipped")\">"
        var where_ = ""
        if let location = item.location { where_ = " <span class=\"src\">\(h(location.description))</span>" }
        if item.counted {
            out += "<p><strong>\(h(item.ref))</strong> \(h(item.kind)) — counted, <strong>\(h(ReportFacts.exactWithDisplay(item.points))) points</strong>\(where_)</p>"
        } else {
            out += "<p><strong>\(h(item.ref))</strong> \(h(item.kind)) — <strong>not counted</strong>: \(h(ReportFacts.skipReason(item))); \(h(ReportFacts.exact(item.points))) points\(where_)</p>"
        }
        out += figures(item.figures)
        out += steps(item.steps)
        return out + "</div>"
    }

    /// Gates, every score line and the total of one bid.
    static func full(_ bid: BidOutcome, ties: [String]) -> String {
        var out = "<h4>Gates</h4>" + gates(bid.explanation.gates)
        if ReportFacts.scores(bid).isEmpty {
            out += bid.status == .excluded ? "<p class=\"note\">Not scored: the bid failed a gate.</p>" : ""
        } else {
            out += "<h4>Score lines</h4>"
            for line in ReportFacts.scores(bid) { out += self.line(line, bid: bid.bidID) }
        }
        if bid.status == .ranked, let total = bid.total {
            out += "<p><strong>Total: \(h(ReportFacts.exactWithDisplay(total)))</strong></p>"
        }
        for note in ties { out += "<p><strong>Tie-break:</strong> \(h(note))</p>" }
        return out
    }
}
