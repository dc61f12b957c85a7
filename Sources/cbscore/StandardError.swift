import Foundation

/// Writes one line to standard error (diagnostics go there; results go to standard output).
/// `write(contentsOf:)` throws where `write(_:)` would trap (a closed pipe, an interrupted call).
func printError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}
