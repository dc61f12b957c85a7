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

    @Option(name: .customLong("areas"),
            help: "A deprivation table to look areas up in, beyond those the examples declare (repeatable; also CBSCORE_AREAS, colon-separated).")
    var areaPaths: [String] = []

    func run() throws {
        var paths = areaPaths
        if paths.isEmpty, let env = ProcessInfo.processInfo.environment["CBSCORE_AREAS"], !env.isEmpty {
            paths = env.split(separator: ":").map(String.init)
        }
        let areas = try AreaTables.load(paths)
        var failed = 0
        var passed = 0
        for path in schemes {
            let scheme: Scheme
            do {
                scheme = try Scheme.load(path: path)
            } catch {
                for d in error.diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
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
