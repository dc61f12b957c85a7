import Areas
import Diagnostics
import Documents
import ExactNumbers

/// Resolves and checks a parsed scheme: unknown names (with a suggestion), type and unit
/// errors, rules that can never fire, caps below one item's points, totals whose weights do
/// not add up, and tables whose dates overlap. Reports every finding of the file at once.
public struct Checker {
    public private(set) var diagnostics: [Diagnostic] = []
    private var program: Program
    private let file: SchemeFile

    enum Symbol {
        case constant(Value, ValueType, text: String)
        case slot(Int, ValueType, kind: String)
        case table(Int, ValueType)
        /// A declaration whose own expression has an error, already reported where it is: a
        /// use of it is refused without a second, misleading diagnostic.
        case broken
    }

    private var symbols: [String: Symbol] = [:]
    /// Constant arithmetic that cannot be done (`1 ÷ 0`), found while folding.
    private var foldFailures: [Diagnostic] = []
    /// Every name the file declares, with where, so a use before the declaration says so.
    private var declaredLater: [String: SourceSpan] = [:]
    /// Uses of `.broken` declarations: refused, their error already counted.
    private var brokenUses = 0
    /// Errors and uses of broken declarations so far: an expression the checker refuses
    /// must have added to this, so that nothing is dropped in silence.
    private var reported: Int { diagnostics.count + foldFailures.count + brokenUses }

    /// What an expression may read where it stands.
    struct Scope {
        var items: [CommitmentKind] = []
        var crossBid = false
        var inAggregate = false
        var constant = false
    }

    public static func check(_ file: SchemeFile) -> (Program?, [Diagnostic]) {
        var checker = Checker(file: file)
        checker.run()
        let errors = checker.diagnostics.contains { $0.severity == .error }
        guard !errors else { return (nil, checker.diagnostics) }
        checker.program.executable = Executable(checker.program)
        return (checker.program, checker.diagnostics)
    }

    init(file: SchemeFile) {
        self.file = file
        self.program = Program(file: file.file, name: file.name ?? "", version: file.version, source: file.source)
    }

