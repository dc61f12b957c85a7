import Documents
import Dispatch
import XMLReading

/// Reads tenders, bids and delivery returns: each file is validated against its XSD by
/// libxml2 while it streams, then mapped into the models. Every problem of a file is
/// reported, each as `FILE:LINE:COLUMN: message`; a value is never used from a document
/// that failed. File paths in diagnostics are the paths as given.
public struct DocumentReader: Sendable {
    let schemas: DocumentSchemas
    /// Bounds on size, depth and counts that a document may not exceed.
    public var limits = ReaderLimits.standard
    /// The text of one element of a UBL envelope, in bytes: its embedded bid in base64, held
    /// in memory while it is decoded and read (64 MiB of base64, a bid of about 48 MiB; a
    /// bid file is a few kilobytes). The embedded bid then has the limits of any bid.
    public var envelopeTextBytes = 64 << 20

    /// Loads and compiles the three schemas bundled with this module.
    public init() throws {
        guard let directory = DocumentSchemas.bundledDirectory else {
            throw DiagnosticsError([Diagnostic(
                XMLDiagnostic.schemaLoad, at: SourceLocation(file: "Schemas", line: 1, column: 1),
                message: "the bundled schema folder is missing from the Documents resources")])
        }
        try self.init(schemaDirectory: directory)
    }

    /// Loads `tender.xsd`, `bid.xsd` and `return.xsd` from a folder.
    public init(schemaDirectory: String) throws {
        schemas = try DocumentSchemas(directory: schemaDirectory)
    }

    /// The folder the bundled schemas are read from.
    public static var bundledSchemaDirectory: String? { DocumentSchemas.bundledDirectory }

    // MARK: Kinds

    /// The kind of document at `path`, from its root element; nil when it is none of ours
    /// or cannot be read (`read…` then says why).
    public func documentKind(at path: String) -> DocumentKind? {
        try? classify(path).get()
    }

    /// The kind of document at `path`, or why it is none: unreadable, empty, malformed
    /// before its root, a DOCTYPE, or a root element cbscore does not read.
    public func classify(_ path: String) -> Result<DocumentKind, DiagnosticsError> {
        do {
            let stream = try open(.file(path, shown: nil), kind: .bid)
            let root = try expectRoot(stream, kinds: DocumentKind.allCases, describing: "cbscore document")
            guard let kind = DocumentKind(rootName: root.localName, namespace: root.namespace) else {
                return .failure(DiagnosticsError([]))
            }
            return .success(kind)
        } catch {
            return .failure(error)
        }
    }

    // MARK: Tender and delivery return

    public func readTender(at path: String) throws(DiagnosticsError) -> Tender {
        try readWhole(.file(path, shown: nil), kind: .tender, Tender.map)
    }

    public func readReturn(at path: String) throws(DiagnosticsError) -> DeliveryReturn {
        try readWhole(.file(path, shown: nil), kind: .deliveryReturn, DeliveryReturn.map)
    }

    /// A tender held in memory (an upload), read with the same limits and refusals as a file;
    /// `name` stands for the file in every diagnostic and position.
    public func readTender(bytes: [UInt8], name: String) throws(DiagnosticsError) -> Tender {
        try readWhole(.bytes(bytes, name: name), kind: .tender, Tender.map)
    }

    /// A delivery return held in memory (an upload), as `readTender(bytes:name:)`.
    public func readReturn(bytes: [UInt8], name: String) throws(DiagnosticsError) -> DeliveryReturn {
        try readWhole(.bytes(bytes, name: name), kind: .deliveryReturn, DeliveryReturn.map)
    }

