import Diagnostics
import Documents
import ExactNumbers
import Foundation
@testable import RulesLanguage
@testable import Scoring
import Testing

/// The compiled `.summary` evaluator (SummaryEvaluator) against the interpreter, over the
/// seeded bids of BidGenerator and both bundled schemes: the same results, the same
/// refusals, and the compiled path actually taken (not the fallback to the interpreter).
@Suite struct CompiledEvaluatorTests {
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

    static func same(_ a: Result<BidResult, DiagnosticsError>, _ b: Result<BidResult, DiagnosticsError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): x == y
        case (.failure(let x), .failure(let y)): x.diagnostics == y.diagnostics
        default: false
        }
    }

    func checkPerBid(_ scheme: Scheme) throws {
        let program = scheme.program
        let compiled = SummaryEvaluator(program)
        var compiledTaken = 0, compared = 0
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            for bid in g.bids() {
                let inputs = Self.inputs(for: bid, in: program, &g)
                let interpreted = program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs,
                                                   detail: .summary)
                let direct = try? compiled.run(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs)
                switch interpreted {
                case .success(let expected):
                    #expect(direct == expected, "seed \(seed) \(bid.id)")
                    if direct != nil { compiledTaken += 1 }
                case .failure:
                    #expect(direct == nil, "seed \(seed) \(bid.id): compiled code gave a result where the interpreter refuses")
                }
                // The public entry gives the interpreter's answer either way, refusals included.
                #expect(Self.same(compiled.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs),
                                   interpreted), "seed \(seed) \(bid.id)")
                compared += 1
            }
        }
        // Every generated bid can be scored, so none should need the fallback.
        #expect(compiledTaken == compared)
    }

    @Test func perBidResultsEqualTheInterpretersForTheReferenceScheme() throws {
        try checkPerBid(try Scheme.bundledDefault())
    }

    @Test func perBidResultsEqualTheInterpretersForTheAwardScheme() throws {
        try checkPerBid(try Self.awardScheme())
    }

    @Test func refusalsComeFromTheInterpreter() throws {
        let program = try Scheme.bundledDefault().program
        let compiled = SummaryEvaluator(program)
        var unknownArea = Fixtures.workedExample()
        if case .job(var job) = unknownArea.commitments[0] {
            job.area = AreaReference("S01999999", at: Fixtures.at(20, 60))
            unknownArea.commitments[0] = .job(job)
        }
        let early = Fixtures.workedExample(submitted: "2023-06-01T12:00:00+01:00")
        var missingInput = Fixtures.workedExample()
        missingInput.id = "B-no-input"
        let award = try Self.awardScheme().program
        for (program, compiled, bid) in [(program, compiled, unknownArea), (program, compiled, early),
                                         (award, SummaryEvaluator(award), missingInput)] {
            let interpreted = program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: .summary)
            guard case .failure(let error) = interpreted else {
                Issue.record("\(bid.id) should be refused")
                continue
            }
            #expect((try? compiled.run(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: [:])) == nil)
            #expect(Self.same(compiled.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas()), .failure(error)))
        }
    }

    @Test func crossBidScoresEqualTheInterpreters() throws {
        for scheme in [try Scheme.bundledDefault(), try Self.awardScheme()] {
            let program = scheme.program
            let compiled = SummaryEvaluator(program)
            for seed in 1...UInt64(Self.cases) {
                var g = BidGenerator(seed: seed)
                var ids: [String] = []
                var results: [BidResult] = []
                for bid in g.bids() {
                    let inputs = Self.inputs(for: bid, in: program, &g)
                    let r = try compiled.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), inputs: inputs).get()
                    guard r.passedGates else { continue }
                    ids.append(bid.id)
                    results.append(r)
                }
                guard !results.isEmpty else { continue }
                let expected = try program.evaluateScores(ids: ids, results: results)
                #expect(try compiled.crossBid(results) == expected, "seed \(seed)")
                #expect(try compiled.evaluateScores(ids: ids, results: results) == expected, "seed \(seed)")
            }
        }
    }

    /// Many bids, so the cross-bid step runs in several chunks at once.
    @Test func crossBidScoresSplitAcrossChunksEqualTheInterpreters() throws {
        let program = try Scheme.bundledDefault().program
        let compiled = SummaryEvaluator(program)
        var g = BidGenerator(seed: 7)
        var ids: [String] = []
        var results: [BidResult] = []
        for n in 1...12000 {
            let bid = g.bid(id: "B-\(n)")
            let r = try compiled.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas()).get()
            guard r.passedGates else { continue }
            ids.append(bid.id)
            results.append(r)
        }
        #expect(results.count > 4096)
        #expect(try compiled.crossBid(results) == program.evaluateScores(ids: ids, results: results))
    }

    /// `.gates` detail: the gates exactly as `.full` gives them, nothing after the last gate.
    @Test func gatesDetailGivesTheFullGates() throws {
        let program = try Scheme.bundledDefault().program
        for seed in 1...UInt64(Self.cases) {
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

    @Test func groupBitsFollowTheOrderOfAllCases() {
        for (index, group) in TargetGroup.allCases.enumerated() {
            #expect(GroupSet.position(group) == index)
        }
    }
}
