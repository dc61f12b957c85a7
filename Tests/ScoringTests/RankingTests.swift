import Areas
import Documents
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring
import Testing

@Suite struct RankingTests {
    let scorer: Scorer

    init() throws {
        scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
    }

    func evaluations(_ bids: [Bid]) throws -> [BidEvaluation] {
        try bids.map { try scorer.evaluate($0, tender: Fixtures.tender).get() }
    }

    /// Four bids with the same total: the tie-breaks decide in the scheme's order.
    func tiedBids() -> [Bid] {
        var a = Fixtures.workedExample(id: "B-3")
        var b = Fixtures.workedExample(id: "B-1")
        var c = Fixtures.workedExample(id: "B-2", submitted: "2026-03-13T09:00:00Z")
        let d = Fixtures.workedExample(id: "B-0", submitted: "2026-03-14T11:02:00Z")
        a.price = Money(Exact(2_300_000))
        b.price = Money(Exact(2_310_000))
        c.price = Money(Exact(2_310_000))
        _ = d
        return [a, b, c, Fixtures.workedExample(id: "B-4")]
    }

    @Test func tiesAreBrokenInTheSchemesOrder() throws {
        let ranking = try scorer.rank(tender: Fixtures.tender, evaluations: try evaluations(tiedBids()), inputs: [], refused: [])
        #expect(ranking.bids.map(\.bidID) == ["B-3", "B-2", "B-1", "B-4"])
        #expect(ranking.bids.map(\.rank) == [1, 2, 3, 4])
        #expect(ranking.bids[0].tieBreak == "same total as B-2 (100); ranked above it by lower price (£2,300,000 against £2,310,000)")
        #expect(ranking.bids[1].tieBreak == "same total as B-1 (100); ranked above it by earlier submission (2026-03-13T09:00:00Z against 2026-03-14T11:02:00Z)")
        #expect(ranking.bids[2].tieBreak == "same total as B-4 (100); ranked above it by bid id")
        #expect(ranking.bids[3].tieBreak == nil)
    }

    @Test func rankingDoesNotDependOnInputOrder() throws {
        let e = try evaluations(tiedBids())
        let first = try scorer.rank(tender: Fixtures.tender, evaluations: e, inputs: [], refused: [])
        let second = try scorer.rank(tender: Fixtures.tender, evaluations: e.reversed(), inputs: [], refused: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test func excludedBidsFollowWithoutScores() throws {
        var low = Fixtures.workedExample(id: "A-1")
        low.fairWork.lowestHourlyRate = Money(Fixtures.d("12.00"))
        let ranking = try scorer.rank(tender: Fixtures.tender, evaluations: try evaluations([low, Fixtures.workedExample()]),
                                      inputs: [InputFile(file: "b.xml", sha256: "2"), InputFile(file: "a.xml", sha256: "1")],
                                      refused: [])
        #expect(ranking.bids.map(\.status) == [.ranked, .excluded])
        let excluded = ranking.bids[1]
        #expect(excluded.rank == nil && excluded.total == nil && excluded.explanation.scores.isEmpty)
        #expect(excluded.explanation.gates[0].explanation == "12.00 < 12.21 (NLW from 2025-04-01)")
        #expect(ranking.inputs.map(\.file) == ["a.xml", "b.xml"])
        // The only ranked bid holds the best points: 80 × 72 / 72.
        #expect(ranking.bids[0].total == 100)
    }

    @Test func aLoneBidWithNoPointsScoresZeroNotADivisionByZero() throws {
        var bid = Fixtures.workedExample()
        bid.price = Money(.zero)
        bid.commitments = []
        let ranking = try scorer.rank(tender: Fixtures.tender, evaluations: try evaluations([bid]), inputs: [], refused: [])
        #expect(ranking.bids[0].explanation.score("community-benefit-score")?.points == 0)
    }

    @Test func deliveredFiguresScoreWithTheSameScheme() throws {
        // Monitoring builds a bid of count-1 commitments from hires and reads the lines.
        var delivered = Fixtures.workedExample()
        delivered.commitments = [
            .job(Job(ref: "J1", count: 1, fte: 1, weeks: 52, hourlyRate: Money(Fixtures.d("13.60")),
                     area: AreaReference("S01012220", at: Fixtures.at(3)), targetGroups: [.youngPerson], location: Fixtures.at(3))),
        ]
        let e = try scorer.evaluate(delivered, tender: Fixtures.tender).get()
        #expect(e.points("jobs") == 17)
    }
}

@Suite struct AwardSchemeTests {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("rules/award-price-quality-cb.cbs").path
    }

    @Test func examplesPass() throws {
        let scheme = try Scheme.load(path: AwardSchemeTests.path)
        #expect(scheme.warnings.isEmpty)
        for o in scheme.runExamples() { #expect(o.passed, "\(o.title): \(o.failures)") }
    }

    @Test func panelScoresComeFromACSV() throws {
        let inputs = try ExternalInputs.parse(csv: "\u{FEFF}bid,quality\r\nB-014-03,72.5\r\nB-014-05,40\r\n", file: "panel.csv")
        #expect(inputs == ["quality": ["B-014-03": Fixtures.d("72.5"), "B-014-05": 40]])
        let scheme = try Scheme.load(path: AwardSchemeTests.path)
        let scorer = Scorer(scheme: scheme, areas: FakeAreas(), externalInputs: inputs)
        let e = try scorer.evaluate(Fixtures.workedExample(), tender: Fixtures.tender).get()
        #expect(e.points("quality-score") == Fixtures.d("72.5"))
        guard case .failure(let missing) = scorer.evaluate(Fixtures.workedExample(id: "B-9"), tender: Fixtures.tender) else {
            Issue.record("a bid with no panel score must be refused")
            return
        }
        #expect(missing.diagnostics.map(\.id) == ["rules.eval.missing-input"])
    }

    @Test func badCSVCellsAreReportedWithTheirPosition() {
        #expect {
            try ExternalInputs.parse(csv: "bid,quality\nB-1,seventy\nB-2\n", file: "panel.csv")
        } throws: { error in
            let d = (error as? DiagnosticsError)?.diagnostics ?? []
            return d.map(\.description) == ["panel.csv:2:5: quality for bid B-1: 'seventy' is not a decimal number",
                                            "panel.csv:3:1: expected 2 columns, found 1"]
        }
    }
}
