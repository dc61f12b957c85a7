import Foundation

/// Writes one line to standard error (diagnostics go there; results go to standard output).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
