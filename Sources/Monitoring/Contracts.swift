import Areas
import Documents
import Foundation
import GRDB
import Scoring

/// A winning bid turned into a contract.
public struct Award: Sendable {
    public var contractID: String
    public var bid: Bid
    /// The tender the bid answered, kept so deliveries are scored against the same tender.
    public var tender: Tender?
    public var start: CalendarDate
    public var end: CalendarDate
    /// The bid file as named and its SHA-256.
    public var bidFile: String
    public var bidSHA256: String
    /// The scheme the bid was scored with; delivered points must come from the same one.
    public var scheme: SchemeReference
    public var committedPoints: ScoredPoints

    public init(contractID: String, bid: Bid, tender: Tender? = nil, start: CalendarDate, end: CalendarDate,
                bidFile: String, bidSHA256: String, scheme: SchemeReference, committedPoints: ScoredPoints) {
        self.contractID = contractID
        self.bid = bid
        self.tender = tender
        self.start = start
        self.end = end
        self.bidFile = bidFile
        self.bidSHA256 = bidSHA256
        self.scheme = scheme
        self.committedPoints = committedPoints
    }
}

/// A contract as `contracts list` shows it.
public struct ContractSummary: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var bidID: String
    public var tenderID: String
    public var start: CalendarDate
    public var end: CalendarDate
    public var scheme: SchemeReference
    public var bidFile: String
    public var bidSHA256: String
    public var committedPoints: ScoredPoints
    public var commitments: Int
    /// Periods with a current return.
    public var returns: Int
}

/// A stored contract with everything monitoring needs.
public struct StoredContract: Sendable, Hashable {
    public var summary: ContractSummary
    public var bid: Bid
    public var tender: Tender?
    public var terms: ContractTerms
}

