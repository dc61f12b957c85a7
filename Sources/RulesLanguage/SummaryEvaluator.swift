import Areas
import Diagnostics
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

    enum CompiledStep: Sendable {
        case value(slot: Int, ValueCode)
        case gate(Int, BoolCode)
        case line(CompiledLineCode)
    }

    /// A class, so that walking the steps copies one reference, not every closure of a line.
    final class CompiledLineCode: Sendable {
        let each: CommitmentKind?
        let skips: [BoolCode]
        let points: [PointsRow]
        let adjustments: [AdjustmentCode]
        let slot: Int
        /// The line's result with its points still to fill in.
        let template: ScoreResult
        let cap: Exact?

        init(each: CommitmentKind?, skips: [BoolCode], points: [PointsRow], adjustments: [AdjustmentCode], slot: Int,
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
        var value: NumberCode
        var condition: BoolCode?
    }

    struct AdjustmentCode: Sendable {
        var kind: Adjustment.Kind
        var value: NumberCode
        var condition: BoolCode?
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
        return program.evaluate(bid: bid, tender: tender, areas: areas, inputs: inputs, detail: .summary)
    }

    func run(bid: Bid, tender: Tender, areas: (any AreaLookup)?, inputs: [String: Exact]) throws(Bail) -> BidResult {
        var s = CompiledState(program: program, fieldsRead: fieldsRead, bid: bid, tender: tender, areas: areas)
        for input in program.inputs {
            guard let v = inputs[input.name] else { throw Bail() }
            s.slots[input.slot] = .number(v)
        }
        var explanation = Explanation()
        explanation.gates.reserveCapacity(gateResults.count)
        explanation.scores.reserveCapacity(program.lines.count)
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
    private func calculate(_ line: CompiledLineCode, _ s: inout CompiledState) throws(Bail) -> Exact? {
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
    private func finish(_ line: CompiledLineCode, uncapped: Exact) -> ScoreResult {
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
