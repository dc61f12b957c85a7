import Foundation

// Users, sessions, tokens, login throttling, the audit log, schemes, tenders, bids and rankings:
// what the shared service keeps (service.md). Hashing passwords and tokens is the caller's
// (module Credentials); the store keeps only hashes.

extension EvaluationStore {
    // MARK: Users

    /// Adds a user; `StoreError.conflict` when the email is in use.
    public func addUser(_ user: User, passwordHash: String) async throws {
        let time = now()
        try await backend.write { tx in
            let added = try tx.execute("""
                INSERT INTO users (email, role, supplier, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (email) DO NOTHING
                """, [user.email, user.role.rawValue, user.supplier, passwordHash, time])
            guard added == 1 else { throw StoreError.conflict("the email \(user.email)") }
        }
    }

    /// The user and their password hash.
    public func user(email: String) async throws -> (user: User, passwordHash: String)? {
        let email = User.normalised(email)
        return try await backend.read { tx in
            try tx.row("SELECT email, role, supplier, created_at, password_hash FROM users WHERE email = ?", [email])
                .map { (try Self.user($0), try $0.text(4)) }
        }
    }

    public func users() async throws -> [User] {
        try await backend.read { tx in
            try tx.rows("SELECT email, role, supplier, created_at FROM users ORDER BY email", []).map(Self.user)
        }
    }

    /// Deletes a user with their sessions and tokens; false when there was none.
    @discardableResult
    public func deleteUser(email: String) async throws -> Bool {
        let email = User.normalised(email)
        return try await backend.write { tx in
            try tx.execute("DELETE FROM sessions WHERE email = ?", [email])
            try tx.execute("DELETE FROM api_tokens WHERE email = ?", [email])
            return try tx.execute("DELETE FROM users WHERE email = ?", [email]) == 1
        }
    }

    static func user(_ row: SQLRow) throws -> User {
        guard let role = Role(rawValue: try row.text(1)) else { throw StoreError.corrupt("role") }
        return User(email: try row.text(0), role: role, supplier: try row.optionalText(2), createdAt: try row.text(3))
    }

    // MARK: Sessions and tokens

