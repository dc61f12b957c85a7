import Documents
import Monitoring

/// Small pieces shared by the monitoring renderers: display rounding, JSON values, escaping.
enum MonitoringFormatting {
    /// Display form: 2 places, half away from zero (docs/numbers.md).
    static func shown(_ value: Exact?) -> String { value.map { $0.formatted(places: 2) } ?? "—" }

    /// JSON and CSV form of an exact value: the exact decimal, or 20 places when it does not
    /// terminate (docs/numbers.md).
    static func exact(_ value: Exact) -> String { value.decimalString(maximumFractionDigits: 20) }

    static func groups(_ groups: [TargetGroup]) -> String { groups.map(\.rawValue).joined(separator: " ") }

    static func hireArea(_ hire: HireOutcome) -> String {
        guard let area = hire.area else { return "no area" }
        return area + (hire.decile.map { " (decile \($0))" } ?? "")
    }
}

/// A JSON value written with keys in the order given, so output is byte-identical run to run.
indirect enum MonitoringJSONValue {
    case string(String)
    case int(Int)
    case exact(Exact)
    case bool(Bool)
    case null
    case array([MonitoringJSONValue])
    case object([(String, MonitoringJSONValue)])

    static func optional(_ value: Exact?) -> MonitoringJSONValue { value.map { .exact($0) } ?? .null }
    static func optional(_ value: String?) -> MonitoringJSONValue { value.map { .string($0) } ?? .null }
    static func optional(_ value: Int?) -> MonitoringJSONValue { value.map { .int($0) } ?? .null }

    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s): return Self.quoted(s)
        case .int(let i): return String(i)
        case .exact(let e): return Self.quoted(MonitoringFormatting.exact(e))
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let values):
            if values.isEmpty { return "[]" }
            return "[\n" + values.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Left-aligned text columns, the first row a header, numbers right-aligned.
struct MonitoringTextTable {
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    func rendered(indent: String = "") -> String {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.count)
            }
        }
        return rows.map { row in
            var line = indent
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let last = i == row.count - 1
                line += rightAligned.contains(i) ? pad + cell : cell + (last ? "" : pad)
                if !last { line += "  " }
            }
            return line
        }.joined(separator: "\n")
    }
}
