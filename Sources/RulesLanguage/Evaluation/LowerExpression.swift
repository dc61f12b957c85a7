import Areas
import Diagnostics
import Documents
import ExactNumbers

typealias NumberCode = @Sendable (inout Frame) throws(EvaluationFailure) -> Exact
typealias BoolCode = @Sendable (inout Frame) throws(EvaluationFailure) -> Bool
typealias ValueCode = @Sendable (inout Frame) throws(EvaluationFailure) -> Value

/// Where `Frame.fields` holds each bid or tender field the scheme reads: one numbering for
/// every tracer's code, so one frame serves them all.
final class FieldSlots {
    private(set) var read: [BidField] = []

    func slot(_ f: BidField) -> Int {
        if let i = read.firstIndex(of: f) { return i }
        read.append(f)
        return read.count - 1
    }
}

/// Turns checked nodes into closures: the one definition of what each expression means.
/// Each node is lowered by use, so no intermediate result is boxed where its type is known:
/// `number(n)` gives an `Exact`, `bool(n)` a `Bool`, `value(n)` any `Value`. With `T` =
/// `Recording`, the code also records every figure it reads, as the explanation lists them.
struct Lowering<T: Tracer> {
    let tables: [CompiledTable]
    let slotNames: [String]
    let slotSources: [String]
    let fields: FieldSlots

    init(program: Program, fields: FieldSlots) {
        tables = program.tables
        slotNames = program.slotNames
        slotSources = program.slotSources
        self.fields = fields
    }

    // MARK: Numbers

    func number(_ n: Node) -> NumberCode {
        let span = n.span
        switch n.op {
        case .constant(let v):
            let x = v.number
            return { _ throws(EvaluationFailure) in x }
        case .bidField, .item, .slot, .carried, .aggregate:
            if !T.records, let read = numberRead(n) { return read }
            let v = value(n)
            return { s throws(EvaluationFailure) in try v(&s).number }
        case .table(let t):
            let table = tables[t]
            let key = n.key
            return { s throws(EvaluationFailure) in
                let row = try s.rateRow(t, table, at: span)
                if T.records { Lowering.recordRate(table, row: row, key: key, &s) }
                return table.rows[row].value
            }
        case .arithmetic(let op, let a, let b):
            let x = number(a), y = number(b)
            switch op {
            case "+":
                return { s throws(EvaluationFailure) in
                    let p = try x(&s), q = try y(&s)
                    do throws(ArithmeticError) { return try p.adding(q) } catch { throw s.fail(error, at: span) }
                }
            case "-":
                return { s throws(EvaluationFailure) in
                    let p = try x(&s), q = try y(&s)
                    do throws(ArithmeticError) { return try p.subtracting(q) } catch { throw s.fail(error, at: span) }
                }
            case "×":
                return { s throws(EvaluationFailure) in
                    let p = try x(&s), q = try y(&s)
                    do throws(ArithmeticError) { return try p.multiplied(by: q) } catch { throw s.fail(error, at: span) }
                }
            default:
                return { s throws(EvaluationFailure) in
                    let p = try x(&s), q = try y(&s)
                    do throws(ArithmeticError) { return try p.divided(by: q) } catch { throw s.fail(error, at: span) }
                }
            }
        case .negate(let a):
            let x = number(a)
            return { s throws(EvaluationFailure) in
                let p = try x(&s)
                do throws(ArithmeticError) { return try Exact.zero.subtracting(p) } catch { throw s.fail(error, at: span) }
            }
        case .decile(let a):
            let text = n.text
            if !T.records, case .item(.area) = a.op {
                // `decile(job.area)`: the code read straight from the commitment.
                return { s throws(EvaluationFailure) in
                    guard s.item >= 0, let code = s.items[s.item].areaText else { throw Lowering.noArea(text, s, at: span) }
                    return Exact(try s.decile(code) { Lowering.areaLocation(s) })
                }
            }
            let area = value(a)
            return { s throws(EvaluationFailure) in
                guard case .area(let ref) = try area(&s), let ref else { throw Lowering.noArea(text, s, at: span) }
                if T.records { return Exact(try s.lookup(ref).decile) }
                return Exact(try s.decile(ref.text) { ref.location })
            }
        case .sum(let kind, let body, let filter):
            let x = number(body)
            let keep = filter.map(bool)
            return { s throws(EvaluationFailure) in
                let saved = s.item
                defer { s.item = saved }
                var total = Exact.zero
                for index in s.items.indices where s.items[index].kind == kind {
                    s.item = index
                    if let keep, !(try keep(&s)) { continue }
                    let p = try x(&s)
                    do throws(ArithmeticError) { total = try total.adding(p) } catch { throw s.fail(error, at: span) }
                }
                return total
            }
        case .count(let kind, let filter):
            let keep = filter.map(bool)
            return { s throws(EvaluationFailure) in
                let saved = s.item
                defer { s.item = saved }
                var count = 0
                for index in s.items.indices where s.items[index].kind == kind {
                    s.item = index
                    if let keep, !(try keep(&s)) { continue }
                    count += 1
                }
                return Exact(count)
            }
        case .compare, .oneOf, .and, .or, .not, .deprived, .includes:
            // Yes/no read as a number is zero, once the operands are evaluated.
            let b = bool(n)
            return { s throws(EvaluationFailure) in
                _ = try b(&s)
                return .zero
            }
        }
    }

