import Documents
import Monitoring
import Scoring

/// Where a monitoring report's figures come from, shown at its foot as the ranking report
/// shows its scheme and input hashes: the scheme (for points and thresholds), the store, the
/// as-of date and the files behind the contract.
public struct MonitoringProvenance: Sendable, Hashable {
    public var scheme: SchemeReference?
    public var store: String
    public var asOf: CalendarDate
    /// Files with their SHA-256 (the awarded bid…), in the order given.
    public var files: [InputFile]

    public init(scheme: SchemeReference?, store: String, asOf: CalendarDate, files: [InputFile] = []) {
        self.scheme = scheme
        self.store = store
        self.asOf = asOf
        self.files = files
    }
}

/// Self-contained HTML reports of monitoring results in the ranking report's style (one
/// stylesheet, `HTMLStyle`): inline CSS and SVG charts, no scripts, nothing fetched.
public enum MonitoringHTMLReport {
    public static func render(_ p: ContractProgress, provenance: MonitoringProvenance? = nil) -> String {
        let header = "<header class=\"report\"><p class=\"kicker\">Delivery monitoring · contract \(HTML.escape(p.contractID))</p>"
            + "<h1>\(HTML.escape(p.supplier))</h1></header>\n"
        return page(title: "Contract \(p.contractID) as of \(p.asOf)", body: header + fragment(p) + provenanceSection(provenance))
    }

    /// The report's body without its heading, the page around it or its provenance, for the
    /// service's contract page (which has its own heading).
    public static func fragment(_ p: ContractProgress) -> String {
        var body = p.withdrawal.map { "<p class=\"withdrawn\"><strong>Withdrawn:</strong> \(HTML.escape(MonitoringFormatting.withdrawn($0)))</p>\n" } ?? ""
        body += "<p>Term \(p.start) to \(p.end); as of \(p.asOf): \(MonitoringFormatting.shown(p.termFraction * 100))% of the term. "
        body += "Returns counted: \(p.periods.isEmpty ? "none" : p.periods.map(\.description).joined(separator: ", ")).</p>\n"
        body += "<p class=\"note\">\(HTML.escape(MonitoringFormatting.thresholdsLine(p.thresholds))).</p>\n"
        guard !p.commitments.isEmpty else {
            return body + "<p>\(HTML.escape(MonitoringFormatting.noCommitments))</p>\n" + pointsSection(p)
        }
        body += "<table>\n<tr><th>ref</th><th>kind</th><th>unit</th><th>committed</th><th>expected</th><th>delivered</th>"
            + "<th>% of expected</th><th>status</th></tr>\n"
        for c in p.commitments {
            body += "<tr><td>\(HTML.escape(c.ref))</td><td>\(c.kind.words)</td><td>\(HTML.escape(c.kind.unit))</td>"
                + "<td class=\"n\">\(MonitoringFormatting.quantity(c.committed, unit: c.kind.unit))</td>"
                + "<td class=\"n\">\(MonitoringFormatting.quantity(c.expected, unit: c.kind.unit))</td>"
                + "<td class=\"n\">\(MonitoringFormatting.quantity(c.delivered, unit: c.kind.unit))</td><td class=\"n\">\(MonitoringFormatting.shown(c.percent))</td>"
                + "<td>\(badge(c.status))</td></tr>\n"
        }
        body += "</table>\n<h2>Delivered against expected, by period</h2>\n"
        for c in p.commitments {
            body += "<figure><figcaption>\(HTML.escape(c.ref)) \(c.kind.words) (\(HTML.escape(c.kind.unit)))</figcaption>\n"
                + timelineChart(c) + "</figure>\n"
        }
        let people = p.commitments.flatMap(\.hireOutcomes)
        if !people.isEmpty {
            body += "<h2>People</h2>\n<table>\n<tr><th>ref</th><th>person</th><th>started</th><th>area</th>"
                + "<th>council</th><th>groups</th><th>state</th><th>why not counted</th></tr>\n"
            for h in people {
                var state = h.state.rawValue
                if let left = h.leftOn { state += " on \(left)" }
                body += "<tr><td>\(HTML.escape(h.ref))</td><td>\(HTML.escape(h.person))</td><td>\(h.start)</td>"
                    + "<td>\(HTML.escape(MonitoringFormatting.hireArea(h)))</td><td>\(HTML.escape(h.council ?? ""))</td>"
                    + "<td>\(HTML.escape(MonitoringFormatting.groups(h.targetGroups)))</td><td>\(HTML.escape(state))</td>"
                    + "<td>\(HTML.escape(h.reasons.joined(separator: "; ")))</td></tr>\n"
            }
            body += "</table>\n<h2>Hires by deprivation decile</h2>\n"
            var tallies = Array(repeating: HireTally(), count: 10)
            for h in people {
                guard let d = h.decile, (1...10).contains(d) else { continue }
                if h.counted { tallies[d - 1].counted += 1 } else { tallies[d - 1].notCounted += 1 }
            }
            body += decileChart(tallies)
        }
        return body + pointsSection(p)
    }

