import Diagnostics
import Dispatch
import ExactNumbers
import Synchronization

/// What the cross-bid step of a tender fixes for every bid: the aggregates its scores read
/// (`highest X`, `lowest X`) with their figures. A ranking keeps it, so that one bid's scores
/// can be explained again when a report writes them (`Program.explainScores`).
public struct CrossBidContext: Sendable, Hashable {
    var values: [Value?]
    var figures: [Figure?]
}

extension Program {
    /// Scores (relative, lowest-price, weighted) and the total for the bids of one tender that
    /// passed the gates, in the order given. `ids` name the bids for explanations ("bid B-2,
    /// of 12 bids that passed the gates"). A bid evaluated in `.full` detail gets its scores
    /// explained; the others get the numbers.
    public func evaluateScores(ids: [String], results: [BidResult]) throws(DiagnosticsError) -> [CrossBidResult] {
        var scored = results
        let before = results.map { $0.recorded?.scores.count ?? 0 }
        _ = try scoreAcrossBids(ids: ids, results: &scored)
        return scored.indices.map { i in
            let r = scored[i]
            let scores = r.recorded.map { Array($0.scores[before[i]...]) } ?? lowered.crossBidSummary(of: r)
            let points: Exact? = self.total.flatMap { r.number(atSlot: $0.slot) }
            return CrossBidResult(scores: scores, total: points, tieValues: r.tieValues)
        }
    }

