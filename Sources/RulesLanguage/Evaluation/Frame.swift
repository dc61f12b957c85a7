import Areas
import Diagnostics
import Documents
import ExactNumbers

/// What lowered code reads and writes while one bid (or one bid's cross-bid step) is
/// evaluated. The bid's fields and its commitments' figures are read once, here, so the code
/// never copies the `Bid`; the explanation being recorded lives here too.
struct Frame {
    /// The bid's id, for the subject of a diagnostic and the sources of figures; nil in a
    /// cross-bid step and in constant folding, which have no bid.
    let bidID: String?
    let tenderID: String?
    let submitted: Instant?
    let bidLocation: SourceLocation?
    /// The bid and tender fields the scheme reads, by `FieldSlots`; nil when the bid leaves an
    /// optional field out.
    var fields: [Value?]
    var items: [ItemFigures]
    /// The commitments themselves, for refs, locations and fields `ItemFigures` does not carry.
    let commitments: [Commitment]
    let areas: (any AreaLookup)?
    /// Index of the current commitment in `commitments`, or -1 outside `for each`.
    var item = -1
    var slots: [Value?]
    /// The row of each table in force on the bid's London date, found on first use.
    var rateRows: [Int?]
    /// Areas looked up for this bid, with what the tables say of them (recording only).
    var areaCache: [(String, AreaInfo)] = []
    /// Cross-bid context.
    var carried: [Value] = []
    var aggregateValues: [Value?] = []

    // The explanation being recorded (left empty by silent code).
    /// Figures read by the rule being evaluated, and their keys (see `Node.key`).
    var figures: [Figure] = []
    var figureKeys: [Int] = []
    /// The figures each `value` read, added to a rule's figures where the rule reads it.
    var slotFigures: [[Figure]] = []
    var slotFigureKeys: [[Int]] = []

    init(program: Program, fieldsRead: [BidField], bid: Bid, tender: Tender, areas: (any AreaLookup)?, recording: Bool) {
        bidID = bid.id
        tenderID = tender.id
        submitted = bid.submitted
        bidLocation = bid.location
        fields = fieldsRead.map { $0.read(bid, tender) }
        items = bid.commitments.map(ItemFigures.init)
        commitments = bid.commitments
        self.areas = areas
        slots = Array(repeating: nil, count: program.slotCount)
        rateRows = Array(repeating: nil, count: program.tables.count)
        if recording {
            slotFigures = Array(repeating: [], count: program.slotCount)
            slotFigureKeys = Array(repeating: [], count: program.slotCount)
        }
    }

    /// A frame with no bid: a cross-bid step (slots, carried fields and aggregates) or
    /// constant folding (nothing at all).
    init(slots: [Value?] = [], carried: [Value] = [], aggregateValues: [Value?] = [], tables: Int = 0) {
        bidID = nil
        tenderID = nil
        submitted = nil
        bidLocation = nil
        fields = []
        items = []
        commitments = []
        areas = nil
        self.slots = slots
        rateRows = Array(repeating: nil, count: tables)
        self.carried = carried
        self.aggregateValues = aggregateValues
    }

    // MARK: - Recording

    /// Records the figure a node reads, building it only the first time it is read (a key of
    /// 0 is never matched: such a figure is recorded each time).
    @inline(__always)
    mutating func record(key: Int, _ make: () -> Figure) {
        if key > 0, figureKeys.contains(key) { return }
        figures.append(make())
        figureKeys.append(key)
    }

    /// Records a figure with no key, unless one of the same name and source is there.
    mutating func record(_ f: Figure) {
        if !figures.contains(where: { $0.name == f.name && $0.source == f.source }) {
            figures.append(f)
            figureKeys.append(-1)
        }
    }

    /// The key of a figure of the current commitment: told apart by its position in the bid.
    var itemKey: Int { (item + 1) << 16 }

    mutating func resetFigures() {
        figures.removeAll(keepingCapacity: false)
        figureKeys.removeAll(keepingCapacity: true)
    }

    /// The figures of the value in `slot`, where the rule reading it has not read them itself.
    mutating func recordFigures(ofSlot slot: Int) {
        guard slot < slotFigures.count else { return }
        for (f, k) in zip(slotFigures[slot], slotFigureKeys[slot]) where k < 0 || !figureKeys.contains(k) {
            figures.append(f)
            figureKeys.append(k)
        }
    }

    // MARK: - Failures

    func fail(_ id: RulesDiagnostic, _ message: String, at span: SourceSpan, hint: String? = nil) -> EvaluationFailure {
        EvaluationFailure(Diagnostic(id, at: span, message: message, hint: hint, subject: bidID))
    }

    func fail(_ error: ArithmeticError, at span: SourceSpan) -> EvaluationFailure {
        switch error {
        case .overflow:
            fail(RulesDiagnostic.overflow, "arithmetic overflow: a figure is too large to compute exactly", at: span)
        case .divisionByZero:
            fail(RulesDiagnostic.divisionByZero, "division by zero", at: span,
                 hint: "guard the division with `when … > 0` and give an `otherwise` row")
        }
    }

    /// `a op b` in exact arithmetic; an overflow or a division by zero refuses the bid.
    @inline(__always)
    func arithmetic(_ op: Character, _ a: Exact, _ b: Exact, at span: SourceSpan) throws(EvaluationFailure) -> Exact {
        do {
            switch op {
            case "+": return try a.adding(b)
            case "-": return try a.subtracting(b)
            case "×": return try a.multiplied(by: b)
            default: return try a.divided(by: b)
            }
        } catch {
            throw fail(error, at: span)
        }
    }

