import Documents

/// Delivered against committed, exactly as monitoring.md defines it. Pure: the same terms and
/// items give the same progress whatever order the returns were imported in.
public enum ProgressCalculator {
    /// f(D) = (D − start) / (end − start) in days, clamped to [0, 1].
    public static func termFraction(start: CalendarDate, end: CalendarDate, asOf: CalendarDate)
        throws(ArithmeticError) -> Exact {
        let term = start.days(until: end)
        guard term > 0 else { return asOf >= end ? .one : .zero }
        return try Exact(numerator: Int128(start.days(until: asOf)), denominator: Int128(term))
            .clamped(to: Exact.zero...Exact.one)
    }

    /// Progress of one contract as of `asOf`. `items` are those of the latest return of each
    /// period, in period order then document order; items of periods starting after `asOf`
    /// are ignored.
    public static func progress(
        of terms: ContractTerms, items: [DeliveredItem], asOf: CalendarDate,
        thresholds: RAGThresholds = .schemeDefaults, timeline: Bool = false
    ) throws(ArithmeticError) -> ContractProgress {
        let counted = items.enumerated()
            .filter { $0.element.period.start <= asOf }
            .sorted { ($0.element.period, $0.offset) < ($1.element.period, $1.offset) }
            .map(\.element)
        let fraction = try termFraction(start: terms.start, end: terms.end, asOf: asOf)
        let leavers = Dictionary(grouping: counted.filter { $0.kind == .leaver }, by: { $0.person ?? "" })
        var commitments: [CommitmentProgress] = []
        for commitment in terms.commitments {
            var line = try measure(commitment, items: counted, leavers: leavers, asOf: asOf,
                                   fraction: fraction, thresholds: thresholds)
            if timeline {
                line.timeline = try timelinePoints(for: commitment, terms: terms, items: counted, asOf: asOf,
                                                   thresholds: thresholds)
            }
            commitments.append(line)
        }
        let periods = Array(Set(counted.map(\.period))).sorted()
        return ContractProgress(contractID: terms.contractID, supplier: terms.supplier, asOf: asOf,
                                start: terms.start, end: terms.end, termFraction: fraction, periods: periods,
                                commitments: commitments, points: nil)
    }

    private static func timelinePoints(
        for commitment: CommitmentTerms, terms: ContractTerms, items: [DeliveredItem], asOf: CalendarDate,
        thresholds: RAGThresholds
    ) throws(ArithmeticError) -> [TimelinePoint] {
        var points: [TimelinePoint] = []
        for period in Set(items.map(\.period)).sorted() {
            let date = min(period.end, asOf)
            let upTo = items.filter { $0.period.start <= date }
            let leavers = Dictionary(grouping: upTo.filter { $0.kind == .leaver }, by: { $0.person ?? "" })
            let fraction = try termFraction(start: terms.start, end: terms.end, asOf: date)
            let line = try measure(commitment, items: upTo, leavers: leavers, asOf: date, fraction: fraction,
                                   thresholds: thresholds)
            points.append(TimelinePoint(period: period, date: date, expected: line.expected,
                                        delivered: line.delivered))
        }
        return points
    }

    private static func measure(
        _ commitment: CommitmentTerms, items: [DeliveredItem], leavers: [String: [DeliveredItem]],
        asOf: CalendarDate, fraction: Exact, thresholds: RAGThresholds
    ) throws(ArithmeticError) -> CommitmentProgress {
        let expected = try commitment.committed.multiplied(by: fraction)
        let mine = items.filter { $0.ref == commitment.ref && $0.kind != .leaver }
        var delivered = Exact.zero
        var counts: HireCounts?
        var outcomes: [HireOutcome] = []
        if commitment.kind.countsHires {
            outcomes = hires(of: commitment, items: mine, leavers: leavers, asOf: asOf)
            let c = HireCounts(
                filled: outcomes.filter(\.counted).count,
                sustained: outcomes.filter { $0.state == .sustained }.count,
                inPost: outcomes.filter { $0.state == .inPost }.count,
                leftEarly: outcomes.filter { $0.state == .leftEarly }.count,
                notCounted: outcomes.filter { $0.state == .notCounted }.count)
            counts = c
            delivered = Exact(c.filled - c.leftEarly)
        } else {
            for item in mine { delivered = try delivered.adding(item.quantity) }
        }
        let (percent, status) = try thresholds.status(delivered: delivered, expected: expected)
        return CommitmentProgress(ref: commitment.ref, kind: commitment.kind, committed: commitment.committed,
                                  expected: expected, delivered: delivered, percent: percent, status: status,
                                  hires: counts, hireOutcomes: outcomes, timeline: [])
    }

    /// Each person once per commitment (the first report wins), checked against the
    /// commitment's area and groups, then against leavers for sustainment.
    private static func hires(
        of commitment: CommitmentTerms, items: [DeliveredItem], leavers: [String: [DeliveredItem]],
        asOf: CalendarDate
    ) -> [HireOutcome] {
        var seen = Set<String>()
        var outcomes: [HireOutcome] = []
        let required = commitment.targetGroups.filter { $0 != .schoolPupil }
        for item in items {
            guard let person = item.person, let start = item.date, seen.insert(person).inserted else { continue }
            var reasons: [String] = []
            if commitment.areaDeprived {
                if let decile = item.decile {
                    if decile > 2 {
                        reasons.append("committed to a deprived area (decile 1–2) but the hire lives in decile \(decile)"
                                       + (item.area.map { " (\($0))" } ?? ""))
                    }
                } else {
                    reasons.append("committed to a deprived area (decile 1–2) but the hire's area is not given")
                }
            }
            if !required.isEmpty, !item.targetGroups.contains(where: required.contains) {
                reasons.append("committed for priority groups ("
                               + required.map(\.rawValue).joined(separator: ", ")
                               + ") but the hire is in none of them")
            }
            let sustainedFrom = start.adding(days: 7 * commitment.weeks)
            let leftOn = (leavers[person] ?? [])
                .filter { ($0.ref == nil || $0.ref == commitment.ref) }
                .compactMap(\.date)
                .filter { $0 < sustainedFrom }
                .min()
            let state: HireState =
                !reasons.isEmpty ? .notCounted
                : leftOn != nil ? .leftEarly
                : asOf >= sustainedFrom ? .sustained
                : .inPost
            outcomes.append(HireOutcome(
                ref: commitment.ref, person: person, period: item.period, start: start,
                sustainedFrom: sustainedFrom, area: item.area, decile: item.decile, council: item.council,
                targetGroups: item.targetGroups, fte: item.fte, hourlyRate: item.hourlyRate, state: state,
                reasons: reasons, leftOn: reasons.isEmpty ? leftOn : nil))
        }
        return outcomes.sorted { ($0.start, $0.person) < ($1.start, $1.person) }
    }
}
