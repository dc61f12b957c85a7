import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Why a file could not be opened for reading at all.
public struct XMLOpenError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    public var description: String { diagnostic.description }
}

/// A forward-only, schema-validating reader over one XML file (libxml2's xmlTextReader).
/// Memory stays bounded: only the subtree being expanded is held, so a batch of any size
/// is read one record at a time.
///
/// Safety: no DTD is loaded, no entity substituted, no XInclude processed, no network used;
/// a DOCTYPE stops the parser before its internal subset is read.
public final class XMLStreamReader {
    public static let xincludeNamespaces: Set<String> = [
        "http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude",
    ]

    /// The path as the caller gave it: used in every diagnostic.
    public let displayPath: String
    let reader: xmlTextReaderPtr
    private let parser: xmlParserCtxtPtr?
    private let validation: xmlSchemaValidCtxtPtr?
    private let collector: ErrorCollector
    private let collectorReference: Unmanaged<ErrorCollector>
    /// `{handler, collector}` for the shim's parser-error relay.
    private let errorRoute: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    /// The type of the node the reader stands on, read once per node.
    var nodeType: UInt32 = 0
    /// Our own findings (DOCTYPE, XInclude), merged with libxml2's in position order.
    var findings: [Diagnostic] = []
    /// Every distinct element name, attribute name and namespace seen (at most 256), each
    /// decoded once; see `interned`.
    private var knownNames: [(name: String, offset: Int, count: Int)] = []
    /// The bytes of `knownNames`, in raw memory so comparing costs no reference counting.
    /// Allocated once `init` can no longer throw: a failed init does not run `deinit`.
    private let nameBytes: UnsafeMutablePointer<UInt8>
    private var nameBytesUsed = 0
    private static let nameBytesCapacity = 16_384
    /// A direct-mapped cache in front of `knownNames`, by address: a schema has a few dozen
    /// names, and looking each one up showed in the parsing thread's profile.
    private var recentNames = [(key: UnsafeRawPointer?, index: Int)](repeating: (nil, -1), count: 128)
    public private(set) var reachedEnd = false
    public private(set) var hadFatalError = false
    /// Bounds on depth, sizes and counts (ReaderLimits.swift).
    public let limits: ReaderLimits

