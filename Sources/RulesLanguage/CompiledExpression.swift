import Areas
import Documents
import ExactNumbers

/// Thrown by compiled code wherever it cannot be sure of giving the interpreter's answer (a
/// failure to report, a value of an unexpected kind): the caller then runs the interpreter,
/// which gives the answer or the diagnostic. Compiled code never builds a diagnostic itself.
struct Bail: Error {}

/// What compiled expressions read and write while one bid is evaluated. The bid's fields and
/// its commitments' figures are read once, here, so an expression never copies the `Bid`.
struct CompiledState {
    let hasBid: Bool
    /// The bid and tender fields the scheme reads, by `ExpressionCompiler.fieldSlot`; nil when
    /// the bid leaves an optional field out.
    var fields: [Value?]
    var items: [ItemFigures]
    /// The commitments themselves, for the few fields `ItemFigures` does not carry.
    let commitments: [Commitment]
    let submitted: Instant?
    let areas: (any AreaLookup)?
    /// Index of the current commitment in `bid.commitments`, or -1 outside `for each`.
    var item = -1
    var slots: [Value?]
    /// The rate in force of each table on the bid's London date, found on first use.
    var rates: [Exact?]
    /// Cross-bid context.
    var carried: [Value] = []
    var aggregateValues: [Value?] = []

    init(program: Program, fieldsRead: [BidField], bid: Bid, tender: Tender, areas: (any AreaLookup)?) {
        hasBid = true
        fields = fieldsRead.map { $0.read(bid, tender) }
        items = bid.commitments.map(ItemFigures.init)
        commitments = bid.commitments
        submitted = bid.submitted
        self.areas = areas
        slots = Array(repeating: nil, count: program.slotCount)
        rates = Array(repeating: nil, count: program.tables.count)
    }

    /// For a cross-bid step: no bid, only slots, carried fields and aggregates.
    init(slots: [Value?], carried: [Value], aggregateValues: [Value?], tables: Int) {
        hasBid = false
        fields = []
        items = []
        commitments = []
        submitted = nil
        areas = nil
        self.slots = slots
        rates = Array(repeating: nil, count: tables)
        self.carried = carried
        self.aggregateValues = aggregateValues
    }
}

typealias OldNumberCode = @Sendable (inout CompiledState) throws(Bail) -> Exact
typealias OldBoolCode = @Sendable (inout CompiledState) throws(Bail) -> Bool
typealias OldValueCode = @Sendable (inout CompiledState) throws(Bail) -> Value

/// Turns checked nodes into closures, once per scheme. Each closure does what
/// `Interpreter.eval` does for its node with explanations off, minus the dispatch on the node
/// and the boxing of every intermediate result in a `Value`:
/// - `number(n)` is `eval(n).number`, `bool(n)` is `eval(n).bool`, `value(n)` is `eval(n)`;
/// - where `eval` throws, the closure throws `Bail`; it may also bail where `eval` would not,
///   never the other way round, so a result it does give is the interpreter's.
final class ExpressionCompiler {
    let tables: [CompiledTable]
    /// The bid and tender fields the compiled code reads, in slot order (see `fieldSlot`).
    private(set) var fieldsRead: [BidField] = []

    init(tables: [CompiledTable]) {
        self.tables = tables
    }

    /// Where `CompiledState.fields` holds field `f`.
    func fieldSlot(_ f: BidField) -> Int {
        if let i = fieldsRead.firstIndex(of: f) { return i }
        fieldsRead.append(f)
        return fieldsRead.count - 1
    }

    // MARK: Numbers

