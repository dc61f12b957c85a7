import Areas
import Diagnostics
import Dispatch
import Documents
import ExactNumbers

/// The per-bid part of a scheme compiled once into closures, for `.summary` detail: what a
/// ranking table or CSV needs (gates passed or not, each line's points, cap and maximum),
/// without walking the tree or building any explanation text.
///
/// It gives exactly what `Program.evaluate(…, detail: .summary)` gives. Wherever it cannot
/// be sure of that (an evaluation that fails, a value of an unexpected kind) it hands the bid
/// to the interpreter, which gives the answer and the diagnostic.
public final class SummaryEvaluator: Sendable {
    let program: Program
    private let steps: [CompiledStep]
    /// Gates and lines as the explanation shows them in `.summary` detail, built once.
    private let gateResults: [GateResult]
    /// The bid fields the compiled code reads (`CompiledState.fields`).
    private let fieldsRead: [BidField]
    /// Cross-bid steps: score blocks, the aggregates they read, and numeric tie-breaks.
    let scoreCodes: [CompiledLineCode]
    let aggregateCodes: [OldNumberCode]
    let tieCodes: [OldValueCode?]

    enum CompiledStep: Sendable {
        case value(slot: Int, OldValueCode)
        case gate(Int, OldBoolCode)
        case line(CompiledLineCode)
    }

    /// A class, so that walking the steps copies one reference, not every closure of a line.
    final class CompiledLineCode: Sendable {
        let each: CommitmentKind?
        let skips: [OldBoolCode]
        let points: [PointsRow]
        let adjustments: [AdjustmentCode]
        let slot: Int
        /// The line's result with its points still to fill in.
        let template: ScoreResult
        let cap: Exact?

        init(each: CommitmentKind?, skips: [OldBoolCode], points: [PointsRow], adjustments: [AdjustmentCode], slot: Int,
             template: ScoreResult, cap: Exact?) {
            self.each = each
            self.skips = skips
            self.points = points
            self.adjustments = adjustments
            self.slot = slot
            self.template = template
            self.cap = cap
        }
    }

    // Structs rather than tuples: a closure in a tuple in an array is called through a thunk
    // that allocates.
    struct PointsRow: Sendable {
        var value: OldNumberCode
        var condition: OldBoolCode?
    }

    struct AdjustmentCode: Sendable {
        var kind: Adjustment.Kind
        var value: OldNumberCode
        var condition: OldBoolCode?
    }

    public init(_ program: Program) {
        self.program = program
        let compiler = ExpressionCompiler(tables: program.tables)
        steps = program.steps.map { step in
            switch step {
            case .value(let i):
                let v = program.values[i]
                return .value(slot: v.slot, compiler.value(v.node))
            case .gate(let i):
                return .gate(i, compiler.bool(program.gates[i].pass))
            case .line(let i):
                return .line(SummaryEvaluator.compile(program.lines[i], compiler))
            }
        }
        scoreCodes = program.scores.map { SummaryEvaluator.compile($0, compiler) }
        aggregateCodes = program.aggregates.map { compiler.number($0.node) }
        tieCodes = program.ties.map { tie in
            if case .node(let n) = tie.key { compiler.value(n) } else { nil }
        }
        fieldsRead = compiler.fieldsRead
        gateResults = program.gates.map {
            GateResult(id: $0.id, title: $0.title, passed: false, explanation: "", figures: [], span: $0.span)
        }
    }

    static func compile(_ line: CompiledLine, _ compiler: ExpressionCompiler) -> CompiledLineCode {
        CompiledLineCode(
            each: line.each,
            skips: line.skips.map { compiler.bool($0.condition) },
            points: line.points.map { PointsRow(value: compiler.number($0.value), condition: $0.condition.map(compiler.bool)) },
            adjustments: line.adjustments.map {
                AdjustmentCode(kind: $0.kind, value: compiler.number($0.value), condition: $0.condition.map(compiler.bool))
            },
            slot: line.slot,
            template: ScoreResult(id: line.id, title: line.title, points: .zero, maximum: line.maximum ?? line.cap,
                                  explanation: "", span: line.span),
            cap: line.cap)
    }

