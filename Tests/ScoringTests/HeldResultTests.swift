import Documents
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring
import Testing

/// A ranking of silent evaluations holds each ranked bid's numbers, not its explanation
/// (issue 12, point 7): what the reports read from it must be what the explanation built
/// from those numbers says, and the same numbers a ranking of recorded evaluations gives.
@Suite struct HeldResultTests {
    func ranking(_ detail: ExplanationDetail, seed: UInt64) throws -> Ranking {
        let scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: FakeAreas())
        var g = BidGenerator(seed: seed)
        let evaluations = try (1...60).map { n in try scorer.evaluate(g.bid(id: "B-\(n)"), tender: Fixtures.tender, detail: detail).get() }
        return try scorer.rank(tender: Fixtures.tender, evaluations: evaluations, inputs: [], refused: [])
    }

    @Test(arguments: [UInt64(3), 11, 29])
    func accessorsAgreeWithTheExplanation(seed: UInt64) throws {
        let silent = try ranking(.summary, seed: seed)
        let recorded = try ranking(.full, seed: seed)
        #expect(silent.bids.map(\.bidID) == recorded.bids.map(\.bidID))
        #expect(silent.bids.contains { $0.status == .ranked } && silent.bids.contains { $0.status == .excluded })
        for (bid, told) in zip(silent.bids, recorded.bids) {
            let explanation = bid.explanation
            #expect(bid.scoreHeadings.map(\.id) == explanation.scores.map(\.id), "\(bid.bidID)")
            #expect(bid.scoreHeadings.map(\.title) == explanation.scores.map(\.title))
            #expect(bid.failedGates == explanation.gates.filter { !$0.passed })
            for score in explanation.scores {
                #expect(bid.points(score.id) == score.points, "\(bid.bidID) \(score.id)")
                #expect(told.points(score.id) == score.points, "\(bid.bidID) \(score.id), recorded")
            }
            #expect(bid.total == told.total && bid.components == told.components && bid.rank == told.rank)
            #expect(explanation.scores.map(\.points) == told.explanation.scores.map(\.points))
            #expect(explanation.scores.map(\.cap) == told.explanation.scores.map(\.cap))
            #expect(explanation.gates.map(\.passed) == told.explanation.gates.map(\.passed))
        }
    }

    /// Coded and compared as the explanation it stands for, whichever way it is held.
    @Test func aHeldResultIsCodedAsItsExplanation() throws {
        let silent = try ranking(.summary, seed: 3)
        let data = try JSONEncoder().encode(silent)
        let decoded = try JSONDecoder().decode(Ranking.self, from: data)
        #expect(decoded == silent)
        #expect(decoded.bids.map(\.explanation) == silent.bids.map(\.explanation))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let first = (object?["bids"] as? [[String: Any]])?.first
        #expect(first?["explanation"] != nil && first?["held"] == nil)
    }
}
