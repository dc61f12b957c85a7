import Areas
import Diagnostics
import Documents
import ExactNumbers

/// The cross-bid part of one bid's result: its scores, its total and its tie-break keys.
public struct CrossBidResult: Sendable, Hashable {
    public var scores: [ScoreResult]
    public var total: Exact?
    /// One value per numeric tie-break of the scheme, in order (nil for `bid.submitted` and
    /// `bid.id`, which the ranking reads from the bid itself).
    public var tieValues: [Exact?]
}

/// A tie-break as the scheme states it.
public struct TieBreakRule: Sendable, Hashable {
    public enum Key: Sendable, Hashable { case value, submitted, bidID }
    public var key: Key
    /// True when the larger value ranks first.
    public var descending: Bool
    /// `more community-benefit-points`, `lower bid.price`, `earlier Submitted`.
    public var text: String
}

extension Program {
    public var tieBreaks: [TieBreakRule] {
        program_ties.map { tie in
            switch tie.key {
            case .node: TieBreakRule(key: .value, descending: tie.descending, text: tie.text)
            case .submitted: TieBreakRule(key: .submitted, descending: tie.descending, text: tie.text)
            case .bidID: TieBreakRule(key: .bidID, descending: false, text: tie.text)
            }
        }
    }

    private var program_ties: [CompiledTie] { ties }

