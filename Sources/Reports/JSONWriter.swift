/// A JSON value whose objects keep the order their keys were given in, so the output follows
/// the order of result-json.md's example and is byte-identical for the same input.
public indirect enum JSONValue: Sendable {
    case string(String)
    case integer(Int)
    /// A number written as given: an exact decimal (`2310000.5`), never a binary float.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An array whose elements are built one at a time as they are written, so a ranking of
    /// many bids never holds every bid's tree at once.
    case generated(count: Int, element: @Sendable (Int) -> JSONValue)
    /// As `generated`, but an element may instead be appended as bytes already written at the
    /// array's element indentation (`JSONWriter.fragment(_:indent:)`), returning nil: a
    /// large ranking's bids, written out ahead of the document (`JSONBidSpool`).
    case spliced(count: Int, element: @Sendable (Int, inout [UInt8]) -> JSONValue?)
    case object([(String, JSONValue)])

    var isScalar: Bool {
        switch self {
        case .string, .integer, .number, .bool, .null: true
        case .array(let elements): elements.isEmpty
        case .generated(let count, _), .spliced(let count, _): count == 0
        case .object(let members): members.isEmpty
        }
    }

    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
}

/// Writes JSON with two-space indentation and a final newline. Objects whose members are all
/// scalars go on one line; empty arrays and objects are written `[]` and `{}`. Strings are escaped per RFC 8259, plus U+2028 and U+2029 so the
/// output is also safe to embed in JavaScript.
public enum JSONWriter {
    /// Written into a byte buffer, not a String: a ranking of 100,000 bids is over a gigabyte
    /// of JSON, and String appends cost several times a byte copy.
    public static func write(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(value, indent: 0, into: &out, drain: nil)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same bytes as `write(_:)`, handed to `sink` in pieces of about `chunkSize` bytes
    /// as they are produced, so a large document is never held whole.
    static func write(_ value: JSONValue, chunkSize: Int = 1 << 20, to sink: (UnsafeRawBufferPointer) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + chunkSize / 4)
        withoutActuallyEscaping(sink) { sink in
            let drain: Drain = { buffer in
                guard buffer.count >= chunkSize else { return }
                buffer.withUnsafeBytes(sink)
                buffer.removeAll(keepingCapacity: true)
            }
            write(value, indent: 0, into: &out, drain: drain)
        }
        out.append(0x0A)
        out.withUnsafeBytes(sink)
    }

    /// `value` as an element of an array at nesting `indent` writes it (without the line's
    /// indentation before it or the separator after it): what a `.spliced` array appends.
    static func fragment(_ value: JSONValue, indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: indent, into: &out, drain: nil)
        return out
    }

    /// Called between array elements to pass on what is written so far.
    private typealias Drain = (inout [UInt8]) -> Void

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8], drain: Drain?) {
        switch value {
        case .string(let text): appendQuoted(text, to: &out)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .bool(let flag): append(flag ? "true" : "false", to: &out)
        case .null: append("null", to: &out)
        case .array(let elements):
            writeArray(count: elements.count, { elements[$0] }, indent: indent, into: &out, drain: drain)
        case .generated(let count, let element):
            writeArray(count: count, element, indent: indent, into: &out, drain: drain)
        case .spliced(let count, let element):
            writeArray(count: count, indent: indent, into: &out, drain: drain) { index, indent, out in
                if let value = element(index, &out) { write(value, indent: indent, into: &out, drain: drain) }
            }
        case .object(let members):
            guard !members.isEmpty else { append("{}", to: &out); return }
            // Leaf objects (figures, steps, inputs) on one line, as in result-json.md's example.
            if members.allSatisfy({ $0.1.isScalar }) {
                append("{ ", to: &out)
                for (index, (key, member)) in members.enumerated() {
                    if index > 0 { append(", ", to: &out) }
                    appendQuoted(key, to: &out)
                    append(": ", to: &out)
                    write(member, indent: indent, into: &out, drain: drain)
                }
                append(" }", to: &out)
                return
            }
            append("{\n", to: &out)
            for (index, (key, member)) in members.enumerated() {
                appendIndent(indent + 1, to: &out)
                appendQuoted(key, to: &out)
                append(": ", to: &out)
                write(member, indent: indent + 1, into: &out, drain: drain)
                append(index == members.count - 1 ? "\n" : ",\n", to: &out)
            }
            appendIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(count: Int, _ element: (Int) -> JSONValue, indent: Int, into out: inout [UInt8],
                                   drain: Drain?) {
        writeArray(count: count, indent: indent, into: &out, drain: drain) { index, indent, out in
            write(element(index), indent: indent, into: &out, drain: drain)
        }
    }

    /// `append` writes element `index` at indentation `indent` (the line's indentation is
    /// already there).
    private static func writeArray(count: Int, indent: Int, into out: inout [UInt8], drain: Drain?,
                                   _ append: (_ index: Int, _ indent: Int, _ out: inout [UInt8]) -> Void) {
        guard count > 0 else { Self.append("[]", to: &out); return }
        Self.append("[\n", to: &out)
        for index in 0..<count {
            appendIndent(indent + 1, to: &out)
            append(index, indent + 1, &out)
            Self.append(index == count - 1 ? "\n" : ",\n", to: &out)
            drain?(&out)
        }
        appendIndent(indent, to: &out)
        out.append(UInt8(ascii: "]"))
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func appendIndent(_ level: Int, to out: inout [UInt8]) {
        if 2 * level <= spaces.count {
            out.append(contentsOf: spaces[..<(2 * level)])
        } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
    }

    private static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Most strings need no escaping; those are copied whole.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            if needsEscaping(bytes) { return false }
            out.append(contentsOf: bytes)
            return true
        } ?? false
        if !copied { appendEscaped(text, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Quote, backslash, controls, and U+2028/U+2029 (E2 80 A8/A9) need escaping.
    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return true }
            index += 1
        }
        return false
    }

    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"", to: &out)
            case "\\": append("\\\\", to: &out)
            case "\n": append("\\n", to: &out)
            case "\r": append("\\r", to: &out)
            case "\t": append("\\t", to: &out)
            case "\u{08}": append("\\b", to: &out)
            case "\u{0C}": append("\\f", to: &out)
            case "\u{2028}": append("\\u2028", to: &out)
            case "\u{2029}": append("\\u2029", to: &out)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append(contentsOf: ("\\u" + hex4(scalar.value)).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
