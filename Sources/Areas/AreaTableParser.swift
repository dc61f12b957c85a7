import Diagnostics

/// Reads one official file, as published, into an `AreaTable`, or says precisely what is wrong
/// with it: a wrong header, a row cut short, a value out of range, a code given twice.
enum AreaTableParser {
    /// At most this many diagnostics per file: a wrong file would otherwise give one per row.
    static let diagnosticLimit = 20

    /// What the first line of the bytes says the file is.
    static func recognise(_ bytes: UnsafeRawBufferPointer) -> HeaderMatch {
        var header: [String] = []
        _ = CSVScanner.scan(bytes) { record in
            header = (0..<record.fields.count).map { record.text($0) }
            return false
        }
        return HeaderMatch(header: header)
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(DiagnosticsError) -> AreaTable {
        var builder = Builder(file: file, bytes: bytes)
        let problem = CSVScanner.scan(bytes) { record in builder.take(record) }
        if let problem, builder.diagnostics.count < diagnosticLimit {
            switch problem {
            case let .unterminatedQuote(line, column):
                builder.report(AreasDiagnostic.truncated, line: line, column: column,
                               "a quoted field is never closed; the file looks truncated",
                               hint: "download the file again from its publisher")
            case let .textAfterQuote(line, column):
                builder.report(AreasDiagnostic.csv, line: line, column: column,
                               "expected ',' or the end of the line after a closing quote")
            }
        }
        return try builder.finish()
    }
}

/// Accumulates rows column by column while the scanner runs.
private struct Builder {
    let file: String
    let bytes: UnsafeRawBufferPointer
    var diagnostics: [Diagnostic] = []
    var match: HeaderMatch?
    var table = AreaTable(kind: .simd2020v2)
    var columns: [Int] = []
    var fieldCount = 0
    var councilPositions: [String: UInt16] = [:]
    var lastLine = 1

    init(file: String, bytes: UnsafeRawBufferPointer) {
        self.file = file
        self.bytes = bytes
    }

    mutating func report(_ id: AreasDiagnostic, line: Int, column: Int, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(id, at: SourceLocation(file: file, line: line, column: column),
                                      message: message, hint: hint))
    }

    /// Handles one record; false stops the scan.
    mutating func take(_ record: CSVRecord) -> Bool {
        lastLine = record.line
        guard let match else {
            let header = HeaderMatch(header: (0..<record.fields.count).map { record.text($0) })
            self.match = header
            switch header {
            case let .table(kind, columns, fieldCount):
                table = AreaTable(kind: kind)
                self.columns = columns
                self.fieldCount = fieldCount
                return true
            case let .incomplete(kind, missing):
                report(AreasDiagnostic.header, line: record.line, column: 1,
                       "the header looks like that of the \(kind.rawValue) table but lacks the column"
                           + (missing.count == 1 ? " " : "s ") + missing.map { "'\($0)'" }.joined(separator: ", "),
                       hint: "use the file as published: " + kind.requiredColumns.joined(separator: ", "))
                return false
            case .unknown:
                report(AreasDiagnostic.header, line: record.line, column: 1,
                       "not a recognised area table: expected the header of the SIMD 2020v2 data zone CSV "
                           + "(Data_Zone…), IMD 2019 File 1 (LSOA code (2011)…), WIMD 2019 ranks (lsoa_code…) "
                           + "or the ONS NSPL (pcds…)")
                return false
            }
        }
        _ = match
        guard record.fields.count == fieldCount else {
            let column = record.fields.count < fieldCount
                ? CSVScanner.column(in: bytes, lineStart: record.fields.last?.lineStart ?? 0,
                                    offset: record.fields.last?.end ?? 0)
                : record.column(fieldCount)
            report(record.isLastWithoutNewline ? AreasDiagnostic.truncated : AreasDiagnostic.fields, line: record.line,
                   column: column, "expected \(fieldCount) fields, found \(record.fields.count)"
                       + (record.isLastWithoutNewline && record.fields.count < fieldCount
                           ? "; the file looks truncated" : ""),
                   hint: record.isLastWithoutNewline ? "download the file again from its publisher" : nil)
            return diagnostics.count < AreaTableParser.diagnosticLimit
        }
        switch table.kind {
        case .simd2020v2, .imd2019, .wimd2019: takeIndexRow(record)
        case .nspl: takePostcodeRow(record)
        }
        return diagnostics.count < AreaTableParser.diagnosticLimit
    }

