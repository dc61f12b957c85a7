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
        self.init(delivered: try storedFields(storedDelivered[...], separator: " ").map { try storedExact(String($0)) },
                  hires: try HireTallies(stored: hires))
    }
}

extension HireTallies {
    var stored: String {
        var text = ([withoutArea] + deciles).map { "\($0.counted) \($0.notCounted)" }.joined(separator: " ")
        for (council, tally) in councils.sorted(by: { $0.key < $1.key }) {
            var name = council
            if name.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\n") }) {
                name = name.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            }
            text += "\n\(tally.counted) \(tally.notCounted) \(name)"
        }
        return text
    }

    /// Read in one pass over the bytes: the portfolio reads one per contract.
    init(stored text: String) throws {
        self.init()
        var scan = ByteScanner(text)
        var counts: [Int] = []
        counts.reserveCapacity(22)
        while counts.count < 22, counts.isEmpty || scan.skip(" "), let n = scan.count() { counts.append(n) }
        guard counts.count == 22 else { throw StoreError.corrupt("delivery summary '\(text)'") }
        func tally(_ i: Int) -> HireTally { HireTally(counted: counts[2 * i], notCounted: counts[2 * i + 1]) }
        withoutArea = tally(0)
        deciles = (1...10).map(tally)
        while !scan.atEnd {
            guard scan.skip("\n"), let counted = scan.count(), scan.skip(" "), let notCounted = scan.count(),
                  scan.skip(" ") else { throw StoreError.corrupt("delivery summary '\(text)'") }
            var name = String(decoding: scan.bytes(upTo: "\n"), as: UTF8.self)
            if name.utf8.contains(UInt8(ascii: "%")) {
                name = name.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%25", with: "%")
            }
            councils[name] = HireTally(counted: counted, notCounted: notCounted)
        }
    }
}

/// Reads ASCII counts and separators off the bytes of a stored text.
private struct ByteScanner {
    private let bytes: [UInt8]
    private var at = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { at == bytes.endIndex }

    mutating func skip(_ separator: Unicode.Scalar) -> Bool {
        guard at < bytes.endIndex, bytes[at] == UInt8(ascii: separator) else { return false }
        at += 1
        return true
    }

    /// A non-negative decimal count; nil when no digit comes or it would overflow.
    mutating func count() -> Int? {
        let start = at
        var value = 0
        while at < bytes.endIndex, bytes[at] >= 48, bytes[at] <= 57 {
            guard value < Int.max / 10 - 9 else { return nil }
            value = value * 10 + Int(bytes[at] - 48)
            at += 1
        }
        return at > start ? value : nil
    }

    mutating func bytes(upTo separator: Unicode.Scalar) -> ArraySlice<UInt8> {
        let start = at
        while at < bytes.endIndex, bytes[at] != UInt8(ascii: separator) { at += 1 }
        return bytes[start..<at]
    }
}

extension MonitoringStore {
    /// Rewrites the delivery summaries of contract `id` from the period starting at `from` on
    /// (every one when nil); earlier summaries do not count that period and stay as they are.
    /// Runs inside the import's transaction, so summaries and returns never disagree.
    static func refreshSummaries(contract id: String, from: CalendarDate?, in db: Database) throws {
        // Cached statements: an import runs these once per return, and preparing them (GRDB's
        // authorizer walks every column) cost more than running them.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT supplier, start, end FROM contracts WHERE id = ?"),
                                         arguments: [id]) else { return }
        let terms = ContractTerms(contractID: id, supplier: row["supplier"], start: try storedDate(row["start"]),
                                  end: try storedDate(row["end"]), commitments: try commitmentTerms(of: id, in: db))
        let items = try items(contract: id, asOf: nil, in: db)
        try db.cachedStatement(sql: "DELETE FROM delivery_summaries WHERE contract_id = ? AND from_date >= ?")
            .execute(arguments: [id, from?.description ?? ""])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO delivery_summaries (contract_id, from_date, delivered, hires) VALUES (?, ?, ?, ?)
            """)
        for (start, snapshot) in try DeliverySnapshot.snapshots(of: terms, items: items, from: from) {
            try insert.execute(arguments: [id, start.description, snapshot.storedDelivered, snapshot.hires.stored])
        }
    }

    /// Each contract's latest summary starting on or before `asOf`, in contract id order (the
    /// store's, as for `allTerms`).
    static func snapshots(asOf: CalendarDate, in db: Database) throws -> [(contractID: String, snapshot: DeliverySnapshot)] {
        // Two primary-key searches per contract (no scan of every period's summary, no sort).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id, s.delivered, s.hires FROM contracts c JOIN delivery_summaries s
            ON s.contract_id = c.id AND s.from_date = (SELECT max(from_date) FROM delivery_summaries m
                                                      WHERE m.contract_id = c.id AND m.from_date <= ?)
            ORDER BY c.id
            """, arguments: [asOf.description])
        var result: [(contractID: String, snapshot: DeliverySnapshot)] = []
        while let row = try rows.next() {
            result.append((row[0], try DeliverySnapshot(storedDelivered: row[1], hires: row[2])))
        }
        return result
    }
}
