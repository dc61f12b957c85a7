import Areas
import Diagnostics
import Documents
import ExactNumbers

/// A checked scheme lowered for one tracer: every step of a bid, the cross-bid scores, the
/// aggregates they read and the numeric tie-breaks.
final class Plan<T: Tracer>: Sendable {
    enum Step: Sendable {
        case value(slot: Int, ValueCode)
        case gate(GateCode<T>)
        case line(LineCode<T>)
    }

    let steps: [Step]
    let scores: [LineCode<T>]
    let aggregates: [NumberCode]
    let ties: [ValueCode?]

    init(_ program: Program, fields: FieldSlots) {
        let lower = Lowering<T>(program: program, fields: fields)
        steps = program.steps.map { step in
            switch step {
            case .value(let i): .value(slot: program.values[i].slot, lower.value(program.values[i].node))
            case .gate(let i): .gate(GateCode(program.gates[i], lower))
            case .line(let i): .line(LineCode(program.lines[i], lower))
            }
        }
        scores = program.scores.map { LineCode($0, lower) }
        aggregates = program.aggregates.map { lower.number($0.node) }
        ties = program.ties.map { tie in
            if case .node(let n) = tie.key { lower.value(n) } else { nil }
        }
    }
}

/// The one executable form of a scheme, lowered once from the checked `Program`: the same
/// lowering gives a silent plan (numbers only) and a recording plan (numbers and their
/// explanation). Which plan runs is a matter of `ExplanationDetail`; there is no other way
/// to evaluate a scheme.
final class Executable: Sendable {
    let silent: Plan<Silent>
    let recording: Plan<Recording>
    /// The bid fields the code reads (`Frame.fields`).
    let fieldsRead: [BidField]
    /// Where the last gate stands among the steps (-1 without gates): in `.gates` detail
    /// nothing after it can change a gate.
    let lastGate: Int
    /// For gate sentences: `(NLW from 2025-04-01)`.
    let tables: [CompiledTable]
    /// The total, for a silent run's explanation.
    let totalShape: CompiledTotal?
    /// Slots of the lines, scores and total by id (`slot(ofScore:)`).
    let scoreSlots: [String: Int]
    let crossBidSlots: Set<Int>
    /// The slots a settled silent result keeps (lines, scores, total), and where each slot
    /// stands among them (`BidResult.settle()`).
    let settledSlots: [Int]
    let settledIndex: [Int?]
    /// How many slots a bid's values start with (the carried fields follow).
    let slotCount: Int
    let carriedCount: Int
    /// The aggregates whose operand one bid gives alone (it reads no score, total, table or
    /// other aggregate): worked out with the bid's evaluation and kept after its carried
    /// fields, so the cross-bid step compares numbers rather than loading every bid again.
    let bidAggregates: [Int]
    /// The ids and titles of a silent explanation's scores: the lines, then (once scored
    /// across the bids) the scores and the total.
    let lineHeadings: [(id: String, title: String)]
    let scoredHeadings: [(id: String, title: String)]

    init(_ program: Program) {
        tables = program.tables
        totalShape = program.total
        var slots: [String: Int] = [:]
        for line in program.lines + program.scores where slots[line.id] == nil { slots[line.id] = line.slot }
        if let total = program.total, slots["total"] == nil { slots["total"] = total.slot }
        scoreSlots = slots
        crossBidSlots = Set(program.scores.map(\.slot) + (program.total.map { [$0.slot] } ?? []))
        var kept: [Int] = []
        for slot in program.lines.map(\.slot) + program.scores.map(\.slot) + (program.total.map { [$0.slot] } ?? [])
        where !kept.contains(slot) {
            kept.append(slot)
        }
        settledSlots = kept
        var index: [Int?] = Array(repeating: nil, count: Swift.max(program.slotCount, (kept.max() ?? -1) + 1))
        for (i, slot) in kept.enumerated() { index[slot] = i }
        settledIndex = index
        slotCount = program.slotCount
        carriedCount = program.carried.count
        let crossBid = crossBidSlots
        bidAggregates = program.aggregates.indices.filter { Executable.isPerBid(program.aggregates[$0].node, crossBid: crossBid) }
        var headings: [(id: String, title: String)] = []
        for step in program.steps { if case .line(let i) = step { headings.append((program.lines[i].id, program.lines[i].title)) } }
        lineHeadings = headings
        for score in program.scores { headings.append((score.id, score.title)) }
        if let total = program.total { headings.append(("total", total.title)) }
        scoredHeadings = headings
        let fields = FieldSlots()
        silent = Plan(program, fields: fields)
        recording = Plan(program, fields: fields)
        fieldsRead = fields.read
        lastGate = program.steps.lastIndex { if case .gate = $0 { true } else { false } } ?? -1
    }