    private mutating func takeIndexRow(_ record: CSVRecord) {
        let kind = table.kind
        guard let index = kind.index else { return }
        let codeField = columns[0]
        guard let key = AreaKey.code(record.bytes(codeField)), AreaKey.index(ofCode: key) == index else {
            let example = kind == .simd2020v2 ? "S01006506" : kind == .imd2019 ? "E01000001" : "W01000001"
            report(AreasDiagnostic.code, line: record.line, column: record.column(codeField),
                   "expected a \(kind.keyNoun) code like \(example), found '\(record.text(codeField))'")
            return
        }
        guard let rank = integer(record, columns[1], in: 1...index.areaCount, what: "\(kind.rawValue) rank")
        else { return }
        let decile: Int, quintile: Int
        switch kind {
        case .wimd2019:
            // The file's own IMD_decile column is not the official one: derive it from the rank.
            decile = (rank * 10 + index.areaCount - 1) / index.areaCount
            quintile = (decile + 1) / 2
        case .imd2019:
            guard let published = integer(record, columns[2], in: 1...10, what: "decile") else { return }
            decile = published
            quintile = (decile + 1) / 2
        default:
            guard let published = integer(record, columns[2], in: 1...10, what: "decile"),
                  let publishedQuintile = integer(record, columns[3], in: 1...5, what: "quintile")
            else { return }
            decile = published
            quintile = publishedQuintile
        }
        let council: UInt16
        switch kind {
        case .simd2020v2:
            let name = record.text(columns[4]).trimmingSpaces()
            council = intern(name: name, code: ScottishCouncils.codeByName[name] ?? "")
        case .imd2019:
            council = intern(name: record.text(columns[3]).trimmingSpaces(),
                             code: record.text(columns[4]).trimmingSpaces())
        default:
            council = AreaTable.noCouncil
        }
        table.keys.append(key)
        table.lines.append(Int32(clamping: record.line))
        table.ranks.append(Int32(rank))
        table.deciles.append(UInt8(decile))
        table.quintiles.append(UInt8(quintile))
        table.councils.append(council)
    }

    private mutating func takePostcodeRow(_ record: CSVRecord) {
        let postcodeField = columns[0]
        let written = record.text(postcodeField)
        guard let compact = Postcode.compact(written), let key = AreaKey.postcode(compact: compact) else {
            report(AreasDiagnostic.postcode, line: record.line, column: record.column(postcodeField),
                   "expected a UK postcode like 'DG1 1AA', found '\(written)'")
            return
        }
        // Rows outside Great Britain's data zones and LSOAs (pseudo codes, empty cells) are kept
        // without an area: looking them up then says so rather than failing the whole file.
        let zoneBytes = record.bytes(columns[1])
        let zone = AreaKey.code(zoneBytes) ?? 0
        var rank = 0
        if !record.bytes(columns[2]).isEmpty {
            guard let value = integer(record, columns[2], in: 1...DeprivationIndex.imd2019.areaCount,
                                      what: "imd rank")
            else { return }
            rank = value
        }
        var terminatedMonth = 0
        if !record.bytes(columns[4]).isEmpty {
            guard let month = integer(record, columns[4], in: 100001...999912, what: "doterm (yyyymm)")
            else { return }
            guard (1...12).contains(month % 100) else {
                report(AreasDiagnostic.value, line: record.line, column: record.column(columns[4]),
                       "expected doterm as yyyymm with a month from 01 to 12, found '\(record.text(columns[4]))'")
                return
            }
            terminatedMonth = month
        }
        let laua = record.text(columns[3]).trimmingSpaces()
        table.keys.append(key)
        table.lines.append(Int32(clamping: record.line))
        table.ranks.append(Int32(rank))
        table.councils.append(laua.isEmpty ? AreaTable.noCouncil : intern(name: "", code: laua))
        table.zones.append(zone)
        table.terminated.append(Int32(terminatedMonth))
    }

