import Documents
import Hashing
import XMLReading

/// Reading a UBL 2.2 `Tender` envelope as the one bid it carries (interchange.md, "In"):
/// the envelope is validated against the bundled UBL XSD, its XML attachments are decoded
/// (strict base64) and their roots looked at, the one embedded `<Bid>` is read exactly as a
/// bid file is, and the envelope must agree with it. Every problem is reported, the
/// envelope's at its own line and column, the bid's within the decoded bid:
/// `env.xml:31:7: embedded B-014-03.xml:23:41: Job/@fte: …`.
extension DocumentReader {
    /// The envelope at `source` (already known to have a UBL `Tender` root) as one result.
    func readEnvelope(_ source: DocumentSource, tenderIDs: Set<String>?) throws(DiagnosticsError) -> BidReadResult {
        var envelopeLimits = limits
        envelopeLimits.elementTextBytes = envelopeTextBytes
        let stream = try open(source, kind: .envelope, limits: envelopeLimits)
        let root = try expectRoot(stream, kinds: [.envelope])
        let element = stream.expandCurrent(keeping: nil)
        drainToEnd(stream)
        var problems = stream.takeDiagnostics(rewriter: XMLMessageRewriter())
        guard let element else {
            if !problems.hasErrors {
                problems.append(Diagnostic(XMLDiagnostic.malformed, at: root.location,
                                           message: "the UBL tender envelope cannot be read to its end"))
            }
            return .refused(bidID: nil, diagnostics: problems.sortedForReport())
        }
        let envelope = Envelope(element)
        problems = replacingBase64Findings(problems, envelope)
        var found = EmbeddedBids()
        for reference in envelope.references {
            guard let embedded = reference.embedded, let mime = reference.mimeCode, Envelope.isXMLMediaType(mime)
            else { continue }
            found.look(at: reference, embedded: embedded, envelopePath: stream.displayPath, reader: self)
        }
        problems += found.problems
        if found.bids.isEmpty {
            if !found.problems.hasErrors { problems.append(noBid(envelope)) }
            return .refused(bidID: nil, diagnostics: problems.sortedForReport())
        }
        for extra in found.bids.dropFirst() {
            problems.append(Diagnostic(
                EnvelopeDiagnostic.severalBids, at: extra.object.location,
                message: "a second embedded cbscore bid (\(extra.describe)); the one at line "
                    + "\(found.bids[0].object.location.line) is the first: an envelope carries exactly one bid"))
        }
        let embedded = found.bids[0]
        let bidElement = embedded.stream.expandCurrent(keeping: DocumentKind.bidNamespace)
        drainToEnd(embedded.stream)
        let bidFindings = embedded.stream.takeDiagnostics(rewriter: DocumentSchemas.rewriter)
        var batch = BidBatchState(tenderIDs: tenderIDs, isBatch: false)
        let read = batch.result(for: bidElement, start: embedded.root, schemaFindings: bidFindings)
        var bid: Bid? = nil
        switch read {
        case .bid(let value): bid = value
        case .refused(_, let diagnostics): problems += diagnostics
        }
        problems += disagreements(envelope, embedded: embedded, bid: bid)
        let bidID = embedded.root.attribute("id")?.trimmedXML
        if let bid, !problems.hasErrors { return .bid(bid) }
        return .refused(bidID: bidID, diagnostics: problems.sortedForReport())
    }

    /// libxml2 checks `xs:base64Binary` too, and quotes the whole value (megabytes) in its
    /// message. Its findings on embedded objects give way to the strict decoder's, which say
    /// where the fault is; the XML attachments are decoded (and reported) by `EmbeddedBids`.
    private func replacingBase64Findings(_ findings: [Diagnostic], _ envelope: Envelope) -> [Diagnostic] {
        let embedded = envelope.references.compactMap(\.embedded)
        let places = Set(embedded.map(\.location))
        let flagged = Set(findings.filter { $0.id == XMLDiagnostic.schema.id && places.contains($0.location) }.map(\.location))
        guard !flagged.isEmpty else { return findings }
        var kept = findings.filter { !($0.id == XMLDiagnostic.schema.id && flagged.contains($0.location)) }
        for reference in envelope.references {
            guard let object = reference.embedded, flagged.contains(object.location) else { continue }
            let decodedLater = reference.mimeCode.map(Envelope.isXMLMediaType) == true
            switch StrictBase64.decode(object.text) {
            case .failure(let problem) where !decodedLater:
                kept.append(Diagnostic(EnvelopeDiagnostic.base64, at: object.location,
                                       message: "cbc:EmbeddedDocumentBinaryObject: not base64: \(problem.message)"))
            case .failure:
                break
            case .success:
                kept.append(Diagnostic(XMLDiagnostic.schema, at: object.location,
                                       message: "EmbeddedDocumentBinaryObject: not a valid xs:base64Binary value"))
            }
        }
        return kept
    }

    /// No embedded bid: said at the reference that names the bid without carrying it, if
    /// there is one, else at the root.
    private func noBid(_ envelope: Envelope) -> Diagnostic {
        if let reference = envelope.references.first(where: \.refersToBidElsewhere), let external = reference.external {
            let target = reference.uri.map { " (\($0))" } ?? ""
            return Diagnostic(
                EnvelopeDiagnostic.externalBid, at: external.location,
                message: "DocumentReference '\(reference.id ?? "")' refers to the bid\(target) without embedding it; "
                    + "cbscore reads only a bid embedded as cbc:EmbeddedDocumentBinaryObject and never fetches documents",
                hint: "embed the bid in the envelope (`cbscore envelope BID.xml --tender TENDER.xml` writes one)")
        }
        let others = envelope.references.count
        return Diagnostic(
            EnvelopeDiagnostic.noBid, at: envelope.root.location,
            message: "the UBL Tender embeds no cbscore bid: no cac:DocumentReference holds a "
                + "cbc:EmbeddedDocumentBinaryObject (application/xml or text/xml) whose root is <Bid> in urn:cbscore:bid:1"
                + (others == 0 ? "" : " (\(others) document reference\(others == 1 ? "" : "s") of other documents)"),
            hint: "embed the bid in the envelope (`cbscore envelope BID.xml --tender TENDER.xml` writes one)")
    }

