import Documents
import Monitoring
import Store
import Testing

/// Terms built directly, so each rule of monitoring.md is checked on its own.
func jobTerms(weeks: Int = 26, deprived: Bool = false, groups: [TargetGroup] = []) -> ContractTerms {
    ContractTerms(contractID: "C-1", supplier: "S", start: date("2026-07-01"), end: date("2027-06-30"),
                  commitments: [CommitmentTerms(ref: "J1", kind: .job, committed: 4, weeks: weeks,
                                                areaDeprived: deprived, targetGroups: groups)])
}

func hireItem(_ person: String, start: String, period: String = "2026-Q3", decile: Int? = 1,
              groups: [TargetGroup] = [.youngPerson]) -> DeliveredItem {
    DeliveredItem(period: ReturnPeriod(period)!, kind: .hire, ref: "J1", person: person, date: date(start),
                  fte: 1, hourlyRate: 14, area: decile.map { "AREA-\($0)" }, decile: decile, council: "Glasgow City",
                  targetGroups: groups)
}

func leaverItem(_ person: String, on day: String, period: String = "2026-Q4") -> DeliveredItem {
    DeliveredItem(period: ReturnPeriod(period)!, kind: .leaver, ref: nil, person: person, date: date(day))
}

@Suite struct ProgressTests {
    @Test func termFractionIsClampedDays() async throws {
        let s = date("2026-07-01"), e = date("2027-06-30")  // 364 days
        #expect(try ProgressCalculator.termFraction(start: s, end: e, asOf: date("2026-06-01")) == 0)
        #expect(try ProgressCalculator.termFraction(start: s, end: e, asOf: date("2026-12-30")) == Exact(numerator: 182, denominator: 364))
        #expect(try ProgressCalculator.termFraction(start: s, end: e, asOf: date("2028-01-01")) == 1)
    }

    @Test func ragEdges() async throws {
        let t = RAGThresholds.schemeDefaults
        #expect(try t.status(delivered: 9, expected: 10).status == .green)
        #expect(try t.status(delivered: Exact(numerator: 8999, denominator: 1000), expected: 10).status == .amber)
        #expect(try t.status(delivered: 7, expected: 10).status == .amber)
        #expect(try t.status(delivered: Exact(numerator: 6999, denominator: 1000), expected: 10).status == .red)
        #expect(try t.status(delivered: 0, expected: 0).status == .notYetDue)
        #expect(try t.status(delivered: 3, expected: 0).percent == nil)
        #expect(try t.status(delivered: 12, expected: 10).percent == 120)
        #expect(try RAGThresholds(green: 100, amber: 50).status(delivered: 9, expected: 10).status == .amber)
    }

    @Test func sustainmentLeftEarlyInPostAndSustained() async throws {
        let items = [
            hireItem("P1", start: "2026-07-01"),             // sustained from 2026-12-30
            hireItem("P2", start: "2026-07-01"),             // leaves 2026-12-29: one day early
            hireItem("P3", start: "2026-07-01"),             // leaves on the sustain day: sustained
            hireItem("P4", start: "2026-09-01"),             // sustained from 2027-03-02: in post
            leaverItem("P2", on: "2026-12-29"),
            leaverItem("P3", on: "2026-12-30"),
        ]
        let p = try ProgressCalculator.progress(of: jobTerms(), items: items, asOf: date("2027-01-15"))
        let line = p.commitments[0]
        #expect(line.hireOutcomes.map(\.state) == [.sustained, .leftEarly, .sustained, .inPost])
        #expect(line.hireOutcomes[1].leftOn == date("2026-12-29"))
        #expect(line.hires == HireCounts(filled: 4, sustained: 2, inPost: 1, leftEarly: 1, notCounted: 0))
        #expect(line.delivered == 3)
    }

    @Test func leaverNamingAnotherCommitmentDoesNotApply() async throws {
        var l = leaverItem("P1", on: "2026-08-01")
        l.ref = "J2"
        let p = try ProgressCalculator.progress(of: jobTerms(), items: [hireItem("P1", start: "2026-07-01"), l],
                                                asOf: date("2027-01-15"))
        #expect(p.commitments[0].hireOutcomes.map(\.state) == [.sustained])
    }

