/// Faults of a request to the shared service (`cbscore-server`): what was asked, not what the
/// documents sent hold (those keep their own ids). The status code says which kind.
public enum ServiceDiagnostic: String, DiagnosticCode {
    public static let domain = "service"

    case badRequest = "bad-request"
    case missingField = "missing-field"
    case unauthenticated
    case csrf
    case forbidden
    case notFound = "not-found"
    case conflict
    case tooLarge = "too-large"
    case throttled
    case refused
    case noBids = "no-bids"
    case notInRanking = "not-in-ranking"
    case notRanked = "not-ranked"
    case unavailable

    public var summary: String {
        switch self {
        case .badRequest: "a request the service cannot read: bad JSON, a malformed date, a wrong type (400)"
        case .missingField: "a request without a field or parameter it needs, such as `asOf` (400)"
        case .unauthenticated: "no session or token, or a wrong email or password (401)"
        case .csrf: "a change sent with a session cookie but without the session's CSRF token (403)"
        case .forbidden: "the user's role does not allow this (403)"
        case .notFound: "no such thing, or a contract that is not the supplier's own (404)"
        case .conflict: "an id or email already in use; nothing changed (409)"
        case .tooLarge: "a request body over the limit (413); it is not read past the limit"
        case .throttled: "too many failed sign-ins for one email: wait for the window to pass (429)"
        case .refused: "a document or scheme refused; its diagnostics say why and where (422)"
        case .noBids: "a tender with no bids cannot be ranked (422)"
        case .notInRanking: "an award naming a bid that is not in the ranking named (422)"
        case .notRanked: "an award of a bid excluded at a gate, without an override reason (422)"
        case .unavailable: "the store cannot be reached (503)"
        }
    }
}
