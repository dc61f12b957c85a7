/// Base64 as RFC 4648 §4 defines it, decoded strictly: the 64-character alphabet, `=` padding
/// only at the end and only to complete the last group of four, unused bits of the last group
/// zero (the one canonical form). XML whitespace (space, tab, line breaks) may stand anywhere,
/// as base64 in XML is usually wrapped. Anything else is refused with where it stands: a
/// lenient decoder would let two envelopes that differ in their text carry the same bid, or
/// the same text decode differently in two programs.
enum StrictBase64 {
    struct Problem: Error, Equatable {
        /// What is wrong, for a person.
        var message: String
    }

    static func decode(_ text: String) -> Result<[UInt8], Problem> {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count / 4 * 3)
        var group: UInt32 = 0
        var inGroup = 0
        var padding = 0
        var line = 1
        var column = 0
        var characters = 0
        func place() -> String { "at line \(line), column \(column) of the content" }
        for byte in text.utf8 {
            if byte == 0x0A { line += 1; column = 0; continue }
            // Columns count characters, as the other positions do; continuation bytes are not one.
            if byte & 0xC0 != 0x80 { column += 1 }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D { continue }
            characters += 1
            if byte == UInt8(ascii: "=") {
                guard inGroup >= 2 else {
                    return .failure(Problem(message: "'=' padding \(place()) stands where data is expected"))
                }
                padding += 1
                inGroup += 1
                if inGroup == 4 { inGroup = 0 }
                continue
            }
            guard let value = sextet(byte) else {
                return .failure(Problem(message: "\(describe(byte)) \(place()) "
                                        + "is not a base64 character (A-Z, a-z, 0-9, + and / with = padding)"))
            }
            if padding > 0 {
                return .failure(Problem(message: "data \(place()) follows the '=' padding that ends base64"))
            }
            group = group << 6 | UInt32(value)
            inGroup += 1
            if inGroup == 4 {
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
                group = 0
                inGroup = 0
            }
        }
        if inGroup != 0 {
            return .failure(Problem(message: "the content ends inside a group of four characters "
                                    + "(\(characters) characters; base64 is padded with = to a multiple of 4)"))
        }
        switch padding {
        case 0:
            break
        case 1, 2:
            // The last group held 3 (one '=') or 2 (two) characters: 18 or 12 bits, 16 or 8 of data.
            let kept = padding == 1 ? 3 : 2
            let bits = group
            let unused = padding == 1 ? bits & 0x3 : bits & 0xF
            guard unused == 0 else {
                return .failure(Problem(message: "the last group has bits set beyond the data "
                                        + "(not the canonical base64 of any bytes)"))
            }
            let value = bits << (6 * UInt32(4 - kept))
            output.append(UInt8(truncatingIfNeeded: value >> 16))
            if padding == 1 { output.append(UInt8(truncatingIfNeeded: value >> 8)) }
        default:
            break
        }
        return .success(output)
    }

    /// The RFC 4648 value of an alphabet character.
    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// `'-'`, or `U+00E9` for a character beyond ASCII (the character itself could be invisible).
    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "U+" + hex4(UInt32(byte)) }
        return "a character beyond ASCII"
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
