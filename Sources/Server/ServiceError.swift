import Diagnostics
import HTTPTypes
import Reports

/// A refusal, answered as service.md's error shape: `{"error":{"id","message","diagnostics"}}`
/// with the status code saying which kind. Thrown by the routes; `FrontDoor` turns it into the
/// JSON answer (API) or an HTML page (pages).
struct ServiceError: Error, Sendable {
    var status: HTTPResponse.Status
    var id: String
    var message: String
    var diagnostics: [Diagnostic] = []
    /// Extra header fields (`Retry-After` on a 429).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: ServiceDiagnostic, _ message: String, diagnostics: [Diagnostic] = []) {
        self.status = status
        self.id = code.id
        self.message = message
        self.diagnostics = diagnostics
    }

    /// A document or scheme refused (422): the error takes its first diagnostic's id, and
    /// carries every diagnostic in report order, files named as the client named them.
    static func refused(_ diagnostics: [Diagnostic], _ message: String) -> ServiceError {
        let sorted = diagnostics.sortedForReport()
        var error = ServiceError(.unprocessableContent, .refused, message, diagnostics: sorted)
        if let first = sorted.first { error.id = first.id }
        return error
    }

    static let unauthenticated = ServiceError(.unauthorized, .unauthenticated, "sign in, or send an API token (Authorization: Bearer)")
    static let wrongCredentials = ServiceError(.unauthorized, .unauthenticated, "wrong email or password")
    static let csrf = ServiceError(.forbidden, .csrf,
                                   "a change made with a session cookie must carry the session's CSRF token (X-CSRF-Token header or csrf form field)")

    static func forbidden(_ role: String) -> ServiceError {
        ServiceError(.forbidden, .forbidden, "a user with the role \(role) may not do this")
    }

    static func notFound(_ what: String) -> ServiceError { ServiceError(.notFound, .notFound, "no \(what)") }
    static func badRequest(_ message: String) -> ServiceError { ServiceError(.badRequest, .badRequest, message) }
    static func missing(_ field: String) -> ServiceError { ServiceError(.badRequest, .missingField, "\(field) is required") }
    static func conflict(_ message: String) -> ServiceError { ServiceError(.conflict, .conflict, message) }

    static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, .tooLarge, "the request body is over the limit of \(limit / (1 << 20)) MiB")
    }

    /// The JSON body: `error.id`, `error.message`, `error.diagnostics`.
    var json: String {
        JSONWriter.write(.object([("error", .object([
            ("id", .string(id)),
            ("message", .string(message)),
            ("diagnostics", .array(diagnostics.map(DiagnosticsJSON.value))),
        ]))]))
    }
}
