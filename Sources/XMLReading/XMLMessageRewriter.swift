import CLibXML2
import Diagnostics

/// Turns libxml2's schema-validity errors into the project's one-line form,
/// `Job/@fte: '1.5' is above the maximum of 1`, and folds the pairs libxml2 emits for one
/// problem (a facet error, then "not a valid value of the atomic type") into one.
///
/// What the problem is comes from the error's code (`xmlError.code`, `SchemaProblem`), the
/// offending value and the facet's limit from its fields (`str1`…`str3`), never from
/// libxml2's English wording, which changes between releases. Three things libxml2 gives only
/// inside its message, quoted, are read from there: the node concerned (`Element '{ns}Job',
/// attribute 'fte': `), the type named by a datatype error, and the list of expected elements.
public struct XMLMessageRewriter: Sendable {
    /// What a named simple type of the schema accepts, said for a person: `"fte"` →
    /// `"a full-time equivalent above 0 and at most 1"`.
    public var typeDescriptions: [String: String]

    /// The elements each element of the schema may hold, for "unexpected element" messages.
    public var allowedChildren: [String: [String]]
    /// The unqualified attributes each element takes, for "attribute not allowed" messages.
    public var allowedAttributes: [String: [String]]

    /// What an element or attribute (by local name) holds, for messages where libxml2 names
    /// no type (a pattern facet on an attribute): `"period"` → `"a period (YYYY-Qn or YYYY-MM)"`.
    public var valueDescriptions: [String: String]

    public init(typeDescriptions: [String: String] = [:], valueDescriptions: [String: String] = [:],
                allowedChildren: [String: [String]] = [:],
                allowedAttributes: [String: [String]] = [:]) {
        self.typeDescriptions = typeDescriptions
        self.valueDescriptions = valueDescriptions
        self.allowedChildren = allowedChildren
        self.allowedAttributes = allowedAttributes
    }

    /// Rewrites one schema error (no folding).
    public func rewrite(_ error: RawXMLError) -> String {
        rewrite(error, typeName: nil)
    }

