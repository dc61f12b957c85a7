import Documents
import Foundation
import GRDB

/// The monitoring store: contracts, returns with their history, and the import log, in one
/// SQLite file (WAL, versioned migrations, one transaction per imported file).
public final class MonitoringStore: Sendable {
    public let path: String
    let pool: DatabasePool
    /// The time written in the import log and on rows, `YYYY-MM-DDThh:mm:ssZ`.
    let now: @Sendable () -> String

    /// Opens (creating when needed) the store at `path` and brings its schema up to date.
    public init(path: String, now: @escaping @Sendable () -> String = MonitoringStore.utcNow) throws {
        self.path = path
        self.now = now
        var config = Configuration()
        // Another process importing at the same moment makes us wait, not fail.
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            // WAL survives a killed process with every committed transaction; NORMAL only
            // risks the last commits on power loss, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        // A newer version's store may keep data this one would not keep up to date (v2's
        // delivery summaries are rewritten by every import): refuse it rather than drift.
        let migrator = StoreSchema.migrator
        let unknown = try pool.read { db in
            try migrator.appliedIdentifiers(db).filter { id in !migrator.migrations.contains(id) }
        }
        guard unknown.isEmpty else { throw StoreError.newerVersion(migrations: unknown.sorted()) }
        try migrator.migrate(pool)
    }

    /// `--db` wins, then `CBSCORE_DB`, then `$XDG_DATA_HOME/cbscore/monitoring.sqlite`, then
    /// `~/.local/share/cbscore/monitoring.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["CBSCORE_DB"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/cbscore/monitoring.sqlite" }
        return (environment["HOME"] ?? ".") + "/.local/share/cbscore/monitoring.sqlite"
    }

    @Sendable public static func utcNow() -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        let day = CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let s = seconds - day.daysSinceEpoch * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}