    /// Options: no network; never NOENT, DTDLOAD, XINCLUDE or HUGE. BIG_LINES keeps line
    /// numbers exact beyond 65,535; COMPACT saves memory on short texts.
    static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOXINCNODE.rawValue
        | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Opens `path` for streaming. With a schema, every node is validated as it is read and
    /// the schema's findings are collected with the parser's.
    public init(path: String, displayPath: String? = nil, schema: XMLSchema?,
                limits: ReaderLimits = .standard) throws(XMLOpenError) {
        let shown = displayPath ?? path
        self.displayPath = shown
        self.limits = limits
        if let problem = limits.oversizedDocument(path: path, displayPath: shown) {
            throw XMLOpenError(diagnostic: problem)
        }
        if let problem = PrologueScan.problem(inFileAt: path, displayPath: shown) {
            throw XMLOpenError(diagnostic: problem)
        }
        guard let reader = xmlReaderForFile(path, nil, Self.parseOptions) else {
            throw XMLOpenError(diagnostic: Diagnostic(
                id: "xml.unreadable", at: SourceLocation(file: shown, line: 1, column: 1),
                message: "cannot open the file"))
        }
        self.reader = reader
        nameBytes = .allocate(capacity: Self.nameBytesCapacity)
        let collector = ErrorCollector(displayPath: shown)
        self.collector = collector
        collectorReference = Unmanaged.passRetained(collector)
        // The hooks must sit on the reader's own SAX handler before the schema is plugged
        // in front of it.
        let parser = cbscore_reader_parser(reader)
        self.parser = parser
        if let parser { _ = cbscore_install_hooks(parser) }
        collector.parser = parser
        xmlTextReaderSetStructuredErrorHandler(reader, xmlReadingStructuredError,
                                               collectorReference.toOpaque())
        Self.silenceUnroutedErrors()
        if let schema, let context = xmlSchemaNewValidCtxt(schema.pointer) {
            validation = context
            _ = xmlTextReaderSchemaValidateCtxt(reader, context, 0)
            xmlSchemaSetValidStructuredErrors(context, xmlReadingStructuredError,
                                              collectorReference.toOpaque())
        } else {
            validation = nil
        }
        errorRoute = .allocate(capacity: 2)
        errorRoute[0] = unsafeBitCast(xmlReadingStructuredError, to: UnsafeMutableRawPointer.self)
        errorRoute[1] = collectorReference.toOpaque()
        if let parser {
            errorRoute.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 2) {
                cbscore_route_parser_errors(parser, $0)
            }
        }
    }

    deinit {
        xmlTextReaderClose(reader)
        xmlFreeTextReader(reader)
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        collectorReference.release()
        errorRoute.deallocate()
        nameBytes.deallocate()
    }

    // MARK: Moving through the document

    /// Advances to the next element start at any depth (skipping the subtree of the current
    /// element first when `skipCurrent`). Nil at the end of the document or after a fatal
    /// error.
    public func nextElement(skippingCurrent skipCurrent: Bool = false) -> XMLStart? {
        var skip = skipCurrent
        while true {
            guard advance(skipping: skip) else { return nil }
            skip = false
            if nodeType == XML_READER_TYPE_ELEMENT.rawValue {
                return currentStart()
            }
        }
    }

    /// Expands the element the reader stands on into a tree, leaving the reader on its end.
    /// Elements outside `namespace` are skipped (XInclude elements are refused). Nil when
    /// the document ends (malformed) before the element does. One path with batch reading:
    /// the element is captured (`captureCurrent`) and built at once.
    public func expandCurrent(keeping namespace: String) -> XMLElement? {
        captureCurrent(keeping: namespace)?.element()
    }

    /// Records an XInclude element as refused; other foreign elements are extensions.
    public func noteForeign(_ start: XMLStart) {
        if Self.xincludeNamespaces.contains(start.namespace) {
            findings.append(Diagnostic(
                id: "xml.xinclude", at: start.location,
                message: "XInclude is not accepted: \(start.localName) in \(start.namespace) "
                    + "(documents must be self-contained; nothing is fetched on their behalf)"))
        }
    }

    /// The start tag the reader stands on.
    public func currentStart() -> XMLStart? {
        guard nodeType == XML_READER_TYPE_ELEMENT.rawValue,
              let node = xmlTextReaderCurrentNode(reader) else { return nil }
        // Read straight from the reader's current node (valid until the next read): its
        // name and namespace are dictionary strings, its attributes a plain list.
        let name = interned(node.pointee.name) ?? ""
        let namespace = interned(node.pointee.ns?.pointee.href) ?? ""
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        let location = currentLocation()
        var attributes: [XMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            let localName = interned(current.pointee.name) ?? ""
            let attributeNamespace = interned(current.pointee.ns?.pointee.href)
            var value = Self.value(of: current)
            if let over = checkAttribute(localName, value: value, count: attributes.count + 1, at: location) {
                if over { break }
                value = String(decoding: value.utf8.prefix(limits.attributeValueBytes), as: UTF8.self)
            }
            attributes.append(XMLAttribute(localName: localName, namespace: attributeNamespace, value: value))
        }
        return XMLStart(localName: name, namespace: namespace, attributes: attributes,
                        isEmpty: isEmpty, depth: Int(xmlTextReaderDepth(reader)),
                        location: location)
    }

    /// An attribute's value: its one text child, or the children joined.
    static func value(of attribute: xmlAttrPtr) -> String {
        if let child = attribute.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            return String(cString: content)
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else {
            return ""
        }
        defer { cbscore_xmlFree(joined) }
        return String(cString: joined)
    }

    func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // Matched by address and then by content: namespace URIs are copied for each
        // declaration and freed with its element, and the next declaration may reuse the
        // address. Matched by address alone, a later element could take an earlier one's
        // namespace, and a bid be skipped as foreign.
        let count = Int(xmlStrlen(pointer))
        let key = UnsafeRawPointer(pointer)
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: key) >> 3) & 127
        let recent = recentNames[slot]
        if recent.key == key, recent.index >= 0, knownNameMatches(recent.index, pointer, count) {
            return knownNames[recent.index].name
        }
        for index in knownNames.indices where knownNameMatches(index, pointer, count) {
            recentNames[slot] = (key, index)
            return knownNames[index].name
        }
        let name = String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        if knownNames.count < 256, nameBytesUsed + count <= Self.nameBytesCapacity {
            (nameBytes + nameBytesUsed).update(from: pointer, count: count)
            knownNames.append((name, nameBytesUsed, count))
            nameBytesUsed += count
            recentNames[slot] = (key, knownNames.count - 1)
        }
        return name
    }

    @inline(__always)
    private func knownNameMatches(_ index: Int, _ pointer: UnsafePointer<xmlChar>, _ count: Int) -> Bool {
        let known = knownNames[index]
        return known.count == count && memcmp(nameBytes + known.offset, pointer, count) == 0
    }

    func currentLocation() -> SourceLocation {
        let packed = cbscore_node_position(xmlTextReaderCurrentNode(reader))
        if packed != 0 {
            return SourceLocation(file: displayPath, line: Int(packed >> 24),
                                  column: Int(packed & 0xFFFFFF))
        }
        return SourceLocation(file: displayPath, line: max(Int(xmlTextReaderGetParserLineNumber(reader)), 1),
                              column: max(Int(xmlTextReaderGetParserColumnNumber(reader)), 1))
    }

    func advance(skipping: Bool) -> Bool {
        guard !reachedEnd else { return false }
        let result = skipping ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
        if result == 1 {
            nodeType = UInt32(bitPattern: xmlTextReaderNodeType(reader))
            if nodeType == XML_READER_TYPE_DOCUMENT_TYPE.rawValue {
                stopForDoctype()
                return false
            }
            if nodeType == XML_READER_TYPE_ELEMENT.rawValue, !withinDepthLimit() {
                reachedEnd = true
                hadFatalError = true
                return false
            }
            return true
        }
        reachedEnd = true
        nodeType = 0
        if cbscore_parser_was_stopped(parser) != 0 {
            stopForDoctype()
        } else if result < 0 {
            hadFatalError = true
            // An encoding or I/O failure stops the parser without a routed error: say so
            // even when schema findings came before it.
            if !collector.sawFatal && !findings.contains(where: { $0.id == "xml.malformed" }) {
                findings.append(Diagnostic(
                    id: "xml.malformed",
                    at: SourceLocation(file: displayPath, line: max(Int(cbscore_parser_line(parser)), 1),
                                       column: max(Int(cbscore_parser_column(parser)), 1)),
                    message: "malformed XML: the document cannot be read to its end"))
            }
        }
        return false
    }

    private func stopForDoctype() {
        reachedEnd = true
        hadFatalError = true
        findings.append(PrologueScan.doctypeDiagnostic(at: SourceLocation(
            file: displayPath, line: max(Int(cbscore_parser_line(parser)), 1),
            column: max(Int(cbscore_parser_column(parser)), 1))))
    }

    // MARK: Limits (ReaderLimits.swift)

    /// False, with a finding, when the element the reader stands on is nested too deep.
    private func withinDepthLimit() -> Bool {
        let depth = Int(xmlTextReaderDepth(reader)) + 1
        guard depth > limits.elementDepth else { return true }
        findings.append(ReaderLimits.diagnostic(
            "element-depth", limits.elementDepth, at: currentLocation(),
            found: "an element nested \(depth) deep (the root is at depth 1)"))
        return false
    }

    /// Nil when the attribute is within limits; true (stop reading attributes) when the
    /// element has too many; false (keep a cut value) when the value is too long.
    private func checkAttribute(_ name: String, value: String, count: Int, at location: SourceLocation) -> Bool? {
        if count > limits.attributesPerElement {
            findings.append(ReaderLimits.diagnostic(
                "attributes-per-element", limits.attributesPerElement, at: location,
                found: "the element has more than \(limits.attributesPerElement) attributes"))
            return true
        }
        guard value.utf8.count > limits.attributeValueBytes else { return nil }
        findings.append(ReaderLimits.diagnostic(
            "attribute-length", limits.attributeValueBytes, unit: " bytes", at: location,
            found: "attribute \(name) holds \(value.utf8.count) bytes"))
        return false
    }

    // MARK: Findings

    /// Every finding so far, in document order, schema messages rewritten by `rewriter`.
    public func takeDiagnostics(rewriter: XMLMessageRewriter?) -> [Diagnostic] {
        merge(collector.drain(), rewriter: rewriter, ownFindings: takeFindings(before: nil))
    }

    /// The findings located before `limit` (a later record's start), leaving later ones.
    public func takeDiagnostics(before limit: SourceLocation?, rewriter: XMLMessageRewriter?) -> [Diagnostic] {
        merge(collector.drain(before: limit), rewriter: rewriter, ownFindings: takeFindings(before: limit))
    }

    private func takeFindings(before limit: SourceLocation?) -> [Diagnostic] {
        if findings.isEmpty { return [] }
        guard let limit else {
            defer { findings.removeAll() }
            return findings
        }
        let taken = findings.filter { ($0.location.line, $0.location.column) < (limit.line, limit.column) }
        findings.removeAll { ($0.location.line, $0.location.column) < (limit.line, limit.column) }
        return taken
    }

    private func merge(_ raw: [RawXMLError], rewriter: XMLMessageRewriter?,
                       ownFindings: [Diagnostic]) -> [Diagnostic] {
        if raw.isEmpty && ownFindings.isEmpty { return [] }
        let rewritten = (rewriter ?? XMLMessageRewriter()).diagnostics(for: raw)
        var seen = Set<String>()
        return (rewritten + ownFindings)
            .sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
            .filter { seen.insert($0.description).inserted }
    }
}

/// A start tag as the stream passes it.
public struct XMLStart: Sendable, Hashable {
    public var localName: String
    public var namespace: String
    public var attributes: [XMLAttribute]
    public var isEmpty: Bool
    public var depth: Int
    public var location: SourceLocation

    public func attribute(_ name: String) -> String? {
        for a in attributes where a.namespace == nil && a.localName == name { return a.value }
        return nil
    }
}
