import ExactNumbers
import RulesLanguage
import Scoring

/// Inline SVG stacked bar charts, one bar per ranked bid: its total split by component as
/// weighted into it, and its points by line; every segment labelled, with a legend. Colours
/// are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies;
/// every segment also carries its value as text and a tooltip, so colour is never the only cue.
/// Geometry is computed in exact arithmetic and written to 2 places, so the file is stable.
enum BarChartSVG {
    /// Okabe & Ito (2008), with the text colour that reads on each.
    static let palette: [(fill: String, text: String)] = [
        ("#0072B2", "#ffffff"), ("#E69F00", "#000000"), ("#009E73", "#ffffff"), ("#CC79A7", "#000000"),
        ("#56B4E9", "#000000"), ("#D55E00", "#ffffff"), ("#F0E442", "#000000"), ("#999999", "#000000"),
    ]

    static func colour(_ index: Int) -> (fill: String, text: String) { palette[index % palette.count] }

    /// More bars than this would not be legible; the chart shows the leading bids only.
    static let maximumBars = 30
    static let width = 1040
    static let labelWidth = 300
    static let plotWidth = 500
    static let barHeight = 30
    static let barGap = 14
    static let top = 34

    /// One bar: its label, one value per series (nil or ≤ 0 draws nothing), the text after it.
    struct Bar {
        var label: String
        /// Names the bar in tooltips (`B-014-03`).
        var key: String
        var values: [Exact?]
        var tail: String?
    }

    /// The chart of each ranked bid's total split by component as weighted into it, on the
    /// total's scale (`out of 100`), so the bar ends are the totals the ranking compares.
    /// Nil when no bid is ranked or the scheme has no total outline.
    static func totals(_ ranking: Ranking) -> String? {
        guard let outline = ranking.outline, !outline.components.isEmpty else { return nil }
        let bids = Array(ReportFacts.orderedBids(ranking).filter { $0.status == .ranked }.prefix(maximumBars))
        guard !bids.isEmpty else { return nil }
        let series = outline.components.map { c in
            c.weight.map { "\(c.title) (weighted \(ReportFacts.exact($0)))" } ?? c.title
        }
        let bars = bids.map { bid in
            Bar(label: "\(bid.rank.map { "\($0). " } ?? "")\(bid.bidID)  \(truncated(bid.bidder, 22))", key: bid.bidID,
                values: outline.components.indices.map { $0 < bid.components.count ? bid.components[$0] : nil },
                tail: "total \(ReportFacts.rounded(bid.total))")
        }
        return render(bars: bars, series: series, axisEnd: outline.outOf, unit: "points of the total",
                      id: "chart-totals", title: "\(outline.title) of each ranked bid, by component",
                      description: "Stacked bars, one per ranked bid in rank order; each segment is what one component adds to the total, as weighted; the bar ends at the bid's total.")
    }

    /// The chart of points by line for the lines that score commitments one by one, before
    /// any step that compares bids. Nil when the scheme has none or no bid has such points.
    static func lines(_ ranking: Ranking) -> String? {
        let lines = ranking.outline?.commitmentLines.map { ($0.id, $0.title) } ?? ReportFacts.chartLines(ranking).map { ($0.id, $0.title) }
        let bids = Array(ReportFacts.orderedBids(ranking).filter { $0.status == .ranked }.prefix(maximumBars))
        guard !bids.isEmpty, !lines.isEmpty else { return nil }
        let bars = bids.map { bid in
            Bar(label: "\(bid.rank.map { "\($0). " } ?? "")\(bid.bidID)  \(truncated(bid.bidder, 22))", key: bid.bidID,
                values: lines.map { bid.explanation.score($0.0)?.points }, tail: nil)
        }
        guard bars.contains(where: { $0.values.contains { ($0 ?? .zero) > .zero } }) else { return nil }
        return render(bars: bars, series: lines.map(\.1), axisEnd: nil, unit: "points",
                      id: "chart-lines", title: "Points by line for each ranked bid",
                      description: "Stacked bars, one per ranked bid in rank order; each segment is the points of one line that scores commitments, before any step that compares bids.")
    }

    /// Nil when the figures are too large to lay out. `axisEnd` fixes the scale (a total out
    /// of 100); without it the axis ends at a round number past the longest bar.
    static func render(bars: [Bar], series: [String], axisEnd: Exact?, unit: String, id: String,
                       title: String, description: String) -> String? {
        // The longest bar, to scale the axis (layout only; no figure shown is computed here).
        var longest = Exact.zero
        for bar in bars {
            var length = Exact.zero
            for value in bar.values {
                guard let points = value, !points.isNegative else { continue }
                guard let sum = try? length.adding(points) else { return nil }
                length = sum
            }
            longest = max(longest, length)
        }
        var (axisMax, tick) = axis(for: longest)
        if let axisEnd, axisEnd >= longest, axisEnd > .zero, axisEnd.isInteger {
            (axisMax, tick) = (axisEnd, axis(for: axisEnd).1)
        }
        func x(_ value: Exact) -> String {
            let scaled = (try? value.multiplied(by: Exact(plotWidth)).divided(by: axisMax)) ?? .zero
            return (try? scaled.adding(Exact(labelWidth)))?.formatted(places: 2) ?? "0"
        }

        let plotBottom = top + bars.count * (barHeight + barGap) - barGap
        let legendTop = plotBottom + 44
        let legendRows = legendLayout(series)
        let height = legendTop + (legendRows.last.map { $0.row + 1 } ?? 0) * 24 + 8

        var svg: [String] = []
        svg.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\">")
        svg.append("<title id=\"\(id)-title\">\(HTML.escape(title))</title>")
        svg.append("<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>")

