import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB (WAL, versioned migrations, one write
/// transaction at a time; a second process waits for the first, up to a minute, instead of
/// failing).
public final class SQLiteBackend: StoreBackend {
    public let path: String
    let pool: DatabasePool
    public var dialect: SQLDialect { .sqlite }
    public var location: String { path }

    /// Opens (creating when needed) the file at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            // WAL survives a killed process with every committed transaction; NORMAL only
            // risks the last commits on power loss, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        // A newer version's store may keep data this one would not keep up to date (the
        // delivery summaries are rewritten by every import): refuse it rather than drift.
        let migrator = SQLiteSchema.migrator
        let unknown = try pool.read { db in
            try migrator.appliedIdentifiers(db).filter { id in !migrator.migrations.contains(id) }
        }
        guard unknown.isEmpty else { throw StoreError.newerVersion(migrations: unknown.sorted()) }
        try migrator.migrate(pool)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(GRDBTransaction(db: db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(GRDBTransaction(db: db)) }
    }

    /// The same, blocking the caller: for migrations and tests that hold no async context.
    public func writeNow<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
        try pool.write { db in try body(GRDBTransaction(db: db)) }
    }

    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    public func close() async throws { try pool.close() }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// A GRDB connection inside its transaction.
struct GRDBTransaction: SQLTransaction {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        // Cached statements: an import runs the same few statements for every item, and
        // preparing them (GRDB's authorizer walks every column) cost more than running them.
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for value in row.databaseValues {
                switch value.storage {
                case .null: values.append(.null)
                case .int64(let n): values.append(.integer(n))
                case .string(let s): values.append(.text(s))
                case .blob(let d): values.append(.blob([UInt8](d)))
                case .double: throw StoreError.corrupt("floating-point value (the store keeps none)")
                }
            }
            try body(SQLRow(values))
        }
    }

    static func arguments(_ arguments: [any SQLArgument]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> (any DatabaseValueConvertible)? in
            switch argument.sqlValue {
            case .null: nil
            case .integer(let n): n
            case .text(let t): t
            case .blob(let b): Data(b)
            }
        })
    }
}
