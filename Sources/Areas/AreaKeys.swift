/// Area codes and postcodes packed into integers. The tables and the cache hold sorted arrays
/// of these, so a lookup is a binary search and readying a table needs no hashing or parsing.
enum AreaKey {
    /// `S01006506` → `"S" << 32 | 1006506`: one capital letter then eight digits, as every GSS
    /// code is written; nil for anything else.
    static func code<C: Collection<UInt8>>(_ bytes: C) -> UInt64? {
        guard bytes.count == 9, let first = bytes.first, first >= 65, first <= 90 else { return nil }
        var number: UInt64 = 0
        for byte in bytes.dropFirst() {
            guard byte >= 48, byte <= 57 else { return nil }
            number = number * 10 + UInt64(byte - 48)
        }
        return UInt64(first) << 32 | number
    }

    static func isValidCode(_ key: UInt64) -> Bool {
        let letter = key >> 32
        return letter >= 65 && letter <= 90 && (key & 0xFFFF_FFFF) < 100_000_000
    }

    static func code(_ text: String) -> UInt64? {
        code(Array(text.utf8))
    }

    static func codeText(_ key: UInt64) -> String {
        let letter = Character(Unicode.Scalar(UInt8(truncatingIfNeeded: key >> 32)))
        let digits = String(key & 0xFFFF_FFFF)
        return String(letter) + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// The index whose areas a code names: `S01` data zones, `E01`/`W01` LSOAs.
    static func index(ofCode key: UInt64) -> DeprivationIndex? {
        let prefix = (key & 0xFFFF_FFFF) / 1_000_000
        guard prefix == 1 else { return nil }
        switch UInt8(truncatingIfNeeded: key >> 32) {
        case UInt8(ascii: "S"): return .simd2020v2
        case UInt8(ascii: "E"): return .imd2019
        case UInt8(ascii: "W"): return .wimd2019
        default: return nil
        }
    }

    /// A postcode without its space (`DG11AD`, at most 7 characters) as big-endian bytes.
    static func postcode(compact: [UInt8]) -> UInt64? {
        guard (5...7).contains(compact.count) else { return nil }
        var key: UInt64 = 0
        for byte in compact { key = key << 8 | UInt64(byte) }
        return key << (8 * UInt64(7 - compact.count))
    }

    /// The standard spelling, `DG1 1AD`.
    static func postcodeText(_ key: UInt64) -> String {
        var bytes: [UInt8] = []
        for shift in stride(from: 48, through: 0, by: -8) {
            let byte = UInt8(truncatingIfNeeded: key >> UInt64(shift))
            if byte != 0 { bytes.append(byte) }
        }
        if bytes.count > 3 { bytes.insert(UInt8(ascii: " "), at: bytes.count - 3) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// UK postcodes as bids write them: any case, any spacing.
public enum Postcode {
    /// Uppercases, removes all spaces, then puts one space before the last three characters:
    /// `dg1 1ad`, `DG11AD` and ` Dg1  1aD ` all give `DG1 1AD`. Nil unless the result has the
    /// shape of a UK postcode (outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA).
    public static func normalise(_ text: String) -> String? {
        guard let compact = compact(text) else { return nil }
        var bytes = compact
        bytes.insert(UInt8(ascii: " "), at: bytes.count - 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The uppercased characters without spaces, when they form a valid postcode.
    static func compact(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != 9 {
            guard bytes.count < 8 else { return nil }
            bytes.append(byte >= 97 && byte <= 122 ? byte - 32 : byte)
        }
        return hasPostcodeShape(bytes) ? bytes : nil
    }

    static func hasPostcodeShape(_ bytes: [UInt8]) -> Bool {
        guard (5...7).contains(bytes.count) else { return false }
        if bytes == Array("GIR0AA".utf8) { return true }  // Girobank's, the one exception
        func letter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func digit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        let inward = bytes.suffix(3)
        let i = inward.startIndex
        guard digit(inward[i]), letter(inward[i + 1]), letter(inward[i + 2]) else { return false }
        let out = Array(bytes.dropLast(3))
        guard letter(out[0]) else { return false }
        switch out.count {
        case 2: return digit(out[1])
        case 3: return (digit(out[1]) && (digit(out[2]) || letter(out[2])))
            || (letter(out[1]) && digit(out[2]))
        case 4: return letter(out[1]) && digit(out[2]) && (digit(out[3]) || letter(out[3]))
        default: return false
        }
    }
}
