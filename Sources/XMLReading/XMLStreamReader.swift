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

/// A forward-only, schema-validating reader over one XML file (or the bytes of one held in
/// memory, `init(bytes:)`): libxml2's push parser with
/// its schema validator plugged into the SAX stream, and callbacks that record events
/// (SAXEvents.swift) instead of building a tree. Memory stays bounded: the file is fed a
/// chunk at a time and only the events of the chunk being read are held, so a batch of any
/// size is read one record at a time.
///
/// Safety: no DTD is loaded, no entity substituted, no XInclude processed, no network used;
/// a DOCTYPE stops the parser before its internal subset is read.
public final class XMLStreamReader {
    /// The XInclude namespaces: any element in either is refused wherever it stands
    /// (`SAXState.start`), never processed.
    static let xinclude2001 = "http://www.w3.org/2001/XInclude"
    static let xinclude2003 = "http://www.w3.org/2003/XInclude"

    /// The path as the caller gave it: used in every diagnostic.
    public let displayPath: String
    /// Bounds on depth, sizes and counts (ReaderLimits.swift).
    public let limits: ReaderLimits
    /// What the SAX callbacks record, at a fixed address (SAXEvents.swift).
    let sax: UnsafeMutablePointer<SAXState>
    private let collector: ErrorCollector
    private let collectorReference: Unmanaged<ErrorCollector>
    private let validation: xmlSchemaValidCtxtPtr?
    /// Where the validation context's errors go (libxml2 keeps its address).
    private let validationRoute: UnsafeMutablePointer<cbscore_error_route>
    private let handler: UnsafeMutablePointer<xmlSAXHandler>
    private let session: UnsafeMutablePointer<cbscore_sax_session>
    private var input: XMLInput
    private let chunk: UnsafeMutablePointer<UInt8>
    private static let chunkSize = 65_536
    private var inputDone = false
    /// Whether CR LF and lone CRs are rewritten as LF before libxml2 sees the bytes (every
    /// encoding but UTF-16, UCS-4 and EBCDIC, where a 0x0D byte can belong to another
    /// character), and a CR that ended the last chunk.
    private var normalizesLineEnds = true
    private var pendingCR: Int32 = 0
    /// Where the document ends, when it ends with elements still open (truncated).
    public private(set) var truncatedAt: SourceLocation? = nil
    /// The next event to read, and the start event the reader stands on (-1: none).
    private var cursor = 0
    private var current = -1
    public private(set) var reachedEnd = false
    public private(set) var hadFatalError = false

    /// Options: no network; never NOENT, DTDLOAD, XINCLUDE or HUGE.
    static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Opens `path` for streaming. With a schema, every element is validated as it is read
    /// and the schema's findings are collected with the parser's.
    public convenience init(path: String, displayPath: String? = nil, schema: XMLSchema?,
                            limits: ReaderLimits = .standard) throws(XMLOpenError) {
        let shown = displayPath ?? path
        if let problem = limits.oversizedDocument(path: path, displayPath: shown) {
            throw XMLOpenError(diagnostic: problem)
        }
        if let problem = PrologueScan.problem(inFileAt: path, displayPath: shown) {
            throw XMLOpenError(diagnostic: problem)
        }
        let file = open(path, O_RDONLY)
        guard file >= 0 else {
            throw XMLOpenError(diagnostic: Diagnostic(
                XMLDiagnostic.unreadable, at: SourceLocation(file: shown, line: 1, column: 1),
                message: "cannot open the file"))
        }
        self.init(input: .file(file), displayPath: shown, schema: schema, limits: limits)
    }

    /// Reads a document held in memory (an upload, a decoded attachment) exactly as a file is
    /// read: the same size limit, the same DOCTYPE, entity and XInclude refusals, the same
    /// limits; `displayPath` names it in every diagnostic.
    public convenience init(bytes: [UInt8], displayPath: String, schema: XMLSchema?,
                            limits: ReaderLimits = .standard) throws(XMLOpenError) {
        if let problem = limits.oversizedDocument(byteCount: Int64(bytes.count), displayPath: displayPath) {
            throw XMLOpenError(diagnostic: problem)
        }
        if let problem = PrologueScan.problem(inPrefix: bytes.prefix(PrologueScan.scanLimit), displayPath: displayPath) {
            throw XMLOpenError(diagnostic: problem)
        }
        self.init(input: .memory(bytes), displayPath: displayPath, schema: schema, limits: limits)
    }

