import Documents

/// Points of one scheme line.
public struct PointsLine: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var points: Exact

    public init(id: String, title: String, points: Exact) {
        self.id = id
        self.title = title
        self.points = points
    }
}

/// What a scheme gives a set of commitments: its lines in scheme order and their total.
public struct ScoredPoints: Sendable, Hashable, Codable {
    public var lines: [PointsLine]
    public var total: Exact

    public init(lines: [PointsLine], total: Exact) {
        self.lines = lines
        self.total = total
    }
}

/// Scores commitments with the scheme that scored the winning bid, "like" that bid (its
/// submission date sets the rates in force; gates are ignored). The CLI plugs the Scorer in;
/// tests use a double.
public protocol PointsScorer: Sendable {
    func points(for commitments: [Commitment], like bid: Bid) throws -> ScoredPoints
}

extension PointsComparison {
    /// Lines of both sides in the order the committed side gives them, then any line only the
    /// delivered side has.
    public init(committed: ScoredPoints, delivered: ScoredPoints) {
        var lines = committed.lines.map { line in
            PointsLineComparison(id: line.id, title: line.title, committed: line.points,
                                 delivered: delivered.lines.first { $0.id == line.id }?.points)
        }
        for line in delivered.lines where !lines.contains(where: { $0.id == line.id }) {
            lines.append(PointsLineComparison(id: line.id, title: line.title, committed: nil, delivered: line.points))
        }
        self.init(lines: lines, committedTotal: committed.total, deliveredTotal: delivered.total)
    }
}

/// What was delivered, as commitments the scheme can score (monitoring.md, "Delivered points").
public enum DeliveredCommitments {
    /// Each hire that counts and did not leave early becomes a Job (or Apprenticeship) of count
    /// 1 with its own fte, rate, area and groups and the commitment's weeks; completions, spend
    /// and hours become commitments of their kind. Refs are `REF/PERSON` or `REF/n`.
    public static func build(bid: Bid, progress: ContractProgress, items: [DeliveredItem]) -> [Commitment] {
        let none = SourceLocation(file: "delivered", line: 0, column: 0)
        var result: [Commitment] = []
        let counted = items.filter { $0.period.start <= progress.asOf }
        for line in progress.commitments {
            guard let original = bid.commitment(ref: line.ref) else { continue }
            switch original {
            case .job(let job):
                for hire in line.hireOutcomes where hire.state == .sustained || hire.state == .inPost {
                    result.append(.job(Job(
                        ref: "\(job.ref)/\(hire.person)", count: 1, fte: hire.fte ?? job.fte, weeks: job.weeks,
                        hourlyRate: Money(hire.hourlyRate ?? job.hourlyRate.amount, currency: job.hourlyRate.currency),
                        area: hire.area.map { AreaReference($0, at: none) }, role: job.role,
                        targetGroups: hire.targetGroups, location: none)))
                }
            case .apprenticeship(let a):
                for hire in line.hireOutcomes where hire.state == .sustained || hire.state == .inPost {
                    result.append(.apprenticeship(Apprenticeship(
                        ref: "\(a.ref)/\(hire.person)", count: 1, weeks: a.weeks, level: a.level,
                        area: hire.area.map { AreaReference($0, at: none) }, targetGroups: hire.targetGroups,
                        location: none)))
                }
            case .workPlacement(let p):
                for (n, item) in counted.filter({ $0.ref == p.ref }).enumerated() {
                    result.append(.workPlacement(WorkPlacement(
                        ref: "\(p.ref)/\(n + 1)", count: Int(clamping: item.quantity.floor), weeks: item.size ?? p.weeks,
                        targetGroups: p.targetGroups, location: none)))
                }
            case .training(let t):
                for (n, item) in counted.filter({ $0.ref == t.ref }).enumerated() {
                    result.append(.training(Training(
                        ref: "\(t.ref)/\(n + 1)", count: Int(clamping: item.quantity.floor), hours: item.size ?? t.hours,
                        qualification: t.qualification, location: none)))
                }
            case .supplyChain(let s):
                for (n, item) in counted.filter({ $0.ref == s.ref }).enumerated() {
                    result.append(.supplyChain(SupplyChain(
                        ref: "\(s.ref)/\(n + 1)", kind: item.supplyChainKind ?? s.kind,
                        amount: Money(item.quantity, currency: s.amount.currency), location: none)))
                }
            case .volunteering(let v):
                for (n, item) in counted.filter({ $0.ref == v.ref }).enumerated() {
                    result.append(.volunteering(Volunteering(
                        ref: "\(v.ref)/\(n + 1)", hours: Int(clamping: item.quantity.floor), location: none)))
                }
            }
        }
        return result
    }
}
