import Documents
import Monitoring

/// Small pieces shared by the monitoring renderers, over the ranking reports' helpers.
enum MonitoringFormatting {
    /// Said instead of an empty table of commitments (annual-report.md: such a bid is awarded).
    /// `2026-11-21T00:00:00Z by Ann Officer: awarded to the wrong bid. A withdrawn contract …`.
    static func withdrawn(_ w: ContractWithdrawal) -> String {
        "\(w.at) by \(w.by): \(w.reason). A withdrawn contract owes no returns and is left out of the portfolio and the annual report"
    }

    static let noCommitments = "No commitments: the winning bid made none, so the contract has no community benefit requirements and nothing is expected."

    /// Display form: 2 places, half away from zero (docs/numbers.md).
    static func shown(_ value: Exact?) -> String { value.map { $0.formatted(places: 2) } ?? "—" }

    /// JSON and CSV form of an exact value: the exact decimal, or 20 places when it does not
    /// terminate (docs/numbers.md).
    static func exact(_ value: Exact) -> String { ReportFacts.exact(value) }

    static func json(_ value: Exact) -> JSONValue { .string(ReportFacts.exact(value)) }
    static func json(_ value: Exact?) -> JSONValue { value.map(json) ?? .null }


    /// A quantity in its unit for display: money as `£120,000` (pence when there are any),
    /// anything else to 2 places.
    static func quantity(_ value: Exact?, unit: String) -> String {
        guard unit == "£", let value else { return shown(value) }
        return ReportFacts.money(Money(value.isInteger ? value : Exact(decimal: value.formatted(places: 2)) ?? value))
    }

    static func groups(_ groups: [TargetGroup], separator: String = " ") -> String {
        groups.map(\.rawValue).joined(separator: separator)
    }

    /// `Status: green at 90% of expected or more, amber from 70%, red below; not yet due while nothing is expected.`
    static func thresholdsLine(_ t: RAGThresholds) -> String {
        "Status: green at \(ReportFacts.exact(t.green))% of expected or more, amber from \(ReportFacts.exact(t.amber))%, red below; "
            + "not yet due while nothing is expected"
    }

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