    /// Where the envelope and the bid it carries disagree: the procurement, the tenderer,
    /// the hash.
    private func disagreements(_ envelope: Envelope, embedded: EmbeddedBid, bid: Bid?) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let folder = envelope.contractFolderID, let tender = embedded.root.attribute("tender")?.trimmedXML {
            let given = folder.text.collapsedXMLSpace
            if given != tender {
                found.append(Diagnostic(
                    EnvelopeDiagnostic.contractFolder, at: folder.location,
                    message: "cbc:ContractFolderID '\(given)' is not the tender the embedded bid names ('\(tender)')"))
            }
        }
        if let bid {
            let name = bid.bidder.name.collapsedXMLSpace
            let names = envelope.tendererNames.map { $0.text.collapsedXMLSpace }
            if !names.contains(name) {
                let at = envelope.tendererNames.first?.location ?? envelope.tendererParties.first?.location
                    ?? envelope.root.location
                let listed = names.isEmpty ? "no tenderer names a party"
                    : "the tenderers are named " + XMLMessageRewriter.orList(names.map { "'\($0)'" })
                found.append(Diagnostic(
                    EnvelopeDiagnostic.tenderer, at: at,
                    message: "no cac:TendererParty has the embedded bid's bidder name '\(name)': \(listed)"))
            }
        }
        let reference = embedded.reference
        if let hash = reference.documentHash {
            if let method = reference.hashAlgorithm, case let algorithm = method.text.collapsedXMLSpace,
               algorithm != Envelope.sha256Method {
                found.append(Diagnostic(
                    EnvelopeDiagnostic.hashAlgorithm, at: method.location,
                    message: "unsupported hash algorithm '\(algorithm)': cbc:DocumentHash must be the SHA-256 "
                        + "(\(Envelope.sha256Method)) of the embedded bid"))
            } else {
                let given = hash.text.collapsedXMLSpace
                let actual = SHA256.hex(embedded.bytes)
                if given.lowercased() != actual {
                    let what = given.utf8.count == 64 && given.utf8.allSatisfy({ (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) })
                        ? "'\(given)' is not the SHA-256 of the embedded bid" : "'\(given)' is not a SHA-256 in hex (64 digits)"
                    found.append(Diagnostic(
                        EnvelopeDiagnostic.hash, at: hash.location,
                        message: "cbc:DocumentHash: \(what) (the decoded bid's is \(actual))"))
                }
            }
        }
        return found
    }
}

/// One embedded document whose root is a cbscore `<Bid>`, opened and standing on its root.
struct EmbeddedBid {
    var reference: Envelope.Reference
    /// Its `cbc:EmbeddedDocumentBinaryObject`, where the envelope's refusals about it point.
    var object: XMLElement
    var bytes: [UInt8]
    var stream: XMLStreamReader
    var root: XMLStart

    var describe: String {
        "DocumentReference '\(reference.id ?? "")'" + (root.attribute("id").map { ", bid \($0.trimmedXML)" } ?? "")
    }
}

/// The envelope's XML attachments, decoded and told apart by their root: the bids, and what
/// refuses the envelope on the way (bad base64, a batch, hostile or broken XML). Other XML
/// documents (an ESPD response) are left unread past their root.
struct EmbeddedBids {
    var bids: [EmbeddedBid] = []
    var problems: [Diagnostic] = []

    mutating func look(at reference: Envelope.Reference, embedded: XMLElement, envelopePath: String,
                       reader: DocumentReader) {
        let bytes: [UInt8]
        switch StrictBase64.decode(embedded.text) {
        case .success(let decoded): bytes = decoded
        case .failure(let problem):
            problems.append(Diagnostic(EnvelopeDiagnostic.base64, at: embedded.location,
                                       message: "cbc:EmbeddedDocumentBinaryObject: not base64: \(problem.message)"))
            return
        }
        // Positions inside the decoded document: `env.xml:31:7: embedded B-014-03.xml:23:41`.
        let place = embedded.location
        let name = "\(place.file):\(place.line):\(place.column): embedded \(Envelope.embeddedName(reference))"
        let stream: XMLStreamReader
        let root: XMLStart
        do {
            stream = try reader.open(.bytes(bytes, name: name), kind: .bid)
            guard let start = stream.nextElement() else {
                var findings = stream.takeDiagnostics(rewriter: DocumentSchemas.rewriter)
                if findings.isEmpty {
                    findings = [Diagnostic(XMLDiagnostic.malformed, at: SourceLocation(file: name, line: 1, column: 1),
                                           message: "malformed XML: the embedded document holds no element")]
                }
                problems += findings
                return
            }
            root = start
        } catch {
            problems += error.diagnostics
            return
        }
        guard root.namespace == DocumentKind.bidNamespace else { return }
        switch root.localName {
        case "Bid":
            bids.append(EmbeddedBid(reference: reference, object: embedded, bytes: bytes, stream: stream, root: root))
        case "Bids":
            problems.append(Diagnostic(
                EnvelopeDiagnostic.batch, at: embedded.location,
                message: "the embedded document is a <Bids> batch; an envelope carries exactly one <Bid>"))
        default:
            break
        }
    }
}
