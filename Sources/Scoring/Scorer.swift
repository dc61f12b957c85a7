import Areas
import Diagnostics
import Documents
import ExactNumbers
import RulesLanguage
import Synchronization

/// What the ranking step keeps of one bid after its per-bid evaluation: small, so 100,000 bids
/// can stream through (read → evaluate → keep this → drop the Bid). The bid's facts are
/// packed (`PackedFacts`): about 120 bytes rather than 350 and five allocations.
public struct BidEvaluation: Sendable, Hashable {
    var facts: PackedFacts
    /// The file of `location`, kept as a string of its own: every bid of a file shares it.
    var file: String
    /// Gates and lines, as numbers or recorded (`ExplanationDetail`); the cross-bid scores
    /// are added by `Scorer.rank`.
    public var result: BidResult
    public var passedGates: Bool {
        get { result.passedGates }
        set { result.passedGates = newValue }
    }

    public init(bidID: String, bidder: String, price: Money, submitted: Instant, location: SourceLocation,
                passedGates: Bool, result: BidResult, companyNumber: String? = nil, bidderSize: BidderSize? = nil) {
        self.init(bidID: bidID, bidder: bidder, price: price, submitted: submitted, location: location,
                  passedGates: passedGates, result: result, companyNumber: companyNumber, bidderSize: bidderSize,
                  outcomeRoom: 0)
    }

    /// `outcomeRoom`: bytes left for what ranking appends to the facts (`Scorer.outcomeRoom`).
    init(bidID: String, bidder: String, price: Money, submitted: Instant, location: SourceLocation,
         passedGates: Bool, result: BidResult, companyNumber: String?, bidderSize: BidderSize?, outcomeRoom: Int) {
        facts = PackedFacts(BidFacts(bidID: bidID, bidder: bidder, price: price, submitted: submitted, line: location.line,
                                     column: location.column, companyNumber: companyNumber, bidderSize: bidderSize),
                            outcome: false, room: outcomeRoom)
        file = location.file
        self.result = result
        self.passedGates = passedGates
    }

    public var bidID: String {
        get { facts.bidID }
        set { facts.bidID = newValue }
    }
    public var bidder: String {
        get { facts.bidder }
        set { facts.bidder = newValue }
    }
    public var price: Money {
        get { facts.price }
        set { facts.price = newValue }
    }
    public var submitted: Instant {
        get { facts.submitted }
        set { facts.submitted = newValue }
    }
    public var location: SourceLocation {
        get { facts.location(in: file) }
        set {
            file = newValue.file
            facts.setPlace(newValue)
        }
    }
    /// What open-data publication says of the bidder (OCDS: its identifier, SME or not).
    public var companyNumber: String? {
        get { facts.companyNumber }
        set { facts.companyNumber = newValue }
    }
    public var bidderSize: BidderSize? {
        get { facts.bidderSize }
        set { facts.bidderSize = newValue }
    }

    /// Gates and lines (built from the numbers for a silent run).
    public var explanation: Explanation { result.explanation }

    /// The packed facts, moved out (what stays behind is empty).
    mutating func takeFacts() -> PackedFacts {
        var taken = PackedFacts()
        swap(&taken, &facts)
        return taken
    }

    /// Points of a line (or value) of the scheme, by id: for monitoring and reports.
    public func points(_ id: String) -> Exact? { result.points(id) }
}

/// Applies one checked scheme to bids: per bid (`evaluate`), then across a tender's bids (`rank`).
public struct Scorer: Sendable {
    public let scheme: Scheme
    public let areas: any AreaLookup
    /// Values the scheme's `input`s take, by input name then bid id (panel scores…).
    public let externalInputs: [String: [String: Exact]]

    /// Room each evaluated bid's facts leave for its rank, total, components and inputs, so
    /// that ranking appends them in place: a new buffer per bid, allocated on another thread
    /// than the one that freed the old, would grow the memory of a large ranking by a sixth.
    let outcomeRoom: Int

    public init(scheme: Scheme, areas: any AreaLookup, externalInputs: [String: [String: Exact]] = [:]) {
        self.scheme = scheme
        self.areas = areas
        self.externalInputs = externalInputs
        // A total (a fraction: some 20 bytes), no tie note, each component and input.
        let components = scheme.program.totalOutline?.components.count ?? 0
        outcomeRoom = 22 + 1 + 1 + 22 * components + 1 + 24 * externalInputs.count
    }