    private init(input: XMLInput, displayPath shown: String, schema: XMLSchema?, limits: ReaderLimits) {
        self.displayPath = shown
        self.limits = limits
        // Nothing below throws: a failed init would not run `deinit` to free these.
        self.input = input
        sax = .allocate(capacity: 1)
        sax.initialize(to: SAXState(displayPath: shown, limits: limits))
        let collector = ErrorCollector(displayPath: shown)
        collector.events = sax
        self.collector = collector
        collectorReference = Unmanaged.passRetained(collector)
        Self.silenceUnroutedErrors()
        validation = schema.flatMap { xmlSchemaNewValidCtxt($0.pointer) }
        validationRoute = .allocate(capacity: 1)
        validationRoute.initialize(to: cbscore_error_route(handler: xmlReadingStructuredError,
                                                           context: collectorReference.toOpaque()))
        if let validation { cbscore_route_validation_errors(validation, validationRoute) }
        handler = .allocate(capacity: 1)
        handler.initialize(to: SAXState.handler())
        session = .allocate(capacity: 1)
        session.initialize(to: cbscore_sax_session())
        chunk = .allocate(capacity: Self.chunkSize)
        // The first bytes go in with the parser's creation, for encoding detection.
        let first = self.input.read(into: chunk, count: 4, fully: true)
        normalizesLineEnds = Self.lineEndsAreSingleBytes(chunk, max(first, 0))
        let usable = first > 0 ? normalized(first) : 0
        let opened = chunk.withMemoryRebound(to: CChar.self, capacity: 4) {
            cbscore_session_open(session, handler, UnsafeMutableRawPointer(sax), validation, $0, Int32(usable),
                                 Self.parseOptions, xmlReadingStructuredError, collectorReference.toOpaque())
        }
        sax.pointee.parser = session.pointee.ctxt
        if opened != 0 || first < 0 {
            inputDone = true
            sax.pointee.findings.append(Diagnostic(
                XMLDiagnostic.unreadable, at: SourceLocation(file: shown, line: 1, column: 1),
                message: "cannot read the file"))
        } else if first < 4 {
            finishInput()
        }
    }

    deinit {
        cbscore_session_close(session)
        session.deallocate()
        handler.deallocate()
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        validationRoute.deallocate()
        chunk.deallocate()
        input.close()
        collector.events = nil
        collectorReference.release()
        sax.deinitialize(count: 1)
        sax.deallocate()
    }

    // MARK: Feeding the parser

    /// Parses the next chunk of the file, appending to the events. False once the parser has
    /// been given the whole file (or has stopped).
    private func feed() -> Bool {
        guard !inputDone else { return false }
        let count = input.read(into: chunk, count: Self.chunkSize, fully: false)
        if count > 0 {
            let usable = normalized(count)
            chunk.withMemoryRebound(to: CChar.self, capacity: count) {
                cbscore_session_feed(session, $0, Int32(usable), 0)
            }
            if sax.pointee.stopped { cbscore_session_stop(session) }
            if cbscore_session_halted(session) != 0 { finishInput() }
        } else {
            if count < 0 {
                sax.pointee.findings.append(Diagnostic(
                    XMLDiagnostic.unreadable, at: sax.pointee.parserLocation(),
                    message: "the file cannot be read to its end"))
            }
            finishInput()
        }
        return true
    }

    /// The first `count` bytes of the chunk with their line ends normalised (XML 1.0 §2.11),
    /// when the encoding allows it; how many bytes are left.
    private func normalized(_ count: Int) -> Int {
        guard normalizesLineEnds else { return count }
        return Int(cbscore_normalize_line_ends(chunk, count, &pendingCR))
    }