    private func readWhole<T>(_ source: DocumentSource, kind: DocumentKind,
                              _ map: (XMLElement, inout ElementMapper) -> T?) throws(DiagnosticsError) -> T {
        let stream = try open(source, kind: kind)
        let root = try expectRoot(stream, kinds: [kind])
        let element = stream.expandCurrent(keeping: kind.namespace)
        drainToEnd(stream)
        let schemaFindings = stream.takeDiagnostics(rewriter: DocumentSchemas.rewriter)
        var mapper = ElementMapper()
        let value = element.flatMap { map($0, &mapper) }
        let all = mapper.diagnostics(afterSchema: schemaFindings).sortedForReport()
        if let value, !all.hasErrors { return value }
        if all.isEmpty {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.malformed, at: root.location,
                                               message: "the \(kind) cannot be read to its end")])
        }
        throw DiagnosticsError(all)
    }

    // MARK: Bids

    /// Streams every bid of a file holding one `<Bid>` or a `<Bids>` batch. A bid with
    /// errors is reported as `.refused` with its id (when known) and all its diagnostics;
    /// the others keep coming. A fatal (malformed) error ends the file with a final
    /// `.refused`. Throws only when the file cannot be opened or is not a bid document.
    public func readBids(at path: String, _ body: (BidReadResult) throws -> Void) throws {
        try readBids(at: path, tenderID: nil, body)
    }

    /// As `readBids(at:_:)`, also refusing bids that name a tender other than `tenderID`.
    /// Bid ids must be unique in the file (the only state kept per bid: an id index).
    public func readBids(at path: String, tenderID: String?,
                         _ body: (BidReadResult) throws -> Void) throws {
        try readBids(at: path, tenderIDs: tenderID.map { [$0] }, body)
    }

    /// As `readBids(at:_:)`, refusing bids that name none of `tenderIDs` (when given). A UBL
    /// `Tender` envelope is read as the one bid it embeds (docs/interchange.md).
    public func readBids(at path: String, tenderIDs: Set<String>?,
                         _ body: (BidReadResult) throws -> Void) throws {
        try readBids(from: .file(path, shown: nil), tenderIDs: tenderIDs, body)
    }

    /// As `readBids(at:tenderIDs:_:)`, for a document held in memory (an upload): a bid, a
    /// batch or an envelope, read with the same limits and refusals as a file. `name` stands
    /// for the file in every diagnostic and in the positions of the bids read.
    public func readBids(bytes: [UInt8], name: String, tenderIDs: Set<String>?,
                         _ body: (BidReadResult) throws -> Void) throws {
        try readBids(from: .bytes(bytes, name: name), tenderIDs: tenderIDs, body)
    }

    func readBids(from source: DocumentSource, tenderIDs: Set<String>?,
                  _ body: (BidReadResult) throws -> Void) throws {
        let stream = try open(source, kind: .bid)
        let root = try expectRoot(stream, kinds: [.bid, .bids], alsoAccepting: .envelope)
        if root.namespace == DocumentKind.ublTenderNamespace {
            // Opened again with the UBL schema, which only now is known to be the one.
            try body(readEnvelope(source, tenderIDs: tenderIDs))
            return
        }
        var batch = BidBatchState(tenderIDs: tenderIDs, isBatch: root.localName == "Bids")
        if root.localName == "Bid" {
            let element = stream.expandCurrent(keeping: DocumentKind.bidNamespace)
            drainToEnd(stream)
            let findings = stream.takeDiagnostics(rewriter: DocumentSchemas.rewriter)
            try body(batch.result(for: element, start: root, schemaFindings: findings))
            return
        }
        // A batch: libxml2 parses and validates on a second thread, which captures each bid as a
        // flat record; this thread builds its tree, maps it into models and hands it on, in
        // file order. The parsing thread is the critical path, so it does as little as it can.
        let pipeline = BidPipeline(capacity: 128)
        let producer = StreamHandOff(stream)
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            BidPipeline.produce(from: producer.take(), into: pipeline)
        }
        defer {
            pipeline.cancel()
            group.wait()
        }
        while let item = pipeline.take() {
            switch item {
            case .bid(let start, let record, let findings):
                try body(batch.result(for: record?.element(), start: start, schemaFindings: findings))
            case .outsideBids(let findings):
                try body(.refused(bidID: nil, diagnostics: findings))
            }
        }
    }

    // MARK: Shared steps

    func open(_ source: DocumentSource, kind: DocumentKind,
              limits: ReaderLimits? = nil) throws(DiagnosticsError) -> XMLStreamReader {
        let schema = try schemas.schema(for: kind)
        do {
            switch source {
            case .file(let path, let shown):
                return try XMLStreamReader(path: path, displayPath: shown, schema: schema, limits: limits ?? self.limits)
            case .bytes(let bytes, let name):
                return try XMLStreamReader(bytes: bytes, displayPath: name, schema: schema, limits: limits ?? self.limits)
            }
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
    }

    /// The root must be one of `kinds` (or `alternative`, which the refusal does not name),
    /// in its namespace.
    func expectRoot(_ stream: XMLStreamReader, kinds: [DocumentKind], alsoAccepting alternative: DocumentKind? = nil,
                    describing: String? = nil) throws(DiagnosticsError) -> XMLStart {
        guard let root = stream.nextElement() else {
            var findings = stream.takeDiagnostics(rewriter: DocumentSchemas.rewriter)
            if findings.isEmpty {
                findings = [Diagnostic(XMLDiagnostic.malformed,
                                       at: SourceLocation(file: stream.displayPath, line: 1, column: 1),
                                       message: "malformed XML: the file holds no element")]
            }
            throw DiagnosticsError(findings)
        }
        if (kinds + [alternative].compactMap { $0 }).contains(where: { $0.rootName == root.localName && $0.namespace == root.namespace }) {
            return root
        }
        let found = "<\(root.localName)>" + (root.namespace.isEmpty ? " in no namespace"
                                                                   : " in namespace \(root.namespace)")
        let id = kinds.contains(where: { $0.rootName == root.localName }) ? XMLDiagnostic.wrongNamespace : XMLDiagnostic.wrongRoot
        let message: String
        if let describing {
            let roots = kinds.map { "<\($0.rootName)> in \($0.namespace)" }
            message = "expected a \(describing) (\(XMLMessageRewriter.orList(roots))), found \(found)"
        } else {
            let names = kinds.map { "<\($0.rootName)>" }.joined(separator: " or ")
            let wanted = kinds.map(\.description).joined(separator: " or ")
            message = "expected a \(wanted): \(names) in namespace \(kinds[0].namespace), found \(found)"
        }
        throw DiagnosticsError([Diagnostic(id, at: root.location, message: message)])
    }

    /// Reads past the root's end so errors after it (trailing content) are reported too.
    func drainToEnd(_ stream: XMLStreamReader) {
        var skip = true
        while let start = stream.nextElement(skippingCurrent: skip) {
            skip = !start.isEmpty
        }
    }
}