    func rewrite(_ error: RawXMLError, typeName: String?) -> String {
        guard let node = NodeNamed(error.message) else { return Self.stripNamespaces(error.message) }
        let subject = node.subject
        let value = error.str1 ?? ""
        var text: String
        switch SchemaProblem(code: error.code) {
        case .facet(let facet):
            // Length facets on an element give (actual, allowed); on an attribute the value first.
            let lengthLimit = (node.attributeName == nil ? error.str2 : error.str3) ?? "?"
            let limit = error.str2 ?? "?"
            switch facet {
            case .maxInclusive: text = "'\(value)' is above the maximum of \(limit)"
            case .minInclusive: text = "'\(value)' is below the minimum of \(limit)"
            case .minExclusive: text = "'\(value)' must be greater than \(limit)"
            case .maxExclusive: text = "'\(value)' must be less than \(limit)"
            case .enumeration:
                let words = (error.str2 ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " '") }
                text = "'\(value)' is not one of \(words.joined(separator: ", "))"
            case .fractionDigits: text = "'\(value)' has more than \(limit) decimal places"
            case .totalDigits: text = "'\(value)' has more than \(limit) digits"
            case .maxLength: text = "the value is longer than \(lengthLimit) characters"
            case .minLength:
                text = lengthLimit == "1" ? "a value is required"
                    : "the value is shorter than \(lengthLimit) characters"
            case .length: text = "the value must be \(lengthLimit) characters long"
            case .pattern:
                text = "'\(value)' is not "
                    + (describe(typeName) ?? valueDescriptions[node.attributeName ?? node.elementName]
                        ?? "in the expected form")
            }
        case .notOfType:
            let type = Self.lastQuoted(node.rest)
            text = value.isEmpty ? "a value is required" + (describe(type).map { " (\($0))" } ?? "")
                : "'\(value)' is not \(describe(type) ?? "a valid value")"
        case .elementContent where error.raisedAtEndTag:
            text = "missing required element" + Self.expectedList(node.rest, lead: ":")
        case .elementContent:
            if let parent = error.parentName, let allowed = allowedChildren[parent] {
                let holds = allowed.isEmpty ? "no elements of its namespace" : Self.andList(allowed)
                return "\(parent)/\(subject): unexpected element; a \(parent) holds \(holds)"
                    + " (and any elements of other namespaces)"
            }
            text = "unexpected element" + Self.expectedList(node.rest, lead: "; expected")
        case .attributeNotAllowed:
            let element = node.elementName
            if let allowed = allowedAttributes[element] {
                text = "unknown attribute; a \(element) takes "
                    + (allowed.isEmpty ? "no attributes" : Self.andList(allowed))
                    + " (and any attributes of other namespaces)"
            } else {
                text = "attribute not allowed here"
            }
        case .attributeMissing:
            text = "required attribute is missing"
        case .textNotAllowed:
            text = "text is not allowed here (only elements)"
        case .childElementsNotAllowed:
            text = "child elements are not allowed here (a plain value is expected)"
        case .emptyContent where error.raisedAtStartTag:
            text = "child elements are not allowed here (a plain value is expected)"
        case .emptyContent:
            text = "text is not allowed here (the element holds nothing)"
        case .undeclaredRoot, .other:
            text = Self.stripNamespaces(node.rest)
        }
        while text.hasSuffix(".") { text.removeLast() }
        return subject.isEmpty ? text : "\(subject): \(text)"
    }

    func describe(_ typeName: String?) -> String? {
        guard let typeName else { return nil }
        if let known = typeDescriptions[typeName] { return known }
        switch typeName {
        case "xs:date": return "a date (YYYY-MM-DD)"
        case "xs:dateTime": return "a date and time (YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm)"
        case "xs:boolean": return "true or false"
        case "xs:decimal": return "a decimal number"
        case "xs:positiveInteger": return "a whole number of 1 or more"
        case "xs:nonNegativeInteger": return "a whole number of 0 or more"
        case "xs:integer": return "a whole number"
        default: return "a valid \(typeName)"
        }
    }

    /// Folds libxml2's two-error reports of one problem and rewrites each.
    public func diagnostics(for raw: [RawXMLError]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var index = 0
        while index < raw.count {
            let error = raw[index]
            guard error.origin == .schema else {
                result.append(error.diagnostic(rewriter: self))
                index += 1
                continue
            }
            let problem = SchemaProblem(code: error.code)
            // The root's own declaration: cbscore names the expected root itself (xml.wrong-root).
            if problem == .undeclaredRoot && error.depth <= 1 {
                index += 1
                continue
            }
            var typeName: String? = nil
            if case .facet = problem, index + 1 < raw.count {
                let next = raw[index + 1]
                if next.origin == .schema, next.location == error.location,
                   SchemaProblem(code: next.code) == .notOfType,
                   let named = NodeNamed(next.message), named.subject == NodeNamed(error.message)?.subject {
                    typeName = Self.lastQuoted(named.rest)
                    index += 1
                }
            }
            result.append(Diagnostic(XMLDiagnostic.schema, at: error.location,
                                     message: rewrite(error, typeName: typeName)))
            index += 1
        }
        return result
    }

    // MARK: What libxml2 gives only inside its message

    /// The node a validity message names, `Element '{ns}Job', attribute 'fte': rest` →
    /// subject `Job/@fte`, and the rest of the message.
    struct NodeNamed {
        var subject: String
        var rest: String
        var elementName: String
        var attributeName: String?

        init?(_ message: String) {
            guard message.hasPrefix("Element '") else { return nil }
            let afterElement = message.dropFirst("Element '".count)
            guard let close = afterElement.firstIndex(of: "'") else { return nil }
            var name = String(afterElement[..<close])
            if let brace = name.lastIndex(of: "}") { name = String(name[name.index(after: brace)...]) }
            elementName = name
            attributeName = nil
            var remainder = afterElement[afterElement.index(after: close)...]
            if remainder.hasPrefix(", attribute '") {
                remainder = remainder.dropFirst(", attribute '".count)
                guard let end = remainder.firstIndex(of: "'") else { return nil }
                var attribute = String(remainder[..<end])
                if let brace = attribute.lastIndex(of: "}") {
                    attribute = String(attribute[attribute.index(after: brace)...])
                }
                name += "/@" + attribute
                attributeName = attribute
                remainder = remainder[remainder.index(after: end)...]
            }
            guard remainder.hasPrefix(": ") else { return nil }
            subject = name
            rest = String(remainder.dropFirst(2))
        }
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text[...].firstRange(of: open) else { return nil }
        guard let end = text[start.upperBound...].firstRange(of: close) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// The last `'…'` quoted name in the message (the type of a datatype error).
    static func lastQuoted(_ text: String) -> String? {
        guard let end = text.lastIndex(of: "'") else { return nil }
        guard let start = text[..<end].lastIndex(of: "'") else { return nil }
        return stripNamespaces(String(text[text.index(after: start)..<end]))
    }

    /// `( {ns}A, {ns}B, ##other{ns}* )` → ` A, B or an element of another namespace`.
    static func expectedList(_ text: String, lead: String) -> String {
        guard let list = between(text, "( ", " )") else { return "" }
        var names: [String] = []
        var foreign = false
        for item in list.split(separator: ",") {
            let trimmed = item.trimmingCharacters(in: " ")
            if trimmed.hasPrefix("##other") { foreign = true; continue }
            names.append(stripNamespaces(trimmed))
        }
        if foreign { names.append("an element of another namespace") }
        guard !names.isEmpty else { return "" }
        if names.count == 1 { return "\(lead) \(names[0])" }
        let last = names.removeLast()
        return "\(lead) one of \(names.joined(separator: ", ")) or \(last)"
    }

    /// `A, B or C`.
    public static func orList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// `A, B and C`.
    static func andList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// `{urn:cbscore:bid:1}Job` → `Job`.
    public static func stripNamespaces(_ text: String) -> String {
        var result = ""
        var inBraces = false
        for character in text {
            if character == "{" { inBraces = true; continue }
            if character == "}" && inBraces { inBraces = false; continue }
            if !inBraces { result.append(character) }
        }
        return result
    }

    static func lowercaseFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

/// The schema-validity problems cbscore words itself, by libxml2's error code. The codes are
/// libxml2's `xmlParserErrors`, which only ever grows, so they mean the same in every release.
enum SchemaProblem: Equatable {
    enum Facet: Equatable {
        case minInclusive, maxInclusive, minExclusive, maxExclusive, enumeration, fractionDigits,
             totalDigits, maxLength, minLength, length, pattern
    }

    /// A facet of the value's type refused it (`str1` the value, `str2` the facet's value).
    case facet(Facet)
    /// Not a value of its type (`str1` the value; the type named in the message).
    case notOfType
    /// At a start tag: an element the content model does not allow there; at an end tag:
    /// required elements missing. libxml2 raises both under one code.
    case elementContent
    case attributeNotAllowed
    case attributeMissing
    /// Text inside element-only content.
    case textNotAllowed
    /// Elements inside a simple (value) type.
    case childElementsNotAllowed
    /// Content inside an element whose type holds nothing: elements (raised at their start
    /// tag) or text.
    case emptyContent
    /// No global declaration for the element (at the root: not one of the schema's documents).
    case undeclaredRoot
    case other

    init(code: Int) {
        func matches(_ known: xmlParserErrors) -> Bool { Int(known.rawValue) == code }
        if matches(XML_SCHEMAV_CVC_MININCLUSIVE_VALID) { self = .facet(.minInclusive) }
        else if matches(XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID) { self = .facet(.maxInclusive) }
        else if matches(XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID) { self = .facet(.minExclusive) }
        else if matches(XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID) { self = .facet(.maxExclusive) }
        else if matches(XML_SCHEMAV_CVC_ENUMERATION_VALID) { self = .facet(.enumeration) }
        else if matches(XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID) { self = .facet(.fractionDigits) }
        else if matches(XML_SCHEMAV_CVC_TOTALDIGITS_VALID) { self = .facet(.totalDigits) }
        else if matches(XML_SCHEMAV_CVC_MAXLENGTH_VALID) { self = .facet(.maxLength) }
        else if matches(XML_SCHEMAV_CVC_MINLENGTH_VALID) { self = .facet(.minLength) }
        else if matches(XML_SCHEMAV_CVC_LENGTH_VALID) { self = .facet(.length) }
        else if matches(XML_SCHEMAV_CVC_PATTERN_VALID) { self = .facet(.pattern) }
        else if matches(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1) || matches(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2)
                    || matches(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3) { self = .notOfType }
        else if matches(XML_SCHEMAV_ELEMENT_CONTENT) { self = .elementContent }
        else if matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1) || matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2)
                    || matches(XML_SCHEMAV_CVC_TYPE_3_1_1) {
            // 3.1.1: on an element of a simple type, which takes no attributes at all.
            self = .attributeNotAllowed
        }
        else if matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_4) { self = .attributeMissing }
        else if matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3) { self = .textNotAllowed }
        else if matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2) || matches(XML_SCHEMAV_CVC_TYPE_3_1_2) {
            self = .childElementsNotAllowed
        }
        else if matches(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1) { self = .emptyContent }
        else if matches(XML_SCHEMAV_CVC_ELT_1) { self = .undeclaredRoot }
        else { self = .other }
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        self[...].trimmingCharacters(in: set)
    }
}
