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

    func open() throws -> EvaluationStore {
        let path = db ?? EvaluationStore.defaultPath(environment: ProcessInfo.processInfo.environment)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return try EvaluationStore.sqlite(path: path)
    }
}

/// An argument that is a date, `YYYY-MM-DD`.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}



/// Writes `text` to `path`, or to stdout when nil.
func emit(_ text: String, to path: String?) throws {
    if let path {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } else {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
