import Diagnostics
@testable import RulesLanguage
import Testing

@Suite struct CheckerTests {
    static let errors: [(String, String)] = [
        ("line x \"X\"\n  points rlww\nend", "rules.check.unknown-name"),
        ("line x \"X\" for each job\n  points job.hourlyRate\nend", "rules.check.unknown-field"),
        ("line x \"X\"\n  points bid.price + 2 points\nend", "rules.check.unit"),
        ("line x \"X\" for each job\n  skip when job.hourly_rate < job.count because \"r\"\n  points 1\nend", "rules.check.unit"),
        ("line x \"X\" for each supply_chain\n  points supply_chain.amount\nend", "rules.check.type"),
        ("line x \"X\" for each job\n  points 1\n  points 2 when job.weeks > 52\nend", "rules.check.never-fires"),
        ("line x \"X\" for each job\n  points 12 × job.count\n  cap 5\nend", "rules.check.cap-below-item"),
        ("line a \"A\"\n  points 1\n  cap 20\nend\nline b \"B\"\n  points 1\n  cap 20\nend\ntotal \"T\" out of 100\n  a\n  b\nend",
         "rules.check.weights"),
        ("line a \"A\"\n  points 1\n  maximum 10\nend\ntotal \"T\" out of 100\n  a weighted 60\nend", "rules.check.weights"),
        ("table t \"T\"\n  1 from 2025-04-01\n  2 from 2024-04-01\nend", "rules.check.table-overlap"),
        ("line x \"X\"\n  points job.count\nend", "rules.check.out-of-scope"),
        ("line x \"X\"\n  points highest bid.price ÷ £1\nend", "rules.check.cross-bid"),
        ("value a = b + 1\nvalue b = 2", "rules.check.used-before-declared"),
        ("line x \"X\" for each jobs\n  points 1\nend", "rules.check.unknown-kind"),
        ("line x \"X\" for each supply_chain\n  points 1 when supply_chain.kind is smee\nend", "rules.check.unknown-value"),
        ("constant c = bid.price", "rules.check.not-constant"),
        ("line x \"X\"\n  points 1\nend\nline x \"X\"\n  points 1\nend", "rules.check.duplicate"),
        ("constant job = 1", "rules.check.reserved"),
        ("gate g \"G\"\n  pass when bid.price > £0\n  explain \"{bid.price +}\"\nend", "rules.check.template"),
        ("table t \"T\" in furlongs\n  1 from 2025-04-01\nend", "rules.check.unknown-unit"),
        ("line x \"X\"\n  points 1 when bid.price\nend", "rules.check.type"),
        ("line x \"X\"\n  times £2\nend", "rules.check.type"),
        ("score s \"S\" for each job\n  points 1\nend", "rules.check.score-each"),
        ("line a \"A\"\n  points 1\nend\ntotal \"T\" out of 10\n  a weighted 10\nend", "rules.check.weight-without-maximum"),
        ("line x \"X\"\n  cap 1\nend", "rules.check.no-points"),
        ("line x \"X\"\n  points fair_work.lowest_hourly_rate > £12\nend", "rules.check.unit"),
        ("constant c = 1 ÷ 0", "rules.check.arithmetic"),
    ]

    @Test(arguments: CheckerTests.errors)
    func eachCheckDiagnostic(body: String, id: String) {
        let diagnostics = Support.diagnostics(body)
        #expect(diagnostics.map(\.id).contains(id), "\(diagnostics.map(\.description))")
    }

    @Test func unknownFieldSuggestsTheSnakeCaseName() throws {
        let d = try #require(Support.diagnostics("line x \"X\" for each job\n  points job.hourlyRate\nend").first)
        #expect(d.message == "a job has no field `hourlyRate`")
        #expect(d.hint == "did you mean `job.hourly_rate`?")
        #expect(d.span.start.line == 7 && d.span.start.column == 14 && d.span.length == 10)
    }

    @Test func unknownNameSuggestsTheNearestName() throws {
        let d = try #require(Support.diagnostics("line x \"X\"\n  points rlww\nend").first)
        #expect(d.hint == "did you mean `rlw`?")
    }

    @Test func moneyPlusPointsSaysWhy() throws {
        let d = try #require(Support.diagnostics("line x \"X\"\n  points bid.price + 2 points\nend").first)
        #expect(d.message == "cannot add points to money (£)")
        #expect(d.span.length == "bid.price + 2 points".count)
    }

    @Test func rateComparedWithACount() throws {
        let d = try #require(Support.diagnostics(
            "line x \"X\" for each job\n  skip when job.hourly_rate < job.count because \"r\"\n  points 1\nend").first)
        #expect(d.message == "cannot compare an hourly rate (£ per hour) with a number of count")
    }

    @Test func aRateComparedWithAnAmountGetsAHint() throws {
        let d = try #require(Support.diagnostics("line x \"X\"\n  points 1 when fair_work.lowest_hourly_rate > £12\nend").first)
        #expect(d.hint == "write an hourly rate as `£12.21 per hour`")
    }

    @Test func comparisonsOutsideAFieldsRangeCanNeverFire() {
        let diagnostics = Support.diagnostics("line x \"X\" for each job\n  skip when job.weeks < 1 because \"r\"\n  points 1\nend")
        #expect(diagnostics.map(\.id) == ["rules.check.never-fires", "rules.check.no-total"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func warningsDoNotStopTheScheme() throws {
        let program = try Support.program("line x \"X\" for each job\n  skip when job.weeks < 1 because \"r\"\n  points 1\nend")
        #expect(program.lineIDs == ["x"])
    }

    @Test func constantsFold() throws {
        let program = try Support.program("constant a = 2 × 3 + 1\nline x \"X\"\n  points a\nend")
        let result = try program.evaluate(bid: Support.bid(), tender: Support.tender, areas: nil).get()
        #expect(result.explanation.score("x")?.points == 7)
    }

    @Test func aSchemeWithoutANameIsAnError() {
        let diagnostics = Support.diagnostics("line x \"X\"\n  points 1\nend", header: "")
        #expect(diagnostics.map(\.id).contains("rules.check.no-name"))
    }
}
