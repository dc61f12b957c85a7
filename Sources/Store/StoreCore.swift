import Areas
import Documents
import Foundation
import Monitoring
import Scoring

/// The store's work, written once against `SQLTransaction` and run by `EvaluationStore` inside
/// one transaction per call on either backend.
enum StoreCore {}

// MARK: Contracts

extension StoreCore {
    static let contractColumns = """
        c.id, c.supplier, c.bid_id, c.tender_id, c.start, c."end", c.bid_file, c.bid_sha256, c.scheme_name,
        c.scheme_file, c.scheme_sha256, c.committed_points_json, c.committed_points_total, c.awarded, c.reporting,
        c.grace_days, c.ranking_id, c.override_reason, c.awarded_by,
        (SELECT count(*) FROM commitments m WHERE m.contract_id = c.id),
        (SELECT count(*) FROM returns r WHERE r.contract_id = c.id AND r.superseded_by IS NULL),
        c.value, c.value_currency, c.supplier_id, c.sme, c.third_sector, c.priority_groups,
        c.bid_json, c.tender_json,
        w.reason, w.withdrawn_by, w.withdrawn_at
        """
    /// The condition on `contracts c` that leaves withdrawn contracts out.
    static let notWithdrawn = "NOT EXISTS (SELECT 1 FROM contract_withdrawals w WHERE w.contract_id = c.id)"
    /// What `contractColumns` reads from: each contract with its withdrawal, if any.
    static let contractTables = "contracts c LEFT JOIN contract_withdrawals w ON w.contract_id = c.id"