    /// False for UTF-16 and UCS-4 (a byte-order mark, or `<` as a wide character) and EBCDIC
    /// (`<?xm`), whose 0x0D bytes need not be CR.
    static func lineEndsAreSingleBytes(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count >= 2 else { return true }
        if (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return false }
        if bytes[0] == 0 || bytes[1] == 0 { return false }
        if count >= 4 && bytes[0] == 0x4C && bytes[1] == 0x6F && bytes[2] == 0xA7 && bytes[3] == 0x94 { return false }
        return true
    }

    /// Tells the parser the document is over (it then reports what is left unclosed) and
    /// notes how it ended.
    private func finishInput() {
        inputDone = true
        let parsedToTheEnd = cbscore_session_halted(session) == 0
        let errorsBefore = collector.count
        if parsedToTheEnd {
            cbscore_session_feed(session, nil, 0, 1)
        }
        // Every byte parsed without error, elements still open, and the parser's complaint is
        // about the end: the document is cut short. libxml2 words that in its own ways (2.9 as
        // "extra content at the end of the document", at the last tag it read); cbscore says it
        // once, at the end of the file. (2.9 stops on bytes its converter rejects at the end
        // without reporting them: not a truncation.)
        if parsedToTheEnd, !sax.pointee.stopped, collector.count > errorsBefore,
           let open = sax.pointee.innermostOpenName {
            collector.dropParserErrors(from: errorsBefore)
            let end = endOfFile() ?? sax.pointee.parserLocation()
            truncatedAt = end
            sax.pointee.findings.append(Diagnostic(
                XMLDiagnostic.malformed, at: end,
                message: "malformed XML: the document ends before </\(open)> (it is truncated)"))
        }
        let halted = cbscore_session_halted(session)
        hadFatalError = sax.pointee.stopped || halted != 0 || cbscore_session_well_formed(session) == 0
        // An encoding or I/O failure stops the parser without a routed error: say so even
        // when schema findings came before it.
        if halted != 0, !sax.pointee.stopped, !collector.sawFatal,
           !sax.pointee.findings.contains(where: { $0.id == XMLDiagnostic.malformed.id }) {
            sax.pointee.findings.append(Diagnostic(
                XMLDiagnostic.malformed, at: sax.pointee.parserLocation(),
                message: "malformed XML: the document cannot be read to its end"))
        }
    }

