import Documents
import Monitoring

/// CSV (RFC 4180, CRLF line ends) of monitoring results, one row per commitment, or per
/// supplier and kind, council and decile for the portfolio. Figures are exact decimals.
public enum MonitoringCSVReport {
    public static func render(_ p: ContractProgress) -> String {
        var rows = [["contract", "supplier", "as_of", "ref", "kind", "unit", "committed", "expected", "delivered",
                     "percent", "status", "filled", "sustained", "in_post", "left_early", "not_counted"]]
        for c in p.commitments {
            let h = c.hires
            rows.append([p.contractID, p.supplier, p.asOf.description, c.ref, c.kind.rawValue, c.kind.unit,
                         MonitoringFormatting.exact(c.committed), MonitoringFormatting.exact(c.expected),
                         MonitoringFormatting.exact(c.delivered), c.percent.map(MonitoringFormatting.exact) ?? "",
                         c.status.rawValue, h.map { String($0.filled) } ?? "", h.map { String($0.sustained) } ?? "",
                         h.map { String($0.inPost) } ?? "", h.map { String($0.leftEarly) } ?? "",
                         h.map { String($0.notCounted) } ?? ""])
        }
        return csv(rows)
    }

    public static func render(_ p: Portfolio) -> String {
        var rows = [["section", "key", "kind", "unit", "contracts", "committed", "expected", "delivered", "percent",
                     "status", "hires_counted", "hires_not_counted"]]
        for s in p.suppliers {
            for k in s.kinds {
                rows.append(["supplier", s.supplier, k.kind.rawValue, k.kind.unit, String(s.contracts),
                             MonitoringFormatting.exact(k.committed), MonitoringFormatting.exact(k.expected),
                             MonitoringFormatting.exact(k.delivered), k.percent.map(MonitoringFormatting.exact) ?? "",
                             k.status.rawValue, "", ""])
            }
        }
        for c in p.councils {
            rows.append(["council", c.council, "", "", "", "", "", "", "", "", String(c.hires.counted), String(c.hires.notCounted)])
        }
        for d in p.deciles {
            rows.append(["decile", String(d.decile), "", "", "", "", "", "", "", "", String(d.hires.counted), String(d.hires.notCounted)])
        }
        if let b = p.background {
            // key: figure and answer; a withheld count is left empty (annual-report.md).
            func row(_ key: String, _ c: PublishedCount) -> [String] {
                ["background", key, "", "", "", "", "", c.count.map(String.init) ?? "", c.percent.map { $0.formatted(places: 1) } ?? "",
                 c.withheld ? "withheld" : "", "", ""]
            }
            rows.append(row("people", b.people))
            rows.append(row("recorded", b.recorded))
            rows += b.groups.map { row("groups " + $0.answer, $0.figure) }
            rows += b.school.map { row("school " + $0.answer, $0.figure) }
            rows += b.freeSchoolMeals.map { row("freeSchoolMeals " + $0.answer, $0.figure) }
        }
        return csv(rows)
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + String(cell.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
