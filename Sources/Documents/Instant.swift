/// An xs:dateTime as written, with its meaning as an instant. Rates change at midnight UK
/// time, so the date that counts for a bid is the calendar date in Europe/London; a value
/// written without a zone is UK local time (reference-scheme.md, "Dated rates").
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The text as it stood in the document, for explanations.
    public var lexical: String
    /// Seconds since 1970-01-01T00:00:00Z, with fractional seconds kept as nanoseconds so two
    /// submissions a moment apart still order correctly.
    public var epochSeconds: Int
    public var nanoseconds: Int

    public init(lexical: String, epochSeconds: Int, nanoseconds: Int = 0) {
        self.lexical = lexical
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
    }

    public var description: String { lexical }

    public static func < (a: Instant, b: Instant) -> Bool {
        (a.epochSeconds, a.nanoseconds) < (b.epochSeconds, b.nanoseconds)
    }

    public static func == (a: Instant, b: Instant) -> Bool {
        a.epochSeconds == b.epochSeconds && a.nanoseconds == b.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(nanoseconds)
    }

    /// The civil date in Europe/London at this instant.
    public var londonDate: CalendarDate {
        let offset = UKTime.offsetSeconds(atUTC: epochSeconds)
        return CalendarDate(daysSinceEpoch: Instant.floorDiv(epochSeconds + offset, 86_400))
    }

    /// Parses xs:dateTime: `YYYY-MM-DDThh:mm:ss(.fff)?(Z|±hh:mm)?`. A value with no zone is
    /// read as UK local time.
    public init?(iso text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 19, chars[10] == UInt8(ascii: "T") else { return nil }
        guard let date = CalendarDate(iso: text.prefix(10)) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard i < chars.count, chars[i] >= 48, chars[i] <= 57 else { return nil }
                v = v * 10 + Int(chars[i] - 48)
            }
            return v
        }
        guard chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
              let hour = number(11..<13), let minute = number(14..<16),
              let second = number(17..<19) else { return nil }
        let isEndOfDay = hour == 24 && minute == 0 && second == 0
        guard (hour < 24 || isEndOfDay), minute < 60, second < 60 else { return nil }
        var index = 19
        var nanos = 0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(chars[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 where digits < 9 { nanos *= 10 }
        }
        let localSeconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        var epoch: Int
        if index == chars.count {
            epoch = UKTime.utcSeconds(forLocal: localSeconds)
        } else if chars[index] == UInt8(ascii: "Z"), index + 1 == chars.count {
            epoch = localSeconds
        } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-"),
                  index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                  let oh = number(index + 1..<index + 3), let om = number(index + 4..<index + 6),
                  oh <= 14, om < 60 {
            let sign = chars[index] == UInt8(ascii: "+") ? 1 : -1
            epoch = localSeconds - sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        self.init(lexical: text, epochSeconds: epoch, nanoseconds: nanos)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// UK civil time: GMT, and BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC
/// on the last Sunday of October (the rule in force since 1996). Written out rather than read
/// from the system's tz database so results do not depend on what a machine has installed.
public enum UKTime {
    public static func offsetSeconds(atUTC epoch: Int) -> Int {
        let day = CalendarDate(daysSinceEpoch: Instant.floorDiv(epoch, 86_400))
        let start = lastSunday(month: 3, year: day.year).daysSinceEpoch * 86_400 + 3600
        let end = lastSunday(month: 10, year: day.year).daysSinceEpoch * 86_400 + 3600
        return (epoch >= start && epoch < end) ? 3600 : 0
    }

    /// UTC seconds for a UK local wall-clock time. In the autumn's repeated hour the first
    /// (BST) reading is taken; in the spring's skipped hour the time is read as GMT.
    public static func utcSeconds(forLocal local: Int) -> Int {
        let asBST = local - 3600
        if offsetSeconds(atUTC: asBST) == 3600 { return asBST }
        return local
    }

    static func lastSunday(month: Int, year: Int) -> CalendarDate {
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        return last.adding(days: -(last.isoWeekday % 7))
    }
}
