import Areas
import Diagnostics
import Documents
import ExactNumbers

/// Walks a `Program` over one bid. Every name was resolved by the checker, so the hot path is
/// a switch over nodes with slot indices; figures are recorded as they are read so the
/// explanation lists every input with where it came from.
struct Interpreter {
    let program: Program
    let bid: Bid?
    let tender: Tender?
    let areas: (any AreaLookup)?
    let inputs: [Exact?]
    /// False in `.summary` detail: numbers only, no figures, steps, items or texts. The same
    /// code computes the numbers either way, so both details give the same points.
    var explaining = true
    /// False in `.gates` detail: lines are evaluated as in `.summary`.
    var explainingLines = true

    var slots: [Value?]
    var slotFigures: [[Figure]]
    var item: Commitment?
    var tableRows: [Int?]
    var areaCache: [(String, AreaInfo)] = []
    /// Figures read by the rule being evaluated, and their keys (see `Node.key`).
    var figures: [Figure] = []
    var figureKeys: [Int] = []
    var slotFigureKeys: [[Int]]
    /// Position of the current commitment in the bid, to tell item figures apart.
    var itemIndex = 0
    /// Cross-bid context.
    var carried: [Value] = []
    var aggregateValues: [Value?] = []

    init(program: Program, bid: Bid?, tender: Tender?, areas: (any AreaLookup)?, inputs: [Exact?]) {
        self.program = program
        self.bid = bid
        self.tender = tender
        self.areas = areas
        self.inputs = inputs
        self.slots = Array(repeating: nil, count: program.slotCount)
        self.slotFigures = Array(repeating: [], count: program.slotCount)
        self.slotFigureKeys = Array(repeating: [], count: program.slotCount)
        self.tableRows = Array(repeating: nil, count: program.tables.count)
    }

    static func evaluateConstant(_ n: Node) throws(EvaluationFailure) -> Value {
        var i = Interpreter(program: Program(file: "", name: ""), bid: nil, tender: nil, areas: nil, inputs: [])
        return try i.eval(n)
    }

    // MARK: - One bid

    mutating func run() throws(EvaluationFailure) -> BidResult {
        var explanation = Explanation()
        for input in program.inputs {
            guard input.slot < inputs.count, let v = inputs[input.slot] else {
                throw fail("rules.eval.missing-input", "no \(input.title) (`\(input.name)`) is given for this bid", at: input.span,
                           hint: "give every bid a value for `\(input.name)`")
            }
            slots[input.slot] = .number(v)
            guard explaining else { continue }
            slotFigures[input.slot] = [Figure(name: input.title, text: Format.number(v), value: v, unit: "points",
                                              source: "input \(input.name) for \(bid?.id ?? "")")]
        }
        // In `.gates` detail nothing after the last gate can change a gate.
        let lastGate = explainingLines ? program.steps.count - 1
            : program.steps.lastIndex { if case .gate = $0 { true } else { false } } ?? -1
        for step in program.steps.prefix(lastGate + 1) {
            switch step {
            case .value(let i):
                let v = program.values[i]
                resetFigures()
                let result = try eval(v.node)
                slots[v.slot] = result
                slotFigures[v.slot] = figures
                slotFigureKeys[v.slot] = figureKeys
            case .gate(let i):
                explanation.gates.append(try evaluateGate(program.gates[i]))
            case .line(let i):
                let line = program.lines[i]
                let explainingGates = explaining
                explaining = explaining && explainingLines
                defer { explaining = explainingGates }
                let result = try evaluateLine(line)
                slots[line.slot] = .number(result.points)
                explanation.scores.append(result)
            }
        }
        var carriedValues: [SlotValue] = []
        if let bid, let tender {
            for f in program.carried {
                carriedValues.append(f.read(bid, tender).map(SlotValue.init) ?? .none)
            }
        }
        return BidResult(explanation: explanation, passedGates: explanation.passedAllGates,
                         detail: !explaining ? .summary : (explainingLines ? .full : .gates),
                         slots: slots.map { $0.map(SlotValue.init) ?? .none }, carried: carriedValues)
    }

