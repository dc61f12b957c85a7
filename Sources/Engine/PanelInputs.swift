import Diagnostics
import ExactNumbers
import Scoring

/// The figures a scheme's `input`s take per bid (a quality panel's scores), from one or more
/// CSV files. Files are read in sorted order and a figure given twice keeps the first, so the
/// order the files were named in never changes a result.
public struct PanelInputs: Sendable {
    /// By input name, then bid id.
    public private(set) var values: [String: [String: Exact]] = [:]
    /// The first row naming each bid id.
    public private(set) var rows: [String: SourceLocation] = [:]
    /// The files read, sorted: they are inputs of the ranking and are hashed with it.
    public private(set) var files: [String] = []

    public init() {}

    /// Figures given other than in a CSV (a request's JSON body): `argument` stands where a
    /// row's line would, in the refusal of a figure naming an unknown bid.
    public init(values: [String: [String: Exact]], namedIn argument: String) {
        self.values = values
        for (name, byBid) in values.sorted(by: { $0.key < $1.key }) {
            for bid in byBid.keys.sorted() where rows[bid] == nil {
                rows[bid] = SourceLocation(commandLine: "\(argument).\(name).\(bid)")
            }
        }
    }

    /// Every problem of every file at once.
    public static func load(paths: [String]) throws(DiagnosticsError) -> PanelInputs {
        var merged = PanelInputs()
        var problems: [Diagnostic] = []
        for path in Set(paths).sorted() {
            let table: ExternalInputTable
            do {
                table = try ExternalInputs.loadTable(csvPath: path)
            } catch {
                problems += error.diagnostics
                continue
            }
            merged.files.append(path)
            for (name, byBid) in table.values {
                merged.values[name, default: [:]].merge(byBid) { first, _ in first }
            }
            for row in table.rows where merged.rows[row.bid] == nil {
                merged.rows[row.bid] = row.location
            }
        }
        guard problems.isEmpty else { throw DiagnosticsError(problems) }
        return merged
    }

    /// A row naming a bid the tender does not have: a typing slip in a panel's sheet would
    /// otherwise leave the real bid without its score and blame the scheme.
    /// `known` holds the tender's bid ids (as keys); they are listed only when a row is unknown.
    func unknownBids<Value>(known: [String: Value]) -> [Diagnostic] {
        let unknown = rows.filter { known[$0.key] == nil }
        guard !unknown.isEmpty else { return [] }
        let listed = known.keys.sorted().joined(separator: ", ")
        return unknown.sorted { $0.value < $1.value }.map { bid, location in
            Diagnostic(InputsDiagnostic.unknownBid, at: location,
                       message: "bid \(bid) is not among the tender's bids (\(listed))",
                       hint: "each row's `bid` must be the id of one of the bids being ranked")
        }
    }
}
