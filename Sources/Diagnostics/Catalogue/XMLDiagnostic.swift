/// Faults of XML documents (tenders, bids, batches, returns) and of reading them.
public enum XMLDiagnostic: String, DiagnosticCode {
    public static let domain = "xml"

    case doctype
    case xinclude
    case malformed
    case unreadable
    case error
    case schema
    case schemaLoad = "schema-load"
    case value
    case missing
    case repeated
    case wrongRoot = "wrong-root"
    case wrongNamespace = "wrong-namespace"
    case wrongTender = "wrong-tender"
    case duplicateBid = "duplicate-bid"
    case duplicateRef = "duplicate-ref"
    case limitDocumentSize = "limit.document-size"
    case limitElementDepth = "limit.element-depth"
    case limitAttributeLength = "limit.attribute-length"
    case limitAttributesPerElement = "limit.attributes-per-element"
    case limitElementText = "limit.element-text"
    case limitRecordElements = "limit.record-elements"
    case limitBidsPerFile = "limit.bids-per-file"
    case limitDistinctNames = "limit.distinct-names"

    public var summary: String {
        switch self {
        case .doctype: "a DOCTYPE or entity declaration: refused before anything is loaded"
        case .xinclude: "an XInclude element: nothing is ever fetched on a document's behalf"
        case .malformed: "not well-formed XML, or a document that ends before its root closes"
        case .unreadable: "the file cannot be opened or read"
        case .error: "an error libxml2 reports that has no more specific id"
        case .schema: "the document breaks its XSD (an element or attribute out of place, a wrong type)"
        case .schemaLoad: "a bundled XSD cannot be loaded (an installation fault)"
        case .value: "a value that is well-formed but cannot be used (a date, a number, a code)"
        case .missing: "a required element or attribute is absent"
        case .repeated: "an element that may appear once appears more often"
        case .wrongRoot: "the root element is not the kind of document expected"
        case .wrongNamespace: "the root element has the right name in the wrong namespace"
        case .wrongTender: "a bid names a tender other than the one being read"
        case .duplicateBid: "two bids of one tender share an id"
        case .duplicateRef: "two commitments of one bid share a ref"
        case .limitDocumentSize: "the file is over the reader's size limit"
        case .limitElementDepth: "elements nest deeper than the reader's limit"
        case .limitAttributeLength: "an attribute value is over the reader's length limit"
        case .limitAttributesPerElement: "an element has more attributes than the reader's limit"
        case .limitElementText: "an element's text is over the reader's length limit"
        case .limitRecordElements: "a tender, return or one bid holds more elements than the reader's limit"
        case .limitBidsPerFile: "a batch holds more bids than the reader's limit"
        case .limitDistinctNames: "a file uses more distinct names than the reader's limit"
        }
    }

    /// The limit's own name, as its refusal message gives it (`element-depth`).
    public var limitName: String? {
        rawValue.hasPrefix("limit.") ? String(rawValue.dropFirst("limit.".count)) : nil
    }
}
