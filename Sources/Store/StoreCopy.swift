extension EvaluationStore {
    /// Copies every row of this store into `destination`, ids, hashes and history included, in
    /// one transaction there: a team moving from one person's file to a shared server keeps
    /// everything. `destination` must hold no contracts, users, tenders or log yet. Returns
    /// the rows copied per table.
    public func copy(to destination: EvaluationStore) async throws -> [(table: String, rows: Int)] {
        // Read everything first, in one read transaction: a consistent picture of the source.
        let tables = try await backend.read { tx in
            try StoreTables.copied.map { spec in
                (spec.table, spec.columns, try tx.rows(
                    "SELECT \(spec.columns.joined(separator: ", ")) FROM \(spec.table) ORDER BY \(spec.order)", []))
            }
        }
        return try await destination.backend.write { tx in
            for (table, _, _) in tables {
                if try tx.row("SELECT 1 FROM \(table) LIMIT 1") != nil {
                    throw StoreError.unusable("the destination store is not empty (table \(table) has rows); nothing copied")
                }
            }
            var counts: [(table: String, rows: Int)] = []
            for (table, columns, rows) in tables {
                let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))"
                for row in rows { try tx.execute(sql, row.values) }
                counts.append((table, rows.count))
            }
            if tx.dialect == .postgres {
                // Ids the database hands out next must follow the copied ones.
                for table in StoreTables.identities {
                    try tx.execute("""
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)
                        """)
                }
            }
            return counts
        }
    }
}