    private mutating func error(_ id: RulesDiagnostic, _ message: String, at span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(id, at: span, message: message, hint: hint))
    }

    private mutating func warning(_ id: RulesDiagnostic, _ message: String, at span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(id, severity: .warning, at: span, message: message, hint: hint))
    }

    private static let reserved: Set<String> = [
        "bid", "bidder", "fair_work", "tender", "job", "apprenticeship", "placement", "training", "supply_chain",
        "volunteering", "sum", "count", "highest", "lowest", "and", "or", "not", "is", "when", "otherwise", "total",
    ]

    // MARK: - Driver

    mutating func run() {
        if file.name == nil {
            error(RulesDiagnostic.noName, "the scheme has no name", at: file.span, hint: "start the file with `scheme \"Name of the scheme\"`")
        }
        collectNames()
        for decl in file.order {
            switch decl {
            case .table(let i): checkTable(file.tables[i])
            case .named(let i): checkNamed(file.named[i])
            case .gate(let i): checkGate(file.gates[i])
            case .line(let i): checkLine(file.lines[i])
            }
        }
        checkTotal()
        checkTies()
        checkDeliveryStatus()
        program.examples = file.examples
        checkExamples()
        diagnostics += foldFailures
    }

    private mutating func collectNames() {
        var seen: [String: SourceSpan] = [:]
        func declare(_ name: String, _ span: SourceSpan, _ what: String, into checker: inout Checker) {
            if let earlier = seen[name] {
                checker.error(RulesDiagnostic.duplicate, "`\(name)` is already declared at line \(earlier.start.line)", at: span,
                              hint: "give this \(what) another name")
            } else if Checker.reserved.contains(name) && what != "line" && what != "score" {
                checker.error(RulesDiagnostic.reserved, "`\(name)` is a word of the language and cannot name a \(what)", at: span)
            } else {
                seen[name] = span
            }
        }
        for decl in file.order {
            switch decl {
            case .table(let i): declare(file.tables[i].name, file.tables[i].span, "table", into: &self)
            case .named(let i): declare(file.named[i].name, file.named[i].span, file.named[i].kind.rawValue, into: &self)
            case .gate(let i): declare(file.gates[i].id, file.gates[i].span, "gate", into: &self)
            case .line(let i): declare(file.lines[i].id, file.lines[i].span, file.lines[i].crossBid ? "score" : "line", into: &self)
            }
        }
        if file.total != nil, let earlier = seen["total"] {
            error(RulesDiagnostic.duplicate, "`total` is the id of the scheme's total; a line cannot use it", at: earlier)
        }
        declaredLater = seen
    }

    private mutating func newSlot(_ name: String, kind: String) -> Int {
        program.slotNames.append(name)
        program.slotSources.append("\(kind) \(name)")
        program.slotCount += 1
        return program.slotCount - 1
    }

    // MARK: - Declarations

    private mutating func checkTable(_ t: TableDecl) {
        var type = ValueType.quantity(.number)
        switch t.unit {
        case "£ per hour", "£ per hours": type = .rate
        case "£": type = .money
        case "points": type = .points
        case "weeks": type = .quantity(.weeks)
        case "hours": type = .quantity(.hours)
        case nil, "": break
        default:
            error(RulesDiagnostic.unknownUnit, "unknown unit `\(t.unit ?? "")` for table `\(t.name)`", at: t.span,
                  hint: "use `in £ per hour`, `in £`, `in points`, `in weeks` or `in hours`")
        }
        if t.rows.isEmpty {
            error(RulesDiagnostic.emptyTable, "table `\(t.name)` has no rows", at: t.span,
                  hint: "add rows such as `£12.21 from 2025-04-01`")
        }
        var rows: [(from: CalendarDate, until: CalendarDate?, value: Exact)] = []
        for row in t.rows {
            guard let node = compile(row.value, Scope(constant: true)) else { continue }
            let rowType = node.type == .money && type == .rate ? .rate : node.type
            if !ValueType.comparable(rowType, type) || (rowType != type && rowType != .quantity(.number)) {
                error(RulesDiagnostic.type, "this row gives \(node.type) but table `\(t.name)` holds \(type)", at: row.value.span,
                      hint: type == .rate ? "write rates as `£12.21` in a table declared `in £ per hour`" : nil)
                continue
            }
            guard case .constant(.number(let v)) = node.op else {
                error(RulesDiagnostic.notConstant, "a table row must be a number", at: row.value.span)
                continue
            }
            if let last = rows.last, row.from <= last.from {
                error(RulesDiagnostic.tableOverlap,
                      "table `\(t.name)`: the row from \(row.from) overlaps the row from \(last.from) above it",
                      at: row.span, hint: "rows must be in date order with distinct `from` dates")
            }
            rows.append((row.from, nil, v))
        }
        program.tables.append(CompiledTable(name: t.name, title: t.title, short: t.short, type: type, rows: rows, span: t.span))
        symbols[t.name] = .table(program.tables.count - 1, type)
    }

    private mutating func checkNamed(_ d: NamedDecl) {
        switch d.kind {
        case .constant:
            guard let expr = d.expr, let node = compile(expr, Scope(constant: true)) else {
                symbols[d.name] = .broken
                return
            }
            guard case .constant(let v) = node.op else {
                symbols[d.name] = .broken
                if foldFailures.contains(where: { $0.span == node.span }) { return }
                error(RulesDiagnostic.notConstant, "constant `\(d.name)` reads the bid", at: expr.span,
                      hint: "use `value \(d.name) = …` for a figure computed from each bid")
                return
            }
            symbols[d.name] = .constant(v, node.type, text: d.name)
            // The contract's priority groups for the annual report (annual-report.md).
            if d.name == "priority_groups" {
                if case .groups(let set) = v {
                    program.priorityGroups = set.groups
                } else {
                    error(RulesDiagnostic.priorityGroups, "`priority_groups` is \(node.type), not a set of target groups",
                          at: expr.span, hint: "write e.g. `constant priority_groups = all groups except school-pupil`")
                }
            }
        case .value:
            guard let expr = d.expr, let node = compile(expr, Scope()) else {
                symbols[d.name] = .broken
                return
            }
            let slot = newSlot(d.name, kind: "value")
            program.values.append(CompiledValue(name: d.name, title: d.title ?? d.name, slot: slot, node: node, span: d.span))
            program.steps.append(.value(program.values.count - 1))
            symbols[d.name] = .slot(slot, node.type, kind: "value")
        case .input:
            var maximum: Exact?
            if let m = d.maximum {
                maximum = fixedNumber(m, what: "an input's maximum")
            }
            let slot = newSlot(d.name, kind: "input")
            program.inputs.append(CompiledInput(name: d.name, title: d.title ?? d.name, slot: slot, maximum: maximum, span: d.span))
            symbols[d.name] = .slot(slot, .points, kind: "input")
        }
    }

    private mutating func checkGate(_ g: GateDecl) {
        guard let passExpr = g.pass, let pass = compileCondition(passExpr, Scope(), what: "a gate's `pass when`") else { return }
        if case .constant(.bool(let b)) = pass.op {
            warning(RulesDiagnostic.neverFires, b ? "gate `\(g.id)` always passes" : "gate `\(g.id)` never passes",
                    at: passExpr.span, hint: "its condition does not depend on the bid")
        }
        var explain: [ExplainPart]?
        if let template = g.explain {
            explain = compileTemplate(template, at: g.explainSpan ?? g.span)
        }
        program.gates.append(CompiledGate(id: g.id, title: g.title, pass: pass, explain: explain, span: g.span))
        program.steps.append(.gate(program.gates.count - 1))
    }

    private mutating func compileTemplate(_ template: String, at span: SourceSpan) -> [ExplainPart] {
        var parts: [ExplainPart] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            parts.append(.text(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "}") else {
                error(RulesDiagnostic.template, "`{` in the explanation has no closing `}`", at: span)
                return parts
            }
            let raw = rest[rest.index(after: open)..<close]
            let inner = String(raw).trimmingCharacters(in: .whitespaces)
            // Where the text between the braces starts in the file: the template is written
            // between quotes with no escapes, so a name in it is reported where it stands.
            let leading = raw.prefix { $0 == " " || $0 == "\t" }.count
            let offset = template.distance(from: template.startIndex, to: raw.startIndex) + leading
            let innerStart = SourceLocation(file: span.start.file, line: span.start.line, column: span.start.column + 1 + offset)
            let (expr, diags) = Parser.parseExpression(inner, file: span.start.file, at: innerStart)
            if let expr, diags.isEmpty {
                if let node = compile(expr, Scope()) { parts.append(.value(node)) }
            } else {
                error(RulesDiagnostic.template, "cannot read `{\(inner)}` in the explanation",
                      at: SourceSpan(start: innerStart, length: max(1, inner.count)),
                      hint: "put a name or field between braces, e.g. `{bid.price}`")
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return parts
    }

    private mutating func checkLine(_ l: LineDecl) {
        var scope = Scope()
        var kind: CommitmentKind?
        if let each = l.each {
            if let k = CommitmentKind(word: each) {
                kind = k
                scope.items = [k]
            } else {
                error(RulesDiagnostic.unknownKind, "`\(each)` is not a kind of commitment", at: l.eachSpan ?? l.span,
                      hint: Checker.kindHint(each))
            }
            if l.crossBid {
                error(RulesDiagnostic.scoreEach, "a score is computed across bids and cannot run `for each`", at: l.eachSpan ?? l.span,
                      hint: "use a `line` for points per commitment, then a `score` over its result")
            }
        }
        scope.crossBid = l.crossBid
        var compiled = CompiledLine(id: l.id, title: l.title, each: kind, skips: [], points: [], adjustments: [], cap: nil,
                                    maximum: nil, slot: 0, span: l.span, crossBid: l.crossBid)
        compiled.noun = kind?.word.replacingOccurrences(of: "_", with: " ") ?? ""
        var unconditionalPoints: SourceSpan?
        var minimumItem: Exact?
        var constantBonuses: [(Exact, SourceSpan)] = []
        var capSpan: SourceSpan?
        for clause in l.clauses {
            switch clause {
            case .skip(let when, let because, let span):
                guard let c = compileCondition(when, scope, what: "`skip when`") else { continue }
                if case .constant(.bool(let b)) = c.op {
                    if b {
                        error(RulesDiagnostic.neverFires, "this skip always applies: `\(l.id)` can never give points", at: span)
                    } else {
                        warning(RulesDiagnostic.neverFires, "this skip can never apply", at: span)
                    }
                } else if neverTrue(c) {
                    warning(RulesDiagnostic.neverFires, "this skip can never apply: `\(when.text)` is never true", at: when.span)
                }
                compiled.skips.append((c, because))
            case .points(let e, let when, let otherwise, let span):
                if let earlier = unconditionalPoints {
                    error(RulesDiagnostic.neverFires,
                          "this points row can never apply: the row at line \(earlier.start.line) always applies first",
                          at: span, hint: "put rows with `when` before the row that always applies")
                }
                guard let v = compile(e, scope) else { continue }
                checkPointsType(v, at: e.span)
                var cond: Node?
                if let when {
                    cond = compileCondition(when, scope, what: "a points row's `when`")
                    if let c = cond, neverTrue(c) {
                        warning(RulesDiagnostic.neverFires, "this points row can never apply: `\(when.text)` is never true", at: when.span)
                    }
                } else {
                    unconditionalPoints = span
                }
                _ = otherwise
                if let low = lowerBound(v) { minimumItem = minimumItem.map { min($0, low) } ?? low }
                compiled.points.append((v, cond))
            case .times(let e, let when, let because, let span), .plus(let e, let when, let because, let span),
                 .minus(let e, let when, let because, let span):
                guard let v = compile(e, scope) else { continue }
                let kindOfClause: Adjustment.Kind
                switch clause {
                case .times: kindOfClause = .times
                case .plus: kindOfClause = .plus
                default: kindOfClause = .minus
                }
                if kindOfClause == .times {
                    if !(v.type == .quantity(.number) || v.type == .percent) {
                        error(RulesDiagnostic.type, "a multiplier must be a plain number, not \(v.type)", at: e.span,
                              hint: "write e.g. `times 1.5 when …`")
                    }
                } else {
                    checkPointsType(v, at: e.span)
                }
                var cond: Node?
                if let when {
                    cond = compileCondition(when, scope, what: "`when`")
                    if let c = cond {
                        if case .constant(.bool(false)) = c.op {
                            warning(RulesDiagnostic.neverFires, "this step can never apply", at: span)
                        } else if neverTrue(c) {
                            warning(RulesDiagnostic.neverFires, "this step can never apply: `\(when.text)` is never true", at: when.span)
                        }
                    }
                }
                if kindOfClause == .plus, case .constant(.number(let n)) = v.op { constantBonuses.append((n, span)) }
                compiled.adjustments.append(Adjustment(kind: kindOfClause, value: v, condition: cond, because: because))
            case .cap(let e, let span), .maximum(let e, let span):
                guard let n = fixedNumber(e, what: "a cap or maximum") else { continue }
                if case .cap = clause {
                    compiled.cap = n
                    capSpan = span
                } else {
                    compiled.maximum = n
                }
            }
        }
        if let cap = compiled.cap, let span = capSpan {
            if compiled.maximum == nil { compiled.maximum = cap }
            var single = minimumItem
            if kind == nil { single = constantBonuses.map(\.0).max().map { max($0, single ?? .zero) } ?? single }
            if let single, cap < single {
                error(RulesDiagnostic.capBelowItem,
                      "cap \(cap.decimalString()) is below the \(single.decimalString()) point\(single == 1 ? "" : "s") a single \(kind?.word ?? "condition") gives",
                      at: span, hint: "raise the cap or lower the points: as written every counted \(kind?.word ?? "item") is cut")
            }
        }
        if l.clauses.allSatisfy({ if case .cap = $0 { true } else if case .maximum = $0 { true } else { false } }) {
            error(RulesDiagnostic.noPoints, "`\(l.id)` gives no points", at: l.span, hint: "add a `points …` or `plus … when …` clause")
        }
        compiled.preparedPointsTexts = Wording.pointsRows(compiled.points)
        compiled.noRowReason = Wording.noRowApplies(compiled.points)
        compiled.slot = newSlot(l.id, kind: l.crossBid ? "score" : "line")
        if l.crossBid {
            program.scores.append(compiled)
            symbols[l.id] = .slot(compiled.slot, .points, kind: "score")
        } else {
            program.lines.append(compiled)
            program.steps.append(.line(program.lines.count - 1))
            symbols[l.id] = .slot(compiled.slot, .points, kind: "line")
        }
    }

    private mutating func checkPointsType(_ v: Node, at span: SourceSpan) {
        if !v.type.canBePoints {
            let hint: String? = v.type == .money
                ? "money is not points: divide by an amount, e.g. `supply_chain.amount ÷ £20,000`" : nil
            error(RulesDiagnostic.type, "points must be a number, not \(v.type)", at: span, hint: hint)
        }
    }

    private mutating func checkTotal() {
        guard let t = file.total else {
            if !file.lines.isEmpty {
                warning(RulesDiagnostic.noTotal, "the scheme has no `total`: bids cannot be ranked", at: file.span,
                        hint: "add `total \"Total\" out of 100` listing the lines and scores to add")
            }
            return
        }
        var outOf: Exact?
        if let e = t.outOf { outOf = fixedNumber(e, what: "the total's `out of`") }
        var rows: [(name: String, slot: Int, weight: Exact?, maximum: Exact?)] = []
        var sum = Exact.zero
        var complete = true
        let weighted = t.rows.contains { $0.weight != nil }
        for row in t.rows {
            guard case .slot(let slot, _, let kind)? = symbols[row.name], kind == "line" || kind == "score" || kind == "input" else {
                let candidates = program.lines.map(\.id) + program.scores.map(\.id)
                error(RulesDiagnostic.unknownName, "`\(row.name)` is not a line or score", at: row.span,
                      hint: Spelling.closest(to: row.name, among: candidates).map { "did you mean `\($0)`?" })
                complete = false
                continue
            }
            let maximum = (program.lines + program.scores).first { $0.slot == slot }?.maximum
                ?? program.inputs.first { $0.slot == slot }?.maximum
            var weight: Exact?
            if let w = row.weight {
                if let v = fixedNumber(w, what: "a weight") {
                    weight = v
                    if maximum == nil {
                        error(RulesDiagnostic.weightWithoutMaximum, "`\(row.name)` is weighted but states no maximum", at: row.span,
                              hint: "add `maximum N` to `\(row.name)` so its points can be scaled to the weight")
                    }
                } else {
                    complete = false
                }
            } else if weighted {
                error(RulesDiagnostic.weight, "`\(row.name)` has no weight while other rows do", at: row.span,
                      hint: "write `\(row.name) weighted N`")
            }
            if let contribution = weight ?? maximum { sum = sum + contribution } else { complete = false }
            rows.append((row.name, slot, weight, maximum))
        }
        if let outOf, complete, sum != outOf {
            error(RulesDiagnostic.weights, "the total is out of \(outOf.decimalString()) but its \(weighted ? "weights" : "maxima") add up to \(sum.decimalString())",
                  at: t.span, hint: "make the \(weighted ? "weights" : "maxima of the rows") add up to \(outOf.decimalString())")
        }
        let slot = newSlot("total", kind: "score")
        program.total = CompiledTotal(title: t.title, outOf: outOf, rows: rows, slot: slot, span: t.span)
        symbols["total"] = .slot(slot, .points, kind: "score")
    }

    private mutating func checkDeliveryStatus() {
        guard let status = file.deliveryStatus else { return }
        if status.amber > status.green || status.amber.isNegative {
            error(RulesDiagnostic.deliveryStatus, "the amber threshold (\(status.amber)%) must be between 0% and the green threshold (\(status.green)%)",
                  at: status.span, hint: "e.g. `delivery status green from 90% amber from 70%`")
            return
        }
        program.deliveryStatus = DeliveryThresholds(green: status.green, amber: status.amber)
    }

    private mutating func checkTies() {
        for tie in file.ties {
            if case .field("bid", "submitted", _) = tie.expr.kind {
                program.ties.append(CompiledTie(key: .submitted, descending: tie.direction == "later",
                                                text: Wording.tieBreak(direction: tie.direction ?? "earlier", words: Wording.fieldWords("bid.submitted"))))
                continue
            }
            if case .field("bid", "id", _) = tie.expr.kind {
                program.ties.append(CompiledTie(key: .bidID, descending: false, text: Wording.fieldWords("bid.id")))
                continue
            }
            guard let node = compile(tie.expr, Scope(crossBid: true)) else { continue }
            if !node.type.isNumeric {
                error(RulesDiagnostic.type, "a tie-break must be a number, not \(node.type)", at: tie.expr.span)
                continue
            }
            guard let direction = tie.direction else {
                error(RulesDiagnostic.parseExpected, "say which way the tie-break goes: `more`, `less`, `higher` or `lower`", at: tie.span)
                continue
            }
            let descending = direction == "more" || direction == "higher" || direction == "later"
            program.ties.append(CompiledTie(key: .node(node), descending: descending,
                                            text: Wording.tieBreak(direction: direction, words: Wording.words(of: node, in: program))))
        }
    }

    private mutating func checkExamples() {
        let gateIDs = file.gates.map(\.id)
        let ids = Set(file.lines.map(\.id) + ["total"])
        for example in file.examples {
            for item in example.items {
                switch item {
                case .expect(let e):
                    switch e.what {
                    case .points(let id, _), .skips(let id, _, _):
                        if !ids.contains(id) {
                            error(RulesDiagnostic.unknownName, "`\(id)` is not a line, score or `total`", at: e.nameSpan ?? e.span,
                                  hint: Spelling.closest(to: id, among: Array(ids)).map { "did you mean `\($0)`?" })
                        }
                    case .gate(let id, _):
                        if !gateIDs.contains(id) {
                            error(RulesDiagnostic.unknownName, "`\(id)` is not a gate", at: e.nameSpan ?? e.span,
                                  hint: Spelling.closest(to: id, among: gateIDs).map { "did you mean `\($0)`?" })
                        }
                    default: break
                    }
                case .commitment(let kind, _, let fields, let span):
                    guard let k = CommitmentKind(word: kind) else {
                        error(RulesDiagnostic.unknownKind, "`\(kind)` is not a kind of commitment", at: span, hint: Checker.kindHint(kind))
                        continue
                    }
                    let names = k.fields.map(\.0)
                    for (f, value, fspan) in fields {
                        guard let type = k.fields.first(where: { $0.0 == f })?.1 else {
                            error(RulesDiagnostic.unknownField, "a \(kind) has no field `\(f)`", at: fspan,
                                  hint: Spelling.closest(to: f, among: names).map { "did you mean `\($0)`?" } ?? "fields: \(names.joined(separator: ", "))")
                            continue
                        }
                        checkExampleWords(value, type)
                    }
                case .set(let object, let field, let value, let span):
                    if let f = BidField(rawValue: "\(object).\(field)") {
                        checkExampleWords(value, f.type)
                    } else {
                        let all = BidField.allCases.map(\.rawValue)
                        error(RulesDiagnostic.unknownField, "unknown field `\(object).\(field)`", at: span,
                              hint: Spelling.closest(to: "\(object).\(field)", among: all).map { "did you mean `\($0)`?" })
                    }
                case .area(_, let index, _, _, let span):
                    let names = DeprivationIndex.allCases.map(\.rawValue)
                    if !names.contains(where: { $0.lowercased() == index.lowercased() }) {
                        error(RulesDiagnostic.unknownValue, "`\(index)` is not a deprivation index", at: span,
                              hint: Spelling.closest(to: index, among: names).map { "did you mean `\($0)`?" }
                                ?? "use SIMD 2020v2, IMD 2019 or WIMD 2019")
                    }
                case .input(let name, _, let span):
                    if !program.inputs.contains(where: { $0.name == name }) {
                        error(RulesDiagnostic.unknownName, "`\(name)` is not an input of the scheme", at: span)
                    }
                default: break
                }
            }
        }
    }

    /// The named words an example gives a field (`level modern`, `kind sme`, `target_groups
    /// young-person`, `bidder.size small`): a misspelt word would otherwise fall back to a
    /// default or fail only when the example runs.
    private mutating func checkExampleWords(_ value: Expr, _ type: ValueType) {
        switch type {
        case .choice(let choice):
            guard case .name(let w) = value.kind else { return }
            if !choice.words.contains(w) {
                error(RulesDiagnostic.unknownValue, "`\(w)` is not a \(choice.rawValue)", at: value.span,
                      hint: Spelling.closest(to: w, among: choice.words).map { "did you mean `\($0)`?" }
                        ?? "one of: \(choice.words.joined(separator: ", "))")
            }
        case .groups:
            let items: [Expr]
            switch value.kind {
            case .name: items = [value]
            case .groupSet(_, let list): items = list
            default: return
            }
            for item in items {
                guard case .name(let w) = item.kind, TargetGroup(rawValue: w) == nil else { continue }
                error(RulesDiagnostic.unknownValue, "`\(w)` is not a target group", at: item.span,
                      hint: Spelling.closest(to: w, among: TargetGroup.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" })
            }
        default:
            return
        }
    }

    // MARK: - Expressions

    private mutating func compileCondition(_ e: Expr, _ scope: Scope, what: String) -> Node? {
        guard let n = compile(e, scope) else { return nil }
        if n.type != .bool {
            error(RulesDiagnostic.type, "\(what) needs a yes/no condition, not \(n.type)", at: e.span,
                  hint: "compare it, e.g. `\(e.text) ≥ …`")
            return nil
        }
        return n
    }

    private func allNames(_ scope: Scope) -> [String] {
        var names = Array(symbols.keys)
        for k in scope.items { names += k.fields.map { "\(k.word).\($0.0)" } }
        names += BidField.allCases.map(\.rawValue)
        names += TargetGroup.allCases.map(\.rawValue)
        return names
    }

    /// Resolves and types one expression. Nil only with an error reported (here or at a
    /// declaration it uses): a construct is never dropped in silence.
    mutating func compile(_ e: Expr, _ scope: Scope) -> Node? {
        let before = reported
        let node = resolve(e, scope)
        if node == nil, reported == before {
            assertionFailure("the checker refused `\(e.text)` without a diagnostic")
            error(RulesDiagnostic.internalError, "cbscore could not check `\(e.text)`", at: e.span,
                  hint: "please report this scheme: every refusal should say why")
        }
        return node
    }

    private mutating func resolve(_ e: Expr, _ scope: Scope) -> Node? {
        let text = e.text
        func node(_ op: Node.Op, _ type: ValueType, label: String = "") -> Node {
            Node(op: op, type: type, span: e.span, text: text, label: label)
        }
        switch e.kind {
        case .number(let v, let unit):
            return node(.constant(.number(v)), ValueType.unitWord(unit))
        case .money(let v, let perHour):
            return node(.constant(.number(v)), perHour ? .rate : .money)
        case .percent(let v):
            return node(.constant(.number(v / Exact(100))), .percent)
        case .date(let d):
            return node(.constant(.date(d)), .date)
        case .bool(let b):
            return node(.constant(.bool(b)), .bool)
        case .text(let s):
            return node(.constant(.text(s)), .text)
        case .name(let name):
            return compileName(name, e, scope)
        case .field(let object, let field, let fieldSpan):
            return compileField(object, field, fieldSpan, e, scope)
        case .arithmetic(let op, let l, let r):
            guard let a = compile(l, scope), let b = compile(r, scope) else { return nil }
            switch ValueType.arithmetic(op, a.type, b.type) {
            case .success(let t):
                let n = node(.arithmetic(Character(op), a, b), t)
                return fold(n)
            case .failure(let m):
                error(RulesDiagnostic.unit, m.message, at: e.span, hint: m.hint)
                return nil
            }
        case .negate(let inner):
            guard let a = compile(inner, scope) else { return nil }
            guard a.type.isNumeric else {
                error(RulesDiagnostic.type, "cannot negate \(a.type)", at: e.span)
                return nil
            }
            return fold(node(.negate(a), a.type))
        case .compare(let op, let l, let r):
            guard let a = compile(l, scope), let b = compile(r, scope) else { return nil }
            if op == "=" || op == "≠" {
                guard ValueType.comparable(a.type, b.type) || a.type == b.type else {
                    error(RulesDiagnostic.unit, "cannot compare \(a.type) with \(b.type)", at: e.span)
                    return nil
                }
                return fold(node(.oneOf(a, [b], negated: op == "≠"), .bool))
            }
            guard a.type.isNumeric || a.type == .date, ValueType.comparable(a.type, b.type) else {
                var hint: String?
                if (a.type == .rate && b.type == .money) || (a.type == .money && b.type == .rate) {
                    hint = "write an hourly rate as `£12.21 per hour`"
                }
                error(RulesDiagnostic.unit, "cannot compare \(a.type) with \(b.type)", at: e.span, hint: hint)
                return nil
            }
            return fold(node(.compare(op, a, b), .bool))
        case .isOneOf(let l, let options, let negated):
            guard let a = compile(l, scope) else { return nil }
            var compiled: [Node] = []
            for o in options {
                guard let b = compileOption(o, for: a, scope) else { return nil }
                compiled.append(b)
            }
            return fold(node(.oneOf(a, compiled, negated: negated), .bool))
        case .and(let l, let r), .or(let l, let r):
            guard let a = compileCondition(l, scope, what: "`and`/`or`"), let b = compileCondition(r, scope, what: "`and`/`or`") else {
                return nil
            }
            if case .and = e.kind { return fold(node(.and(a, b), .bool)) }
            return fold(node(.or(a, b), .bool))
        case .not(let inner):
            guard let a = compileCondition(inner, scope, what: "`not`") else { return nil }
            return fold(node(.not(a), .bool))
        case .call(let name, let arg):
            guard let a = compile(arg, scope) else { return nil }
            guard a.type == .area else {
                error(RulesDiagnostic.type, "`\(name)` needs an area (e.g. `job.area`), not \(a.type)", at: arg.span)
                return nil
            }
            if scope.constant {
                error(RulesDiagnostic.notConstant, "a constant cannot look up an area", at: e.span)
                return nil
            }
            return name == "decile" ? node(.decile(a), .quantity(.decile)) : node(.deprived(a), .bool)
        case .includes(let l, let r, let any):
            guard let a = compile(l, scope) else { return nil }
            guard a.type == .groups || a.type == .group else {
                error(RulesDiagnostic.type, "`includes` needs target groups on its left, not \(a.type)", at: l.span)
                return nil
            }
            guard let b = compileGroups(r, scope) else { return nil }
            return fold(node(.includes(a, b, any: any), .bool))
        case .sum(let body, let kindWord, let kindSpan, let filter):
            guard let kind = commitmentKind(kindWord, kindSpan) else { return nil }
            var inner = scope
            inner.items.append(kind)
            guard let b = compile(body, inner) else { return nil }
            guard b.type.isNumeric else {
                error(RulesDiagnostic.type, "cannot add up \(b.type)", at: body.span)
                return nil
            }
            var f: Node?
            if let filter { f = compileCondition(filter, inner, what: "`where`") }
            if scope.constant {
                error(RulesDiagnostic.notConstant, "a constant cannot read the bid's commitments", at: e.span)
                return nil
            }
            return node(.sum(kind, b, filter: f), b.type)
        case .count(let kindWord, let kindSpan, let filter):
            guard let kind = commitmentKind(kindWord, kindSpan) else { return nil }
            var inner = scope
            inner.items.append(kind)
            var f: Node?
            if let filter { f = compileCondition(filter, inner, what: "`where`") }
            if scope.constant {
                error(RulesDiagnostic.notConstant, "a constant cannot read the bid's commitments", at: e.span)
                return nil
            }
            return node(.count(kind, filter: f), .quantity(.number))
        case .highest(let inner), .lowest(let inner):
            guard scope.crossBid else {
                error(RulesDiagnostic.crossBid, "`highest` and `lowest` compare bids: use them in a `score`", at: e.span,
                      hint: "a `line` scores one bid; a `score` is computed across the bids of a tender")
                return nil
            }
            var s = scope
            s.inAggregate = true
            guard let a = compile(inner, s) else { return nil }
            guard a.type.isNumeric else {
                error(RulesDiagnostic.type, "cannot take the highest or lowest of \(a.type)", at: inner.span)
                return nil
            }
            let isHighest: Bool
            if case .highest = e.kind { isHighest = true } else { isHighest = false }
            program.aggregates.append(Aggregate(highest: isHighest, node: a, text: inner.text,
                                                name: Wording.aggregateName(highest: isHighest, of: Wording.words(of: a, in: program))))
            return node(.aggregate(program.aggregates.count - 1), a.type)
        case .groupSet:
            return compileGroups(e, scope)
        }
    }

    /// The kind named after `for each` in a sum or count; a misspelt kind is an error at the
    /// word (it would otherwise sum over nothing, or drop the condition it stands in).
    private mutating func commitmentKind(_ word: String, _ span: SourceSpan) -> CommitmentKind? {
        if let kind = CommitmentKind(word: word) { return kind }
        error(RulesDiagnostic.unknownKind, "`\(word)` is not a kind of commitment", at: span, hint: Checker.kindHint(word))
        return nil
    }

    static func kindHint(_ word: String) -> String {
        Spelling.closest(to: word, among: CommitmentKind.allCases.map(\.word)).map { "did you mean `\($0)`?" }
            ?? "use job, apprenticeship, placement, training, supply_chain or volunteering"
    }

    /// A cap, maximum, weight or `out of`: a number fixed by the scheme. Anything else is an
    /// error at the expression, never a figure left out.
    private mutating func fixedNumber(_ e: Expr, what: String) -> Exact? {
        guard let node = compile(e, Scope(constant: true)) else { return nil }
        guard case .constant(.number(let v)) = node.op, node.type.isNumeric else {
            error(RulesDiagnostic.notConstant, "\(what) must be a fixed number", at: e.span)
            return nil
        }
        return v
    }

    private mutating func compileOption(_ o: Expr, for a: Node, _ scope: Scope) -> Node? {
        if case .choice(let choice) = a.type, case .name(let w) = o.kind, symbols[w] == nil {
            guard let index = choice.words.firstIndex(of: w) else {
                error(RulesDiagnostic.unknownValue, "`\(w)` is not a \(choice.rawValue)", at: o.span,
                      hint: Spelling.closest(to: w, among: choice.words).map { "did you mean `\($0)`?" }
                        ?? "one of: \(choice.words.joined(separator: ", "))")
                return nil
            }
            return Node(op: .constant(.choice(UInt8(index))), type: a.type, span: o.span, text: w)
        }
        guard let b = compile(o, scope) else { return nil }
        guard ValueType.comparable(a.type, b.type) else {
            error(RulesDiagnostic.unit, "cannot compare \(a.type) with \(b.type)", at: o.span)
            return nil
        }
        return b
    }

    private mutating func compileGroups(_ e: Expr, _ scope: Scope) -> Node? {
        if case .groupSet(let all, let items) = e.kind {
            var set = all ? GroupSet.all : GroupSet(bits: 0)
            for item in items {
                guard case .name(let w) = item.kind, let g = TargetGroup(rawValue: w) else {
                    let word: String
                    if case .name(let w) = item.kind { word = w } else { word = item.text }
                    error(RulesDiagnostic.unknownValue, "`\(word)` is not a target group", at: item.span,
                          hint: Spelling.closest(to: word, among: TargetGroup.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" })
                    return nil
                }
                if all { set.bits &= ~GroupSet.bit(g) } else { set.bits |= GroupSet.bit(g) }
            }
            return Node(op: .constant(.groups(set)), type: .groups, span: e.span, text: e.text)
        }
        guard let b = compile(e, scope) else { return nil }
        guard b.type == .groups || b.type == .group else {
            error(RulesDiagnostic.type, "expected target groups, not \(b.type)", at: e.span)
            return nil
        }
        return b
    }

    private mutating func compileName(_ name: String, _ e: Expr, _ scope: Scope) -> Node? {
        let text = e.text
        if let symbol = symbols[name] {
            switch symbol {
            case .constant(let v, let t, _):
                return Node(op: .constant(v), type: t, span: e.span, text: text, label: name)
            case .table(let i, let t):
                if scope.constant {
                    error(RulesDiagnostic.notConstant, "a constant cannot read a dated table", at: e.span,
                          hint: "the rate in force depends on the bid's date: use `value`")
                    return nil
                }
                return Node(op: .table(i), type: t, span: e.span, text: text, label: name, key: 300 + i)
            case .slot(let slot, let t, let kind):
                if scope.constant {
                    error(RulesDiagnostic.notConstant, "a constant cannot read the \(kind) `\(name)`", at: e.span)
                    return nil
                }
                if kind == "score" && !scope.crossBid {
                    error(RulesDiagnostic.crossBid, "`\(name)` is a score across bids; a `line` cannot read it", at: e.span,
                          hint: "read it from another `score`")
                    return nil
                }
                return Node(op: .slot(slot), type: t, span: e.span, text: text, label: name, key: 1000 + slot)
            case .broken:
                brokenUses += 1
                return nil
            }
        }
        if let g = TargetGroup(rawValue: name) {
            return Node(op: .constant(.groups(GroupSet([g]))), type: .group, span: e.span, text: text)
        }
        if let later = declaredLater[name] {
            error(RulesDiagnostic.usedBeforeDeclared, "`\(name)` is used before it is declared at line \(later.start.line)", at: e.span,
                  hint: "move this below the declaration of `\(name)`")
            return nil
        }
        if CommitmentKind(word: name) != nil || BidField.objects.contains(name) {
            let fields = CommitmentKind(word: name)?.fields.map { "\(name).\($0.0)" }
                ?? BidField.allCases.map(\.rawValue).filter { $0.hasPrefix(name + ".") }
            error(RulesDiagnostic.unknownName, "`\(name)` needs a field", at: e.span, hint: "e.g. `\(fields.first ?? name)`")
            return nil
        }
        var hint = Spelling.closest(to: name, among: allNames(scope)).map { "did you mean `\($0)`?" }
        if hint == nil, name.contains("-"), name.split(separator: "-").allSatisfy({ symbols[String($0)] != nil }) {
            hint = "to subtract, put spaces around the minus: `\(name.replacingOccurrences(of: "-", with: " - "))`"
        }
        error(RulesDiagnostic.unknownName, "unknown name `\(name)`", at: e.span, hint: hint)
        return nil
    }

    private mutating func compileField(_ object: String, _ field: String, _ fieldSpan: SourceSpan, _ e: Expr, _ scope: Scope) -> Node? {
        let text = e.text
        if let kind = CommitmentKind(word: object) {
            let fields = kind.fields
            guard let (_, type) = fields.first(where: { $0.0 == field }), let f = ItemField(field) else {
                let snake = Checker.snakeCase(field)
                let suggestion = fields.contains(where: { $0.0 == snake }) ? snake : Spelling.closest(to: field, among: fields.map(\.0))
                error(RulesDiagnostic.unknownField, "a \(object) has no field `\(field)`", at: fieldSpan,
                      hint: suggestion.map { "did you mean `\(object).\($0)`?" } ?? "fields: \(fields.map(\.0).joined(separator: ", "))")
                return nil
            }
            guard scope.items.last == kind else {
                let hint = scope.items.isEmpty
                    ? "read it inside `line … for each \(object)` or `sum of … for each \(object)`"
                    : "here each commitment is a \(scope.items.last!.word): write `\(scope.items.last!.word).\(field)`"
                error(RulesDiagnostic.outOfScope, "`\(object).\(field)` is only available inside `for each \(object)`", at: e.span, hint: hint)
                return nil
            }
            let ordinal = fields.firstIndex { $0.0 == field } ?? 0
            return Node(op: .item(f), type: type, span: e.span, text: text, label: field, key: 200 + ordinal)
        }
        guard BidField.objects.contains(object) else {
            // The nearest object that has the field, else the nearest object.
            let objects = (Array(BidField.objects) + CommitmentKind.allCases.map(\.word)).sorted()
            let withField = objects.filter { o in
                BidField(rawValue: "\(o).\(field)") != nil || CommitmentKind(word: o)?.fields.contains { $0.0 == field } == true
            }
            let nearest = Spelling.closest(to: object, among: withField) ?? Spelling.closest(to: object, among: objects)
            error(RulesDiagnostic.unknownName, "unknown name `\(object)`", at: SourceSpan(start: e.span.start, length: object.count),
                  hint: nearest.map { "did you mean `\($0).\(field)`?" })
            return nil
        }
        let full = "\(object).\(field)"
        guard let f = BidField(rawValue: full) ?? BidField(rawValue: "\(object).\(Checker.snakeCase(field))") else {
            let candidates = BidField.allCases.map(\.rawValue).filter { $0.hasPrefix(object + ".") }
            let snake = "\(object).\(Checker.snakeCase(field))"
            let suggestion = Spelling.closest(to: snake, among: candidates) ?? Spelling.closest(to: field, among: BidField.allCases.map(\.rawValue))
            error(RulesDiagnostic.unknownField, "unknown field `\(full)`", at: fieldSpan,
                  hint: suggestion.map { "did you mean `\($0)`?" } ?? "fields: \(candidates.joined(separator: ", "))")
            return nil
        }
        if f.rawValue != full {
            error(RulesDiagnostic.unknownField, "unknown field `\(full)`", at: fieldSpan, hint: "did you mean `\(f.rawValue)`?")
            return nil
        }
        if scope.constant {
            error(RulesDiagnostic.notConstant, "a constant cannot read `\(full)`", at: e.span, hint: "use `value` for a figure computed from each bid")
            return nil
        }
        if scope.crossBid {
            let index: Int
            if let i = program.carried.firstIndex(of: f) { index = i } else {
                program.carried.append(f)
                index = program.carried.count - 1
            }
            return Node(op: .carried(index), type: f.type, span: e.span, text: text, label: full)
        }
        return Node(op: .bidField(f), type: f.type, span: e.span, text: text, label: full,
                    key: 100 + (BidField.allCases.firstIndex(of: f) ?? 0))
    }

    static func snakeCase(_ s: String) -> String {
        var out = ""
        for c in s {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Evaluates a node whose operands are all constants.
    private mutating func fold(_ n: Node) -> Node {
        func isConstant(_ x: Node) -> Bool { if case .constant = x.op { return true } else { return false } }
        let operands: [Node]
        switch n.op {
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): operands = [a, b]
        case .negate(let a), .not(let a): operands = [a]
        case .oneOf(let a, let bs, _): operands = [a] + bs
        case .includes(let a, let b, _): operands = [a, b]
        default: return n
        }
        guard operands.allSatisfy(isConstant) else { return n }
        let v: Value
        do {
            v = try Executable.constant(n)
        } catch {
            let reason = error.diagnostic.message
            foldFailures.append(Diagnostic(RulesDiagnostic.arithmetic, at: n.span, message: "cannot compute `\(n.text)`: \(reason)"))
            return n
        }
        var folded = n
        folded.op = .constant(v)
        return folded
    }

    // MARK: - Static range analysis

    /// The least a field or simple expression can be: count, weeks, hours ≥ 1; fte > 0.
    private func lowerBound(_ n: Node) -> Exact? {
        switch n.op {
        case .constant(.number(let v)): return v
        case .item(let f):
            switch f {
            case .count, .weeks, .hours: return 1
            case .fte, .amount, .hourlyRate: return 0
            default: return nil
            }
        case .arithmetic(let op, let a, let b):
            guard let x = lowerBound(a), let y = lowerBound(b), !x.isNegative, !y.isNegative else { return nil }
            switch op {
            case "+": return try? x.adding(y)
            case "×": return try? x.multiplied(by: y)
            case "÷":
                if case .constant(.number(let d)) = b.op, !d.isZero { return try? x.divided(by: d) }
                return nil
            default: return nil
            }
        default: return nil
        }
    }

    private func upperBound(_ n: Node) -> Exact? {
        switch n.op {
        case .constant(.number(let v)): return v
        case .item(.fte): return 1
        case .decile: return 10
        default: return nil
        }
    }

    /// True for a comparison of a field with a constant that no valid bid can satisfy.
    private func neverTrue(_ n: Node) -> Bool {
        guard case .compare(let op, let a, let b) = n.op else { return false }
        switch op {
        case "<": if let low = lowerBound(a), case .constant(.number(let c)) = b.op, !isConstant(a) { return c <= low }
        case "≤": if let low = lowerBound(a), case .constant(.number(let c)) = b.op, !isConstant(a) { return c < low }
        case ">": if let high = upperBound(a), case .constant(.number(let c)) = b.op, !isConstant(a) { return c >= high }
        case "≥": if let high = upperBound(a), case .constant(.number(let c)) = b.op, !isConstant(a) { return c > high }
        default: break
        }
        if case .decile = a.op, case .constant(.number(let c)) = b.op {
            if op == "<" { return c <= 1 }
            if op == "≤" { return c < 1 }
        }
        return false
    }

    private func isConstant(_ n: Node) -> Bool {
        if case .constant = n.op { return true }
        return false
    }
}

extension Expr {
    /// The expression as a scheme would write it, for messages and explanations.
    public var text: String {
        switch kind {
        case .number(let v, let unit): return v.decimalString() + (unit.map { " \($0)" } ?? "")
        case .money(let v, let perHour): return "£" + Format.grouped(v) + (perHour ? " per hour" : "")
        case .percent(let v): return v.decimalString() + "%"
        case .date(let d): return d.description
        case .bool(let b): return b ? "yes" : "no"
        case .text(let s): return "\"\(s)\""
        case .name(let n): return n
        case .field(let o, let f, _): return "\(o).\(f)"
        case .arithmetic(let op, let l, let r):
            return "\(l.parenthesised(for: op, right: false)) \(op) \(r.parenthesised(for: op, right: true))"
        case .negate(let e): return "-\(e.text)"
        case .compare(let op, let l, let r): return "\(l.text) \(op) \(r.text)"
        case .isOneOf(let l, let os, let negated):
            if os.count == 1 { return "\(l.text) is \(negated ? "not " : "")\(os[0].text)" }
            return "\(l.text) is \(negated ? "not " : "")one of \(os.map(\.text).joined(separator: ", "))"
        case .and(let l, let r): return "\(l.text) and \(r.text)"
        case .or(let l, let r): return "\(l.text) or \(r.text)"
        case .not(let e): return "not \(e.text)"
        case .call(let f, let a): return "\(f)(\(a.text))"
        case .includes(let l, let r, let any): return "\(l.text) includes \(any ? "any of " : "")\(r.text)"
        case .sum(let b, let k, _, let f): return "sum of \(b.text) for each \(k)" + (f.map { " where \($0.text)" } ?? "")
        case .count(let k, _, let f): return "count for each \(k)" + (f.map { " where \($0.text)" } ?? "")
        case .highest(let e): return "highest \(e.text)"
        case .lowest(let e): return "lowest \(e.text)"
        case .groupSet(let all, let items):
            let list = items.map(\.text).joined(separator: ", ")
            return all ? "all groups" + (items.isEmpty ? "" : " except \(list)") : "groups \(list)"
        }
    }

    private func parenthesised(for op: String, right: Bool) -> String {
        if case .arithmetic(let inner, _, _) = kind {
            let low = inner == "+" || inner == "-"
            let high = op == "×" || op == "÷"
            if (low && high) || (right && (op == "-" || op == "÷") && (inner == op || low == (op == "-"))) {
                return "(\(text))"
            }
        }
        return text
    }
}

extension Parser {
    /// Parses one expression (for `{…}` in an explanation template).
    static func parseExpression(_ text: String, file: String, at start: SourceLocation) -> (Expr?, [Diagnostic]) {
        let (tokens, lexDiagnostics) = Lexer.tokenize(text, file: file)
        // Tokens moved to where the text stands in the file (one line: a template has no breaks).
        let placed = tokens.map { t -> Token in
            var t = t
            t.span = SourceSpan(start: SourceLocation(file: file, line: start.line, column: start.column + t.span.start.column - 1),
                                length: t.span.length)
            return t
        }
        let span = SourceSpan(start: start, length: max(1, text.count))
        var parser = Parser(tokens: placed, file: file)
        let e = parser.parseExpression()
        var diags = lexDiagnostics + parser.diagnostics
        if case .end = placed[min(parser.positionForTemplate, placed.count - 1)].kind {} else {
            diags.append(Diagnostic(RulesDiagnostic.parseUnexpected, at: span, message: "unexpected text after the expression"))
        }
        return (e, diags)
    }
}