    mutating func evaluateGate(_ gate: CompiledGate) throws(EvaluationFailure) -> GateResult {
        resetFigures()
        let passed = try eval(gate.pass).bool
        var text: String
        if !explaining {
            text = ""
        } else if let parts = gate.explain {
            text = ""
            for part in parts {
                switch part {
                case .text(let s): text += s
                case .value(let n): text += Format.value(try eval(n), n.type)
                }
            }
        } else {
            text = try describe(condition: gate.pass, holds: passed)
        }
        return GateResult(id: gate.id, title: gate.title, passed: passed, explanation: text, figures: figures, span: gate.span)
    }

    /// `13.45 ≥ 12.21 (NLW from 2025-04-01)`; a failed comparison shows the operator that held.
    mutating func describe(condition n: Node, holds: Bool) throws(EvaluationFailure) -> String {
        if case .compare(let op, let a, let b) = n.op {
            let shownOp = holds ? op : Interpreter.negatedOperator(op)
            var text = "\(Format.value(try eval(a), a.type)) \(shownOp) \(Format.value(try eval(b), b.type))"
            for side in [a, b] {
                if case .table(let t) = side.op, let row = tableRows[t] {
                    let table = program.tables[t]
                    text += " (\(table.short ?? table.name) from \(table.rows[row].from))"
                }
            }
            return text
        }
        return "\(holds ? "met" : "not met"): \(n.text)"
    }

    static func negatedOperator(_ op: String) -> String {
        switch op {
        case "<": "≥"
        case "≤": ">"
        case ">": "≤"
        case "≥": "<"
        case "=": "≠"
        default: "="
        }
    }

    // MARK: - Lines

    mutating func evaluateLine(_ line: CompiledLine) throws(EvaluationFailure) -> ScoreResult {
        guard let kind = line.each, let bid else {
            resetFigures()
            var steps: [CalculationStep] = []
            let points = try calculate(line, steps: &steps) ?? .zero
            return finish(line, uncapped: points, steps: steps, items: [], figures: figures, counted: nil)
        }
        var items: [ItemResult] = []
        var total = Exact.zero
        var counted = 0
        var itemCount = 0
        var lineSteps: [CalculationStep] = []
        for (index, c) in bid.commitments.enumerated() where kind.matches(c) {
            itemCount += 1
            item = c
            itemIndex = index
            resetFigures()
            var reason: String?
            for skip in line.skips where try eval(skip.condition).bool {
                reason = skip.reason
                break
            }
            var steps: [CalculationStep] = []
            var points = Exact.zero
            if reason == nil {
                if let p = try calculate(line, steps: &steps) {
                    points = p
                } else {
                    reason = "no points row applies"
                }
            }
            item = nil
            if reason == nil {
                counted += 1
                total = try add(total, points, at: line.span)
                if explaining {
                    lineSteps.append(CalculationStep(kind: .sum, description: "+ \(c.ref) \(Format.number(points))", result: total))
                }
            }
            guard explaining else { continue }
            items.append(ItemResult(ref: c.ref, kind: c.kindName, counted: reason == nil, skipReason: reason,
                                    figures: figures, steps: steps, points: points, location: c.location))
        }
        return finish(line, uncapped: total, steps: lineSteps, items: items, figures: [], counted: (counted, itemCount, kind))
    }

    /// Base points and adjustments; nil when points rows exist and none applies.
    mutating func calculate(_ line: CompiledLine, steps: inout [CalculationStep]) throws(EvaluationFailure) -> Exact? {
        var points = Exact.zero
        if !line.points.isEmpty {
            var found = false
            for (index, row) in line.points.enumerated() {
                if let c = row.condition, !(try eval(c).bool) { continue }
                points = try eval(row.value).number
                found = true
                guard explaining else { break }
                steps.append(CalculationStep(kind: .base, description: line.preparedPointsPrefixes[index] + Format.number(points),
                                             result: points))
                break
            }
            if !found { return nil }
        }
        for prepared in line.prepared {
            let adj = prepared.adjustment
            let applies = try adj.condition.map { c throws(EvaluationFailure) in try eval(c).bool } ?? true
            guard applies else {
                if explaining { steps.append(CalculationStep(kind: adj.stepKind, description: prepared.notApplied, result: points)) }
                continue
            }
            let v = try eval(adj.value).number
            switch adj.kind {
            case .times: points = try arithmetic("×", points, v, at: adj.value.span)
            case .plus: points = try add(points, v, at: adj.value.span)
            case .minus: points = try arithmetic("-", points, v, at: adj.value.span)
            }
            if explaining {
                steps.append(CalculationStep(kind: adj.stepKind, description: prepared.applied ?? adj.appliedText(v), result: points))
            }
        }
        return points
    }

