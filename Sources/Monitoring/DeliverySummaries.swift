import Documents
import Foundation
import GRDB

/// What one contract had delivered as of any date from one of its period starts to the next:
/// delivered per commitment and the hires tallied as the portfolio counts them. Only the
/// returns counted change with the date (periods starting on or before it); expected, percent
/// and status are computed from these at report time for the date asked.
struct DeliverySnapshot: Sendable, Hashable {
    /// In the contract's commitment order.
    var delivered: [Exact]
    var hires: HireTallies

    /// Nothing counted yet: before the first period's start, or no return at all.
    static func empty(commitments: Int) -> DeliverySnapshot {
        DeliverySnapshot(delivered: Array(repeating: .zero, count: commitments), hires: HireTallies())
    }

    /// One snapshot per distinct period start on or after `from` (all when nil), each computed
    /// by `ProgressCalculator` as of that start, so the summary and the detailed path cannot
    /// disagree: between two period starts the same returns count, and neither delivered
    /// (sustained and in post both count) nor the hire tallies depend on the date otherwise.
    static func snapshots(of terms: ContractTerms, items: [DeliveredItem], from: CalendarDate?)
        throws(ArithmeticError) -> [(from: CalendarDate, snapshot: DeliverySnapshot)] {
        var result: [(from: CalendarDate, snapshot: DeliverySnapshot)] = []
        for start in Set(items.map(\.period.start)).sorted() where from.map({ start >= $0 }) ?? true {
            let progress = try ProgressCalculator.progress(of: terms, items: items, asOf: start)
            result.append((start, DeliverySnapshot(
                delivered: progress.commitments.map(\.delivered),
                hires: HireTallies(progress.commitments.lazy.flatMap(\.hireOutcomes)))))
        }
        return result
    }
}

// Stored forms. `delivered`: exact texts separated by spaces. `hires`: a first line of 22
// counts (without area counted, not counted, then deciles 1 to 10 the same way), then one line
// per council, `counted notCounted name`, the name with `%` and line feeds escaped.

extension DeliverySnapshot {
    var storedDelivered: String { delivered.map(\.exactText).joined(separator: " ") }

    init(storedDelivered: String, hires: String) throws {
        self.init(delivered: try storedDelivered.split(separator: " ").map { try storedExact(String($0)) },
                  hires: try HireTallies(stored: hires))
    }
}

extension HireTallies {
    var stored: String {
        var text = ([withoutArea] + deciles).map { "\($0.counted) \($0.notCounted)" }.joined(separator: " ")
        for (council, tally) in councils.sorted(by: { $0.key < $1.key }) {
            let name = council.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            text += "\n\(tally.counted) \(tally.notCounted) \(name)"
        }
        return text
    }

    init(stored text: String) throws {
        self.init()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let counts = lines[0].split(separator: " ").map { Int($0) }
        guard counts.count == 22, counts.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw StoreError.corrupt("delivery summary '\(lines[0])'")
        }
        func tally(_ i: Int) -> HireTally { HireTally(counted: counts[2 * i] ?? 0, notCounted: counts[2 * i + 1] ?? 0) }
        withoutArea = tally(0)
        deciles = (1...10).map(tally)
        for line in lines.dropFirst() {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let counted = Int(fields[0]), let notCounted = Int(fields[1]) else {
                throw StoreError.corrupt("delivery summary '\(line)'")
            }
            var name = String(fields[2])
            if name.contains("%") {
                name = name.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%25", with: "%")
            }
            councils[name] = HireTally(counted: counted, notCounted: notCounted)
        }
    }
}

extension MonitoringStore {
    /// Rewrites the delivery summaries of contract `id` from the period starting at `from` on
    /// (every one when nil); earlier summaries do not count that period and stay as they are.
    /// Runs inside the import's transaction, so summaries and returns never disagree.
    static func refreshSummaries(contract id: String, from: CalendarDate?, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT supplier, start, end FROM contracts WHERE id = ?",
                                         arguments: [id]) else { return }
        let terms = ContractTerms(contractID: id, supplier: row["supplier"], start: try storedDate(row["start"]),
                                  end: try storedDate(row["end"]), commitments: try commitmentTerms(of: id, in: db))
        let items = try items(contract: id, asOf: nil, in: db)
        try db.execute(sql: "DELETE FROM delivery_summaries WHERE contract_id = ? AND from_date >= ?",
                       arguments: [id, from?.description ?? ""])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO delivery_summaries (contract_id, from_date, delivered, hires) VALUES (?, ?, ?, ?)
            """)
        for (start, snapshot) in try DeliverySnapshot.snapshots(of: terms, items: items, from: from) {
            try insert.execute(arguments: [id, start.description, snapshot.storedDelivered, snapshot.hires.stored])
        }
    }

    /// Each contract's latest summary starting on or before `asOf`, by contract id.
    static func snapshots(asOf: CalendarDate, in db: Database) throws -> [String: DeliverySnapshot] {
        // SQLite takes the bare columns from the row holding the max() of its group.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT contract_id, max(from_date), delivered, hires FROM delivery_summaries
            WHERE from_date <= ? GROUP BY contract_id
            """, arguments: [asOf.description])
        var result: [String: DeliverySnapshot] = [:]
        while let row = try rows.next() {
            result[row[0]] = try DeliverySnapshot(storedDelivered: row[2], hires: row[3])
        }
        return result
    }
}
