import Testing
@testable import DocumentReading
import Documents

@Suite struct CalendarTests {
    @Test func daysRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-03-31", "2024-12-31", "1900-03-01"] {
            let date = CalendarDate(iso: text)!
            #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
            #expect(date.description == text)
        }
        #expect(CalendarDate(iso: "1970-01-02")!.daysSinceEpoch == 1)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "26-01-01") == nil)
    }

    @Test func submittedInstantTakesTheLondonDate() {
        // reference-scheme.md: 2026-03-31T23:30:00Z is 00:30 on 1 April 2026 in London (BST).
        #expect(Instant(iso: "2026-03-31T23:30:00Z")!.londonDate == CalendarDate(iso: "2026-04-01"))
        // In winter London is on GMT.
        #expect(Instant(iso: "2026-01-31T23:30:00Z")!.londonDate == CalendarDate(iso: "2026-01-31"))
        // BST starts 01:00 UTC on the last Sunday of March 2026 (29 March).
        #expect(UKTime.offsetSeconds(atUTC: Instant(iso: "2026-03-29T00:59:59Z")!.epochSeconds) == 0)
        #expect(UKTime.offsetSeconds(atUTC: Instant(iso: "2026-03-29T01:00:00Z")!.epochSeconds) == 3600)
        // and ends 01:00 UTC on the last Sunday of October 2026 (25 October).
        #expect(UKTime.offsetSeconds(atUTC: Instant(iso: "2026-10-25T00:59:59Z")!.epochSeconds) == 3600)
        #expect(UKTime.offsetSeconds(atUTC: Instant(iso: "2026-10-25T01:00:00Z")!.epochSeconds) == 0)
    }

    @Test func zonesAndLocalTimes() {
        let local = Instant(iso: "2026-07-01T09:00:00")!
        let utc = Instant(iso: "2026-07-01T08:00:00Z")!
        #expect(local == utc)
        #expect(Instant(iso: "2026-07-01T10:00:00+02:00")! == utc)
        #expect(Instant(iso: "2026-07-01T08:00:00.5Z")! > utc)
        #expect(Instant(iso: "2026-07-01 08:00:00Z") == nil)
        #expect(Instant(iso: "2026-07-01T25:00:00Z") == nil)
    }

    @Test func returnPeriods() {
        let q = ReturnPeriod("2026-Q3")!
        #expect(q.start == CalendarDate(iso: "2026-07-01"))
        #expect(q.end == CalendarDate(iso: "2026-09-30"))
        #expect(ReturnPeriod("2026-02")!.end == CalendarDate(iso: "2026-02-28"))
        #expect(ReturnPeriod("2026-Q5") == nil)
        #expect(ReturnPeriod("2026-13") == nil)
    }
}
