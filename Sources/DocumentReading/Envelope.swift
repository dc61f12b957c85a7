import Documents
import XMLReading

/// What cbscore reads of a UBL 2.2 `Tender` envelope (interchange.md, "In"): the procurement
/// it answers, the tenderers it names and its documents, each with the element it came from
/// so a refusal can point at it. The schema has checked the structure; this only picks out.
struct Envelope {
    static let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    static let cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    /// The one hash algorithm accepted (XML Encryption's URI for SHA-256), also the default.
    static let sha256Method = "http://www.w3.org/2001/04/xmlenc#sha256"
    /// The `cbc:ID` that `cbscore envelope` gives the bid's document reference (the spec's example).
    static let bidReferenceID = "cbscore-bid"

    /// One `cac:DocumentReference` of the envelope.
    struct Reference {
        var element: XMLElement
        var id: String?
        var typeCode: String?
        /// `cac:Attachment/cbc:EmbeddedDocumentBinaryObject`.
        var embedded: XMLElement?
        /// `cac:Attachment/cac:ExternalReference`: beside an embedded object it holds the
        /// object's hash; alone it refers to a document elsewhere (never fetched).
        var external: XMLElement?

        var mimeCode: String? { embedded?.attribute("mimeCode") }
        var externalMimeCode: String? { external.flatMap { Envelope.text($0, Envelope.cbc, "MimeCode") } }
        var documentHash: XMLElement? { external.flatMap { Envelope.child($0, Envelope.cbc, "DocumentHash") } }
        var hashAlgorithm: XMLElement? { external.flatMap { Envelope.child($0, Envelope.cbc, "HashAlgorithmMethod") } }
        var uri: String? { external.flatMap { Envelope.text($0, Envelope.cbc, "URI") } }

        /// A reference that names the bid without carrying it: the id `cbscore envelope` uses,
        /// or an offer (UNCL1001 code 310) given as XML.
        var refersToBidElsewhere: Bool {
            guard embedded == nil, external != nil else { return false }
            return id == Envelope.bidReferenceID
                || (typeCode == "310" && externalMimeCode.map(Envelope.isXMLMediaType) == true)
        }
    }

    var root: XMLElement
    var contractFolderID: XMLElement?
    var tendererParties: [XMLElement]
    /// Every `cac:PartyName/cbc:Name` of every tenderer, in document order.
    var tendererNames: [XMLElement]
    var references: [Reference]

    init(_ root: XMLElement) {
        self.root = root
        contractFolderID = Self.child(root, Self.cbc, "ContractFolderID")
        tendererParties = Self.children(root, Self.cac, "TendererParty")
        tendererNames = tendererParties.flatMap { party in
            Self.children(party, Self.cac, "PartyName").compactMap { Self.child($0, Self.cbc, "Name") }
        }
        references = Self.children(root, Self.cac, "DocumentReference").map { element in
            let attachment = Self.child(element, Self.cac, "Attachment")
            return Reference(element: element, id: Self.text(element, Self.cbc, "ID"),
                             typeCode: Self.text(element, Self.cbc, "DocumentTypeCode"),
                             embedded: attachment.flatMap { Self.child($0, Self.cbc, "EmbeddedDocumentBinaryObject") },
                             external: attachment.flatMap { Self.child($0, Self.cac, "ExternalReference") })
        }
    }

    /// `application/xml` or `text/xml`, in any case, parameters (`; charset=…`) aside.
    static func isXMLMediaType(_ value: String) -> Bool {
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let bare = type.collapsedXMLSpace.lowercased()
        return bare == "application/xml" || bare == "text/xml"
    }

    static func children(_ element: XMLElement, _ namespace: String, _ name: String) -> [XMLElement] {
        element.children.filter { $0.localName == name && $0.namespace == namespace }
    }

    static func child(_ element: XMLElement, _ namespace: String, _ name: String) -> XMLElement? {
        element.children.first { $0.localName == name && $0.namespace == namespace }
    }

    static func text(_ element: XMLElement, _ namespace: String, _ name: String) -> String? {
        child(element, namespace, name)?.text.collapsedXMLSpace
    }

    /// The name an embedded document goes by in positions: its `filename`, else the
    /// reference's id with `.xml`, reduced to a plain file name (no folders, no control
    /// characters: it is the sender's text, shown inside a path).
    static func embeddedName(_ reference: Reference) -> String {
        if let name = plainName(reference.embedded?.attribute("filename") ?? "") { return name }
        if let id = plainName(reference.id ?? "") { return id + ".xml" }
        return "embedded.xml"
    }

    private static func plainName(_ given: String) -> String? {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(String.UnicodeScalarView(last.unicodeScalars.filter {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        })).collapsedXMLSpace
        return visible.isEmpty || visible == "." || visible == ".." ? nil : String(visible.prefix(200))
    }
}

extension String {
    /// xs:token's whitespace collapse: runs of spaces, tabs and line breaks become one space,
    /// none at either end.
    var collapsedXMLSpace: String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }
}
