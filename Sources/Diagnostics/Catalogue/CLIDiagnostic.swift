/// Faults of a command line: what was named, not what the named documents hold.
public enum CLIDiagnostic: String, DiagnosticCode {
    public static let domain = "cli"

    case missingInput = "missing-input"
    case noBids = "no-bids"
    case unknownBid = "unknown-bid"
    case refusedBid = "refused-bid"
    case unreadable
    case writeFailed = "write-failed"
    case noDocuments = "no-documents"
    case tenderAmongBids = "tender-among-bids"
    case allRefused = "all-refused"
    case explainFormat = "explain-format"
    case inputChanged = "input-changed"
    case spoolFailed = "spool-failed"

    public var summary: String {
        switch self {
        case .missingInput: "a file or folder named on the command line does not exist"
        case .noBids: "no bid files found among the paths named"
        case .unknownBid: "a bid id named on the command line is not among the bids"
        case .refusedBid: "a bid named on the command line was refused, so it has no score"
        case .unreadable: "a file named on the command line cannot be read"
        case .writeFailed: "the output file cannot be written (a missing folder, no permission, a full disk)"
        case .noDocuments: "`validate` found no XML files among the paths named"
        case .tenderAmongBids: "the tender file is also among the bids named; it is read as the tender only"
        case .allRefused: "every bid was refused, so there is nothing to rank even with --exclude-invalid"
        case .explainFormat: "`--explain` asked for a format that shows a whole ranking (csv, html)"
        case .inputChanged: "a file changed between the two readings of an HTML or JSON report; nothing is reported"
        case .spoolFailed: "the temporary file a JSON report's bids are written through (in TMPDIR) cannot be written or read back"
        }
    }
}
