public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error, warning, note

    private var order: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
}

/// One finding about an input, in the shape of swift-syntax's diagnostics: a stable id that
/// tests and integrators can match, a severity, where it is, what is wrong and, where it
/// helps, how to fix it.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable identifier such as `xml.doctype` or `rules.check.unknown-name`, from a code
    /// declared in a catalogue (`Catalogue/`): there is no way to make one from a loose string.
    public private(set) var id: String
    public var severity: Severity
    public var span: SourceSpan
    public var message: String
    public var hint: String?
    /// The bid (or other record) this concerns, when the file holds several.
    public var subject: String?

    public init(
        _ code: some DiagnosticCode,
        severity: Severity = .error,
        at span: SourceSpan,
        message: String,
        hint: String? = nil,
        subject: String? = nil
    ) {
        self.id = code.id
        self.severity = severity
        self.span = span
        self.message = message
        self.hint = hint
        self.subject = subject
    }

    public init(
        _ code: some DiagnosticCode,
        severity: Severity = .error,
        at location: SourceLocation,
        message: String,
        hint: String? = nil,
        subject: String? = nil
    ) {
        self.init(code, severity: severity, at: SourceSpan(start: location), message: message,
                  hint: hint, subject: subject)
    }

    public var location: SourceLocation { span.start }

    /// The one-line form `FILE:LINE:COLUMN: message`; warnings and notes say so.
    public var description: String {
        var text = "\(span.start): "
        if severity != .error { text += "\(severity.rawValue): " }
        if let subject { text += "bid \(subject): " }
        text += message
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Stable order for reports: by file, line, column, then id.
    public func sortedForReport() -> [Diagnostic] {
        sorted { ($0.span.start, $0.id, $0.message) < ($1.span.start, $1.id, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown when an input has one or more errors; carries all of them, never just the first.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