    /// The cross-bid step, in place: each result gets its scores and its total (explained for
    /// a result recorded in `.full` detail, numbers for the others, which come out settled),
    /// and the values the tie-breaks compare (`BidResult.tieValue(_:)`). Returns what the step
    /// fixed for the tender, with which any one bid's scores can be explained again
    /// (`explainScores`).
    @discardableResult
    public func scoreAcrossBids(ids: [String], results: inout [BidResult]) throws(DiagnosticsError) -> CrossBidContext {
        do {
            return try lowered.scoreAcrossBids(self, ids: ids, results: &results)
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    /// One bid's scores and total explained, appended to its recorded explanation, as
    /// `scoreAcrossBids` would have explained them among the tender's bids: `result` is the
    /// bid's `.full` evaluation, `context` what the cross-bid step of its tender fixed.
    public func explainScores(_ result: inout BidResult, in context: CrossBidContext) throws(DiagnosticsError) {
        precondition(result.detail == .full && result.recorded != nil, "only a recorded evaluation is explained")
        do {
            try lowered.explainScores(self, &result, in: context)
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }
}

extension Frame {
    /// Loads a bid's slots and carried fields for a cross-bid step, reusing the frame's
    /// storage (one frame serves many bids).
    mutating func load(_ result: BidResult) {
        withUnsafePointer(to: result) { load(from: $0, slotCount: result.executable.slotCount, carriedCount: result.executable.carriedCount) }
    }

    /// As `load(_:)`, reading the result where it stands, its executable's counts given: on all
    /// cores, a copy of the result or a touch of the executable they share is an atomic
    /// count on one cache line.
    mutating func load(from result: UnsafePointer<BidResult>, slotCount: Int, carriedCount: Int) {
        slots.removeAll(keepingCapacity: true)
        carried.removeAll(keepingCapacity: true)
        let carriedEnd = slotCount + carriedCount
        var i = 0
        result.pointee.values.forEach { v in
            if i < slotCount { slots.append(v) } else if i < carriedEnd { carried.append(v ?? .number(.zero)) }
            i += 1
        }
    }
}

extension Executable {
    func scoreAcrossBids(_ program: Program, ids: [String], results: inout [BidResult]) throws(EvaluationFailure) -> CrossBidContext {
        let count = results.count
        var aggregateValues: [Value?] = Array(repeating: nil, count: program.aggregates.count)
        var aggregateFigures: [Figure?] = Array(repeating: nil, count: program.aggregates.count)
        guard count > 0 else { return CrossBidContext(values: aggregateValues, figures: aggregateFigures) }
        let tableCount = tables.count
        // Read into locals: the closures below run on all cores, and a property of this shared
        // object read there is a retain of it each time.
        let slotCount = self.slotCount, carriedCount = self.carriedCount
        // Where the bid's own aggregates' operands stand among its values (`BidResult.values`).
        let operandStart = slotCount + carriedCount

        /// Runs `body` for every bid, its slots and carried fields in the frame, the bids split
        /// into chunks run on all cores; each bid is touched by one chunk only. A failure is
        /// the one of the first bid that fails, as if the bids had been visited in order.
        func forEachBid(_ body: (Int, inout Frame, inout BidResult) throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
            let chunks = Swift.min(8, Swift.max(1, count / 2048))
            var failures: [(Int, EvaluationFailure)?] = Array(repeating: nil, count: chunks)
            let values = aggregateValues
            results.withUnsafeMutableBufferPointer { resultsBuffer in
                failures.withUnsafeMutableBufferPointer { failuresBuffer in
                    let (results, failures) = (resultsBuffer, failuresBuffer)
                    concurrently(chunks) { chunk in
                        var frame = Frame(aggregateValues: values, tables: tableCount)
                        for i in stride(from: chunk * count / chunks, to: (chunk + 1) * count / chunks, by: 1) {
                            frame.load(from: results.baseAddress! + i, slotCount: slotCount, carriedCount: carriedCount)
                            do throws(EvaluationFailure) {
                                try body(i, &frame, &results[i])
                            } catch {
                                failures[chunk] = (i, error)
                                return
                            }
                        }
                    }
                }
            }
            if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
        }

        let total = program.total
        let ties = silent.ties
        let totalFailures = Mutex<[(Int, EvaluationFailure)]>([])
        let lastScoreSlot = program.scores.last?.slot
        /// The total and the tie values of one bid, its scores in the frame.
        func finish(_ i: Int, _ s: inout Frame, _ r: inout BidResult) {
            do throws(EvaluationFailure) {
                if let t = total {
                    let explained = r.detail == .full && r.recorded != nil
                    let result = try Executable.total(t, &s, explained: explained)
                    s.slots[t.slot] = .number(result.points)
                    if explained { r.recorded!.scores.append(result) }
                }
                // Kept with the bid's values rather than in a list per bid: one allocation
                // fewer for each of 100,000 bids.
                var values: [Exact?] = []
                values.reserveCapacity(ties.count)
                for code in ties {
                    values.append(try code.map { c throws(EvaluationFailure) in try c(&s).numberOrNil } ?? nil)
                }
                if r.recorded == nil {
                    // A silent result is settled here, from the frame: its kept points and tie
                    // values packed at once rather than set one by one and then picked.
                    r.settle(slots: s.slots, ties: values)
                } else {
                    for slot in [lastScoreSlot, total?.slot].compactMap({ $0 }) {
                        if let points = s.slots[slot]?.numberOrNil { r.setNumber(points, atSlot: slot) }
                    }
                    r.setTieValues(values)
                }
                r.scoredAcrossBids = true
            } catch {
                totalFailures.withLock { $0.append((i, error)) }
            }
        }

        for (index, score) in program.scores.enumerated() {
            for a in Program.aggregatesUsed(by: program.scores[index]) where aggregateFigures[a] == nil {
                let code = silent.aggregates[a]
                let operand = bidAggregates.firstIndex(of: a)
                let aggregate = program.aggregates[a]
                /// The better of two candidates: the higher (lower) value, then the first id.
                func better(_ x: (value: Exact, bid: Int), than y: (value: Exact, bid: Int)?) -> Bool {
                    guard let y else { return true }
                    if x.value != y.value { return aggregate.highest ? x.value > y.value : x.value < y.value }
                    return ids[x.bid].utf8.lexicographicallyPrecedes(ids[y.bid].utf8)
                }
                // Each chunk of bids finds its best on its own core; the chunks' bests are then
                // compared, which gives the one bid a single pass would find.
                let chunks = Swift.min(8, Swift.max(1, count / 2048))
                var bests: [(value: Exact, bid: Int)?] = Array(repeating: nil, count: chunks)
                var failures: [(Int, EvaluationFailure)?] = Array(repeating: nil, count: chunks)
                let values = aggregateValues
                results.withUnsafeBufferPointer { results in
                    bests.withUnsafeMutableBufferPointer { bests in
                        failures.withUnsafeMutableBufferPointer { failures in
                            concurrently(chunks) { chunk in
                                var frame = Frame(aggregateValues: values, tables: tableCount)
                                for i in stride(from: chunk * count / chunks, to: (chunk + 1) * count / chunks, by: 1) {
                                    do throws(EvaluationFailure) {
                                        let v: Exact
                                        if let operand, let known = results[i].values.value(at: operandStart + operand)?.numberOrNil {
                                            v = known
                                        } else {
                                            frame.load(from: results.baseAddress! + i, slotCount: slotCount, carriedCount: carriedCount)
                                            v = try code(&frame)
                                        }
                                        if better((v, i), than: bests[chunk]) { bests[chunk] = (v, i) }
                                    } catch {
                                        failures[chunk] = (i, error)
                                        return
                                    }
                                }
                            }
                        }
                    }
                }
                if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
                var found: (value: Exact, bid: Int)?
                for case let candidate? in bests where better(candidate, than: found) { found = candidate }
                guard let best = found else { continue }
                aggregateValues[a] = .number(best.value)
                aggregateFigures[a] = Figure(name: aggregate.name, text: Format.number(best.value), value: best.value,
                                             unit: aggregate.node.type.unitText, source: Wording.aggregateSource(bid: ids[best.bid], of: count))
            }
            let used = Program.aggregatesUsed(by: score).compactMap { aggregateFigures[$0] }
            let quiet = silent.scores[index], told = recording.scores[index]
            // The last score's pass also makes the total and the tie values: one pass over
            // the bids fewer (each loads a bid's values).
            let last = index == program.scores.count - 1
            try forEachBid { (i, s, r) throws(EvaluationFailure) in
                let points: Exact
                if r.detail == .full, r.recorded != nil {
                    let result = try Executable.explained(told, &s, used: used)
                    r.recorded!.scores.append(result)
                    points = result.points
                } else {
                    var steps: [CalculationStep] = []
                    let uncapped = try quiet.calculate(&s, steps: &steps) ?? .zero
                    points = quiet.capped(uncapped)
                    if points != uncapped { r.cuts.append(slot: score.slot, uncapped: uncapped) }
                }
                guard last else { return r.setNumber(points, atSlot: score.slot) }
                s.slots[score.slot] = .number(points)
                finish(i, &s, &r)
            }
        }
        if program.scores.isEmpty {
            try forEachBid { (i, s, r) throws(EvaluationFailure) in finish(i, &s, &r) }
        }
        // A failure of the scores comes first (thrown above, the first bid's); then the
        // total's, the first bid's: as if the scores and then the total had been made in
        // passes of their own.
        if let first = totalFailures.withLock({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
        return CrossBidContext(values: aggregateValues, figures: aggregateFigures)
    }

    func explainScores(_ program: Program, _ result: inout BidResult, in context: CrossBidContext) throws(EvaluationFailure) {
        var s = Frame(aggregateValues: context.values, tables: tables.count)
        s.load(result)
        for (index, score) in program.scores.enumerated() {
            let used = Program.aggregatesUsed(by: score).compactMap { context.figures[$0] }
            let explained = try Executable.explained(recording.scores[index], &s, used: used)
            s.slots[score.slot] = .number(explained.points)
            result.setNumber(explained.points, atSlot: score.slot)
            result.recorded!.scores.append(explained)
        }
        if let t = program.total {
            let explained = try Executable.total(t, &s, explained: true)
            result.setNumber(explained.points, atSlot: t.slot)
            result.recorded!.scores.append(explained)
        }
        result.scoredAcrossBids = true
    }

    /// One score of one bid, explained: its steps, the figures it read and the aggregates
    /// (`used`) it compares with.
    static func explained(_ told: LineCode<Recording>, _ s: inout Frame, used: [Figure]) throws(EvaluationFailure) -> ScoreResult {
        s.resetFigures()
        var steps: [CalculationStep] = []
        let points = try told.calculate(&s, steps: &steps) ?? .zero
        var figures = s.figures
        for f in used where !figures.contains(f) { figures.append(f) }
        var r = told.finish(uncapped: points, steps: steps, items: [], figures: figures, counted: nil)
        r.explanation = Program.explainScore(steps: steps, points: points)
        return r
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
        return totalResult(t, points: sum, steps: steps,
                           explanation: explained ? Wording.totalSentence(parts, sum: sum) : "")
    }

    static func totalResult(_ t: CompiledTotal, points: Exact, steps: [CalculationStep], explanation: String) -> ScoreResult {
        ScoreResult(id: "total", title: t.title, points: points, maximum: t.outOf, explanation: explanation, steps: steps, span: t.span)
    }
}
