import Diagnostics
import Dispatch
import ExactNumbers

extension Program {
    /// Scores (relative, lowest-price, weighted) and the total for the bids of one tender that
    /// passed the gates, in the order given. `ids` name the bids for explanations ("bid B-2,
    /// of 12 bids that passed the gates"). A bid evaluated in `.full` detail gets its scores
    /// explained; the others get the numbers.
    public func evaluateScores(ids: [String], results: [BidResult]) throws(DiagnosticsError) -> [CrossBidResult] {
        do {
            return try lowered.scores(self, ids: ids, results: results)
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }
}

extension Executable {
    func scores(_ program: Program, ids: [String], results: [BidResult]) throws(EvaluationFailure) -> [CrossBidResult] {
        let count = results.count
        guard count > 0 else { return [] }
        var slots: [[Value?]] = results.map { $0.slots.map(\.value) }
        let carried: [[Value]] = results.map { $0.carried.map { $0.value ?? .number(.zero) } }
        let explained: [Bool] = results.map { $0.detail == .full }
        var aggregateValues: [Value?] = Array(repeating: nil, count: program.aggregates.count)
        var aggregateFigures: [Figure?] = Array(repeating: nil, count: program.aggregates.count)
        var scoreResults: [[ScoreResult]] = Array(repeating: [], count: count)
        var totals: [Exact?] = Array(repeating: nil, count: count)
        var tieValues: [[Exact?]] = Array(repeating: [], count: count)
        let tableCount = tables.count

        /// Runs `body` for every bid, its slots and carried fields in the frame, the bids split
        /// into chunks run on all cores; each bid is touched by one chunk only. A failure is
        /// the one of the first bid that fails, as if the bids had been visited in order.
        func forEachBid(_ body: (Int, inout Frame) throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
            let chunks = Swift.min(8, Swift.max(1, count / 2048))
            var failures: [(Int, EvaluationFailure)?] = Array(repeating: nil, count: chunks)
            let values = aggregateValues
            slots.withUnsafeMutableBufferPointer { slotsBuffer in
                failures.withUnsafeMutableBufferPointer { failuresBuffer in
                    let (slots, failures) = (slotsBuffer, failuresBuffer)
                    concurrently(chunks) { chunk in
                        var frame = Frame(aggregateValues: values, tables: tableCount)
                        for i in stride(from: chunk * count / chunks, to: (chunk + 1) * count / chunks, by: 1) {
                            swap(&frame.slots, &slots[i])
                            frame.carried = carried[i]
                            do throws(EvaluationFailure) {
                                try body(i, &frame)
                            } catch {
                                failures[chunk] = (i, error)
                            }
                            swap(&frame.slots, &slots[i])
                            if failures[chunk] != nil { return }
                        }
                    }
                }
            }
            if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
        }

        for (index, score) in program.scores.enumerated() {
            for a in Program.aggregatesUsed(by: program.scores[index]) where aggregateFigures[a] == nil {
                let code = silent.aggregates[a]
                let aggregate = program.aggregates[a]
                var best: (value: Exact, bid: Int)?
                var frame = Frame(aggregateValues: aggregateValues, tables: tableCount)
                for i in 0..<count {
                    swap(&frame.slots, &slots[i])
                    defer { swap(&frame.slots, &slots[i]) }
                    frame.carried = carried[i]
                    let v = try code(&frame)
                    if let b = best {
                        let better = aggregate.highest ? v > b.value : v < b.value
                        if better || (v == b.value && ids[i].utf8.lexicographicallyPrecedes(ids[b.bid].utf8)) { best = (v, i) }
                    } else {
                        best = (v, i)
                    }
                }
                guard let best else { continue }
                aggregateValues[a] = .number(best.value)
                aggregateFigures[a] = Figure(name: aggregate.name, text: Format.number(best.value), value: best.value,
                                             unit: aggregate.node.type.unitText, source: Wording.aggregateSource(bid: ids[best.bid], of: count))
            }
            let used = Program.aggregatesUsed(by: score).compactMap { aggregateFigures[$0] }
            let quiet = silent.scores[index], told = recording.scores[index]
            try scoreResults.withUnsafeMutableBufferPointer { out throws(EvaluationFailure) in
                try forEachBid { (i, s) throws(EvaluationFailure) in
                    let result: ScoreResult
                    if explained[i] {
                        s.resetFigures()
                        var steps: [CalculationStep] = []
                        let points = try told.calculate(&s, steps: &steps) ?? .zero
                        var figures = s.figures
                        for f in used where !figures.contains(f) { figures.append(f) }
                        var r = told.finish(uncapped: points, steps: steps, items: [], figures: figures, counted: nil)
                        r.explanation = Program.explainScore(steps: steps, points: points)
                        result = r
                    } else {
                        var steps: [CalculationStep] = []
                        result = quiet.finish(uncapped: try quiet.calculate(&s, steps: &steps) ?? .zero)
                    }
                    s.slots[score.slot] = .number(result.points)
                    out[i].append(result)
                }
            }
        }
        let total = program.total
        let ties = silent.ties
        try scoreResults.withUnsafeMutableBufferPointer { out throws(EvaluationFailure) in
            try totals.withUnsafeMutableBufferPointer { totals throws(EvaluationFailure) in
                try tieValues.withUnsafeMutableBufferPointer { tieValues throws(EvaluationFailure) in
                    try forEachBid { (i, s) throws(EvaluationFailure) in
                        if let t = total {
                            let result = try Executable.total(t, &s, explained: explained[i])
                            totals[i] = result.points
                            s.slots[t.slot] = .number(result.points)
                            out[i].append(result)
                        }
                        var values: [Exact?] = []
                        values.reserveCapacity(ties.count)
                        for code in ties {
                            values.append(try code.map { c throws(EvaluationFailure) in try c(&s).numberOrNil } ?? nil)
                        }
                        tieValues[i] = values
                    }
                }
            }
        }
        var out: [CrossBidResult] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            out.append(CrossBidResult(scores: scoreResults[i], total: totals[i], tieValues: tieValues[i]))
        }
        return out
    }

    /// The scheme's total for one bid: each row's points, weighted where the scheme says.
    static func total(_ t: CompiledTotal, _ s: inout Frame, explained: Bool) throws(EvaluationFailure) -> ScoreResult {
        var sum = Exact.zero
        var steps: [CalculationStep] = []
        var parts: [String] = []
        for row in t.rows {
            let points = s.slots[row.slot]?.numberOrNil ?? .zero
            var contribution = points
            if let w = row.weight, let m = row.maximum {
                contribution = try s.arithmetic("÷", try s.arithmetic("×", w, points, at: t.span), m, at: t.span)
            }
            sum = try s.arithmetic("+", sum, contribution, at: t.span)
            guard explained else { continue }
            let description = Wording.totalRow(name: row.name, points: points, weight: row.weight, maximum: row.maximum,
                                               contribution: contribution)
            steps.append(CalculationStep(kind: row.weight == nil ? .sum : .weight, description: description, result: sum))
            parts.append(Format.number(contribution))
        }
        return ScoreResult(id: "total", title: t.title, points: sum, maximum: t.outOf,
                           explanation: explained ? Wording.totalSentence(parts, sum: sum) : "",
                           steps: steps, span: t.span)
    }
}

/// Runs `body` for chunks 0..<n on all cores and returns when all are done. The caller sees
/// to it that no two chunks write the same memory.
func concurrently(_ n: Int, _ body: (Int) -> Void) {
    guard n > 1 else {
        if n == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: n) { shared.value($0) }
    }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