    /// Evaluates one bid's per-bid part (gates + lines); returns the explanation or the
    /// diagnostics that refuse it (unknown area at the area's source location, no rate in
    /// force, overflow, a missing input…). Lines are evaluated even when a gate fails, so a
    /// synthetic bid of delivered figures can be scored with the same scheme.
    ///
    /// With `.summary` detail only the numbers are kept (what a ranking table or CSV shows),
    /// except for a bid that fails a gate: it is evaluated again with its gates in full
    /// (`.gates`), so the reason for its exclusion is always there; with `.table`, the silent
    /// run itself gives the gates it failed with their reasons, without the figures behind them.
    public func evaluate(_ bid: Bid, tender: Tender, detail: ExplanationDetail = .full) -> Result<BidEvaluation, DiagnosticsError> {
        var inputs: [String: Exact] = [:]
        for name in scheme.program.inputNames {
            if let v = externalInputs[name]?[bid.id] { inputs[name] = v }
        }
        var outcome = scheme.program.evaluate(bid: bid, tender: tender, areas: areas, inputs: inputs, detail: detail)
        if detail == .summary, case .success(let r) = outcome, !r.passedGates {
            outcome = scheme.program.evaluate(bid: bid, tender: tender, areas: areas, inputs: inputs, detail: .gates)
        }
        switch outcome {
        case .success(let r):
            return .success(BidEvaluation(bidID: bid.id, bidder: bid.bidder.name, price: bid.price, submitted: bid.submitted,
                                          location: bid.location, passedGates: r.passedGates, result: r,
                                          companyNumber: bid.bidder.companyNumber, bidderSize: bid.bidder.size,
                                          outcomeRoom: r.passedGates ? outcomeRoom : 0))
        case .failure(let e):
            return .failure(e)
        }
    }