    public func addSession(_ session: SessionRecord) async throws {
        _ = try await backend.write { tx in
            try tx.execute("""
                INSERT INTO sessions (id_sha256, email, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, [session.idSHA256, session.email, session.csrf, session.createdAt, session.expiresAt])
        }
    }

    /// The session and its user, when it exists and has not expired at `at`.
    public func session(idSHA256: String, at: String) async throws -> (session: SessionRecord, user: User)? {
        try await backend.read { tx in
            guard let row = try tx.row("""
                SELECT s.id_sha256, s.email, s.csrf, s.created_at, s.expires_at, u.role, u.supplier, u.created_at
                FROM sessions s JOIN users u ON u.email = s.email WHERE s.id_sha256 = ? AND s.expires_at > ?
                """, [idSHA256, at]) else { return nil }
            guard let role = Role(rawValue: try row.text(5)) else { throw StoreError.corrupt("role") }
            return (SessionRecord(idSHA256: try row.text(0), email: try row.text(1), csrf: try row.text(2),
                                  createdAt: try row.text(3), expiresAt: try row.text(4)),
                    User(email: try row.text(1), role: role, supplier: try row.optionalText(6), createdAt: try row.text(7)))
        }
    }

    public func deleteSession(idSHA256: String) async throws {
        _ = try await backend.write { tx in try tx.execute("DELETE FROM sessions WHERE id_sha256 = ?", [idSHA256]) }
    }

    /// Removes sessions that expired before `at`; how many.
    @discardableResult
    public func deleteExpiredSessions(at: String) async throws -> Int {
        try await backend.write { tx in try tx.execute("DELETE FROM sessions WHERE expires_at <= ?", [at]) }
    }

    /// Stores an API token's hash for a user; `StoreError.unusable` when there is no such user.
    public func addToken(email: String, tokenSHA256: String) async throws {
        let email = User.normalised(email)
        let time = now()
        try await backend.write { tx in
            guard try tx.row("SELECT 1 FROM users WHERE email = ?", [email]) != nil else {
                throw StoreError.unusable("no user \(email)")
            }
            try tx.execute("INSERT INTO api_tokens (token_sha256, email, created_at) VALUES (?, ?, ?)",
                           [tokenSHA256, email, time])
        }
    }

    /// The user a token (by its hash) belongs to.
    public func user(tokenSHA256: String) async throws -> User? {
        try await backend.read { tx in
            try tx.row("""
                SELECT u.email, u.role, u.supplier, u.created_at FROM api_tokens t JOIN users u ON u.email = t.email
                WHERE t.token_sha256 = ?
                """, [tokenSHA256]).map(Self.user)
        }
    }

    // MARK: Login throttling

    public func recordLoginFailure(email: String, at: String) async throws {
        let email = User.normalised(email)
        _ = try await backend.write { tx in
            try tx.execute("INSERT INTO login_failures (email, at) VALUES (?, ?)", [email, at])
        }
    }

    /// The failed sign-ins for `email` at or after `since`, oldest first.
    public func loginFailures(email: String, since: String) async throws -> [String] {
        let email = User.normalised(email)
        return try await backend.read { tx in
            try tx.rows("SELECT at FROM login_failures WHERE email = ? AND at >= ? ORDER BY at, id", [email, since])
                .map { try $0.text(0) }
        }
    }

    // MARK: Audit log

    /// Appends one entry; its id.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) async throws -> Int64 {
        try await backend.write { tx in
            guard let row = try tx.row("""
                INSERT INTO audit_log (at, user_email, action, target, outcome, sha256) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING id
                """, [entry.at, entry.user, entry.action, entry.target, entry.outcome, entry.sha256]) else {
                throw StoreError.corrupt("audit entry")
            }
            return try row.int64(0)
        }
    }

    /// Entries at or after `since` (every one when nil), in the order written.
    public func audit(since: String? = nil) async throws -> [AuditEntry] {
        try await backend.read { tx in
            try tx.rows("""
                SELECT id, at, user_email, action, target, outcome, sha256 FROM audit_log WHERE at >= ? ORDER BY id
                """, [since ?? ""]).map { row in
                AuditEntry(id: try row.int64(0), at: try row.text(1), user: try row.optionalText(2),
                           action: try row.text(3), target: try row.optionalText(4), outcome: try row.int(5),
                           sha256: try row.optionalText(6))
            }
        }
    }

    // MARK: Schemes

    /// Stores a scheme by its SHA-256; false (and nothing changed) when that text is already here.
    @discardableResult
    public func addScheme(_ scheme: StoredScheme) async throws -> Bool {
        let time = now()
        return try await backend.write { tx in
            try tx.execute("""
                INSERT INTO schemes (sha256, name, version, file, text, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING
                """, [scheme.sha256, scheme.name, scheme.version, scheme.file, scheme.text, time, scheme.addedBy]) == 1
        }
    }

    static let schemeColumns = "sha256, name, version, file, text, added_at, added_by"

    public func schemes() async throws -> [StoredScheme] {
        try await backend.read { tx in
            try tx.rows("SELECT \(Self.schemeColumns) FROM schemes ORDER BY name, sha256", []).map(Self.scheme)
        }
    }

    public func scheme(sha256: String) async throws -> StoredScheme? {
        try await backend.read { tx in
            try tx.row("SELECT \(Self.schemeColumns) FROM schemes WHERE sha256 = ?", [sha256]).map(Self.scheme)
        }
    }

    static func scheme(_ row: SQLRow) throws -> StoredScheme {
        StoredScheme(sha256: try row.text(0), name: try row.text(1), version: try row.optionalText(2),
                     file: try row.text(3), text: try row.text(4), addedAt: try row.text(5), addedBy: try row.optionalText(6))
    }

    // MARK: Tenders, bids, documents

    /// Stores a tender and its document; `StoreError.conflict` when the id exists.
    public func addTender(_ tender: TenderRecord, document: StoredDocument) async throws {
        let time = now()
        try await backend.write { tx in
            try Self.addDocument(document, time: time, in: tx)
            let added = try tx.execute("""
                INSERT INTO tenders (id, title, name, document_sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """, [tender.id, tender.title, tender.name, document.sha256, time, tender.addedBy])
            guard added == 1 else { throw StoreError.conflict("the tender id \(tender.id)") }
        }
    }

    static let tenderColumns = "id, title, name, document_sha256, added_at, added_by"

    public func tenders() async throws -> [TenderRecord] {
        try await backend.read { tx in try tx.rows("SELECT \(Self.tenderColumns) FROM tenders ORDER BY id", []).map(Self.tender) }
    }

    public func tender(id: String) async throws -> TenderRecord? {
        try await backend.read { tx in try tx.row("SELECT \(Self.tenderColumns) FROM tenders WHERE id = ?", [id]).map(Self.tender) }
    }

    static func tender(_ row: SQLRow) throws -> TenderRecord {
        TenderRecord(id: try row.text(0), title: try row.text(1), name: try row.text(2), documentSHA256: try row.text(3),
                     addedAt: try row.text(4), addedBy: try row.optionalText(5))
    }

    /// Stores the bids of one document, all or nothing: `StoreError.conflict` naming the first
    /// bid id the tender already has (or that the document repeats).
    public func addBids(_ bids: [BidRecord], document: StoredDocument) async throws {
        let time = now()
        try await backend.write { tx in
            try Self.addDocument(document, time: time, in: tx)
            for bid in bids {
                let added = try tx.execute("""
                    INSERT INTO bids (tender_id, bid_id, bidder, submitted, name, document_sha256, added_at, added_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tender_id, bid_id) DO NOTHING
                    """, [bid.tenderID, bid.bidID, bid.bidder, bid.submitted, bid.name, document.sha256, time, bid.addedBy])
                guard added == 1 else { throw StoreError.conflict("the bid id \(bid.bidID) in tender \(bid.tenderID)") }
            }
        }
    }

    public func bids(tender: String) async throws -> [BidRecord] {
        try await backend.read { tx in
            try tx.rows("""
                SELECT tender_id, bid_id, bidder, submitted, name, document_sha256, added_at, added_by FROM bids
                WHERE tender_id = ? ORDER BY bid_id
                """, [tender]).map { row in
                BidRecord(tenderID: try row.text(0), bidID: try row.text(1), bidder: try row.text(2),
                          submitted: try row.text(3), name: try row.text(4), documentSHA256: try row.text(5),
                          addedAt: try row.text(6), addedBy: try row.optionalText(7))
            }
        }
    }

    /// A stored document's bytes, exactly as received.
    public func document(sha256: String) async throws -> StoredDocument? {
        try await backend.read { tx in
            try tx.row("SELECT sha256, bytes FROM documents WHERE sha256 = ?", [sha256]).map {
                StoredDocument(sha256: try $0.text(0), bytes: try $0.bytes(1))
            }
        }
    }

    static func addDocument(_ document: StoredDocument, time: String, in tx: any SQLTransaction) throws {
        try tx.execute("INSERT INTO documents (sha256, bytes, added_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                       [document.sha256, document.bytes, time])
    }

    // MARK: Rankings

    /// Stores a ranking (`madeAt` is set here); `StoreError.conflict` when the id exists. It is
    /// never changed afterwards: both backends refuse updates and deletes of rankings.
    @discardableResult
    public func addRanking(_ ranking: RankingRecord) async throws -> RankingRecord {
        var stored = ranking
        stored.madeAt = now()
        let record = stored
        try await backend.write { tx in
            let added = try tx.execute("""
                INSERT INTO rankings (id, tender_id, scheme_sha256, documents_json, inputs_json, exclude_invalid,
                    result_json, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """, [record.id, record.tenderID, record.schemeSHA256, record.documentsJSON, record.inputsJSON,
                      record.excludeInvalid, record.resultJSON, record.madeBy, record.madeAt])
            guard added == 1 else { throw StoreError.conflict("the ranking id \(record.id)") }
        }
        return record
    }

    static let rankingColumns =
        "id, tender_id, scheme_sha256, documents_json, inputs_json, exclude_invalid, result_json, made_by, made_at"

    public func ranking(id: String) async throws -> RankingRecord? {
        try await backend.read { tx in
            try tx.row("SELECT \(Self.rankingColumns) FROM rankings WHERE id = ?", [id]).map(Self.ranking)
        }
    }

    /// A tender's rankings, oldest first.
    public func rankings(tender: String) async throws -> [RankingRecord] {
        try await backend.read { tx in
            try tx.rows("SELECT \(Self.rankingColumns) FROM rankings WHERE tender_id = ? ORDER BY made_at, id", [tender])
                .map(Self.ranking)
        }
    }

    static func ranking(_ row: SQLRow) throws -> RankingRecord {
        RankingRecord(id: try row.text(0), tenderID: try row.text(1), schemeSHA256: try row.text(2),
                      documentsJSON: try row.text(3), inputsJSON: try row.text(4), excludeInvalid: try row.bool(5),
                      resultJSON: try row.text(6), madeBy: try row.optionalText(7), madeAt: try row.text(8))
    }
}
