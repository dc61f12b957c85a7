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

    init(_ program: Program) {
        tables = program.tables
        let fields = FieldSlots()
        silent = Plan(program, fields: fields)
        recording = Plan(program, fields: fields)
        fieldsRead = fields.read
        lastGate = program.steps.lastIndex { if case .gate = $0 { true } else { false } } ?? -1
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
        var s = Frame(program: program, fieldsRead: fieldsRead, bid: bid, tender: tender, areas: areas, recording: detail != .summary)
        for input in program.inputs {
            guard let v = inputs[input.name] else {
                throw s.fail(RulesDiagnostic.missingInput, "no \(input.title) (`\(input.name)`) is given for this bid", at: input.span,
                             hint: "give every bid a value for `\(input.name)`")
            }
            s.slots[input.slot] = .number(v)
        }
        var explanation = Explanation()
        explanation.gates.reserveCapacity(program.gates.count)
        // Room for the cross-bid scores and the total, which ranking appends.
        explanation.scores.reserveCapacity(program.lines.count + program.scores.count + 1)
        switch detail {
        case .summary:
            for step in silent.steps { try run(step, &s, &explanation) }
        case .full:
            for step in recording.steps { try run(step, &s, &explanation) }
        case .gates:
            // Gates (and the values they read) explained, lines as numbers, nothing after the last gate.
            for i in 0..<(lastGate + 1) {
                if case .line = silent.steps[i] {
                    try run(silent.steps[i], &s, &explanation)
                } else {
                    try run(recording.steps[i], &s, &explanation)
                }
            }
        }
        var carried: [SlotValue] = []
        carried.reserveCapacity(program.carried.count)
        for f in program.carried { carried.append(f.read(bid, tender).map(SlotValue.init) ?? .none) }
        var slots: [SlotValue] = []
        slots.reserveCapacity(s.slots.count)
        for v in s.slots { slots.append(v.map(SlotValue.init) ?? .none) }
        return BidResult(explanation: explanation, passedGates: explanation.passedAllGates, detail: detail, slots: slots,
                         carried: carried)
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