    func finish(_ line: CompiledLine, uncapped: Exact, steps: [CalculationStep], items: [ItemResult], figures: [Figure],
                counted: (Int, Int, CommitmentKind)?) -> ScoreResult {
        var steps = steps
        var points = uncapped
        var cap: CapApplied?
        if let limit = line.cap, uncapped > limit {
            points = limit
            let cut = (try? uncapped.subtracting(limit)) ?? .zero
            cap = CapApplied(cap: limit, uncapped: uncapped, cut: cut)
            if explaining { steps.append(CalculationStep(kind: .cap, description: "capped at \(Format.number(limit)): \(Format.number(cut)) cut", result: points)) }
        }
        guard explaining else {
            return ScoreResult(id: line.id, title: line.title, points: points, maximum: line.maximum ?? line.cap, explanation: "",
                               cap: cap, span: line.span)
        }
        var text: String
        if let (n, of, kind) = counted {
            _ = kind
            text = "\(n) of \(of) \(line.noun) commitment\(of == 1 ? "" : "s") counted: "
        } else {
            text = ""
        }
        if let cap {
            text += "\(Format.number(cap.uncapped)) points capped to \(Format.number(points))"
        } else {
            text += "\(Format.number(points)) points"
        }
        return ScoreResult(id: line.id, title: line.title, points: points, maximum: line.maximum ?? line.cap, explanation: text,
                           figures: figures, steps: steps, items: items, cap: cap, span: line.span)
    }

    // MARK: - Arithmetic

    func fail(_ id: String, _ message: String, at span: SourceSpan, hint: String? = nil) -> EvaluationFailure {
        EvaluationFailure(diagnostic: Diagnostic(id: id, at: span, message: message, hint: hint, subject: bid?.id))
    }

    func add(_ a: Exact, _ b: Exact, at span: SourceSpan) throws(EvaluationFailure) -> Exact {
        try arithmetic("+", a, b, at: span)
    }

    func arithmetic(_ op: Character, _ a: Exact, _ b: Exact, at span: SourceSpan) throws(EvaluationFailure) -> Exact {
        do {
            switch op {
            case "+": return try a.adding(b)
            case "-": return try a.subtracting(b)
            case "×": return try a.multiplied(by: b)
            default: return try a.divided(by: b)
            }
        } catch {
            switch error {
            case .overflow:
                throw fail("rules.eval.overflow", "arithmetic overflow: a figure is too large to compute exactly", at: span)
            case .divisionByZero:
                throw fail("rules.eval.division-by-zero", "division by zero", at: span,
                           hint: "guard the division with `when … > 0` and give an `otherwise` row")
            }
        }
    }

    // MARK: - Expressions

    mutating func record(_ f: Figure) {
        if explaining, !figures.contains(where: { $0.name == f.name && $0.source == f.source }) {
            figures.append(f)
            figureKeys.append(-1)
        }
    }

    /// Records the figure a node reads, building it only the first time it is read.
    @inline(__always)
    mutating func record(key: Int, _ make: () -> Figure) {
        guard explaining else { return }
        if key > 0, figureKeys.contains(key) { return }
        figures.append(make())
        figureKeys.append(key)
    }

    var itemKey: Int { (itemIndex + 1) << 16 }

    mutating func resetFigures() {
        figures.removeAll(keepingCapacity: false)
        figureKeys.removeAll(keepingCapacity: true)
    }

