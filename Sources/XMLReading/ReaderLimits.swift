#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import Diagnostics

/// Bounds a hostile document cannot push the reader past. Each refusal names the limit and its
/// value (`xml.limit.*`). libxml2's parser caps (no XML_PARSE_HUGE) hold beneath these:
/// 10,000,000 bytes for one attribute value and 50,000 bytes for a name. Its caps on nesting
/// (256) and on one text node (10 MB) belong to its tree builder and pull parser, which the
/// reader does not use: `elementDepth` and `elementTextBytes` are what bound those, and the
/// reader never keeps more than they allow.
public struct ReaderLimits: Sendable, Hashable {
    /// Whole file. Large enough for a portal batch of many thousands of bids, which streams.
    public var documentBytes: Int64 = 2 << 30
    /// Element nesting, the root at depth 1. Our schemas need 6; 32 leaves room for extensions.
    public var elementDepth = 32
    /// One attribute value, in UTF-8 bytes (ids, codes, dates and money are short).
    public var attributeValueBytes = 4096
    /// Attributes on one element (our widest has 8).
    public var attributesPerElement = 64
    /// The text of one element (its text and CDATA pieces together), in UTF-8 bytes.
    public var elementTextBytes = 1 << 20
    /// Elements in one record held in memory at once: a tender, a return, or one bid of a batch.
    public var elementsPerRecord = 100_000
    /// `<Bid>` elements in one file.
    public var bidsPerFile = 1_000_000
    /// Distinct element names, attribute names and namespaces in one file (ours use about 120;
    /// extensions add a few). Each is remembered for the whole read.
    public var distinctNames = 10_000

    public init() {}

    /// The limits used unless a caller sets others.
    public static let standard = ReaderLimits()

    public static func diagnostic(_ limit: XMLDiagnostic, _ value: some BinaryInteger, unit: String = "",
                           at location: SourceLocation, found: String) -> Diagnostic {
        Diagnostic(limit, at: location,
                   message: "\(found), over the \(limit.limitName ?? limit.rawValue) limit of \(value)\(unit)",
                   hint: "cbscore refuses documents beyond its reader limits (docs/robustness.md)")
    }

    /// The file's size when it is over `documentBytes`.
    func oversizedDocument(path: String, displayPath: String) -> Diagnostic? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return oversizedDocument(byteCount: Int64(info.st_size), displayPath: displayPath)
    }

    /// A document of `byteCount` bytes (a file, or bytes in memory) when it is over `documentBytes`.
    func oversizedDocument(byteCount: Int64, displayPath: String) -> Diagnostic? {
        guard byteCount > documentBytes else { return nil }
        return Self.diagnostic(.limitDocumentSize, documentBytes, unit: " bytes",
                               at: SourceLocation(file: displayPath, line: 1, column: 1),
                               found: "the file holds \(byteCount) bytes")
    }
}

/// Errors libxml2 raises outside any parser context (encoding conversion failures) would go
/// to its generic handler, which prints to stderr in its own format; stderr must hold only our
/// `FILE:LINE:COLUMN` lines. The handler is per thread: each reader installs it on the thread
/// that opens it; a thread that reads a reader opened elsewhere calls this first.
extension XMLStreamReader {
    public static func silenceUnroutedErrors() {
        cbscore_silence_unrouted_errors()
    }
}
