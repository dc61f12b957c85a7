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
    public var code: Int
    public var message: String
    public var location: SourceLocation
    /// For a schema error about an element: the element holding it, when known.
    public var parentName: String? = nil

    func diagnostic(rewriter: XMLMessageRewriter?) -> Diagnostic {
        switch origin {
        case .schema:
            let text = rewriter?.rewrite(message) ?? XMLMessageRewriter.stripNamespaces(message)
            return Diagnostic(XMLDiagnostic.schema, at: location, message: text)
        case .parser:
            var text = XMLMessageRewriter.lowercaseFirst(message)
            // libxml2 suggests an option cbscore never sets; say the limit instead.
            if let hint = text.firstRange(of: " use XML_PARSE_HUGE option") {
                text = String(text[..<hint.lowerBound]) + " levels at most"
            }
            return Diagnostic(XMLDiagnostic.malformed, at: location, message: "malformed XML: " + text)
        case .other:
            return Diagnostic(XMLDiagnostic.error, at: location, message: message)
        }
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
        var raw = RawXMLError(origin: origin, isFatal: fatal, code: Int(e.code),
                              message: message, location: location)
        if origin == .schema, let events, let parsed = XMLMessageRewriter.Parsed(message),
           parsed.attributeName == nil {
            raw.parentName = events.pointee.parentName(of: parsed.elementName)
        }
        errors.append(raw)
    }

    /// The validator reports from inside the parser's callbacks, so the input buffer still
    /// holds the tag concerned: point at the attribute named, or the element's `<`.
    private func place(_ message: String, events: UnsafeMutablePointer<SAXState>) -> SourceLocation? {
        guard let parser = events.pointee.parser else { return nil }
        let parsed = XMLMessageRewriter.Parsed(message)
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
}

/// The C entry point libxml2 calls; `context` is an unretained `ErrorCollector`.
let xmlReadingStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
        .receive(UnsafePointer(error))
}
