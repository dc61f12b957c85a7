import Documents
import RulesLanguage
import Scoring

/// One row per bid for a spreadsheet (RFC 4180: CRLF line ends, fields quoted when they hold
/// a comma, quote, CR or LF, quotes doubled). One column per score line, headed by the
/// line's id, holding the exact decimal; excluded bids leave score cells empty and name the
/// gate they failed; refused bids follow with their first diagnostics.
enum RankingCSV {
    static func render(_ ranking: Ranking) -> String {
        var whole: [UInt8] = []
        write(ranking) { whole.append(contentsOf: $0) }
        return String(decoding: whole, as: UTF8.self)
    }

    /// The bytes of `render(ranking)`, handed to `sink` a megabyte or so at a time, so a
    /// ranking of many bids is never held whole as a report.
    static func write(_ ranking: Ranking, to sink: (UnsafeRawBufferPointer) -> Void) {
        // The scheme's `total` line is the `total` column already: one column, not two.
        let lines = ReportFacts.lineColumns(ranking).map(\.id).filter { $0 != "total" }
        // The figures a panel gave (inputs), and each weighted component as it entered the
        // total, so a spreadsheet can add the total up without knowing the scheme.
        var inputs: [String] = []
        for case .input(let name, _, _) in (ranking.outline?.components ?? []).flatMap(\.figures) where !inputs.contains(name) {
            inputs.append(name)
        }
        let components = ranking.outline?.components ?? []
        let weighted: [(index: Int, id: String)] = components.indices.filter { components[$0].weight != nil }.map { ($0, components[$0].id) }
        // Written as bytes, row by row, and passed on a megabyte at a time: 100,000 bids make
        // a 20 MB file.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        func flush() {
            out.withUnsafeBytes(sink)
            out.removeAll(keepingCapacity: true)
        }
        func row(_ cells: [String]) {
            appendRow(cells, to: &out)
            if out.count >= 1 << 20 { flush() }
        }
        let weightedHeaders = weighted.map { $0.id + "_weighted" }
        row(["rank", "id", "bidder", "status", "price", "currency", "submitted"] + inputs + lines + weightedHeaders + ["total", "failed_gate", "reason", "tie_break", "file"])
        let order = ReportFacts.orderedIndices(ranking)
        let bids = ranking.bids
        // The score columns found once, by the first bid's scheme, not by name for each bid.
        let columns = order.first.map { bids[$0].scoreColumns(lines) } ?? ScoreColumns(lines)
        /// One bid's row: what it holds depends on the bid alone. Written cell by cell
        /// straight into the bytes (a row is some twenty cells, 100,000 rows a CSV).
        func appendBid(_ bid: UnsafePointer<BidOutcome>, to out: inout [UInt8]) {
            var row = Row(out: out)
            out = []
            let status = bid.pointee.status
            let failed = status == .ranked ? [] : ReportFacts.failedGates(bid.pointee)
            BidOutcome.withRow(at: bid, columns: columns) { facts, points, file in
                row.cell(bid.pointee.rank.map(String.init) ?? "")
                row.cell(bytes: facts.bidID)
                row.cell(bytes: facts.bidder)
                row.cell(status.rawValue)
                row.cell(facts.price)
                row.cell(bytes: facts.currency)
                row.cell(bytes: facts.submitted)
                let bidInputs = inputs.isEmpty ? [:] : bid.pointee.inputs
                for name in inputs { row.cell(bidInputs[name]) }
                if status == .ranked {
                    for p in points { row.cell(p) }
                } else {
                    for _ in lines { row.cell("") }
                }
                let bidComponents = weighted.isEmpty ? [] : bid.pointee.components
                for (index, _) in weighted { row.cell(index < bidComponents.count ? bidComponents[index] : nil) }
                row.cell(facts.total)
                row.cell(failed.map(\.id).joined(separator: " "))
                row.cell(failed.map(\.explanation).joined(separator: "; "))
                if let tieBreak = facts.tieBreak { row.cell(bytes: tieBreak) } else { row.cell("") }
                row.cell(file)
            }
            row.end()
            out = row.out
        }
        // Rows are made on every core, a block at a time, and written in order: a CSV of
        // 100,000 bids is otherwise a second of one core's work after the ranking.
        let parts = 2, block = 2048
        var halves = Array(repeating: [UInt8](), count: parts)
        var start = 0
        while start < order.count {
            let end = Swift.min(order.count, start + parts * block)
            let first = start
            // Read in place: a copy of each outcome would retain all it holds.
            bids.withUnsafeBufferPointer { bids in
                halves.withUnsafeMutableBufferPointer { halves in
                    concurrently(parts) { part in
                        let from = first + (end - first) * part / parts, to = first + (end - first) * (part + 1) / parts
                        halves[part].removeAll(keepingCapacity: true)
                        for i in from..<to { appendBid(bids.baseAddress! + order[i], to: &halves[part]) }
                    }
                }
            }
            for half in halves { out += half }
            if out.count >= 1 << 20 { flush() }
            start = end
        }
        for bid in ReportFacts.orderedRefused(ranking) {
            let empty = Array(repeating: "", count: 3 + inputs.count + lines.count + weighted.count)
            row(["", bid.bidID ?? "", "", "refused"] + empty
                + ["", "", bid.diagnostics.sortedForReport().map(\.description).joined(separator: "; "), "", bid.file])
        }
        flush()
    }

    /// Cells joined by commas, each as `field` makes it, and CRLF.
    static func appendRow(_ cells: [String], to out: inout [UInt8]) {
        var row = Row(out: out)
        out = []
        for cell in cells { row.cell(cell) }
        row.end()
        out = row.out
    }

    /// A row being written: cells as `field` makes them, commas between, CRLF at the end.
    struct Row {
        var out: [UInt8]
        private var first = true

        init(out: [UInt8]) { self.out = out }

        mutating func cell(_ text: String) {
            separate()
            appendField(text, to: &out)
        }

        /// A cell of UTF-8 bytes, as `cell(String(decoding: bytes, as: UTF8.self))` writes it.
        mutating func cell(bytes: UnsafeRawBufferPointer) {
            separate()
            appendField(bytes: bytes, to: &out)
        }

        /// A number as its exact decimal (`Exact.decimalString()`), empty for none.
        mutating func cell(_ number: Exact?) {
            separate()
            number?.appendDecimal(to: &out)
        }

        mutating func end() {
            out.append(13)
            out.append(10)
            first = true
        }

        private mutating func separate() {
            if first { first = false } else { out.append(UInt8(ascii: ",")) }
        }
    }

    /// `field(text)` appended as bytes.
    static func appendField(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendField(bytes: UnsafeRawBufferPointer($0), to: &out) }
    }

    /// A cell's UTF-8 bytes as a spreadsheet must read them: text that needs neither quotes
    /// nor an apostrophe (most cells) copied as it is.
    static func appendField(bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let special = bytes.contains { $0 == 44 || $0 == 34 || $0 == 13 || $0 == 10 }
        // A leading = + - @ makes spreadsheets evaluate a cell as a formula; a bidder name must
        // never do that, so such text cells get a leading apostrophe. Numbers are left alone.
        let formula = bytes.first.map { $0 == 61 || $0 == 43 || $0 == 45 || $0 == 64 } ?? false
            && Exact(decimal: String(decoding: bytes, as: UTF8.self)) == nil
        guard special || formula else { return out.append(contentsOf: bytes) }
        if special { out.append(34) }
        if formula { out.append(39) }
        for byte in bytes {
            out.append(byte)
            if byte == 34 { out.append(34) }
        }
        if special { out.append(34) }
    }

    /// A cell as RFC 4180 and a careful spreadsheet want it: quoted when it holds a comma,
    /// quote, CR or LF (quotes doubled), an apostrophe before text that would read as a formula.
    static func field(_ text: String) -> String {
        var out: [UInt8] = []
        appendField(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
