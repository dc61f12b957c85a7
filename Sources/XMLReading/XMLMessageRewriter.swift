import Diagnostics

/// Turns libxml2's schema-validity messages into the project's one-line form,
/// `Job/@fte: '1.5' is above the maximum of 1`, and folds the pairs libxml2 emits for one
/// problem (a facet message, then "not a valid value of the atomic type") into one.
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

    /// Rewrites one message (no folding).
    public func rewrite(_ message: String) -> String {
        rewrite(message, typeName: nil, parentName: nil)
    }

    func rewrite(_ message: String, typeName: String?, parentName: String?) -> String {
        guard let parsed = Parsed(message) else { return Self.stripNamespaces(message) }
        let rest = parsed.rest
        let subject = parsed.subject
        var text: String
        if let facet = Self.between(rest, "[facet '", "'] ") {
            let value = Self.between(rest, "The value '", "'") ?? ""
            switch facet {
            case "maxInclusive":
                text = "'\(value)' is above the maximum of \(Self.lastQuoted(rest) ?? "?")"
            case "minInclusive":
                text = "'\(value)' is below the minimum of \(Self.lastQuoted(rest) ?? "?")"
            case "minExclusive":
                text = "'\(value)' must be greater than \(Self.lastQuoted(rest) ?? "?")"
            case "maxExclusive":
                text = "'\(value)' must be less than \(Self.lastQuoted(rest) ?? "?")"
            case "enumeration":
                let set = Self.between(rest, "{", "}") ?? ""
                let words = set.split(separator: ",").map {
                    $0.trimmingCharacters(in: " '")
                }
                text = "'\(value)' is not one of \(words.joined(separator: ", "))"
            case "fractionDigits":
                text = "'\(value)' has more than \(Self.lastQuoted(rest) ?? "?") decimal places"
            case "totalDigits":
                text = "'\(value)' has more than \(Self.lastQuoted(rest) ?? "?") digits"
            case "maxLength":
                text = "the value is longer than \(Self.lastQuoted(rest) ?? "?") characters"
            case "minLength":
                text = (Self.lastQuoted(rest) == "1") ? "a value is required"
                    : "the value is shorter than \(Self.lastQuoted(rest) ?? "?") characters"
            case "pattern":
                let leaf = parsed.attributeName ?? parsed.elementName
                text = "'\(value)' is not "
                    + (describe(typeName) ?? valueDescriptions[leaf] ?? "in the expected form")
            default:
                text = Self.stripNamespaces(rest)
            }
        } else if rest.contains("is not a valid value of the") {
            let value = Self.between(rest, "'", "'") ?? ""
            let type = Self.lastQuoted(rest)
            if value.isEmpty {
                text = "a value is required" + (describe(type).map { " (\($0))" } ?? "")
            } else {
                text = "'\(value)' is not \(describe(type) ?? "a valid value")"
            }
        } else if rest.hasPrefix("This element is not expected.") {
            let listed = Self.expectedList(rest, lead: "; expected")
            if let parentName, let allowed = allowedChildren[parentName] {
                let holds = allowed.isEmpty ? "no elements of its namespace"
                    : Self.andList(allowed)
                return "\(parentName)/\(subject): unexpected element; a \(parentName) holds \(holds)"
                    + " (and any elements of other namespaces)"
            }
            text = "unexpected element" + listed
        } else if rest.hasPrefix("Missing child element(s).") {
            text = "missing required element" + Self.expectedList(rest, lead: ":")
        } else if rest.hasSuffix("is not allowed.") && rest.hasPrefix("The attribute") {
            let element = subject.split(separator: "/").first.map(String.init) ?? subject
            if let allowed = allowedAttributes[element] {
                text = "unknown attribute; a \(element) takes "
                    + (allowed.isEmpty ? "no attributes" : Self.andList(allowed))
                    + " (and any attributes of other namespaces)"
            } else {
                text = "attribute not allowed here"
            }
        } else if rest.hasSuffix("is required but missing.") {
            text = "required attribute is missing"
        } else if rest.hasPrefix("Character content other than whitespace is not allowed") {
            text = "text is not allowed here (only elements)"
        } else if rest.hasPrefix("Element content is not allowed") {
            text = "child elements are not allowed here (a plain value is expected)"
        } else {
            text = Self.stripNamespaces(rest)
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

    /// Folds libxml2's two-message reports of one problem and rewrites each.
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
            var typeName: String? = nil
            if index + 1 < raw.count, error.message.contains("[facet '") {
                let next = raw[index + 1]
                if next.origin == .schema, next.location == error.location,
                   next.message.contains("is not a valid value of the"),
                   Parsed(next.message)?.subject == Parsed(error.message)?.subject {
                    typeName = Self.lastQuoted(next.message)
                    index += 1
                }
            }
            if error.message.hasPrefix("No matching global declaration available") {
                index += 1
                continue
            }
            result.append(Diagnostic(XMLDiagnostic.schema, at: error.location,
                                     message: rewrite(error.message, typeName: typeName,
                                                      parentName: error.parentName)))
            index += 1
        }
        return result
    }

    // MARK: Pieces of libxml2's wording

    /// `Element '{ns}Job', attribute 'fte': rest` → subject `Job/@fte`, rest.
    struct Parsed {
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

    /// The last `'…'` or `('…')` quoted value in the message.
    static func lastQuoted(_ text: String) -> String? {
        guard let end = text.lastIndex(of: "'") else { return nil }
        guard let start = text[..<end].lastIndex(of: "'") else { return nil }
        return stripNamespaces(String(text[text.index(after: start)..<end]))
    }

    /// `Expected is one of ( {ns}A, {ns}B, ##other{ns}* ).` → ` A, B or an element of another namespace`.
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