    static func award(_ award: Award, terms: [CommitmentTerms], time: String, in tx: any SQLTransaction) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bidJSON = String(decoding: try encoder.encode(award.bid), as: UTF8.self)
        let pointsJSON = String(decoding: try encoder.encode(award.committedPoints.lines), as: UTF8.self)
        let tenderJSON = try award.tender.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let d = award.details
        // Two processes awarding one id: the second finds the row and is refused, never fails.
        let inserted = try tx.execute("""
            INSERT INTO contracts (id, supplier, bid_id, tender_id, start, "end", bid_file, bid_sha256,
                scheme_name, scheme_file, scheme_sha256, bid_json, tender_json, committed_points_json,
                committed_points_total, awarded_at, awarded, reporting, grace_days, ranking_id, override_reason, awarded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """, [award.contractID, award.bid.bidder.name, award.bid.id, award.bid.tenderID,
                  award.start.description, award.end.description, award.bidFile, award.bidSHA256,
                  award.scheme.name, award.scheme.file, award.scheme.sha256, bidJSON, tenderJSON, pointsJSON,
                  award.committedPoints.total.exactText, time, (d.awarded ?? award.start).description,
                  d.reporting.rawValue, d.graceDays, d.rankingID, d.overrideReason, d.awardedBy])
        guard inserted == 1 else { throw award.alreadyAwarded }
        try writeFacts(award.facts, contract: award.contractID, in: tx)
        for (seq, c) in terms.enumerated() {
            try tx.execute("""
                INSERT INTO commitments (contract_id, seq, ref, kind, committed, weeks, area, area_deprived,
                    target_groups, supply_chain_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [award.contractID, seq, c.ref, c.kind.rawValue, c.committed.exactText, c.weeks,
                      c.area, c.areaDeprived, c.targetGroups.stored, c.supplyChainKind?.rawValue])
        }
    }

    static func contracts(in tx: any SQLTransaction) throws -> [ContractSummary] {
        try tx.rows("SELECT \(contractColumns) FROM \(contractTables) ORDER BY c.id", []).map(summary)
    }

    static func contract(_ id: String, in tx: any SQLTransaction) throws -> StoredContract? {
        guard let row = try tx.row("SELECT \(contractColumns) FROM \(contractTables) WHERE c.id = ?", [id]) else { return nil }
        let summary = try Self.summary(row)
        let bid = try JSONDecoder().decode(Bid.self, from: Data(try row.text(27).utf8))
        let tender = try row.optionalText(28).map { try JSONDecoder().decode(Tender.self, from: Data($0.utf8)) }
        return StoredContract(summary: summary, bid: bid, tender: tender, terms: ContractTerms(
            contractID: id, supplier: summary.supplier, start: summary.start, end: summary.end,
            commitments: try commitmentTerms(of: id, in: tx)))
    }

    static func summary(_ row: SQLRow) throws -> ContractSummary {
        let lines = try JSONDecoder().decode([PointsLine].self, from: Data(try row.text(11).utf8))
        let start = try storedDate(row.text(4))
        let details = AwardDetails(
            awarded: try row.optionalText(13).map(storedDate),
            reporting: Reporting(rawValue: try row.text(14)) ?? .quarterly, graceDays: try row.int(15),
            rankingID: try row.optionalText(16), overrideReason: try row.optionalText(17),
            awardedBy: try row.optionalText(18))
        return ContractSummary(
            contractID: try row.text(0), supplier: try row.text(1), bidID: try row.text(2), tenderID: try row.text(3),
            start: start, end: try storedDate(row.text(5)),
            scheme: SchemeReference(name: try row.text(8), file: try row.text(9), sha256: try row.text(10)),
            bidFile: try row.text(6), bidSHA256: try row.text(7),
            committedPoints: ScoredPoints(lines: lines, total: try storedExact(row.text(12))),
            commitments: try row.int(19), returns: try row.int(20), details: details, facts: try facts(row, from: 21),
            withdrawal: try row.optionalText(29).map { ContractWithdrawal(reason: $0, by: try row.text(30), at: try row.text(31)) })
    }

    /// The award's facts, in the six columns from `first` (written at award, or by migration v5).
    static func facts(_ row: SQLRow, from first: Int) throws -> AwardFacts {
        AwardFacts(value: Money(try storedExact(row.text(first)), currency: try row.text(first + 1)),
                   supplierID: try row.text(first + 2), sme: try row.bool(first + 3), thirdSector: try row.bool(first + 4),
                   priorityGroups: storedGroups(try row.text(first + 5)))
    }

    /// What `commitmentTerms(_:)` reads, by position (the portfolio reads 50,000 of them).
    static let commitmentColumns =
        "ref, kind, committed, weeks, area, area_deprived, target_groups, supply_chain_kind, contract_id"

    static func commitmentTerms(of contract: String, in tx: any SQLTransaction) throws -> [CommitmentTerms] {
        try tx.rows("SELECT \(commitmentColumns) FROM commitments WHERE contract_id = ? ORDER BY seq", [contract])
            .map(commitmentTerms)
    }

    static func commitmentTerms(_ row: SQLRow) throws -> CommitmentTerms {
        guard let kind = CommitmentKind(rawValue: try row.text(1)) else { throw StoreError.corrupt("commitment kind") }
        return CommitmentTerms(
            ref: try row.text(0), kind: kind, committed: try storedExact(row.text(2)), weeks: try row.int(3),
            area: try row.optionalText(4), areaDeprived: try row.bool(5), targetGroups: storedGroups(try row.text(6)),
            supplyChainKind: try row.optionalText(7).flatMap(SupplyChainKind.init(rawValue:)))
    }

    /// Every contract's terms, in the store's id order, but for withdrawn contracts (which the
    /// portfolio and the annual report leave out). Not `detailed`: only ref, kind and
    /// committed, all that is measured against summaries.
    static func allTerms(in tx: any SQLTransaction, detailed: Bool = true) throws -> [ContractTerms] {
        var terms: [ContractTerms] = []
        try tx.forEachRow("SELECT id, supplier, start, \"end\" FROM contracts c WHERE \(notWithdrawn) ORDER BY id", []) { row in
            terms.append(ContractTerms(contractID: try row.text(0), supplier: try row.text(1),
                                       start: try storedDate(row.text(2)), end: try storedDate(row.text(3)),
                                       commitments: []))
        }
        // Commitments come in the same contract order: each belongs to the current contract or a later one.
        var index = terms.startIndex
        let columns = detailed ? commitmentColumns : "ref, kind, committed, 0, NULL, 0, '', NULL, contract_id"
        try tx.forEachRow("""
            SELECT \(columns) FROM commitments WHERE NOT EXISTS (
                SELECT 1 FROM contract_withdrawals w WHERE w.contract_id = commitments.contract_id)
            ORDER BY contract_id, seq
            """, []) { row in
            let id = try row.text(8)
            while index < terms.endIndex, terms[index].contractID != id { index += 1 }
            guard index < terms.endIndex else { throw StoreError.corrupt("commitment of an unknown contract \(id)") }
            terms[index].commitments.append(try commitmentTerms(row))
        }
        return terms
    }
}

// MARK: Returns

extension StoreCore {
    /// Validates a return against its contract and stores it with its log entry. A refusal
    /// stores nothing from the file (only the log entry).
    static func importReturn(_ ret: DeliveryReturn, file: String, sha256: String, areas: any AreaLookup,
                             time: String, in tx: any SQLTransaction) throws -> ImportOutcome {
        try tx.lockContract(ret.contractID)
        var outcome = ImportOutcome(file: file, sha256: sha256, contractID: ret.contractID,
                                    period: ret.period.description, result: .refused)
        outcome.submitted = ret.submitted
        if let withdrawal = try withdrawal(of: ret.contractID, in: tx) {
            // A withdrawn contract owes nothing: a return for it is refused, and logged.
            outcome.diagnostics = [Diagnostic(MonitoringDiagnostic.withdrawn, at: ret.location,
                message: "DeliveryReturn/@contract: contract '\(ret.contractID)' was \(withdrawal.sentence); nothing stored",
                hint: "a withdrawn contract takes no returns; check the contract id")]
        } else if let contract = try tx.row("SELECT start, \"end\" FROM contracts WHERE id = ?", [ret.contractID]) {
            let validated = ReturnCheck.validate(ret, start: try storedDate(contract.text(0)),
                                                 end: try storedDate(contract.text(1)),
                                                 commitments: try commitmentTerms(of: ret.contractID, in: tx), areas: areas)
            switch validated {
            case .failure(let error):
                outcome.diagnostics = error.diagnostics.sortedForReport()
            case .success(let items):
                try store(ret, items: items, file: file, sha256: sha256, time: time, outcome: &outcome, in: tx)
            }
        } else {
            outcome.diagnostics = ReturnCheck.unknownContract(ret).diagnostics
        }
        try log(outcome, at: time, in: tx)
        return outcome
    }

    /// A valid return: unchanged when the same file is already a submission of the period;
    /// otherwise a new submission, current if it is the latest submitted (a tie goes to this,
    /// the later import), else kept in the history with nothing else changed.
    private static func store(_ ret: DeliveryReturn, items: [(DeliveredItem, SourceLocation)], file: String,
                              sha256: String, time: String, outcome: inout ImportOutcome,
                              in tx: any SQLTransaction) throws {
        let period = ret.period.description
        if let same = try tx.row("""
            SELECT id, superseded_by FROM returns WHERE contract_id = ? AND period = ? AND file_sha256 = ?
            ORDER BY id DESC LIMIT 1
            """, [ret.contractID, period, sha256]) {
            outcome.result = .unchanged
            outcome.returnID = try same.int64(0)
            outcome.current = try same.optionalInt64(1) == nil
            return
        }
        let current = try tx.row("""
            SELECT id, submitted FROM returns WHERE contract_id = ? AND period = ? AND superseded_by IS NULL
            """, [ret.contractID, period])
        let id = try tx.nextID(of: "returns")
        outcome.returnID = id
        if let current {
            let currentID = try current.int64(0)
            let currentSubmitted = try storedDate(current.text(1))
            if CurrentSubmission.isLater(submitted: ret.submitted, imported: id, than: currentSubmitted, imported: currentID) {
                // The earlier return leaves the "current" index before the new one enters it
                // (the foreign key to the new row is checked at commit).
                try tx.execute("UPDATE returns SET superseded_by = ? WHERE id = ?", [id, currentID])
                try insert(ret, id: id, supersededBy: nil, items: items, file: file, sha256: sha256, time: time, in: tx)
                try refreshSummaries(contract: ret.contractID, from: ret.period.start, in: tx)
                outcome.result = .replaced
                outcome.replacedReturnID = currentID
                outcome.current = true
            } else {
                try insert(ret, id: id, supersededBy: currentID, items: items, file: file, sha256: sha256, time: time, in: tx)
                outcome.result = .stored
                outcome.current = false
                outcome.currentReturnID = currentID
                outcome.currentSubmitted = currentSubmitted
            }
        } else {
            try insert(ret, id: id, supersededBy: nil, items: items, file: file, sha256: sha256, time: time, in: tx)
            try refreshSummaries(contract: ret.contractID, from: ret.period.start, in: tx)
            outcome.result = .stored
            outcome.current = true
        }
    }

    static func log(_ outcome: ImportOutcome, at time: String, in tx: any SQLTransaction) throws {
        var message = outcome.message
        for d in outcome.diagnostics { message += "\n" + d.description }
        try tx.execute("""
            INSERT INTO import_log (at, file, file_sha256, contract_id, period, result, return_id, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [time, outcome.file, outcome.sha256, outcome.contractID, outcome.period,
                  outcome.result.rawValue, outcome.returnID, message])
    }

    private static func insert(_ ret: DeliveryReturn, id: Int64, supersededBy: Int64?,
                               items: [(DeliveredItem, SourceLocation)], file: String, sha256: String, time: String,
                               in tx: any SQLTransaction) throws {
        try tx.execute("""
            INSERT INTO returns (id, contract_id, period, period_start, period_end, submitted, file, file_sha256,
                imported_at, superseded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, ret.contractID, ret.period.description, ret.period.start.description,
                  ret.period.end.description, ret.submitted.description, file, sha256, time, supersededBy])
        for (seq, (item, location)) in items.enumerated() {
            try tx.execute("""
                INSERT INTO return_items (return_id, seq, kind, ref, person, date, quantity, size, fte, hourly_rate,
                    supply_chain_kind, area, decile, council, target_groups, line, "column", qualification)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, seq, item.kind.rawValue, item.ref, item.person, item.date?.description,
                      item.quantity.exactText, item.size, item.fte?.exactText, item.hourlyRate?.exactText,
                      item.supplyChainKind?.rawValue, item.area, item.decile, item.council, item.targetGroups.stored,
                      location.line, location.column, item.qualification])
            // Validation keeps one stored item per item of the return, in order.
            if seq < ret.items.count, let b = ret.items[seq].background {
                try tx.execute("""
                    INSERT INTO backgrounds (return_id, seq, parental_occupation, school, free_school_meals,
                        parental_qualification) VALUES (?, ?, ?, ?, ?, ?)
                    """, [id, seq, b.parentalOccupation?.rawValue, b.school?.rawValue, b.freeSchoolMeals?.rawValue,
                          b.parentalQualification?.rawValue])
            }
        }
    }

    static func history(contract: String, in tx: any SQLTransaction) throws -> [StoredReturn] {
        try tx.rows("""
            SELECT r.id, r.contract_id, r.period, r.submitted, r.file, r.file_sha256, r.imported_at, r.superseded_by,
                   (SELECT count(*) FROM return_items i WHERE i.return_id = r.id)
            FROM returns r WHERE contract_id = ? ORDER BY period_start, period, id
            """, [contract]).map { row in
            guard let period = ReturnPeriod(try row.text(2)) else { throw StoreError.corrupt("period") }
            return StoredReturn(id: try row.int64(0), contractID: try row.text(1), period: period,
                                submitted: try storedDate(row.text(3)), file: try row.text(4), sha256: try row.text(5),
                                importedAt: try row.text(6), supersededBy: try row.optionalInt64(7), items: try row.int(8))
        }
    }

    static func importLog(in tx: any SQLTransaction) throws -> [ImportLogEntry] {
        try tx.rows("""
            SELECT id, at, file, file_sha256, contract_id, period, result, return_id, message FROM import_log ORDER BY id
            """, []).map { row in
            ImportLogEntry(id: try row.int64(0), at: try row.text(1), file: try row.text(2), sha256: try row.text(3),
                           contractID: try row.optionalText(4), period: try row.optionalText(5),
                           result: ImportResult(rawValue: try row.text(6)) ?? .refused,
                           returnID: try row.optionalInt64(7), message: try row.text(8))
        }
    }

    /// Puts right every period whose current return is not its latest submitted (stores written
    /// before submissions were ordered by date, issue 13.6), and the summaries from that period
    /// on. Returns the periods changed, `contract period`.
    static func reorderCurrentSubmissions(in tx: any SQLTransaction) throws -> [String] {
        var groups: [String: [(id: Int64, submitted: String, superseded: Int64?, start: String)]] = [:]
        var order: [String] = []
        for row in try tx.rows("""
            SELECT contract_id, period, id, submitted, superseded_by, period_start FROM returns ORDER BY contract_id, period, id
            """, []) {
            let key = "\(try row.text(0)) \(try row.text(1))"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((try row.int64(2), try row.text(3), try row.optionalInt64(4), try row.text(5)))
        }
        var changed: [String] = []
        var refresh: [String: String] = [:]
        for key in order {
            guard let rows = groups[key], let latest = rows.max(by: { a, b in
                a.submitted != b.submitted ? a.submitted < b.submitted : a.id < b.id }) else { continue }
            guard let wrong = rows.first(where: { $0.superseded == nil }), wrong.id != latest.id else { continue }
            try tx.execute("UPDATE returns SET superseded_by = ? WHERE id = ?", [latest.id, wrong.id])
            try tx.execute("UPDATE returns SET superseded_by = NULL WHERE id = ?", [latest.id])
            let contract = String(key.prefix(while: { $0 != " " }))
            refresh[contract] = min(refresh[contract] ?? latest.start, latest.start)
            changed.append(key)
        }
        for (contract, from) in refresh.sorted(by: { $0.key < $1.key }) {
            try refreshSummaries(contract: contract, from: try storedDate(from), in: tx)
        }
        return changed
    }
}

