import Diagnostics
import Documents
import ExactNumbers

/// The cross-bid part of one bid's result: its scores, its total and its tie-break keys.
public struct CrossBidResult: Sendable, Hashable {
    public var scores: [ScoreResult]
    public var total: Exact?
    /// One value per numeric tie-break of the scheme, in order (nil for `bid.submitted` and
    /// `bid.id`, which the ranking reads from the bid itself).
    public var tieValues: [Exact?]
}

/// A tie-break as the scheme states it.
public struct TieBreakRule: Sendable, Hashable {
    public enum Key: Sendable, Hashable { case value, submitted, bidID }
    public var key: Key
    /// True when the larger value ranks first.
    public var descending: Bool
    /// In words: `more community benefit points`, `lower price`, `earlier submission`.
    public var text: String
    /// The type of the figure compared, for showing it (`£2,300,000`, `43`).
    var type: ValueType = .points

    /// A figure this rule compares, as explanations show one of its type.
    public func shown(_ value: Exact) -> String { Format.value(.number(value), type) }
}

extension Program {
    public var tieBreaks: [TieBreakRule] {
        ties.map { tie in
            switch tie.key {
            case .node(let node): TieBreakRule(key: .value, descending: tie.descending, text: tie.text, type: node.type)
            case .submitted: TieBreakRule(key: .submitted, descending: tie.descending, text: tie.text)
            case .bidID: TieBreakRule(key: .bidID, descending: false, text: tie.text)
            }
        }
    }

    /// A score's sentence: the row that applied (its cap is stated once, by its step).
    static func explainScore(steps: [CalculationStep], points: Exact) -> String {
        steps.first { $0.kind == .base }?.description ?? Wording.points(points)
    }

    static func aggregatesUsed(by line: CompiledLine) -> [Int] {
        var found: [Int] = []
        func walk(_ n: Node) {
            switch n.op {
            case .aggregate(let i): if !found.contains(i) { found.append(i) }
            case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
                 .includes(let a, let b, _):
                walk(a)
                walk(b)
            case .negate(let a), .not(let a), .decile(let a), .deprived(let a): walk(a)
            case .oneOf(let a, let bs, _):
                walk(a)
                bs.forEach(walk)
            case .sum(_, let a, let f):
                walk(a)
                f.map(walk)
            case .count(_, let f): f.map(walk)
            default: break
            }
        }
        for p in line.points {
            walk(p.value)
            p.condition.map(walk)
        }
        for a in line.adjustments {
            walk(a.value)
            a.condition.map(walk)
        }
        line.skips.forEach { walk($0.condition) }
        return found
    }
}