    func number(_ n: Node) -> OldNumberCode {
        switch n.op {
        case .constant(let v):
            let x = v.number
            return { _ throws(Bail) in x }
        case .bidField(let f):
            let k = fieldSlot(f)
            return { s throws(Bail) in
                guard s.hasBid, let v = s.fields[k] else { throw Bail() }
                return v.number
            }
        case .item(let f):
            return { s throws(Bail) in
                guard s.item >= 0 else { throw Bail() }
                return s.items[s.item].number(f) ?? .zero
            }
        case .table(let t):
            return table(t)
        case .slot(let i):
            return { s throws(Bail) in
                guard let v = s.slots[i] else { throw Bail() }
                return v.number
            }
        case .carried(let i):
            return { s throws(Bail) in i < s.carried.count ? s.carried[i].number : .zero }
        case .aggregate(let i):
            return { s throws(Bail) in
                guard i < s.aggregateValues.count, let v = s.aggregateValues[i] else { throw Bail() }
                return v.number
            }
        case .arithmetic(let op, let a, let b):
            let x = number(a), y = number(b)
            switch op {
            case "+": return { s throws(Bail) in try Self.add(try x(&s), try y(&s)) }
            case "-": return { s throws(Bail) in try Self.subtract(try x(&s), try y(&s)) }
            case "×": return { s throws(Bail) in try Self.multiply(try x(&s), try y(&s)) }
            default: return { s throws(Bail) in try Self.divide(try x(&s), try y(&s)) }
            }
        case .negate(let a):
            let x = number(a)
            return { s throws(Bail) in try Self.subtract(.zero, try x(&s)) }
        case .decile(let a):
            let area = value(a)
            return { s throws(Bail) in
                guard case .area(let ref) = try area(&s), let ref else { throw Bail() }
                return Exact(try Self.decile(ref.text, &s))
            }
        case .sum(let kind, let body, let filter):
            let x = number(body)
            let keep = filter.map(bool)
            return { s throws(Bail) in
                let saved = s.item
                defer { s.item = saved }
                var total = Exact.zero
                for index in s.items.indices where s.items[index].kind == kind {
                    s.item = index
                    if let keep, !(try keep(&s)) { continue }
                    total = try Self.add(total, try x(&s))
                }
                return total
            }
        case .count(let kind, let filter):
            let keep = filter.map(bool)
            return { s throws(Bail) in
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
            // Yes/no: `.number` of a `.bool` is zero, once the operands are evaluated.
            let b = bool(n)
            return { s throws(Bail) in
                _ = try b(&s)
                return .zero
            }
        }
    }

    /// `number(n)` where `eval(n)` is known to give a `.number`: bails when it would not.
    /// Nil for nodes of other kinds, which compare through `Value`.
    func strictNumber(_ n: Node) -> OldNumberCode? {
        switch n.op {
        case .constant(.number(let x)):
            return { _ throws(Bail) in x }
        case .constant:
            return nil
        case .bidField(let f):
            let k = fieldSlot(f)
            return { s throws(Bail) in
                guard s.hasBid, case .number(let x) = s.fields[k] else { throw Bail() }
                return x
            }
        case .item(let f):
            return { s throws(Bail) in
                guard s.item >= 0, let x = s.items[s.item].number(f) else { throw Bail() }
                return x
            }
        case .slot(let i):
            return { s throws(Bail) in
                guard case .number(let x) = s.slots[i] else { throw Bail() }
                return x
            }
        case .carried(let i):
            return { s throws(Bail) in
                guard i < s.carried.count else { return .zero }
                guard case .number(let x) = s.carried[i] else { throw Bail() }
                return x
            }
        case .aggregate(let i):
            return { s throws(Bail) in
                guard i < s.aggregateValues.count, case .number(let x) = s.aggregateValues[i] else { throw Bail() }
                return x
            }
        case .table, .arithmetic, .negate, .decile, .sum, .count:
            return number(n)
        case .compare, .oneOf, .and, .or, .not, .deprived, .includes:
            return nil
        }
    }

    // MARK: Yes/no

    func bool(_ n: Node) -> OldBoolCode {
        switch n.op {
        case .constant(let v):
            let b = v.bool
            return { _ throws(Bail) in b }
        case .compare(let op, let a, let b):
            if let x = strictNumber(a), let y = strictNumber(b) {
                switch op {
                case "<": return { s throws(Bail) in try x(&s) < (try y(&s)) }
                case "≤": return { s throws(Bail) in try x(&s) <= (try y(&s)) }
                case ">": return { s throws(Bail) in try x(&s) > (try y(&s)) }
                default: return { s throws(Bail) in try x(&s) >= (try y(&s)) }
                }
            }
            let x = value(a), y = value(b)
            return { s throws(Bail) in
                let p = try x(&s)
                return Interpreter.compare(op, p, try y(&s))
            }
        case .oneOf(let a, let options, let negated):
            let x = value(a)
            let os = options.map(value)
            return { s throws(Bail) in
                let v = try x(&s)
                var found = false
                for o in os where Interpreter.same(v, try o(&s)) {
                    found = true
                    break
                }
                return found != negated
            }
        case .and(let a, let b):
            let x = bool(a), y = bool(b)
            return { s throws(Bail) in try x(&s) ? try y(&s) : false }
        case .or(let a, let b):
            let x = bool(a), y = bool(b)
            return { s throws(Bail) in try x(&s) ? true : try y(&s) }
        case .not(let a):
            let x = bool(a)
            return { s throws(Bail) in !(try x(&s)) }
        case .deprived(let a):
            if case .item(.area) = a.op {
                // `deprived(job.area)`: the code read straight from the commitment. A
                // commitment of a kind without an area reads as text, which is not deprived.
                return { s throws(Bail) in
                    guard s.item >= 0, let text = s.items[s.item].areaText else { return false }
                    return try Self.decile(text, &s) <= 2
                }
            }
            let area = value(a)
            return { s throws(Bail) in
                guard case .area(let ref) = try area(&s), let ref else { return false }
                return try Self.decile(ref.text, &s) <= 2
            }
        case .includes(let a, let b, let any):
            if case .constant(.groups(let q)) = b.op, case .item(.targetGroups) = a.op {
                // `job.target_groups includes any of priority_groups`: the groups' bits
                // straight from the commitment (a kind without groups reads as text: false).
                return { s throws(Bail) in
                    guard s.item >= 0, let p = s.items[s.item].groups else { return false }
                    return any ? (p & q.bits) != 0 : (p & q.bits) == q.bits
                }
            }
            let x = value(a), y = value(b)
            return { s throws(Bail) in
                guard case .groups(let p) = try x(&s), case .groups(let q) = try y(&s) else { return false }
                return any ? (p.bits & q.bits) != 0 : (p.bits & q.bits) == q.bits
            }
        case .bidField, .item, .slot, .carried, .aggregate, .table, .arithmetic, .negate, .decile, .sum, .count:
            let v = value(n)
            return { s throws(Bail) in try v(&s).bool }
        }
    }

    // MARK: Any value

    func value(_ n: Node) -> OldValueCode {
        switch n.op {
        case .constant(let v):
            return { _ throws(Bail) in v }
        case .bidField(let f):
            let k = fieldSlot(f)
            return { s throws(Bail) in
                guard s.hasBid, let v = s.fields[k] else { throw Bail() }
                return v
            }
        case .item(let f):
            return { s throws(Bail) in
                guard s.item >= 0 else { throw Bail() }
                return f.read(s.commitments[s.item])
            }
        case .slot(let i):
            return { s throws(Bail) in
                guard let v = s.slots[i] else { throw Bail() }
                return v
            }
        case .carried(let i):
            return { s throws(Bail) in i < s.carried.count ? s.carried[i] : .number(.zero) }
        case .aggregate(let i):
            return { s throws(Bail) in
                guard i < s.aggregateValues.count, let v = s.aggregateValues[i] else { throw Bail() }
                return v
            }
        case .table, .arithmetic, .negate, .decile, .sum, .count:
            let x = number(n)
            return { s throws(Bail) in .number(try x(&s)) }
        case .compare, .oneOf, .and, .or, .not, .deprived, .includes:
            let x = bool(n)
            return { s throws(Bail) in .bool(try x(&s)) }
        }
    }

    // MARK: Helpers

    /// The rate of table `t` in force on the bid's London date (found once per bid).
    func table(_ t: Int) -> OldNumberCode {
        let rows = tables[t].rows
        return { s throws(Bail) in
            guard t < s.rates.count else { throw Bail() }
            if let rate = s.rates[t] { return rate }
            guard let submitted = s.submitted else { throw Bail() }
            let date = submitted.londonDate
            guard let found = rows.lastIndex(where: { $0.from <= date }),
                  rows[found].until.map({ date <= $0 }) ?? true else { throw Bail() }
            s.rates[t] = rows[found].value
            return rows[found].value
        }
    }

    static func decile(_ text: String, _ s: inout CompiledState) throws(Bail) -> Int {
        guard let areas = s.areas else { throw Bail() }
        do {
            return try areas.decile(of: text)
        } catch {
            throw Bail()
        }
    }

    // Exact arithmetic; an overflow or a division by zero is the interpreter's to report.
    static func add(_ a: Exact, _ b: Exact) throws(Bail) -> Exact {
        do { return try a.adding(b) } catch { throw Bail() }
    }

    static func subtract(_ a: Exact, _ b: Exact) throws(Bail) -> Exact {
        do { return try a.subtracting(b) } catch { throw Bail() }
    }

    static func multiply(_ a: Exact, _ b: Exact) throws(Bail) -> Exact {
        do { return try a.multiplied(by: b) } catch { throw Bail() }
    }

    static func divide(_ a: Exact, _ b: Exact) throws(Bail) -> Exact {
        do { return try a.divided(by: b) } catch { throw Bail() }
    }
}

