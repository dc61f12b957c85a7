import Diagnostics
import Documents
import ExactNumbers

/// A gate lowered for tracer `T`: the condition, and (recording) how its sentence is built.
final class GateCode<T: Tracer>: Sendable {
    let pass: BoolCode
    /// The gate's result with `passed` and, when recording, the texts and figures to fill in.
    let template: GateResult
    let explain: [Part]?
    /// `13.45 ≥ 12.21 (NLW from 2025-04-01)`: each side of a comparison, read again for the
    /// sentence (a figure already read is not recorded twice), and the table it names.
    let sides: (ValueCode, ValueType, Int?, ValueCode, ValueType, Int?)?
    let op: String?
    let conditionText: String

    enum Part: Sendable {
        case text(String)
        case value(ValueCode, ValueType)
    }

    init(_ gate: CompiledGate, _ lower: Lowering<T>) {
        pass = lower.bool(gate.pass)
        template = GateResult(id: gate.id, title: gate.title, passed: false, explanation: "", figures: [], span: gate.span)
        conditionText = gate.pass.text
        guard T.records else {
            explain = nil
            sides = nil
            op = nil
            return
        }
        explain = gate.explain.map { parts in
            parts.map { part in
                switch part {
                case .text(let s): .text(s)
                case .value(let n): .value(lower.value(n), n.type)
                }
            }
        }
        if case .compare(let o, let a, let b) = gate.pass.op {
            func table(_ n: Node) -> Int? { if case .table(let t) = n.op { t } else { nil } }
            sides = (lower.value(a), a.type, table(a), lower.value(b), b.type, table(b))
            op = o
        } else {
            sides = nil
            op = nil
        }
    }

    func evaluate(_ s: inout Frame, tables: [CompiledTable]) throws(EvaluationFailure) -> GateResult {
        var result = template
        guard T.records else {
            result.passed = try pass(&s)
            return result
        }
        s.resetFigures()
        let passed = try pass(&s)
        var text = ""
        if let explain {
            for part in explain {
                switch part {
                case .text(let t): text += t
                case .value(let code, let type): text += Format.value(try code(&s), type)
                }
            }
        } else if let (a, aType, aTable, b, bType, bTable) = sides, let op {
            let shownOp = passed ? op : GateCode.negated(op)
            text = "\(Format.value(try a(&s), aType)) \(shownOp) \(Format.value(try b(&s), bType))"
            for t in [aTable, bTable] {
                if let t, let row = s.rateRows[t] {
                    text += " (\(tables[t].short ?? tables[t].name) from \(tables[t].rows[row].from))"
                }
            }
        } else {
            text = "\(passed ? "met" : "not met"): \(conditionText)"
        }
        result.passed = passed
        result.explanation = text
        result.figures = s.figures
        return result
    }

    /// The operator that held when a comparison failed.
    static func negated(_ op: String) -> String {
        switch op {
        case "<": "≥"
        case "≤": ">"
        case ">": "≤"
        case "≥": "<"
        case "=": "≠"
        default: "="
        }
    }
}

/// A line or score lowered for tracer `T`, with the texts of its steps fixed by the scheme.
/// A class, so that walking the steps copies one reference, not every closure of a line.
/// What the silent code walks (`skips`, `points`, `adjustments`) holds closures only; the
/// texts sit in arrays beside them, read by recording code (and by a failure) alone.
final class LineCode<T: Tracer>: Sendable {
    let each: CommitmentKind?
    let skips: [BoolCode]
    let skipReasons: [String]
    let points: [PointsRow]
    /// `10 × job.count × job.fte = ` before each row's figure, and which row applied after it.
    let pointsTexts: [(prefix: String, suffix: String)]
    let noRowReason: String
    let adjustments: [AdjustmentCode]
    let adjustmentTexts: [PreparedAdjustment]
    let slot: Int
    let id: String
    let title: String
    let maximum: Exact?
    let cap: Exact?
    let noun: String
    let span: SourceSpan

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

    init(_ line: CompiledLine, _ lower: Lowering<T>) {
        each = line.each
        skips = line.skips.map { lower.bool($0.condition) }
        skipReasons = line.skips.map(\.reason)
        points = line.points.map { PointsRow(value: lower.number($0.value), condition: $0.condition.map(lower.bool)) }
        pointsTexts = line.preparedPointsTexts
        noRowReason = line.noRowReason
        adjustments = line.prepared.map { p in
            AdjustmentCode(kind: p.adjustment.kind, value: lower.number(p.adjustment.value), condition: p.adjustment.condition.map(lower.bool))
        }
        adjustmentTexts = line.prepared
        slot = line.slot
        id = line.id
        title = line.title
        maximum = line.maximum ?? line.cap
        cap = line.cap
        noun = line.noun
        span = line.span
    }

    /// What a recording run keeps of a line besides its points (a silent run leaves it empty).
    struct Trace {
        var steps: [CalculationStep] = []
        var items: [ItemResult] = []
        var figures: [Figure] = []
        var counted: (Int, Int)?
    }

