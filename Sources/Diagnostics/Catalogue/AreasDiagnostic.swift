/// Faults of the deprivation tables and postcode lookups named with `--areas`.
public enum AreasDiagnostic: String, DiagnosticCode {
    public static let domain = "areas"

    case missing
    case unreadable
    case conflict
    case empty
    case header
    case csv
    case fields
    case truncated
    case code
    case value
    case duplicate
    case postcode
    case noneLoaded = "none-loaded"

    public var summary: String {
        switch self {
        case .missing: "a path named with --areas does not exist"
        case .unreadable: "a table file cannot be read"
        case .conflict: "two tables give one area different deciles"
        case .empty: "a table holds no rows"
        case .header: "a file whose header is none of the official tables"
        case .csv: "a line that is not valid CSV"
        case .fields: "a row with the wrong number of fields"
        case .truncated: "a file that ends in the middle of a row"
        case .code: "an area code of the wrong form"
        case .value: "a rank or decile that cannot be read or is out of range"
        case .duplicate: "one area given twice in a table"
        case .postcode: "a postcode of the wrong form"
        case .noneLoaded: "bids name areas and no deprivation tables are loaded: reported once, nothing ranked"
        }
    }
}