    @Test func hireReportedTwiceCountsOnce() async throws {
        let items = [hireItem("P1", start: "2026-07-01"), hireItem("P1", start: "2026-07-01", period: "2026-Q4")]
        let p = try ProgressCalculator.progress(of: jobTerms(), items: items, asOf: date("2027-01-15"))
        #expect(p.commitments[0].hireOutcomes.count == 1)
        #expect(p.commitments[0].delivered == 1)
    }

    @Test func deprivedAreaCommitmentRefusesHiresFromOtherAreas() async throws {
        let items = [hireItem("P1", start: "2026-07-01", decile: 2), hireItem("P2", start: "2026-07-01", decile: 5),
                     hireItem("P3", start: "2026-07-01", decile: nil)]
        let p = try ProgressCalculator.progress(of: jobTerms(deprived: true), items: items, asOf: date("2027-01-15"))
        let outcomes = p.commitments[0].hireOutcomes
        #expect(outcomes.map(\.counted) == [true, false, false])
        #expect(outcomes[1].reasons == ["committed to a deprived area (decile 1–2) but the hire lives in decile 5 (AREA-5)"])
        #expect(outcomes[2].reasons == ["committed to a deprived area (decile 1–2) but the hire's area is not given"])
        #expect(p.commitments[0].delivered == 1)
        #expect(p.commitments[0].hires?.notCounted == 2)
    }

    @Test func nonDeprivedCommitmentAcceptsAnyArea() async throws {
        let p = try ProgressCalculator.progress(of: jobTerms(), items: [hireItem("P1", start: "2026-07-01", decile: 9)],
                                                asOf: date("2027-01-15"))
        #expect(p.commitments[0].delivered == 1)
    }

    @Test func priorityGroupCommitmentRefusesHiresInNone() async throws {
        let items = [hireItem("P1", start: "2026-07-01", groups: [.veteran, .careExperienced]),
                     hireItem("P2", start: "2026-07-01", groups: []),
                     hireItem("P3", start: "2026-07-01", groups: [.schoolPupil])]
        let p = try ProgressCalculator.progress(of: jobTerms(groups: [.careExperienced, .youngPerson]), items: items,
                                                asOf: date("2027-01-15"))
        let outcomes = p.commitments[0].hireOutcomes
        #expect(outcomes.map(\.counted) == [true, false, false])
        #expect(outcomes[1].reasons == ["committed for priority groups (care-experienced, young-person) but the hire is in none of them"])
    }

    @Test func bothReasonsAreListed() async throws {
        let p = try ProgressCalculator.progress(of: jobTerms(deprived: true, groups: [.veteran]),
                                                items: [hireItem("P1", start: "2026-07-01", decile: 7)],
                                                asOf: date("2027-01-15"))
        #expect(p.commitments[0].hireOutcomes[0].reasons.count == 2)
    }

    @Test func expectedIsProRataAndReturnsAfterTheDateDoNotCount() async throws {
        let items = [hireItem("P1", start: "2026-07-01"), hireItem("P2", start: "2026-10-02", period: "2026-Q4")]
        let p = try ProgressCalculator.progress(of: jobTerms(), items: items, asOf: date("2026-09-30"))
        // 4 × 91 / 364 = 1
        #expect(p.commitments[0].expected == 1)
        #expect(p.commitments[0].delivered == 1)
        #expect(p.commitments[0].percent == 100)
        #expect(p.periods.map(\.description) == ["2026-Q3"])
    }

    @Test func timelineIsCumulativeAtEachPeriodEnd() async throws {
        let items = [hireItem("P1", start: "2026-07-01"), hireItem("P2", start: "2026-10-02", period: "2026-Q4")]
        let p = try ProgressCalculator.progress(of: jobTerms(), items: items, asOf: date("2026-11-30"), timeline: true)
        let t = p.commitments[0].timeline
        #expect(t.map(\.date) == [date("2026-09-30"), date("2026-11-30")])
        #expect(t.map(\.delivered) == [1, 2])
        #expect(t[0].expected == 1)
    }
}

