/// Faults of the store (SQLite or PostgreSQL) that a user can act on.
public enum StoreDiagnostic: String, DiagnosticCode {
    public static let domain = "store"

    case unavailable
    case missing

    public var summary: String {
        switch self {
        case .unavailable: "the store cannot be opened or reached"
        case .missing: "a command that only reads names a store that does not exist (only award, import and `store init` create one)"
        }
    }
}
