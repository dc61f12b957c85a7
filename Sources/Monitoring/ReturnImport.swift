import Areas
import Documents
import GRDB

/// What importing one return file did.
public enum ImportResult: String, Sendable, Hashable, Codable {
    /// The first return for its period.
    case stored
    /// A re-submission: the earlier return for the period is kept in the history, superseded.
    case replaced
    /// The same file as the period's current return: nothing changed.
    case unchanged
    /// Invalid: nothing from the file was stored.
    case refused
}

public struct ImportOutcome: Sendable, Hashable, Codable {
    public var file: String
    public var sha256: String
    public var contractID: String?
    public var period: String?
    public var result: ImportResult
    public var returnID: Int64?
    /// The return this one superseded, when `replaced`.
    public var replacedReturnID: Int64?
    /// Why the file was refused; empty otherwise.
    public var diagnostics: [Diagnostic]

    /// One line for the terminal and the import log.
    public var message: String {
        let subject = "\(contractID ?? "?") \(period ?? "?")"
        switch result {
        case .stored: return "\(file): stored return \(subject)"
        case .replaced: return "\(file): stored return \(subject), replacing return #\(replacedReturnID ?? 0) (kept in the history)"
        case .unchanged: return "\(file): return \(subject) was already imported (same file); nothing changed"
        case .refused: return "\(file): refused (\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")); nothing stored"
        }
    }
}

/// One submission of a return, current or superseded.
public struct StoredReturn: Sendable, Hashable, Codable {
    public var id: Int64
    public var contractID: String
    public var period: ReturnPeriod
    public var submitted: CalendarDate
    public var file: String
    public var sha256: String
    public var importedAt: String
    public var supersededBy: Int64?
    public var items: Int
}

public struct ImportLogEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: String
    public var file: String
    public var sha256: String
    public var contractID: String?
    public var period: String?
    public var result: ImportResult
    public var returnID: Int64?
    public var message: String
}

extension MonitoringStore {
    /// Validates a return against its contract and stores it, in one transaction with its log
    /// entry. A refusal stores nothing from the file (only the log entry).
    @discardableResult
    public func importReturn(_ ret: DeliveryReturn, file: String, sha256: String,
                             areas: any AreaLookup) throws -> ImportOutcome {
        let time = now()
        return try pool.write { db in
            var outcome = ImportOutcome(file: file, sha256: sha256, contractID: ret.contractID,
                                        period: ret.period.description, result: .refused, diagnostics: [])
            let validated = try Self.validate(ret, areas: areas, in: db)
            switch validated {
            case .failure(let error):
                outcome.diagnostics = error.diagnostics.sortedForReport()
            case .success(let items):
                let current = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT id, file_sha256 FROM returns
                    WHERE contract_id = ? AND period = ? AND superseded_by IS NULL
                    """), arguments: [ret.contractID, ret.period.description])
                if let current, (current["file_sha256"] as String) == sha256 {
                    outcome.result = .unchanged
                    outcome.returnID = current["id"]
                } else {
                    // The write lock is held, so the next id is ours. The earlier return leaves
                    // the "current" index before the new one enters it (the key is deferred).
                    let id = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM returns")) ?? 0) + 1
                    outcome.result = .stored
                    if let current {
                        let old: Int64 = current["id"]
                        try db.execute(sql: "UPDATE returns SET superseded_by = ? WHERE id = ?", arguments: [id, old])
                        outcome.result = .replaced
                        outcome.replacedReturnID = old
                    }
                    try Self.insert(ret, id: id, items: items, file: file, sha256: sha256, time: time, in: db)
                    try Self.refreshSummaries(contract: ret.contractID, from: ret.period.start, in: db)
                    outcome.returnID = id
                }
            }
            try Self.log(outcome, at: time, in: db)
            return outcome
        }
    }

    /// Logs a file that could not even be read as a return (XML or schema errors).
    public func logRefusal(file: String, sha256: String, diagnostics: [Diagnostic]) throws -> ImportOutcome {
        let outcome = ImportOutcome(file: file, sha256: sha256, result: .refused, diagnostics: diagnostics)
        let time = now()
        try pool.write { db in try Self.log(outcome, at: time, in: db) }
        return outcome
    }

    /// Every submission for a contract, by period then import order.
    public func history(contract: String) throws -> [StoredReturn] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, (SELECT count(*) FROM return_items i WHERE i.return_id = r.id) AS n_items
                FROM returns r WHERE contract_id = ? ORDER BY period_start, period, id
                """, arguments: [contract]).map { row in
                guard let period = ReturnPeriod(row["period"] as String) else { throw StoreError.corrupt("period") }
                return StoredReturn(id: row["id"], contractID: row["contract_id"], period: period,
                                    submitted: try storedDate(row["submitted"]), file: row["file"],
                                    sha256: row["file_sha256"], importedAt: row["imported_at"],
                                    supersededBy: row["superseded_by"], items: row["n_items"])
            }
        }
    }

