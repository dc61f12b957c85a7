import Diagnostics
@testable import RulesLanguage
import Testing

/// A misspelt name anywhere in a scheme is an error at the very word, with a hint: kinds,
/// fields, target groups, named values, tables, values and lines, in every construct of
/// docs/rules-language.md. Each case names the misspelt word, which occurs once in its body;
/// the expected span is where that word stands in the file.
@Suite struct MisspeltNameTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var construct: String
        var body: String
        var word: String
        var id: String
        var hint: String?
        var testDescription: String { construct }
    }

    static let cases: [Case] = [
        // Kinds of commitment.
        Case(construct: "line … for each", body: "line x \"X\" for each jbo\n  points 1\nend", word: "jbo",
             id: "rules.check.unknown-kind", hint: "did you mean `job`?"),
        Case(construct: "points count for each", body: "line x \"X\"\n  points count for each jbo\nend", word: "jbo",
             id: "rules.check.unknown-kind", hint: "did you mean `job`?"),
        Case(construct: "points sum of … for each", body: "line x \"X\"\n  points sum of job.count for each jbo\nend", word: "jbo",
             id: "rules.check.unknown-kind", hint: "did you mean `job`?"),
        Case(construct: "plus … when count for each", body: "line x \"X\"\n  plus 1 when count for each placment > 0\nend",
             word: "placment", id: "rules.check.unknown-kind", hint: "did you mean `placement`?"),
        Case(construct: "gate pass when count", body: "gate g \"G\"\n  pass when count for each trainig > 0\nend", word: "trainig",
             id: "rules.check.unknown-kind", hint: "did you mean `training`?"),
        Case(construct: "skip when count", body: "line x \"X\" for each job\n  skip when count for each volunteerin > 1 because \"r\"\n  points 1\nend",
             word: "volunteerin", id: "rules.check.unknown-kind", hint: "did you mean `volunteering`?"),
        Case(construct: "value sum", body: "value v = sum of job.count for each jobb\n", word: "jobb",
             id: "rules.check.unknown-kind", hint: "did you mean `job`?"),
        Case(construct: "constant count", body: "constant c = count for each supply_chian\n", word: "supply_chian",
             id: "rules.check.unknown-kind", hint: "did you mean `supply_chain`?"),
        Case(construct: "score count", body: "score s \"S\"\n  points count for each aprenticeship\nend", word: "aprenticeship",
             id: "rules.check.unknown-kind", hint: "did you mean `apprenticeship`?"),
        // Fields.
        Case(construct: "skip when", body: "line x \"X\" for each job\n  skip when job.wekes < 26 because \"r\"\n  points 1\nend",
             word: "wekes", id: "rules.check.unknown-field", hint: "did you mean `job.weeks`?"),
        Case(construct: "points", body: "line x \"X\" for each job\n  points job.cuont\nend", word: "cuont",
             id: "rules.check.unknown-field", hint: "did you mean `job.count`?"),
        Case(construct: "points … when", body: "line x \"X\" for each job\n  points 1 when job.ftee > 0\nend", word: "ftee",
             id: "rules.check.unknown-field", hint: "did you mean `job.fte`?"),
        Case(construct: "times … when", body: "line x \"X\" for each job\n  points 1\n  times 2 when deprived(job.aera)\nend",
             word: "aera", id: "rules.check.unknown-field", hint: "did you mean `job.area`?"),
        Case(construct: "plus", body: "line x \"X\" for each job\n  points 1\n  plus job.cont\nend", word: "cont",
             id: "rules.check.unknown-field", hint: "did you mean `job.count`?"),
        Case(construct: "minus … when", body: "line x \"X\" for each job\n  points 1\n  minus 1 when job.hourly_rat < rlw\nend",
             word: "hourly_rat", id: "rules.check.unknown-field", hint: "did you mean `job.hourly_rate`?"),
        Case(construct: "sum of", body: "value v = sum of job.conut for each job\n", word: "conut",
             id: "rules.check.unknown-field", hint: "did you mean `job.count`?"),
        Case(construct: "sum … where", body: "value v = sum of job.count for each job where job.wekks > 1\n", word: "wekks",
             id: "rules.check.unknown-field", hint: "did you mean `job.weeks`?"),
        Case(construct: "count … where", body: "value v = count for each job where job.rol = \"x\"\n", word: "rol",
             id: "rules.check.unknown-field", hint: "did you mean `job.role`?"),
        Case(construct: "gate pass when", body: "gate g \"G\"\n  pass when bid.prise > £0\nend", word: "prise",
             id: "rules.check.unknown-field", hint: "did you mean `bid.price`?"),
        Case(construct: "gate explain", body: "gate g \"G\"\n  pass when bid.price > £0\n  explain \"price {bid.prize} here\"\nend",
             word: "prize", id: "rules.check.unknown-field", hint: "did you mean `bid.price`?"),
        Case(construct: "an object", body: "gate g \"G\"\n  pass when biddr.size is small\nend", word: "biddr",
             id: "rules.check.unknown-name", hint: "did you mean `bidder.size`?"),
        Case(construct: "score lowest", body: "score s \"S\"\n  points 100 × lowest bid.prce ÷ bid.price\n  maximum 100\nend",
             word: "prce", id: "rules.check.unknown-field", hint: "did you mean `bid.price`?"),
        Case(construct: "ties broken by", body: "ties broken by\n  lower bid.prics\nend", word: "prics",
             id: "rules.check.unknown-field", hint: "did you mean `bid.price`?"),
        Case(construct: "example commitment", body: "example \"E\"\n  job J1 cuont 1\nend", word: "cuont",
             id: "rules.check.unknown-field", hint: "did you mean `count`?"),
        Case(construct: "example bid field", body: "example \"E\"\n  bid.prise £1\nend", word: "bid.prise",
             id: "rules.check.unknown-field", hint: "did you mean `bid.price`?"),
        // Target groups and named values.
        Case(construct: "constant groups", body: "constant pg = all groups except school-pupl\n", word: "school-pupl",
             id: "rules.check.unknown-value", hint: "did you mean `school-pupil`?"),
        Case(construct: "includes any of groups", body: "line x \"X\" for each job\n  points 1 when job.target_groups includes any of groups disabld, veteran\nend",
             word: "disabld", id: "rules.check.unknown-value", hint: "did you mean `disabled`?"),
        Case(construct: "includes a group", body: "line x \"X\" for each job\n  points 1\n  plus 1 when job.target_groups includes young-persn\nend",
             word: "young-persn", id: "rules.check.unknown-name", hint: "did you mean `young-person`?"),
        Case(construct: "is", body: "line x \"X\" for each supply_chain\n  points 1 when supply_chain.kind is smee\nend", word: "smee",
             id: "rules.check.unknown-value", hint: "did you mean `sme`?"),
        Case(construct: "is one of", body: "line x \"X\" for each supply_chain\n  points 1 when supply_chain.kind is one of sme, locl\nend",
             word: "locl", id: "rules.check.unknown-value", hint: "did you mean `local`?"),
        Case(construct: "example groups", body: "example \"E\"\n  job J1 target_groups young-persn\nend", word: "young-persn",
             id: "rules.check.unknown-value", hint: "did you mean `young-person`?"),
        Case(construct: "example level", body: "example \"E\"\n  apprenticeship A1 level moden\nend", word: "moden",
             id: "rules.check.unknown-value", hint: "did you mean `modern`?"),
        Case(construct: "example kind", body: "example \"E\"\n  supply_chain S1 kind smee amount £1\nend", word: "smee",
             id: "rules.check.unknown-value", hint: "did you mean `sme`?"),
        Case(construct: "example bidder size", body: "example \"E\"\n  bidder.size smal\nend", word: "smal",
             id: "rules.check.unknown-value", hint: "did you mean `small`?"),
        // Tables, values, lines.
        Case(construct: "a table", body: "gate g \"G\"\n  pass when fair_work.lowest_hourly_rate ≥ rlww\nend", word: "rlww",
             id: "rules.check.unknown-name", hint: "did you mean `rlw`?"),
        Case(construct: "a value", body: "value weeks_offered = 1\ngate g \"G\"\n  pass when weeks_offerd > 0\nend", word: "weeks_offerd",
             id: "rules.check.unknown-name", hint: "did you mean `weeks_offered`?"),
        Case(construct: "a value in explain", body: "value offered = 1\ngate g \"G\"\n  pass when offered > 0\n  explain \"{ofered}\"\nend",
             word: "ofered", id: "rules.check.unknown-name", hint: "did you mean `offered`?"),
        Case(construct: "a line", body: "line apples \"A\"\n  points 1\nend\nline b \"B\"\n  points aples + 1\nend", word: "aples",
             id: "rules.check.unknown-name", hint: "did you mean `apples`?"),
        Case(construct: "a total row", body: "line apples \"A\"\n  points 1\n  maximum 10\nend\ntotal \"T\" out of 10\n  aples\nend",
             word: "aples", id: "rules.check.unknown-name", hint: "did you mean `apples`?"),
        Case(construct: "example expect", body: "line apples \"A\"\n  points 1\nend\nexample \"E\"\n  expect aples 1\nend", word: "aples",
             id: "rules.check.unknown-name", hint: "did you mean `apples`?"),
        Case(construct: "example expect gate", body: "gate pricey \"G\"\n  pass when bid.price > £0\nend\nexample \"E\"\n  expect gate pricy passes\nend",
             word: "pricy", id: "rules.check.unknown-name", hint: "did you mean `pricey`?"),
        Case(construct: "example area index", body: "example \"E\"\n  area S01012220 is SIMD 2020v3 rank 523\nend", word: "area",
             id: "rules.check.unknown-value", hint: "did you mean `SIMD 2020v2`?"),
    ]

    /// Line and column (1-based, in characters) of the first occurrence of `word` in `body`.
    static func position(of word: String, in body: String) -> (line: Int, column: Int) {
        let text = Support.header + body
        let range = text.range(of: word, range: text.index(text.startIndex, offsetBy: Support.header.count)..<text.endIndex)!
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return (line, column)
    }

    @Test(arguments: MisspeltNameTests.cases)
    func reportedAtTheWord(_ c: Case) throws {
        #expect(c.body.components(separatedBy: c.word).count == 2, "the word occurs once")
        let errors = Support.diagnostics(c.body).filter { $0.severity == .error }
        // One error: the misspelt word, never a second one caused by it.
        #expect(errors.count == 1, "\(errors.map(\.description))")
        let d = try #require(errors.first)
        let (line, column) = Self.position(of: c.word, in: c.body)
        #expect(d.id == c.id)
        #expect(d.span.start.file == "t.cbs")
        #expect(d.span.start.line == line && d.span.start.column == column, "\(d.description)")
        if c.word != "area" { #expect(d.span.length == c.word.count, "\(d.description)") }
        #expect(d.hint == c.hint)
    }

    /// The three silent cases of issue 12: each now refuses the scheme.
    @Test func theIssueCasesNoLongerPass() {
        for body in ["line x \"X\"\n  points count for each jbo\nend",
                     "line x \"X\"\n  points sum of job.count for each jbo\nend",
                     "line x \"X\"\n  plus 1 when count for each placment > 0\nend"] {
            #expect((try? Support.program(body)) == nil, "\(body)")
        }
    }

    /// A value whose expression has an error is reported there, once; its uses say nothing more.
    @Test func aBrokenValueIsReportedWhereItIsOnly() {
        let body = "value v = sum of job.count for each jbo\nline x \"X\"\n  points v\nend\ngate g \"G\"\n  pass when v > 0\nend"
        let errors = Support.diagnostics(body).filter { $0.severity == .error }
        #expect(errors.map(\.id) == ["rules.check.unknown-kind"])
        #expect(errors.first?.span.start.line == Self.position(of: "jbo", in: body).line)
    }

    @Test func aFixedFigureThatIsNotANumberIsAnError() {
        for (body, word) in [("input q \"Q\" maximum yes\n", "yes"),
                             ("line a \"A\"\n  points 1\n  maximum 10\nend\ntotal \"T\" out of \"ten\"\n  a\nend", "\"ten\""),
                             ("line a \"A\"\n  points 1\n  maximum 10\nend\ntotal \"T\" out of 10\n  a weighted no\nend", "no\n")] {
            let errors = Support.diagnostics(body).filter { $0.severity == .error }
            #expect(errors.map(\.id) == ["rules.check.not-constant"], "\(errors.map(\.description))")
            let (line, column) = Self.position(of: word, in: body)
            #expect(errors.first?.span.start.line == line && errors.first?.span.start.column == column)
        }
    }
}
