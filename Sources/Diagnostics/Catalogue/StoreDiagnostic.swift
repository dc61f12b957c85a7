/// Faults of the store (SQLite or PostgreSQL) that a user can act on.
public enum StoreDiagnostic: String, DiagnosticCode {
    public static let domain = "store"

    case unavailable

    public var summary: String {
        switch self {
        case .unavailable: "the store cannot be opened or reached"
        }
    }
}
