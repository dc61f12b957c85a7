import Diagnostics
import Documents
import ExactNumbers

/// A checked scheme, resolved for evaluation: every name is a slot, field or table index, so
/// evaluating a bid does no name lookups. Built once by `Checker`, shared by every evaluation.
/// Percent of expected delivery at or above which monitoring calls a commitment green, and amber.
public struct DeliveryThresholds: Sendable, Hashable {
    public var green: Exact
    public var amber: Exact
}

public struct Program: Sendable {
    public var file: String
    public var name: String
    public var version: String?
    public var source: String?

    var tables: [CompiledTable] = []
    var inputs: [CompiledInput] = []
    var gates: [CompiledGate] = []
    var lines: [CompiledLine] = []
    var values: [CompiledValue] = []
    /// Per-bid work in declaration order.
    var steps: [Step] = []
    /// Score blocks, evaluated across the bids of a tender, in declaration order.
    var scores: [CompiledLine] = []
    var total: CompiledTotal?
    var ties: [CompiledTie] = []
    /// Bid fields a cross-bid step reads, carried from the per-bid evaluation.
    var carried: [BidField] = []
    var aggregates: [Aggregate] = []
    var slotCount = 0
    var slotNames: [String] = []
    /// `value person_weeks`, `line jobs`: where a slot's figure comes from, for explanations.
    var slotSources: [String] = []
    public var examples: [ExampleDecl] = []
    /// Monitoring's status thresholds (percent of expected) when the scheme states them.
    public var deliveryStatus: DeliveryThresholds?
    /// The groups the scheme declares as `constant priority_groups`, when it does.
    public var priorityGroups: [TargetGroup]?

    /// The executable form, lowered once when the scheme has been checked without error.
    var executable: Executable?

    var lowered: Executable {
        guard let executable else { preconditionFailure("a Program is lowered when it is checked") }
        return executable
    }

    enum Step: Sendable {
        case value(Int), gate(Int), line(Int)
    }

    /// Ids of the gates, lines and scores, in order.
    public var gateIDs: [String] { gates.map(\.id) }
    public var lineIDs: [String] { lines.map(\.id) }
    public var scoreIDs: [String] { scores.map(\.id) }
    public var inputNames: [String] { inputs.map(\.name) }
    public var hasTotal: Bool { total != nil }

    /// The slot holding a line's, score's or value's result, by its id.
    public func slot(named name: String) -> Int? { slotNames.firstIndex(of: name) }
}

struct Node: Sendable {
    indirect enum Op: Sendable {
        case constant(Value)
        case bidField(BidField)
        /// A bid field read in a cross-bid step: index into the carried values.
        case carried(Int)
        case item(ItemField)
        case table(Int)
        case slot(Int)
        case arithmetic(Character, Node, Node)
        case negate(Node)
        case compare(String, Node, Node)
        case oneOf(Node, [Node], negated: Bool)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        case decile(Node)
        case deprived(Node)
        case includes(Node, Node, any: Bool)
        case sum(CommitmentKind, Node, filter: Node?)
        case count(CommitmentKind, filter: Node?)
        case aggregate(Int)
    }

    var op: Op
    var type: ValueType
    /// Identifies the figure this node reads, so a figure read twice is recorded once without
    /// building it again (item fields are told apart by the commitment's position at run time).
    var key: Int
    /// What explanations and diagnostics read, behind one reference: lowering copies
    /// nodes as it walks them, and one retain per copy is cheaper than one per string.
    let info: NodeInfo

    var span: SourceSpan { info.span }
    /// The expression as the scheme writes it, for explanations.
    var text: String { info.text }
    /// The field name or slot name, for figures.
    var label: String { info.label }

    init(op: Op, type: ValueType, span: SourceSpan, text: String, label: String = "", key: Int = 0) {
        self.op = op
        self.type = type
        self.key = key
        info = NodeInfo(span: span, text: text, label: label)
    }
}

final class NodeInfo: Sendable {
    let span: SourceSpan
    let text: String
    let label: String

    init(span: SourceSpan, text: String, label: String) {
        self.span = span
        self.text = text
        self.label = label
    }
}

struct CompiledTable: Sendable {
    var name: String
    var title: String
    var short: String?
    var type: ValueType
    /// In date order; `until` is inclusive.
    var rows: [(from: CalendarDate, until: CalendarDate?, value: Exact)]
    var span: SourceSpan
}

struct CompiledInput: Sendable {
    var name: String
    var title: String
    var slot: Int
    var maximum: Exact?
    var span: SourceSpan
}

struct CompiledValue: Sendable {
    var name: String
    var title: String
    var slot: Int
    var node: Node
    var span: SourceSpan
}

struct CompiledGate: Sendable {
    var id: String
    var title: String
    var pass: Node
    /// Text and placeholders: `offers {person_weeks} person-weeks`.
    var explain: [ExplainPart]?
    var span: SourceSpan
}

enum ExplainPart: Sendable {
    case text(String)
    case value(Node)
}

struct CompiledLine: Sendable {
    var id: String
    var title: String
    var each: CommitmentKind?
    var skips: [(condition: Node, reason: String)]
    /// `job`, `supply chain`: how the explanation names the commitments counted.
    var noun: String = ""
    var points: [(value: Node, condition: Node?)]
    var adjustments: [Adjustment] {
        didSet { prepared = adjustments.map(PreparedAdjustment.init) }
    }
    var prepared: [PreparedAdjustment] = []
    /// The texts before and after each points row's points, and why no row applied (built
    /// once by the checker: `Wording.pointsRows`).
    var preparedPointsTexts: [(prefix: String, suffix: String)] = []
    var noRowReason = ""
    var cap: Exact?
    var maximum: Exact?
    var slot: Int
    var span: SourceSpan
    var crossBid: Bool
}

struct Adjustment: Sendable {
    enum Kind: Sendable { case times, plus, minus }
    var kind: Kind
    var value: Node
    var condition: Node?
    var because: String?

    // Step texts fixed by the scheme, built once by the checker rather than per commitment.
    var symbol: String { kind == .times ? "×" : (kind == .plus ? "+" : "-") }
    var stepKind: CalculationStep.Kind { kind == .times ? .multiplier : .bonus }
    var reason: String? { because ?? condition?.text }
    var notAppliedText: String { Wording.adjustmentNotApplied(symbol: symbol, value: value.text, reason: reason) }
    /// The whole "applied" text when the value is a constant (`× 1.5: area is deprived`).
    var constantAppliedText: String? {
        guard case .constant(.number(let v)) = value.op else { return nil }
        return appliedText(v)
    }

    func appliedText(_ v: Exact) -> String {
        Wording.adjustmentApplied(symbol: symbol, value: value.text, shown: v, reason: reason)
    }
}

/// An adjustment with its fixed texts.
struct PreparedAdjustment: Sendable {
    var adjustment: Adjustment
    var notApplied: String
    var applied: String?

    init(_ a: Adjustment) {
        adjustment = a
        notApplied = a.notAppliedText
        applied = a.constantAppliedText
    }
}

struct CompiledTotal: Sendable {
    var title: String
    var outOf: Exact?
    var rows: [(name: String, slot: Int, weight: Exact?, maximum: Exact?)]
    var slot: Int
    var span: SourceSpan
}

struct CompiledTie: Sendable {
    enum Key: Sendable {
        case node(Node)
        case submitted
        case bidID
    }
    var key: Key
    /// True when the larger value wins.
    var descending: Bool
    var text: String
}

struct Aggregate: Sendable {
    var highest: Bool
    var node: Node
    var text: String
    /// The figure's name in words: `the lowest price`.
    var name: String
}