@Suite struct DeliveredPointsTests {
    @Test func deliveredPointsScoreCountedHiresLikeTheBid() async throws {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [
            hire("P1", start: "2026-07-01", fte: Exact(decimal: "0.5")!),   // deprived, counts: 10 × 0.5 × 1.5
            hire("P2", start: "2026-07-01", area: "S01012000"),              // decile 9: not counted
            hire("P3", start: "2026-07-01", groups: []),                     // no group: not counted
            hire("P4", start: "2026-07-01"), leaver("P4", on: "2026-08-01"), // left early: not scored
            spend(30_000),
            .trainingCompleted(TrainingCompleted(ref: "T1", count: 6, hours: 35, location: here)),
        ]), hash: "q3")
        let progress = try #require(try await store.progress(contract: "C-1", asOf: date("2026-12-31"), scorer: TestScorer()))
        let points = try #require(progress.points)
        #expect(points.lines.map(\.id) == ["jobs", "training", "supply-chain"])
        #expect(points.lines.map(\.delivered) == [Exact(decimal: "7.5")!, 6, Exact(decimal: "1.5")!])
        #expect(points.lines.map(\.committed) == [84, 20, 5])
        #expect(points.deliveredTotal == 15)
        #expect(points.committedTotal == 109)
    }

    @Test func deliveredCommitmentsCarryTheHiresOwnFigures() async throws {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01", fte: Exact(decimal: "0.5")!)]),
                            hash: "q3")
        let contract = try #require(try await store.contract("C-1"))
        let progress = try #require(try await store.progress(contract: "C-1", asOf: date("2026-12-31")))
        let items = try await store.items(contract: "C-1", asOf: date("2026-12-31"))
        let built = DeliveredCommitments.build(bid: contract.bid, progress: progress, items: items)
        guard case .job(let job) = try #require(built.first) else { Issue.record("not a job"); return }
        #expect(job.ref == "J1/P1")
        #expect(job.count == 1)
        #expect(job.fte == Exact(decimal: "0.5")!)
        #expect(job.weeks == 26)
        #expect(job.area?.text == "S01010206")
        #expect(job.targetGroups == [.youngPerson])
    }
}

@Suite struct PortfolioTests {
    @Test func totalsBySupplierCouncilAndDecile() async throws {
        let store = try temporaryStore()
        try await award(store, id: "C-1")
        var other = sampleBid()
        other.bidder.name = "Almond Works"
        try await award(store, id: "C-2", bid: other)
        try await award(store, id: "C-3")
        try await store.importing(deliveryReturn("2026-Q3", [hire("P1", start: "2026-07-01"),
                                                      hire("P2", start: "2026-07-01", area: "S01008000"),
                                                      spend(10_000)]), hash: "a")
        try await store.importing(deliveryReturn("2026-Q3", contract: "C-2", [hire("P9", start: "2026-07-01", area: "S01010207")]),
                            hash: "b")
        let portfolio = try await store.portfolio(asOf: date("2026-12-30"))
        #expect(portfolio.contracts == 3)
        #expect(portfolio.suppliers.map(\.supplier) == ["Almond Works", "Clyde Build Ltd"])
        #expect(portfolio.suppliers[1].contracts == 2)
        let jobs = try #require(portfolio.suppliers[1].kinds.first { $0.kind == .job })
        #expect(jobs.committed == 8)
        #expect(jobs.expected == 4)
        #expect(jobs.delivered == 1)
        #expect(jobs.status == .red)
        #expect(portfolio.councils.map(\.council) == ["Fife", "Glasgow City"])
        #expect(portfolio.councils.map(\.hires) == [HireTally(counted: 0, notCounted: 1), HireTally(counted: 2, notCounted: 0)])
        #expect(portfolio.deciles.map(\.hires.total) == [1, 1, 0, 0, 1, 0, 0, 0, 0, 0])
        #expect(portfolio.contractStatuses.map(\.contractID) == ["C-1", "C-2", "C-3"])
    }

    @Test func portfolioMatchesPerContractProgress() async throws {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [spend(10_000), hire("P1", start: "2026-07-01")]), hash: "a")
        let asOf = date("2027-02-01")
        let single = try #require(try await store.progress(contract: "C-1", asOf: asOf))
        let portfolio = try await store.portfolio(asOf: asOf)
        let kinds = portfolio.suppliers[0].kinds
        #expect(kinds.map(\.delivered) == single.commitments.map(\.delivered))
        #expect(kinds.map(\.expected) == single.commitments.map(\.expected))
    }
}
