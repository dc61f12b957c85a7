import Testing
@testable import DocumentReading
import Documents

@Suite struct WorkedExampleTests {
    @Test func tenderReadsEveryElement() throws {
        let tender = try Fixtures.reader().readTender(at: Fixtures.path("gcr-2026-014/tender.xml"))
        #expect(tender.id == "GCR-2026-014")
        #expect(tender.title == "Housing repairs and maintenance framework, Lot 2")
        #expect(tender.authority == "Glasgow City Council")
        #expect(tender.estimatedValue == Money(Exact(2_500_000)))
        #expect(tender.durationWeeks == 156)
        #expect(tender.closingDate == CalendarDate(year: 2026, month: 3, day: 31))
        #expect(tender.region == ["S12000049", "S12000045", "S12000011"])
        #expect(tender.location.line == 2)
        #expect(tender.location.column == 1)
    }

    @Test func workedExampleBid() throws {
        let results = try Fixtures.bids("gcr-2026-014/bids/B-014-03.xml")
        #expect(results.count == 1)
        guard case .bid(let bid) = results.first else {
            Issue.record("refused: \(results)")
            return
        }
        #expect(bid.id == "B-014-03")
        #expect(bid.tenderID == "GCR-2026-014")
        #expect(bid.submitted.londonDate == CalendarDate(year: 2026, month: 3, day: 14))
        #expect(bid.price.amount == Exact(2_310_000))
        #expect(bid.bidder.livingWageAccredited)
        #expect(bid.fairWork.lowestHourlyRate.amount == Exact(decimal: "13.45"))
        #expect(bid.commitments.map(\.ref) == ["J1", "T1", "S1"])
        guard case .job(let job) = bid.commitments[0] else { Issue.record("not a job"); return }
        #expect(job.count == 3)
        #expect(job.fte == Exact(1))
        #expect(job.hourlyRate.amount == Exact(decimal: "13.60"))
        #expect(job.area?.text == "S01010049")
        #expect(job.targetGroups == [.youngPerson])
        #expect(job.location == SourceLocation(file: Fixtures.path("gcr-2026-014/bids/B-014-03.xml"),
                                               line: 23, column: 5))
    }
}


@Suite struct DeliveryReturnFixtureTests {
    @Test func thirdQuarterReturn() throws {
        let path = Fixtures.path("returns/C-2026-0142-2026-Q3.xml")
        let report = try Fixtures.reader().readReturn(at: path)
        #expect(report.contractID == "C-2026-0142")
        #expect(report.period == .quarter(year: 2026, quarter: 3))
        #expect(report.submitted == CalendarDate(year: 2026, month: 10, day: 14))
        #expect(report.items.count == 5)
        guard case .hire(let hire) = report.items[1] else { Issue.record("not a hire"); return }
        #expect(hire.person == "P-0002")
        #expect(hire.targetGroups == [.youngPerson, .careExperienced])
        #expect(hire.location == SourceLocation(file: path, line: 8, column: 3))
        guard case .supplyChainSpend(let spend) = report.items[4] else { Issue.record("not spend"); return }
        #expect(spend.amount.amount == Exact(35_000))
    }
}
