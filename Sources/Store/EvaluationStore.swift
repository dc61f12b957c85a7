import Areas
import Documents
import Foundation
import Monitoring

/// The one store of an evaluation: tenders, bid documents, schemes, rankings, contracts,
/// returns and their history, users, sessions, tokens, login throttling and the audit log.
/// The same calls on SQLite (embedded, `SQLiteBackend`) and PostgreSQL (shared,
/// `PostgresBackend` in the StorePostgres module). Every call is one transaction: a refused
/// document or a killed process leaves nothing half-written. Calls are async and run on the
/// backend's own threads, so a server's tasks never wait on the database.
public final class EvaluationStore: Sendable {
    public let backend: any StoreBackend
    /// The time written on rows and in logs: a UTC instant, `YYYY-MM-DDThh:mm:ssZ`.
    public let now: @Sendable () -> String

    public init(backend: any StoreBackend, now: @escaping @Sendable () -> String = EvaluationStore.utcNow) {
        self.backend = backend
        self.now = now
    }

    /// The embedded store in one SQLite file, created and migrated when needed.
    public static func sqlite(path: String, now: @escaping @Sendable () -> String = EvaluationStore.utcNow) throws
        -> EvaluationStore {
        EvaluationStore(backend: try SQLiteBackend(path: path), now: now)
    }

    /// `--db` wins, then `CBSCORE_DB`, then `$XDG_DATA_HOME/cbscore/monitoring.sqlite`, then
    /// `~/.local/share/cbscore/monitoring.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["CBSCORE_DB"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/cbscore/monitoring.sqlite" }
        return (environment["HOME"] ?? ".") + "/.local/share/cbscore/monitoring.sqlite"
    }

    @Sendable public static func utcNow() -> String {
        instant(epochSeconds: Int(Date().timeIntervalSince1970))
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for a count of seconds since 1970-01-01T00:00:00Z.
    public static func instant(epochSeconds seconds: Int) -> String {
        let day = CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let s = seconds - day.daysSinceEpoch * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }

    public func close() async throws { try await backend.close() }
}

// MARK: Contracts and returns

extension EvaluationStore {
    /// Records a winning bid's commitments as a contract. Refused (nothing stored) when the id is
    /// taken, the term is empty, or a commitment's area is unknown.
    public func award(_ award: Award, areas: any AreaLookup) async throws -> StoredContract {
        let terms = try award.commitmentTerms(areas: areas)
        let time = now()
        return try await backend.write { tx in
            try StoreCore.award(award, terms: terms, time: time, in: tx)
            guard let stored = try StoreCore.contract(award.contractID, in: tx) else {
                throw StoreError.corrupt("contract \(award.contractID)")
            }
            return stored
        }
    }

    /// Every contract, by id.
    public func contracts() async throws -> [ContractSummary] {
        try await backend.read { tx in try StoreCore.contracts(in: tx) }
    }

    public func contract(_ id: String) async throws -> StoredContract? {
        try await backend.read { tx in try StoreCore.contract(id, in: tx) }
    }

    /// Validates a return against its contract and stores it, in one transaction with its log
    /// entry. A refusal stores nothing from the file (only the log entry). The period's current
    /// return is its latest submitted, whatever order files arrive in (monitoring.md).
    @discardableResult
    public func importReturn(_ ret: DeliveryReturn, file: String, sha256: String,
                             areas: any AreaLookup) async throws -> ImportOutcome {
        let time = now()
        return try await backend.write { tx in
            try StoreCore.importReturn(ret, file: file, sha256: sha256, areas: areas, time: time, in: tx)
        }
    }

    /// Logs a file that could not even be read as a return (XML or schema errors).
    public func logRefusal(file: String, sha256: String, diagnostics: [Diagnostic]) async throws -> ImportOutcome {
        let outcome = ImportOutcome(file: file, sha256: sha256, result: .refused, diagnostics: diagnostics)
        let time = now()
        try await backend.write { tx in try StoreCore.log(outcome, at: time, in: tx) }
        return outcome
    }

    /// Every submission for a contract, by period then import order.
    public func history(contract: String) async throws -> [StoredReturn] {
        try await backend.read { tx in try StoreCore.history(contract: contract, in: tx) }
    }

    public func importLog() async throws -> [ImportLogEntry] {
        try await backend.read { tx in try StoreCore.importLog(in: tx) }
    }

    /// The items of the current return of each period starting on or before `asOf`, in period
    /// order then document order.
    public func items(contract: String, asOf: CalendarDate) async throws -> [DeliveredItem] {
        try await backend.read { tx in try StoreCore.items(contract: contract, asOf: asOf, in: tx) }
    }

    /// One contract's progress; `scorer` adds committed and delivered points.
    public func progress(contract id: String, asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults,
                         scorer: (any PointsScorer)? = nil) async throws -> ContractProgress? {
        let read = try await backend.read { tx -> (StoredContract, [DeliveredItem])? in
            guard let contract = try StoreCore.contract(id, in: tx) else { return nil }
            return (contract, try StoreCore.items(contract: id, asOf: asOf, in: tx))
        }
        guard let (contract, items) = read else { return nil }
        var progress = try ProgressCalculator.progress(of: contract.terms, items: items, asOf: asOf,
                                                       thresholds: thresholds, timeline: true)
        progress.withdrawal = contract.summary.withdrawal
        if let scorer {
            let delivered = DeliveredCommitments.build(bid: contract.bid, progress: progress, items: items)
            progress.points = PointsComparison(committed: contract.summary.committedPoints,
                                               delivered: try scorer.points(for: delivered, like: contract.bid))
        }
        return progress
    }

    /// Every contract as of `asOf`, from the delivery summaries the imports keep: one row per
    /// contract whatever the number of returns. Gives the same portfolio as
    /// `portfolioFromReturns` (docs/performance-monitoring.md).
    public func portfolio(asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults) async throws -> Portfolio {
        try await backend.read { tx in try StoreCore.portfolio(asOf: asOf, thresholds: thresholds, in: tx) }
    }

    /// Every contract as of `asOf`, recomputed from every item of the current returns in one
    /// read transaction. Slower than `portfolio`; the reference the summaries are checked against.
    public func portfolioFromReturns(asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults) async throws
        -> Portfolio {
        try await backend.read { tx in try StoreCore.portfolioFromReturns(asOf: asOf, thresholds: thresholds, in: tx) }
    }
}

// MARK: Returns due

extension EvaluationStore {
    /// The returns each contract owes as of `asOf` (service.md, "Returns due"), overdue first,
    /// then by contract and period; only the contracts named, when given.
    public func returnsDue(asOf: CalendarDate, contracts only: Set<String>? = nil) async throws -> [DueReturn] {
        let (contracts, returned) = try await backend.read { tx -> ([ContractSummary], [String: Set<ReturnPeriod>]) in
            var returned: [String: Set<ReturnPeriod>] = [:]
            for row in try tx.rows("SELECT contract_id, period FROM returns WHERE superseded_by IS NULL", []) {
                returned[try row.text(0), default: []].insert(try storedPeriod(row.text(1)))
            }
            return (try StoreCore.contracts(in: tx), returned)
        }
        // A withdrawn contract owes nothing.
        let due = contracts.filter { $0.withdrawal == nil && (only?.contains($0.contractID) ?? true) }.flatMap {
            ReturnsDue.due($0, returned: returned[$0.contractID] ?? [], asOf: asOf)
        }
        return due.sorted { a, b in
            a.overdue != b.overdue ? a.overdue : a.contractID != b.contractID ? a.contractID < b.contractID : a.period < b.period
        }
    }
}
