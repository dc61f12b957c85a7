import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// What libxml2's SAX callbacks record for `XMLStreamReader`: start, text and end events
/// over one byte buffer, with names interned to small numbers. No tree is built (the text
/// reader built a node for every element, attribute and text and freed it again, which was
/// a third of libxml2's work). The reader consumes the events in order and empties the buffer
/// each time it has read it to its end, so it holds about one fed chunk of the document.
///
/// The reader keeps this state at a fixed address (an `UnsafeMutablePointer` it owns) and
/// hands that address to libxml2 as the callbacks' context: a callback then costs no
/// reference counting and no dynamic exclusivity check, which showed in the parsing thread's
/// profile when the state sat in a class.
struct SAXEvent {
    enum Kind: UInt8 { case start, text, end }
    var kind: Kind
    /// Start: the local name's number (`SAXState.names`).
    var name: Int32 = 0
    /// Start: the namespace's number (0 is "", no namespace).
    var namespace: Int32 = 0
    /// Start: 0 for the root.
    var depth: Int32 = 0
    /// Start: the first of its attributes in `SAXState.attributes`; text: its first byte.
    var first: Int = 0
    /// Start: how many attributes; text: how many bytes.
    var count: Int = 0
    /// Start: where its `<` stands, line << 24 | column.
    var position: UInt64 = 0
}

extension SourceLocation {
    /// A position as the shim packs it: line << 24 | column.
    init(file: String, packed position: UInt64) {
        self.init(file: file, line: Int(position >> 24), column: Int(position & 0xFFFFFF))
    }
}

struct SAXAttribute {
    var name: Int32
    /// -1 for an unqualified attribute.
    var namespace: Int32
    var first: Int
    var count: Int
}

struct SAXState {
    let displayPath: String
    let limits: ReaderLimits
    /// The parser, once the session is open: positions are read from its input buffer.
    var parser: xmlParserCtxtPtr?
    var events: [SAXEvent] = []
    var attributes: [SAXAttribute] = []
    var bytes: [UInt8] = []
    /// Findings of the reader's own (DOCTYPE, limits, XInclude), merged with libxml2's.
    var findings: [Diagnostic] = []
    /// Every distinct name seen, by number. Names and namespace URIs come from the parser's
    /// dictionary, which keeps one copy of each string for the parser's life, so a pointer
    /// identifies its content (the text reader's per-node copies did not, see
    /// `BatchPipelineTests.aNamespaceRedeclaredAtAReusedAddressIsReadAfresh`).
    private(set) var names: [String] = [""]
    private var numbers: [UnsafeRawPointer: Int32] = [:]
    private var recent = [(key: UnsafeRawPointer?, number: Int32)](repeating: (nil, 0), count: 256)
    /// The elements open, innermost last, with the text bytes kept for each.
    private var open: [(name: Int32, position: UInt64, textBytes: Int)] = []
    /// The element closed last: schema errors about missing content arrive after its end.
    private(set) var lastClosed: (name: Int32, position: UInt64)? = nil
    /// The text event being extended (character data arrives in pieces), if any.
    private var run: Int? = nil
    /// Inside a run of text, which always holds more than whitespace. Stays set when the
    /// buffer is emptied mid-run (a chunk boundary), so whitespace after it is still text.
    private var inRun = false
    /// Whitespace since the last markup, kept only if text follows before the next markup.
    private var pendingBlank: [UInt8] = []
    /// The last start tag placed, so the next one on its line counts from there.
    private var tagCache = cbscore_tag_cache(offset: 0, line: 0, column: 0)
    /// Why the reader stopped the parser, if it did.
    private(set) var stopped = false
    /// The kind of the event recorded last. The validator reports right after cbscore's
    /// callback has recorded its event, so an error raised at a start tag (an unexpected
    /// element) is told from one raised at an end tag (missing content), which libxml2 gives
    /// one code.
    var lastEventKind: SAXEvent.Kind? { events.last?.kind }
    /// The numbers of the two XInclude namespaces, once the document has used them.
    private var xincludeNumbers: (Int32, Int32) = (-1, -1)
    var openElements: Int { open.count }
    /// The local name of the innermost element still open, if any.
    var innermostOpenName: String? { open.last.map { name($0.name) } }

    init(displayPath: String, limits: ReaderLimits) {
        self.displayPath = displayPath
        self.limits = limits
        events.reserveCapacity(4096)
        attributes.reserveCapacity(2048)
        bytes.reserveCapacity(65_536)
    }

    /// Forgets the events read (the reader has copied what it keeps). A run of text goes
    /// on in a new event (`inRun` stays set).
    mutating func empty() {
        events.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        run = nil
    }

    func location(_ position: UInt64) -> SourceLocation {
        SourceLocation(file: displayPath, packed: position)
    }

