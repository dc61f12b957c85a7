import Foundation
import Store

/// Versioned migrations of the PostgreSQL store, recorded in `cbscore_migrations`. A shipped
/// migration is never edited: changes are new entries.
enum PostgresSchema {
    /// Each migration's SQL, then the work it does in code (in the same transaction).
    static let migrations: [(id: String, sql: String, code: (@Sendable (any SQLTransaction) throws -> Void)?)] = [
        ("v1", StoreTables.postgresV1, nil),
        // The annual report (SQLite v5): award facts, qualifications, background answers.
        ("v2", StoreTables.postgresV2, { tx in try AwardFactsMigration.fill(in: tx) }),
        // Contracts withdrawn after award (SQLite v6).
        ("v3", StoreTables.postgresV3, nil),
    ]

    static func applied(in tx: any SQLTransaction) throws -> [String] {
        guard try tx.row("SELECT to_regclass('cbscore_migrations') IS NOT NULL")?.bool(0) == true else { return [] }
        return try tx.rows("SELECT id FROM cbscore_migrations ORDER BY applied_order", []).map { try $0.text(0) }
    }

    /// Applies what is missing, in one transaction, under an advisory lock so that servers
    /// starting together migrate once; refuses a database a newer version has migrated.
    static func migrate(_ backend: PostgresBackend) throws {
        try backend.transaction(readOnly: false) { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(7311200215)")
            try tx.execute("""
                CREATE TABLE IF NOT EXISTS cbscore_migrations (
                    id TEXT PRIMARY KEY, applied_order INTEGER NOT NULL, applied_at TEXT NOT NULL)
                """)
            let done = try applied(in: tx)
            let unknown = done.filter { id in !migrations.contains { $0.id == id } }
            guard unknown.isEmpty else { throw StoreError.newerVersion(migrations: unknown) }
            for (order, migration) in migrations.enumerated() where !done.contains(migration.id) {
                // One statement per query: the extended protocol takes no more.
                for statement in migration.sql.components(separatedBy: ";\n")
                    where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try tx.execute(statement)
                }
                try migration.code?(tx)
                try tx.execute("INSERT INTO cbscore_migrations (id, applied_order, applied_at) VALUES (?, ?, ?)",
                               [migration.id, order + 1, EvaluationStore.utcNow()])
            }
        }
    }
}
