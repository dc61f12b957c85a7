import Documents
import RulesLanguage
import Scoring

/// The ranking for a terminal: a table of ranked bids (numbers to 2 places, half away from
/// zero), tie-breaks, then excluded bids with the gate they failed, then refused bids.
enum RankingText {
    static func render(_ ranking: Ranking) -> String {
        var whole: [UInt8] = []
        write(ranking) { whole.append(contentsOf: $0) }
        return String(decoding: whole, as: UTF8.self)
    }

    /// The bytes of `render(ranking)`, handed to `sink` a megabyte or so at a time.
    static func write(_ ranking: Ranking, to sink: (UnsafeRawBufferPointer) -> Void) {
        // Written as bytes: a ranking of 100,000 bids is a 12 MB report, and a String per
        // line and per cell cost more than the rest of it.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        func flush() {
            out.withUnsafeBytes(sink)
            out.removeAll(keepingCapacity: true)
        }
        func line(_ text: String) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\n"))
            if out.count >= 1 << 20 { flush() }
        }
        let tender = ranking.tender
        line("\(tender.id) — \(tender.title)")
        line("\(tender.authority); estimated value \(ReportFacts.money(tender.estimatedValue))")
        var scheme = "Scheme: \(ranking.scheme.name)"
        if let version = ranking.scheme.version { scheme += ", version \(version)" }
        line(scheme + " (\(ranking.scheme.file), sha256 \(ranking.scheme.sha256))")
        line("")

        let order = ReportFacts.orderedIndices(ranking)
        let ranked = order.filter { ranking.bids[$0].status == .ranked }
        let excluded = order.filter { ranking.bids[$0].status == .excluded }
        let columns = ReportFacts.tableColumns(ranking)

        line("Ranking (\(ranked.count) ranked, \(excluded.count) excluded, \(ranking.refused.count) refused)")
        if ranked.isEmpty {
            line("  No bid passed the gates.")
        } else {
            let header = ["Rank", "Bid", "Bidder"] + columns.map(\.shortHeader) + ["Total"]
            let bids = ranking.bids
            // Rows are made twice (widths, then lines) rather than held: 100,000 bids' cells
            // would cost more memory than the rest of the ranking.
            func row(_ n: Int) -> [String] {
                guard n > 0 else { return header }
                let index = ranked[n - 1]
                // Fields read one by one: copying a whole outcome retains all of it.
                var row: [String] = []
                row.reserveCapacity(header.count)
                row.append(bids[index].rank.map(String.init) ?? "")
                row.append(bids[index].bidID)
                row.append(bids[index].bidder)
                for column in columns { row.append(column.cell(bids[index])) }
                row.append(ReportFacts.rounded(bids[index].total))
                return row
            }
            let numeric = Set(3..<header.count).union([0])
            forEachTableLine(count: ranked.count + 1, row: row, rightAligned: numeric) { bytes in
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "\n"))
                if out.count >= 1 << 20 { flush() }
            }
            let ties = ranked.compactMap { index in
                ranking.bids[index].tieBreak.map { "  Tie: \(ranking.bids[index].bidID) — \($0)" }
            }
            if !ties.isEmpty {
                line("")
                ties.forEach(line)
            }
            line("")
            if let note = ReportFacts.weightingNote(ranking, short: true) { line(note + ".") }
            line("Scores are rounded to 2 places for display; ranking compares exact values (see --explain BID or --format json).")
        }

        if !excluded.isEmpty {
            line("")
            line("Excluded (failed a gate: no rank, no score)")
            for index in excluded {
                let bid = ranking.bids[index]
                line("  \(bid.bidID) — \(bid.bidder)")
                let failed = ReportFacts.failedGates(bid)
                if failed.isEmpty { line("      no failed gate recorded") }
                for gate in failed { line("      \(gate.id): \(gate.explanation)") }
            }
        }

        let refused = ReportFacts.orderedRefused(ranking)
        if !refused.isEmpty {
            line("")
            line("Refused (could not be read or scored; left out with --exclude-invalid)")
            for bid in refused {
                line("  \(bid.bidID ?? "(bid id unreadable)") — \(bid.file)")
                for diagnostic in bid.diagnostics.sortedForReport() { line("      \(diagnostic)") }
            }
        }
        flush()
    }

    /// Short headers for the reference scheme's summary lines, so the table fits 100 columns.
    static let shortTitles = [
        "fair-work": "Fair work",
        "community-benefit-points": "CB points",
        "community-benefit-score": "CB score",
    ]

    /// Left-aligned text, right-aligned numbers, two spaces between columns, a rule under
    /// the header. Widths count characters, so `£` and `—` take one column.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var lines: [String] = []
        forEachTableLine(rows, rightAligned: rightAligned) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// The lines of `table(rows, rightAligned:)`, each handed to `body` as bytes (valid only
    /// during the call), so a large table is written without a String per line.
    static func forEachTableLine(_ rows: [[String]], rightAligned: Set<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachTableLine(count: rows.count, row: { rows[$0] }, rightAligned: rightAligned, body)
    }

    /// As `forEachTableLine(_:rightAligned:_:)`, for `count` rows made by `row` when needed
    /// (each row is asked for twice: once for the widths, once for its line).
    static func forEachTableLine(count rowCount: Int, row: (Int) -> [String], rightAligned: Set<Int>,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var widths: [Int] = []
        for index in 0..<rowCount {
            for (i, cell) in row(index).enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], displayWidth(cell))
            }
        }
        let right = widths.indices.map(rightAligned.contains)
        var buffer: [UInt8] = []
        func emit(_ cells: [String]) {
            buffer.removeAll(keepingCapacity: true)
            for (i, cell) in cells.enumerated() {
                buffer.append(UInt8(ascii: " "))
                buffer.append(UInt8(ascii: " "))
                let pad = widths[i] - displayWidth(cell)
                if right[i] {
                    buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad))
                    buffer.append(contentsOf: cell.utf8)
                } else {
                    buffer.append(contentsOf: cell.utf8)
                    buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad))
                }
            }
            while buffer.last == UInt8(ascii: " ") { buffer.removeLast() }
            buffer.withUnsafeBufferPointer(body)
        }
        guard rowCount > 0 else { return }
        emit(row(0))
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: "  ".utf8)
        for (i, width) in widths.enumerated() {
            if i > 0 { buffer.append(contentsOf: "  ".utf8) }
            buffer.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
        }
        buffer.withUnsafeBufferPointer(body)
        for index in 1..<rowCount { emit(row(index)) }
    }

    /// Characters, counted cheaply when the text is ASCII (one byte, one character).
    static func displayWidth(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }
}
