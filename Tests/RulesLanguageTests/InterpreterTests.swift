import Areas
import Diagnostics
import Documents
import ExactNumbers
@testable import RulesLanguage
import Testing

@Suite struct InterpreterTests {
    let jobs = """
        line jobs "Jobs" for each job
          skip when job.hourly_rate < rlw because "below the Real Living Wage: not counted"
          points 10 × job.count × job.fte
          times 1.5 when deprived(job.area)
          plus 2 × job.count × job.fte when job.target_groups includes any of all groups except school-pupil
        end
        """

    @Test func perCommitmentStepsAndSkips() throws {
        let program = try Support.program(jobs)
        let bid = Support.bid(commitments: [
            Support.job("J1", count: 3, area: "S01012220", groups: [.youngPerson]),
            Support.job("J2", rate: "13.44"),
            Support.job("J3", fte: Exact(1) / Exact(2), area: "S01011179", groups: [.schoolPupil]),
        ])
        let result = try program.evaluate(bid: bid, tender: Support.tender, areas: FakeAreas()).get()
        let line = try #require(result.explanation.score("jobs"))
        #expect(line.points == 56)
        #expect(line.items.map(\.points) == [51, 0, 5])
        #expect(line.items[1].skipReason == "below the Real Living Wage: not counted")
        #expect(line.items[1].figures.contains { $0.source == "J2 hourlyRate" && $0.text == "13.44" })
        #expect(line.items[2].steps.map(\.result) == [5, 5, 5])
        #expect(line.explanation == "2 of 3 job commitments counted: 56 points")
    }

    @Test func sumsAndCountsWithFilters() throws {
        let program = try Support.program("""
            value long_jobs = count for each job where job.weeks ≥ 52
            value posts = sum of job.count × job.fte for each job where job.weeks ≥ 52
            line l "L"
              points long_jobs + posts
            end
            """)
        let bid = Support.bid(commitments: [Support.job("J1", count: 3), Support.job("J2", weeks: 30), Support.job("J3", count: 2)])
        let result = try program.evaluate(bid: bid, tender: Support.tender, areas: nil).get()
        #expect(result.explanation.score("l")?.points == 7)
    }

    @Test func noRateInForce() throws {
        let program = try Support.program(jobs)
        let bid = Support.bid(submitted: "2024-10-23T23:30:00Z", commitments: [Support.job("J1")])
        // 23:30 UTC on 23 October 2024 is 00:30 on the 24th in London (BST): the first row is in force.
        #expect((try? program.evaluate(bid: bid, tender: Support.tender, areas: FakeAreas()).get()) != nil)
        let early = Support.bid(submitted: "2024-10-23T22:30:00Z", commitments: [Support.job("J1")])
        guard case .failure(let e) = program.evaluate(bid: early, tender: Support.tender, areas: FakeAreas()) else {
            Issue.record("expected no rate in force")
            return
        }
        #expect(e.diagnostics.map(\.id) == ["rules.no-rate-in-force"])
        #expect(e.diagnostics[0].location == Support.at(1))
    }

    @Test func overflowIsADiagnosticNotACrash() throws {
        let program = try Support.program("line l \"L\"\n  points bid.price ÷ £1 × bid.price ÷ £1\nend")
        let bid = Support.bid(price: Exact(decimal: "999999999999999999999999999999")!)
        guard case .failure(let e) = program.evaluate(bid: bid, tender: Support.tender, areas: nil) else {
            Issue.record("expected an overflow")
            return
        }
        #expect(e.diagnostics.map(\.id) == ["rules.eval.overflow"])
        #expect(e.diagnostics[0].subject == "B-1")
        #expect(e.diagnostics[0].location.file == "t.cbs")
    }

    @Test func divisionByZero() throws {
        let program = try Support.program("line l \"L\"\n  points 10 ÷ count for each job\nend")
        guard case .failure(let e) = program.evaluate(bid: Support.bid(), tender: Support.tender, areas: nil) else {
            Issue.record("expected division by zero")
            return
        }
        #expect(e.diagnostics.map(\.id) == ["rules.eval.division-by-zero"])
    }

    @Test func decileOfAMissingAreaIsAnError() throws {
        let program = try Support.program("line l \"L\" for each job\n  points decile(job.area)\nend")
        guard case .failure(let e) = program.evaluate(bid: Support.bid(commitments: [Support.job("J1")]), tender: Support.tender,
                                                      areas: FakeAreas()) else {
            Issue.record("expected an error")
            return
        }
        #expect(e.diagnostics.map(\.id) == ["rules.eval.no-area"])
    }

    @Test func missingInputRefusesTheBid() throws {
        let program = try Support.program("input quality \"Quality\" maximum 100\nline l \"L\"\n  points quality\nend")
        #expect(throws: DiagnosticsError.self) {
            try program.evaluate(bid: Support.bid(), tender: Support.tender, areas: nil).get()
        }
        let ok = try program.evaluate(bid: Support.bid(), tender: Support.tender, areas: nil, inputs: ["quality": 75]).get()
        #expect(ok.explanation.score("l")?.points == 75)
    }

    @Test func gateExplanationShowsTheOperatorThatHeld() throws {
        let program = try Support.program("gate g \"G\"\n  pass when fair_work.lowest_hourly_rate ≥ rlw\nend")
        let failed = try program.evaluate(bid: Support.bid(rate: "12.00"), tender: Support.tender, areas: nil).get()
        #expect(failed.explanation.gates.first?.explanation == "12.00 < 13.45 (RLW from 2025-10-22)")
        #expect(failed.passedGates == false)
    }

    @Test func crossBidScoresLowestPriceAndWeights() throws {
        let program = try Support.program("""
            line q "Quality"
              points 50
              maximum 100
            end
            score price "Price"
              points 100 × lowest bid.price ÷ bid.price
              maximum 100
            end
            total "Total" out of 100
              price weighted 60
              q weighted 40
            end
            ties broken by
              lower bid.price
            end
            """)
        let a = try program.evaluate(bid: Support.bid(price: 1_000_000), tender: Support.tender, areas: nil).get()
        let b = try program.evaluate(bid: Support.bid(price: 1_250_000), tender: Support.tender, areas: nil).get()
        let cross = try program.evaluateScores(ids: ["A", "B"], results: [a, b])
        #expect(cross.map(\.total) == [80, 68])
        #expect(cross[1].scores.first?.points == 80)
        #expect(cross[1].tieValues == [1_250_000])
        #expect(cross[1].scores.first?.figures.contains { $0.name == "the lowest price" && $0.source.hasPrefix("bid A") } == true)
    }
}
