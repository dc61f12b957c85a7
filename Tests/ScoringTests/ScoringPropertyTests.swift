import Documents
import ExactNumbers
import Foundation
import Reports
import RulesLanguage
import Scoring
import Testing

/// Invariants of scoring checked over seeded random bids (BidGenerator): each property runs a
/// fixed number of cases from a fixed seed, so a failure reproduces and names its case.
@Suite struct ScoringPropertyTests {
    let scorer: Scorer
    static let cases = 120

    init() throws {
        scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
    }

    func evaluate(_ bid: Bid) throws -> BidEvaluation {
        try scorer.evaluate(bid, tender: Fixtures.tender).get()
    }

    func rank(_ bids: [Bid]) throws -> Ranking {
        try scorer.rank(tender: Fixtures.tender, evaluations: bids.map(evaluate), inputs: [], refused: [])
    }

    /// Rank, total and every line's points, by bid: what must not depend on input order.
    func outcome(_ ranking: Ranking) -> [String] {
        ranking.bids.map { bid in
            let lines = bid.explanation.scores.map { "\($0.id)=\($0.points.decimalString())" }
            return "\(bid.bidID) \(bid.status) \(bid.rank ?? 0) \(bid.total?.decimalString() ?? "-") \(lines)"
        }
    }

    @Test func rankingDoesNotDependOnTheOrderOfBidsOrCommitments() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            let bids = g.bids()
            let reference = try rank(bids)
            let shuffledBids = try rank(bids.shuffled(using: &g.rng))
            #expect(try encoder.encode(shuffledBids) == encoder.encode(reference), "seed \(seed)")
            let shuffledCommitments = bids.map { bid in
                var b = bid
                b.commitments.shuffle(using: &g.rng)
                return b
            }
            #expect(outcome(try rank(shuffledCommitments)) == outcome(reference), "seed \(seed)")
        }
    }

    @Test func addingACommitmentNeverLowersABidsPoints() throws {
        for seed in 1...UInt64(Self.cases * 2) {
            var g = BidGenerator(seed: seed)
            var bid = g.bid(id: "B-1")
            let before = try evaluate(bid)
            bid.commitments.insert(g.commitment(), at: g.int(0...bid.commitments.count))
            let after = try evaluate(bid)
            for line in scorer.scheme.program.lineIDs {
                let (was, now) = (before.points(line) ?? .zero, after.points(line) ?? .zero)
                #expect(now >= was, "seed \(seed): \(line) fell from \(was) to \(now)")
            }
            // The gates only count commitments in the bid's favour.
            #expect(!before.passedGates || after.passedGates, "seed \(seed)")
        }
    }

    @Test func aRelativeScoreNeverExceedsItsMaximumAndTheBestBidGetsIt() throws {
        let score = "community-benefit-score", points = "community-benefit-points"
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            let ranked = try rank(g.bids()).ranked
            guard !ranked.isEmpty else { continue }
            let best = ranked.compactMap { $0.explanation.score(points)?.points }.max() ?? .zero
            for bid in ranked {
                let result = try #require(bid.explanation.score(score), "seed \(seed)")
                let maximum = try #require(result.maximum)
                #expect(result.points <= maximum && result.points >= .zero, "seed \(seed) \(bid.bidID)")
                if best > .zero, bid.explanation.score(points)?.points == best {
                    #expect(result.points == maximum, "seed \(seed): best bid \(bid.bidID) has \(result.points)")
                }
            }
        }
    }

    @Test func totalsEqualTheSumOfTheirLines() throws {
        let parts = ["jobs", "apprenticeships", "placements", "training", "supply-chain", "volunteering"]
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            for bid in try rank(g.bids()).ranked {
                let e = bid.explanation
                func p(_ id: String) -> Exact { e.score(id)?.points ?? .zero }
                let total = try #require(bid.total)
                #expect(total == p("fair-work") + p("community-benefit-score"), "seed \(seed) \(bid.bidID)")
                let sum = parts.reduce(Exact.zero) { $0 + p($1) }
                #expect(p("community-benefit-points") == sum, "seed \(seed) \(bid.bidID)")
            }
        }
    }

    @Test func aFailedGateAlwaysExcludes() throws {
        var failures = 0
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            for bid in try rank(g.bids()).bids {
                let failed = bid.explanation.gates.contains { !$0.passed }
                failures += failed ? 1 : 0
                #expect((bid.status == .excluded) == failed, "seed \(seed) \(bid.bidID)")
                if failed {
                    #expect(bid.rank == nil && bid.total == nil && bid.explanation.scores.isEmpty, "seed \(seed)")
                }
            }
        }
        #expect(failures > 0, "the generator must make some bids fail a gate")
    }

    @Test func theJSONReportCarriesTheRankingsExactValues() throws {
        for seed in 1...UInt64(Self.cases / 2) {
            var g = BidGenerator(seed: seed)
            let ranking = try rank(g.bids())
            let json = RankingReport.render(ranking, format: .json)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let bids = try #require(document["bids"] as? [[String: Any]])
            #expect(bids.map { $0["id"] as? String } == ranking.bids.map(\.bidID), "seed \(seed)")
            for (object, bid) in zip(bids, ranking.bids) {
                #expect(object["status"] as? String == bid.status.rawValue)
                #expect((object["rank"] as? Int) == bid.rank, "seed \(seed) \(bid.bidID)")
                #expect((object["total"] as? String) == bid.total?.decimalString(), "seed \(seed) \(bid.bidID)")
                #expect((object["price"] as? String).flatMap { Exact(decimal: $0) } == bid.price.amount)
                let scores = try #require(object["scores"] as? [[String: Any]])
                for line in scores {
                    let id = try #require(line["id"] as? String)
                    let value = try #require(bid.explanation.score(id)?.points, "seed \(seed) \(id)")
                    let text = try #require(line["points"] as? String)
                    #expect(text == value.decimalString(), "seed \(seed) \(bid.bidID) \(id)")
                    if value.isTerminatingDecimal { #expect(Exact(decimal: text) == value) }
                }
            }
        }
    }

    /// `.summary` detail (text and CSV) must give the numbers `.full` gives (JSON and HTML):
    /// the same ranks, totals, line points, caps and tie-breaks, and for an excluded bid the
    /// same gates with the same reasons. Only figures, steps, items and texts may be missing.
    @Test func summaryDetailRanksExactlyAsFullDetail() throws {
        func ranking(_ bids: [Bid], _ detail: ExplanationDetail) throws -> Ranking {
            let evaluations = try bids.map { try scorer.evaluate($0, tender: Fixtures.tender, detail: detail).get() }
            return try scorer.rank(tender: Fixtures.tender, evaluations: evaluations, inputs: [], refused: [])
        }
        func numbers(_ ranking: Ranking) -> [String] {
            ranking.bids.map { bid in
                let lines = bid.explanation.scores.map {
                    "\($0.id)=\($0.points.decimalString()) max \($0.maximum?.decimalString() ?? "-") cap \($0.cap.map { "\($0.uncapped.decimalString())" } ?? "-")"
                }
                let gates = bid.status == .excluded ? bid.explanation.gates.map { "\($0.id) \($0.passed) \($0.explanation)" } : []
                return "\(bid.bidID) \(bid.status) \(bid.rank ?? 0) \(bid.total?.decimalString() ?? "-") \(bid.tieBreak ?? "") \(lines) \(gates)"
            }
        }
        var excludedSeen = 0, cappedSeen = 0
        for seed in 1...UInt64(Self.cases) {
            var g = BidGenerator(seed: seed)
            let bids = g.bids()
            let full = try ranking(bids, .full)
            let summary = try ranking(bids, .summary)
            #expect(numbers(summary) == numbers(full), "seed \(seed)")
            for bid in summary.ranked {
                #expect(bid.explanation.scores.allSatisfy { $0.figures.isEmpty && $0.steps.isEmpty && $0.items.isEmpty },
                        "seed \(seed): \(bid.bidID) carries explanation detail it was not asked for")
            }
            excludedSeen += summary.excluded.count
            cappedSeen += summary.ranked.filter { $0.explanation.scores.contains { $0.cap != nil } }.count
        }
        // The cases reach the paths that differ between the two details.
        #expect(excludedSeen > 0 && cappedSeen > 0)
    }
}
