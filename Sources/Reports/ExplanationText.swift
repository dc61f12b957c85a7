import Documents
import RulesLanguage
import Scoring

/// The explain view of one bid (`--explain BID`): the whole explanation tree, every figure
/// with its source, every calculation step with its running value, skips, caps and the cut
/// they made, the relative step and the total. Values are exact, so a reader with the scheme
/// and the bid can recompute each one.
enum ExplanationText {
    static func render(_ bid: BidOutcome, in ranking: Ranking) -> String {
        var out: [String] = []
        out.append("Bid \(bid.bidID) — \(bid.bidder)")
        out.append("  Tender:    \(ranking.tender.id) \(ranking.tender.title)")
        out.append("  Scheme:    \(ranking.scheme.name) (\(ranking.scheme.file), sha256 \(ranking.scheme.sha256))")
        out.append("  Price:     \(ReportFacts.money(bid.price))")
        out.append("  Submitted: \(bid.submitted.lexical) (London date \(bid.submitted.londonDate))")
        out.append("  Read from: \(bid.location)")
        switch bid.status {
        case .ranked:
            let total = bid.total.map(ReportFacts.exactWithDisplay) ?? "none"
            out.append("  Result:    ranked \(ReportFacts.rankText(bid, of: ranking)), total \(total)")
        case .excluded:
            let gates = ReportFacts.failedGates(bid).map(\.id).joined(separator: ", ")
            out.append("  Result:    excluded (failed \(gates.isEmpty ? "a gate" : gates)); no rank, no score")
        }
        for note in ReportFacts.tieNotes(bid, in: ranking) { out.append("  Tie-break: \(note)") }

        out.append("")
        out.append("Gates")
        if bid.explanation.gates.isEmpty { out.append("  (none)") }
        for gate in bid.explanation.gates {
            out.append("  [\(gate.passed ? "pass" : "FAIL")] \(gate.id) — \(gate.title)")
            out.append("         \(gate.explanation)")
            for figure in gate.figures { out.append("         · \(ReportFacts.figure(figure))") }
            out.append("         rule at \(gate.span)")
        }

        out.append("")
        out.append("Score lines")
        if ReportFacts.scores(bid).isEmpty {
            out.append(bid.status == .excluded ? "  (not scored: the bid failed a gate)" : "  (none)")
        }
        for line in ReportFacts.scores(bid) { appendLine(line, to: &out) }
        if bid.status == .ranked, let total = bid.total {
            out.append("")
            out.append("Total: \(ReportFacts.exactWithDisplay(total))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func appendLine(_ line: ScoreResult, to out: inout [String]) {
        var heading = "  \(line.id) — \(line.title): \(ReportFacts.exactWithDisplay(line.points)) points"
        if let maximum = line.maximum { heading += " (max \(ReportFacts.exact(maximum)))" }
        out.append(heading)
        out.append("      \(line.explanation)")
        for figure in line.figures { out.append("      · \(ReportFacts.figure(figure))") }
        for item in line.items { appendItem(item, to: &out) }
        appendSteps(ReportFacts.stepsWithoutCap(line), indent: "      ", to: &out)
        if let cap = line.cap { out.append("      cap: \(ReportFacts.cap(cap))") }
        out.append("      = \(ReportFacts.exactWithDisplay(line.points)) points   (rule at \(line.span))")
    }

    private static func appendItem(_ item: ItemResult, to out: inout [String]) {
        var heading = "      \(item.ref) (\(item.kind)"
        if let location = item.location { heading += ", \(location)" }
        heading += "): "
        if item.counted {
            heading += "counted, \(ReportFacts.exactWithDisplay(item.points)) points"
        } else {
            heading += "not counted — \(ReportFacts.skipReason(item)); \(ReportFacts.exact(item.points)) points"
        }
        out.append(heading)
        for figure in item.figures { out.append("          · \(ReportFacts.figure(figure))") }
        appendSteps(item.steps, indent: "          ", to: &out)
    }

    private static func appendSteps(_ steps: [CalculationStep], indent: String, to out: inout [String]) {
        for (index, step) in steps.enumerated() {
            out.append("\(indent)\(index + 1). \(step.kind.rawValue): \(step.description) → \(ReportFacts.exactWithDisplay(step.result))")
        }
    }
}
