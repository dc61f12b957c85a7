/// The tables both backends hold. SQLite reached them through migrations v1 to v4; PostgreSQL
/// starts with them all in its v1. A shipped migration is never edited.
package enum StoreTables {
    /// SQLite v3: what the shared service keeps besides contracts and returns (service.md).
    static let sqliteV3 = """
        -- The award's record beyond the bid (the CLI leaves the defaults).
        ALTER TABLE contracts ADD COLUMN awarded TEXT;
        ALTER TABLE contracts ADD COLUMN reporting TEXT NOT NULL DEFAULT 'quarterly';
        ALTER TABLE contracts ADD COLUMN grace_days INTEGER NOT NULL DEFAULT 30;
        ALTER TABLE contracts ADD COLUMN ranking_id TEXT;
        ALTER TABLE contracts ADD COLUMN override_reason TEXT;
        ALTER TABLE contracts ADD COLUMN awarded_by TEXT;
        CREATE TABLE users (
            email TEXT PRIMARY KEY NOT NULL,            -- lower-cased
            role TEXT NOT NULL,
            supplier TEXT,                              -- a supplier user's bidder name
            password_hash TEXT NOT NULL,                -- bcrypt, $2b$12$…
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id_sha256 TEXT PRIMARY KEY NOT NULL,        -- the cookie's value is never stored
            email TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            token_sha256 TEXT PRIMARY KEY NOT NULL,     -- the token is shown once, never stored
            email TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX login_failures_by_email ON login_failures(email, at);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_email TEXT,
            action TEXT NOT NULL,
            target TEXT,
            outcome INTEGER NOT NULL,
            sha256 TEXT
        );
        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TABLE schemes (
            sha256 TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            file TEXT NOT NULL,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT
        );
        -- Documents as received, by their SHA-256: a tender, a bid, a batch of bids.
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY NOT NULL,
            bytes BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE tenders (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            added_at TEXT NOT NULL,
            added_by TEXT
        );
        CREATE TABLE bids (
            tender_id TEXT NOT NULL REFERENCES tenders(id),
            bid_id TEXT NOT NULL,
            bidder TEXT NOT NULL,
            submitted TEXT NOT NULL,
            name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            added_at TEXT NOT NULL,
            added_by TEXT,
            PRIMARY KEY (tender_id, bid_id)
        );
        -- A ranking is a decision record: never changed once made.
        CREATE TABLE rankings (
            id TEXT PRIMARY KEY NOT NULL,
            tender_id TEXT NOT NULL REFERENCES tenders(id),
            scheme_sha256 TEXT NOT NULL REFERENCES schemes(sha256),
            documents_json TEXT NOT NULL,
            inputs_json TEXT NOT NULL,
            exclude_invalid INTEGER NOT NULL,
            result_json TEXT NOT NULL,
            made_by TEXT,
            made_at TEXT NOT NULL
        );
        CREATE INDEX rankings_by_tender ON rankings(tender_id, made_at);
        CREATE TRIGGER rankings_immutable_update BEFORE UPDATE ON rankings
            BEGIN SELECT RAISE(ABORT, 'a ranking is a decision record and never changes'); END;
        CREATE TRIGGER rankings_immutable_delete BEFORE DELETE ON rankings
            BEGIN SELECT RAISE(ABORT, 'a ranking is a decision record and never changes'); END;
        """

    /// PostgreSQL v1: every table in the shape SQLite reached at v4. Text that is ordered is
    /// `COLLATE "C"` (byte order, as SQLite's), so lists come out in the same order whatever
    /// the database's locale; exact numbers, dates and instants are text, never floating point.
    package static let postgresV1 = """
        CREATE TABLE contracts (
            id TEXT COLLATE "C" PRIMARY KEY,
            supplier TEXT COLLATE "C" NOT NULL,
            bid_id TEXT NOT NULL,
            tender_id TEXT NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            bid_file TEXT NOT NULL,
            bid_sha256 TEXT NOT NULL,
            scheme_name TEXT NOT NULL,
            scheme_file TEXT NOT NULL,
            scheme_sha256 TEXT NOT NULL,
            bid_json TEXT NOT NULL,
            tender_json TEXT,
            committed_points_json TEXT NOT NULL,
            committed_points_total TEXT NOT NULL,
            awarded_at TEXT NOT NULL,
            awarded TEXT,
            reporting TEXT NOT NULL DEFAULT 'quarterly',
            grace_days INTEGER NOT NULL DEFAULT 30,
            ranking_id TEXT,
            override_reason TEXT,
            awarded_by TEXT
        );
        CREATE TABLE commitments (
            contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
            seq INTEGER NOT NULL,
            ref TEXT COLLATE "C" NOT NULL,
            kind TEXT NOT NULL,
            committed TEXT NOT NULL,
            weeks INTEGER NOT NULL,
            area TEXT,
            area_deprived INTEGER NOT NULL,
            target_groups TEXT NOT NULL,
            supply_chain_kind TEXT,
            PRIMARY KEY (contract_id, ref)
        );
        CREATE INDEX commitments_order ON commitments(contract_id, seq);
        CREATE TABLE returns (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
            period TEXT COLLATE "C" NOT NULL,
            period_start TEXT COLLATE "C" NOT NULL,
            period_end TEXT NOT NULL,
            submitted TEXT NOT NULL,
            file TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            superseded_by BIGINT REFERENCES returns(id) DEFERRABLE INITIALLY DEFERRED
        );
        CREATE UNIQUE INDEX returns_current ON returns(contract_id, period_start, period)
            WHERE superseded_by IS NULL;
        CREATE INDEX returns_by_period ON returns(contract_id, period, file_sha256);
        CREATE TABLE return_items (
            return_id BIGINT NOT NULL REFERENCES returns(id),
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
            council TEXT COLLATE "C",
            target_groups TEXT NOT NULL,
            line INTEGER NOT NULL,
            "column" INTEGER NOT NULL,
            PRIMARY KEY (return_id, seq)
        );
        CREATE TABLE import_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TEXT NOT NULL,
            file TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            contract_id TEXT,
            period TEXT,
            result TEXT NOT NULL,
            return_id BIGINT,
            message TEXT NOT NULL
        );
        CREATE TABLE delivery_summaries (
            contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
            from_date TEXT COLLATE "C" NOT NULL,
            delivered TEXT NOT NULL,
            hires TEXT NOT NULL,
            PRIMARY KEY (contract_id, from_date)
        );
        CREATE TABLE users (
            email TEXT COLLATE "C" PRIMARY KEY,
            role TEXT NOT NULL,
            supplier TEXT,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id_sha256 TEXT PRIMARY KEY,
            email TEXT COLLATE "C" NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            token_sha256 TEXT PRIMARY KEY,
            email TEXT COLLATE "C" NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE login_failures (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email TEXT COLLATE "C" NOT NULL,
            at TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX login_failures_by_email ON login_failures(email, at);
        CREATE TABLE audit_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TEXT COLLATE "C" NOT NULL,
            user_email TEXT,
            action TEXT NOT NULL,
            target TEXT,
            outcome INTEGER NOT NULL,
            sha256 TEXT
        );
        CREATE FUNCTION cbscore_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only: rows are never changed', TG_TABLE_NAME; END $$;
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION cbscore_refuse_change();
        CREATE TABLE schemes (
            sha256 TEXT COLLATE "C" PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL,
            version TEXT,
            file TEXT NOT NULL,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT
        );
        CREATE TABLE documents (
            sha256 TEXT COLLATE "C" PRIMARY KEY,
            bytes BYTEA NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE tenders (
            id TEXT COLLATE "C" PRIMARY KEY,
            title TEXT NOT NULL,
            name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            added_at TEXT NOT NULL,
            added_by TEXT
        );
        CREATE TABLE bids (
            tender_id TEXT COLLATE "C" NOT NULL REFERENCES tenders(id),
            bid_id TEXT COLLATE "C" NOT NULL,
            bidder TEXT NOT NULL,
            submitted TEXT NOT NULL,
            name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            added_at TEXT NOT NULL,
            added_by TEXT,
            PRIMARY KEY (tender_id, bid_id)
        );
        CREATE TABLE rankings (
            id TEXT COLLATE "C" PRIMARY KEY,
            tender_id TEXT COLLATE "C" NOT NULL REFERENCES tenders(id),
            scheme_sha256 TEXT NOT NULL REFERENCES schemes(sha256),
            documents_json TEXT NOT NULL,
            inputs_json TEXT NOT NULL,
            exclude_invalid INTEGER NOT NULL,
            result_json TEXT NOT NULL,
            made_by TEXT,
            made_at TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX rankings_by_tender ON rankings(tender_id, made_at);
        CREATE TRIGGER rankings_immutable BEFORE UPDATE OR DELETE ON rankings
            FOR EACH ROW EXECUTE FUNCTION cbscore_refuse_change();
        """

    /// Every table with the columns `store copy` carries, in an order that satisfies the
    /// foreign keys. The same names on both backends.
    static let copied: [(table: String, columns: [String], order: String)] = [
        ("contracts", ["id", "supplier", "bid_id", "tender_id", "start", "\"end\"", "bid_file", "bid_sha256",
                       "scheme_name", "scheme_file", "scheme_sha256", "bid_json", "tender_json",
                       "committed_points_json", "committed_points_total", "awarded_at", "awarded", "reporting",
                       "grace_days", "ranking_id", "override_reason", "awarded_by", "value", "value_currency",
                       "supplier_id", "sme", "third_sector", "priority_groups"], "id"),
        ("contract_withdrawals", ["contract_id", "reason", "withdrawn_by", "withdrawn_at"], "contract_id"),
        ("commitments", ["contract_id", "seq", "ref", "kind", "committed", "weeks", "area", "area_deprived",
                         "target_groups", "supply_chain_kind"], "contract_id, seq"),
        ("returns", ["id", "contract_id", "period", "period_start", "period_end", "submitted", "file", "file_sha256",
                     "imported_at", "superseded_by"], "id"),
        ("return_items", ["return_id", "seq", "kind", "ref", "person", "date", "quantity", "size", "fte",
                          "hourly_rate", "supply_chain_kind", "area", "decile", "council", "target_groups", "line",
                          "\"column\"", "qualification"], "return_id, seq"),
        ("backgrounds", ["return_id", "seq", "parental_occupation", "school", "free_school_meals",
                         "parental_qualification"], "return_id, seq"),
        ("import_log", ["id", "at", "file", "file_sha256", "contract_id", "period", "result", "return_id", "message"], "id"),
        ("delivery_summaries", ["contract_id", "from_date", "delivered", "hires"], "contract_id, from_date"),
        ("users", ["email", "role", "supplier", "password_hash", "created_at"], "email"),
        ("sessions", ["id_sha256", "email", "csrf", "created_at", "expires_at"], "id_sha256"),
        ("api_tokens", ["token_sha256", "email", "created_at"], "token_sha256"),
        ("login_failures", ["id", "email", "at"], "id"),
        ("audit_log", ["id", "at", "user_email", "action", "target", "outcome", "sha256"], "id"),
        ("schemes", ["sha256", "name", "version", "file", "text", "added_at", "added_by"], "sha256"),
        ("documents", ["sha256", "bytes", "added_at"], "sha256"),
        ("tenders", ["id", "title", "name", "document_sha256", "added_at", "added_by"], "id"),
        ("bids", ["tender_id", "bid_id", "bidder", "submitted", "name", "document_sha256", "added_at", "added_by"],
         "tender_id, bid_id"),
        ("rankings", ["id", "tender_id", "scheme_sha256", "documents_json", "inputs_json", "exclude_invalid",
                      "result_json", "made_by", "made_at"], "id"),
    ]

    /// Tables whose ids the database hands out (PostgreSQL identities to move past copied ids).
    static let identities = ["returns", "import_log", "login_failures", "audit_log"]
}
