import Documents
import Monitoring

// The store's text forms: exact decimals (or n/d), ISO dates, periods, space-separated groups.
// Read back byte by byte (ASCII only): the portfolio reads hundreds of thousands of them, and
// the general parsers' Unicode handling dominated its time.

extension Exact {
    var exactText: String { isTerminatingDecimal ? decimalString() : "\(numerator)/\(denominator)" }
}

extension [TargetGroup] {
    var stored: String { map(\.rawValue).joined(separator: " ") }
}

func storedGroups(_ text: String) -> [TargetGroup] {
    storedFields(text[...], separator: " ").compactMap { TargetGroup(rawValue: String($0)) }
}

/// The fields of `text` between ASCII separators, split on bytes, not Characters.
func storedFields(_ text: Substring, separator: Unicode.Scalar, omittingEmpty: Bool = true) -> [Substring] {
    let byte = UInt8(ascii: separator)
    return text.utf8.split(separator: byte, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
}

/// `-12.5`, `120000`, or `n/d` as written by `exactText`.
func storedExact(_ text: String) throws -> Exact {
    var numerator: Int128 = 0, denominator: Int128 = 1, scale: Int128 = 1
    var negative = false, point = false, digits = 0, slash = false
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            digits += 1
            guard digits <= 36 else { throw StoreError.corrupt("number '\(text)'") }
            if slash {
                denominator = denominator * 10 + Int128(byte - 48)
            } else {
                numerator = numerator * 10 + Int128(byte - 48)
                if point { scale *= 10 }
            }
        case UInt8(ascii: "-") where digits == 0 && !negative && !slash: negative = true
        case UInt8(ascii: ".") where !point && !slash: point = true
        case UInt8(ascii: "/") where !slash && !point && digits > 0:
            slash = true
            denominator = 0
            digits = 0
        default: throw StoreError.corrupt("number '\(text)'")
        }
    }
    guard digits > 0, let value = try? Exact(numerator: negative ? -numerator : numerator,
                                             denominator: slash ? denominator : scale) else {
        throw StoreError.corrupt("number '\(text)'")
    }
    return value
}

/// `YYYY-MM-DD`.
func storedDate(_ text: String) throws -> CalendarDate {
    var fields = [0, 0, 0], field = 0, count = 0
    for byte in text.utf8 {
        if byte == UInt8(ascii: "-"), field < 2, count > 0 {
            field += 1
            count = 0
        } else if byte >= 48, byte <= 57, count < 4 {
            fields[field] = fields[field] * 10 + Int(byte - 48)
            count += 1
        } else {
            throw StoreError.corrupt("date '\(text)'")
        }
    }
    guard field == 2, let date = CalendarDate(year: fields[0], month: fields[1], day: fields[2]) else {
        throw StoreError.corrupt("date '\(text)'")
    }
    return date
}

/// `YYYY-Qn` or `YYYY-MM`.
func storedPeriod(_ text: String) throws -> ReturnPeriod {
    let bytes = Array(text.utf8)
    func digit(_ i: Int) -> Int? { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 ? Int(bytes[i] - 48) : nil }
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let a = digit(0), let b = digit(1), let c = digit(2),
          let d = digit(3) else { throw StoreError.corrupt("period '\(text)'") }
    let year = a * 1000 + b * 100 + c * 10 + d
    if bytes[5] == UInt8(ascii: "Q"), let q = digit(6), (1...4).contains(q), year >= 1 {
        return .quarter(year: year, quarter: q)
    }
    if let m1 = digit(5), let m2 = digit(6), (1...12).contains(m1 * 10 + m2), year >= 1 {
        return .month(year: year, month: m1 * 10 + m2)
    }
    throw StoreError.corrupt("period '\(text)'")
}
