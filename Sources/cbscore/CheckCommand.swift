import ArgumentParser
import Diagnostics
import Foundation
import Scoring

/// `cbscore check SCHEME...`: parse and check scheme files, print every diagnostic with the
/// source line and a caret, exit non-zero when any file has an error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scheme files for errors: unknown names, unit errors, rules that can never fire, weights that do not add up."
    )

    @Argument(help: "Scheme files (.cbs).")
    var schemes: [String]

    func run() throws {
        var failed = false
        for path in schemes {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                printError("\(path):1:1: cannot read the scheme file")
                failed = true
                continue
            }
            let diagnostics = Scheme.diagnose(source: text, file: path)
            printDiagnostics(diagnostics, texts: [path: text])
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if errors > 0 { failed = true }
            print("\(path): \(errors == 0 ? "ok" : "failed") (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"))")
        }
        if failed { throw ExitCode.failure }
    }
}
