import Documents
import Monitoring

// Stored forms. `delivered`: exact texts separated by spaces. `hires`: a first line of 22
// counts (without area counted, not counted, then deciles 1 to 10 the same way), then one line
// per council, `counted notCounted name`, the name with `%` and line feeds escaped.

extension DeliverySnapshot {
    package var storedDelivered: String { delivered.map(\.exactText).joined(separator: " ") }

    package init(storedDelivered: String, hires: String) throws {
        self.init(delivered: try storedFields(storedDelivered[...], separator: " ").map { try storedExact(String($0)) },
                  hires: try HireTallies(stored: hires))
    }
}

extension HireTallies {
    package var stored: String {
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
    package init(stored text: String) throws {
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

extension StoreCore {
    /// Rewrites the delivery summaries of contract `id` from the period starting at `from` on
    /// (every one when nil); earlier summaries do not count that period and stay as they are.
    /// Runs inside the import's transaction, so summaries and returns never disagree.
    static func refreshSummaries(contract id: String, from: CalendarDate?, in tx: any SQLTransaction) throws {
        guard let row = try tx.row("SELECT supplier, start, \"end\" FROM contracts WHERE id = ?", [id]) else { return }
        let terms = ContractTerms(contractID: id, supplier: try row.text(0), start: try storedDate(row.text(1)),
                                  end: try storedDate(row.text(2)), commitments: try commitmentTerms(of: id, in: tx))
        let items = try items(contract: id, asOf: nil, in: tx)
        try tx.execute("DELETE FROM delivery_summaries WHERE contract_id = ? AND from_date >= ?",
                       [id, from?.description ?? ""])
        for (start, snapshot) in try DeliverySnapshot.snapshots(of: terms, items: items, from: from) {
            try tx.execute("INSERT INTO delivery_summaries (contract_id, from_date, delivered, hires) VALUES (?, ?, ?, ?)",
                           [id, start.description, snapshot.storedDelivered, snapshot.hires.stored])
        }
    }

    /// Each contract's latest summary starting on or before `asOf`, in contract id order (the
    /// store's, as for `allTerms`), withdrawn contracts left out as there.
    static func snapshots(asOf: CalendarDate, in tx: any SQLTransaction) throws -> [(contractID: String, snapshot: DeliverySnapshot)] {
        // Two primary-key searches per contract (no scan of every period's summary, no sort).
        var result: [(contractID: String, snapshot: DeliverySnapshot)] = []
        try tx.forEachRow("""
            SELECT c.id, s.delivered, s.hires FROM contracts c JOIN delivery_summaries s
            ON s.contract_id = c.id AND s.from_date = (SELECT max(from_date) FROM delivery_summaries m
                                                      WHERE m.contract_id = c.id AND m.from_date <= ?)
            WHERE \(notWithdrawn)
            ORDER BY c.id
            """, [asOf.description]) { row in
            result.append((try row.text(0), try DeliverySnapshot(storedDelivered: row.text(1), hires: row.text(2))))
        }
        return result
    }
}