    /// A field, slot or aggregate read as a number without boxing it in a `Value` (silent
    /// code only: recording code reads the `Value` for the figure). Nil for other nodes.
    private func numberRead(_ n: Node) -> NumberCode? {
        let span = n.span, text = n.text
        switch n.op {
        case .bidField(let f):
            let k = fields.slot(f)
            return { s throws(EvaluationFailure) in
                guard k < s.fields.count, let v = s.fields[k] else { throw Lowering.missingField(f, text, s, at: span) }
                return v.number
            }
        case .item(let f):
            return { s throws(EvaluationFailure) in
                guard s.item >= 0 else { throw s.fail(RulesDiagnostic.noItem, "`\(text)` read outside `for each`", at: span) }
                return s.items[s.item].number(f) ?? .zero
            }
        case .slot(let i):
            return { s throws(EvaluationFailure) in
                guard let v = s.slots[i] else { throw s.fail(RulesDiagnostic.notReady, "`\(text)` has no value yet", at: span) }
                return v.number
            }
        case .carried(let i):
            return { s throws(EvaluationFailure) in i < s.carried.count ? s.carried[i].number : .zero }
        case .aggregate(let i):
            return { s throws(EvaluationFailure) in
                guard i < s.aggregateValues.count, let v = s.aggregateValues[i] else {
                    throw s.fail(RulesDiagnostic.notReady, "`\(text)` is only known across bids", at: span)
                }
                return v.number
            }
        default:
            return nil
        }
    }

    // MARK: Yes/no

    func bool(_ n: Node) -> BoolCode {
        let span = n.span
        switch n.op {
        case .constant(let v):
            let b = v.bool
            return { _ throws(EvaluationFailure) in b }
        case .compare(let op, let a, let b):
            if a.type.isNumeric, b.type.isNumeric {
                let x = number(a), y = number(b)
                switch op {
                case "<": return { s throws(EvaluationFailure) in try x(&s) < (try y(&s)) }
                case "≤": return { s throws(EvaluationFailure) in try x(&s) <= (try y(&s)) }
                case ">": return { s throws(EvaluationFailure) in try x(&s) > (try y(&s)) }
                default: return { s throws(EvaluationFailure) in try x(&s) >= (try y(&s)) }
                }
            }
            let x = value(a), y = value(b)
            return { s throws(EvaluationFailure) in
                let p = try x(&s)
                return Lowering.compare(op, p, try y(&s))
            }
        case .oneOf(let a, let options, let negated):
            let x = value(a)
            let os = options.map(value)
            return { s throws(EvaluationFailure) in
                let v = try x(&s)
                var found = false
                for o in os where Lowering.same(v, try o(&s)) {
                    found = true
                    break
                }
                return found != negated
            }
        case .and(let a, let b):
            let x = bool(a), y = bool(b)
            return { s throws(EvaluationFailure) in try x(&s) ? try y(&s) : false }
        case .or(let a, let b):
            let x = bool(a), y = bool(b)
            return { s throws(EvaluationFailure) in try x(&s) ? true : try y(&s) }
        case .not(let a):
            let x = bool(a)
            return { s throws(EvaluationFailure) in !(try x(&s)) }
        case .deprived(let a):
            if !T.records, case .item(.area) = a.op {
                // `deprived(job.area)`: the code read straight from the commitment; a
                // commitment without an area is not deprived.
                return { s throws(EvaluationFailure) in
                    guard s.item >= 0, let code = s.items[s.item].areaText else { return false }
                    return try s.decile(code) { Lowering.areaLocation(s) } <= 2
                }
            }
            let area = value(a)
            let name = "deprived(\(a.text))"
            return { s throws(EvaluationFailure) in
                guard case .area(let ref) = try area(&s), let ref else {
                    if T.records {
                        s.record(Figure(name: name, text: "no", unit: "", source: "\(s.currentCommitment?.ref ?? "") gives no area"))
                    }
                    return false
                }
                if T.records { return try s.lookup(ref).isDeprived }
                return try s.decile(ref.text) { ref.location } <= 2
            }
        case .includes(let a, let b, let any):
            if !T.records, case .constant(.groups(let q)) = b.op, case .item(.targetGroups) = a.op {
                // `job.target_groups includes any of priority_groups`: the groups' bits
                // straight from the commitment.
                return { s throws(EvaluationFailure) in
                    guard s.item >= 0, let p = s.items[s.item].groups else { return false }
                    return any ? (p & q.bits) != 0 : (p & q.bits) == q.bits
                }
            }
            let x = value(a), y = value(b)
            return { s throws(EvaluationFailure) in
                guard case .groups(let p) = try x(&s), case .groups(let q) = try y(&s) else { return false }
                return any ? (p.bits & q.bits) != 0 : (p.bits & q.bits) == q.bits
            }
        case .bidField, .item, .slot, .carried, .aggregate, .table, .arithmetic, .negate, .decile, .sum, .count:
            _ = span
            let v = value(n)
            return { s throws(EvaluationFailure) in try v(&s).bool }
        }
    }

