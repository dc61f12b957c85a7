import Areas
import Documents
import ExactNumbers
import Foundation
import Scoring

/// A test double for the area tables: a few real codes with their published ranks.
struct FakeAreas: AreaLookup {
    var known: [String: AreaInfo] = [
        "S01012220": AreaInfo(query: "S01012220", code: "S01012220", index: .simd2020v2, rank: 523, decile: 1, quintile: 1),
        "S01012435": AreaInfo(query: "S01012435", code: "S01012435", index: .simd2020v2, rank: 1395, decile: 2, quintile: 1),
        "S01011179": AreaInfo(query: "S01011179", code: "S01011179", index: .simd2020v2, rank: 1396, decile: 3, quintile: 2),
    ]

    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        guard let info = known[text] else {
            throw AreaLookupError(query: text, message: "unknown data zone '\(text)' (loaded: test double)")
        }
        return info
    }
}

enum Fixtures {
    static let file = "bids/B-014-03.xml"

    static func at(_ line: Int, _ column: Int = 3) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    static let tender = Tender(id: "GCR-2026-014", title: "Housing repairs", authority: "Glasgow City Council",
                               estimatedValue: Money(Exact(2_500_000)), durationWeeks: 156,
                               closingDate: CalendarDate(year: 2026, month: 3, day: 31)!, location: at(1, 1))

    static func d(_ text: String) -> Exact { Exact(decimal: text)! }

    /// The worked example of reference-scheme.md.
    static func workedExample(id: String = "B-014-03", submitted: String = "2026-03-14T11:02:00Z") -> Bid {
        Bid(id: id, tenderID: tender.id, submitted: Instant(iso: submitted)!,
            bidder: Bidder(name: "Clyde Build Ltd", size: .small, livingWageAccredited: true),
            price: Money(Exact(2_310_000)),
            fairWork: FairWork(lowestHourlyRate: Money(d("13.45")), zeroHoursContracts: false, workforceVoice: true,
                               flexibleWorking: true),
            commitments: [
                .job(Job(ref: "J1", count: 3, fte: 1, weeks: 52, hourlyRate: Money(d("13.60")),
                         area: AreaReference("S01012220", at: at(20, 60)), targetGroups: [.youngPerson], location: at(20))),
                .training(Training(ref: "T1", count: 20, hours: 35, location: at(24))),
                .supplyChain(SupplyChain(ref: "S1", kind: .sme, amount: Money(Exact(120_000)), location: at(25))),
            ],
            location: at(2, 1))
    }
}