// MARK: Reading delivery

extension StoreCore {
    static let itemsSQL = """
        SELECT r.contract_id, r.period, i.kind, i.ref, i.person, i.date, i.quantity, i.size, i.fte, i.hourly_rate,
               i.supply_chain_kind, i.area, i.decile, i.council, i.target_groups, i.qualification
        FROM returns r JOIN return_items i ON i.return_id = r.id
        WHERE r.superseded_by IS NULL AND r.period_start <= ?
        """

    /// Only what the portfolio reads, in the partial index's order (no sort step).
    static let portfolioSQL = """
        SELECT r.contract_id, r.period, i.kind, i.ref, i.person, i.date, i.quantity, i.area, i.decile, i.council,
               i.target_groups
        FROM returns r JOIN return_items i ON i.return_id = r.id
        WHERE r.superseded_by IS NULL AND r.period_start <= ?
        ORDER BY r.contract_id, r.period_start, r.period, i.seq
        """

    /// The items of the current return of each period starting on or before `asOf` (every one
    /// when nil), in period order then document order.
    static func items(contract: String, asOf: CalendarDate?, in tx: any SQLTransaction) throws -> [DeliveredItem] {
        var items: [DeliveredItem] = []
        var decoder = ItemDecoder()
        try tx.forEachRow("\(itemsSQL) AND r.contract_id = ? ORDER BY r.period_start, r.period, i.seq",
                          [asOf?.description ?? "9999-12-31", contract]) { row in
            items.append(try decoder.item(row))
        }
        return items
    }

