import Documents
import GRDB

extension MonitoringStore {
    /// The items of the current return of each period starting on or before `asOf`, in period
    /// order then document order.
    public func items(contract: String, asOf: CalendarDate) throws -> [DeliveredItem] {
        try pool.read { db in try Self.items(contract: contract, asOf: asOf, in: db) }
    }

    /// As above; every current return when `asOf` is nil.
    static func items(contract: String, asOf: CalendarDate?, in db: Database) throws -> [DeliveredItem] {
        var items: [DeliveredItem] = []
        var decoder = ItemDecoder()
        let statement = try db.cachedStatement(sql: "\(itemsSQL) AND r.contract_id = ? ORDER BY r.period_start, r.period, i.seq")
        let rows = try Row.fetchCursor(statement, arguments: [asOf?.description ?? "9999-12-31", contract])
        while let row = try rows.next() { items.append(try decoder.item(row)) }
        return items
    }

    /// One contract's progress; `scorer` adds committed and delivered points.
    public func progress(contract id: String, asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults,
                         scorer: (any PointsScorer)? = nil) throws -> ContractProgress? {
        guard let contract = try contract(id) else { return nil }
        let items = try items(contract: id, asOf: asOf)
        var progress = try ProgressCalculator.progress(of: contract.terms, items: items, asOf: asOf,
                                                       thresholds: thresholds, timeline: true)
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
    public func portfolio(asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults) throws -> Portfolio {
        try pool.read { db in
            var builder = PortfolioBuilder(asOf: asOf, thresholds: thresholds)
            // Both lists are in the store's contract id order: walk them side by side.
            let snapshots = try Self.snapshots(asOf: asOf, in: db)
            var next = snapshots.startIndex
            for terms in try Self.allTerms(in: db, detailed: false) {
                var snapshot = DeliverySnapshot.empty(commitments: terms.commitments.count)
                if next < snapshots.endIndex, snapshots[next].contractID == terms.contractID {
                    snapshot = snapshots[next].snapshot
                    next += 1
                }
                guard snapshot.delivered.count == terms.commitments.count else {
                    throw StoreError.corrupt("delivery summary of contract \(terms.contractID)")
                }
                let fraction = try ProgressCalculator.termFraction(start: terms.start, end: terms.end, asOf: asOf)
                var lines: [CommitmentProgress] = []
                for (commitment, delivered) in zip(terms.commitments, snapshot.delivered) {
                    lines.append(try ProgressCalculator.line(commitment, delivered: delivered, fraction: fraction,
                                                             thresholds: thresholds))
                }
                try builder.add(contractID: terms.contractID, supplier: terms.supplier, lines: lines,
                                hires: snapshot.hires)
            }
            guard next == snapshots.endIndex else { throw StoreError.corrupt("delivery summary of an unknown contract") }
            return try builder.build()
        }
    }

    /// Every contract as of `asOf`, recomputed from every item of the current returns, streamed
    /// contract by contract in one read transaction. Slower than `portfolio`; the reference
    /// the summaries are checked against.
    public func portfolioFromReturns(asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults) throws -> Portfolio {
        try pool.read { db in
            var builder = PortfolioBuilder(asOf: asOf, thresholds: thresholds)
            let terms = Dictionary(try Self.allTerms(in: db).map { ($0.contractID, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = try Row.fetchCursor(db, sql: Self.portfolioSQL, arguments: [asOf.description])
            var done = Set<String>()
            var current: String?
            var batch: [DeliveredItem] = []
            var decoder = ItemDecoder()
            func flush() throws {
                guard let id = current, let t = terms[id] else { return }
                try builder.add(ProgressCalculator.progress(of: t, items: batch, asOf: asOf, thresholds: thresholds))
                done.insert(id)
            }
            while let row = try rows.next() {
                let id: String = row["contract_id"]
                if id != current {
                    try flush()
                    current = id
                    batch.removeAll(keepingCapacity: true)
                }
                batch.append(try decoder.portfolioItem(row))
            }
            try flush()
            // Contracts with no return yet still count, with nothing delivered.
            for (id, t) in terms where !done.contains(id) {
                try builder.add(ProgressCalculator.progress(of: t, items: [], asOf: asOf, thresholds: thresholds))
            }
            return try builder.build()
        }
    }

    /// Every contract's terms, in the store's id order (SQLite's binary order). Not `detailed`:
    /// only ref, kind and committed, all that is measured against summaries.
    static func allTerms(in db: Database, detailed: Bool = true) throws -> [ContractTerms] {
        var terms: [ContractTerms] = []
        let contracts = try Row.fetchCursor(db, sql: "SELECT id, supplier, start, end FROM contracts ORDER BY id")
        while let row = try contracts.next() {
            terms.append(ContractTerms(contractID: row[0], supplier: row[1], start: try storedDate(row[2]),
                                       end: try storedDate(row[3]), commitments: []))
        }
        // Commitments come in the same contract order: each belongs to the current contract or a later one.
        var index = terms.startIndex
        let columns = detailed ? commitmentColumns : "ref, kind, committed, 0, NULL, 0, '', NULL, contract_id"
        let commitments = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM commitments ORDER BY contract_id, seq")
        while let row = try commitments.next() {
            let id: String = row[8]
            while index < terms.endIndex, terms[index].contractID != id { index += 1 }
            guard index < terms.endIndex else { throw StoreError.corrupt("commitment of an unknown contract \(id)") }
            terms[index].commitments.append(try Self.commitmentTerms(row))
        }
        return terms
    }

    /// Only what the portfolio reads, in the partial index's order (no sort step).
    static let portfolioSQL = """
        SELECT r.contract_id, r.period, i.kind, i.ref, i.person, i.date, i.quantity, i.area, i.decile, i.council,
               i.target_groups
        FROM returns r JOIN return_items i ON i.return_id = r.id
        WHERE r.superseded_by IS NULL AND r.period_start <= ?
        ORDER BY r.contract_id, r.period_start, r.period, i.seq
        """

    static let itemsSQL = """
        SELECT r.contract_id, r.period, i.kind, i.ref, i.person, i.date, i.quantity, i.size, i.fte, i.hourly_rate,
               i.supply_chain_kind, i.area, i.decile, i.council, i.target_groups
        FROM returns r JOIN return_items i ON i.return_id = r.id
        WHERE r.superseded_by IS NULL AND r.period_start <= ?
        """

}

/// Reads item rows, remembering the few distinct periods and group lists it has seen.
struct ItemDecoder {
    private var periods: [String: ReturnPeriod] = [:]
    private var groups: [String: [TargetGroup]] = [:]

    /// A row of `MonitoringStore.portfolioSQL`: no fte, rate, size or supply-chain kind.
    mutating func portfolioItem(_ row: Row) throws -> DeliveredItem {
        guard let kind = DeliveredItem.Kind(rawValue: row[2]) else { throw StoreError.corrupt("return item kind") }
        return DeliveredItem(
            period: try period(row[1]), kind: kind, ref: row[3], person: row[4],
            date: try (row[5] as String?).map(storedDate), quantity: try storedExact(row[6]),
            area: row[7], decile: row[8], council: row[9], targetGroups: groups(row[10]))
    }

    private mutating func period(_ text: String) throws -> ReturnPeriod {
        if let known = periods[text] { return known }
        let period = try storedPeriod(text)
        periods[text] = period
        return period
    }

    private mutating func groups(_ text: String) -> [TargetGroup] {
        if let known = groups[text] { return known }
        let parsed = storedGroups(text)
        groups[text] = parsed
        return parsed
    }

    /// A row of `MonitoringStore.itemsSQL`.
    mutating func item(_ row: Row) throws -> DeliveredItem {
        guard let kind = DeliveredItem.Kind(rawValue: row[2]) else { throw StoreError.corrupt("return item kind") }
        let period = try period(row[1])
        let targetGroups = groups(row[14])
        return DeliveredItem(
            period: period, kind: kind, ref: row[3], person: row[4],
            date: try (row[5] as String?).map(storedDate), quantity: try storedExact(row[6]), size: row[7],
            fte: try (row[8] as String?).map(storedExact), hourlyRate: try (row[9] as String?).map(storedExact),
            supplyChainKind: (row[10] as String?).flatMap(SupplyChainKind.init(rawValue:)),
            area: row[11], decile: row[12], council: row[13], targetGroups: targetGroups)
    }
}