    /// Where the file ends, counted in lines (LF, CR LF or a lone CR) and characters; nil when
    /// it cannot be read again or its encoding is not one whose line ends are single bytes.
    private func endOfFile() -> SourceLocation? {
        guard normalizesLineEnds else { return nil }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
        defer { buffer.deallocate() }
        var line = 1, column = 1, offset = 0, afterCR = false
        while true {
            let got = input.read(at: offset, into: buffer, count: Self.chunkSize)
            guard got >= 0 else { return nil }
            if got == 0 { break }
            // A byte-order mark is not a column.
            let bom = offset == 0 && got >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
            for index in (bom ? 3 : 0)..<got {
                let byte = buffer[index]
                if byte == 0x0A {
                    if !afterCR { line += 1; column = 1 }
                } else if byte == 0x0D {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                afterCR = byte == 0x0D
            }
            offset += got
        }
        return SourceLocation(file: displayPath, line: line, column: column)
    }

    /// The next event, emptying the buffer first when all of it has been read (what the
    /// reader keeps, it has copied). Nil at the end of the document. Inlined into the
    /// capture loop, which calls it for every event.
    @inline(__always)
    func nextEvent() -> SAXEvent? {
        while cursor >= sax.pointee.events.count {
            if cursor > 0 {
                sax.pointee.empty()
                cursor = 0
                current = -1
            }
            guard feed() else {
                reachedEnd = true
                return nil
            }
        }
        cursor += 1
        return sax.pointee.events[cursor - 1]
    }

    /// The start event the reader stands on, which it then leaves (for capturing).
    func takeCurrentEvent() -> SAXEvent? {
        guard current >= 0 else { return nil }
        defer { current = -1 }
        return sax.pointee.events[current]
    }

    /// The event after the last one read, parsing on if needed without emptying the buffer.
    private func peekEvent() -> SAXEvent? {
        while cursor >= sax.pointee.events.count {
            guard feed() else { return nil }
        }
        return sax.pointee.events[cursor]
    }

    // MARK: Moving through the document

    /// Advances to the next element start at any depth (skipping the subtree of the current
    /// element first when `skipCurrent`). Nil at the end of the document or after a fatal
    /// error.
    public func nextElement(skippingCurrent skipCurrent: Bool = false) -> XMLStart? {
        if skipCurrent && current >= 0 {
            current = -1
            _ = skipToEnd()
        }
        while let event = nextEvent() {
            if event.kind == .start {
                current = cursor - 1
                return currentStart()
            }
        }
        return nil
    }

    /// Expands the element the reader stands on into a tree, leaving the reader on its end.
    /// Elements outside `namespace` are skipped (every namespace is kept when it is nil);
    /// XInclude elements are refused as they are parsed. Nil when the document ends
    /// (malformed) before the element does. One path with batch reading: the element is
    /// captured (`captureCurrent`) and built at once.
    public func expandCurrent(keeping namespace: String?) -> XMLElement? {
        captureCurrent(keeping: namespace)?.element()
    }

    /// The start tag the reader stands on.
    public func currentStart() -> XMLStart? {
        guard current >= 0 else { return nil }
        let event = sax.pointee.events[current]
        let location = sax.pointee.location(event.position)
        var attributes: [XMLAttribute] = []
        forEachAttribute(of: event) { attribute, count in
            attributes.append(XMLAttribute(
                localName: sax.pointee.name(attribute.name),
                namespace: attribute.namespace < 0 ? nil : sax.pointee.name(attribute.namespace),
                value: text(attribute.first, count)))
        }
        let isEmpty = (current + 1 < sax.pointee.events.count ? sax.pointee.events[current + 1] : peekEvent())?.kind == .end
        return XMLStart(localName: sax.pointee.name(event.name), namespace: sax.pointee.name(event.namespace),
                        attributes: attributes, isEmpty: isEmpty, depth: Int(event.depth), location: location)
    }

    /// The attributes of a start event within the attribute limits, each with the number of
    /// value bytes kept; a limit passed is noted at the element (where the same element is
    /// read twice, the findings are merged into one).
    func forEachAttribute(of event: SAXEvent, _ body: (SAXAttribute, Int) -> Void) {
        let location = sax.pointee.location(event.position)
        for index in event.first..<event.first + event.count {
            let attribute = sax.pointee.attributes[index]
            if index - event.first == limits.attributesPerElement {
                sax.pointee.findings.append(ReaderLimits.diagnostic(
                    .limitAttributesPerElement, limits.attributesPerElement, at: location,
                    found: "the element has more than \(limits.attributesPerElement) attributes"))
                return
            }
            var count = attribute.count
            if count > limits.attributeValueBytes {
                sax.pointee.findings.append(ReaderLimits.diagnostic(
                    .limitAttributeLength, limits.attributeValueBytes, unit: " bytes", at: location,
                    found: "attribute \(sax.pointee.name(attribute.name)) holds \(count) bytes"))
                count = limits.attributeValueBytes
            }
            body(attribute, count)
        }
    }

    /// Reads past the end of the element whose start was read last (`depth` elements open
    /// when more are). False when the document ends first.
    func skipToEnd(depth open: Int = 1) -> Bool {
        var depth = open
        while depth > 0 {
            guard let event = nextEvent() else { return false }
            switch event.kind {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            }
        }
        return true
    }

    /// Bytes of the event buffer as text (a cut value may end inside a character).
    func text(_ first: Int, _ count: Int) -> String {
        sax.pointee.bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[first..<first + count]), as: UTF8.self)
        }
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
        if sax.pointee.findings.isEmpty { return [] }
        guard let limit else {
            defer { sax.pointee.findings.removeAll() }
            return sax.pointee.findings
        }
        let taken = sax.pointee.findings.filter { ($0.location.line, $0.location.column) < (limit.line, limit.column) }
        sax.pointee.findings.removeAll { ($0.location.line, $0.location.column) < (limit.line, limit.column) }
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