    static func portfolio(asOf: CalendarDate, thresholds: RAGThresholds, in tx: any SQLTransaction) throws -> Portfolio {
        var builder = PortfolioBuilder(asOf: asOf, thresholds: thresholds)
        // Both lists are in the store's contract id order: walk them side by side.
        let snapshots = try Self.snapshots(asOf: asOf, in: tx)
        var next = snapshots.startIndex
        for terms in try allTerms(in: tx, detailed: false) {
            var snapshot = DeliverySnapshot.empty(commitments: terms.commitments.count)
            if next < snapshots.endIndex, snapshots[next].contractID == terms.contractID {
                snapshot = snapshots[next].snapshot
                next += 1
            }
            guard snapshot.delivered.count == terms.commitments.count else {
                throw StoreError.corrupt("delivery summary of contract \(terms.contractID)")
            }
            try builder.add(terms, snapshot: snapshot)
        }
        guard next == snapshots.endIndex else { throw StoreError.corrupt("delivery summary of an unknown contract") }
        var portfolio = try builder.build()
        portfolio.background = try portfolioBackground(asOf: asOf, in: tx)
        return portfolio
    }

    static func portfolioFromReturns(asOf: CalendarDate, thresholds: RAGThresholds, in tx: any SQLTransaction) throws -> Portfolio {
        var builder = PortfolioBuilder(asOf: asOf, thresholds: thresholds)
        let terms = Dictionary(try allTerms(in: tx).map { ($0.contractID, $0) }, uniquingKeysWith: { a, _ in a })
        var done = Set<String>()
        var current: String?
        var batch: [DeliveredItem] = []
        var decoder = ItemDecoder()
        func flush() throws {
            guard let id = current, let t = terms[id] else { return }
            try builder.add(ProgressCalculator.progress(of: t, items: batch, asOf: asOf, thresholds: thresholds))
            done.insert(id)
        }
        try tx.forEachRow(portfolioSQL, [asOf.description]) { row in
            let id = try row.text(0)
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
        var portfolio = try builder.build()
        portfolio.background = try portfolioBackground(asOf: asOf, in: tx)
        return portfolio
    }
}

/// Reads item rows, remembering the few distinct periods and group lists it has seen.
struct ItemDecoder {
    private var periods: [String: ReturnPeriod] = [:]
    private var groups: [String: [TargetGroup]] = [:]