    /// The line for one bid: per commitment of its kind, or once for the bid.
    func evaluate(_ s: inout Frame) throws(EvaluationFailure) -> ScoreResult {
        var trace = Trace()
        let points = try uncapped(&s, &trace)
        guard T.records else { return finish(uncapped: points) }
        return finish(uncapped: points, steps: trace.steps, items: trace.items, figures: trace.figures, counted: trace.counted)
    }

    /// The line's points for one bid before its cap, as a silent run keeps them.
    func uncapped(_ s: inout Frame) throws(EvaluationFailure) -> Exact {
        var trace = Trace()
        return try uncapped(&s, &trace)
    }

    /// The points after the cap.
    @inline(__always)
    func capped(_ uncapped: Exact) -> Exact {
        if let limit = cap, uncapped > limit { return limit }
        return uncapped
    }

    private func uncapped(_ s: inout Frame, _ trace: inout Trace) throws(EvaluationFailure) -> Exact {
        guard let kind = each, s.bidID != nil else {
            if T.records { s.resetFigures() }
            let points = try calculate(&s, steps: &trace.steps) ?? .zero
            if T.records { trace.figures = s.figures }
            return points
        }
        var total = Exact.zero
        var counted = 0, itemCount = 0
        for index in s.items.indices where s.items[index].kind == kind {
            itemCount += 1
            s.item = index
            if T.records { s.resetFigures() }
            var reason: String?
            for (i, skip) in skips.enumerated() where try skip(&s) {
                reason = skipReasons[i]
                break
            }
            var steps: [CalculationStep] = []
            var points = Exact.zero
            if reason == nil {
                if let p = try calculate(&s, steps: &steps) {
                    points = p
                } else {
                    reason = noRowReason
                }
            }
            s.item = -1
            if reason == nil {
                counted += 1
                do throws(ArithmeticError) { total = try total.adding(points) } catch { throw s.fail(error, at: span) }
                if T.records {
                    trace.steps.append(CalculationStep(kind: .sum, description: Wording.itemSum(ref: s.commitments[index].ref, points: points),
                                                       result: total))
                }
            }
            guard T.records else { continue }
            let c = s.commitments[index]
            trace.items.append(ItemResult(ref: c.ref, kind: c.kindName, counted: reason == nil, skipReason: reason,
                                          figures: s.figures, steps: steps, points: points, location: c.location))
        }
        if T.records { trace.counted = (counted, itemCount) }
        return total
    }

    /// Base points and adjustments; nil when points rows exist and none applies.
    func calculate(_ s: inout Frame, steps: inout [CalculationStep]) throws(EvaluationFailure) -> Exact? {
        var points = Exact.zero
        if !self.points.isEmpty {
            var found = false
            for (i, row) in self.points.enumerated() {
                if let c = row.condition, !(try c(&s)) { continue }
                points = try row.value(&s)
                found = true
                if T.records {
                    let texts = pointsTexts[i]
                    steps.append(CalculationStep(kind: .base, description: texts.prefix + Format.number(points) + texts.suffix, result: points))
                }
                break
            }
            if !found { return nil }
        }
        for (i, adjustment) in adjustments.enumerated() {
            if let c = adjustment.condition, !(try c(&s)) {
                if T.records {
                    let texts = adjustmentTexts[i]
                    steps.append(CalculationStep(kind: texts.adjustment.stepKind, description: texts.notApplied, result: points))
                }
                continue
            }
            let v = try adjustment.value(&s)
            do throws(ArithmeticError) {
                switch adjustment.kind {
                case .times: points = try points.multiplied(by: v)
                case .plus: points = try points.adding(v)
                case .minus: points = try points.subtracting(v)
                }
            } catch {
                throw s.fail(error, at: adjustmentTexts[i].adjustment.value.span)
            }
            if T.records {
                let texts = adjustmentTexts[i]
                steps.append(CalculationStep(kind: texts.adjustment.stepKind, description: texts.applied ?? texts.adjustment.appliedText(v),
                                             result: points))
            }
        }
        return points
    }

    /// The points after the cap, as the silent code keeps them.
    func finish(uncapped: Exact) -> ScoreResult {
        var result = ScoreResult(id: id, title: title, points: uncapped, maximum: maximum, explanation: "", span: span)
        if let limit = cap, uncapped > limit {
            result.points = limit
            let cut = (try? uncapped.subtracting(limit)) ?? .zero
            result.cap = CapApplied(cap: limit, uncapped: uncapped, cut: cut)
        }
        return result
    }

    /// The cap, and (recording) the line's sentence: `3 of 4 job commitments counted: 51 points`.
    /// The sentence gives the points before the cap; the cap is stated once, by its step.
    func finish(uncapped: Exact, steps: [CalculationStep], items: [ItemResult], figures: [Figure],
                counted: (Int, Int)?) -> ScoreResult {
        var result = finish(uncapped: uncapped)
        guard T.records else { return result }
        var steps = steps
        if let cap = result.cap {
            steps.append(CalculationStep(kind: .cap, description: Wording.cap(cap.cap, cut: cap.cut), result: result.points))
        }
        if let (n, of) = counted {
            result.explanation = of == 0 ? Wording.noCommitments(noun) : Wording.counted(n, of: of, noun: noun, points: uncapped)
        } else {
            result.explanation = Wording.points(uncapped)
        }
        result.figures = figures
        result.steps = steps
        result.items = items
        return result
    }
}
