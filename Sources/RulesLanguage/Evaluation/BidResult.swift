import Diagnostics
import Documents
import ExactNumbers

/// Why one bid could not be evaluated: an unknown area, no rate in force, an overflow.
struct EvaluationFailure: Error {
    /// Boxed, so lowered code returns a failure in one register rather than a whole
    /// `Diagnostic` through memory on every call.
    private let box: Box
    var diagnostic: Diagnostic { box.diagnostic }

    init(_ diagnostic: Diagnostic) { box = Box(diagnostic) }
    init(diagnostic: Diagnostic) { box = Box(diagnostic) }

    private final class Box: Sendable {
        let diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }
}

/// A scheme applied to one bid: its gates and lines, then (once a tender's bids have been
/// scored across, `Program.scoreAcrossBids`) its scores and total, and the figures a cross-bid
/// step reads.
///
/// A silent run (`.summary`) keeps the numbers alone: the slots, which gates failed and what a
/// cap cut. Its `explanation` is built from them when asked: the same `ScoreResult`s a silent
/// line gives. Once ranked (`settle()`), only the points of the lines, scores and total are
/// kept, so a ranking of many bids holds about a hundred bytes of numbers per bid rather than
/// a tree of results (issue 12, point 7). A recording run keeps its explanation.
public struct BidResult: Sendable, Hashable {
    /// The explanation as recorded (`.full`, `.gates`), the cross-bid scores appended once
    /// scored; nil for a silent run.
    var recorded: Explanation?
    /// Silent: the gates that failed, by their place among the scheme's gates.
    var failedGates: [Int] = []
    /// Silent: the lines and scores a cap cut, with their points before the cap (the slot
    /// holds them after).
    var cuts = Cuts()
    /// What made it: the lines' names, titles, maxima and caps, for the explanation.
    let executable: Executable
    /// The values of the slots (values, lines, scores and the total; nil until known), then
    /// the bid fields a cross-bid step reads, then the operands of the bid's own aggregates
    /// (`Executable.bidAggregates`), then (once scored across the bids) the values its
    /// tie-breaks compare, packed. Once settled (`settle()`), only the points of the
    /// lines, scores and total, in `Executable.settledSlots` order, and the tie values.
    var values: PackedSlots
    // The one-byte fields last, beside the packed values' count: 56 bytes a result.
    var isSettled = false
    public var passedGates: Bool
    /// How much of the explanation was built (`ExplanationDetail`).
    public var detail: ExplanationDetail = .full
    /// True once the cross-bid scores and the total are in (`Program.scoreAcrossBids`).
    public internal(set) var scoredAcrossBids = false

    /// Pairs of a slot and its points before the cap, packed: a quarter of the bids have a
    /// line cut by its cap, and a list of them each would be an allocation of 80 bytes.
    struct Cuts: Sendable, Hashable {
        private var pairs = PackedSlots()

        mutating func append(slot: Int, uncapped: Exact) {
            pairs.append(.number(Exact(slot)))
            pairs.append(.number(uncapped))
            pairs.trim()
        }

        func uncapped(slot: Int) -> Exact? {
            var found: Exact?
            var i = 0, match = false
            pairs.forEach { v in
                if i % 2 == 0 { match = found == nil && v?.numberOrNil == Exact(slot) } else if match { found = v?.numberOrNil }
                i += 1
            }
            return found
        }
    }

    /// Gates and lines (then the scores and the total, once scored across the bids): as
    /// recorded, or as a silent run gives them (points, caps and maxima; no figures, steps,
    /// items or texts).
    public var explanation: Explanation {
        recorded ?? executable.summaryExplanation(of: self)
    }

    /// The points of a line or the value of a `value`, by id (values are gone once settled).
    public func number(_ id: String, in program: Program) -> Exact? {
        guard let slot = program.slot(named: id) else { return nil }
        return number(atSlot: slot)
    }

    /// The number in `slot`, before or after `settle()`.
    @inline(__always)
    func number(atSlot slot: Int) -> Exact? {
        if isSettled {
            guard slot < executable.settledIndex.count, let i = executable.settledIndex[slot] else { return nil }
            // A settled line, score or total that never got a number reads as zero.
            return values.value(at: i)?.numberOrNil ?? .zero
        }
        guard slot < executable.slotCount else { return nil }
        return values.value(at: slot)?.numberOrNil
    }

    /// Where the tie values start among `values`.
    private var tieStart: Int {
        isSettled ? executable.settledSlots.count : executable.slotCount + executable.carriedCount + executable.bidAggregates.count
    }

