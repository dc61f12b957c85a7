import CLibXML2
import Diagnostics

/// One error as libxml2 reported it, copied out of its callback (the `xmlError` it hands
/// over is only valid during the call).
public struct RawXMLError: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// Not well-formed XML: the parser stops.
        case parser
        /// Well-formed but not what the schema allows.
        case schema
        case other
    }

    public var origin: Origin
    public var isFatal: Bool
    /// libxml2's error code (`xmlParserErrors`): what the problem is.
    public var code: Int
    public var message: String
    public var location: SourceLocation
    /// libxml2's fields for the error: for a schema error the value (`str1`) and the
    /// facet's limit or the allowed set (`str2`, `str3`).
    public var str1: String? = nil
    public var str2: String? = nil
    public var str3: String? = nil
    /// For a schema error about an element: the element holding it, when known.
    public var parentName: String? = nil
    /// Raised while the validator took a start tag (attributes, an unexpected element) or an
    /// end tag (missing content, an element's value).
    public var raisedAtStartTag = false
    public var raisedAtEndTag = false
    /// Elements open when it was raised (1: the root).
    public var depth = 0

    public init(origin: Origin, isFatal: Bool, code: Int, message: String, location: SourceLocation,
                str1: String? = nil, str2: String? = nil, str3: String? = nil) {
        self.origin = origin
        self.isFatal = isFatal
        self.code = code
        self.message = message
        self.location = location
        self.str1 = str1
        self.str2 = str2
        self.str3 = str3
    }

    func diagnostic(rewriter: XMLMessageRewriter?) -> Diagnostic {
        switch origin {
        case .schema:
            let text = rewriter?.rewrite(self) ?? XMLMessageRewriter.stripNamespaces(message)
            return Diagnostic(XMLDiagnostic.schema, at: location, message: text)
        case .parser:
            return Diagnostic(XMLDiagnostic.malformed, at: location, message: "malformed XML: " + parserText())
        case .other:
            return Diagnostic(XMLDiagnostic.error, at: location, message: message)
        }
    }
}

extension RawXMLError {
    /// A well-formedness error in the project's words where libxml2's differ between releases
    /// (chosen by code, with the fields libxml2 gives), else libxml2's own message, which names
    /// the tags and lines concerned.
    func parserText() -> String {
        func matches(_ known: xmlParserErrors) -> Bool { Int(known.rawValue) == code }
        if matches(XML_ERR_INVALID_ENCODING) {
            // From 2.13, for input that does not decode (2.9 reports it as an invalid character).
            return "bytes that are not valid in the document's encoding"
        }
        if matches(XML_ERR_UNSUPPORTED_ENCODING) {
            return "unsupported encoding " + (str1 ?? "")
        }
        // One line, as every diagnostic is (2.9 puts the bytes of invalid UTF-8 on a second).
        var text = XMLMessageRewriter.lowercaseFirst(message.split(separator: "\n").joined(separator: " "))
        // libxml2 suggests an option cbscore never sets (2.13 puts a comma before it); say the
        // limit instead.
        if let hint = text.firstRange(of: " use XML_PARSE_HUGE option") {
            var kept = text[..<hint.lowerBound]
            if kept.hasSuffix(",") { kept.removeLast() }
            text = String(kept) + " levels at most"
        }
        return text
    }
}

/// Receives libxml2's structured errors for one reader or schema parser (never the global
/// handler, so concurrent readers keep their errors apart).
final class ErrorCollector {
    let displayPath: String
    /// The reader's events, to place schema errors (libxml2 gives them a line only) and name
    /// the element they concern.
    var events: UnsafeMutablePointer<SAXState>?
    private(set) var errors: [RawXMLError] = []
    /// libxml2 reports the first fatal error again on every later call; keep one.
    private(set) var sawFatal = false

    init(displayPath: String) {
        self.displayPath = displayPath
    }

    func receive(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        let domain = xmlErrorDomain(rawValue: UInt32(bitPattern: e.domain))
        let origin: RawXMLError.Origin
        switch domain {
        case XML_FROM_SCHEMASV, XML_FROM_SCHEMASP, XML_FROM_DATATYPE:
            origin = .schema
        case XML_FROM_PARSER, XML_FROM_NAMESPACE, XML_FROM_IO, XML_FROM_I18N, XML_FROM_MEMORY:
            origin = .parser
        default:
            origin = .other
        }
        let fatal = e.level == XML_ERR_FATAL
        if fatal && sawFatal { return }
        if fatal { sawFatal = true }
        if e.level == XML_ERR_WARNING && origin != .schema { return }
        var message = e.message.map { String(cString: $0) } ?? "error \(e.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        var location = SourceLocation(file: displayPath, line: max(Int(e.line), 1),
                                      column: max(Int(e.int2), 1))
        if origin == .schema, let events, let placed = place(message, events: events) {
            location = placed
        }
        var raw = RawXMLError(origin: origin, isFatal: fatal, code: Int(e.code), message: message,
                              location: location, str1: e.str1.map { String(cString: $0) },
                              str2: e.str2.map { String(cString: $0) }, str3: e.str3.map { String(cString: $0) })
        if origin == .schema, let events {
            let state = events.pointee
            raw.raisedAtStartTag = state.lastEventKind == .start
            raw.raisedAtEndTag = state.lastEventKind == .end
            raw.depth = state.openElements
            if let named = XMLMessageRewriter.NodeNamed(message), named.attributeName == nil {
                raw.parentName = state.parentName(of: named.elementName)
            }
        }
        errors.append(raw)
    }

    /// The validator reports from inside the parser's callbacks, so the input buffer still
    /// holds the tag concerned: point at the attribute named, or the element's `<`.
    private func place(_ message: String, events: UnsafeMutablePointer<SAXState>) -> SourceLocation? {
        guard let parser = events.pointee.parser else { return nil }
        let parsed = XMLMessageRewriter.NodeNamed(message)
        var packed = cbscore_error_position(parser, parsed?.attributeName)
        if packed >> 63 == 1 {
            packed = parsed.flatMap { events.pointee.lastClosedPosition(named: $0.elementName) } ?? packed & ~(UInt64(1) << 63)
        }
        guard packed != 0 else { return nil }
        return SourceLocation(file: displayPath, packed: packed)
    }

    func drain() -> [RawXMLError] {
        if errors.isEmpty { return [] }
        defer { errors.removeAll(keepingCapacity: true) }
        return errors
    }

    /// Removes and returns the errors before `limit` (all of them when nil).
    func drain(before limit: SourceLocation?) -> [RawXMLError] {
        if errors.isEmpty { return [] }
        guard let limit else { return drain() }
        var taken: [RawXMLError] = []
        var kept: [RawXMLError] = []
        for error in errors {
            if (error.location.line, error.location.column) < (limit.line, limit.column) {
                taken.append(error)
            } else {
                kept.append(error)
            }
        }
        errors = kept
        return taken
    }

    var isEmpty: Bool { errors.isEmpty }
    var count: Int { errors.count }

    /// Forgets the parser's errors received since `start` (the reader says it otherwise).
    func dropParserErrors(from start: Int) {
        guard start < errors.count else { return }
        let kept = errors[start...].filter { $0.origin != .parser }
        errors.removeSubrange(start...)
        errors.append(contentsOf: kept)
    }
}

/// The C entry point the shim relays libxml2's errors to (`cbscore_error_handler`, one
/// signature for every libxml2 version); `context` is an unretained `ErrorCollector`.
let xmlReadingStructuredError: cbscore_error_handler = { context, error in
    guard let context, let error else { return }
    Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().receive(error)
}