    /// Scores (relative, lowest-price, weighted) and the total for the bids of one tender that
    /// passed the gates, in the order given. `ids` name the bids for explanations ("best: B-2").
    func interpretScores(ids: [String], results: [BidResult]) throws(DiagnosticsError) -> [CrossBidResult] {
        guard !results.isEmpty else { return [] }
        // One interpreter visits every bid in turn, each bid's slots swapped in and out: a
        // tender may have 100,000 bids, and an interpreter apiece cost more than the scoring.
        var run = Interpreter(program: self, bid: nil, tender: nil, areas: nil, inputs: [])
        run.aggregateValues = Array(repeating: nil, count: aggregates.count)
        var slots: [[Value?]] = results.map { $0.slots.map(\.value) }
        let carried: [[Value]] = results.map { $0.carried.map { $0.value ?? .number(.zero) } }
        /// Puts bid `i` into the interpreter for `body`, then takes its slots back out.
        func visit<T>(_ i: Int, _ body: (inout Interpreter) throws(EvaluationFailure) -> T) throws(EvaluationFailure) -> T {
            swap(&run.slots, &slots[i])
            defer { swap(&run.slots, &slots[i]) }
            run.carried = carried[i]
            run.explaining = results[i].detail == .full
            return try body(&run)
        }
        var aggregateFigures: [Figure?] = Array(repeating: nil, count: aggregates.count)
        var scoreResults: [[ScoreResult]] = Array(repeating: [], count: results.count)
        do {
            for score in scores {
                for a in Program.aggregatesUsed(by: score) where aggregateFigures[a] == nil {
                    let agg = aggregates[a]
                    var best: (Exact, String)?
                    for (i, id) in ids.enumerated() {
                        let v = try visit(i) { (r: inout Interpreter) throws(EvaluationFailure) in
                            r.resetFigures()
                            return try r.eval(agg.node).number
                        }
                        if let b = best {
                            let better = agg.highest ? v > b.0 : v < b.0
                            if better || (v == b.0 && id.utf8.lexicographicallyPrecedes(b.1.utf8)) { best = (v, id) }
                        } else {
                            best = (v, id)
                        }
                    }
                    guard let best else { continue }
                    run.aggregateValues[a] = .number(best.0)
                    aggregateFigures[a] = Figure(name: "\(agg.highest ? "highest" : "lowest") \(agg.text)", text: Format.number(best.0),
                                                 value: best.0, unit: agg.node.type.unitText,
                                                 source: "bid \(best.1), of \(ids.count) bid\(ids.count == 1 ? "" : "s") that passed the gates")
                }
                for i in results.indices {
                    let result = try visit(i) { (r: inout Interpreter) throws(EvaluationFailure) in
                        r.resetFigures()
                        var steps: [CalculationStep] = []
                        let points = try r.calculate(score, steps: &steps) ?? .zero
                        var figures = r.figures
                        if r.explaining {
                            for a in Program.aggregatesUsed(by: score) {
                                if let f = aggregateFigures[a], !figures.contains(f) { figures.append(f) }
                            }
                        }
                        var result = r.finish(score, uncapped: points, steps: steps, items: [], figures: figures, counted: nil)
                        if r.explaining {
                            result.explanation = Program.explainScore(steps: steps, points: points, cap: result.cap)
                        }
                        r.slots[score.slot] = .number(result.points)
                        return result
                    }
                    scoreResults[i].append(result)
                }
            }
            var out: [CrossBidResult] = []
            out.reserveCapacity(results.count)
            for i in results.indices {
                let crossResult = try visit(i) { (r: inout Interpreter) throws(EvaluationFailure) in
                    var total: Exact?
                    var scoresOut = scoreResults[i]
                    if let t = self.total {
                        var sum = Exact.zero
                        var steps: [CalculationStep] = []
                        var parts: [String] = []
                        let explaining = r.explaining
                        for row in t.rows {
                            let points = r.slots[row.slot]?.numberOrNil ?? .zero
                            var contribution = points
                            if let w = row.weight, let m = row.maximum {
                                contribution = try r.arithmetic("÷", try r.arithmetic("×", w, points, at: t.span), m, at: t.span)
                            }
                            sum = try r.add(sum, contribution, at: t.span)
                            guard explaining else { continue }
                            var description = "+ \(row.name) \(Format.number(points))"
                            if let w = row.weight, let m = row.maximum {
                                description = "+ \(Format.number(w)) × \(row.name) \(Format.number(points)) ÷ \(Format.number(m)) = \(Format.number(contribution))"
                            }
                            steps.append(CalculationStep(kind: row.weight == nil ? .sum : .weight, description: description, result: sum))
                            parts.append(Format.number(contribution))
                        }
                        total = sum
                        r.slots[t.slot] = .number(sum)
                        scoresOut.append(ScoreResult(id: "total", title: t.title, points: sum, maximum: t.outOf,
                                                     explanation: explaining ? parts.joined(separator: " + ") + " = \(Format.number(sum))" : "",
                                                     steps: steps, span: t.span))
                    }
                    var tieValues: [Exact?] = []
                    for tie in ties {
                        if case .node(let n) = tie.key {
                            tieValues.append(try r.eval(n).numberOrNil)
                        } else {
                            tieValues.append(nil)
                        }
                    }
                    return CrossBidResult(scores: scoresOut, total: total, tieValues: tieValues)
                }
                out.append(crossResult)
            }
            return out
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    static func explainScore(steps: [CalculationStep], points: Exact, cap: CapApplied?) -> String {
        let base = steps.first { $0.kind == .base }?.description ?? "\(Format.number(points))"
        return cap.map { "\(base), capped to \(Format.number($0.cap))" } ?? base
    }

    static func aggregatesUsed(by line: CompiledLine) -> [Int] {
        var found: [Int] = []
        func walk(_ n: Node) {
            switch n.op {
            case .aggregate(let i): if !found.contains(i) { found.append(i) }
            case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
                 .includes(let a, let b, _):
                walk(a)
                walk(b)
            case .negate(let a), .not(let a), .decile(let a), .deprived(let a): walk(a)
            case .oneOf(let a, let bs, _):
                walk(a)
                bs.forEach(walk)
            case .sum(_, let a, let f):
                walk(a)
                f.map(walk)
            case .count(_, let f): f.map(walk)
            default: break
            }
        }
        for p in line.points {
            walk(p.value)
            p.condition.map(walk)
        }
        for a in line.adjustments {
            walk(a.value)
            a.condition.map(walk)
        }
        line.skips.forEach { walk($0.condition) }
        return found
    }
}

extension Program {
    /// The interpreter (to be deleted): the per-bid part of the scheme for one bid.
    func interpret(bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact] = [:],
                         detail: ExplanationDetail = .full) -> Result<BidResult, DiagnosticsError>
    {
        var slotInputs: [Exact?] = Array(repeating: nil, count: slotCount)
        for input in self.inputs { slotInputs[input.slot] = inputs[input.name] }
        var interpreter = Interpreter(program: self, bid: bid, tender: tender, areas: areas, inputs: slotInputs)
        interpreter.explaining = detail != .summary
        interpreter.explainingLines = detail != .gates
        do {
            return .success(try interpreter.run())
        } catch {
            return .failure(DiagnosticsError([error.diagnostic]))
        }
    }
}
