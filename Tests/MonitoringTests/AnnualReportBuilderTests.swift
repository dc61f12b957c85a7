import Documents
import Monitoring
import Testing

/// The annual report's choices the fixture year does not exercise, on contracts built here.
@Suite struct AnnualReportBuilderTests {
    static let from = date("2026-04-01"), to = date("2027-03-31")

    static func contract(_ id: String, awarded: String, price: Money = Money(Exact(1_000_000)), bidder: Bidder,
                         priority: [TargetGroup]? = nil, commitments: [CommitmentTerms] = [
                             CommitmentTerms(ref: "J1", kind: .job, committed: 4, weeks: 26),
                             CommitmentTerms(ref: "P1", kind: .workPlacement, committed: 10, weeks: 2),
                         ], items: [(DeliveredItem, Int64)] = [], returns: [(Int64, String)] = []) -> AnnualContractInput {
        var bid = sampleBid()
        bid.bidder = bidder
        bid.price = price
        let facts = AwardFacts(bid: bid, priorityGroups: priority)
        let summary = ContractSummary(
            contractID: id, supplier: bidder.name, bidID: "B", tenderID: "T", start: date(awarded), end: date("2029-03-31"),
            scheme: .init(name: "s", file: "s", sha256: "s"), bidFile: "b.xml", bidSHA256: "b",
            committedPoints: ScoredPoints(lines: [], total: 0), commitments: commitments.count, returns: returns.count,
            details: AwardDetails(awarded: date(awarded)), facts: facts)
        let terms = ContractTerms(contractID: id, supplier: bidder.name, start: date(awarded), end: date("2029-03-31"),
                                  commitments: commitments)
        return AnnualContractInput(
            summary: summary, terms: terms, items: items.map { AnnualItem(item: $0.0, returnID: $0.1) },
            returns: returns.map { CountedReturn(id: $0.0, contractID: id, period: ReturnPeriod($0.1)!, submitted: date("2027-04-10"),
                                                 file: "\($0.1).xml", sha256: "x") })
    }

    static func hired(_ person: String, _ start: String, _ groups: [TargetGroup], period: String) -> DeliveredItem {
        DeliveredItem(period: ReturnPeriod(period)!, kind: .hire, ref: "J1", person: person, date: date(start), targetGroups: groups)
    }

    /// A scheme's own priority groups decide rows d) and f): a veteran counts under a scheme
    /// that names veterans, not under one that names only young people.
    @Test func theContractsSchemeDecidesThePriorityGroups() throws {
        let items: [(DeliveredItem, Int64)] = [
            (Self.hired("P1", "2026-05-01", [.veteran], period: "2026-Q2"), 1),
            (Self.hired("P2", "2026-05-02", [.youngPerson], period: "2026-Q2"), 1),
            (DeliveredItem(period: ReturnPeriod("2026-Q2")!, kind: .placementCompleted, ref: "P1", quantity: 3, size: 2,
                           targetGroups: [.veteran]), 1),
        ]
        let bidder = Bidder(name: "A Ltd", size: .small)
        let young = Self.contract("C-Y", awarded: "2026-04-10", bidder: bidder, priority: [.youngPerson], items: items,
                                  returns: [(1, "2026-Q2")])
        let veterans = Self.contract("C-V", awarded: "2026-04-10", bidder: bidder, priority: [.veteran], items: items,
                                     returns: [(1, "2026-Q2")])
        let r = try AnnualReportBuilder.build(from: Self.from, to: Self.to, contracts: [young, veterans])
        // By id: C-V (P1 and the 3 placements), then C-Y (P2 only).
        #expect(r.contracts.map(\.contractID) == ["C-V", "C-Y"])
        #expect(r.contracts.map(\.fulfilled.jobsFilledByPriorityGroups) == [1, 1])
        #expect(r.contracts.map(\.fulfilled.placementsForPriorityGroups) == [3, 0])
        #expect(r.communityBenefits.fulfilled.jobsFilledByPriorityGroups == 2)
    }

    /// A hire reported ahead of their start in a return of an earlier period counts in the
    /// year their start falls in only if a return of that year reports them too.
    @Test func aHireCountsWhereAReturnOfThePeriodReportsThem() throws {
        let early = Self.hired("P1", "2026-04-06", [.youngPerson], period: "2026-Q1")
        let bidder = Bidder(name: "A Ltd", size: .small)
        let onlyEarly = Self.contract("C-1", awarded: "2025-12-01", bidder: bidder, items: [(early, 1)],
                                      returns: [(1, "2026-Q1"), (2, "2026-Q2")])
        var again = early
        again.period = ReturnPeriod("2026-Q2")!
        let reportedAgain = Self.contract("C-2", awarded: "2025-12-01", bidder: bidder, items: [(early, 1), (again, 2)],
                                          returns: [(1, "2026-Q1"), (2, "2026-Q2")])
        let r = try AnnualReportBuilder.build(from: Self.from, to: Self.to, contracts: [onlyEarly, reportedAgain])
        #expect(r.contracts.map(\.fulfilled.jobsFilled) == [0, 1])
        #expect(r.contracts[1].sources[.jobsFilled] == [ReturnPeriod("2026-Q2")!])
    }

    /// Section 2: a supplier is counted once, an SME as its latest award in the period says; a
    /// contract priced in euros is counted but not added to the value, nor compared with £4m.
    @Test func suppliersAndCurrencies() throws {
        let small = Bidder(name: "Grow Ltd", companyNumber: "SC000001", size: .small)
        let grown = Bidder(name: "Grow Ltd", companyNumber: "SC000001", size: .large)
        let euro = Bidder(name: "Euro SA", size: .medium, supportedBusiness: true)
        let r = try AnnualReportBuilder.build(from: Self.from, to: Self.to, contracts: [
            Self.contract("C-1", awarded: "2026-05-01", bidder: small),
            Self.contract("C-2", awarded: "2026-11-01", price: Money(Exact(5_000_000)), bidder: grown),
            Self.contract("C-3", awarded: "2026-12-01", price: Money(Exact(4_500_000), currency: "EUR"), bidder: euro),
            Self.contract("C-0", awarded: "2026-03-31", bidder: small),  // the day before the period
        ])
        #expect(r.procurements.contractsAwarded == 3)
        #expect(r.procurements.valueAwarded == Exact(6_000_000))
        #expect(r.procurements.contractsInOtherCurrencies == ["C-3"])
        #expect(r.procurements.suppliers == 2)
        #expect(r.procurements.smeSuppliers == 1)  // Euro SA; Grow Ltd's latest award says large
        #expect(r.procurements.thirdSectorSuppliers == 1)
        #expect(r.communityBenefits.contractsAtOrAbove4m == 1)
        #expect(r.communityBenefits.contractsBelow4mWithRequirements == 1)
        #expect(r.contracts.map(\.contractID) == ["C-1", "C-2", "C-3"])
    }

    /// A contract with no commitments has no requirements and is still counted in section 2.
    @Test func aContractWithoutCommitments() throws {
        let r = try AnnualReportBuilder.build(from: Self.from, to: Self.to, contracts: [
            Self.contract("C-1", awarded: "2026-05-01", bidder: Bidder(name: "A", size: .micro), commitments: []),
        ])
        #expect(r.procurements.contractsAwarded == 1)
        #expect(r.contracts[0].hasRequirements == false)
        #expect(r.communityBenefits.contractsBelow4mWithRequirements == 0)
    }
}
