import Diagnostics
import Documents
import ExactNumbers

/// Reads tokens into a `SchemeFile`. Blocks open with a keyword and close with `end`; clauses
/// start with a keyword, so line breaks carry no meaning except that a unit word (`26 weeks`)
/// belongs to the number on its own line. On an error it reports, skips to the next clause or
/// block and goes on, so one run shows every error of the file.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    var positionForTemplate: Int { position }
    /// Off while reading example fixtures, where `count 3 fte 1` names fields, not units.
    private var allowUnits = true
    public private(set) var diagnostics: [Diagnostic] = []
    private var scheme: SchemeFile
    /// Expression levels being parsed, against RulesLimits.expressionDepth.
    private var nesting = 0

    /// Words that open a top-level block or statement.
    static let topLevelWords: Set<String> = [
        "scheme", "version", "source", "table", "constant", "value", "input", "gate", "line", "score",
        "total", "ties", "example", "delivery",
    ]
    static let clauseWords: Set<String> = ["skip", "points", "times", "plus", "minus", "cap", "maximum", "pass", "explain"]
    static let unitWords: [String: String] = [
        "week": "weeks", "weeks": "weeks", "hour": "hours", "hours": "hours", "point": "points",
        "points": "points", "person-weeks": "person-weeks", "person-week": "person-weeks",
        "fte": "fte", "people": "count", "posts": "count", "decile": "decile",
    ]
    static let relationWords: Set<String> = ["when", "otherwise", "because", "for", "where", "then", "end"]

    public static func parse(_ source: String, file: String) -> (SchemeFile, [Diagnostic]) {
        if let tooLarge = RulesLimits.oversizedFile(source, file: file) {
            return (Parser(tokens: [], file: file).scheme, [tooLarge])
        }
        let (tokens, lexDiagnostics) = Lexer.tokenize(source, file: file)
        var parser = Parser(tokens: tokens, file: file)
        parser.diagnostics = lexDiagnostics
        parser.parseFile()
        return (parser.scheme, parser.diagnostics)
    }

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.scheme = SchemeFile(file: file, span: SourceSpan(start: SourceLocation(file: file, line: 1, column: 1)))
    }

    // MARK: - Token helpers

    private var current: Token { tokens[position] }
    private var previous: Token { tokens[max(position - 1, 0)] }
    private var atEnd: Bool { if case .end = current.kind { return true } else { return false } }

    private func peek(_ n: Int) -> Token { tokens[min(position + n, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let t = current
        if !atEnd { position += 1 }
        return t
    }

    /// True when the current token is the first on its line.
    private var startsLine: Bool { position == 0 || previous.line != current.line }

    private mutating func accept(_ word: String) -> Bool {
        if current.isWord(word) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func acceptSymbol(_ s: String) -> Bool {
        if current.isSymbol(s) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func error(_ id: RulesDiagnostic, _ message: String, at span: SourceSpan? = nil, hint: String? = nil) {
        diagnostics.append(Diagnostic(id, at: span ?? current.span, message: message, hint: hint))
    }

    private mutating func expectWord(_ word: String, context: String) -> Bool {
        if accept(word) { return true }
        error(RulesDiagnostic.parseExpected, "expected `\(word)` \(context), found \(current.shown)")
        return false
    }

    /// A rule id or a name: a word.
    private mutating func expectName(_ what: String) -> (String, SourceSpan)? {
        if let w = current.word {
            let span = current.span
            _ = advance()
            return (w, span)
        }
        error(RulesDiagnostic.parseExpectedName, "expected \(what), found \(current.shown)")
        return nil
    }

    private mutating func expectText(_ what: String) -> String? {
        if case .text(let s) = current.kind {
            _ = advance()
            return s
        }
        error(RulesDiagnostic.parseExpectedText, "expected \(what) in quotes, found \(current.shown)",
              hint: "write it in double quotes, e.g. \"Fair work\"")
        return nil
    }

    private mutating func optionalText() -> String? {
        if case .text(let s) = current.kind {
            _ = advance()
            return s
        }
        return nil
    }

    /// Skips to the next token that starts a line and is a clause or block word (or `end`).
    private mutating func recover() {
        if !atEnd { _ = advance() }
        while !atEnd {
            if startsLine, let w = current.word,
               Parser.topLevelWords.contains(w) || Parser.clauseWords.contains(w) || w == "end" || isExampleWord(w) {
                return
            }
            _ = advance()
        }
    }

    private func isExampleWord(_ w: String) -> Bool {
        ["expect", "area", "bid", "job", "apprenticeship", "placement", "training", "supply_chain",
         "volunteering", "bidder", "fair_work", "tender"].contains(w)
    }

    /// When a block is not closed: true (and a diagnostic) if the current token opens a new
    /// top-level declaration, which means the block above is missing its `end`.
    private mutating func missingEnd(opened: Token, what: String) -> Bool {
        if atEnd { return true }
        if startsLine, let w = current.word, Parser.topLevelWords.contains(w), !(w == "input" && what.hasPrefix("example")) {
            error(RulesDiagnostic.parseMissingEnd, "\(what) opened at line \(opened.line) has no `end` before `\(w)`",
                  at: opened.span, hint: "add `end` on its own line before line \(current.line)")
            return true
        }
        return false
    }

    /// Consumes the block's `end`; at the end of the file, reports it missing (a block cut
    /// short by the next declaration was reported by `missingEnd`).
    private mutating func closeBlock(opened: Token, what: String) {
        if accept("end") { return }
        if atEnd {
            error(RulesDiagnostic.parseMissingEnd, "\(what) opened at line \(opened.line) has no `end`",
                  at: opened.span, hint: "add `end` on its own line after the last clause of \(what)")
        }
    }

    // MARK: - File

    mutating func parseFile() {
        while !atEnd {
            guard let w = current.word else {
                error(RulesDiagnostic.parseUnexpected, "expected a declaration such as `gate`, `line` or `table`, found \(current.shown)")
                recover()
                continue
            }
            let keyword = current
            switch w {
            case "scheme":
                _ = advance()
                scheme.name = expectText("the scheme's name")
                scheme.span = keyword.span
            case "version":
                _ = advance()
                if let t = optionalText() { scheme.version = t }
                else if case .number(let v) = current.kind { _ = advance(); scheme.version = v.decimalString() }
                else { scheme.version = expectText("the version") }
            case "source":
                _ = advance()
                scheme.source = expectText("the source or citation")
            case "table": parseTable()
            case "constant", "value", "input": parseNamed()
            case "gate": parseGate()
            case "line", "score": parseLine()
            case "total": parseTotal()
            case "ties": parseTies()
            case "example": parseExample()
            case "delivery": parseDeliveryStatus()
            case "end":
                error(RulesDiagnostic.parseStrayEnd, "this `end` closes nothing",
                      hint: "remove it, or check the block above for an extra `end`")
                _ = advance()
            default:
                let suggestion = Spelling.closest(to: w, among: Array(Parser.topLevelWords))
                error(RulesDiagnostic.parseUnexpected, "expected a declaration such as `gate`, `line` or `table`, found \(current.shown)",
                      hint: suggestion.map { "did you mean `\($0)`?" })
                recover()
            }
        }
    }

    /// `delivery status green from 90% amber from 70%`.
    private mutating func parseDeliveryStatus() {
        let keyword = advance()
        guard expectWord("status", context: "after `delivery`") else { recover(); return }
        func threshold(_ colour: String, into parser: inout Parser) -> Exact? {
            guard parser.expectWord(colour, context: "in `delivery status green from 90% amber from 70%`") else { return nil }
            _ = parser.accept("from")
            if case .percent(let value) = parser.current.kind {
                _ = parser.advance()
                return value
            }
            parser.error(RulesDiagnostic.parseExpectedPercent, "expected the \(colour) threshold as a percentage, found \(parser.current.shown)",
                         hint: "write it with a percent sign, e.g. `90%`")
            return nil
        }
        guard let green = threshold("green", into: &self), let amber = threshold("amber", into: &self) else {
            recover()
            return
        }
        if let earlier = scheme.deliveryStatus {
            error(RulesDiagnostic.parseDuplicateStatus, "`delivery status` is already given at line \(earlier.span.start.line)",
                  at: keyword.span, hint: "keep one `delivery status` line")
            return
        }
        scheme.deliveryStatus = DeliveryStatusDecl(green: green, amber: amber, span: keyword.span)
    }

    private mutating func parseTable() {
        let keyword = advance()
        guard let (name, _) = expectName("the table's name, e.g. `real_living_wage`") else { recover(); return }
        let title = expectText("the table's title") ?? name
        var short: String?
        var unit: String?
        if accept("short") {
            short = expectName("a short name, e.g. `RLW`")?.0
        }
        if accept("in") {
            var words: [String] = []
            let line = previous.line
            while current.line == line, !atEnd {
                switch current.kind {
                case .word(let w): words.append(w)
                case .symbol("÷"): words.append("per")
                case .symbol("£"): words.append("£")
                default: break
                }
                if case .word = current.kind {} else if !current.isSymbol("÷") && !current.isSymbol("£") { break }
                _ = advance()
            }
            unit = words.joined(separator: " ")
        }
        var rows: [TableRow] = []
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "table `\(name)`") { break }
            let start = current.span
            guard let value = parseExpression() else { recover(); continue }
            guard expectWord("from", context: "after a table row's value (rows read `£12.21 from 2025-04-01`)") else { recover(); continue }
            if case .date(let d) = current.kind {
                _ = advance()
                rows.append(TableRow(value: value, from: d, span: start))
            } else {
                error(RulesDiagnostic.parseExpectedDate, "expected the date the row is in force from, found \(current.shown)",
                      hint: "write dates as YYYY-MM-DD, e.g. `2025-04-01`")
                recover()
            }
        }
        closeBlock(opened: keyword, what: "table `\(name)`")
        scheme.tables.append(TableDecl(name: name, title: title, short: short, unit: unit, rows: rows, span: keyword.span))
        scheme.order.append(.table(scheme.tables.count - 1))
    }

    private mutating func parseNamed() {
        let keyword = advance()
        let kind = NamedDecl.Kind(rawValue: keyword.word ?? "value") ?? .value
        guard let (name, nameSpan) = expectName("a name") else { recover(); return }
        let title = optionalText()
        var expr: Expr?
        var maximum: Expr?
        if kind == .input {
            if accept("maximum") { maximum = parseExpression() }
        } else {
            if !acceptSymbol("=") && !accept("is") {
                error(RulesDiagnostic.parseExpected, "expected `=` after the name `\(name)`, found \(current.shown)",
                      hint: "write `\(keyword.word ?? "value") \(name) = …`")
                recover()
                return
            }
            expr = parseExpression()
            if expr == nil { recover() }
        }
        scheme.named.append(NamedDecl(kind: kind, name: name, title: title, expr: expr, maximum: maximum,
                                      span: nameSpan))
        scheme.order.append(.named(scheme.named.count - 1))
    }

    private mutating func parseGate() {
        let keyword = advance()
        let (id, idSpan) = expectName("the gate's id, e.g. `statutory-minimum-wage`") ?? ("?", keyword.span)
        let title = expectText("the gate's title") ?? id
        var gate = GateDecl(id: id, title: title, pass: nil, explain: nil, span: idSpan)
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "gate `\(id)`") { break }
            if accept("pass") {
                _ = expectWord("when", context: "after `pass`")
                if gate.pass != nil { error(RulesDiagnostic.parseDuplicate, "this gate already has a `pass when` clause", at: previous.span) }
                gate.pass = parseExpression()
                if gate.pass == nil { recover() }
            } else if accept("explain") {
                gate.explainSpan = current.span
                gate.explain = expectText("the explanation template")
            } else {
                error(RulesDiagnostic.parseUnexpected, "expected `pass when …`, `explain \"…\"` or `end` in gate `\(id)`, found \(current.shown)")
                recover()
            }
        }
        closeBlock(opened: keyword, what: "gate `\(id)`")
        if gate.pass == nil {
            error(RulesDiagnostic.parseGateWithoutPass, "gate `\(id)` has no `pass when` clause", at: idSpan,
                  hint: "add `pass when <condition>`")
        }
        scheme.gates.append(gate)
        scheme.order.append(.gate(scheme.gates.count - 1))
    }

    private mutating func parseLine() {
        let keyword = advance()
        let crossBid = keyword.isWord("score")
        let what = crossBid ? "score" : "line"
        let (id, idSpan) = expectName("the \(what)'s id, e.g. `jobs`") ?? ("?", keyword.span)
        let title = expectText("the \(what)'s title") ?? id
        var line = LineDecl(id: id, title: title, each: nil, crossBid: crossBid, clauses: [], span: idSpan)
        if accept("for") {
            _ = expectWord("each", context: "after `for`")
            if let (kind, span) = expectName("a kind of commitment: job, apprenticeship, placement, training, supply_chain or volunteering") {
                line.each = kind
                line.eachSpan = span
            }
        }
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "\(what) `\(id)`") { break }
            if let clause = parseClause(in: id) {
                line.clauses.append(clause)
            } else {
                recover()
            }
        }
        closeBlock(opened: keyword, what: "\(what) `\(id)`")
        scheme.lines.append(line)
        scheme.order.append(.line(scheme.lines.count - 1))
    }

    private mutating func parseCondition() -> Expr?? {
        if accept("when") { return .some(parseExpression()) }
        return .none
    }

    private mutating func parseClause(in id: String) -> Clause? {
        let start = current.span
        guard let w = current.word, Parser.clauseWords.contains(w), w != "pass", w != "explain" else {
            let suggestion = current.word.flatMap { Spelling.closest(to: $0, among: ["skip", "points", "times", "plus", "minus", "cap", "maximum", "end"]) }
            error(RulesDiagnostic.parseUnexpected,
                  "expected a clause (`skip when`, `points`, `times`, `plus`, `minus`, `cap`, `maximum`) or `end` in `\(id)`, found \(current.shown)",
                  hint: suggestion.map { "did you mean `\($0)`?" })
            return nil
        }
        _ = advance()
        switch w {
        case "skip":
            guard expectWord("when", context: "after `skip`") else { return nil }
            guard let cond = parseExpression() else { return nil }
            guard expectWord("because", context: "after a skip condition: every skip states its reason") else { return nil }
            guard let reason = expectText("the reason") else { return nil }
            return .skip(when: cond, because: reason, span: start)
        case "points":
            guard let e = parseExpression() else { return nil }
            if accept("otherwise") { return .points(e, when: nil, otherwise: true, span: start) }
            guard let cond = parseCondition() else { return .points(e, when: nil, otherwise: false, span: start) }
            guard let cond else { return nil }
            return .points(e, when: cond, otherwise: false, span: start)
        case "times", "plus", "minus":
            guard let e = parseExpression() else { return nil }
            var when: Expr?
            if let c = parseCondition() {
                guard let c else { return nil }
                when = c
            }
            var because: String?
            if accept("because") { because = expectText("the reason") }
            switch w {
            case "times": return .times(e, when: when, because: because, span: start)
            case "plus": return .plus(e, when: when, because: because, span: start)
            default: return .minus(e, when: when, because: because, span: start)
            }
        case "cap":
            guard let e = parseExpression() else { return nil }
            return .cap(e, span: start)
        default:
            guard let e = parseExpression() else { return nil }
            return .maximum(e, span: start)
        }
    }

    private mutating func parseTotal() {
        let keyword = advance()
        let title = optionalText() ?? "Total"
        var total = TotalDecl(title: title, outOf: nil, rows: [], span: keyword.span)
        if accept("out") {
            _ = expectWord("of", context: "after `out`")
            total.outOf = parseExpression()
        }
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "total") { break }
            guard let (name, span) = expectName("the id of a line or score to add") else { recover(); continue }
            var row = TotalRow(name: name, weight: nil, span: span)
            if accept("weighted") { row.weight = parseExpression() }
            total.rows.append(row)
        }
        closeBlock(opened: keyword, what: "total")
        if scheme.total != nil {
            error(RulesDiagnostic.parseDuplicate, "the scheme already has a `total`", at: keyword.span)
        }
        scheme.total = total
    }

    private mutating func parseTies() {
        let keyword = advance()
        _ = expectWord("broken", context: "after `ties`")
        _ = expectWord("by", context: "after `ties broken`")
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "`ties broken by`") { break }
            let start = current.span
            var direction: String?
            if let w = current.word, ["more", "less", "higher", "lower", "earlier", "later"].contains(w) {
                direction = w
                _ = advance()
            }
            guard let e = parseExpression() else { recover(); continue }
            scheme.ties.append(TieBreak(direction: direction, expr: e, span: start))
        }
        closeBlock(opened: keyword, what: "`ties broken by`")
    }

    // MARK: - Examples

    private mutating func parseExample() {
        let keyword = advance()
        let title = expectText("the example's title") ?? "example"
        var example = ExampleDecl(title: title, items: [], span: keyword.span)
        while !atEnd, !current.isWord("end") {
            if missingEnd(opened: keyword, what: "example \"\(title)\"") { break }
            let start = current.span
            guard let w = current.word else {
                error(RulesDiagnostic.parseUnexpected, "expected an example line (`bid`, `job …`, `bid.price …`, `area …`, `expect …`), found \(current.shown)")
                recover()
                continue
            }
            if peek(1).isSymbol(".") {
                // `bid.price £2,310,000`
                _ = advance()
                _ = advance()
                guard let (field, fieldSpan) = expectName("a field name") else { recover(); continue }
                guard let value = parseExampleValue() else { recover(); continue }
                // The span covers `object.field`, so a misspelt field is underlined whole.
                let whole = SourceSpan(start: start.start, length: fieldSpan.start.column + fieldSpan.length - start.start.column)
                example.items.append(.set(object: w, field: field, value: value, span: whole))
                continue
            }
            _ = advance()
            switch w {
            case "bid":
                guard let (id, _) = expectName("the bid's id") else { recover(); continue }
                example.items.append(.bid(id, span: start))
            case "area":
                guard let (code, _) = expectName("an area code") else { recover(); continue }
                _ = expectWord("is", context: "after the area code")
                var indexWords: [String] = []
                while let iw = current.word, iw != "rank" {
                    indexWords.append(iw)
                    _ = advance()
                    if case .word = current.kind {} else if case .number(let v) = current.kind {
                        indexWords[indexWords.count - 1] += v.decimalString()
                        _ = advance()
                    }
                }
                // `SIMD 2020v2` lexes as `SIMD`, `2020`, `v2`; rebuild the index name from its words.
                let index = rebuildIndexName(start: start)
                _ = expectWord("rank", context: "after the index name")
                guard case .number(let r) = current.kind, r.isInteger, let rank = Int(exactly: r.numerator) else {
                    error(RulesDiagnostic.parseExpected, "expected the area's rank, found \(current.shown)")
                    recover()
                    continue
                }
                _ = advance()
                var decile: Int?
                if accept("decile"), case .number(let d) = current.kind, d.isInteger {
                    decile = Int(exactly: d.numerator)
                    _ = advance()
                }
                example.items.append(.area(code: code, index: index, rank: rank, decile: decile, span: start))
            case "input":
                guard let (name, _) = expectName("the input's name") else { recover(); continue }
                guard let value = parseExampleValue() else { recover(); continue }
                example.items.append(.input(name: name, value: value, span: start))
            case "expect":
                if let e = parseExpectation(start) { example.items.append(.expect(e)) } else { recover() }
            case "job", "apprenticeship", "placement", "training", "supply_chain", "volunteering":
                guard let (ref, _) = expectName("the commitment's ref, e.g. `J1`") else { recover(); continue }
                var fields: [(String, Expr, SourceSpan)] = []
                let line = start.start.line
                while current.line == line, let f = current.word {
                    let fspan = current.span
                    _ = advance()
                    guard let v = parseExampleValue(sameLine: line) else { break }
                    fields.append((f, v, fspan))
                }
                if current.line == line, !atEnd {
                    error(RulesDiagnostic.parseUnexpected, "expected a field name of the \(w), found \(current.shown)")
                    recover()
                }
                example.items.append(.commitment(kind: w, ref: ref, fields: fields, span: start))
            default:
                let suggestion = Spelling.closest(to: w, among: ["bid", "area", "input", "expect", "job", "apprenticeship", "placement",
                                                                 "training", "supply_chain", "volunteering"])
                error(RulesDiagnostic.parseUnexpected, "expected an example line (`bid`, `job …`, `bid.price …`, `area …`, `expect …`), found `\(w)`",
                      at: start, hint: suggestion.map { "did you mean `\($0)`?" })
                recover()
            }
        }
        closeBlock(opened: keyword, what: "example \"\(title)\"")
        scheme.examples.append(example)
    }

    private func rebuildIndexName(start: SourceSpan) -> String {
        // The words between `is` and `rank` on this line, joined as written.
        var i = position - 1
        var parts: [Token] = []
        while i >= 0, !tokens[i].isWord("is") {
            parts.append(tokens[i])
            i -= 1
        }
        parts.reverse()
        var text = ""
        var lastEnd = -1
        for t in parts {
            let piece: String
            switch t.kind {
            case .word(let w): piece = w
            case .number(let v): piece = v.decimalString()
            default: piece = ""
            }
            if lastEnd >= 0, t.span.start.column > lastEnd { text += " " }
            text += piece
            lastEnd = t.span.start.column + t.span.length
        }
        return text
    }

    /// A value in an example: a literal, a word (`yes`, `sme`), or a comma list of words.
    private mutating func parseExampleValue(sameLine line: Int? = nil) -> Expr? {
        let start = current.span
        if let line, current.line != line {
            error(RulesDiagnostic.parseExpected, "expected a value after the field name", at: previous.span)
            return nil
        }
        switch current.kind {
        case .word(let w):
            _ = advance()
            var items = [Expr(.name(w), start)]
            while current.isSymbol(","), case .word(let next) = peek(1).kind {
                _ = advance()
                items.append(Expr(.name(next), current.span))
                _ = advance()
            }
            return items.count == 1 ? items[0] : Expr(.groupSet(all: false, items), start)
        case .dateTime(let s):
            _ = advance()
            return Expr(.text(s), start)
        default:
            allowUnits = false
            defer { allowUnits = true }
            return parsePrimary()
        }
    }

    private mutating func parseExpectation(_ start: SourceSpan) -> ExampleDecl.Expectation? {
        // Optional bid id first: `expect B-2 rank 1`. A bid id is a word followed by another word
        // that is not a number; rule ids are followed by a value.
        var bid: String?
        if let w = current.word, let next = peek(1).word,
           !["passes", "fails", "skips"].contains(next), w != "gate", w != "rank", w != "excluded", w != "refused" {
            bid = w
            _ = advance()
        } else if let w = current.word, peek(1).isWord("excluded") || peek(1).isWord("refused") || peek(1).isWord("rank") {
            bid = w
            _ = advance()
        }
        if accept("gate") {
            guard let (id, idSpan) = expectName("the gate's id") else { return nil }
            if accept("passes") { return .init(bid: bid, what: .gate(id, passes: true), span: start, nameSpan: idSpan) }
            if accept("fails") { return .init(bid: bid, what: .gate(id, passes: false), span: start, nameSpan: idSpan) }
            error(RulesDiagnostic.parseExpected, "expected `passes` or `fails`, found \(current.shown)")
            return nil
        }
        if accept("rank") {
            guard case .number(let r) = current.kind, r.isInteger, let rank = Int(exactly: r.numerator) else {
                error(RulesDiagnostic.parseExpected, "expected a rank, found \(current.shown)")
                return nil
            }
            _ = advance()
            return .init(bid: bid, what: .rank(rank), span: start)
        }
        if accept("excluded") { return .init(bid: bid, what: .excluded, span: start) }
        if accept("refused") {
            guard let message = expectText("part of the refusal message") else { return nil }
            return .init(bid: bid, what: .refused(message), span: start)
        }
        guard let (id, idSpan) = expectName("a line, score or `total`") else { return nil }
        if accept("skips") {
            guard let (ref, _) = expectName("the commitment's ref") else { return nil }
            guard let reason = expectText("the skip reason") else { return nil }
            return .init(bid: bid, what: .skips(line: id, ref: ref, reason: reason), span: start, nameSpan: idSpan)
        }
        guard let value = parseExpression() else { return nil }
        return .init(bid: bid, what: .points(id, value), span: start, nameSpan: idSpan)
    }

    // MARK: - Expressions

    mutating func parseExpression() -> Expr? { parseOr() }

    private mutating func parseOr() -> Expr? {
        guard var left = parseAnd() else { return nil }
        while current.isWord("or") {
            _ = advance()
            guard let right = parseAnd() else { return nil }
            left = Expr(.or(left, right), spanning(from: left.span))
            guard withinDepth(left) else { return nil }
        }
        return left
    }

    private mutating func parseAnd() -> Expr? {
        guard var left = parseNot() else { return nil }
        while current.isWord("and") {
            _ = advance()
            guard let right = parseNot() else { return nil }
            left = Expr(.and(left, right), spanning(from: left.span))
            guard withinDepth(left) else { return nil }
        }
        return left
    }

    private mutating func parseNot() -> Expr? {
        if current.isWord("not") {
            nesting += 1
            defer { nesting -= 1 }
            guard withinNesting() else { return nil }
            let start = advance()
            guard let e = parseNot() else { return nil }
            return Expr(.not(e), start.span)
        }
        return parseComparison()
    }

    private mutating func parseComparison() -> Expr? {
        guard let left = parseAdditive() else { return nil }
        if case .symbol(let s) = current.kind, ["<", "≤", ">", "≥", "=", "≠"].contains(s) {
            _ = advance()
            guard let right = parseAdditive() else { return nil }
            return Expr(.compare(s, left, right), spanning(from: left.span))
        }
        if current.isWord("is") {
            _ = advance()
            let negated = accept("not")
            if accept("deprived") {
                let call = Expr(.call("deprived", left), left.span)
                return negated ? Expr(.not(call), left.span) : call
            }
            if accept("one") {
                _ = expectWord("of", context: "after `is one`")
                var options: [Expr] = []
                repeat {
                    guard let o = parseAdditive() else { return nil }
                    options.append(o)
                } while acceptSymbol(",")
                return Expr(.isOneOf(left, options, negated: negated), spanning(from: left.span))
            }
            guard let right = parseAdditive() else { return nil }
            return Expr(.isOneOf(left, [right], negated: negated), spanning(from: left.span))
        }
        if current.isWord("includes") {
            _ = advance()
            var any = false
            if accept("any") {
                _ = expectWord("of", context: "after `includes any`")
                any = true
            }
            guard let right = parseAdditive() else { return nil }
            return Expr(.includes(left, right, any: any), spanning(from: left.span))
        }
        return left
    }

    private mutating func parseAdditive() -> Expr? {
        guard var left = parseMultiplicative() else { return nil }
        while case .symbol(let s) = current.kind, s == "+" || s == "-" {
            _ = advance()
            guard let right = parseMultiplicative() else { return nil }
            left = Expr(.arithmetic(s, left, right), spanning(from: left.span))
            guard withinDepth(left) else { return nil }
        }
        return left
    }

    private mutating func parseMultiplicative() -> Expr? {
        guard var left = parseUnary() else { return nil }
        while case .symbol(let s) = current.kind, s == "×" || s == "÷" {
            _ = advance()
            guard let right = parseUnary() else { return nil }
            left = Expr(.arithmetic(s, left, right), spanning(from: left.span))
            guard withinDepth(left) else { return nil }
        }
        return left
    }

    private mutating func parseUnary() -> Expr? {
        nesting += 1
        defer { nesting -= 1 }
        guard withinNesting() else { return nil }
        if current.isSymbol("-") {
            let start = advance()
            guard let e = parseUnary() else { return nil }
            return Expr(.negate(e), start.span)
        }
        return parsePrimary()
    }

    /// False, with the error, when parsing one level more would pass the expression-depth limit.
    private mutating func withinNesting() -> Bool {
        guard nesting > RulesLimits.expressionDepth else { return true }
        diagnostics.append(RulesLimits.tooDeep(at: current.span))
        return false
    }

    /// False, with the error, when a chain such as `a + b + …` has grown past the limit.
    private mutating func withinDepth(_ expression: Expr) -> Bool {
        guard expression.depth > RulesLimits.expressionDepth else { return true }
        diagnostics.append(RulesLimits.tooDeep(at: expression.span))
        return false
    }

    /// Widens `span` to run to the end of the previous token when it is on the same line.
    private func spanning(from start: SourceSpan) -> SourceSpan {
        let last = previous.span
        guard last.start.line == start.start.line, last.start.column >= start.start.column else { return start }
        return SourceSpan(start: start.start, length: last.start.column + last.length - start.start.column)
    }

    private mutating func parsePrimary() -> Expr? {
        let start = current.span
        switch current.kind {
        case .number(let v):
            _ = advance()
            var unit: String?
            if allowUnits, current.line == start.start.line, let w = current.word, let u = Parser.unitWords[w] {
                _ = advance()
                unit = u
            }
            return Expr(.number(v, unit: unit), spanning(from: start))
        case .money(let v):
            _ = advance()
            var perHour = false
            if current.isWord("per"), peek(1).isWord("hour") || peek(1).isWord("hours") {
                _ = advance()
                _ = advance()
                perHour = true
            }
            return Expr(.money(v, perHour: perHour), spanning(from: start))
        case .percent(let v):
            _ = advance()
            return Expr(.percent(v), start)
        case .date(let d):
            _ = advance()
            return Expr(.date(d), start)
        case .text(let s):
            _ = advance()
            return Expr(.text(s), start)
        case .symbol("("):
            _ = advance()
            guard let e = parseExpression() else { return nil }
            if !acceptSymbol(")") {
                error(RulesDiagnostic.parseExpected, "expected `)` to close the `(` at column \(start.start.column), found \(current.shown)")
                return nil
            }
            return e
        case .word(let w):
            return parseWordExpression(w, start)
        default:
            error(RulesDiagnostic.parseExpectedValue, "expected a value, a name or a field, found \(current.shown)")
            return nil
        }
    }

    private mutating func parseWordExpression(_ w: String, _ start: SourceSpan) -> Expr? {
        switch w {
        case "true", "yes":
            _ = advance()
            return Expr(.bool(true), start)
        case "false", "no":
            _ = advance()
            return Expr(.bool(false), start)
        case "sum" where peek(1).isWord("of"):
            _ = advance()
            _ = advance()
            guard let body = parseAdditive() else { return nil }
            guard expectWord("for", context: "in `sum of … for each <kind>`"),
                  expectWord("each", context: "after `for`"),
                  let (kind, kindSpan) = expectName("a kind of commitment") else { return nil }
            var filter: Expr?
            if accept("where") { filter = parseAnd() }
            return Expr(.sum(body, kind: kind, kindSpan: kindSpan, filter: filter), start)
        case "count" where peek(1).isWord("for"):
            _ = advance()
            _ = advance()
            guard expectWord("each", context: "after `count for`"),
                  let (kind, kindSpan) = expectName("a kind of commitment") else { return nil }
            var filter: Expr?
            if accept("where") { filter = parseAnd() }
            return Expr(.count(kind: kind, kindSpan: kindSpan, filter: filter), start)
        case "highest", "lowest":
            _ = advance()
            guard let e = parseUnary() else { return nil }
            return Expr(w == "highest" ? .highest(e) : .lowest(e), start)
        case "all" where peek(1).isWord("groups"):
            _ = advance()
            _ = advance()
            var items: [Expr] = []
            if accept("except") {
                repeat {
                    guard let (g, span) = expectName("a target group") else { return nil }
                    items.append(Expr(.name(g), span))
                } while acceptSymbol(",")
            }
            return Expr(.groupSet(all: true, items), start)
        case "groups":
            _ = advance()
            var items: [Expr] = []
            repeat {
                guard let (g, span) = expectName("a target group") else { return nil }
                items.append(Expr(.name(g), span))
            } while acceptSymbol(",")
            return Expr(.groupSet(all: false, items), start)
        case "decile", "deprived":
            if peek(1).isSymbol("(") {
                _ = advance()
                _ = advance()
                guard let arg = parseExpression() else { return nil }
                if !acceptSymbol(")") {
                    error(RulesDiagnostic.parseExpected, "expected `)` after the area, found \(current.shown)")
                    return nil
                }
                return Expr(.call(w, arg), spanning(from: start))
            }
            if w == "decile", peek(1).isWord("of") {
                _ = advance()
                _ = advance()
                guard let arg = parsePrimary() else { return nil }
                return Expr(.call(w, arg), start)
            }
        default:
            break
        }
        if Parser.relationWords.contains(w) || Parser.clauseWords.contains(w) {
            error(RulesDiagnostic.parseExpectedValue, "expected a value, a name or a field, found the keyword `\(w)`")
            return nil
        }
        _ = advance()
        if current.isSymbol("."), case .word(let field) = peek(1).kind {
            _ = advance()
            let fieldToken = advance()
            return Expr(.field(object: w, field: field, fieldSpan: fieldToken.span), spanning(from: start))
        }
        return Expr(.name(w), start)
    }
}