extension MonitoringStore {
    /// Records a winning bid's commitments as a contract. Refused (nothing stored) when the id is
    /// taken, the term is empty, or a commitment's area is unknown.
    public func award(_ award: Award, areas: any AreaLookup) throws -> StoredContract {
        var diagnostics: [Diagnostic] = []
        let at = award.bid.location
        if award.end <= award.start {
            diagnostics.append(Diagnostic(MonitoringDiagnostic.emptyTerm, at: at,
                message: "contract \(award.contractID): end \(award.end) is not after start \(award.start)"))
        }
        var terms: [CommitmentTerms] = []
        for commitment in award.bid.commitments {
            do {
                terms.append(try CommitmentTerms(commitment, areas: areas))
            } catch {
                diagnostics.append(Diagnostic(MonitoringDiagnostic.unknownArea, at: commitment.location,
                    message: "\(commitment.kindName) \(commitment.ref): \(error.message)"))
            }
        }
        if award.bid.commitments.isEmpty {
            diagnostics.append(Diagnostic(MonitoringDiagnostic.noCommitments, at: at,
                message: "bid \(award.bid.id) has no commitments to monitor"))
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bidJSON = String(decoding: try encoder.encode(award.bid), as: UTF8.self)
        let pointsJSON = String(decoding: try encoder.encode(award.committedPoints.lines), as: UTF8.self)
        let tenderJSON = try award.tender.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let time = now()
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM contracts WHERE id = ?", arguments: [award.contractID]) == true {
                throw DiagnosticsError([Diagnostic(MonitoringDiagnostic.contractExists, at: at,
                    message: "contract \(award.contractID) is already awarded; nothing changed")])
            }
            try db.execute(sql: """
                INSERT INTO contracts (id, supplier, bid_id, tender_id, start, end, bid_file, bid_sha256,
                    scheme_name, scheme_file, scheme_sha256, bid_json, tender_json, committed_points_json,
                    committed_points_total, awarded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [award.contractID, award.bid.bidder.name, award.bid.id, award.bid.tenderID,
                                 award.start.description, award.end.description, award.bidFile, award.bidSHA256,
                                 award.scheme.name, award.scheme.file, award.scheme.sha256, bidJSON, tenderJSON, pointsJSON,
                                 award.committedPoints.total.decimalString(), time])
            for (seq, c) in terms.enumerated() {
                try db.execute(sql: """
                    INSERT INTO commitments (contract_id, seq, ref, kind, committed, weeks, area, area_deprived,
                        target_groups, supply_chain_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [award.contractID, seq, c.ref, c.kind.rawValue, c.committed.exactText, c.weeks,
                                     c.area, c.areaDeprived, c.targetGroups.stored, c.supplyChainKind?.rawValue])
            }
        }
        guard let stored = try contract(award.contractID) else {
            throw DiagnosticsError([Diagnostic(MonitoringDiagnostic.store, at: at, message: "contract not stored")])
        }
        return stored
    }

    /// Every contract, by id.
    public func contracts() throws -> [ContractSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.summarySQL) ORDER BY c.id").map(Self.summary)
        }
    }

    public func contract(_ id: String) throws -> StoredContract? {
        try pool.read { db in try Self.contract(id, in: db) }
    }

    static let summarySQL = """
        SELECT c.*, (SELECT count(*) FROM commitments m WHERE m.contract_id = c.id) AS n_commitments,
               (SELECT count(*) FROM returns r WHERE r.contract_id = c.id AND r.superseded_by IS NULL) AS n_returns
        FROM contracts c
        """

    static func contract(_ id: String, in db: Database) throws -> StoredContract? {
        guard let row = try Row.fetchOne(db, sql: "\(summarySQL) WHERE c.id = ?", arguments: [id]) else {
            return nil
        }
        let summary = try Self.summary(row)
        let bid = try JSONDecoder().decode(Bid.self, from: Data((row["bid_json"] as String).utf8))
        let tender = try (row["tender_json"] as String?).map { try JSONDecoder().decode(Tender.self, from: Data($0.utf8)) }
        let commitments = try commitmentTerms(of: id, in: db)
        return StoredContract(summary: summary, bid: bid, tender: tender, terms: ContractTerms(
            contractID: id, supplier: summary.supplier, start: summary.start, end: summary.end,
            commitments: commitments))
    }

    static func summary(_ row: Row) throws -> ContractSummary {
        let lines = try JSONDecoder().decode([PointsLine].self, from: Data((row["committed_points_json"] as String).utf8))
        return ContractSummary(
            contractID: row["id"], supplier: row["supplier"], bidID: row["bid_id"], tenderID: row["tender_id"],
            start: try storedDate(row["start"]), end: try storedDate(row["end"]),
            scheme: SchemeReference(name: row["scheme_name"], file: row["scheme_file"], sha256: row["scheme_sha256"]),
            bidFile: row["bid_file"], bidSHA256: row["bid_sha256"],
            committedPoints: ScoredPoints(lines: lines, total: try storedExact(row["committed_points_total"])),
            commitments: row["n_commitments"], returns: row["n_returns"])
    }

    static func commitmentTerms(of contract: String, in db: Database) throws -> [CommitmentTerms] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(commitmentColumns) FROM commitments WHERE contract_id = ? ORDER BY seq"),
                         arguments: [contract]).map(commitmentTerms)
    }

    /// What `commitmentTerms(_:)` reads, by position (the portfolio reads 50,000 of them).
    static let commitmentColumns =
        "ref, kind, committed, weeks, area, area_deprived, target_groups, supply_chain_kind, contract_id"

    static func commitmentTerms(_ row: Row) throws -> CommitmentTerms {
        guard let kind = CommitmentKind(rawValue: row[1]) else { throw StoreError.corrupt("commitment kind") }
        return CommitmentTerms(
            ref: row[0], kind: kind, committed: try storedExact(row[2]), weeks: row[3],
            area: row[4], areaDeprived: row[5], targetGroups: storedGroups(row[6]),
            supplyChainKind: (row[7] as String?).flatMap(SupplyChainKind.init(rawValue:)))
    }
}

/// The store holds something this version cannot read back.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case corrupt(String)
    /// The store has migrations this version does not know: a newer cbscore wrote it.
    case newerVersion(migrations: [String])

    public var description: String {
        switch self {
        case .corrupt(let what): "the monitoring store holds an unreadable \(what)"
        case .newerVersion(let migrations):
            "the monitoring store was written by a newer cbscore (schema \(migrations.joined(separator: ", "))); "
                + "open it with that version"
        }
    }
}
