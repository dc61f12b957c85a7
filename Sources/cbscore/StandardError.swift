import Diagnostics
import Foundation

/// Writes one line to standard error (diagnostics go there; results go to standard output).
/// `write(contentsOf:)` throws where `write(_:)` would trap (a closed pipe, an interrupted call).
func printError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}

/// Prints diagnostics on stderr in report order through the one formatter: each as
/// `FILE:LINE:COLUMN: message`, its source line with a caret, and its hint. `texts` are
/// sources already in hand (a scheme being checked); other files are read from disk.
func printDiagnostics(_ diagnostics: [Diagnostic], texts: [String: String] = [:]) {
    guard !diagnostics.isEmpty else { return }
    printError(DiagnosticFormatter(texts: texts).format(diagnostics.sortedForReport()))
}
