import Testing
@testable import DocumentReading
import Documents

/// Every element and attribute of the bid format, read from the tender folder and the batch.
@Suite struct BidFixtureTests {
    func bid(_ id: String) throws -> Bid {
        let results = try Fixtures.bids("gcr-2026-014/bids/\(id).xml")
        guard results.count == 1, case .bid(let bid) = results[0] else {
            throw DiagnosticsError([])
        }
        return bid
    }

    @Test func everyBidOfTheTenderIsValid() throws {
        for number in 1...8 {
            let id = "B-014-0\(number)"
            let read = try bid(id)
            #expect(read.id == id)
            #expect(read.tenderID == "GCR-2026-014")
        }
    }

    @Test func bidderAndFairWork() throws {
        let possilpark = try bid("B-014-06")
        #expect(possilpark.bidder == Bidder(name: "Possilpark Community Builders CIC", companyNumber: "SC612845",
                                            size: .micro, socialEnterprise: true, supportedBusiness: true,
                                            livingWageAccredited: false))
        #expect(possilpark.fairWork == FairWork(lowestHourlyRate: Money(Exact(13)), zeroHoursContracts: false,
                                                workforceVoice: true, flexibleWorking: true,
                                                genderPayGapPercent: Exact(decimal: "-1.5")))
        // Optional elements left out take their defaults.
        let cathcart = try bid("B-014-05")
        #expect(cathcart.bidder.socialEnterprise == false)
        #expect(cathcart.bidder.supportedBusiness == false)
        #expect(cathcart.fairWork.genderPayGapPercent == nil)
        #expect(cathcart.price == Money(Exact(1_800_000), currency: "GBP"))
    }

    @Test func submittedKeepsItsZone() throws {
        let caledonian = try bid("B-014-02")
        #expect(caledonian.submitted.lexical == "2026-03-30T10:12:44+01:00")
        #expect(caledonian.submitted == Instant(iso: "2026-03-30T09:12:44Z"))
        // 22:58 UTC on 31 March is 23:58 in London: still March.
        #expect(try bid("B-014-06").submitted.londonDate == CalendarDate(year: 2026, month: 3, day: 31))
    }

    @Test func everyCommitmentKind() throws {
        let possilpark = try bid("B-014-06")
        let path = Fixtures.path("gcr-2026-014/bids/B-014-06.xml")
        #expect(possilpark.commitments.map(\.kindName)
                == ["Job", "Job", "Job", "Apprenticeship", "WorkPlacement", "SupplyChain"])
        #expect(possilpark.commitments[2] == .job(Job(
            ref: "J3", count: 1, fte: Exact(decimal: "0.8")!, weeks: 52, hourlyRate: Money(Exact(decimal: "13.50")!),
            area: AreaReference("S01012435", at: SourceLocation(file: path, line: 31, column: 5)),
            role: "Community liaison officer", targetGroups: [.justiceInvolved, .careExperienced],
            location: SourceLocation(file: path, line: 31, column: 5))))
        #expect(possilpark.commitments[3] == .apprenticeship(Apprenticeship(
            ref: "A1", count: 1, weeks: 40, level: .foundation,
            area: AreaReference("dg1 1ae", at: SourceLocation(file: path, line: 36, column: 5)),
            targetGroups: [.primaryCarer], location: SourceLocation(file: path, line: 36, column: 5))))
        #expect(possilpark.commitments[4] == .workPlacement(WorkPlacement(
            ref: "P1", count: 4, weeks: 1, targetGroups: [.lowIncome],
            location: SourceLocation(file: path, line: 39, column: 5))))
        #expect(possilpark.commitments[5] == .supplyChain(SupplyChain(
            ref: "S1", kind: .socialEnterprise, amount: Money(Exact(50_000)),
            location: SourceLocation(file: path, line: 42, column: 5))))

        let springburn = try bid("B-014-01")
        let springburnPath = Fixtures.path("gcr-2026-014/bids/B-014-01.xml")
        #expect(springburn.commitment(ref: "T1") == .training(Training(
            ref: "T1", count: 30, hours: 35, qualification: "CSCS Green Card",
            location: SourceLocation(file: springburnPath, line: 28, column: 5))))
        #expect(springburn.commitment(ref: "V1") == .volunteering(Volunteering(
            ref: "V1", hours: 400, location: SourceLocation(file: springburnPath, line: 31, column: 5))))
        guard case .supplyChain(let local) = springburn.commitment(ref: "S2") else {
            Issue.record("S2 is not a supply-chain commitment")
            return
        }
        #expect(local.kind == .local)
        #expect(local.amount == Money(Exact(400_000)))
    }

    @Test func countDefaultsToOneAndFteReadsExactly() throws {
        let cathcart = try bid("B-014-05")
        guard case .job(let job) = cathcart.commitments[0] else { Issue.record("not a job"); return }
        #expect(job.count == 1)
        #expect(job.area == nil)
        let caledonian = try bid("B-014-02")
        guard case .job(let partTime) = caledonian.commitments[1] else { Issue.record("not a job"); return }
        #expect(partTime.fte == (try Exact(numerator: 1, denominator: 2)))
    }

    @Test func extensionsOfOtherNamespacesAreIgnored() throws {
        let caledonian = try bid("B-014-02")
        #expect(caledonian.commitments.map(\.ref) == ["J1", "J2", "A1", "S1"])
        guard case .job(let job) = caledonian.commitments[1] else { Issue.record("not a job"); return }
        #expect(job.targetGroups == [.disabled])
    }

    @Test func batchIsStreamedBidByBid() throws {
        let results = try Fixtures.bids("batches/gcr-2026-014-portal-export.xml", tenderID: "GCR-2026-014")
        let bids: [Bid] = results.compactMap { if case .bid(let b) = $0 { b } else { nil } }
        #expect(results.count == 4)
        #expect(bids.map(\.id) == ["B-014-21", "B-014-22", "B-014-24", "B-014-25"])
        #expect(bids[0].bidder.name == "Barr & Sons (Glasgow) Ltd")
        #expect(bids[1].bidder.name == "Govanhill Energy Works C.I.C.")
        #expect(bids[1].price.currency == "GBP")
        #expect(bids[3].submitted.nanoseconds == 250_000_000)
        let path = Fixtures.path("batches/gcr-2026-014-portal-export.xml")
        #expect(bids.map(\.location) == [
            SourceLocation(file: path, line: 7, column: 3), SourceLocation(file: path, line: 34, column: 3),
            SourceLocation(file: path, line: 61, column: 3), SourceLocation(file: path, line: 85, column: 3),
        ])
    }

    @Test func documentKinds() throws {
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("gcr-2026-014/tender.xml")) == .tender)
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("gcr-2026-014/bids/B-014-01.xml")) == .bid)
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("batches/gcr-2026-014-portal-export.xml")) == .bids)
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("returns/C-2026-0142-2026-Q4.xml")) == .deliveryReturn)
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("invalid/wrong-root.xml")) == nil)
        #expect(try Fixtures.reader().documentKind(at: Fixtures.path("no-such-file.xml")) == nil)
    }
}

