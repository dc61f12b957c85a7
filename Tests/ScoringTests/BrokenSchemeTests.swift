import Diagnostics
import Foundation
import Scoring
import Testing

/// A copy of the reference scheme with the mistakes an officer editing it might make.
@Suite struct BrokenSchemeTests {
    static func reference() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("rules/gcr-2026.cbs")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func broken() throws -> String {
        var text = try reference()
        text = text.replacingOccurrences(of: "skip when job.hourly_rate < real_living_wage", with: "skip when job.hourly_rat < real_living_wage")
        text = text.replacingOccurrences(of: "points volunteering.hours ÷ 50", with: "points volunteering.hours ÷ 50 + £5")
        text = text.replacingOccurrences(of: "  cap 15                                        # illustrative default\nend",
                                         with: "  cap 15                                        # illustrative default\n")
        return text
    }

    @Test func givesTheDiagnosticsAReaderNeeds() throws {
        let text = try BrokenSchemeTests.broken()
        let diagnostics = Scheme.diagnose(source: text, file: "rules/gcr-2026.cbs")
        let rendered = DiagnosticFormatter(texts: ["rules/gcr-2026.cbs": text]).format(diagnostics)
        #expect(diagnostics.map(\.id) == ["rules.check.unknown-field", "rules.parse.missing-end", "rules.check.unit"], "\(rendered)")
        #expect(rendered == """
            rules/gcr-2026.cbs:78:17: a job has no field `hourly_rat`
                skip when job.hourly_rat < real_living_wage because "below the Real Living Wage: not counted"
                              ^^^^^^^^^^
              hint: did you mean `job.hourly_rate`?
            rules/gcr-2026.cbs:97:1: line `training` opened at line 97 has no `end` before `line`
              line training "Training" for each training
              ^^^^
              hint: add `end` on its own line before line 102
            rules/gcr-2026.cbs:109:10: cannot add money (£) to a number of hours
                points volunteering.hours ÷ 50 + £5   # illustrative default: 1 per 50 hours
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              hint: money is not points: divide the amount by a sum of money first, e.g. `amount ÷ £20,000`
            """)
    }

    @Test func loadThrowsEveryError() throws {
        let text = try BrokenSchemeTests.broken()
        #expect(throws: DiagnosticsError.self) { try Scheme.parse(source: text, file: "x.cbs") }
        do {
            _ = try Scheme.parse(source: text, file: "x.cbs")
        } catch {
            #expect(error.diagnostics.count == 3)
        }
    }
}
