/// Faults of the per-bid figures a scheme takes from outside (`--inputs` CSVs: panel scores).
public enum InputsDiagnostic: String, DiagnosticCode {
    public static let domain = "inputs"

    case unreadable
    case empty
    case header
    case columns
    case number
    case duplicate
    case unknownBid = "unknown-bid"

    public var summary: String {
        switch self {
        case .unreadable: "the CSV file cannot be read"
        case .empty: "the CSV file holds no rows"
        case .header: "the header lacks the `bid` column or an input column"
        case .columns: "a row with the wrong number of columns"
        case .number: "a figure that is not a number"
        case .duplicate: "one bid given twice"
        case .unknownBid: "a row naming a bid the tender does not have"
        }
    }
}
