import Foundation
import Testing

@Suite struct CheckAndTestCommandTests {
    func temporaryScheme(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-\(UUID().uuidString).cbs").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func shippedSchemesAreClean() throws {
        let output = try CLI.run(["check", "rules/gcr-2026.cbs", "rules/award-price-quality-cb.cbs"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(output.stdout == """
            rules/gcr-2026.cbs: ok (0 errors, 0 warnings)
            rules/award-price-quality-cb.cbs: ok (0 errors, 0 warnings)

            """)
    }

    @Test func checkPrintsEveryDiagnosticWithACaretAndFails() throws {
        let path = try temporaryScheme("scheme \"S\"\nline jobs \"Jobs\" for each job\n  points job.hourlyRate\n  cap 10\ntotal \"T\" out of 10\n  jobs\nend\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try CLI.run(["check", path])
        #expect(output.status == 1)
        #expect(output.stderr == """
            \(path):2:1: line `jobs` opened at line 2 has no `end` before `total`
              line jobs "Jobs" for each job
              ^^^^
              hint: add `end` on its own line before line 5
            \(path):3:14: a job has no field `hourlyRate`
                points job.hourlyRate
                           ^^^^^^^^^^
              hint: did you mean `job.hourly_rate`?

            """)
        #expect(output.stdout == "\(path): failed (2 errors, 0 warnings)\n")
    }

    @Test func examplesOfTheShippedSchemesPass() throws {
        let output = try CLI.run(["test", "rules/gcr-2026.cbs", "rules/award-price-quality-cb.cbs"])
        #expect(output.status == 0)
        #expect(output.stdout.hasSuffix("14 passed, 0 failed\n"))
        #expect(output.stdout.contains("PASS rules/gcr-2026.cbs:148:1: The worked example of reference-scheme.md: 72 points (6 expectations)"))
    }

    @Test func aFailingExampleShowsExpectedAndGot() throws {
        let path = try temporaryScheme("""
            scheme "S"
            line jobs "Jobs" for each job
              points 10 × job.count
            end
            example "Two jobs"
              job J1 count 2
              expect jobs 30
            end
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try CLI.run(["test", path])
        #expect(output.status == 1)
        #expect(output.stdout == """
            FAIL \(path):5:1: Two jobs
              \(path):7:3: jobs: expected 30, got 20
            0 passed, 1 failed

            """)
    }
}