    /// Delivered points beside committed points, when the report has them.
    static func pointsSection(_ p: ContractProgress) -> String {
        guard let points = p.points else { return "" }
        var body = "<h2>Points (same scheme as the bid)</h2>\n<table>\n<tr><th>line</th><th>committed</th><th>delivered</th></tr>\n"
        for line in points.lines {
            body += "<tr><td>\(HTML.escape(line.title.isEmpty ? line.id : line.title))</td><td class=\"n\">\(MonitoringFormatting.shown(line.committed))</td>"
                + "<td class=\"n\">\(MonitoringFormatting.shown(line.delivered))</td></tr>\n"
        }
        body += "<tr><th>total</th><td class=\"n\">\(MonitoringFormatting.shown(points.committedTotal))</td>"
            + "<td class=\"n\">\(MonitoringFormatting.shown(points.deliveredTotal))</td></tr>\n</table>\n"
        return body
    }

    public static func render(_ p: Portfolio, provenance: MonitoringProvenance? = nil) -> String {
        let header = "<header class=\"report\"><p class=\"kicker\">Delivery monitoring · portfolio</p>"
            + "<h1>Portfolio as of \(p.asOf)</h1></header>\n"
        return page(title: "Portfolio as of \(p.asOf)", body: header + fragment(p) + provenanceSection(provenance))
    }

    /// The report's body without its heading, the page around it or its provenance, for the
    /// service's portfolio page (which has its own heading).
    public static func fragment(_ p: Portfolio) -> String {
        var body = "<p>\(p.contracts) contract\(p.contracts == 1 ? "" : "s").</p>\n"
        body += "<p class=\"note\">\(HTML.escape(MonitoringFormatting.thresholdsLine(p.thresholds))).</p>\n"
        body += "<h2>By supplier</h2>\n<table>\n<tr><th>supplier</th><th>contracts</th><th>kind</th><th>unit</th>"
            + "<th>committed</th><th>expected</th><th>delivered</th><th>% of expected</th><th>status</th></tr>\n"
        for s in p.suppliers {
            for k in s.kinds {
                body += "<tr><td>\(HTML.escape(s.supplier))</td><td class=\"n\">\(s.contracts)</td><td>\(k.kind.words)</td>"
                    + "<td>\(HTML.escape(k.kind.unit))</td><td class=\"n\">\(MonitoringFormatting.quantity(k.committed, unit: k.kind.unit))</td>"
                    + "<td class=\"n\">\(MonitoringFormatting.quantity(k.expected, unit: k.kind.unit))</td>"
                    + "<td class=\"n\">\(MonitoringFormatting.quantity(k.delivered, unit: k.kind.unit))</td>"
                    + "<td class=\"n\">\(MonitoringFormatting.shown(k.percent))</td><td>\(badge(k.status))</td></tr>\n"
            }
        }
        body += "</table>\n<h2>Hires by council area</h2>\n<table>\n<tr><th>council</th><th>counted</th><th>not counted</th></tr>\n"
        for c in p.councils {
            body += "<tr><td>\(HTML.escape(c.council))</td><td class=\"n\">\(c.hires.counted)</td><td class=\"n\">\(c.hires.notCounted)</td></tr>\n"
        }
        body += "</table>\n<h2>Hires by deprivation decile</h2>\n" + decileChart(p.deciles.map(\.hires))
        if let background = p.background {
            body += "<h2>Socio-economic background of everyone hired or starting an apprenticeship</h2>\n"
                + "<p class=\"note\">\(HTML.escape(AnnualWords.measure))</p>\n" + AnnualReportHTML.backgroundTables(background)
                + "<p class=\"note\"><em>\(HTML.escape(AnnualWords.withheldNote))</em></p>\n"
        }
        body += "<h2>Contracts</h2>\n<table>\n<tr><th>contract</th><th>supplier</th><th>worst status</th></tr>\n"
        for c in p.contractStatuses {
            body += "<tr><td>\(HTML.escape(c.contractID))</td><td>\(HTML.escape(c.supplier))</td><td>\(badge(c.status))</td></tr>\n"
        }
        body += "</table>\n"
        return body
    }

