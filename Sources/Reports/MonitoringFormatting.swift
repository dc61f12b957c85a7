import Documents
import Monitoring

/// Small pieces shared by the monitoring renderers, over the ranking reports' helpers.
enum MonitoringFormatting {
    /// Display form: 2 places, half away from zero (docs/numbers.md).
    static func shown(_ value: Exact?) -> String { value.map { $0.formatted(places: 2) } ?? "—" }

    /// JSON and CSV form of an exact value: the exact decimal, or 20 places when it does not
    /// terminate (docs/numbers.md).
    static func exact(_ value: Exact) -> String { ReportFacts.exact(value) }

    static func json(_ value: Exact) -> JSONValue { .string(ReportFacts.exact(value)) }
    static func json(_ value: Exact?) -> JSONValue { value.map(json) ?? .null }


    static func groups(_ groups: [TargetGroup]) -> String { groups.map(\.rawValue).joined(separator: " ") }

    static func hireArea(_ hire: HireOutcome) -> String {
        guard let area = hire.area else { return "no area" }
        return area + (hire.decile.map { " (decile \($0))" } ?? "")
    }
}

/// Rows laid out by `RankingText.table` (header rule, numbers right-aligned).
struct MonitoringTextTable {
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    func rendered(indent: String = "") -> String {
        RankingText.table(rows, rightAligned: rightAligned).map { indent + $0 }.joined(separator: "\n")
    }
}

extension JSONValue {
    /// The document as JSONWriter writes it, final newline included.
    var written: String { JSONWriter.write(self) }
}
