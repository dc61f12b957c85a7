import Foundation
import Testing
@testable import Reports
import RulesLanguage
import Scoring

/// Every number the engine recorded for a bid must be shown, exactly, in the explain view and
/// in the HTML report, so a reader can recompute the score from what is printed. One bid per
/// case: a failed gate, a skipped commitment, a cap, a tie-break.
@Suite struct RecomputableTests {
    /// Every value a reader needs, as the reports print it.
    static func shownValues(_ bid: BidOutcome) -> [String] {
        var values: [String] = []
        for gate in bid.explanation.gates {
            values.append(gate.explanation)
            values += gate.figures.map(ReportFacts.figureValue)
            values += gate.figures.map(\.source).filter { !$0.isEmpty }
        }
        for line in bid.explanation.scores {
            values.append(ReportFacts.exactWithDisplay(line.points))
            values.append(line.explanation)
            values += line.figures.map(ReportFacts.figureValue)
            // The cap step is shown once, as the cap line (uncapped, cap and cut).
            values += ReportFacts.stepsWithoutCap(line).flatMap { [$0.description, ReportFacts.exactWithDisplay($0.result)] }
            if let cap = line.cap { values.append(ReportFacts.cap(cap)) }
            for item in line.items {
                values.append(item.ref)
                values.append(ReportFacts.exact(item.points))
                if item.skipReason != nil { values.append(ReportFacts.skipReason(item)) }
                values += item.figures.flatMap { [ReportFacts.figureValue($0), $0.source] }
                values += item.steps.flatMap { [$0.description, ReportFacts.exactWithDisplay($0.result)] }
            }
        }
        if let total = bid.total { values.append(ReportFacts.exactWithDisplay(total)) }
        if let tieBreak = bid.tieBreak { values.append(tieBreak) }
        return values
    }

    @Test(arguments: ["B-014-07", "B-014-04", "B-014-03", "B-014-08"])
    func explainAndHTMLShowEveryFigure(bidID: String) throws {
        let ranking = SampleRanking.ranking
        let bid = try #require(ranking.bid(bidID))
        let text = try #require(RankingReport.explain(ranking, bidID: bidID))
        let html = RankingReport.render(ranking, format: .html)
        let htmlSection = try #require(html.range(of: "id=\"bid-\(bidID)\"")).lowerBound
        let bidHTML = String(html[htmlSection...].split(separator: "</details>").first ?? "")
        for value in Self.shownValues(bid) {
            #expect(text.contains(value), "explain view of \(bidID) lacks \(value)")
            #expect(bidHTML.contains(HTML.escape(value)), "HTML breakdown of \(bidID) lacks \(value)")
        }
    }

    @Test func gateFailureShowsBothSidesOfTheComparison() throws {
        let text = try #require(RankingReport.explain(SampleRanking.ranking, bidID: "B-014-07"))
        #expect(text.contains("[FAIL] minimum-trt"))
        #expect(text.contains("person-weeks offered = 80 person-weeks (J1 2 × 0.5 × 52 = 52; W1 4 × 7 = 28)"))
        #expect(text.contains("required person-weeks = 120.12 person-weeks (52 × 2310000 / 1000000)"))
    }

    @Test func skippedCommitmentShowsWhyAndItsRate() throws {
        let text = try #require(RankingReport.explain(SampleRanking.ranking, bidID: "B-014-04"))
        // The reason is said once, not "not counted — below the Real Living Wage: not counted".
        #expect(text.contains("J2 (Job, bids/B-014-04.xml:29:5): not counted — below the Real Living Wage; 0 points"))
        #expect(text.contains("hourly rate = £12.80/hour (J2 hourlyRate)"))
        #expect(text.contains("Real Living Wage = £13.45/hour (table real_living_wage row from 2025-10-22)"))
    }

    @Test func capShowsUncappedValueAndCut() throws {
        let text = try #require(RankingReport.explain(SampleRanking.ranking, bidID: "B-014-03"))
        #expect(text.contains("T1 (Training, bids/B-014-03.xml:33:5): counted, 20 points"))
        #expect(text.contains("cap: capped at 15: 20 → 15 (cut 5)"))
        // The cap and its cut are printed once: no cap step besides the cap line.
        #expect(text.components(separatedBy: "cut 5").count - 1 == 1, "the cap is printed once")
        #expect(!text.contains(". cap: "))
        // The worked example, step by step.
        #expect(text.contains("1. base: 10 × count 3 × fte 1 → 30"))
        #expect(text.contains("2. multiplier: × 1.5: area S01010206 is deprived (SIMD decile 1) → 45"))
        #expect(text.contains("3. bonus: + 2 × count 3 × fte 1: names a priority group (young-person) → 51"))
        #expect(text.contains("1. relative: 80 × 72 / 90 → 64"))
        #expect(text.contains("best community benefit points = 90 points (B-014-05 community-benefit-points)"))
        #expect(text.contains("Total: 84"))
    }

    @Test func tieBreakAndNonTerminatingScoreAreShownExactly() throws {
        let text = try #require(RankingReport.explain(SampleRanking.ranking, bidID: "B-014-08"))
        #expect(text.contains("Tie-break: B-014-08: ties with B-014-04 on total and on community benefit points (70); ranked higher on lower price"))
        #expect(text.contains("1. relative: 80 × 70 / 90 → 62.22222222222222222222 (exactly 560/9)"))
        #expect(text.contains("Total: 72.22222222222222222222 (exactly 650/9)"))
    }
}
