import ArgumentParser
import Areas
import Documents
import Foundation
import Hashing
import Monitoring
import Reports
import Scoring
import Store

/// Options every monitoring command shares: where the store is, where the area tables are.
struct MonitorStoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store (a SQLite file).",
        discussion: "Default: $CBSCORE_DB, else $XDG_DATA_HOME/cbscore/monitoring.sqlite, else ~/.local/share/cbscore/monitoring.sqlite."))
    var db: String?

    var path: String { db ?? EvaluationStore.defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// Opens the store. Only a command that writes (`contracts award`, `returns import`,
    /// `store init`) passes `creating`: a reading command on a path with no store would
    /// otherwise make an empty one and report "no contracts", hiding a mistyped path.
    func open(creating: Bool = false) throws -> EvaluationStore {
        let path = self.path
        if !FileManager.default.fileExists(atPath: path) {
            guard creating else {
                throw DiagnosticsError([Diagnostic(
                    StoreDiagnostic.missing, at: SourceLocation(commandLine: db == nil ? "the default store \(path)" : "--db \(path)"),
                    message: "no store here, so there is nothing to read (no contract has been awarded into it)",
                    hint: "check the path (or CBSCORE_DB); `cbscore store init --db PATH` creates an empty store, and so do `contracts award` and `returns import`")])
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        return try EvaluationStore.sqlite(path: path)
    }
}

/// An argument that is a date, `YYYY-MM-DD`.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}



/// Writes `text` to `path` (a file that cannot be written is named, in words), or to stdout
/// when nil.
func emit(_ text: String, to path: String?) throws {
    do {
        try CommandOutput.emit(text, to: path)
    } catch let failure as CommandFailure {
        throw DiagnosticsError(failure.diagnostics)
    }
}
