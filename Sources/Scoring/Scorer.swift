import Areas
import Diagnostics
import Documents
import ExactNumbers
import RulesLanguage

/// What the ranking step keeps of one bid after its per-bid evaluation: small, so 100,000 bids
/// can stream through (read → evaluate → keep this → drop the Bid).
public struct BidEvaluation: Sendable, Hashable {
    public var bidID: String
    public var bidder: String
    public var price: Money
    public var submitted: Instant
    public var location: SourceLocation
    /// Gates and lines; the cross-bid scores are added by `Scorer.rank`.
    public var explanation: Explanation
    public var passedGates: Bool
    public var result: BidResult

    /// Points of a line (or value) of the scheme, by id: for monitoring and reports.
    public func points(_ id: String) -> Exact? { explanation.score(id)?.points }
}

/// Applies one checked scheme to bids: per bid (`evaluate`), then across a tender's bids (`rank`).
public struct Scorer: Sendable {
    public let scheme: Scheme
    public let areas: any AreaLookup
    /// Values the scheme's `input`s take, by input name then bid id (panel scores…).
    public let externalInputs: [String: [String: Exact]]

    public init(scheme: Scheme, areas: any AreaLookup, externalInputs: [String: [String: Exact]] = [:]) {
        self.scheme = scheme
        self.areas = areas
        self.externalInputs = externalInputs
    }

    /// Evaluates one bid's per-bid part (gates + lines); returns the explanation or the
    /// diagnostics that refuse it (unknown area at the area's source location, no rate in
    /// force, overflow, a missing input…). Lines are evaluated even when a gate fails, so a
    /// synthetic bid of delivered figures can be scored with the same scheme.
    public func evaluate(_ bid: Bid, tender: Tender) -> Result<BidEvaluation, DiagnosticsError> {
        var inputs: [String: Exact] = [:]
        for name in scheme.program.inputNames {
            if let v = externalInputs[name]?[bid.id] { inputs[name] = v }
        }
        switch scheme.program.evaluate(bid: bid, tender: tender, areas: areas, inputs: inputs) {
        case .success(let r):
            return .success(BidEvaluation(bidID: bid.id, bidder: bid.bidder.name, price: bid.price, submitted: bid.submitted,
                                          location: bid.location, explanation: r.explanation, passedGates: r.passedGates, result: r))
        case .failure(let e):
            return .failure(e)
        }
    }

    /// Cross-bid steps (relative, lowest price, weights, totals) and ranking with the scheme's
    /// tie-break order. The result does not depend on the order of `evaluations`.
    public func rank(tender: Tender, evaluations: [BidEvaluation], inputs: [InputFile], refused: [RefusedBid]) throws -> Ranking {
        let sorted = evaluations.sorted { a, b in
            if a.bidID != b.bidID { return a.bidID.utf8.lexicographicallyPrecedes(b.bidID.utf8) }
            return a.location < b.location
        }
        let passing = sorted.filter(\.passedGates)
        let cross = try scheme.program.evaluateScores(ids: passing.map(\.bidID), results: passing.map(\.result))
        let rules = scheme.program.tieBreaks
        struct Entry {
            var evaluation: BidEvaluation
            var cross: CrossBidResult
        }
        var entries = zip(passing, cross).map { Entry(evaluation: $0, cross: $1) }

        /// -1 when a ranks before b; the index of the deciding rule (nil: totals differ).
        func compare(_ a: Entry, _ b: Entry) -> (Int, String?) {
            let ta = a.cross.total ?? .zero
            let tb = b.cross.total ?? .zero
            if ta != tb { return (ta > tb ? -1 : 1, nil) }
            for (i, rule) in rules.enumerated() {
                switch rule.key {
                case .value:
                    let x = a.cross.tieValues[i] ?? .zero
                    let y = b.cross.tieValues[i] ?? .zero
                    if x != y { return ((x > y) == rule.descending ? -1 : 1, rule.text) }
                case .submitted:
                    let x = a.evaluation.submitted
                    let y = b.evaluation.submitted
                    if x != y { return ((x > y) == rule.descending ? -1 : 1, rule.text) }
                case .bidID:
                    break
                }
            }
            let x = a.evaluation.bidID
            let y = b.evaluation.bidID
            if x != y { return (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1, "bid id") }
            return (a.evaluation.location < b.evaluation.location ? -1 : 1, "position in the input")
        }
        entries.sort { compare($0, $1).0 < 0 }

        var outcomes: [BidOutcome] = []
        for (i, e) in entries.enumerated() {
            var explanation = e.evaluation.explanation
            explanation.scores += e.cross.scores
            var tieBreak: String?
            if i + 1 < entries.count, (entries[i + 1].cross.total ?? .zero) == (e.cross.total ?? .zero),
               let rule = compare(e, entries[i + 1]).1 {
                tieBreak = "same total as \(entries[i + 1].evaluation.bidID); ranked above it by \(rule)"
            }
            outcomes.append(BidOutcome(bidID: e.evaluation.bidID, bidder: e.evaluation.bidder, price: e.evaluation.price,
                                       submitted: e.evaluation.submitted, location: e.evaluation.location, status: .ranked,
                                       rank: i + 1, total: e.cross.total, explanation: explanation, tieBreak: tieBreak))
        }
        for e in sorted where !e.passedGates {
            // Excluded: the gates say why; no score is shown (result-json.md).
            let explanation = Explanation(gates: e.explanation.gates, scores: [])
            outcomes.append(BidOutcome(bidID: e.bidID, bidder: e.bidder, price: e.price, submitted: e.submitted, location: e.location,
                                       status: .excluded, explanation: explanation))
        }
        let refusedSorted = refused.sorted {
            ($0.file, $0.bidID ?? "") < ($1.file, $1.bidID ?? "")
        }
        return Ranking(tender: tender, scheme: scheme.reference, inputs: inputs.sorted(), bids: outcomes, refused: refusedSorted)
    }
}