    /// As `program.evaluate(bid:tender:areas:inputs:detail: .summary)`.
    public func evaluate(bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact] = [:])
        -> Result<BidResult, DiagnosticsError>
    {
        if let result = try? run(bid: bid, tender: tender, areas: areas, inputs: inputs) {
            return .success(result)
        }
        return program.interpret(bid: bid, tender: tender, areas: areas, inputs: inputs, detail: .summary)
    }

    func run(bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact]) throws(Bail) -> BidResult {
        var s = CompiledState(program: program, fieldsRead: fieldsRead, bid: bid, tender: tender, areas: areas)
        for input in program.inputs {
            guard let v = inputs[input.name] else { throw Bail() }
            s.slots[input.slot] = .number(v)
        }
        var explanation = Explanation()
        explanation.gates.reserveCapacity(gateResults.count)
        // Room for the cross-bid scores and the total, which ranking appends.
        explanation.scores.reserveCapacity(program.lines.count + program.scores.count + 1)
        var passedAll = true
        for step in steps {
            switch step {
            case .value(let slot, let code):
                s.slots[slot] = try code(&s)
            case .gate(let i, let pass):
                var gate = gateResults[i]
                gate.passed = try pass(&s)
                passedAll = passedAll && gate.passed
                explanation.gates.append(gate)
            case .line(let line):
                let result = try evaluate(line, &s)
                s.slots[line.slot] = .number(result.points)
                explanation.scores.append(result)
            }
        }
        var carried: [SlotValue] = []
        carried.reserveCapacity(program.carried.count)
        for f in program.carried {
            carried.append(f.read(bid, tender).map(SlotValue.init) ?? .none)
        }
        var slots: [SlotValue] = []
        slots.reserveCapacity(s.slots.count)
        for v in s.slots { slots.append(v.map(SlotValue.init) ?? .none) }
        return BidResult(explanation: explanation, passedGates: passedAll, detail: .summary, slots: slots, carried: carried)
    }

    private func evaluate(_ line: CompiledLineCode, _ s: inout CompiledState) throws(Bail) -> ScoreResult {
        guard let kind = line.each else {
            return finish(line, uncapped: try calculate(line, &s) ?? .zero)
        }
        var total = Exact.zero
        for index in s.items.indices where s.items[index].kind == kind {
            s.item = index
            var skipped = false
            for skip in line.skips where try skip(&s) {
                skipped = true
                break
            }
            if !skipped, let points = try calculate(line, &s) {
                total = try ExpressionCompiler.add(total, points)
            }
        }
        s.item = -1
        return finish(line, uncapped: total)
    }

    /// As `Interpreter.calculate` without steps: base points, then adjustments; nil when
    /// points rows exist and none applies.
    func calculate(_ line: CompiledLineCode, _ s: inout CompiledState) throws(Bail) -> Exact? {
        var points = Exact.zero
        if !line.points.isEmpty {
            var found = false
            for row in line.points {
                if let c = row.condition, !(try c(&s)) { continue }
                points = try row.value(&s)
                found = true
                break
            }
            if !found { return nil }
        }
        for adjustment in line.adjustments {
            if let c = adjustment.condition, !(try c(&s)) { continue }
            let v = try adjustment.value(&s)
            switch adjustment.kind {
            case .times: points = try ExpressionCompiler.multiply(points, v)
            case .plus: points = try ExpressionCompiler.add(points, v)
            case .minus: points = try ExpressionCompiler.subtract(points, v)
            }
        }
        return points
    }

    /// As `Interpreter.finish` in `.summary` detail.
    func finish(_ line: CompiledLineCode, uncapped: Exact) -> ScoreResult {
        var result = line.template
        result.points = uncapped
        if let limit = line.cap, uncapped > limit {
            result.points = limit
            let cut = (try? uncapped.subtracting(limit)) ?? .zero
            result.cap = CapApplied(cap: limit, uncapped: uncapped, cut: cut)
        }
        return result
    }
}

// MARK: - Across the bids of a tender

extension SummaryEvaluator {
    /// As `program.evaluateScores(ids:results:)` when every result is in `.summary` detail:
    /// the same scores, totals and tie values, the bids shared between the cores. When a
    /// result has more detail, or any bid is one the compiled code cannot be sure of, the
    /// whole step goes to the interpreter.
    public func evaluateScores(ids: [String], results: [BidResult]) throws(DiagnosticsError) -> [CrossBidResult] {
        guard !results.isEmpty else { return [] }
        if results.allSatisfy({ $0.detail == .summary }), let out = try? crossBid(results) {
            return out
        }
        return try program.interpretScores(ids: ids, results: results)
    }