    /// A row of `StoreCore.portfolioSQL`: no fte, rate, size or supply-chain kind.
    mutating func portfolioItem(_ row: SQLRow) throws -> DeliveredItem {
        guard let kind = DeliveredItem.Kind(rawValue: try row.text(2)) else { throw StoreError.corrupt("return item kind") }
        return DeliveredItem(
            period: try period(row.text(1)), kind: kind, ref: try row.optionalText(3), person: try row.optionalText(4),
            date: try row.optionalText(5).map(storedDate), quantity: try storedExact(row.text(6)),
            area: try row.optionalText(7), decile: try row.optionalInt(8), council: try row.optionalText(9),
            targetGroups: groups(try row.text(10)))
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

    /// A row of `StoreCore.itemsSQL`.
    mutating func item(_ row: SQLRow) throws -> DeliveredItem {
        guard let kind = DeliveredItem.Kind(rawValue: try row.text(2)) else { throw StoreError.corrupt("return item kind") }
        return DeliveredItem(
            period: try period(row.text(1)), kind: kind, ref: try row.optionalText(3), person: try row.optionalText(4),
            date: try row.optionalText(5).map(storedDate), quantity: try storedExact(row.text(6)), size: try row.optionalInt(7),
            fte: try row.optionalText(8).map(storedExact), hourlyRate: try row.optionalText(9).map(storedExact),
            supplyChainKind: try row.optionalText(10).flatMap(SupplyChainKind.init(rawValue:)),
            area: try row.optionalText(11), decile: try row.optionalInt(12), council: try row.optionalText(13),
            targetGroups: groups(try row.text(14)), qualification: try row.optionalText(15))
    }
}