    mutating func eval(_ n: Node) throws(EvaluationFailure) -> Value {
        switch n.op {
        case .constant(let v):
            return v
        case .bidField(let f):
            guard let bid, let tender else { throw fail("rules.eval.no-bid", "no bid to read `\(n.text)` from", at: n.span) }
            guard let v = f.read(bid, tender) else {
                throw fail("rules.eval.missing-field", "the bid gives no \(f.documentPath), which `\(n.text)` reads", at: n.span)
            }
            record(key: n.key) {
                let source = f.rawValue.hasPrefix("tender.") ? "\(tender.id) \(f.documentPath)" : "\(bid.id) \(f.documentPath)"
                return Figure(name: f.rawValue, text: Format.value(v, f.type), value: v.numberOrNil, unit: f.type.unitText, source: source)
            }
            return v
        case .carried(let i):
            return i < carried.count ? carried[i] : .number(.zero)
        case .item(let f):
            guard let item else { throw fail("rules.eval.no-item", "`\(n.text)` read outside `for each`", at: n.span) }
            let v = f.read(item)
            record(key: n.key + itemKey) {
                Figure(name: n.label, text: Format.value(v, n.type), value: v.numberOrNil, unit: n.type.unitText,
                       source: "\(item.ref) \(CommitmentKind.xmlName(n.label))")
            }
            return v
        case .table(let t):
            let v = try rateInForce(t, at: n.span, key: n.key)
            return .number(v)
        case .slot(let s):
            guard let v = slots[s] else { throw fail("rules.eval.not-ready", "`\(n.text)` has no value yet", at: n.span) }
            let program = self.program
            record(key: n.key) {
                Figure(name: program.slotNames[s], text: Format.value(v, n.type), value: v.numberOrNil, unit: n.type.unitText,
                       source: program.slotSources[s])
            }
            for (f, k) in zip(slotFigures[s], slotFigureKeys[s]) where explaining && (k < 0 || !figureKeys.contains(k)) {
                figures.append(f)
                figureKeys.append(k)
            }
            return v
        case .arithmetic(let op, let a, let b):
            let x = try eval(a).number
            let y = try eval(b).number
            return .number(try arithmetic(op, x, y, at: n.span))
        case .negate(let a):
            let x = try eval(a).number
            return .number(try arithmetic("-", .zero, x, at: n.span))
        case .compare(let op, let a, let b):
            let x = try eval(a)
            let y = try eval(b)
            return .bool(Interpreter.compare(op, x, y))
        case .oneOf(let a, let options, let negated):
            let x = try eval(a)
            var found = false
            for o in options where Interpreter.same(x, try eval(o)) {
                found = true
                break
            }
            return .bool(found != negated)
        case .and(let a, let b):
            guard try eval(a).bool else { return .bool(false) }
            return .bool(try eval(b).bool)
        case .or(let a, let b):
            if try eval(a).bool { return .bool(true) }
            return .bool(try eval(b).bool)
        case .not(let a):
            return .bool(!(try eval(a).bool))
        case .decile(let a):
            guard case .area(let ref) = try eval(a), let ref else {
                throw fail("rules.eval.no-area", "\(item.map { "\($0.ref) " } ?? "")gives no area, which `\(n.text)` needs", at: n.span,
                           hint: "use `deprived(…)`, which is false for a commitment without an area")
            }
            let info = try lookup(ref)
            return .number(Exact(info.decile))
        case .deprived(let a):
            guard case .area(let ref) = try eval(a), let ref else {
                if explaining { record(Figure(name: "deprived(\(a.text))", text: "no", unit: "", source: "\(item?.ref ?? "") gives no area")) }
                return .bool(false)
            }
            let info = try lookup(ref)
            return .bool(info.isDeprived)
        case .includes(let a, let b, let any):
            guard case .groups(let x) = try eval(a), case .groups(let y) = try eval(b) else { return .bool(false) }
            return .bool(any ? (x.bits & y.bits) != 0 : (x.bits & y.bits) == y.bits)
        case .sum(let kind, let body, let filter):
            guard let bid else { return .number(.zero) }
            let saved = (item, itemIndex)
            defer { (item, itemIndex) = saved }
            var total = Exact.zero
            for (index, c) in bid.commitments.enumerated() where kind.matches(c) {
                item = c
                itemIndex = index
                if let filter, !(try eval(filter).bool) { continue }
                total = try add(total, try eval(body).number, at: n.span)
            }
            return .number(total)
        case .count(let kind, let filter):
            guard let bid else { return .number(.zero) }
            let saved = (item, itemIndex)
            defer { (item, itemIndex) = saved }
            var count = 0
            for (index, c) in bid.commitments.enumerated() where kind.matches(c) {
                item = c
                itemIndex = index
                if let filter, !(try eval(filter).bool) { continue }
                count += 1
            }
            return .number(Exact(count))
        case .aggregate(let i):
            guard i < aggregateValues.count, let v = aggregateValues[i] else {
                throw fail("rules.eval.not-ready", "`\(n.text)` is only known across bids", at: n.span)
            }
            return v
        }
    }

