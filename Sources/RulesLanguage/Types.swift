import Documents
import ExactNumbers

/// What a counted figure measures. Quantities mix freely in products (count × fte × weeks is
/// person-weeks) but are only added to or compared with the same quantity or a plain number.
public enum Quantity: String, Sendable, Hashable {
    case number, count, fte, weeks, hours, personWeeks = "person-weeks", decile
}

/// Sets of named words a field can hold.
public enum Choice: String, Sendable, Hashable, CaseIterable {
    case supplyChainKind = "supply chain kind"
    case apprenticeshipLevel = "apprenticeship level"
    case bidderSize = "bidder size"

    public var words: [String] {
        switch self {
        case .supplyChainKind: SupplyChainKind.allCases.map(\.rawValue)
        case .apprenticeshipLevel: ApprenticeshipLevel.allCases.map(\.rawValue)
        case .bidderSize: BidderSize.allCases.map(\.rawValue)
        }
    }
}

/// The type of a value in a scheme, units included: the checker refuses `£` + points and a
/// rate compared with a count.
public enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case quantity(Quantity)
    case money
    /// Money per hour.
    case rate
    case points
    case percent
    case date
    case bool
    case text
    case group
    case groups
    case area
    case choice(Choice)

    public var description: String {
        switch self {
        case .quantity(.number): "a plain number"
        case .quantity(let q): "a number of \(q.rawValue)"
        case .money: "money (£)"
        case .rate: "an hourly rate (£ per hour)"
        case .points: "points"
        case .percent: "a percentage"
        case .date: "a date"
        case .bool: "yes/no"
        case .text: "text"
        case .group: "a target group"
        case .groups: "a set of target groups"
        case .area: "an area"
        case .choice(let c): "a \(c.rawValue)"
        }
    }

    /// The unit shown beside a figure in an explanation.
    public var unitText: String {
        switch self {
        case .quantity(.number): ""
        case .quantity(let q): q.rawValue
        case .money: "£"
        case .rate: "£/hour"
        case .points: "points"
        case .percent: "%"
        default: ""
        }
    }

    var isNumeric: Bool {
        switch self {
        case .quantity, .money, .rate, .points, .percent: true
        default: false
        }
    }

    /// A value a points clause can give: points or any counted quantity, never money.
    var canBePoints: Bool {
        switch self {
        case .quantity, .points, .percent: true
        default: false
        }
    }

    static func unitWord(_ word: String?) -> ValueType {
        switch word {
        case "weeks": .quantity(.weeks)
        case "hours": .quantity(.hours)
        case "points": .points
        case "person-weeks": .quantity(.personWeeks)
        case "fte": .quantity(.fte)
        case "count": .quantity(.count)
        case "decile": .quantity(.decile)
        default: .quantity(.number)
        }
    }

    /// The result of `l op r` for `+ - × ÷`, or a message saying why it makes no sense.
    static func arithmetic(_ op: String, _ l: ValueType, _ r: ValueType) -> Result<ValueType, TypeMessage> {
        guard l.isNumeric, r.isNumeric else {
            return .failure(TypeMessage("cannot compute \(l) \(op) \(r)", hint: nil))
        }
        let plain = ValueType.quantity(.number)
        switch op {
        case "+", "-":
            if l == r { return .success(l) }
            if l == plain, r != .percent { return .success(r) }
            if r == plain, l != .percent { return .success(l) }
            if case .quantity = l, case .quantity = r {
                if l == .quantity(.count) || r == .quantity(.count) {
                    // count × fte reads as a count of posts; allow adding them.
                    if l == .quantity(.fte) || r == .quantity(.fte) { return .success(.quantity(.count)) }
                }
                return .failure(TypeMessage("cannot \(op == "+" ? "add" : "subtract") \(r) \(op == "+" ? "to" : "from") \(l)",
                                            hint: "both sides of `\(op)` must measure the same thing"))
            }
            if (l == .points && r.isCounted) || (r == .points && l.isCounted) { return .success(.points) }
            let hint: String? = (l == .money || r == .money)
                ? "money is not points: divide the amount by a sum of money first, e.g. `amount ÷ £20,000`" : nil
            return .failure(TypeMessage("cannot \(op == "+" ? "add" : "subtract") \(r) \(op == "+" ? "to" : "from") \(l)", hint: hint))
        case "×":
            if l == .percent { return .success(r == .percent ? .percent : r) }
            if r == .percent { return .success(l) }
            if l == plain { return .success(r) }
            if r == plain { return .success(l) }
            switch (l, r) {
            case (.quantity(let a), .quantity(let b)): return .success(.quantity(Quantity.product(a, b)))
            case (.points, .quantity), (.quantity, .points): return .success(.points)
            case (.money, .quantity), (.quantity, .money): return .success(.money)
            case (.rate, .quantity(.hours)), (.quantity(.hours), .rate): return .success(.money)
            case (.rate, .quantity), (.quantity, .rate): return .success(.rate)
            default:
                return .failure(TypeMessage("cannot multiply \(l) by \(r)", hint: nil))
            }
        default:  // ÷
            if r == .percent { return .success(l) }
            if r == plain { return .success(l) }
            if l == r { return .success(plain) }
            switch (l, r) {
            case (.quantity(let a), .quantity(let b)): return .success(.quantity(Quantity.quotient(a, b)))
            case (.points, .quantity): return .success(.points)
            case (.money, .quantity(.hours)): return .success(.rate)
            case (.money, .rate): return .success(.quantity(.hours))
            case (.money, .quantity): return .success(.money)
            default:
                let hint: String? = r == .money ? "only money can be divided by money" : nil
                return .failure(TypeMessage("cannot divide \(l) by \(r)", hint: hint))
            }
        }
    }

    var isCounted: Bool {
        if case .quantity = self { return true }
        return false
    }

    /// Whether `l` and `r` can be compared with `<`, `=`, ….
    static func comparable(_ l: ValueType, _ r: ValueType) -> Bool {
        if l == r { return true }
        let plain = ValueType.quantity(.number)
        if l == plain, r.isCounted || r == .points { return true }
        if r == plain, l.isCounted || l == .points { return true }
        if (l == .points && r.isCounted) || (r == .points && l.isCounted) { return true }
        if (l == .group && r == .groups) || (l == .groups && r == .group) { return true }
        return false
    }
}

extension Quantity {
    static func product(_ a: Quantity, _ b: Quantity) -> Quantity {
        switch (a, b) {
        case (.number, _): b
        case (_, .number): a
        case (.count, .fte), (.fte, .count), (.fte, .fte): a == .fte && b == .fte ? .fte : .count
        case (.count, .count): .count
        case (.count, .weeks), (.weeks, .count), (.fte, .weeks), (.weeks, .fte): .personWeeks
        case (.personWeeks, .fte), (.fte, .personWeeks): .personWeeks
        default: .number
        }
    }

    static func quotient(_ a: Quantity, _ b: Quantity) -> Quantity {
        switch (a, b) {
        case (_, .number): a
        case (.personWeeks, .weeks): .count
        case (.personWeeks, .count): .weeks
        default: .number
        }
    }
}

struct TypeMessage: Error {
    var message: String
    var hint: String?
    init(_ message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }
}
