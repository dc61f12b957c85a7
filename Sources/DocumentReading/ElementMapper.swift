import Documents
import XMLReading

/// Reads typed values out of an expanded element, collecting every problem instead of
/// stopping at the first. The schema has already checked types and vocabularies; what is
/// left here is what XSD 1.0 cannot say next to `xs:any` (each required element present
/// once) and conversions into the models.
struct ElementMapper {
    /// Missing or repeated elements, duplicate refs: always reported.
    var structural: [Diagnostic] = []
    /// Values the model cannot hold. The schema refuses almost all of these first, so they
    /// are reported only when it found nothing (otherwise they repeat its message).
    var valueFailures: [Diagnostic] = []

    func diagnostics(afterSchema schema: [Diagnostic]) -> [Diagnostic] {
        schema + structural + (schema.isEmpty ? valueFailures : [])
    }

    /// The one child called `name`; reports it missing (when required) or repeated.
    mutating func single(_ parent: XMLElement, _ name: String, required: Bool) -> XMLElement? {
        guard let (first, count) = parent.firstChild(named: name) else {
            if required {
                structural.append(Diagnostic(
                    XMLDiagnostic.missing, at: parent.location,
                    message: "\(parent.localName): missing required element \(name)"))
            }
            return nil
        }
        if count == 1 { return first }
        let found = parent.children(named: name)
        for extra in found.dropFirst() {
            structural.append(Diagnostic(
                XMLDiagnostic.repeated, at: extra.location,
                message: "\(parent.localName)/\(name): appears more than once (first at line "
                    + "\(found[0].location.line)); expected once"))
        }
        return found[0]
    }

    /// The trimmed text of a required or optional child, converted by `parse`.
    mutating func value<T>(_ parent: XMLElement, _ name: String, required: Bool, expected: String,
                           _ parse: (String) -> T?) -> T? {
        guard let element = single(parent, name, required: required) else { return nil }
        return convert(element.text.trimmedXML, subject: name, at: element.location,
                       expected: expected, parse)
    }

    /// An unqualified attribute, converted by `parse`.
    mutating func attribute<T>(_ element: XMLElement, _ name: String, required: Bool,
                               expected: String, _ parse: (String) -> T?) -> T? {
        guard let raw = element.attribute(name) else {
            if required {
                structural.append(Diagnostic(
                    XMLDiagnostic.missing, at: element.location,
                    message: "\(element.localName)/@\(name): required attribute is missing"))
            }
            return nil
        }
        return convert(raw.trimmedXML, subject: "\(element.localName)/@\(name)",
                       at: element.location, expected: expected, parse)
    }

    /// `subject` is built only when the value fails: it is formatted for every value read.
    mutating func convert<T>(_ text: String, subject: @autoclosure () -> String, at location: SourceLocation,
                             expected: String, _ parse: (String) -> T?) -> T? {
        if let value = parse(text) { return value }
        valueFailures.append(Diagnostic(XMLDiagnostic.value, at: location,
                                        message: "\(subject()): '\(text)' is not \(expected)"))
        return nil
    }

    mutating func money(_ element: XMLElement, expected: String = ValueText.money) -> Money? {
        let currency = element.attribute("currency")?.trimmedXML ?? "GBP"
        guard let amount = convert(element.text.trimmedXML, subject: element.localName,
                                   at: element.location, expected: expected, ValueText.exact)
        else { return nil }
        return Money(amount, currency: currency)
    }

    mutating func money(_ parent: XMLElement, _ name: String, required: Bool) -> Money? {
        guard let element = single(parent, name, required: required) else { return nil }
        return money(element)
    }

    mutating func targetGroups(_ element: XMLElement) -> [TargetGroup] {
        element.children(named: "TargetGroup").compactMap { child in
            convert(child.text.trimmedXML, subject: "TargetGroup", at: child.location,
                    expected: "a target group", TargetGroup.init(rawValue:))
        }
    }

    mutating func area(_ element: XMLElement) -> AreaReference? {
        guard let text = element.attribute("area")?.trimmedXML else { return nil }
        return AreaReference(text, at: element.location)
    }
}

/// Parsers for the lexical forms of xml-formats.md, and how to say what was expected.
enum ValueText {
    static let money = "an amount of money (at least 0, at most 2 decimal places)"
    static let count = "a whole number of 1 or more"
    static let boolean = "true or false"
    static let date = "a date (YYYY-MM-DD)"
    static let instant = "a date and time (YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm)"

    static func exact(_ text: String) -> Exact? { Exact(decimal: text) }

    /// xs:positiveInteger in every lexical form it has: an optional `+`, then digits, leading
    /// zeros allowed (`+52`, `052` and `52` are one value). Nil past `Int` (the schemas' bounds
    /// are far below).
    static func positive(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var index = bytes.first == UInt8(ascii: "+") ? 1 : 0
            guard index < bytes.count else { return nil }
            var value = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                let (shifted, over) = value.multipliedReportingOverflow(by: 10)
                let (sum, overAgain) = shifted.addingReportingOverflow(Int(byte - 48))
                guard !over, !overAgain else { return nil }
                value = sum
                index += 1
            }
            return value >= 1 ? value : nil
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    static func date(_ text: String) -> CalendarDate? { CalendarDate(iso: text) }
    static func instant(_ text: String) -> Instant? { Instant(iso: text) }
    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

extension String {
    /// Without leading or trailing XML whitespace (what xs:token collapses).
    var trimmedXML: String {
        let bytes = utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        // Most values have nothing to trim: look at the two ends of the contiguous bytes.
        if let untouched = bytes.withContiguousStorageIfAvailable({ $0.isEmpty || (!isSpace($0[0]) && !isSpace($0[$0.count - 1])) }),
           untouched {
            return self
        }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
              let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