    private mutating func intern(name: String, code: String) -> UInt16 {
        let label = name + "\u{0}" + code
        if let position = councilPositions[label] { return position }
        guard table.councilNames.count < Int(AreaTable.noCouncil) - 1 else { return AreaTable.noCouncil }
        let position = UInt16(table.councilNames.count)
        table.councilNames.append(name)
        table.councilCodes.append(code)
        councilPositions[label] = position
        return position
    }

    /// A whole number, accepting the thousands separators of the English file (`"29,199"`).
    private mutating func integer(_ record: CSVRecord, _ field: Int, in range: ClosedRange<Int>,
                                  what: String) -> Int? {
        let raw = record.bytes(field)
        var value = 0
        var digitsInGroup = 0
        var sawComma = false
        var valid = !raw.isEmpty
        for byte in raw where valid {
            if byte == UInt8(ascii: ",") {
                valid = digitsInGroup > 0 && (sawComma ? digitsInGroup == 3 : digitsInGroup <= 3)
                sawComma = true
                digitsInGroup = 0
            } else if byte >= 48, byte <= 57, value < 1_000_000_000 {
                value = value * 10 + Int(byte - 48)
                digitsInGroup += 1
            } else {
                valid = false
            }
        }
        if sawComma, digitsInGroup != 3 { valid = false }
        guard valid, range.contains(value) else {
            report(AreasDiagnostic.value, line: record.line, column: record.column(field),
                   "expected \(what) from \(range.lowerBound) to \(range.upperBound), found '\(record.text(field))'")
            return nil
        }
        return value
    }

    /// Sorts by key and refuses a key given twice; throws everything found.
    mutating func finish() throws(DiagnosticsError) -> AreaTable {
        if match == nil {
            report(AreasDiagnostic.empty, line: 1, column: 1,
                   "the file is empty; expected the header of a SIMD 2020v2, IMD 2019, WIMD 2019 or NSPL table")
        } else if diagnostics.isEmpty, table.keys.isEmpty {
            report(AreasDiagnostic.truncated, line: lastLine + 1, column: 1,
                   "no rows after the header; the file looks truncated",
                   hint: "download the file again from its publisher")
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }

        let order = table.keys.indices.sorted { table.keys[$0] < table.keys[$1] }
        for position in order.indices.dropFirst() {
            let (previous, row) = (order[position - 1], order[position])
            guard table.keys[previous] == table.keys[row] else { continue }
            let (first, second) = (min(previous, row), max(previous, row))
            let name = table.kind == .nspl ? AreaKey.postcodeText(table.keys[row])
                : AreaKey.codeText(table.keys[row])
            report(AreasDiagnostic.duplicate, line: Int(table.lines[second]), column: 1,
                   "\(table.kind.keyNoun) \(name) is given twice (first on line \(table.lines[first]))")
            if diagnostics.count >= AreaTableParser.diagnosticLimit { break }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }

        func permuted<T>(_ column: [T]) -> [T] { column.isEmpty ? column : order.map { column[$0] } }
        table.keys = permuted(table.keys)
        table.lines = permuted(table.lines)
        table.ranks = permuted(table.ranks)
        table.deciles = permuted(table.deciles)
        table.quintiles = permuted(table.quintiles)
        table.councils = permuted(table.councils)
        table.zones = permuted(table.zones)
        table.terminated = permuted(table.terminated)
        return table
    }
}