    /// The scheme, store, as-of date and file hashes, as the ranking report gives its own.
    static func provenanceSection(_ provenance: MonitoringProvenance?) -> String {
        guard let provenance else { return "" }
        var out = "<section id=\"provenance\"><h2>Scheme, store and inputs</h2><table><tbody>"
        if let scheme = provenance.scheme {
            out += "<tr><th>Scheme</th><td>\(HTML.escape(scheme.name))\(scheme.version.map { ", version " + HTML.escape($0) } ?? "")</td></tr>"
            out += "<tr><th>Scheme file</th><td><code>\(HTML.escape(scheme.file))</code></td></tr>"
            out += "<tr><th>Scheme SHA-256</th><td class=\"hash\">\(HTML.escape(scheme.sha256))</td></tr>"
        }
        out += "<tr><th>Store</th><td><code>\(HTML.escape(provenance.store))</code></td></tr>"
        out += "<tr><th>As of</th><td>\(provenance.asOf)</td></tr></tbody></table>"
        if !provenance.files.isEmpty {
            out += "<table><thead><tr><th>Input file</th><th>SHA-256</th></tr></thead><tbody>"
            for file in provenance.files {
                out += "<tr><td><code>\(HTML.escape(file.file))</code></td><td class=\"hash\">\(HTML.escape(file.sha256))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</section>\n"
    }

    static let footer = "Produced by cbscore from the store and scheme named above; the same store, scheme and date always give the same report. Figures are rounded to 2 decimal places for display."

    /// A page in the reports' style; `css` is what the page adds to the shared stylesheet.
    static func page(title: String, body: String, css: String = MonitoringHTMLReport.css,
                     footer: String = MonitoringHTMLReport.footer) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="cbscore">
        <title>\(HTML.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)<footer>\(HTML.escape(footer))</footer>
        </main>
        </body>
        </html>

        """
    }

    /// What monitoring adds to the shared stylesheet: status badges and small charts.
    static let css = """
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .rag { padding: 0.1em 0.5em; border-radius: 0.3em; color: #fff; font-size: 13px; font-weight: 600; }
    .green { background: #1a7f37; } .amber { background: #9a5b00; } .red { background: #b42318; }
    .due { background: #4a5561; }
    figure { display: inline-block; margin: 0.5em 1em 0.5em 0; }
    """

    static func badge(_ status: RAGStatus) -> String {
        let css = switch status {
        case .green: "green"
        case .amber: "amber"
        case .red: "red"
        case .notYetDue: "due"
        }
        return "<span class=\"rag \(css)\">\(status.rawValue)</span>"
    }

    /// Expected (dashed) and delivered (solid) at the start and at each period's end.
    static func timelineChart(_ c: CommitmentProgress) -> String {
        let width = 390, height = 180, left = 80, top = 10, plotW = 290, plotH = 140
        let points = [(label: "start", expected: Exact.zero, delivered: Exact.zero)]
            + c.timeline.map { (label: $0.period.description, expected: $0.expected, delivered: $0.delivered) }
        let top_ = ([c.committed] + points.flatMap { [$0.expected, $0.delivered] }).max() ?? .zero
        let scale = top_.isZero ? Exact.one : top_
        func x(_ i: Int) -> String {
            points.count <= 1 ? "\(left)" : ((try? Exact(left).adding(Exact(plotW * i).divided(by: Exact(points.count - 1))))
                ?? .zero).formatted(places: 1)
        }
        func y(_ v: Exact) -> String {
            ((try? Exact(top + plotH).subtracting(v.divided(by: scale).multiplied(by: Exact(plotH)))) ?? .zero).formatted(places: 1)
        }
        func polyline(_ values: [Exact], style: String) -> String {
            let coords = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            return "<polyline fill=\"none\" \(style) points=\"\(coords)\"/>\n"
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(c.ref)) delivered against expected\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#999\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"#999\"/>\n"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" font-size=\"10\" text-anchor=\"end\">\(MonitoringFormatting.shown(scale))</text>\n"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + plotH)\" font-size=\"10\" text-anchor=\"end\">0</text>\n"
        svg += polyline(points.map(\.expected), style: "stroke=\"#888\" stroke-dasharray=\"4 3\" stroke-width=\"2\"")
        svg += polyline(points.map(\.delivered), style: "stroke=\"#1565c0\" stroke-width=\"2\"")
        for (i, p) in points.enumerated() {
            svg += "<text x=\"\(x(i))\" y=\"\(top + plotH + 14)\" font-size=\"9\" text-anchor=\"middle\">\(HTML.escape(p.label))</text>\n"
        }
        svg += "<text x=\"\(left + 4)\" y=\"\(height - 4)\" font-size=\"10\" fill=\"#1565c0\">— delivered</text>\n"
        svg += "<text x=\"\(left + 90)\" y=\"\(height - 4)\" font-size=\"10\" fill=\"#666\">- - expected</text>\n"
        return svg + "</svg>\n"
    }

    /// Stacked bars per decile: counted (dark) under not counted (light).
    static func decileChart(_ tallies: [HireTally]) -> String {
        let barW = 30, gap = 8, left = 30, top = 10, plotH = 120
        let maxTotal = max(1, tallies.map(\.total).max() ?? 1)
        func h(_ n: Int) -> Int { n * plotH / maxTotal }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + tallies.count * (barW + gap) + 10)\" "
            + "height=\"\(top + plotH + 40)\" role=\"img\" aria-label=\"hires by deprivation decile\">\n"
        for (i, t) in tallies.enumerated() {
            let x = left + i * (barW + gap)
            let hc = h(t.counted), hn = h(t.notCounted)
            let base = top + plotH
            svg += "<rect x=\"\(x)\" y=\"\(base - hc)\" width=\"\(barW)\" height=\"\(hc)\" fill=\"#1565c0\"><title>decile \(i + 1): \(t.counted) counted</title></rect>\n"
            svg += "<rect x=\"\(x)\" y=\"\(base - hc - hn)\" width=\"\(barW)\" height=\"\(hn)\" fill=\"#90caf9\"><title>decile \(i + 1): \(t.notCounted) not counted</title></rect>\n"
            svg += "<text x=\"\(x + barW / 2)\" y=\"\(base + 12)\" font-size=\"10\" text-anchor=\"middle\">\(i + 1)</text>\n"
            if t.total > 0 {
                svg += "<text x=\"\(x + barW / 2)\" y=\"\(base - hc - hn - 2)\" font-size=\"10\" text-anchor=\"middle\">\(t.total)</text>\n"
            }
        }
        svg += "<text x=\"\(left)\" y=\"\(top + plotH + 30)\" font-size=\"10\">decile (1 = most deprived); dark: counted, light: not counted</text>\n"
        return svg + "</svg>\n"
    }
}
