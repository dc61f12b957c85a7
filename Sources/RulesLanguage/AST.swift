import Diagnostics
import Documents
import ExactNumbers

/// The syntax tree of a scheme file, as written; the checker resolves it into a `Program`.
public struct Expr: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// A number with an optional unit word: `26 weeks`, `1.5`, `20 points`.
        case number(Exact, unit: String?)
        /// `£13.45`, or `£12.21 per hour` (a rate).
        case money(Exact, perHour: Bool)
        case percent(Exact)
        case date(CalendarDate)
        case bool(Bool)
        case text(String)
        /// A constant, value, line, table, input, or a word such as `sme` or `young-person`.
        case name(String)
        /// `job.hourly_rate`, `bid.price`.
        case field(object: String, field: String, fieldSpan: SourceSpan)
        /// `+`, `-`, `×`, `÷`.
        case arithmetic(String, Expr, Expr)
        case negate(Expr)
        /// `<`, `≤`, `>`, `≥`, `=`, `≠`.
        case compare(String, Expr, Expr)
        /// `x is one of a, b` (`negated` for `is not`).
        case isOneOf(Expr, [Expr], negated: Bool)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case not(Expr)
        /// `decile(x)`, `deprived(x)`, or `x is deprived`.
        case call(String, Expr)
        /// `groups includes any of others` / `groups includes g`.
        case includes(Expr, Expr, any: Bool)
        /// `sum of E for each job where C`.
        case sum(Expr, kind: String, kindSpan: SourceSpan, filter: Expr?)
        /// `count for each job where C`: how many commitments.
        case count(kind: String, kindSpan: SourceSpan, filter: Expr?)
        /// Across the bids of a tender that passed the gates.
        case highest(Expr)
        case lowest(Expr)
        /// `all groups except school-pupil` or `groups young-person, disabled`.
        case groupSet(all: Bool, [Expr])
    }

    public var kind: Kind
    public var span: SourceSpan
    /// Levels of the tree from here down (RulesLimits.expressionDepth bounds it).
    public let depth: Int

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.depth = Expr.depth(of: kind)
    }
}

/// One step inside a gate, line or score block.
public enum Clause: Sendable, Hashable {
    case skip(when: Expr, because: String, span: SourceSpan)
    /// `points E`, `points E when C`, `points E otherwise`: the first row that applies gives the base.
    case points(Expr, when: Expr?, otherwise: Bool, span: SourceSpan)
    case times(Expr, when: Expr?, because: String?, span: SourceSpan)
    case plus(Expr, when: Expr?, because: String?, span: SourceSpan)
    case minus(Expr, when: Expr?, because: String?, span: SourceSpan)
    case cap(Expr, span: SourceSpan)
    case maximum(Expr, span: SourceSpan)
}

public struct TableRow: Sendable, Hashable {
    public var value: Expr
    public var from: CalendarDate
    public var span: SourceSpan
}

public struct TableDecl: Sendable, Hashable {
    public var name: String
    public var title: String
    public var short: String?
    /// `£ per hour`, `£`, `points`, … as written after `in`.
    public var unit: String?
    public var rows: [TableRow]
    public var span: SourceSpan
}

public struct NamedDecl: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case constant, value, input }
    public var kind: Kind
    public var name: String
    public var title: String?
    /// Nil for an input (its value comes from outside the scheme, per bid).
    public var expr: Expr?
    /// For inputs: `maximum 100`.
    public var maximum: Expr?
    public var span: SourceSpan
}

public struct GateDecl: Sendable, Hashable {
    public var id: String
    public var title: String
    public var pass: Expr?
    public var explain: String?
    public var explainSpan: SourceSpan?
    public var span: SourceSpan
}

public struct LineDecl: Sendable, Hashable {
    public var id: String
    public var title: String
    /// `for each job`: the kind of commitment the clauses run over; nil for a bid-level line.
    public var each: String?
    public var eachSpan: SourceSpan?
    /// True for `score` blocks: evaluated across the bids of a tender.
    public var crossBid: Bool
    public var clauses: [Clause]
    public var span: SourceSpan
}

public struct TotalRow: Sendable, Hashable {
    public var name: String
    public var weight: Expr?
    public var span: SourceSpan
}

public struct TotalDecl: Sendable, Hashable {
    public var title: String
    public var outOf: Expr?
    public var rows: [TotalRow]
    public var span: SourceSpan
}

public struct TieBreak: Sendable, Hashable {
    /// `more`, `less`, `higher`, `lower`, `earlier`, `later`, or nil (ascending for `bid.id`).
    public var direction: String?
    public var expr: Expr
    public var span: SourceSpan
}

/// A fixture inside a scheme file, run by `cbscore test`.
public struct ExampleDecl: Sendable, Hashable {
    public enum Item: Sendable, Hashable {
        /// `area S01012220 is SIMD 2020v2 rank 523 [decile 1]`.
        case area(code: String, index: String, rank: Int, decile: Int?, span: SourceSpan)
        /// `bid B-2`: what follows describes that bid.
        case bid(String, span: SourceSpan)
        /// `bid.price £2,310,000`, `fair_work.workforce_voice yes`, `tender.estimated_value £…`.
        case set(object: String, field: String, value: Expr, span: SourceSpan)
        /// `job J1 count 3 fte 1 weeks 52 hourly_rate £13.60 area S01012220 target_groups young-person`.
        case commitment(kind: String, ref: String, fields: [(String, Expr, SourceSpan)], span: SourceSpan)
        /// `input quality 75`.
        case input(name: String, value: Expr, span: SourceSpan)
        case expect(Expectation)

        public static func == (a: Item, b: Item) -> Bool { "\(a)" == "\(b)" }
        public func hash(into hasher: inout Hasher) { hasher.combine("\(self)") }
    }

    public struct Expectation: Sendable, Hashable {
        public enum What: Sendable, Hashable {
            /// `expect jobs 51`: points of a line or score, or `total`.
            case points(String, Expr)
            /// `expect gate minimum-trt passes`.
            case gate(String, passes: Bool)
            case rank(Int)
            case excluded
            /// `expect refused "no rate in force"`: the bid is refused with a diagnostic saying this.
            case refused(String)
            /// `expect jobs skips J1 "below the Real Living Wage: not counted"`.
            case skips(line: String, ref: String, reason: String)
        }
        public var bid: String?
        public var what: What
        public var span: SourceSpan
        /// Where the line, score or gate id is written, for a misspelt id.
        public var nameSpan: SourceSpan? = nil
    }

    public var title: String
    public var items: [Item]
    public var span: SourceSpan
}

/// The percent of expected delivery at or above which a commitment is green, and amber.
public struct DeliveryStatusDecl: Sendable, Hashable {
    public var green: Exact
    public var amber: Exact
    public var span: SourceSpan
}

public struct SchemeFile: Sendable, Hashable {
    public var file: String
    public var name: String?
    public var version: String?
    public var source: String?
    public var tables: [TableDecl] = []
    public var named: [NamedDecl] = []
    public var gates: [GateDecl] = []
    public var lines: [LineDecl] = []
    public var total: TotalDecl?
    public var ties: [TieBreak] = []
    public var examples: [ExampleDecl] = []
    /// `delivery status green from 90% amber from 70%`: how monitoring rates delivery.
    public var deliveryStatus: DeliveryStatusDecl?
    /// Declarations in file order, for name resolution (a name is usable after it is declared).
    public var order: [Declaration] = []
    public var span: SourceSpan

    public enum Declaration: Sendable, Hashable {
        case table(Int), named(Int), gate(Int), line(Int)
    }
}
