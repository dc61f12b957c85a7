import Documents

/// Whether a period's return is owed yet (service.md, "Returns due").
public enum DueState: String, Sendable, Hashable, Codable {
    /// The period has ended and its return is not in: due from the day after the period ends.
    case due
    /// Still not in, the grace days after the due day having passed.
    case overdue
}

/// One period whose return is owed as of a date.
public struct DuePeriod: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var period: ReturnPeriod
    /// The day after the period ends.
    public var dueFrom: CalendarDate
    /// `dueFrom` plus the contract's grace days.
    public var overdueFrom: CalendarDate
    public var state: DueState

    public init(contractID: String, supplier: String, period: ReturnPeriod, dueFrom: CalendarDate,
                overdueFrom: CalendarDate, state: DueState) {
        self.contractID = contractID
        self.supplier = supplier
        self.period = period
        self.dueFrom = dueFrom
        self.overdueFrom = overdueFrom
        self.state = state
    }
}

/// The returns a contract owes as of a date: its reporting periods (calendar quarters, or
/// months when the award says monthly) that overlap its term and have ended, whose return is
/// not in. A period is due from the day after it ends and overdue `graceDays` days after that,
/// until a return for it is stored (`returned`: the periods with a stored return by then).
public enum ReturnsDue {
    public static func owed(by contract: ContractSummary, returned: Set<ReturnPeriod>, asOf: CalendarDate) -> [DuePeriod] {
        var owed: [DuePeriod] = []
        var period = first(containing: contract.start, reporting: contract.details.reporting)
        // Periods before the start or after the end of the term are not due: the walk starts at
        // the period holding the start day and stops after the one holding the end day.
        while period.start <= contract.end {
            let dueFrom = period.end.adding(days: 1)
            guard dueFrom <= asOf else { break }
            if !returned.contains(period) {
                let overdueFrom = dueFrom.adding(days: contract.details.graceDays)
                owed.append(DuePeriod(contractID: contract.contractID, supplier: contract.supplier, period: period,
                                      dueFrom: dueFrom, overdueFrom: overdueFrom,
                                      state: asOf >= overdueFrom ? .overdue : .due))
            }
            period = next(after: period)
        }
        return owed
    }

    static func first(containing day: CalendarDate, reporting: Reporting) -> ReturnPeriod {
        switch reporting {
        case .quarterly: .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1)
        case .monthly: .month(year: day.year, month: day.month)
        }
    }

    static func next(after period: ReturnPeriod) -> ReturnPeriod {
        switch period {
        case .quarter(let year, let quarter): quarter == 4 ? .quarter(year: year + 1, quarter: 1) : .quarter(year: year, quarter: quarter + 1)
        case .month(let year, let month): month == 12 ? .month(year: year + 1, month: 1) : .month(year: year, month: month + 1)
        }
    }
}