/// A document to read: a file by its path (and the name that stands for it in diagnostics,
/// when not the path), or bytes held in memory with that name.
enum DocumentSource {
    case file(String, shown: String?)
    case bytes([UInt8], name: String)

    var displayPath: String {
        switch self {
        case .file(let path, let shown): shown ?? path
        case .bytes(_, let name): name
        }
    }
}

/// What a bid stream remembers across bids: the ids seen and the tender expected.
struct BidBatchState {
    let tenderIDs: Set<String>?
    let isBatch: Bool
    var seen: [String: Int] = [:]

    init(tenderIDs: Set<String>?, isBatch: Bool) {
        self.tenderIDs = tenderIDs
        self.isBatch = isBatch
    }

    mutating func result(for element: XMLElement?, start: XMLStart,
                         schemaFindings: [Diagnostic]) -> BidReadResult {
        let id = start.attribute("id")?.trimmedXML
        var mapper = ElementMapper()
        let bid = element.flatMap { Bid.map($0, &mapper) }
        var all = mapper.diagnostics(afterSchema: schemaFindings)
        if let id {
            if let line = seen[id] {
                all.append(Diagnostic(
                    XMLDiagnostic.duplicateBid, at: start.location,
                    message: "Bid/@id: '\(id)' is already used by the bid at line \(line) of this file; "
                        + "bid ids must be unique within a tender"))
            } else {
                seen[id] = start.location.line
            }
        }
        if let tenderIDs, let named = start.attribute("tender")?.trimmedXML, !tenderIDs.contains(named) {
            let known = tenderIDs.sorted().map { "'\($0)'" }
            let being = known.count == 1 ? "the tender being read is \(known[0])"
                : known.isEmpty ? "no tender is being read"
                : "the tenders being read are \(known.joined(separator: ", "))"
            all.append(Diagnostic(
                XMLDiagnostic.wrongTender, at: start.location,
                message: "Bid/@tender: the bid names tender '\(named)', but \(being)"))
        }
        if element == nil && !all.hasErrors {
            all.append(Diagnostic(XMLDiagnostic.malformed, at: start.location,
                                  message: "malformed XML: the bid cannot be read to its end"))
        }
        if isBatch, let id {
            all = all.map { var d = $0; d.subject = id; return d }
        }
        all = all.sortedForReport()
        if let bid, !all.hasErrors { return .bid(bid) }
        return .refused(bidID: id, diagnostics: all)
    }
}
