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

/// The per-bid part of a scheme applied to one bid: gates and lines with their explanations,
/// and the figures a cross-bid step needs. Small, so many can be kept while bids stream past.
public struct BidResult: Sendable, Hashable, Codable {
    public var explanation: Explanation
    public var passedGates: Bool
    /// How much of the explanation was built (`ExplanationDetail`).
    public var detail: ExplanationDetail = .full
    /// Results of values and lines by slot (nil for slots filled across bids).
    var slots: [SlotValue]
    /// Bid fields a cross-bid step reads.
    var carried: [SlotValue]

    /// The points of a line or the value of a `value`, by id.
    public func number(_ id: String, in program: Program) -> Exact? {
        guard let slot = program.slot(named: id), slot < slots.count, case .number(let v) = slots[slot] else { return nil }
        return v
    }
}

/// A stored value that survives the bid: numbers and the few other kinds a `value` may hold.
enum SlotValue: Sendable, Hashable, Codable {
    case none
    case number(Exact)
    case bool(Bool)
    case date(CalendarDate)
    case text(String)
    case groups(UInt16)
    case choice(UInt8)

    init(_ v: Value) {
        switch v {
        case .number(let n): self = .number(n)
        case .bool(let b): self = .bool(b)
        case .date(let d): self = .date(d)
        case .text(let s): self = .text(s)
        case .groups(let g): self = .groups(g.bits)
        case .choice(let c): self = .choice(c)
        case .area(let a): self = .text(a?.text ?? "")
        }
    }

    var value: Value? {
        switch self {
        case .none: nil
        case .number(let n): .number(n)
        case .bool(let b): .bool(b)
        case .date(let d): .date(d)
        case .text(let s): .text(s)
        case .groups(let g): .groups(GroupSet(bits: g))
        case .choice(let c): .choice(c)
        }
    }
}

extension Value {
    var numberOrNil: Exact? {
        if case .number(let v) = self { return v }
        return nil
    }
}
