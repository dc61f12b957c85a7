import ArgumentParser
import Areas
import Diagnostics
import Foundation
import Scoring

/// `cbscore test SCHEME...`: run the examples written inside scheme files, like `opa test`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples inside scheme files and report each as passed or failed."
    )

    @Argument(help: "Scheme files (.cbs).")
    var schemes: [String]

    @OptionGroup var areaOptions: AreaOptions

    func run() throws {
        // Examples declare their areas inline, so tables are loaded only when named.
        let named = AreaDirectory.resolvePaths(options: areaOptions.areas, environment: ProcessInfo.processInfo.environment)
        let areas: (any AreaLookup)? = named.isEmpty ? nil : try areaOptions.loadDirectory()
        var failed = 0
        var passed = 0
        for path in schemes {
            let scheme: Scheme
            do {
                scheme = try Scheme.load(path: path)
            } catch {
                printDiagnostics(error.diagnostics)
                failed += 1
                continue
            }
            let outcomes = scheme.runExamples(areas: areas)
            for o in outcomes {
                if o.passed {
                    passed += 1
                    print("PASS \(o.location): \(o.title) (\(o.checked) expectation\(o.checked == 1 ? "" : "s"))")
                } else {
                    failed += 1
                    print("FAIL \(o.location): \(o.title)")
                    for f in o.failures { print("  \(f)") }
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }
}
