import ExactNumbers
import RulesLanguage
import Scoring

/// An inline SVG stacked bar chart: one bar per ranked bid, one segment per score line that
/// scores the bid directly (fair work and the menu lines), labelled, with a legend. Colours
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

    /// Nil when no bid is ranked or the figures are too large to lay out.
    static func render(_ ranking: Ranking) -> String? {
        let bids = Array(ReportFacts.orderedBids(ranking).filter { $0.status == .ranked }.prefix(maximumBars))
        let lines = ReportFacts.chartLines(ranking)
        guard !bids.isEmpty, !lines.isEmpty else { return nil }

        // The longest bar, to scale the axis (layout only; no figure shown is computed here).
        var longest = Exact.zero
        for bid in bids {
            var length = Exact.zero
            for line in lines {
                guard let points = bid.explanation.score(line.id)?.points, !points.isNegative else { continue }
                guard let sum = try? length.adding(points) else { return nil }
                length = sum
            }
            longest = max(longest, length)
        }
        let (axisMax, tick) = axis(for: longest)
        func x(_ value: Exact) -> String {
            let scaled = (try? value.multiplied(by: Exact(plotWidth)).divided(by: axisMax)) ?? .zero
            return (try? scaled.adding(Exact(labelWidth)))?.formatted(places: 2) ?? "0"
        }

        let plotBottom = top + bids.count * (barHeight + barGap) - barGap
        let legendTop = plotBottom + 44
        let legendRows = legendLayout(lines.map(\.title))
        let height = legendTop + (legendRows.last.map { $0.row + 1 } ?? 0) * 24 + 8

        var svg: [String] = []
        svg.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\">")
        svg.append("<title id=\"chart-title\">Points by score line for each ranked bid</title>")
        svg.append("<desc id=\"chart-desc\">Stacked bars, one per ranked bid in rank order; each segment is the points of one score line, before the relative step that turns community benefit points into a score.</desc>")

        // Grid and axis.
        var value = Exact.zero
        while value <= axisMax {
            let position = x(value)
            svg.append("<line x1=\"\(position)\" y1=\"\(top - 8)\" x2=\"\(position)\" y2=\"\(plotBottom + 6)\" stroke=\"#d0d4da\" stroke-width=\"1\"/>")
            svg.append("<text x=\"\(position)\" y=\"\(plotBottom + 22)\" font-size=\"12\" fill=\"#4a5561\" text-anchor=\"middle\">\(value.decimalString())</text>")
            guard let next = try? value.adding(tick) else { break }
            value = next
        }
        svg.append("<text x=\"\(labelWidth + plotWidth / 2)\" y=\"\(top - 16)\" font-size=\"12\" fill=\"#4a5561\" text-anchor=\"middle\">points</text>")

        for (row, bid) in bids.enumerated() {
            let y = top + row * (barHeight + barGap)
            let label = "\(bid.rank.map { "\($0). " } ?? "")\(bid.bidID)  \(truncated(bid.bidder, 22))"
            svg.append("<text x=\"\(labelWidth - 10)\" y=\"\(y + barHeight / 2 + 5)\" font-size=\"14\" fill=\"#1b2631\" text-anchor=\"end\">\(HTML.escape(label))</text>")
            var start = Exact.zero
            for (index, line) in lines.enumerated() {
                guard let points = bid.explanation.score(line.id)?.points, points > .zero,
                      let end = try? start.adding(points) else { continue }
                let x0 = x(start)
                let segment = (try? points.multiplied(by: Exact(plotWidth)).divided(by: axisMax)) ?? .zero
                let (fill, ink) = colour(index)
                let tooltip = "\(bid.bidID) \(line.title): \(points.decimalString()) points"
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
            var tail: [String] = []
            if let fair = bid.explanation.score("fair-work") { tail.append("fair work \(fair.points.formatted(places: 2).trimmingZeroFraction)") }
            if let points = bid.explanation.score("community-benefit-points") { tail.append("CB points \(points.points.formatted(places: 2).trimmingZeroFraction)") }
            if !tail.isEmpty {
                svg.append("<text x=\"\(x(start))\" dx=\"8\" y=\"\(y + barHeight / 2 + 5)\" font-size=\"12\" fill=\"#4a5561\">\(HTML.escape(tail.joined(separator: " · ")))</text>")
            }
        }

        for (index, entry) in legendRows.enumerated() {
            let y = legendTop + entry.row * 24
            let (fill, _) = colour(index)
            svg.append("<rect x=\"\(entry.x)\" y=\"\(y)\" width=\"14\" height=\"14\" fill=\"\(fill)\"/>")
            svg.append("<text x=\"\(entry.x + 20)\" y=\"\(y + 12)\" font-size=\"13\" fill=\"#1b2631\">\(HTML.escape(lines[index].title))</text>")
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
