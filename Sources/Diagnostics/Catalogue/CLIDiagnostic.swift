/// Faults of a command line: what was named, not what the named documents hold.
public enum CLIDiagnostic: String, DiagnosticCode {
    public static let domain = "cli"

    case missingInput = "missing-input"
    case noBids = "no-bids"
    case unknownBid = "unknown-bid"
    case refusedBid = "refused-bid"
    case unreadable

    public var summary: String {
        switch self {
        case .missingInput: "a file or folder named on the command line does not exist"
        case .noBids: "no bid files found among the paths named"
        case .unknownBid: "a bid id named on the command line is not among the bids"
        case .refusedBid: "a bid named on the command line was refused, so it has no score"
        case .unreadable: "a file named on the command line cannot be read"
        }
    }
}
