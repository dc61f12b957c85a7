import Documents

/// Red, amber, green against what was expected by the date (monitoring.md, "Status").
public enum RAGStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case notYetDue = "not yet due"
    case green, amber, red
}

/// Percent of expected at or above which a line is green, and amber: a scheme states them with
/// `delivery status green from 90% amber from 70%`; these defaults apply when it does not.
public struct RAGThresholds: Sendable, Hashable, Codable {
    public var green: Exact
    public var amber: Exact

    public init(green: Exact, amber: Exact) {
        self.green = green
        self.amber = amber
    }

    public static let schemeDefaults = RAGThresholds(green: 90, amber: 70)

    /// percent = delivered / expected × 100; nil and "not yet due" when nothing is expected yet.
    public func status(delivered: Exact, expected: Exact) throws(ArithmeticError) -> (percent: Exact?, status: RAGStatus) {
        guard !expected.isZero else { return (nil, .notYetDue) }
        let percent = try delivered.divided(by: expected).multiplied(by: Exact(100))
        if percent >= green { return (percent, .green) }
        if percent >= amber { return (percent, .amber) }
        return (percent, .red)
    }
}

/// Where a hire stands against its commitment.
public enum HireState: String, Sendable, Hashable, Codable {
    /// Counts, and has lasted the commitment's weeks.
    case sustained
    /// Counts, and has not yet reached the commitment's weeks.
    case inPost = "in post"
    /// Counts toward "filled" but left before the commitment's weeks had passed.
    case leftEarly = "left early"
    /// Does not count toward the commitment; `reasons` says why.
    case notCounted = "not counted"
}

/// One person hired (or starting an apprenticeship) under one commitment.
public struct HireOutcome: Sendable, Hashable, Codable {
    public var ref: String
    public var person: String
    /// The first period that reported the hire.
    public var period: ReturnPeriod
    public var start: CalendarDate
    /// start + 7 × the commitment's weeks.
    public var sustainedFrom: CalendarDate
    public var area: String?
    public var decile: Int?
    public var council: String?
    public var targetGroups: [TargetGroup]
    public var fte: Exact?
    public var hourlyRate: Exact?
    public var state: HireState
    /// Why the hire does not count, one sentence each; empty when it counts.
    public var reasons: [String]
    /// The earliest leaver date before `sustainedFrom`, when the hire left early.
    public var leftOn: CalendarDate?

    public var counted: Bool { state != .notCounted }
}

/// Filled, sustained and the rest, for a jobs or apprenticeships commitment.
public struct HireCounts: Sendable, Hashable, Codable {
    /// Hires that count toward the commitment (leavers included).
    public var filled: Int
    public var sustained: Int
    public var inPost: Int
    public var leftEarly: Int
    public var notCounted: Int

    public init(filled: Int, sustained: Int, inPost: Int, leftEarly: Int, notCounted: Int) {
        self.filled = filled
        self.sustained = sustained
        self.inPost = inPost
        self.leftEarly = leftEarly
        self.notCounted = notCounted
    }
}

/// Delivery against one commitment at one date of the timeline.
public struct TimelinePoint: Sendable, Hashable, Codable {
    public var period: ReturnPeriod
    /// The period's last day, or the as-of date when that comes first.
    public var date: CalendarDate
    public var expected: Exact
    public var delivered: Exact
}

public struct CommitmentProgress: Sendable, Hashable, Codable {
    public var ref: String
    public var kind: CommitmentKind
    public var committed: Exact
    public var expected: Exact
    public var delivered: Exact
    /// delivered / expected × 100, unrounded; nil when nothing is expected yet.
    public var percent: Exact?
    public var status: RAGStatus
    /// Jobs and apprenticeships only.
    public var hires: HireCounts?
    /// Every person reported under the commitment, by start date then person.
    public var hireOutcomes: [HireOutcome]
    /// Cumulative delivery at the end of each counted period (empty when not asked for).
    public var timeline: [TimelinePoint]
}

/// Points a scheme gives one line for the commitments and for what was delivered.
public struct PointsLineComparison: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var committed: Exact?
    public var delivered: Exact?
}

public struct PointsComparison: Sendable, Hashable, Codable {
    /// Lines in the scheme's order.
    public var lines: [PointsLineComparison]
    public var committedTotal: Exact
    public var deliveredTotal: Exact
}

/// Delivered against committed for one contract as of a date.
public struct ContractProgress: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var asOf: CalendarDate
    public var start: CalendarDate
    public var end: CalendarDate
    /// f(D) = (D − start) / (end − start), clamped to [0, 1].
    public var termFraction: Exact
    /// The periods whose latest return counts, in order.
    public var periods: [ReturnPeriod]
    /// In bid order.
    public var commitments: [CommitmentProgress]
    /// Committed and delivered points, when a scorer was given.
    public var points: PointsComparison?
    /// The status thresholds the statuses were given by (the scheme's, or the defaults).
    public var thresholds: RAGThresholds = .schemeDefaults
    /// Set when the contract was withdrawn after award: reports say so first.
    public var withdrawal: ContractWithdrawal?
}