    /// True when `n` reads only constants, the bid's own slots (not a score's or the total's)
    /// and carried fields: what a bid's evaluation can work out alone.
    static func isPerBid(_ n: Node, crossBid: Set<Int>) -> Bool {
        switch n.op {
        case .constant, .carried: true
        case .slot(let k): !crossBid.contains(k)
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
            isPerBid(a, crossBid: crossBid) && isPerBid(b, crossBid: crossBid)
        case .negate(let a), .not(let a): isPerBid(a, crossBid: crossBid)
        case .oneOf(let a, let bs, _): isPerBid(a, crossBid: crossBid) && bs.allSatisfy { isPerBid($0, crossBid: crossBid) }
        default: false
        }
    }

    /// A constant expression's value, for the checker's folding.
    static func constant(_ n: Node) throws(EvaluationFailure) -> Value {
        let code = Lowering<Silent>(program: Program(file: "", name: ""), fields: FieldSlots()).value(n)
        var frame = Frame()
        return try code(&frame)
    }

    // MARK: - One bid

    func evaluate(_ program: Program, bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact],
                  detail: ExplanationDetail) throws(EvaluationFailure) -> BidResult {
        var s = Frame(program: program, fieldsRead: fieldsRead, bid: bid, tender: tender, areas: areas,
                      recording: detail == .full || detail == .gates)
        for input in program.inputs {
            guard let v = inputs[input.name] else {
                throw s.fail(RulesDiagnostic.missingInput, "no \(input.title) (`\(input.name)`) is given for this bid", at: input.span,
                             hint: "give every bid a value for `\(input.name)`")
            }
            s.slots[input.slot] = .number(v)
        }
        var failedGates: [Int] = []
        var cuts = BidResult.Cuts()
        var recorded: Explanation?
        switch detail {
        case .summary, .table:
            // Numbers only: no result is built for a gate or a line (the explanation is made
            // from the slots when asked).
            var gate = 0
            for step in silent.steps {
                switch step {
                case .value(let slot, let code):
                    s.slots[slot] = try code(&s)
                case .gate(let code):
                    if !(try code.pass(&s)) { failedGates.append(gate) }
                    gate += 1
                case .line(let line):
                    let uncapped = try line.uncapped(&s)
                    let points = line.capped(uncapped)
                    if points != uncapped { cuts.append(slot: line.slot, uncapped: uncapped) }
                    s.slots[line.slot] = .number(points)
                }
            }
            if detail == .table, !failedGates.isEmpty { recorded = try failedGateReasons(failedGates, &s) }
        case .full:
            var explanation = Explanation()
            explanation.gates.reserveCapacity(program.gates.count)
            // Room for the cross-bid scores and the total, which ranking appends.
            explanation.scores.reserveCapacity(program.lines.count + program.scores.count + 1)
            for step in recording.steps { try run(step, &s, &explanation) }
            recorded = explanation
        case .gates:
            // Gates (and the values they read) explained, lines as numbers, nothing after the last gate.
            var explanation = Explanation()
            for i in 0..<(lastGate + 1) {
                if case .line = silent.steps[i] {
                    try run(silent.steps[i], &s, &explanation)
                } else {
                    try run(recording.steps[i], &s, &explanation)
                }
            }
            recorded = explanation
        }
        let passed = recorded?.passedAllGates ?? failedGates.isEmpty
        var values = PackedSlots(s.slots)
        let carried = program.carried.map { $0.read(bid, tender) }
        for v in carried { values.append(v) }
        if !bidAggregates.isEmpty {
            // Only a bid that passed the gates is compared; one whose operand fails is left to
            // the cross-bid step, which reports the failure in its order.
            s.carried = carried.map { $0 ?? .number(.zero) }
            for a in bidAggregates {
                values.append(passed ? (try? silent.aggregates[a](&s)).map(Value.number) : nil)
            }
        }
        values.trim()
        return BidResult(recorded: recorded, failedGates: failedGates, cuts: cuts, executable: self, values: values,
                         passedGates: passed, detail: detail)
    }

    /// The gates a silent run failed, with their reasons in words but not the figures behind
    /// them (what a table shows of an excluded bid, `ExplanationDetail.table`): each sentence
    /// made from the frame the run left, as every slot a gate reads is set before the gate.
    private func failedGateReasons(_ failed: [Int], _ s: inout Frame) throws(EvaluationFailure) -> Explanation {
        var explanation = Explanation()
        var gate = 0
        for step in recording.steps {
            guard case .gate(let code) = step else { continue }
            if failed.contains(gate) {
                var result = try code.evaluate(&s, tables: tables)
                result.figures = []
                explanation.gates.append(result)
            }
            gate += 1
        }
        return explanation
    }

    private func run<T: Tracer>(_ step: Plan<T>.Step, _ s: inout Frame, _ explanation: inout Explanation)
        throws(EvaluationFailure)
    {
        switch step {
        case .value(let slot, let code):
            if T.records { s.resetFigures() }
            s.slots[slot] = try code(&s)
            if T.records {
                s.slotFigures[slot] = s.figures
                s.slotFigureKeys[slot] = s.figureKeys
            }
        case .gate(let gate):
            explanation.gates.append(try gate.evaluate(&s, tables: tables))
        case .line(let line):
            let result = try line.evaluate(&s)
            s.slots[line.slot] = .number(result.points)
            explanation.scores.append(result)
        }
    }

    // MARK: - The explanation of a silent run

    /// What a silent run's gates and lines (and, once scored across the bids, its scores and
    /// total) give: the same results the silent code builds, made from the numbers kept.
    func summaryExplanation(of result: BidResult) -> Explanation {
        var explanation = Explanation()
        var gate = 0
        for step in silent.steps {
            switch step {
            case .value:
                break
            case .gate(let code):
                var g = code.template
                g.passed = !result.failedGates.contains(gate)
                explanation.gates.append(g)
                gate += 1
            case .line(let line):
                explanation.scores.append(line.finish(uncapped: result.uncapped(slot: line.slot)))
            }
        }
        guard result.scoredAcrossBids else { return explanation }
        explanation.scores += crossBidSummary(of: result)
        return explanation
    }

    /// The scores and the total of a silent run, scored across the bids.
    func crossBidSummary(of result: BidResult) -> [ScoreResult] {
        var scores: [ScoreResult] = []
        for code in silent.scores { scores.append(code.finish(uncapped: result.uncapped(slot: code.slot))) }
        if let total = totalShape, let points = result.number(atSlot: total.slot) {
            scores.append(Executable.totalResult(total, points: points, steps: [], explanation: ""))
        }
        return scores
    }

    /// The slot of a line, score or the total (`total`), as `Explanation.score(_:)` finds
    /// them: lines first, then scores, then the total.
    func slot(ofScore id: String) -> Int? { scoreSlots[id] }

    /// True for the slot of a score or the total, known only across the bids.
    func isCrossBid(slot: Int) -> Bool { crossBidSlots.contains(slot) }
}

extension Program {
    /// Evaluates the per-bid part of the scheme (gates, values, lines) for one bid.
    public func evaluate(bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact] = [:],
                         detail: ExplanationDetail = .full) -> Result<BidResult, DiagnosticsError>
    {
        do {
            return .success(try lowered.evaluate(self, bid: bid, tender: tender, areas: areas, inputs: inputs, detail: detail))
        } catch {
            return .failure(DiagnosticsError([error.diagnostic]))
        }
    }
}
