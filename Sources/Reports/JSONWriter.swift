/// A JSON value whose objects keep the order their keys were given in, so the output follows
/// the order of result-json.md's example and is byte-identical for the same input.
indirect enum JSONValue: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An array whose elements are built one at a time as they are written, so a ranking of
    /// many bids never holds every bid's tree at once.
    case generated(count: Int, element: @Sendable (Int) -> JSONValue)
    case object([(String, JSONValue)])

    var isScalar: Bool {
        switch self {
        case .string, .integer, .bool, .null: true
        case .array(let elements): elements.isEmpty
        case .generated(let count, _): count == 0
        case .object(let members): members.isEmpty
        }
    }

    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
}

/// Writes JSON with two-space indentation and a final newline. Objects whose members are all
/// scalars go on one line; empty arrays and objects are written `[]` and `{}`. Strings are escaped per RFC 8259, plus U+2028 and U+2029 so the
/// output is also safe to embed in JavaScript.
enum JSONWriter {
    static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .string(let text): appendQuoted(text, to: &out)
        case .integer(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            writeArray(count: elements.count, { elements[$0] }, indent: indent, into: &out)
        case .generated(let count, let element):
            writeArray(count: count, element, indent: indent, into: &out)
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            // Leaf objects (figures, steps, inputs) on one line, as in result-json.md's example.
            if members.allSatisfy({ $0.1.isScalar }) {
                out += "{ "
                for (index, (key, member)) in members.enumerated() {
                    if index > 0 { out += ", " }
                    appendQuoted(key, to: &out)
                    out += ": "
                    write(member, indent: indent, into: &out)
                }
                out += " }"
                return
            }
            out += "{\n"
            for (index, (key, member)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                appendQuoted(key, to: &out)
                out += ": "
                write(member, indent: indent + 1, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    private static func writeArray(count: Int, _ element: (Int) -> JSONValue, indent: Int, into out: inout String) {
        guard count > 0 else { out += "[]"; return }
        out += "[\n"
        for index in 0..<count {
            out += String(repeating: "  ", count: indent + 1)
            write(element(index), indent: indent + 1, into: &out)
            out += index == count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: "  ", count: indent) + "]"
    }

    static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Most strings need no escaping; those are copied whole.
    static func appendQuoted(_ text: String, to out: inout String) {
        var plain = true
        var (before, last): (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            // Quote, backslash, controls, and U+2028/U+2029 (E2 80 A8/A9) need escaping.
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
                || (byte == 0xA8 || byte == 0xA9) && last == 0x80 && before == 0xE2 {
                plain = false
                break
            }
            (before, last) = (last, byte)
        }
        if plain {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
