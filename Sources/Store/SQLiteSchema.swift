import GRDB

/// Versioned migrations of the SQLite store. A migration, once shipped, is never edited:
/// later changes are new migrations (docs/store.md, "Migrations").
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE contracts (
                    id TEXT PRIMARY KEY NOT NULL,
                    supplier TEXT NOT NULL,
                    bid_id TEXT NOT NULL,
                    tender_id TEXT NOT NULL,
                    start TEXT NOT NULL,
                    end TEXT NOT NULL,
                    bid_file TEXT NOT NULL,
                    bid_sha256 TEXT NOT NULL,
                    scheme_name TEXT NOT NULL,
                    scheme_file TEXT NOT NULL,
                    scheme_sha256 TEXT NOT NULL,
                    -- the winning bid as JSON, to score what is delivered "like" it
                    bid_json TEXT NOT NULL,
                    -- the tender the bid answered, as JSON (the scheme may read it)
                    tender_json TEXT,
                    -- committed points per scheme line, JSON [{id,title,points}]
                    committed_points_json TEXT NOT NULL,
                    committed_points_total TEXT NOT NULL,
                    awarded_at TEXT NOT NULL
                );
                CREATE TABLE commitments (
                    contract_id TEXT NOT NULL REFERENCES contracts(id),
                    seq INTEGER NOT NULL,
                    ref TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    committed TEXT NOT NULL,
                    weeks INTEGER NOT NULL,
                    area TEXT,
                    area_deprived INTEGER NOT NULL,
                    target_groups TEXT NOT NULL,
                    supply_chain_kind TEXT,
                    PRIMARY KEY (contract_id, ref)
                ) WITHOUT ROWID;
                CREATE TABLE returns (
                    id INTEGER PRIMARY KEY,
                    contract_id TEXT NOT NULL REFERENCES contracts(id),
                    period TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    submitted TEXT NOT NULL,
                    file TEXT NOT NULL,
                    file_sha256 TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    -- the later submission for the same period that replaced this one
                    superseded_by INTEGER REFERENCES returns(id) DEFERRABLE INITIALLY DEFERRED
                );
                -- one current return per (contract, period); also the portfolio's scan order
                CREATE UNIQUE INDEX returns_current ON returns(contract_id, period_start, period)
                    WHERE superseded_by IS NULL;
                CREATE TABLE return_items (
                    return_id INTEGER NOT NULL REFERENCES returns(id),
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    ref TEXT,
                    person TEXT,
                    date TEXT,
                    quantity TEXT NOT NULL,
                    size INTEGER,
                    fte TEXT,
                    hourly_rate TEXT,
                    supply_chain_kind TEXT,
                    area TEXT,
                    decile INTEGER,
                    council TEXT,
                    target_groups TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    column INTEGER NOT NULL,
                    PRIMARY KEY (return_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE import_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    file TEXT NOT NULL,
                    file_sha256 TEXT NOT NULL,
                    contract_id TEXT,
                    period TEXT,
                    result TEXT NOT NULL,
                    return_id INTEGER,
                    message TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-delivery-summaries") { db in
            try db.execute(sql: """
                -- What each contract had delivered as of any date from one of its period starts
                -- to the next (DeliverySnapshot); rewritten by each import in its transaction,
                -- so the portfolio reads one row per contract (docs/performance-monitoring.md).
                CREATE TABLE delivery_summaries (
                    contract_id TEXT NOT NULL REFERENCES contracts(id),
                    from_date TEXT NOT NULL,
                    -- per commitment in seq order, exact texts separated by spaces
                    delivered TEXT NOT NULL,
                    -- hires by decile, without area and by council (HireTallies.stored)
                    hires TEXT NOT NULL,
                    PRIMARY KEY (contract_id, from_date)
                ) WITHOUT ROWID;
                """)
            // Stores written before summaries existed get them now, once.
            let tx = GRDBTransaction(db: db)
            for row in try tx.rows("SELECT id FROM contracts ORDER BY id", []) {
                try StoreCore.refreshSummaries(contract: try row.text(0), from: nil, in: tx)
            }
        }
        migrator.registerMigration("v3-evaluation") { db in
            try db.execute(sql: StoreTables.sqliteV3)
        }
        migrator.registerMigration("v4-current-is-latest-submitted") { db in
            // Issue 13.6: a period's current return is its latest Submitted (a tie: the later
            // import). Stores that took an older submission imported later as current are put
            // right here, with their summaries.
            _ = try StoreCore.reorderCurrentSubmissions(in: GRDBTransaction(db: db))
        }
        migrator.registerMigration("v5-annual-report") { db in
            // Award date, value, supplier, SME, third sector and priority groups on contracts;
            // the qualification and target groups of completions; background answers.
            try db.execute(sql: StoreTables.sqliteV5)
            try AwardFactsMigration.fill(in: GRDBTransaction(db: db))
        }
        migrator.registerMigration("v6-contract-withdrawals") { db in
            // Contracts withdrawn after award, kept in the history (`contracts withdraw`).
            try db.execute(sql: StoreTables.sqliteV6)
        }
        return migrator
    }
}
