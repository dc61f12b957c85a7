/// An instant written in UTC, for documents cbscore writes for others (a UBL envelope, an
/// OCDS release): never the clock, always a date the inputs give.
extension Instant {
    /// `2026-03-14T11:02:00Z`; fractional seconds kept when there are any (`…:00.25Z`).
    public var utcDateTime: String { utcDate + "T" + utcTime }

    /// The UTC calendar date, `2026-03-14`.
    public var utcDate: String {
        CalendarDate(daysSinceEpoch: Instant.floorDiv(epochSeconds, 86_400)).description
    }

    /// The UTC time of day with its zone, `11:02:00Z` (xs:time).
    public var utcTime: String {
        let second = epochSeconds - Instant.floorDiv(epochSeconds, 86_400) * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var time = "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
        if nanoseconds > 0 {
            var fraction = String(nanoseconds)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            time += "." + fraction
        }
        return time + "Z"
    }

    /// The first second of a calendar day in UK time (midnight in London), as an instant.
    public static func startOfUKDay(_ date: CalendarDate) -> Instant {
        Instant(lexical: "\(date)T00:00:00", epochSeconds: UKTime.utcSeconds(forLocal: date.daysSinceEpoch * 86_400))
    }

    /// The last second of a calendar day in UK time (23:59:59 in London), as an instant: the
    /// end of a closing date.
    public static func endOfUKDay(_ date: CalendarDate) -> Instant {
        let local = date.daysSinceEpoch * 86_400 + 86_399
        return Instant(lexical: "\(date)T23:59:59", epochSeconds: UKTime.utcSeconds(forLocal: local))
    }
}
