import Diagnostics
@testable import RulesLanguage
import Testing

@Suite struct ParserTests {
    @Test func readsTheBlocksOfAScheme() throws {
        let (file, diagnostics) = Parser.parse("""
            scheme "S"
            version "1"
            source "somewhere"
            table rlw "Real Living Wage" short RLW in £ per hour
              £13.45 from 2025-10-22
            end
            constant groups_wanted = all groups except school-pupil
            value pw "person-weeks" = sum of job.count × job.weeks for each job
            gate g "Gate"
              pass when pw ≥ 10
              explain "offers {pw}"
            end
            line jobs "Jobs" for each job
              skip when job.weeks < 26 weeks because "too short"
              points 10 × job.count when job.weeks ≥ 52 weeks
              points 5 otherwise
              times 1.5 when job.area is deprived
              plus 2 when job.target_groups includes any of groups_wanted because "priority"
              cap 30
            end
            score rel "Relative"
              points 80 × jobs ÷ highest jobs
              maximum 80
            end
            total "Total" out of 80
              rel
            end
            ties broken by
              more jobs
              bid.id
            end
            """, file: "s.cbs")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(file.name == "S" && file.version == "1" && file.source == "somewhere")
        #expect(file.tables.first?.unit == "£ per hour" && file.tables.first?.short == "RLW")
        #expect(file.gates.first?.explain == "offers {pw}")
        let jobs = try #require(file.lines.first)
        #expect(jobs.each == "job" && jobs.clauses.count == 6)
        #expect(file.lines[1].crossBid)
        #expect(file.total?.rows.map(\.name) == ["rel"])
        #expect(file.ties.map(\.direction) == ["more", nil])
        if case .points(let e, let when, false, _) = jobs.clauses[1] {
            #expect(e.text == "10 × job.count")
            #expect(when?.text == "job.weeks ≥ 52 weeks")
        } else {
            Issue.record("expected a points row")
        }
    }

    @Test func precedenceOfOperators() throws {
        let (file, _) = Parser.parse("value v = 1 + 2 × 3 - 4 ÷ 2 > 0 and not 1 < 2 or yes", file: "s.cbs")
        #expect(file.named.first?.expr?.text == "1 + 2 × 3 - 4 ÷ 2 > 0 and not 1 < 2 or yes")
        if case .or(let l, _)? = file.named.first?.expr?.kind, case .and(let c, _) = l.kind, case .compare(">", let sum, _) = c.kind,
           case .arithmetic("-", let plus, _) = sum.kind, case .arithmetic("+", _, let times) = plus.kind {
            #expect(times.text == "2 × 3")
        } else {
            Issue.record("unexpected tree")
        }
    }

    @Test func aUnitWordOnTheNextLineIsAClause() throws {
        let (file, diagnostics) = Parser.parse("line l \"L\" for each placement\n  cap 10\n  points placement.count\nend", file: "s.cbs")
        #expect(diagnostics.isEmpty)
        #expect(file.lines.first?.clauses.count == 2)
    }

    @Test func examplesReadFixturesAndExpectations() throws {
        let (file, diagnostics) = Parser.parse("""
            example "E"
              area W01000856 is WIMD 2019 rank 382
              bid B-2
              bid.price £2,310,000
              job J1 count 3 fte 0.5 weeks 52 hourly_rate £13.60 target_groups young-person, disabled
              expect B-2 jobs 80 × 72 ÷ 90
              expect gate g passes
              expect jobs skips J1 "too short"
              expect refused "no rate"
              expect B-2 rank 1
            end
            """, file: "s.cbs")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let items = try #require(file.examples.first?.items)
        #expect(items.count == 9)
        if case .area(let code, let index, let rank, nil, _) = items[0] {
            #expect(code == "W01000856" && index == "WIMD 2019" && rank == 382)
        } else {
            Issue.record("expected an area")
        }
        if case .commitment("job", "J1", let fields, _) = items[3] {
            #expect(fields.map(\.0) == ["count", "fte", "weeks", "hourly_rate", "target_groups"])
        } else {
            Issue.record("expected a job")
        }
        if case .expect(let e) = items[4] {
            #expect(e.bid == "B-2")
        }
    }

    static let errors: [(String, String)] = [
        ("gate g \"G\"\n  pass pw > 1\nend", "rules.parse.expected"),
        ("line \"Jobs\"\n  points 1\nend", "rules.parse.expected-name"),
        ("line jobs for each job\n  points 1\nend", "rules.parse.expected-text"),
        ("table t \"T\"\n  1 from soon\nend", "rules.parse.expected-date"),
        ("line x \"X\"\n  points when\nend", "rules.parse.expected-value"),
        ("lin jobs \"Jobs\"", "rules.parse.unexpected"),
        ("line x \"X\"\n  points 1\nline y \"Y\"\n  points 2\nend", "rules.parse.missing-end"),
        ("line x \"X\"\n  points 1", "rules.parse.missing-end"),
        ("end", "rules.parse.stray-end"),
        ("gate g \"G\"\n  pass when 1 > 0\n  pass when 2 > 0\nend", "rules.parse.duplicate"),
        ("gate g \"G\"\nend", "rules.parse.gate-without-pass"),
        ("line x \"X\"\n  pints 1\nend", "rules.parse.unexpected"),
    ]

    @Test(arguments: ParserTests.errors)
    func eachParseDiagnostic(source: String, id: String) {
        let (_, diagnostics) = Parser.parse("scheme \"S\"\n" + source, file: "s.cbs")
        #expect(diagnostics.map(\.id).contains(id), "\(diagnostics)")
    }

    @Test func missingEndPointsAtTheOpeningAndSaysWhereToClose() throws {
        let (_, diagnostics) = Parser.parse("line x \"X\"\n  points 1\nline y \"Y\"\n  points 2\nend", file: "s.cbs")
        let d = try #require(diagnostics.first)
        #expect(d.id == "rules.parse.missing-end")
        #expect(d.location == SourceLocation(file: "s.cbs", line: 1, column: 1))
        #expect(d.message == "line `x` opened at line 1 has no `end` before `line`")
        #expect(d.hint == "add `end` on its own line before line 3")
    }

    @Test func misspeltClauseGetsASuggestion() throws {
        let (_, diagnostics) = Parser.parse("line x \"X\"\n  pints 1\nend", file: "s.cbs")
        #expect(diagnostics.first?.hint == "did you mean `points`?")
    }

    @Test func reportsEveryErrorOfTheFile() {
        let (_, diagnostics) = Parser.parse("lin a\nline \"B\"\n  points 1\nend\nend\ngate g \"G\"\nend", file: "s.cbs")
        #expect(diagnostics.map(\.id) == ["rules.parse.unexpected", "rules.parse.expected-name", "rules.parse.stray-end",
                                          "rules.parse.gate-without-pass"])
    }
}
