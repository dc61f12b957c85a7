import Documents
import ExactNumbers

/// How figures read in explanations: money as `£2,310,000` (pence only when there are any),
/// hourly rates as `13.45`, other numbers exactly (`120.12`), and a quotient that does not
/// terminate to 2 places marked `≈` (the exact value stays in the figure).
enum Format {
    static func grouped(_ v: Exact) -> String {
        let text = v.isInteger ? String(v.numerator) : v.formatted(places: 2)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer = String(integer.dropLast(3))
        }
        groups.insert(integer, at: 0)
        var out = (negative ? "-" : "") + groups.joined(separator: ",")
        if parts.count == 2 { out += "." + parts[1] }
        return out
    }

    static func number(_ v: Exact) -> String {
        if v.isInteger { return String(v.numerator) }
        return v.isTerminatingDecimal ? v.decimalString() : "≈" + v.formatted(places: 2)
    }

    static func value(_ v: Value, _ type: ValueType) -> String {
        switch v {
        case .number(let n):
            switch type {
            case .money: return "£" + grouped(n)
            case .rate: return 100 % n.denominator == 0 ? n.formatted(places: 2) : number(n)
            case .percent: return number(n * Exact(100)) + "%"
            default: return number(n)
            }
        case .bool(let b): return b ? "yes" : "no"
        case .date(let d): return d.description
        case .text(let s): return s
        case .groups(let g): return g.text
        case .area(let a): return a?.text ?? "none given"
        case .choice(let i):
            if case .choice(let c) = type, Int(i) < c.words.count { return c.words[Int(i)] }
            return String(i)
        }
    }
}