    public func importLog() throws -> [ImportLogEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import_log ORDER BY id").map { row in
                ImportLogEntry(id: row["id"], at: row["at"], file: row["file"], sha256: row["file_sha256"],
                               contractID: row["contract_id"], period: row["period"],
                               result: ImportResult(rawValue: row["result"]) ?? .refused,
                               returnID: row["return_id"], message: row["message"])
            }
        }
    }

    private static func log(_ outcome: ImportOutcome, at time: String, in db: Database) throws {
        var message = outcome.message
        for d in outcome.diagnostics { message += "\n" + d.description }
        try db.cachedStatement(sql: """
            INSERT INTO import_log (at, file, file_sha256, contract_id, period, result, return_id, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [time, outcome.file, outcome.sha256, outcome.contractID, outcome.period,
                             outcome.result.rawValue, outcome.returnID, message])
    }

    /// Every reason to refuse the return, or its items with their areas resolved.
    private static func validate(_ ret: DeliveryReturn, areas: any AreaLookup, in db: Database) throws
        -> Result<[(DeliveredItem, SourceLocation)], DiagnosticsError> {
        guard let contract = try Row.fetchOne(db.cachedStatement(sql: "SELECT start, end FROM contracts WHERE id = ?"),
                                              arguments: [ret.contractID]) else {
            return .failure(DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.unknownContract, at: ret.location,
                message: "DeliveryReturn/@contract: no contract '\(ret.contractID)' has been awarded",
                hint: "award it first with `cbscore contracts award`")]))
        }
        var diagnostics: [Diagnostic] = []
        let start = try storedDate(contract["start"])
        let end = try storedDate(contract["end"])
        if ret.period.end < start || ret.period.start > end {
            diagnostics.append(Diagnostic(
                MonitoringDiagnostic.periodOutsideContract, at: ret.location,
                message: "DeliveryReturn/@period: \(ret.period) (\(ret.period.start) to \(ret.period.end)) is outside contract \(ret.contractID) (\(start) to \(end))"))
        }
        let commitments = Dictionary(
            try commitmentTerms(of: ret.contractID, in: db).map { ($0.ref, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var items: [(DeliveredItem, SourceLocation)] = []
        for item in ret.items {
            var resolved: AreaInfo?
            var stored = DeliveredItem(item, period: ret.period, area: nil)
            let element = stored.kind.elementName
            if let ref = stored.ref {
                if let kind = commitments[ref] {
                    let allowed = stored.commitmentKind.map { [$0] } ?? [.job, .apprenticeship]
                    if !allowed.contains(kind) {
                        diagnostics.append(Diagnostic(
                            MonitoringDiagnostic.wrongKind, at: item.location,
                            message: "\(element)/@ref: '\(ref)' is a \(kind.rawValue) commitment; expected "
                                + allowed.map(\.rawValue).joined(separator: " or ")))
                    }
                } else {
                    diagnostics.append(Diagnostic(
                        MonitoringDiagnostic.unknownRef, at: item.location,
                        message: "\(element)/@ref: contract \(ret.contractID) has no commitment '\(ref)'",
                        hint: "its commitments are " + commitments.keys.sorted().joined(separator: ", ")))
                }
            }
            if let area = item.area {
                do {
                    resolved = try areas.lookup(area.text)
                } catch {
                    diagnostics.append(Diagnostic(MonitoringDiagnostic.unknownArea, at: area.location,
                                                  message: "\(element)/@area: \(error.message)"))
                }
            }
            if let resolved { stored = DeliveredItem(item, period: ret.period, area: resolved) }
            items.append((stored, item.location))
        }
        return diagnostics.isEmpty ? .success(items) : .failure(DiagnosticsError(diagnostics))
    }

    private static func insert(_ ret: DeliveryReturn, id: Int64, items: [(DeliveredItem, SourceLocation)],
                               file: String, sha256: String, time: String, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO returns (id, contract_id, period, period_start, period_end, submitted, file, file_sha256, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, ret.contractID, ret.period.description, ret.period.start.description,
                             ret.period.end.description, ret.submitted.description, file, sha256, time])
        let statement = try db.cachedStatement(sql: """
            INSERT INTO return_items (return_id, seq, kind, ref, person, date, quantity, size, fte, hourly_rate,
                supply_chain_kind, area, decile, council, target_groups, line, column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (seq, (item, location)) in items.enumerated() {
            try statement.execute(arguments: [
                id, seq, item.kind.rawValue, item.ref, item.person, item.date?.description,
                item.quantity.exactText, item.size, item.fte?.exactText, item.hourlyRate?.exactText,
                item.supplyChainKind?.rawValue, item.area, item.decile, item.council, item.targetGroups.stored,
                location.line, location.column,
            ])
        }
    }
}

extension DeliveredItem.Kind {
    /// The element name in the return schema.
    var elementName: String {
        switch self {
        case .hire: "Hire"
        case .leaver: "Leaver"
        case .apprenticeshipStart: "ApprenticeshipStart"
        case .placementCompleted: "PlacementCompleted"
        case .trainingCompleted: "TrainingCompleted"
        case .supplyChainSpend: "SupplyChainSpend"
        case .volunteeringHours: "VolunteeringHours"
        }
    }
}

extension ReturnItem {
    /// The area of a hire or apprenticeship start.
    fileprivate var area: AreaReference? {
        switch self {
        case .hire(let h): h.area
        case .apprenticeshipStart(let a): a.area
        default: nil
        }
    }
}