    func parserLocation() -> SourceLocation {
        SourceLocation(file: displayPath, line: max(Int(cbscore_parser_line(parser)), 1),
                       column: max(Int(cbscore_parser_column(parser)), 1))
    }

    // MARK: Callbacks

    mutating func start(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                        _ attributeCount: Int, _ values: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard !stopped, let parser else { return }
        endRun()
        let position = cbscore_tag_start(parser, &tagCache)
        let depth = open.count
        guard depth < limits.elementDepth else {
            findings.append(ReaderLimits.diagnostic(
                .limitElementDepth, limits.elementDepth, at: location(position),
                found: "an element nested \(depth + 1) deep (the root is at depth 1)"))
            stop()
            return
        }
        guard let name = number(localName, at: position), let namespace = number(uri, at: position) else { return }
        // Any XInclude element, at any depth, inside an extension too: refused, never processed.
        if namespace == xincludeNumbers.0 || namespace == xincludeNumbers.1 {
            findings.append(Self.xincludeDiagnostic(self.name(name), self.name(namespace), at: location(position)))
        }
        let first = attributes.count
        if let values {
            // Five pointers per attribute: local name, prefix, URI, value, end of value.
            for index in 0..<attributeCount {
                let base = values + 5 * index
                guard let attributeName = number(base[0], at: position) else { return }
                let attributeNamespace = base[2] == nil ? -1 : (number(base[2], at: position) ?? -1)
                let valueStart = bytes.count
                if let value = base[3], let end = base[4] {
                    appendAttributeValue(value, count: end - value)
                }
                attributes.append(SAXAttribute(name: attributeName, namespace: attributeNamespace,
                                               first: valueStart, count: bytes.count - valueStart))
            }
        }
        events.append(SAXEvent(kind: .start, name: name, namespace: namespace, depth: Int32(depth),
                               first: first, count: attributes.count - first, position: position))
        open.append((name, position, 0))
    }

    mutating func end() {
        guard !stopped else { return }
        endRun()
        if let closed = open.popLast() { lastClosed = (closed.name, closed.position) }
        events.append(SAXEvent(kind: .end))
    }