@Suite struct ReturnElementTests {
    @Test func everyReturnElement() throws {
        let path = Fixtures.path("elements/return-every-element.xml")
        let report = try Fixtures.reader().readReturn(at: path)
        func at(_ line: Int) -> Diagnostics.SourceLocation {
            Diagnostics.SourceLocation(file: path, line: line, column: 3)
        }
        #expect(report.contractID == "C-2026-0177")
        #expect(report.period == .month(year: 2026, month: 9))
        #expect(report.submitted == CalendarDate(year: 2026, month: 10, day: 5))
        #expect(report.location == Diagnostics.SourceLocation(file: path, line: 4, column: 1))
        #expect(report.items == [
            .hire(Hire(ref: "J1", person: "P-0101", start: CalendarDate(year: 2026, month: 9, day: 7)!,
                       fte: Exact(decimal: "0.5")!, hourlyRate: Money(Exact(decimal: "13.80")!),
                       area: AreaReference("S01009843", at: at(7)), targetGroups: [.disabled, .lowIncome],
                       location: at(7))),
            .leaver(Leaver(ref: nil, person: "P-0099", date: CalendarDate(year: 2026, month: 9, day: 18)!,
                           location: at(12))),
            .apprenticeshipStart(ApprenticeshipStart(
                ref: "A1", person: "P-0102", start: CalendarDate(year: 2026, month: 9, day: 1)!,
                area: AreaReference("FK1 4NP", at: at(13)), targetGroups: [.youngPerson], location: at(13))),
            .placementCompleted(PlacementCompleted(ref: "P1", count: 4, weeks: 2, location: at(16))),
            .placementCompleted(PlacementCompleted(ref: "P1", count: 1, weeks: 1, location: at(17))),
            .trainingCompleted(TrainingCompleted(ref: "T1", count: 6, hours: 35, location: at(18))),
            .supplyChainSpend(SupplyChainSpend(ref: "S1", kind: .supportedBusiness,
                                               amount: Money(Exact(decimal: "12500.50")!), location: at(19))),
            .volunteeringHours(VolunteeringHours(ref: "V1", hours: 40, location: at(20))),
            // The annual report's additions: a hire's background, an apprentice's single
            // answer, the groups of completion lines and a qualification.
            .hire(Hire(ref: "J1", person: "P-0103", start: CalendarDate(year: 2026, month: 9, day: 14)!, fte: 1,
                       hourlyRate: Money(Exact(decimal: "13.80")!), targetGroups: [.careExperienced],
                       background: Background(parentalOccupation: .routine, school: .state, freeSchoolMeals: .yes,
                                              parentalQualification: ParentalQualification.none),
                       location: at(21))),
            .apprenticeshipStart(ApprenticeshipStart(
                ref: "A1", person: "P-0104", start: CalendarDate(year: 2026, month: 9, day: 21)!,
                background: Background(parentalOccupation: .preferNotToSay), location: at(25))),
            .placementCompleted(PlacementCompleted(ref: "P1", count: 2, weeks: 2, targetGroups: [.schoolPupil, .youngPerson],
                                                   location: at(28))),
            .trainingCompleted(TrainingCompleted(ref: "T1", count: 3, hours: 35, qualification: "SVQ Level 2 Construction",
                                                 targetGroups: [.longTermUnemployed], location: at(29))),
        ])
    }

    @Test func secondQuarterHasALeaverWithARef() throws {
        let report = try Fixtures.reader().readReturn(at: Fixtures.path("returns/C-2026-0142-2026-Q4.xml"))
        guard case .leaver(let leaver) = report.items[0] else { Issue.record("not a leaver"); return }
        #expect(leaver.ref == "J1")
        #expect(leaver.person == "P-0003")
    }
}
