import Documents

/// A period whose return is due or overdue (service.md, "Returns due").
public struct DueReturn: Sendable, Hashable, Codable {
    public var contractID: String
    public var period: ReturnPeriod
    /// The day after the period ends.
    public var dueFrom: CalendarDate
    /// `graceDays` after `dueFrom`.
    public var overdueFrom: CalendarDate
    public var overdue: Bool
}

/// Which returns a contract owes as of a date: per period of its reporting (quarterly unless
/// the award said monthly) that overlaps the contract's term, due from the day after the
/// period ends and overdue `graceDays` after that, until a return for the period is stored.
public enum ReturnsDue {
    public static func due(_ contract: ContractSummary, returned: Set<ReturnPeriod>, asOf: CalendarDate) -> [DueReturn] {
        var result: [DueReturn] = []
        var period = first(containing: contract.start, reporting: contract.details.reporting)
        while period.start <= contract.end {
            let dueFrom = period.end.adding(days: 1)
            guard dueFrom <= asOf else { break }
            if !returned.contains(period) {
                let overdueFrom = dueFrom.adding(days: contract.details.graceDays)
                result.append(DueReturn(contractID: contract.contractID, period: period, dueFrom: dueFrom,
                                        overdueFrom: overdueFrom, overdue: asOf >= overdueFrom))
            }
            period = next(after: period)
        }
        return result
    }

    static func first(containing day: CalendarDate, reporting: Reporting) -> ReturnPeriod {
        switch reporting {
        case .quarterly: .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1)
        case .monthly: .month(year: day.year, month: day.month)
        }
    }

    static func next(after period: ReturnPeriod) -> ReturnPeriod {
        switch period {
        case .quarter(let y, let q): q == 4 ? .quarter(year: y + 1, quarter: 1) : .quarter(year: y, quarter: q + 1)
        case .month(let y, let m): m == 12 ? .month(year: y + 1, month: 1) : .month(year: y, month: m + 1)
        }
    }
}