    /// `x op y` for numbers and dates; values of other kinds compare as equal.
    static func compare(_ op: String, _ x: Value, _ y: Value) -> Bool {
        let order: Int
        switch (x, y) {
        case (.number(let p), .number(let q)): order = p < q ? -1 : (p == q ? 0 : 1)
        case (.date(let p), .date(let q)): order = p < q ? -1 : (p == q ? 0 : 1)
        default: order = 0
        }
        switch op {
        case "<": return order < 0
        case "≤": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.groups(let x), .groups(let y)): x.bits & y.bits == y.bits && y.bits != 0 || x == y
        default: a == b
        }
    }

    mutating func rateInForce(_ t: Int, at span: SourceSpan, key: Int = 0) throws(EvaluationFailure) -> Exact {
        let table = program.tables[t]
        let row: Int
        if let cached = tableRows[t] {
            row = cached
        } else {
            guard let bid else { throw fail("rules.eval.no-bid", "no bid date to read table `\(table.name)` on", at: span) }
            let date = bid.submitted.londonDate
            guard let found = table.rows.lastIndex(where: { $0.from <= date }),
                  table.rows[found].until.map({ date <= $0 }) ?? true else {
                let first = table.rows.first.map { "; its first row is from \($0.from)" } ?? ""
                throw EvaluationFailure(diagnostic: Diagnostic(
                    id: "rules.no-rate-in-force", at: bid.location,
                    message: "no rate in force: table `\(table.name)` (\(table.title)) has no row for \(date), the London date the bid was submitted (\(bid.submitted.lexical))\(first)",
                    hint: "a bid submitted before the first date of a table cannot be scored", subject: bid.id))
            }
            row = found
            tableRows[t] = row
        }
        let r = table.rows[row]
        record(key: key) {
            Figure(name: table.title, text: Format.value(.number(r.value), table.type), value: r.value, unit: table.type.unitText,
                   source: "table \(table.name) from \(r.from)")
        }
        return r.value
    }

    mutating func lookup(_ ref: AreaReference) throws(EvaluationFailure) -> AreaInfo {
        let info: AreaInfo
        if let cached = areaCache.first(where: { $0.0 == ref.text }) {
            info = cached.1
        } else {
            guard let areas else {
                throw EvaluationFailure(diagnostic: Diagnostic(id: "rules.eval.no-area-tables", at: ref.location,
                                                               message: "no area tables are loaded to look up '\(ref.text)'", subject: bid?.id))
            }
            do {
                info = try areas.lookup(ref.text)
            } catch {
                throw EvaluationFailure(diagnostic: Diagnostic(id: "rules.eval.unknown-area", at: ref.location,
                                                               message: "\(item.map { "\($0.ref) area: " } ?? "")\(error.message)",
                                                               hint: "check the code, or load the table that holds it with --areas",
                                                               subject: bid?.id))
            }
            areaCache.append((ref.text, info))
        }
        let item = self.item
        record(key: item == nil ? 0 : 400 + itemKey) {
            var source = "\(info.code) \(info.index.rawValue) rank \(info.rank) decile \(info.decile)"
            if let p = info.postcode { source = "postcode \(p)\(info.postcodeTerminated ? " (terminated)" : "") → " + source }
            return Figure(name: "decile of \(item.map { "\($0.ref) " } ?? "")area", text: String(info.decile), value: Exact(info.decile),
                          unit: "decile", source: source)
        }
        return info
    }
}

