/// One field of a CSV record: where its bytes are and where it starts, for diagnostics.
struct CSVField {
    /// Byte range of the content (inside the quotes when quoted).
    var start: Int
    var end: Int
    var quoted: Bool
    var line: Int
    /// Offset of the first byte of `line`, to count the column only when a diagnostic needs it.
    var lineStart: Int
}

/// A record as the scanner hands it over; valid only during the callback.
struct CSVRecord {
    var bytes: UnsafeRawBufferPointer
    var fields: [CSVField]
    var line: Int
    /// True when the file ended without a line break after this record.
    var isLastWithoutNewline: Bool

    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        let field = fields[index]
        return UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    /// The field's text, with `""` inside quotes read as one `"`.
    func text(_ index: Int) -> String {
        let field = fields[index]
        let raw = bytes[field.start..<field.end]
        guard field.quoted, raw.contains(UInt8(ascii: "\"")) else {
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        var previousQuote = false
        for byte in raw {
            if byte == UInt8(ascii: "\""), previousQuote {
                previousQuote = false
                continue
            }
            previousQuote = byte == UInt8(ascii: "\"")
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 1-based column of a field's first character (its opening quote when quoted).
    func column(_ index: Int) -> Int {
        let field = fields[index]
        return CSVScanner.column(in: bytes, lineStart: field.lineStart, offset: field.start - (field.quoted ? 1 : 0))
    }
}

enum CSVProblem: Equatable {
    case unterminatedQuote(line: Int, column: Int)
    case textAfterQuote(line: Int, column: Int)
}

/// A small RFC 4180 reader over bytes: commas, double quotes with `""` escapes, LF or CRLF line
/// ends, a UTF-8 byte-order mark, and no final line break, as the official files come.
enum CSVScanner {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Calls `body` with each non-empty record in order until it returns false. Returns the
    /// first structural problem, which stops the scan.
    static func scan(_ bytes: UnsafeRawBufferPointer, _ body: (CSVRecord) -> Bool) -> CSVProblem? {
        let count = bytes.count
        var position = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        var line = 1
        var lineStart = 0
        var record = CSVRecord(bytes: bytes, fields: [], line: 1, isLastWithoutNewline: false)
        record.fields.reserveCapacity(64)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 10, cr: UInt8 = 13

        while position < count {
            // At the start of a record.
            record.fields.removeAll(keepingCapacity: true)
            record.line = line
            var endedByNewline = false
            while true {
                // At the start of a field.
                let fieldLine = line, fieldLineStart = lineStart
                var field: CSVField
                if position < count, bytes[position] == quote {
                    let openedAt = position
                    position += 1
                    let start = position
                    var closed = false
                    while position < count {
                        let byte = bytes[position]
                        if byte == quote {
                            if position + 1 < count, bytes[position + 1] == quote {
                                position += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == lf {
                            line += 1
                            lineStart = position + 1
                        }
                        position += 1
                    }
                    guard closed else {
                        return .unterminatedQuote(
                            line: fieldLine, column: column(in: bytes, lineStart: fieldLineStart, offset: openedAt))
                    }
                    field = CSVField(start: start, end: position, quoted: true, line: fieldLine,
                                     lineStart: fieldLineStart)
                    position += 1  // the closing quote
                    if position < count, bytes[position] != comma, bytes[position] != lf, bytes[position] != cr {
                        return .textAfterQuote(line: line, column: column(in: bytes, lineStart: lineStart,
                                                                        offset: position))
                    }
                } else {
                    let start = position
                    while position < count {
                        let byte = bytes[position]
                        if byte == comma || byte == lf || byte == cr { break }
                        position += 1
                    }
                    field = CSVField(start: start, end: position, quoted: false, line: fieldLine,
                                     lineStart: fieldLineStart)
                }
                record.fields.append(field)
                if position >= count { break }
                let byte = bytes[position]
                position += 1
                if byte == comma { continue }
                if byte == cr, position < count, bytes[position] == lf { position += 1 }
                line += 1
                lineStart = position
                endedByNewline = true
                break
            }
            // A blank line is no record.
            if record.fields.count == 1, !record.fields[0].quoted, record.fields[0].start == record.fields[0].end {
                continue
            }
            record.isLastWithoutNewline = !endedByNewline
            if !body(record) { return nil }
        }
        return nil
    }

    /// Characters, not bytes, from the line start; the byte-order mark is not a character.
    static func column(in bytes: UnsafeRawBufferPointer, lineStart: Int, offset: Int) -> Int {
        var start = lineStart
        if start == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var column = 1
        var index = start
        while index < offset, index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
