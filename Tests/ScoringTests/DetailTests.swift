import Diagnostics
import Documents
import ExactNumbers
import Foundation
import Reports
@testable import RulesLanguage
@testable import Scoring
import Testing

/// The bundled schemes over the seeded bids of BidGenerator, in every detail: the silent run
/// (`.summary`, what tables and CSV use) gives the recorded run's numbers and refusals, the
/// gates-only run its gates, and the cross-bid step split over the cores the same scores.
@Suite struct DetailTests {
    static let cases = 150

    static func awardScheme() throws -> Scheme {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/ScoringTests/… → package root
        return try Scheme.load(path: url.appendingPathComponent("Sources/Scoring/Rules/award-price-quality-cb.cbs").path)
    }

    /// Panel inputs for the award scheme: every bid gets one, from the seed.
    static func inputs(for bid: Bid, in program: Program, _ g: inout BidGenerator) -> [String: Exact] {
        Dictionary(uniqueKeysWithValues: program.inputNames.map { ($0, Exact(g.int(0...100))) })
    }

    func checkPerBid(_ scheme: Scheme) throws {
        let program = scheme.program
        var properties = SchemeProperties()
        for seed in 1...UInt64(DetailTests.cases) {
            var g = BidGenerator(seed: seed)
            for bid in g.bids() {
                let inputs = Self.inputs(for: bid, in: program, &g)
                let summary = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs,
                                                   detail: .summary).get()
                let full = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs).get()
                #expect(summary.detail == .summary && full.detail == .full)
                #expect(summary.explanation.gates.allSatisfy { $0.explanation.isEmpty && $0.figures.isEmpty })
                #expect(summary.explanation.scores.allSatisfy { $0.explanation.isEmpty && $0.steps.isEmpty && $0.items.isEmpty })
                properties.sameNumbers(summary, full, program, "seed \(seed) \(bid.id)")
                properties.recompute(full.explanation, "seed \(seed) \(bid.id)")
            }
        }
        #expect(properties.problems.isEmpty, "\(properties.problems.prefix(5))")
    }

    @Test func silentResultsEqualTheRecordedOnesForTheReferenceScheme() throws {
        try checkPerBid(try Scheme.bundledDefault())
    }

    @Test func silentResultsEqualTheRecordedOnesForTheAwardScheme() throws {
        try checkPerBid(try Self.awardScheme())
    }

    @Test func refusalsAreTheSameInEveryDetail() throws {
        let program = try Scheme.bundledDefault().program
        var unknownArea = Fixtures.workedExample()
        if case .job(var job) = unknownArea.commitments[0] {
            job.area = AreaReference("S01999999", at: Fixtures.at(20, 60))
            unknownArea.commitments[0] = .job(job)
        }
        let early = Fixtures.workedExample(submitted: "2023-06-01T12:00:00+01:00")
        var missingInput = Fixtures.workedExample()
        missingInput.id = "B-no-input"
        let award = try Self.awardScheme().program
        // (`.gates` stops after the last gate: the jobs line, which reads the area, comes later.)
        for (program, bid, id, details) in [(program, unknownArea, "rules.eval.unknown-area", [ExplanationDetail.summary, .full]),
                                            (program, early, "rules.no-rate-in-force", [.summary, .full, .gates]),
                                            (award, missingInput, "rules.eval.missing-input", [.summary, .full, .gates])] {
            let outcomes = details.map {
                program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: $0)
            }
            for outcome in outcomes {
                guard case .failure(let error) = outcome else {
                    Issue.record("\(bid.id) should be refused")
                    continue
                }
                #expect(error.diagnostics.map(\.id) == [id])
                #expect(error.diagnostics.first?.subject == bid.id)
            }
        }
        // The unknown area is reported where it is written in the bid, silent or not.
        if case .failure(let e) = program.evaluate(bid: unknownArea, tender: Fixtures.tender, areas: FakeAreas(), detail: .summary) {
            #expect(e.diagnostics.first?.location == Fixtures.at(20, 60))
            #expect(e.diagnostics.first?.message == "J1 area: unknown data zone 'S01999999' (loaded: test double)")
        }
    }

    /// Many bids, so the cross-bid step runs in several chunks at once: the silent, recorded
    /// and mixed results give the same scores.
    @Test func crossBidScoresSplitAcrossChunksAgree() throws {
        let program = try Scheme.bundledDefault().program
        var g = BidGenerator(seed: 7)
        var ids: [String] = []
        var quiet: [BidResult] = [], told: [BidResult] = []
        for n in 1...12000 {
            let bid = g.bid(id: "B-\(n)")
            let r = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: .summary).get()
            guard r.passedGates else { continue }
            ids.append(bid.id)
            quiet.append(r)
            told.append(n % 100 == 0 ? try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas()).get() : r)
        }
        #expect(quiet.count > 4096)
        let a = try program.evaluateScores(ids: ids, results: quiet)
        let b = try program.evaluateScores(ids: ids, results: told)
        #expect(a.indices.allSatisfy { SchemeProperties.sameNumbers(a[$0], b[$0]) })
        #expect(b.indices.contains { !b[$0].scores[0].explanation.isEmpty })
    }

    /// `.gates` detail: the gates exactly as `.full` gives them, nothing after the last gate.
    @Test func gatesDetailGivesTheFullGates() throws {
        let program = try Scheme.bundledDefault().program
        for seed in 1...UInt64(DetailTests.cases) {
            var g = BidGenerator(seed: seed)
            for bid in g.bids() {
                let full = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: .full).get()
                let gates = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: .gates).get()
                #expect(gates.explanation.gates == full.explanation.gates, "seed \(seed) \(bid.id)")
                #expect(gates.passedGates == full.passedGates)
                #expect(gates.detail == .gates)
            }
        }
    }

    /// `.table` detail: a bid that fails a gate keeps the gates it failed, with their
    /// reasons and without the figures behind them; one that passes is the silent run.
    @Test func tableDetailKeepsTheReasonsOfTheFailedGates() throws {
        let scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
        var failing = 0
        for seed in 1...UInt64(DetailTests.cases) {
            var g = BidGenerator(seed: seed)
            for bid in g.bids() {
                let table = try scorer.evaluate(bid, tender: Fixtures.tender, detail: .table).get()
                let summary = try scorer.evaluate(bid, tender: Fixtures.tender, detail: .summary).get()
                #expect(table.passedGates == summary.passedGates)
                guard !summary.passedGates else {
                    #expect(table.explanation == summary.explanation, "seed \(seed) \(bid.id)")
                    continue
                }
                failing += 1
                let expected = summary.explanation.gates.filter { !$0.passed }.map { gate in
                    var reason = gate
                    reason.figures = []
                    return reason
                }
                #expect(table.explanation.gates == expected, "seed \(seed) \(bid.id)")
                #expect(!expected.isEmpty && expected.allSatisfy { !$0.explanation.isEmpty })
            }
        }
        #expect(failing > 10)
    }

    /// The text table and the CSV of a ranking made in `.table` detail are those of one made
    /// in `.summary` detail.
    @Test func tableDetailRendersTheTableAndCSVAlike() throws {
        let scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
        var g = BidGenerator(seed: 11)
        let bids = (1...400).map { g.bid(id: "B-\($0)") }
        func ranking(_ detail: ExplanationDetail) throws -> Ranking {
            let evaluations = try bids.map { try scorer.evaluate($0, tender: Fixtures.tender, detail: detail).get() }
            return try scorer.rank(tender: Fixtures.tender, evaluations: evaluations, inputs: [], refused: [])
        }
        let table = try ranking(.table), summary = try ranking(.summary)
        #expect(table.excluded.count > 10 && table.ranked.count > 10)
        for format in [ReportFormat.text, .csv] {
            #expect(RankingReport.render(table, format: format) == RankingReport.render(summary, format: format))
        }
    }

    @Test func groupBitsFollowTheOrderOfAllCases() {
        for (index, group) in TargetGroup.allCases.enumerated() {
            #expect(GroupSet.position(group) == index)
        }
    }
}