    /// The value the `rule`th tie-break compares (nil for `bid.submitted` and `bid.id`, which
    /// the ranking reads from the bid, and before the cross-bid step).
    @inline(__always)
    public func tieValue(_ rule: Int) -> Exact? {
        guard scoredAcrossBids else { return nil }
        return values.value(at: tieStart + rule)?.numberOrNil
    }

    /// One value per tie-break of the scheme, in order (`tieValue(_:)`).
    public var tieValues: [Exact?] {
        guard scoredAcrossBids else { return [] }
        let start = tieStart
        var all: [Exact?] = []
        var i = 0
        values.forEach { v in
            if i >= start { all.append(v?.numberOrNil) }
            i += 1
        }
        return all
    }

    /// Appends the tie values (the cross-bid step, once).
    mutating func setTieValues(_ ties: [Exact?]) {
        precondition(!isSettled && values.count == tieStart)
        for t in ties { values.append(t.map(Value.number)) }
    }

    /// Sets the number in `slot` (before `settle()`): a cross-bid score or the total.
    mutating func setNumber(_ number: Exact, atSlot slot: Int) {
        precondition(!isSettled && slot < executable.slotCount)
        values.set(.number(number), at: slot)
    }

    /// The points of a line, score or total (`total`) as the explanation gives them, without
    /// building it for a silent run.
    public func points(_ id: String) -> Exact? {
        if let recorded { return recorded.score(id)?.points }
        guard let slot = executable.slot(ofScore: id), scoredAcrossBids || !executable.isCrossBid(slot: slot) else { return nil }
        return number(atSlot: slot)
    }

    /// `points(id)` for each of `ids`, the numbers decoded once.
    public func points(_ ids: [String]) -> [Exact?] {
        if recorded != nil { return ids.map { points($0) } }
        if isSettled {
            // Settled values are numbers: read them as such, no `Value` made.
            let numbers = values.numbers()
            return ids.map { id in
                guard let slot = executable.slot(ofScore: id), scoredAcrossBids || !executable.isCrossBid(slot: slot),
                      slot < executable.settledIndex.count, let i = executable.settledIndex[slot] else { return nil }
                return numbers[i] ?? .zero
            }
        }
        var all: [Value?] = []
        all.reserveCapacity(values.count)
        values.forEach { all.append($0) }
        return ids.map { id in
            guard let slot = executable.slot(ofScore: id), scoredAcrossBids || !executable.isCrossBid(slot: slot) else { return nil }
            if isSettled {
                guard slot < executable.settledIndex.count, let i = executable.settledIndex[slot] else { return nil }
                return all[i]?.numberOrNil ?? .zero
            }
            return slot < executable.slotCount ? all[slot]?.numberOrNil : nil
        }
    }

    /// Where `ids` stand among the numbers this result keeps once settled, for reading many
    /// results of the same scheme by `points(_ columns:)`.
    public func scoreColumns(_ ids: [String]) -> ScoreColumns {
        func position(_ slot: Int?) -> Int? { slot.flatMap { $0 < executable.settledIndex.count ? executable.settledIndex[$0] : nil } }
        return ScoreColumns(ids: ids, scheme: ObjectIdentifier(executable), positions: ids.map { position(executable.slot(ofScore: $0)) },
                            total: position(executable.totalShape?.slot))
    }

    /// `points(columns.ids)`, without looking each id up by name when the result is a settled
    /// silent one of the scheme `columns` were found for.
    @inline(__always)
    public func points(_ columns: ScoreColumns) -> [Exact?] {
        if let numbers = withUnsafePointer(to: self, { BidResult.settledNumbers(at: $0, for: columns) }) {
            return columns.positions.map { columns.number($0, in: numbers) }
        }
        return points(columns.ids)
    }

    /// `total` and `points(columns)` of the result at `result`, read where it stands: on all
    /// cores, calling a copy's accessors counts a reference to the executable every result
    /// shares, once per call.
    public static func totalAndPoints(at result: UnsafePointer<BidResult>, _ columns: ScoreColumns) -> (total: Exact?, points: [Exact?]) {
        if columns.total != nil, let numbers = settledNumbers(at: result, for: columns) {
            return (columns.number(columns.total, in: numbers), columns.positions.map { columns.number($0, in: numbers) })
        }
        return (result.pointee.total, result.pointee.points(columns))
    }

    /// The numbers of the result at `result` when it is a settled silent one of the scheme
    /// `columns` were found for, so they can be read by position; nil for any other.
    private static func settledNumbers(at result: UnsafePointer<BidResult>, for columns: ScoreColumns) -> [Exact?]? {
        guard result.pointee.recorded == nil, result.pointee.isSettled, result.pointee.scoredAcrossBids,
              columns.scheme == ObjectIdentifier(result.pointee.executable) else { return nil }
        return result.pointee.values.numbers()
    }