    /// `a.utf8.lexicographicallyPrecedes(b.utf8)`, on the bytes in place when both strings
    /// hold them contiguously (a sort of 100,000 ids makes 1.7 million comparisons).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                for i in 0..<Swift.min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Runs `body` on consecutive ranges of `0..<count`, on all cores; each index is in one
    /// range only. Small counts run on this thread.
    static func inChunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(8, Swift.max(1, count / 4096))
        concurrently(chunks) { chunk in body(count * chunk / chunks..<count * (chunk + 1) / chunks) }
    }

    /// `0..<count` sorted by `less`, a strict total order: the halves are sorted on two cores
    /// and merged. The order is the one a single sort gives, as no two indices compare equal.
    static func sortedOnAllCores(_ count: Int, by less: (Int, Int) -> Bool) -> [Int] {
        guard count >= 8192 else { return (0..<count).sorted(by: less) }
        var halves: [[Int]] = [Array(0..<count / 2), Array(count / 2..<count)]
        halves.withUnsafeMutableBufferPointer { halves in
            concurrently(2) { half in halves[half].sort(by: less) }
        }
        var merged: [Int] = []
        merged.reserveCapacity(count)
        var a = 0, b = 0
        let (x, y) = (halves[0], halves[1])
        while a < x.count, b < y.count {
            if less(y[b], x[a]) {
                merged.append(y[b])
                b += 1
            } else {
                merged.append(x[a])
                a += 1
            }
        }
        merged += x[a...]
        merged += y[b...]
        return merged
    }

    /// Cross-bid steps (relative, lowest price, weights, totals) and ranking with the scheme's
    /// tie-break order. The result does not depend on the order of `evaluations`.
    ///
    /// Hand `evaluations` over (`consume`) when they are not needed afterwards: each ranked
    /// bid's explanation then grows in place rather than being copied.
    public func rank(tender: Tender, evaluations: consuming [BidEvaluation], inputs: [InputFile],
                     refused: [RefusedBid]) throws -> Ranking {
        var evaluations = evaluations
        return try rank(tender: tender, emptying: &evaluations, inputs: inputs, refused: refused)
    }

    /// As `rank(tender:evaluations:inputs:refused:)`, moving what the ranking keeps of each bid
    /// out of `evaluations` (each ranked bid's result grows in place) and leaving it empty, so
    /// the evaluations are gone before the ranking is built.
    public func rank(tender: Tender, emptying evaluations: inout [BidEvaluation], inputs: [InputFile],
                     refused: [RefusedBid]) throws -> Ranking {
        // Indices are sorted rather than the evaluations themselves, and only the ids are read
        // out for it: any other fact is read where it is packed, when a rule needs it.
        // Read in place: a copy of each evaluation would retain all it holds.
        let (ids, passed) = evaluations.withUnsafeBufferPointer { e in (e.indices.map { e[$0].facts.bidID }, e.indices.map { e[$0].result.passedGates }) }
        let byID = Scorer.sortedOnAllCores(evaluations.count) { a, b in
            if ids[a] != ids[b] { return Scorer.utf8Precedes(ids[a], ids[b]) }
            return evaluations[a].location < evaluations[b].location
        }
        let passing = byID.filter { passed[$0] }
        // The results are moved out of the evaluations (what stays behind is empty), so the
        // cross-bid step adds the scores and the total to the one copy, in place.
        var results: [BidResult] = []
        results.reserveCapacity(passing.count)
        for k in passing { results.append(evaluations[k].result.take()) }
        let context = try scheme.program.scoreAcrossBids(ids: passing.map { ids[$0] }, results: &results)
        // Once scored, a result keeps only what its explanation is made from.
        results.withUnsafeMutableBufferPointer { results in
            Scorer.inChunks(results.count) { range in for i in range { results[i].settle() } }
        }
        let rules = scheme.program.tieBreaks
        let totals = results.map { $0.total ?? .zero }
        // Read, not changed, from here until each is moved into the ranking.
        var scored = results
        results = []

        /// Of two bids with equal totals, whether `a` ranks before `b` and which rule decided:
        /// its place in `rules`, `rules.count` for the bid ids, `rules.count + 1` for where
        /// the bids stand. Nothing is put into words here: the sort asks this a million times.
        /// `a` and `b` index `passing` and `scored`.
        func tieBreak(_ a: Int, _ b: Int, _ scored: UnsafeBufferPointer<BidResult>) -> (aFirst: Bool, rule: Int) {
            let ea = passing[a], eb = passing[b]
            for (i, rule) in rules.enumerated() {
                switch rule.key {
                case .value:
                    let x = BidResult.tieValue(i, at: scored.baseAddress! + a) ?? .zero
                    let y = BidResult.tieValue(i, at: scored.baseAddress! + b) ?? .zero
                    if x != y { return ((x > y) == rule.descending, i) }
                case .submitted:
                    let x = evaluations[ea].submitted
                    let y = evaluations[eb].submitted
                    if x != y { return ((x > y) == rule.descending, i) }
                case .bidID:
                    break
                }
            }
            if ids[ea] != ids[eb] { return (Scorer.utf8Precedes(ids[ea], ids[eb]), rules.count) }
            return (evaluations[ea].location < evaluations[eb].location, rules.count + 1)
        }
        /// What decided between `a` and `b` (equal totals), in the scheme's words, with their
        /// figures where the rule compares figures.
        func decided(_ a: Int, _ b: Int, _ scored: UnsafeBufferPointer<BidResult>) -> (rule: String, values: (String, String)?) {
            let i = tieBreak(a, b, scored).rule
            guard i < rules.count else { return (i == rules.count ? Wording.bidIDRule : Wording.positionRule, nil) }
            let rule = rules[i]
            switch rule.key {
            case .value:
                return (rule.text, (rule.shown(BidResult.tieValue(i, at: scored.baseAddress! + a) ?? .zero),
                                    rule.shown(BidResult.tieValue(i, at: scored.baseAddress! + b) ?? .zero)))
            case .submitted:
                return (rule.text, (evaluations[passing[a]].submitted.lexical, evaluations[passing[b]].submitted.lexical))
            case .bidID:
                return (rule.text, nil)
            }
        }
        // Totals compared in place; the scheme's tie-breaks only where they are equal.
        let order = totals.withUnsafeBufferPointer { t in
            scored.withUnsafeBufferPointer { scored in
                Scorer.sortedOnAllCores(passing.count) { a, b in t[a] != t[b] ? t[a] > t[b] : tieBreak(a, b, scored).aFirst }
            }
        }
        let outline = scheme.program.totalOutline
        let inputNames = scheme.program.inputNames
        func inputValues(of id: String) -> [String: Exact] {
            var values: [String: Exact] = [:]
            for name in inputNames { values[name] = externalInputs[name]?[id] }
            return values
        }
        // The tie-break notes first: they compare facts still in the evaluations, which are
        // then moved into the ranking one bid at a time.
        var tieBreaks = [String?](repeating: nil, count: order.count)
        scored.withUnsafeBufferPointer { scored in
            tieBreaks.withUnsafeMutableBufferPointer { notes in
                Scorer.inChunks(order.count) { range in
                    for position in range where position + 1 < order.count {
                        let i = order[position], next = order[position + 1]
                        guard totals[next] == totals[i] else { continue }
                        let decided = decided(i, next, scored)
                        notes[position] = Wording.tieNote(other: ids[passing[next]], total: totals[i], rule: decided.rule,
                                                          values: decided.values)
                    }
                }
            }
        }

        // Each ranked bid's facts (its identity moved out of its evaluation, its rank, total,
        // tie-break and components appended) are made on all cores: an overflow is the one of
        // the first bid in rank order, as if they had been made one by one.
        var rankedFacts = [PackedFacts](repeating: PackedFacts(), count: order.count)
        var files = [String](repeating: "", count: order.count)
        let components = outline?.components ?? []
        let componentColumns = scored.first?.scoreColumns(components.map(\.id)) ?? ScoreColumns(components.map(\.id))
        let weights = components.map { (weight: $0.weight, maximum: $0.maximum) }
        let failures = Mutex<[(position: Int, error: ArithmeticError)]>([])
        // Read and written in place throughout: on all cores, a copy of a result or an
        // evaluation is an atomic count on what all of them share (the scheme, the file).
        evaluations.withUnsafeMutableBufferPointer { evaluations in
          scored.withUnsafeBufferPointer { scored in
            rankedFacts.withUnsafeMutableBufferPointer { facts in
              files.withUnsafeMutableBufferPointer { files in
                Scorer.inChunks(order.count) { range in
                    for position in range {
                        let i = order[position], k = passing[i]
                        var contributions: [Exact] = []
                        contributions.reserveCapacity(weights.count)
                        let (total, points) = BidResult.totalAndPoints(at: scored.baseAddress! + i, componentColumns)
                        do throws(ArithmeticError) {
                            // What each component adds, as the total step weighted it: reports
                            // show these rather than compute them.
                            for (w, points) in zip(weights, points) {
                                contributions.append(try TotalOutline.Component.contribution(of: points ?? .zero, weight: w.weight,
                                                                                             maximum: w.maximum))
                            }
                        } catch {
                            failures.withLock { $0.append((position, error)) }
                            return
                        }
                        facts[position] = PackedFacts(identity: evaluations[k].takeFacts(), total: total, tieBreak: tieBreaks[position],
                                                      components: contributions, inputs: inputValues(of: ids[k]))
                        files[position] = evaluations[k].file
                    }
                }
              }
            }
          }
        }
        if let first = failures.withLock({ $0 }).min(by: { $0.position < $1.position }) { throw first.error }
        // Excluded: the gates say why; no score is shown (result-json.md).
        var excluded: [BidOutcome] = []
        for k in byID where !passed[k] {
            let explanation = Explanation(gates: evaluations[k].explanation.gates, scores: [])
            evaluations[k].result.empty()
            excluded.append(BidOutcome(facts: PackedFacts(identity: evaluations[k].takeFacts(), total: nil, tieBreak: nil,
                                                          components: [], inputs: inputValues(of: ids[k])),
                                       file: evaluations[k].file, status: .excluded, rank: nil, held: .explanation(explanation)))
        }
        // The evaluations (emptied shells by now) go before the ranking's list is made.
        evaluations = []
        var outcomes: [BidOutcome] = []
        outcomes.reserveCapacity(order.count + excluded.count)
        // Moved, not copied: the results and facts are left empty behind.
        for (position, i) in order.enumerated() {
            var facts = PackedFacts()
            swap(&facts, &rankedFacts[position])
            outcomes.append(BidOutcome(facts: facts, file: files[position], status: .ranked, rank: position + 1,
                                       held: .result(scored[i].take())))
        }
        outcomes += excluded
        let refusedSorted = refused.sorted {
            ($0.file, $0.bidID ?? "") < ($1.file, $1.bidID ?? "")
        }
        return Ranking(tender: tender, scheme: scheme.reference, inputs: inputs.sorted(), bids: outcomes, refused: refusedSorted,
                       outline: outline, crossBid: context)
    }
}
