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
    /// Stable identifier such as `xml.doctype` or `rules.unknown-name`.
    public var id: String
    public var severity: Severity
    public var span: SourceSpan
    public var message: String
    public var hint: String?
    /// The bid (or other record) this concerns, when the file holds several.
    public var subject: String?

    public init(
        id: String,
        severity: Severity = .error,
        at span: SourceSpan,
        message: String,
        hint: String? = nil,
        subject: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.span = span
        self.message = message
        self.hint = hint
        self.subject = subject
    }

    public init(
        id: String,
        severity: Severity = .error,
        at location: SourceLocation,
        message: String,
        hint: String? = nil,
        subject: String? = nil
    ) {
        self.init(id: id, severity: severity, at: SourceSpan(start: location), message: message,
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

    /// The one-line form, then the source line with a caret under the span and the hint.
    public func rendered(sourceLines: [Substring]?) -> String {
        var text = description
        if let sourceLines, span.start.line >= 1, span.start.line <= sourceLines.count {
            let line = sourceLines[span.start.line - 1]
            let shown = String(line.prefix(240)).replacingTabs()
            let column = max(span.start.column, 1)
            let caretCount = max(1, min(span.length, max(1, shown.count - column + 1)))
            text += "\n  \(shown)\n  " + String(repeating: " ", count: column - 1)
                + String(repeating: "^", count: caretCount)
        }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
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
