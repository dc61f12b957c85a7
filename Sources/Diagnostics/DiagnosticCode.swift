/// A fault's stable identity, declared once in its domain's catalogue (`Catalogue/`), in the
/// manner of swift-syntax's `MessageID(domain:id:)`: a diagnostic can only be made from a code,
/// so one fault has one id wherever it is found, and tests and integrators can match on it.
public protocol DiagnosticCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// `xml`, `envelope`, `rules`, `areas`, `inputs`, `monitoring`, `store`, `cli`, `service`.
    static var domain: String { get }
    /// One line on what the fault is, for `docs/diagnostics.md`.
    var summary: String { get }
}

extension DiagnosticCode {
    /// `domain.name`, e.g. `xml.doctype`.
    public var id: String { "\(Self.domain).\(rawValue)" }
}

/// Every catalogue, so a test can check that ids are unique and documented.
public enum DiagnosticCatalogue {
    public static let domains: [any DiagnosticCode.Type] = [
        XMLDiagnostic.self, EnvelopeDiagnostic.self, RulesDiagnostic.self, AreasDiagnostic.self, InputsDiagnostic.self,
        MonitoringDiagnostic.self, StoreDiagnostic.self, CLIDiagnostic.self, ServiceDiagnostic.self,
    ]

    /// Every declared id with its summary, in catalogue order.
    public static var all: [(id: String, summary: String)] {
        domains.flatMap { domain in entries(of: domain) }
    }

    private static func entries<C: DiagnosticCode>(of _: C.Type) -> [(id: String, summary: String)] {
        C.allCases.map { ($0.id, $0.summary) }
    }
}
