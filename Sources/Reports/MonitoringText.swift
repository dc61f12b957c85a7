import Documents
import Monitoring

/// Plain-text reports of monitoring results, for the terminal.
public enum MonitoringTextReport {
    public static func render(_ p: ContractProgress) -> String {
        var out = "Contract \(p.contractID) — \(p.supplier)\n"
        if let w = p.withdrawal { out += "WITHDRAWN: \(MonitoringFormatting.withdrawn(w))\n" }
        out += "Term \(p.start) to \(p.end); as of \(p.asOf): \(MonitoringFormatting.shown(p.termFraction * 100))% of the term\n"
        out += "Returns counted: " + (p.periods.isEmpty ? "none" : p.periods.map(\.description).joined(separator: ", ")) + "\n"
        out += MonitoringFormatting.thresholdsLine(p.thresholds) + "\n\n"
        var table = MonitoringTextTable(rows: [["ref", "kind", "unit", "committed", "expected", "delivered", "% of expected", "status"]],
                                        rightAligned: [3, 4, 5, 6])
        for c in p.commitments {
            let unit = c.kind.unit
            table.rows.append([c.ref, c.kind.words, unit, MonitoringFormatting.quantity(c.committed, unit: unit),
                               MonitoringFormatting.quantity(c.expected, unit: unit), MonitoringFormatting.quantity(c.delivered, unit: unit),
                               MonitoringFormatting.shown(c.percent), c.status.rawValue])
        }
        out += (p.commitments.isEmpty ? MonitoringFormatting.noCommitments : table.rendered()) + "\n"
        // Placements, training, spend and hours: what each return brought, cumulatively.
        for c in p.commitments where c.hires == nil && !c.timeline.isEmpty {
            out += "\n\(c.ref) \(c.kind.words) by return (delivered to date / expected to date, \(c.kind.unit))\n"
            var t = MonitoringTextTable(rows: [["return", "to", "delivered", "expected"]], rightAligned: [2, 3])
            for point in c.timeline {
                t.rows.append([point.period.description, point.date.description,
                               MonitoringFormatting.quantity(point.delivered, unit: c.kind.unit),
                               MonitoringFormatting.quantity(point.expected, unit: c.kind.unit)])
            }
            out += t.rendered(indent: "  ") + "\n"
        }
        for c in p.commitments {
            guard let h = c.hires else { continue }
            out += "\n\(c.ref) hires: filled \(h.filled), sustained \(h.sustained), in post \(h.inPost), "
                + "left early \(h.leftEarly), not counted \(h.notCounted)\n"
            for hire in c.hireOutcomes {
                var line = "  \(hire.person)  started \(hire.start)  \(MonitoringFormatting.hireArea(hire))"
                if let council = hire.council { line += ", \(council)" }
                line += "  groups: " + (hire.targetGroups.isEmpty ? "none" : MonitoringFormatting.groups(hire.targetGroups, separator: ", "))
                line += "  \(hire.state.rawValue)"
                // A leaver's date is what matters; the date it would have been sustained from
                // beside it reads as if it had been.
                if let left = hire.leftOn { line += " on \(left)" }
                if hire.state == .inPost { line += " (sustained from \(hire.sustainedFrom) if still in post)" }
                out += line + "\n"
                for reason in hire.reasons { out += "      not counted: \(reason)\n" }
            }
        }
        if let points = p.points {
            out += "\nPoints (same scheme as the bid)\n"
            var t = MonitoringTextTable(rows: [["line", "committed", "delivered"]], rightAligned: [1, 2])
            for line in points.lines {
                t.rows.append([line.title.isEmpty ? line.id : line.title, MonitoringFormatting.shown(line.committed),
                               MonitoringFormatting.shown(line.delivered)])
            }
            t.rows.append(["total", MonitoringFormatting.shown(points.committedTotal), MonitoringFormatting.shown(points.deliveredTotal)])
            out += t.rendered(indent: "  ") + "\n"
        }
        return out
    }

    public static func render(_ p: Portfolio) -> String {
        var out = "Portfolio as of \(p.asOf): \(p.contracts) contract\(p.contracts == 1 ? "" : "s")\n"
        out += MonitoringFormatting.thresholdsLine(p.thresholds) + "\n\n"
        var t = MonitoringTextTable(rows: [["supplier", "contracts", "kind", "unit", "committed", "expected", "delivered", "% of expected", "status"]],
                                    rightAligned: [1, 4, 5, 6, 7])
        for s in p.suppliers {
            for (i, k) in s.kinds.enumerated() {
                t.rows.append([i == 0 ? s.supplier : "", i == 0 ? String(s.contracts) : "", k.kind.words, k.kind.unit,
                               MonitoringFormatting.quantity(k.committed, unit: k.kind.unit),
                               MonitoringFormatting.quantity(k.expected, unit: k.kind.unit),
                               MonitoringFormatting.quantity(k.delivered, unit: k.kind.unit), MonitoringFormatting.shown(k.percent), k.status.rawValue])
            }
        }
        out += t.rendered() + "\n\nHires by council area\n"
        var c = MonitoringTextTable(rows: [["council", "counted", "not counted"]], rightAligned: [1, 2])
        for row in p.councils { c.rows.append([row.council, String(row.hires.counted), String(row.hires.notCounted)]) }
        out += c.rendered(indent: "  ") + "\n\nHires by deprivation decile (1 = most deprived)\n"
        var d = MonitoringTextTable(rows: [["decile", "counted", "not counted"]], rightAligned: [0, 1, 2])
        for row in p.deciles { d.rows.append([String(row.decile), String(row.hires.counted), String(row.hires.notCounted)]) }
        out += d.rendered(indent: "  ") + "\n"
        if p.hiresWithoutArea.total > 0 {
            out += "  (\(p.hiresWithoutArea.total) hires give no area)\n"
        }
        if let background = p.background {
            out += "\nSocio-economic background of everyone hired or starting an apprenticeship\n"
            out += AnnualReportText.backgroundText(background, indent: "  ")
            out += "\n" + AnnualReportText.wrapped(AnnualWords.withheldNote, indent: "  ")
        }
        out += "\nContracts\n"
        var s = MonitoringTextTable(rows: [["contract", "supplier", "worst status"]])
        for row in p.contractStatuses { s.rows.append([row.contractID, row.supplier, row.status.rawValue]) }
        out += s.rendered(indent: "  ") + "\n"
        return out
    }
}
