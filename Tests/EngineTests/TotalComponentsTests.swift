import Areas
import DocumentReading
import Engine
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring
import Testing

/// What each component of a scheme's total adds, as reports show it, is recorded by the
/// engine and adds up exactly to the total it ranked on, for both bundled schemes.
@Suite struct TotalComponentsTests {
    static func ranking(scheme: String?, inputs: [String] = []) throws -> Ranking {
        let root = RankPipelineTests.root
        var request = try RankPipelineTests.request(
            bids: try RankPipelineTests.fixtureBids, inputs: try PanelInputs.load(paths: inputs.map { root + "/" + $0 }),
            scheme: try scheme.map { try Scheme.load(path: root + "/" + $0) })
        request.detail = .summary
        return try RankPipeline.rank(request, reader: DocumentReader())
    }

    @Test func theAwardSchemesComponentsAreWeightedAndAddUpToTheTotal() throws {
        let ranking = try Self.ranking(scheme: "rules/award-price-quality-cb.cbs", inputs: ["fixtures/gcr-2026-014/panel-quality.csv"])
        let outline = try #require(ranking.outline)
        #expect(outline.components.map(\.id) == ["price-score", "quality-score", "community-benefit-score"])
        #expect(outline.components.map(\.weight) == [60, 30, 10])
        #expect(outline.components[0].figures == [.price])
        #expect(outline.components[1].figures == [.input(name: "quality", title: "Quality score from the evaluation panel", maximum: 100)])
        #expect(outline.components[2].figures == [.line(.init(id: "community-benefit-points", title: "Community benefit points"))])
        #expect(outline.commitmentLines.map(\.id) == ["jobs", "supply-chain"])
        let winner = try #require(ranking.bid("B-014-06"))
        #expect(winner.components == [60, Exact(decimal: "17.4")!, Exact(decimal: "3.75")!])
        #expect(winner.inputs == ["quality": 58])
        for bid in ranking.ranked {
            #expect(try Exact.sum(bid.components) == bid.total, "\(bid.bidID)")
        }
        #expect(ranking.excluded.allSatisfy { $0.components.isEmpty })
    }

    @Test func theReferenceSchemesComponentsAreItsUnweightedLines() throws {
        let ranking = try Self.ranking(scheme: nil)
        let outline = try #require(ranking.outline)
        #expect(outline.components.map(\.id) == ["fair-work", "community-benefit-score"])
        #expect(outline.components.allSatisfy { $0.weight == nil })
        #expect(!outline.isWeighted)
        for bid in ranking.ranked {
            #expect(bid.components == outline.components.map { bid.explanation.score($0.id)?.points ?? .zero })
            #expect(try Exact.sum(bid.components) == bid.total, "\(bid.bidID)")
        }
    }
}