    // MARK: - Tables

    /// The row of `table` in force on the bid's London date (found once per bid); a bid
    /// submitted before the first row is refused.
    mutating func rateRow(_ t: Int, _ table: CompiledTable, at span: SourceSpan) throws(EvaluationFailure) -> Int {
        if let row = rateRows[t] { return row }
        guard let submitted, let bidLocation else {
            throw fail(RulesDiagnostic.noBid, "no bid date to read table `\(table.name)` on", at: span)
        }
        let date = submitted.londonDate
        guard let found = table.rows.lastIndex(where: { $0.from <= date }),
              table.rows[found].until.map({ date <= $0 }) ?? true else {
            let first = table.rows.first.map { "; its first row is from \($0.from)" } ?? ""
            throw EvaluationFailure(Diagnostic(
                RulesDiagnostic.noRateInForce, at: bidLocation,
                message: "no rate in force: table `\(table.name)` (\(table.title)) has no row for \(date), the London date the bid was submitted (\(submitted.lexical))\(first)",
                hint: "a bid submitted before the first date of a table cannot be scored", subject: bidID))
        }
        rateRows[t] = found
        return found
    }

    // MARK: - Areas

    /// The commitment being evaluated, when there is one (for messages and figure sources).
    var currentCommitment: Commitment? { item >= 0 ? commitments[item] : nil }

    /// The decile of an area, all a silent run needs: the tables may answer it without
    /// building an `AreaInfo`. A failure is reported as `lookup` reports it.
    func decile(_ text: String, at location: () -> SourceLocation) throws(EvaluationFailure) -> Int {
        guard let areas else { throw noTables(text, at: location()) }
        do {
            return try areas.decile(of: text)
        } catch {
            throw unknownArea(error, at: location())
        }
    }

    /// What the tables say of an area, cached for the bid, recorded as a figure.
    mutating func lookup(_ ref: AreaReference) throws(EvaluationFailure) -> AreaInfo {
        let info: AreaInfo
        if let cached = areaCache.first(where: { $0.0 == ref.text }) {
            info = cached.1
        } else {
            guard let areas else { throw noTables(ref.text, at: ref.location) }
            do {
                info = try areas.lookup(ref.text)
            } catch {
                throw unknownArea(error, at: ref.location)
            }
            areaCache.append((ref.text, info))
        }
        let commitment = currentCommitment
        record(key: commitment == nil ? 0 : 400 + itemKey) {
            var source = "\(info.code) \(info.index.rawValue) rank \(info.rank) decile \(info.decile)"
            if let p = info.postcode { source = "postcode \(p)\(info.postcodeTerminated ? " (terminated)" : "") → " + source }
            return Figure(name: "decile of \(commitment.map { "\($0.ref) " } ?? "")area", text: String(info.decile),
                          value: Exact(info.decile), unit: "decile", source: source)
        }
        return info
    }

    private func noTables(_ text: String, at location: SourceLocation) -> EvaluationFailure {
        EvaluationFailure(Diagnostic(RulesDiagnostic.noAreaTables, at: location,
                                     message: "no area tables are loaded to look up '\(text)'", subject: bidID))
    }

    private func unknownArea(_ error: AreaLookupError, at location: SourceLocation) -> EvaluationFailure {
        EvaluationFailure(Diagnostic(RulesDiagnostic.unknownArea, at: location,
                                     message: "\(currentCommitment.map { "\($0.ref) area: " } ?? "")\(error.message)",
                                     hint: "check the code, or load the table that holds it with --areas", subject: bidID))
    }
}

/// One commitment's figures as `ItemField.read` gives them, read once per bid.
struct ItemFigures {
    var kind: CommitmentKind
    var count: Int?
    var weeks: Int?
    var hours: Int?
    var fte: Exact?
    var rate: Exact?
    var amount: Exact?
    /// `.area(ref)` with a reference: its text. Nil when there is none or the kind has no area.
    var areaText: String?
    /// `.groups`: the bits; nil for a kind without target groups.
    var groups: UInt16?

    init(_ c: Commitment) {
        switch c {
        case .job(let j):
            kind = .job
            count = j.count
            weeks = j.weeks
            fte = j.fte
            rate = j.hourlyRate.amount
            areaText = j.area?.text
            groups = GroupSet(j.targetGroups).bits
        case .apprenticeship(let a):
            kind = .apprenticeship
            count = a.count
            weeks = a.weeks
            areaText = a.area?.text
            groups = GroupSet(a.targetGroups).bits
        case .workPlacement(let p):
            kind = .placement
            count = p.count
            weeks = p.weeks
            groups = GroupSet(p.targetGroups).bits
        case .training(let t):
            kind = .training
            count = t.count
            hours = t.hours
        case .supplyChain(let s):
            kind = .supplyChain
            amount = s.amount.amount
        case .volunteering(let v):
            kind = .volunteering
            hours = v.hours
        }
    }

    /// `field.read(c).number` for the numeric fields; nil for the others.
    func number(_ field: ItemField) -> Exact? {
        switch field {
        case .count: count.map { Exact($0) }
        case .fte: fte
        case .weeks: weeks.map { Exact($0) }
        case .hourlyRate: rate
        case .hours: hours.map { Exact($0) }
        case .amount: amount
        default: nil
        }
    }
}
