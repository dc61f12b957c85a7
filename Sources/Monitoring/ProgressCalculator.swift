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
        var counted = items.allSatisfy { $0.period.start <= asOf } ? items : items.filter { $0.period.start <= asOf }
        // The store gives items in period order; sort (stably) only what arrives otherwise.
        if zip(counted, counted.dropFirst()).contains(where: { $1.period < $0.period }) {
            counted = counted.enumerated().sorted { a, b in
                a.element.period != b.element.period ? a.element.period < b.element.period : a.offset < b.offset
            }.map(\.element)
        }
        let fraction = try termFraction(start: terms.start, end: terms.end, asOf: asOf)
        let leavers = leaversByPerson(counted)
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
        // Items are in period order: each new period follows the last one seen.
        var periods: [ReturnPeriod] = []
        for item in counted where periods.last != item.period { periods.append(item.period) }
        return ContractProgress(contractID: terms.contractID, supplier: terms.supplier, asOf: asOf,
                                start: terms.start, end: terms.end, termFraction: fraction, periods: periods,
                                commitments: commitments, points: nil, thresholds: thresholds)
    }

    private static func timelinePoints(
        for commitment: CommitmentTerms, terms: ContractTerms, items: [DeliveredItem], asOf: CalendarDate,
        thresholds: RAGThresholds
    ) throws(ArithmeticError) -> [TimelinePoint] {
        var points: [TimelinePoint] = []
        for period in Set(items.map(\.period)).sorted() {
            let date = min(period.end, asOf)
            let upTo = items.filter { $0.period.start <= date }
            let leavers = leaversByPerson(upTo)
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
        var delivered = Exact.zero
        var counts: HireCounts?
        var outcomes: [HireOutcome] = []
        if commitment.kind.countsHires {
            outcomes = hires(of: commitment, items: items, leavers: leavers, asOf: asOf)
            var c = HireCounts(filled: 0, sustained: 0, inPost: 0, leftEarly: 0, notCounted: 0)
            for outcome in outcomes {
                switch outcome.state {
                case .sustained: c.sustained += 1
                case .inPost: c.inPost += 1
                case .leftEarly: c.leftEarly += 1
                case .notCounted: c.notCounted += 1
                }
            }
            c.filled = c.sustained + c.inPost + c.leftEarly
            counts = c
            delivered = Exact(c.filled - c.leftEarly)
        } else {
            for item in items where item.kind != .leaver && item.ref == commitment.ref {
                delivered = try delivered.adding(item.quantity)
            }
        }
        return try line(commitment, delivered: delivered, fraction: fraction, thresholds: thresholds,
                        hires: counts, hireOutcomes: outcomes)
    }

    /// A line once its delivery is known: expected = committed × f(D), then percent and status.
    package static func line(
        _ commitment: CommitmentTerms, delivered: Exact, fraction: Exact, thresholds: RAGThresholds,
        hires: HireCounts? = nil, hireOutcomes: [HireOutcome] = []
    ) throws(ArithmeticError) -> CommitmentProgress {
        let expected = try commitment.committed.multiplied(by: fraction)
        let (percent, status) = try thresholds.status(delivered: delivered, expected: expected)
        return CommitmentProgress(ref: commitment.ref, kind: commitment.kind, committed: commitment.committed,
                                  expected: expected, delivered: delivered, percent: percent, status: status,
                                  hires: hires, hireOutcomes: hireOutcomes, timeline: [])
    }

    /// Leavers by person; most contracts have none, so no dictionary is built for them.
    private static func leaversByPerson(_ items: [DeliveredItem]) -> [String: [DeliveredItem]] {
        guard items.contains(where: { $0.kind == .leaver }) else { return [:] }
        return Dictionary(grouping: items.filter { $0.kind == .leaver }, by: { $0.person ?? "" })
    }

    /// Each person once per commitment (the first report wins), checked against the
    /// commitment's area and groups, then against leavers for sustainment.
    private static func hires(
        of commitment: CommitmentTerms, items: [DeliveredItem], leavers: [String: [DeliveredItem]],
        asOf: CalendarDate
    ) -> [HireOutcome] {
        var seen: [String] = []  // a handful per commitment: a scan beats hashing
        var outcomes: [HireOutcome] = []
        let required = commitment.targetGroups.filter { $0 != .schoolPupil }
        for item in items where item.kind != .leaver && item.ref == commitment.ref {
            guard let person = item.person, let start = item.date, !seen.contains(person) else { continue }
            seen.append(person)
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
