import Areas
import Diagnostics
import Documents
import ExactNumbers
@testable import RulesLanguage

/// A test double for the area tables.
struct FakeAreas: AreaLookup {
    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        switch text {
        case "S01012220": AreaInfo(query: text, code: text, index: .simd2020v2, rank: 523, decile: 1, quintile: 1)
        case "S01011179": AreaInfo(query: text, code: text, index: .simd2020v2, rank: 1396, decile: 3, quintile: 2)
        default: throw AreaLookupError(query: text, message: "unknown area '\(text)'")
        }
    }
}

enum Support {
    static let header = """
        scheme "Test"
        table rlw "Real Living Wage" short RLW in £ per hour
          £12.60 from 2024-10-24
          £13.45 from 2025-10-22
        end

        """

    static func diagnostics(_ body: String, header: String = Support.header) -> [Diagnostic] {
        let (file, parse) = Parser.parse(header + body, file: "t.cbs")
        let (_, check) = Checker.check(file)
        return parse + check
    }

    static func program(_ body: String) throws -> Program {
        let (file, parse) = Parser.parse(header + body, file: "t.cbs")
        let (program, check) = Checker.check(file)
        guard let program, !(parse + check).hasErrors else { throw DiagnosticsError(parse + check) }
        return program
    }

    static let tender = Tender(id: "T", title: "t", authority: "a", estimatedValue: Money(1_000_000), durationWeeks: 52,
                               closingDate: CalendarDate(year: 2026, month: 3, day: 31)!,
                               location: SourceLocation(file: "t.xml", line: 1, column: 1))

    static func at(_ line: Int) -> SourceLocation { SourceLocation(file: "b.xml", line: line, column: 3) }

    static func bid(rate: String = "13.45", submitted: String = "2026-03-14T11:02:00Z", price: Exact = 1_000_000,
                    commitments: [Commitment] = []) -> Bid {
        Bid(id: "B-1", tenderID: "T", submitted: Instant(iso: submitted)!, bidder: Bidder(name: "b", size: .small),
            price: Money(price),
            fairWork: FairWork(lowestHourlyRate: Money(Exact(decimal: rate)!), zeroHoursContracts: false, workforceVoice: true,
                               flexibleWorking: false),
            commitments: commitments, location: at(1))
    }

    static func job(_ ref: String, count: Int = 1, fte: Exact = 1, weeks: Int = 52, rate: String = "13.60", area: String? = nil,
                    groups: [TargetGroup] = []) -> Commitment {
        .job(Job(ref: ref, count: count, fte: fte, weeks: weeks, hourlyRate: Money(Exact(decimal: rate)!),
                 area: area.map { AreaReference($0, at: at(9)) }, targetGroups: groups, location: at(8)))
    }
}