    // MARK: Any value

    func value(_ n: Node) -> ValueCode {
        let span = n.span, text = n.text, key = n.key, type = n.type
        switch n.op {
        case .constant(let v):
            return { _ throws(EvaluationFailure) in v }
        case .bidField(let f):
            let k = fields.slot(f)
            let tenderField = f.rawValue.hasPrefix("tender.")
            return { s throws(EvaluationFailure) in
                guard k < s.fields.count, let v = s.fields[k] else { throw Lowering.missingField(f, text, s, at: span) }
                if T.records {
                    let owner = (tenderField ? s.tenderID : s.bidID) ?? ""
                    s.record(key: key) {
                        Figure(name: f.rawValue, text: Format.value(v, f.type), value: v.numberOrNil, unit: f.type.unitText,
                               source: "\(owner) \(f.documentPath)")
                    }
                }
                return v
            }
        case .item(let f):
            let label = n.label
            return { s throws(EvaluationFailure) in
                guard s.item >= 0 else { throw s.fail(RulesDiagnostic.noItem, "`\(text)` read outside `for each`", at: span) }
                let c = s.commitments[s.item]
                let v = f.read(c)
                if T.records {
                    s.record(key: key + s.itemKey) {
                        Figure(name: label, text: Format.value(v, type), value: v.numberOrNil, unit: type.unitText,
                               source: "\(c.ref) \(CommitmentKind.xmlName(label))")
                    }
                }
                return v
            }
        case .slot(let i):
            let name = slotNames[i], source = slotSources[i]
            return { s throws(EvaluationFailure) in
                guard let v = s.slots[i] else { throw s.fail(RulesDiagnostic.notReady, "`\(text)` has no value yet", at: span) }
                if T.records {
                    s.record(key: key) {
                        Figure(name: name, text: Format.value(v, type), value: v.numberOrNil, unit: type.unitText, source: source)
                    }
                    s.recordFigures(ofSlot: i)
                }
                return v
            }
        case .carried(let i):
            return { s throws(EvaluationFailure) in i < s.carried.count ? s.carried[i] : .number(.zero) }
        case .aggregate(let i):
            return { s throws(EvaluationFailure) in
                guard i < s.aggregateValues.count, let v = s.aggregateValues[i] else {
                    throw s.fail(RulesDiagnostic.notReady, "`\(text)` is only known across bids", at: span)
                }
                return v
            }
        case .table, .arithmetic, .negate, .decile, .sum, .count:
            let x = number(n)
            return { s throws(EvaluationFailure) in .number(try x(&s)) }
        case .compare, .oneOf, .and, .or, .not, .deprived, .includes:
            let x = bool(n)
            return { s throws(EvaluationFailure) in .bool(try x(&s)) }
        }
    }

    // MARK: Helpers

    static func recordRate(_ table: CompiledTable, row: Int, key: Int, _ s: inout Frame) {
        let r = table.rows[row]
        s.record(key: key) {
            Figure(name: table.title, text: Format.value(.number(r.value), table.type), value: r.value, unit: table.type.unitText,
                   source: "table \(table.name) from \(r.from)")
        }
    }

    static func missingField(_ f: BidField, _ text: String, _ s: borrowing Frame, at span: SourceSpan) -> EvaluationFailure {
        guard s.bidID != nil else { return s.fail(RulesDiagnostic.noBid, "no bid to read `\(text)` from", at: span) }
        return s.fail(RulesDiagnostic.missingField, "the bid gives no \(f.documentPath), which `\(text)` reads", at: span)
    }

    static func noArea(_ text: String, _ s: borrowing Frame, at span: SourceSpan) -> EvaluationFailure {
        s.fail(RulesDiagnostic.noArea, "\(s.currentCommitment.map { "\($0.ref) " } ?? "")gives no area, which `\(text)` needs",
               at: span, hint: "use `deprived(…)`, which is false for a commitment without an area")
    }

    /// Where the current commitment's area is written in the bid.
    static func areaLocation(_ s: borrowing Frame) -> SourceLocation {
        if case .area(let ref?) = ItemField.area.read(s.commitments[s.item]) { return ref.location }
        return s.commitments[s.item].location
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

    /// `x = y`, where a set of groups equals a group it includes.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.groups(let x), .groups(let y)): x.bits & y.bits == y.bits && y.bits != 0 || x == y
        default: a == b
        }
    }
}
