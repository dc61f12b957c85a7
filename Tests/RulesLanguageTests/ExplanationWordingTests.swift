import Documents
import ExactNumbers
@testable import RulesLanguage
import Testing

/// The evaluator's wording (`Wording`): which alternative applied and why, a cap stated once,
/// names in the scheme's words where a sentence speaks of them.
@Suite struct ExplanationWordingTests {
    static let jobsByWeeks = """
        line jobs "Jobs" for each job
          points 12 × job.count when job.weeks ≥ 52 weeks
          points 6 × job.count otherwise
          cap 20
        end
        """

    func jobs(_ commitments: [Commitment], _ body: String = jobsByWeeks) throws -> ScoreResult {
        let program = try Support.program(body)
        let result = try program.evaluate(bid: Support.bid(commitments: commitments), tender: Support.tender, areas: nil).get()
        return try #require(result.explanation.score("jobs"))
    }

    @Test func theFirstAlternativeSaysItAppliedAndWhyAndThatTheOtherDidNot() throws {
        let line = try jobs([Support.job("J1", count: 1, weeks: 52)])
        #expect(line.items[0].steps.map(\.description) == [
            "12 × job.count = 12: applies (met: job.weeks ≥ 52 weeks); 6 × job.count otherwise: not applied",
        ])
    }

    @Test func theFallbackSaysTheConditionAboveItWasNotMet() throws {
        let line = try jobs([Support.job("J1", count: 1, weeks: 40)])
        #expect(line.items[0].steps.map(\.description) == [
            "6 × job.count = 6: applies otherwise; 12 × job.count when job.weeks ≥ 52 weeks: not applied (not met)",
        ])
    }

    @Test func aSingleUnconditionalRowIsJustItsCalculation() throws {
        let line = try jobs([Support.job("J1", count: 2)], """
            line jobs "Jobs" for each job
              points 5 × job.count
            end
            """)
        #expect(line.items[0].steps.map(\.description) == ["5 × job.count = 10"])
    }

    @Test func noRowApplyingNamesTheConditionsNotMet() throws {
        let line = try jobs([Support.job("J1", weeks: 30)], """
            line jobs "Jobs" for each job
              points 12 × job.count when job.weeks ≥ 52 weeks
              points 6 × job.count when job.weeks ≥ 40 weeks
            end
            """)
        #expect(line.items[0].skipReason == "no points row applies (not met: job.weeks ≥ 52 weeks; job.weeks ≥ 40 weeks)")
    }

    @Test func aCapIsStatedOnceByItsStep() throws {
        let line = try jobs([Support.job("J1", count: 1), Support.job("J2", count: 1)])
        #expect(line.points == 20)
        #expect(line.explanation == "2 of 2 job commitments counted: 24 points")
        let mentions = ([line.explanation] + line.steps.map(\.description)).filter { $0.contains("cap") }
        #expect(mentions == ["capped at 20: 4 cut"])
    }

    @Test func aLineWithNoCommitmentsSaysSo() throws {
        let line = try jobs([])
        #expect(line.explanation == "no job commitments")
    }

    static let priceScheme = """
        line quality "Quality"
          points 50
          maximum 100
        end
        line community-benefit-points "Community benefit points"
          points 10
        end
        score price "Price"
          points 100 × lowest bid.price ÷ bid.price
          maximum 100
        end
        total "Total" out of 100
          price weighted 60
          quality weighted 40
        end
        ties broken by
          more community-benefit-points
          lower bid.price
          earlier bid.submitted
          bid.id
        end
        """

    @Test func highestAndLowestAreNamedInWords() throws {
        let program = try Support.program(Self.priceScheme)
        let a = try program.evaluate(bid: Support.bid(price: 1_000_000), tender: Support.tender, areas: nil).get()
        let b = try program.evaluate(bid: Support.bid(price: 1_250_000), tender: Support.tender, areas: nil).get()
        let cross = try program.evaluateScores(ids: ["A", "B"], results: [a, b])
        let figure = try #require(cross[1].scores.first?.figures.first { $0.source.hasPrefix("bid A") })
        #expect(figure.name == "the lowest price")
        #expect(figure.source == "bid A, of 2 bids that passed the gates")
    }

    @Test func tieBreaksAreInTheSchemesWords() throws {
        let program = try Support.program(Self.priceScheme)
        #expect(program.tieBreaks.map(\.text) == ["more community benefit points", "lower price", "earlier submission", "bid id"])
        #expect(program.tieBreaks[1].shown(2_300_000) == "£2,300,000")
        #expect(Wording.tieNote(other: "B-2", total: 60, rule: "lower price", values: ("£2,300,000", "£2,310,000"))
            == "same total as B-2 (60); ranked above it by lower price (£2,300,000 against £2,310,000)")
    }
}