    /// `tieValue(rule)` of the result at `result`, read where it stands.
    public static func tieValue(_ rule: Int, at result: UnsafePointer<BidResult>) -> Exact? {
        result.pointee.tieValue(rule)
    }

    /// True when `scoreHeadings` is the same as `other`'s without comparing them.
    public func sharesScoreHeadings(with other: BidResult) -> Bool {
        recorded == nil && other.recorded == nil && executable === other.executable && scoredAcrossBids == other.scoredAcrossBids
    }

    /// The id and title of each score of `explanation`, in order, without building it.
    public var scoreHeadings: [(id: String, title: String)] {
        if let recorded { return recorded.scores.map { ($0.id, $0.title) } }
        return scoredAcrossBids ? executable.scoredHeadings : executable.lineHeadings
    }

    /// The gates `explanation` shows as failed, without building it for a bid that passed.
    public var failedGateResults: [GateResult] {
        if recorded == nil, failedGates.isEmpty { return [] }
        return explanation.gates.filter { !$0.passed }
    }

    /// The points before the cap of the line or score in `slot` (a silent run).
    func uncapped(slot: Int) -> Exact {
        if let uncapped = cuts.uncapped(slot: slot) { return uncapped }
        return number(atSlot: slot) ?? .zero
    }

    /// `settle()` straight from a cross-bid step's frame (`slots`) and the tie values.
    mutating func settle(slots: [Value?], ties: [Exact?]) {
        var kept = PackedSlots()
        for slot in executable.settledSlots { kept.append(slot < slots.count ? slots[slot] : nil) }
        for t in ties { kept.append(t.map(Value.number)) }
        kept.trim()
        values = kept
        isSettled = true
    }

    /// Keeps only what the explanation is made from, once the cross-bid step has run: the
    /// recorded explanation, or the points of the lines, scores and total.
    public mutating func settle() {
        guard !isSettled else { return }
        // The settled slots, then the tie values, byte for byte.
        let tieStart = self.tieStart
        values.keep(executable.settledSlots + Array(tieStart..<Swift.max(tieStart, values.count)))
        values.trim()
        isSettled = true
    }

    /// Moves the result out and leaves it empty (`empty()`), without copying what it holds.
    public mutating func take() -> BidResult {
        var taken = BidResult(recorded: nil, failedGates: [], cuts: Cuts(), executable: executable, values: PackedSlots(),
                              passedGates: passedGates, detail: detail)
        taken.scoredAcrossBids = scoredAcrossBids
        swap(&taken, &self)
        return taken
    }

    /// Empties a result whose contents were moved elsewhere, so they are not shared.
    public mutating func empty() { _ = take() }

    /// The scheme's total, once scored across the bids (nil when the scheme has none).
    @inline(__always)
    public var total: Exact? {
        guard scoredAcrossBids, let t = executable.totalShape else { return nil }
        return number(atSlot: t.slot)
    }

    /// Equal when they explain the bid alike (the executable they came from is not compared).
    public static func == (a: BidResult, b: BidResult) -> Bool {
        a.passedGates == b.passedGates && a.detail == b.detail && a.scoredAcrossBids == b.scoredAcrossBids
            && a.explanation == b.explanation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(passedGates)
        hasher.combine(explanation)
    }
}

extension Value {
    var numberOrNil: Exact? {
        if case .number(let v) = self { return v }
        return nil
    }
}

/// Report columns (score ids) with where each stands among the numbers a settled result of
/// one scheme keeps (`BidResult.scoreColumns(_:)`): found once for a report of many bids.
public struct ScoreColumns: Sendable {
    public let ids: [String]
    /// The executable the positions hold for (compared, not kept: many threads read these).
    let scheme: ObjectIdentifier?
    let positions: [Int?]
    /// Where the total stands.
    let total: Int?

    /// Columns read by name from any result.
    public init(_ ids: [String]) {
        self.init(ids: ids, scheme: nil, positions: [], total: nil)
    }

    init(ids: [String], scheme: ObjectIdentifier?, positions: [Int?], total: Int?) {
        self.ids = ids
        self.scheme = scheme
        self.positions = positions
        self.total = total
    }

    /// The number at `position` of a settled result's numbers: a kept point that never got a
    /// number reads as zero (`BidResult.number(atSlot:)`), a column it does not keep as none.
    func number(_ position: Int?, in numbers: [Exact?]) -> Exact? {
        position.map { numbers[$0] ?? .zero }
    }
}
