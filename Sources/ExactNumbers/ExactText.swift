extension Exact {
    /// Parses the decimal lexical form (`-12.340`, `.5`, `7`): what xs:decimal allows.
    /// At most 30 digits, so every value read from a document fits with room to compute.
    public init?(decimal text: String) {
        // Over the string's contiguous UTF-8: a generic walk over `some StringProtocol` is not
        // specialised across modules and cost a witness call per byte when mapping bids.
        var text = text
        guard let value = text.withUTF8({ Self.parseDecimal($0) }) else { return nil }
        self = value
    }

    /// As `init?(decimal: String)`, for substrings and other string types.
    public init?(decimal text: some StringProtocol) {
        guard let value = text.utf8.withContiguousStorageIfAvailable({ Self.parseDecimal($0) })
            ?? Self.parseDecimal(text.utf8) else { return nil }
        self = value
    }

    /// Walks the UTF-8 bytes: only ASCII signs, digits and one point are accepted, so this is
    /// the same test as on characters, without Unicode property look-ups.
    private static func parseDecimal(_ bytes: some Collection<UInt8>) -> Exact? {
        var digits: Int128 = 0
        var scale: Int128 = 1
        var negative = false
        var seenDigit = false
        var seenPoint = false
        var count = 0
        var first = true
        for byte in bytes {
            defer { first = false }
            if first && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) {
                negative = byte == UInt8(ascii: "-")
            } else if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                count += 1
                guard count <= 30 else { return nil }
                digits = digits * 10 + Int128(byte - UInt8(ascii: "0"))
                if seenPoint { scale *= 10 }
                seenDigit = true
            } else {
                return nil
            }
        }
        guard seenDigit else { return nil }
        return try? Exact(numerator: negative ? -digits : digits, denominator: scale)
    }

    /// True when the value has a finite decimal expansion (denominator of 2s and 5s).
    public var isTerminatingDecimal: Bool {
        var d = denominator
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        return d == 1
    }

    /// The exact decimal form with no trailing zeros (`72`, `64.5`, `-0.125`) when the value
    /// terminates; otherwise the value to `maximumFractionDigits` places, rounded half away
    /// from zero (only quotients such as 80 × 70 / 90 need this).
    public func decimalString(maximumFractionDigits: Int = 20) -> String {
        // Whole numbers (most points, counts and prices in pence-free pounds) directly.
        if denominator == 1, let whole = Int64(exactly: numerator) { return String(whole) }
        if isTerminatingDecimal {
            var places = 0
            var d = denominator
            while d != 1 {
                if d % 10 == 0 { d /= 10 } else if d % 2 == 0 { d /= 2 } else { d /= 5 }
                places += 1
            }
            if places <= 36 { return Exact.render(self, places: places, trimZeros: true) }
        }
        return Exact.render(self, places: maximumFractionDigits, trimZeros: true)
    }

    /// The bytes of `decimalString()` appended to `out`: whole numbers (most cells of a
    /// spreadsheet of 100,000 bids) without making a string.
    public func appendDecimal(to out: inout [UInt8]) {
        guard denominator == 1, let whole = Int64(exactly: numerator) else {
            return out.append(contentsOf: decimalString().utf8)
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var end = Exact.writeDigits(UInt128(whole.magnitude), count: 1, into: buffer, end: buffer.count)
            if whole < 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// Rounded half away from zero to `places` fraction digits, zeros kept (`64.00`): for
    /// display only; comparisons always use the exact value.
    public func formatted(places: Int = 2) -> String {
        Exact.render(self, places: places, trimZeros: false)
    }

    private static func render(_ value: Exact, places: Int, trimZeros: Bool) -> String {
        if let text = renderScaled(value, places: places, trimZeros: trimZeros) { return text }
        let negative = value.numerator < 0
        let n = value.numerator.magnitude
        let d = value.denominator.magnitude
        var integerPart = n / d
        var remainder = n % d
        var fraction: [UInt8] = []
        fraction.reserveCapacity(places)
        for _ in 0..<places {
            // 10 × remainder can exceed UInt128 for huge denominators; then add the remainder
            // ten times modulo d (acc + remainder < 2d ≤ 2^128, so that never overflows).
            let (r10, overflow) = remainder.multipliedReportingOverflow(by: 10)
            var digit: UInt128 = 0
            if !overflow {
                digit = r10 / d
                remainder = r10 % d
            } else {
                var acc: UInt128 = 0
                for _ in 0..<10 {
                    acc += remainder
                    if acc >= d {
                        acc -= d
                        digit += 1
                    }
                }
                remainder = acc
            }
            fraction.append(UInt8(digit))
        }
        // Round half away from zero on the next digit.
        if remainder != 0 {
            let (twice, overflow) = remainder.multipliedReportingOverflow(by: 2)
            if overflow || twice >= d {
                var i = fraction.count - 1
                var carry = true
                while carry && i >= 0 {
                    if fraction[i] == 9 {
                        fraction[i] = 0
                        i -= 1
                    } else {
                        fraction[i] += 1
                        carry = false
                    }
                }
                if carry { integerPart += 1 }
            }
        }
        if trimZeros {
            while let last = fraction.last, last == 0 { fraction.removeLast() }
        }
        var text = negative && (integerPart != 0 || fraction.contains { $0 != 0 }) ? "-" : ""
        text += String(integerPart)
        if !fraction.isEmpty {
            text += "." + String(fraction.map { Character(String($0)) })
        }
        return text
    }
}

extension Exact {
    /// `render` in one division when n × 10^places fits in 128 bits (every figure a report
    /// shows): the same digits and rounding, written straight into the string's bytes.
    /// Nil when it does not fit.
    fileprivate static func renderScaled(_ value: Exact, places: Int, trimZeros: Bool) -> String? {
        guard places >= 0, places <= 36 else { return nil }
        var scale: UInt128 = 1
        for _ in 0..<places { scale *= 10 }
        let n = value.numerator.magnitude
        let d = value.denominator.magnitude
        let (scaled, overflow) = n.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        var (q, r) = scaled.quotientAndRemainder(dividingBy: d)
        // Half away from zero: 2r ≥ d, compared without forming 2r.
        if r != 0, r >= d - r { q += 1 }
        let negative = value.numerator < 0 && q != 0
        return digits(q, scale: scale, places: places, trimZeros: trimZeros, negative: negative)
    }

    /// The digits of `q` ÷ `scale` (`scale` = 10^places) with the point placed, trailing zeros
    /// trimmed when asked. Most values fit in 64 bits and are split there; a longer one (a
    /// quotient to 20 places) takes one 128-bit division, and its digits come 19 at a time.
    private static func digits(_ q: UInt128, scale: UInt128, places: Int, trimZeros: Bool, negative: Bool) -> String {
        var integerPart: UInt128, fraction: UInt128
        if q <= UInt128(UInt64.max), scale <= UInt128(UInt64.max) {
            let (i, f) = UInt64(q).quotientAndRemainder(dividingBy: UInt64(scale))
            (integerPart, fraction) = (UInt128(i), UInt128(f))
        } else {
            (integerPart, fraction) = q.quotientAndRemainder(dividingBy: scale)
        }
        var fractionDigits = places
        if trimZeros {
            if fraction == 0 { fractionDigits = 0 }
            if fraction <= UInt128(UInt64.max) {
                var small = UInt64(fraction)
                while fractionDigits > 0, small % 10 == 0 {
                    small /= 10
                    fractionDigits -= 1
                }
                fraction = UInt128(small)
            }
            while fractionDigits > 0, fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        // At most 39 integer digits, a sign, a point and 36 fraction digits.
        var bytes: (UInt128, UInt128, UInt128, UInt128, UInt128) = (0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &bytes) { buffer -> String in
            var end = buffer.count
            if fractionDigits > 0 {
                end = writeDigits(fraction, count: fractionDigits, into: buffer, end: end)
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
            end = writeDigits(integerPart, count: 1, into: buffer, end: end)
            if negative {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
    }

    /// Writes `x` in decimal backwards, ending before `end`, zero-padded to at least `count`
    /// digits; returns where the digits start.
    private static func writeDigits(_ x: UInt128, count: Int, into buffer: UnsafeMutableRawBufferPointer, end: Int) -> Int {
        var x = x, end = end, written = 0
        while x > UInt128(UInt64.max) {
            let (high, low) = x.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
            var chunk = UInt64(low)
            for _ in 0..<19 {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: chunk % 10)
                chunk /= 10
            }
            written += 19
            x = high
        }
        var rest = UInt64(x)
        repeat {
            end -= 1
            buffer[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            written += 1
        } while rest != 0 || written < count
        return end
    }
}

extension Exact: CustomStringConvertible {
    public var description: String { decimalString() }
}

extension Exact: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let value = Exact(decimal: text) {
            self = value
        } else if let slash = text.firstIndex(of: "/"),
                  let n = Int128(text[..<slash]),
                  let d = Int128(text[text.index(after: slash)...]),
                  let value = try? Exact(numerator: n, denominator: d) {
            self = value
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an exact decimal: \(text)")
        }
    }

    /// Encoded as the fraction when it does not terminate, so a round trip loses nothing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isTerminatingDecimal ? decimalString() : "\(numerator)/\(denominator)")
    }
}
