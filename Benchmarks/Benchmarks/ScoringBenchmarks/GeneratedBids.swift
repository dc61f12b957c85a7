import Areas
import BenchmarkSupport
import Documents
import ExactNumbers
import Foundation

/// Deterministic bids in the shape of a real batch: 1–8 commitments of every kind, real area
/// codes, rates either side of the Real Living Wage.
enum GeneratedBids {
    static let areaCodes = ["S01012220", "S01012435", "S01011179", "S01006506", "W01001529", "W01000856"]

    static let areas: [String: AreaInfo] = [
        "S01012220": AreaInfo(query: "S01012220", code: "S01012220", index: .simd2020v2, rank: 523, decile: 1, quintile: 1),
        "S01012435": AreaInfo(query: "S01012435", code: "S01012435", index: .simd2020v2, rank: 1395, decile: 2, quintile: 1),
        "S01011179": AreaInfo(query: "S01011179", code: "S01011179", index: .simd2020v2, rank: 1396, decile: 3, quintile: 2),
        "S01006506": AreaInfo(query: "S01006506", code: "S01006506", index: .simd2020v2, rank: 4691, decile: 7, quintile: 4),
        "W01001529": AreaInfo(query: "W01001529", code: "W01001529", index: .wimd2019, rank: 381, decile: 2, quintile: 1),
        "W01000856": AreaInfo(query: "W01000856", code: "W01000856", index: .wimd2019, rank: 382, decile: 3, quintile: 2),
    ]

    struct Areas: AreaLookup {
        func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
            guard let info = GeneratedBids.areas[text] else { throw AreaLookupError(query: text, message: "unknown area '\(text)'") }
            return info
        }
    }

    static let tender = Tender(id: "GCR-2026-014", title: "Housing repairs", authority: "Glasgow City Council",
                               estimatedValue: Money(Exact(2_500_000)), durationWeeks: 156,
                               closingDate: CalendarDate(year: 2026, month: 3, day: 31)!,
                               location: SourceLocation(file: "tender.xml", line: 1, column: 1))

    static func make(_ count: Int, seed: UInt64 = 42) -> [Bid] {
        var r = SplitMix64(state: seed)
        let groups = TargetGroup.allCases
        return (0..<count).map { i in
            let at = SourceLocation(file: "batch.xml", line: i * 20 + 1, column: 3)
            var commitments: [Commitment] = []
            for j in 0..<r.int(1...3) {
                let area = r.int(0...6) < 6 ? AreaReference(areaCodes[r.int(0...5)], at: at) : nil
                commitments.append(.job(Job(ref: "J\(j + 1)", count: r.int(1...6), fte: r.int(0...1) == 0 ? 1 : Exact(1) / Exact(2),
                                            weeks: [20, 26, 52, 104][r.int(0...3)],
                                            hourlyRate: Money(Exact(1330 + r.int(0...40)) / Exact(100)), area: area,
                                            targetGroups: [groups[r.int(0...9)]], location: at)))
            }
            for j in 0..<r.int(0...2) {
                commitments.append(.apprenticeship(Apprenticeship(ref: "A\(j + 1)", count: r.int(1...3), weeks: [40, 52, 104][r.int(0...2)],
                                                                  level: .modern, area: AreaReference(areaCodes[r.int(0...5)], at: at),
                                                                  targetGroups: [groups[r.int(0...9)]], location: at)))
            }
            commitments.append(.workPlacement(WorkPlacement(ref: "P1", count: r.int(1...14), weeks: 2, targetGroups: [.schoolPupil], location: at)))
            commitments.append(.training(Training(ref: "T1", count: r.int(5...30), hours: 35, location: at)))
            commitments.append(.supplyChain(SupplyChain(ref: "S1", kind: SupplyChainKind.allCases[r.int(0...3)],
                                                        amount: Money(Exact(r.int(10...500) * 1000)), location: at)))
            commitments.append(.volunteering(Volunteering(ref: "V1", hours: r.int(50...400), location: at)))
            return Bid(id: "B-\(i)", tenderID: tender.id,
                       submitted: Instant(lexical: "2026-03-14T11:02:00Z", epochSeconds: 1_773_486_120 + i),
                       bidder: Bidder(name: "Bidder \(i)", size: .small, livingWageAccredited: r.int(0...1) == 0),
                       price: Money(Exact(r.int(500...3000) * 1000)),
                       fairWork: FairWork(lowestHourlyRate: Money(Exact(1200 + r.int(0...160)) / Exact(100)),
                                          zeroHoursContracts: r.int(0...3) == 0, workforceVoice: r.int(0...1) == 0,
                                          flexibleWorking: r.int(0...1) == 0),
                       commitments: commitments, location: at)
        }
    }
}
