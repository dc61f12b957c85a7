import Areas
import Documents
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring
import Testing

@Suite struct WorkedExampleTests {
    let scorer: Scorer

    init() throws {
        scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
    }

    func evaluate(_ bid: Bid) throws -> BidEvaluation {
        try scorer.evaluate(bid, tender: Fixtures.tender).get()
    }

    @Test func givesSeventyTwoPoints() throws {
        let e = try evaluate(Fixtures.workedExample())
        #expect(e.points("jobs") == 51)
        #expect(e.points("training") == 15)
        #expect(e.points("supply-chain") == 6)
        #expect(e.points("community-benefit-points") == 72)
        #expect(e.points("fair-work") == 20)
        #expect(e.passedGates)
    }

    @Test func gatesExplainTheFiguresCompared() throws {
        let e = try evaluate(Fixtures.workedExample())
        let gates = e.explanation.gates
        #expect(gates.map(\.id) == ["statutory-minimum-wage", "minimum-trt"])
        #expect(gates[0].explanation == "13.45 ≥ 12.21 (NLW from 2025-04-01)")
        #expect(gates[1].explanation == "offers 176 person-weeks; 120.12 required for a £2,310,000 bid")
        #expect(gates[0].figures.contains { $0.source == "B-014-03 FairWork/LowestHourlyRate" && $0.value == Fixtures.d("13.45") })
        #expect(gates[0].figures.contains { $0.source == "table national_living_wage from 2025-04-01" && $0.value == Fixtures.d("12.21") })
        #expect(gates[1].figures.contains { $0.source == "J1 weeks" && $0.text == "52" })
        #expect(gates[1].figures.contains { $0.source == "T1 hours" && $0.text == "35" })
    }

    @Test func jobItemShowsEveryStep() throws {
        let e = try evaluate(Fixtures.workedExample())
        let jobs = try #require(e.explanation.score("jobs"))
        let j1 = try #require(jobs.items.first)
        #expect(j1.ref == "J1" && j1.kind == "Job" && j1.counted)
        #expect(j1.steps.map(\.result) == [30, 45, 51])
        #expect(j1.steps.map(\.kind) == [.base, .multiplier, .bonus])
        #expect(j1.figures.contains { $0.source == "S01012220 SIMD 2020v2 rank 523 decile 1" })
        #expect(j1.figures.contains { $0.source == "J1 hourlyRate" && $0.text == "13.60" })
        #expect(j1.figures.contains { $0.source == "table real_living_wage from 2025-10-22" })
        #expect(j1.location == Fixtures.at(20))
    }

    @Test func capsSayHowMuchTheyCut() throws {
        let e = try evaluate(Fixtures.workedExample())
        let training = try #require(e.explanation.score("training"))
        #expect(training.cap == CapApplied(cap: 15, uncapped: 20, cut: 5))
        #expect(training.maximum == 15)
        #expect(training.explanation == "1 of 1 training commitment counted: 20 points")
        #expect(training.steps.last?.description == "capped at 15: 5 cut")
    }

    @Test func relativeScoreAgainstTheBestBid() throws {
        let a = try evaluate(Fixtures.workedExample())
        var bestBid = Fixtures.workedExample(id: "B-014-05")
        bestBid.commitments.append(.supplyChain(SupplyChain(ref: "S2", kind: .socialEnterprise, amount: Money(Exact(360_000)),
                                                            location: Fixtures.at(26))))
        let b = try evaluate(bestBid)
        #expect(b.points("community-benefit-points") == 86)
        let ranking = try scorer.rank(tender: Fixtures.tender, evaluations: [a, b], inputs: [], refused: [])
        let outcome = try #require(ranking.bid("B-014-03"))
        let score = try #require(outcome.explanation.score("community-benefit-score"))
        #expect(score.points == Exact(80) * Exact(72) / Exact(86))
        #expect(score.figures.contains { $0.name == "the highest community benefit points" && $0.source.hasPrefix("bid B-014-05") })
        #expect(outcome.rank == 2)
        #expect(outcome.total == Exact(20) + Exact(80) * Exact(72) / Exact(86))
        #expect(ranking.bids.map(\.bidID) == ["B-014-05", "B-014-03"])
    }

    @Test func noRateInForceRefusesTheBid() throws {
        let result = scorer.evaluate(Fixtures.workedExample(submitted: "2024-01-10T10:00:00Z"), tender: Fixtures.tender)
        guard case .failure(let error) = result else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.diagnostics.map(\.id) == ["rules.no-rate-in-force"])
        #expect(error.diagnostics[0].subject == "B-014-03")
        #expect(error.diagnostics[0].message.contains("national_living_wage"))
    }

    @Test func unknownAreaIsRefusedAtTheAreasLocation() throws {
        var bid = Fixtures.workedExample()
        bid.commitments[0] = .job(Job(ref: "J1", count: 3, fte: 1, weeks: 52, hourlyRate: Money(Fixtures.d("13.60")),
                                      area: AreaReference("S01999999", at: Fixtures.at(20, 61)), location: Fixtures.at(20)))
        guard case .failure(let error) = scorer.evaluate(bid, tender: Fixtures.tender) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.diagnostics.map(\.id) == ["rules.eval.unknown-area"])
        #expect(error.diagnostics[0].location == Fixtures.at(20, 61))
        #expect(error.diagnostics[0].message == "J1 area: unknown data zone 'S01999999' (loaded: test double)")
    }
}
