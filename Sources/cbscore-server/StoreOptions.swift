import ArgumentParser
import Foundation
import Store
import StorePostgres

/// `--db PATH` (a SQLite file, the embedded default) or `--database-url URL` (PostgreSQL).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store as a SQLite file.",
        discussion: "Default: $CBSCORE_DB, else $XDG_DATA_HOME/cbscore/monitoring.sqlite, else ~/.local/share/cbscore/monitoring.sqlite."))
    var db: String?

    @Option(name: .customLong("database-url"), help: "The store on a PostgreSQL server: postgres://USER@HOST:PORT/DATABASE.")
    var databaseURL: String?

    func validate() throws {
        if db != nil && databaseURL != nil { throw ValidationError("give --db or --database-url, not both") }
    }

    /// Opens the store and brings its schema up to date.
    func open() throws -> EvaluationStore {
        if let databaseURL { return EvaluationStore(backend: try PostgresBackend(url: databaseURL)) }
        return try Self.openSQLite(db ?? EvaluationStore.defaultPath(environment: ProcessInfo.processInfo.environment))
    }

    static func openSQLite(_ path: String) throws -> EvaluationStore {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return try EvaluationStore.sqlite(path: path)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