        // Grid and axis.
        var value = Exact.zero
        while value <= axisMax {
            let position = x(value)
            svg.append("<line x1=\"\(position)\" y1=\"\(top - 8)\" x2=\"\(position)\" y2=\"\(plotBottom + 6)\" stroke=\"#d0d4da\" stroke-width=\"1\"/>")
            svg.append("<text x=\"\(position)\" y=\"\(plotBottom + 22)\" font-size=\"12\" fill=\"#4a5561\" text-anchor=\"middle\">\(value.decimalString())</text>")
            guard let next = try? value.adding(tick) else { break }
            value = next
        }
        svg.append("<text x=\"\(labelWidth + plotWidth / 2)\" y=\"\(top - 16)\" font-size=\"12\" fill=\"#4a5561\" text-anchor=\"middle\">\(HTML.escape(unit))</text>")

        for (row, bar) in bars.enumerated() {
            let y = top + row * (barHeight + barGap)
            svg.append("<text x=\"\(labelWidth - 10)\" y=\"\(y + barHeight / 2 + 5)\" font-size=\"14\" fill=\"#1b2631\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>")
            var start = Exact.zero
            for (index, value) in bar.values.enumerated() {
                guard let points = value, points > .zero, let end = try? start.adding(points) else { continue }
                let x0 = x(start)
                let segment = (try? points.multiplied(by: Exact(plotWidth)).divided(by: axisMax)) ?? .zero
                let (fill, ink) = colour(index)
                let tooltip = "\(bar.key) \(series[index]): \(points.formatted(places: 2).trimmingZeroFraction)"
                svg.append("<g><title>\(HTML.escape(tooltip))</title>")
                svg.append("<rect x=\"\(x0)\" y=\"\(y)\" width=\"\(segment.formatted(places: 2))\" height=\"\(barHeight)\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"1\"/>")
                let text = points.formatted(places: 2).trimmingZeroFraction
                if segment >= Exact(8 * text.count + 6) {
                    let middle = (try? start.adding(points.divided(by: 2)))
                    svg.append("<text x=\"\(middle.map(x) ?? x0)\" y=\"\(y + barHeight / 2 + 5)\" font-size=\"13\" font-weight=\"600\" fill=\"\(ink)\" text-anchor=\"middle\">\(text)</text>")
                }
                svg.append("</g>")
                start = end
            }
            if let tail = bar.tail {
                svg.append("<text x=\"\(x(start))\" dx=\"8\" y=\"\(y + barHeight / 2 + 5)\" font-size=\"12\" fill=\"#4a5561\">\(HTML.escape(tail))</text>")
            }
        }

        for (index, entry) in legendRows.enumerated() {
            let y = legendTop + entry.row * 24
            let (fill, _) = colour(index)
            svg.append("<rect x=\"\(entry.x)\" y=\"\(y)\" width=\"14\" height=\"14\" fill=\"\(fill)\"/>")
            svg.append("<text x=\"\(entry.x + 20)\" y=\"\(y + 12)\" font-size=\"13\" fill=\"#1b2631\">\(HTML.escape(series[index]))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// A round axis end and a tick step (1, 2 or 5 × 10^k) giving at most 10 intervals;
    /// written to avoid overflow and to stay short whatever the values.
    static func axis(for longest: Exact) -> (Exact, Exact) {
        let top = max(Int128(1), longest.ceiling)
        let intervalsNeeded = top / 10 + (top % 10 == 0 ? 0 : 1)
        var tick: Int128 = 1
        var scale: Int128 = 1
        search: for _ in 0...37 {
            for step: Int128 in [1, 2, 5] {
                let (candidate, overflow) = scale.multipliedReportingOverflow(by: step)
                if overflow { break search }
                tick = candidate
                if candidate >= intervalsNeeded { break search }
            }
            let (next, overflow) = scale.multipliedReportingOverflow(by: 10)
            if overflow { break }
            scale = next
        }
        let count = top / tick + (top % tick == 0 ? 0 : 1)
        let (end, overflow) = count.multipliedReportingOverflow(by: tick)
        return (Exact(overflow ? top : end), Exact(tick))
    }

    /// Legend entries left to right, wrapping rows; widths estimated at 7.5 px a character.
    static func legendLayout(_ titles: [String]) -> [(x: Int, row: Int)] {
        var result: [(x: Int, row: Int)] = []
        var x = labelWidth
        var row = 0
        for title in titles {
            let entry = 20 + title.count * 15 / 2 + 24
            if x + entry > width - 10, x > labelWidth {
                x = labelWidth
                row += 1
            }
            result.append((x, row))
            x += entry
        }
        return result
    }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}

extension String {
    /// `51.00` → `51`, `42.50` → `42.5`, `62.22` stays: compact chart labels.
    var trimmingZeroFraction: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