    /// Character data of the innermost open element, kept up to one byte over the element
    /// text limit (enough for the reader to refuse it; memory stays bounded).
    mutating func characters(_ pointer: UnsafePointer<xmlChar>?, _ count: Int, cdata: Bool) {
        guard !stopped, let pointer, count > 0, !open.isEmpty else { return }
        let cap = limits.elementTextBytes < Int.max ? limits.elementTextBytes + 1 : Int.max
        if cdata {
            endRun()
        } else if !inRun && Self.isBlank(pointer, count) {
            // Whitespace alone between tags is layout, not content (the text reader's
            // "insignificant whitespace", never kept): held aside until text follows it.
            let room = max(cap - pendingBlank.count, 0)
            pendingBlank.append(contentsOf: UnsafeBufferPointer(start: pointer, count: min(count, room)))
            return
        }
        let innermost = open.count - 1
        if !cdata && !inRun && !pendingBlank.isEmpty {
            let kept = min(pendingBlank.count, max(cap - open[innermost].textBytes, 0))
            open[innermost].textBytes += kept
            events.append(SAXEvent(kind: .text, first: bytes.count, count: kept))
            bytes.append(contentsOf: pendingBlank.prefix(kept))
            pendingBlank.removeAll(keepingCapacity: true)
            run = events.count - 1
            inRun = true
        }
        let kept = min(count, max(cap - open[innermost].textBytes, 0))
        open[innermost].textBytes += kept
        if let run, !cdata {
            bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: kept))
            events[run].count += kept
            return
        }
        events.append(SAXEvent(kind: .text, first: bytes.count, count: kept))
        bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: kept))
        run = cdata ? nil : events.count - 1
        inRun = !cdata
    }

    /// Markup (a tag, comment, processing instruction or CDATA section) ends a run of text, as
    /// it ends a text node; whitespace held aside is dropped.
    mutating func endRun() {
        run = nil
        inRun = false
        if !pendingBlank.isEmpty { pendingBlank.removeAll(keepingCapacity: true) }
    }

    private static func isBlank(_ pointer: UnsafePointer<xmlChar>, _ count: Int) -> Bool {
        for index in 0..<count {
            let byte = pointer[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D { return false }
        }
        return true
    }

    static func xincludeDiagnostic(_ localName: String, _ namespace: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(XMLDiagnostic.xinclude, at: location,
                   message: "XInclude is not accepted: \(localName) in \(namespace) "
                       + "(documents must be self-contained; nothing is fetched on their behalf)")
    }

    /// A DOCTYPE: the parser stops before its internal subset is read (libxml2 checks for a
    /// stop right after this callback).
    mutating func doctype() {
        findings.append(PrologueScan.doctypeDiagnostic(at: parserLocation()))
        stopped = true
        if let parser { xmlStopParser(parser) }
    }

    /// Past a limit: later events are ignored, and the reader stops the parser once the
    /// chunk is parsed. Stopping it here would free the input the validator is about to read
    /// the start tag's attributes from.
    private mutating func stop() {
        stopped = true
    }

    // MARK: Values and names

    /// libxml2 hands attribute values over with every `&` written as `&#38;` (it expects its
    /// tree builder to decode them); the schema validator undoes it the same way.
    private mutating func appendAttributeValue(_ value: UnsafePointer<xmlChar>, count: Int) {
        guard count > 0 else { return }
        guard memchr(value, 0x26, count) != nil else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: count))
            return
        }
        var index = 0
        while index < count {
            if value[index] == 0x26, index + 4 < count, value[index + 1] == 0x23, value[index + 2] == 0x33,
               value[index + 3] == 0x38, value[index + 4] == 0x3B {
                bytes.append(0x26)
                index += 5
            } else {
                bytes.append(value[index])
                index += 1
            }
        }
    }

    /// The number of a dictionary name (0 for none); nil (and the reader stopped) past the
    /// distinct-names limit, which keeps a hostile document from growing the table without end.
    private mutating func number(_ pointer: UnsafePointer<xmlChar>?, at position: UInt64) -> Int32? {
        guard let pointer else { return 0 }
        let key = UnsafeRawPointer(pointer)
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: key) >> 3) & 255
        if recent[slot].key == key { return recent[slot].number }
        if let known = numbers[key] {
            recent[slot] = (key, known)
            return known
        }
        guard names.count <= limits.distinctNames else {
            findings.append(ReaderLimits.diagnostic(
                .limitDistinctNames, limits.distinctNames, at: location(position),
                found: "the document uses more than \(limits.distinctNames) distinct names"))
            stop()
            return nil
        }
        let number = Int32(names.count)
        names.append(String(cString: pointer))
        if names[Int(number)] == XMLStreamReader.xinclude2001 { xincludeNumbers.0 = number }
        if names[Int(number)] == XMLStreamReader.xinclude2003 { xincludeNumbers.1 = number }
        numbers[key] = number
        recent[slot] = (key, number)
        return number
    }

    func name(_ number: Int32) -> String {
        number >= 0 && Int(number) < names.count ? names[Int(number)] : ""
    }

    /// The name of the element holding the element `name` just started (for messages that
    /// omit it): the validator reports after the reader has recorded the start.
    func parentName(of name: String?) -> String? {
        var index = open.count - 1
        if index >= 0, let name, self.name(open[index].name) == name { index -= 1 }
        return index >= 0 ? self.name(open[index].name) : nil
    }

    /// Where the element closed last starts, if it is named `name`.
    func lastClosedPosition(named name: String) -> UInt64? {
        guard let lastClosed, self.name(lastClosed.name) == name else { return nil }
        return lastClosed.position
    }
}

// MARK: The C entry points (the context is the reader's `SAXState`)

private func state(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXState>? {
    context?.assumingMemoryBound(to: SAXState.self)
}

let saxStartElement: startElementNsSAX2Func = { context, localName, _, uri, _, _, attributeCount, _, attributes in
    state(context)?.pointee.start(localName, uri, Int(attributeCount), attributes)
}

let saxEndElement: endElementNsSAX2Func = { context, _, _, _ in
    state(context)?.pointee.end()
}

let saxCharacters: charactersSAXFunc = { context, pointer, count in
    state(context)?.pointee.characters(pointer, Int(count), cdata: false)
}

let saxCDATA: cdataBlockSAXFunc = { context, pointer, count in
    state(context)?.pointee.characters(pointer, Int(count), cdata: true)
}

let saxComment: commentSAXFunc = { context, _ in
    state(context)?.pointee.endRun()
}

let saxProcessingInstruction: processingInstructionSAXFunc = { context, _, _ in
    state(context)?.pointee.endRun()
}

let saxInternalSubset: internalSubsetSAXFunc = { context, _, _, _ in
    state(context)?.pointee.doctype()
}

extension SAXState {
    /// A SAX2 handler calling the functions above.
    static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = saxStartElement
        handler.endElementNs = saxEndElement
        handler.characters = saxCharacters
        // Without a DTD no whitespace is ignorable; the same function keeps libxml2 from asking.
        handler.ignorableWhitespace = saxCharacters
        handler.cdataBlock = saxCDATA
        handler.comment = saxComment
        handler.processingInstruction = saxProcessingInstruction
        handler.internalSubset = saxInternalSubset
        return handler
    }
}
