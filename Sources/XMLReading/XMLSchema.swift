import CLibXML2
import Diagnostics

/// A W3C XML Schema compiled once by libxml2 and shared by every reader that validates
/// against it (libxml2 only reads a compiled schema while validating).
public final class XMLSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// The path it was loaded from, for messages.
    public let path: String

    /// Compiles the schema at `path`. The schema files are the project's own; network access
    /// is never made (libxml2 only fetches imports, and ours have none).
    public init(contentsOf path: String) throws(DiagnosticsError) {
        self.path = path
        let collector = ErrorCollector(displayPath: path)
        guard let parser = xmlSchemaNewParserCtxt(path) else {
            throw DiagnosticsError([Diagnostic(
                XMLDiagnostic.schemaLoad, at: SourceLocation(file: path, line: 1, column: 1),
                message: "cannot read the schema")])
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        let route = UnsafeMutablePointer<cbscore_error_route>.allocate(capacity: 1)
        defer { route.deallocate() }
        route.initialize(to: cbscore_error_route(handler: xmlReadingStructuredError, context: unmanaged.toOpaque()))
        cbscore_route_schema_parser_errors(parser, route)
        guard let schema = xmlSchemaParse(parser) else {
            var diagnostics = collector.drain().map { $0.diagnostic(rewriter: nil) }
            if diagnostics.isEmpty {
                diagnostics = [Diagnostic(
                    XMLDiagnostic.schemaLoad, at: SourceLocation(file: path, line: 1, column: 1),
                    message: "the schema does not compile")]
            }
            throw DiagnosticsError(diagnostics)
        }
        pointer = schema
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}