    func crossBid(_ results: [BidResult]) throws(Bail) -> [CrossBidResult] {
        let count = results.count
        var slots: [[Value?]] = results.map { $0.slots.map(\.value) }
        let carried: [[Value]] = results.map { $0.carried.map { $0.value ?? .number(.zero) } }
        var aggregateValues: [Value?] = Array(repeating: nil, count: program.aggregates.count)
        var scoreResults: [[ScoreResult]] = Array(repeating: [], count: count)
        var totals: [Exact?] = Array(repeating: nil, count: count)
        var tieValues: [[Exact?]] = Array(repeating: [], count: count)
        let tables = program.tables.count

        /// Runs `body` for every bid, its slots and carried fields in `state`, the bids split
        /// into chunks run on all cores; each bid is touched by one chunk only.
        func forEachBid(_ body: (Int, inout CompiledState) throws(Bail) -> Void) throws(Bail) {
            let chunks = Swift.min(8, Swift.max(1, count / 2048))
            var failed = Array(repeating: false, count: chunks)
            let values = aggregateValues
            slots.withUnsafeMutableBufferPointer { slotsBuffer in
                failed.withUnsafeMutableBufferPointer { failedBuffer in
                    let (slots, failed) = (slotsBuffer, failedBuffer)
                    concurrently(chunks) { chunk in
                        var state = CompiledState(slots: [], carried: [], aggregateValues: values, tables: tables)
                        for i in stride(from: chunk * count / chunks, to: (chunk + 1) * count / chunks, by: 1) {
                            swap(&state.slots, &slots[i])
                            state.carried = carried[i]
                            do {
                                try body(i, &state)
                            } catch {
                                failed[chunk] = true
                            }
                            swap(&state.slots, &slots[i])
                            if failed[chunk] { return }
                        }
                    }
                }
            }
            if failed.contains(true) { throw Bail() }
        }

        for (index, score) in scoreCodes.enumerated() {
            for a in Program.aggregatesUsed(by: program.scores[index]) where aggregateValues[a] == nil {
                let code = aggregateCodes[a]
                let highest = program.aggregates[a].highest
                var best: Exact?
                var state = CompiledState(slots: [], carried: [], aggregateValues: aggregateValues, tables: tables)
                for i in 0..<count {
                    swap(&state.slots, &slots[i])
                    defer { swap(&state.slots, &slots[i]) }
                    state.carried = carried[i]
                    let v = try code(&state)
                    if let b = best {
                        if highest ? v > b : v < b { best = v }
                    } else {
                        best = v
                    }
                }
                aggregateValues[a] = best.map { .number($0) }
            }
            try scoreResults.withUnsafeMutableBufferPointer { out throws(Bail) in
                try forEachBid { (i, state) throws(Bail) in
                    let result = finish(score, uncapped: try calculate(score, &state) ?? .zero)
                    state.slots[score.slot] = .number(result.points)
                    out[i].append(result)
                }
            }
        }
        let total = program.total
        try scoreResults.withUnsafeMutableBufferPointer { out throws(Bail) in
            try totals.withUnsafeMutableBufferPointer { totals throws(Bail) in
                try tieValues.withUnsafeMutableBufferPointer { tieValues throws(Bail) in
                    try forEachBid { (i, state) throws(Bail) in
                        if let t = total {
                            var sum = Exact.zero
                            for row in t.rows {
                                var contribution = state.slots[row.slot]?.numberOrNil ?? .zero
                                if let w = row.weight, let m = row.maximum {
                                    contribution = try ExpressionCompiler.divide(try ExpressionCompiler.multiply(w, contribution), m)
                                }
                                sum = try ExpressionCompiler.add(sum, contribution)
                            }
                            totals[i] = sum
                            state.slots[t.slot] = .number(sum)
                            out[i].append(ScoreResult(id: "total", title: t.title, points: sum, maximum: t.outOf, explanation: "",
                                                      steps: [], span: t.span))
                        }
                        var ties: [Exact?] = []
                        ties.reserveCapacity(tieCodes.count)
                        for code in tieCodes {
                            ties.append(try code.map { c throws(Bail) in try c(&state).numberOrNil } ?? nil)
                        }
                        tieValues[i] = ties
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
