import Documents
import Monitoring

/// The annual report as one self-contained HTML page in the project's report style
/// (`HTMLStyle`): the template's sections 2 and 4 as question-and-answer tables an officer can
/// copy from, the background section, charts, the per-contract breakdown, and where every
/// figure comes from (the returns, each with its file and SHA-256). No scripts, nothing
/// fetched.
public enum AnnualReportHTML {
    public static func render(_ r: AnnualReport, provenance: AnnualReportProvenance? = nil) -> String {
        MonitoringHTMLReport.page(title: "Community benefits \(r.from) to \(r.to)", body: fragment(r) + provenanceSection(r, provenance),
                                  css: MonitoringHTMLReport.css + "\n" + css,
                                  footer: "Produced by cbscore from the store named above; the same store and period always give the same report. Every figure counts the current submission of each return named beside it.")
    }

    /// The report without the page around it or the store's provenance table, for the
    /// service's page (which adds its own); the returns are still named beside each figure.
    public static func fragment(_ r: AnnualReport) -> String {
        var body = "<header class=\"report\"><p class=\"kicker\">Annual procurement report · community benefits</p>"
        body += "<h1>Community benefits, \(AnnualWords.period(r))</h1>"
        body += "<p class=\"meta\">Report period \(r.from) to \(r.to), both included. Numbered as sections 2 and 4 of the "
            + "Scottish Government's annual procurement report template (Procurement Reform (Scotland) Act 2014, s.18), "
            + "so each answer can be copied across.</p></header>\n"
        body += facts(r)
        body += section2(r)
        body += section4(r)
        body += backgroundSection(r)
        body += contractsSection(r)
        return body
    }

    /// What the annual report adds to the shared stylesheet (the service's page includes it too).
    public static let css = """
    table.template td.answer { width: 11em; text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
    table.template td.row { width: 3.5em; color: var(--muted); white-space: nowrap; }
    table.template tr.heading td { background: var(--band); font-weight: 600; }
    table.template tr.total td { color: var(--muted); }
    td.withheld { color: var(--muted); font-style: italic; }
    td.date { white-space: nowrap; }
    .from { color: var(--muted); font-size: 12px; }
    .from a { color: var(--muted); }
    table.figures td.n, table.figures th.n { text-align: right; font-variant-numeric: tabular-nums; }
    details.bid table { font-size: 13px; }
    table.breakdown { font-size: 13px; }
    table.breakdown th, table.breakdown td { padding: 6px 6px; }
    """

    static func facts(_ r: AnnualReport) -> String {
        let f = r.communityBenefits.fulfilled
        let cards = [
            ("Contracts awarded", String(r.procurements.contractsAwarded), AnnualWords.money(r.procurements.valueAwarded)),
            ("Jobs filled by priority groups", String(f.jobsFilledByPriorityGroups), "of \(f.jobsFilled) jobs filled"),
            ("Apprenticeships, priority groups", String(f.apprenticeshipsFilledByPriorityGroups), "of \(f.apprenticeshipsFilled) filled"),
            ("Spend with SMEs", AnnualWords.money(f.spendWithSMEs), "sub-contracted in the period"),
        ]
        return "<div class=\"facts\">" + cards.map {
            "<div class=\"fact\"><span class=\"label\">\(HTML.escape($0.0))</span><span class=\"value\">\(HTML.escape($0.1))</span>"
                + "<span class=\"detail\">\(HTML.escape($0.2))</span></div>"
        }.joined() + "</div>\n"
    }

    static func row(_ letter: String, _ words: String, _ answer: String, from: String = "", css: String = "") -> String {
        "<tr\(css.isEmpty ? "" : " class=\"\(css)\"")><td class=\"row\">\(HTML.escape(letter))</td><td>\(HTML.escape(words))"
            + (from.isEmpty ? "" : "<br><span class=\"from\">\(from)</span>") + "</td><td class=\"answer\">\(HTML.escape(answer))</td></tr>\n"
    }

    static func section2(_ r: AnnualReport) -> String {
        let p = r.procurements
        let answers = [String(p.contractsAwarded), AnnualWords.money(p.valueAwarded), String(p.suppliers), String(p.smeSuppliers),
                       String(p.thirdSectorSuppliers)]
        var out = "<section id=\"section-2\"><h2>\(HTML.escape(AnnualWords.section2))</h2>\n<table class=\"template\">\n"
        let awarded = r.contracts.filter(\.awardedInPeriod).map { link($0.contractID) }.joined(separator: ", ")
        for (i, (letter, words)) in AnnualWords.section2Rows.enumerated() {
            out += row("\(letter))", words, answers[i], from: i == 0 && !awarded.isEmpty ? "contracts " + awarded : "")
        }
        out += "</table>\n"
        if !p.contractsInOtherCurrencies.isEmpty {
            out += "<p class=\"note\">Priced in another currency, counted in a) but not added to b): "
                + p.contractsInOtherCurrencies.map(HTML.escape).joined(separator: ", ") + ".</p>\n"
        }
        out += "<p class=\"note\">Value: the awarded bid's price. Supplier: the bidder's company number, else its name; an SME "
            + "when its size is micro, small or medium, third sector when it is a social enterprise or supported business "
            + "(as its latest award in the period says).</p></section>\n"
        return out
    }

    static func section4(_ r: AnnualReport) -> String {
        let c = r.communityBenefits
        var out = "<section id=\"section-4\"><h2>\(HTML.escape(AnnualWords.section4))</h2>\n<table class=\"template\">\n"
        out += "<tr class=\"heading\"><td colspan=\"3\">\(HTML.escape(AnnualWords.section4Use))</td></tr>\n"
        let s4 = [c.contractsAtOrAbove4m, c.contractsAtOrAbove4mWithRequirements, c.contractsBelow4mWithRequirements]
        for (i, (letter, words)) in AnnualWords.section4Rows.enumerated() { out += row("\(letter))", words, String(s4[i])) }
        out += "<tr class=\"heading\"><td colspan=\"3\">\(HTML.escape(AnnualWords.section4Fulfilled))</td></tr>\n"
        for figure in FulfilledFigure.allCases where figure.row != nil {
            out += row("\(figure.row!))", figure.words, AnnualWords.figure(figure, in: c.fulfilled), from: contributors(figure, r))
        }
        out += "<tr class=\"heading\"><td colspan=\"3\">\(HTML.escape(AnnualWords.totals))</td></tr>\n"
        for figure in FulfilledFigure.allCases where figure.row == nil {
            out += row("", figure.words, AnnualWords.figure(figure, in: c.fulfilled), from: contributors(figure, r), css: "total")
        }
        out += "</table>\n<p class=\"note\">Fulfilled during the period: from the current submission of each return whose "
            + "period starts in it, over every contract. Jobs and apprenticeships: each person once per commitment, when "
            + "their start (as first reported) is in the period; a priority group is one of the contract's scheme's "
            + "<code>priority_groups</code>. Counted toward their commitment: under monitoring's rules (area and groups "
            + "of the commitment), leavers included.</p>\n"
        if let chart = priorityChart(r) { out += "<h3>Priority-group figures by contract</h3>\n" + chart + "\n" }
        return out + "</section>\n"
    }

    /// `C-1 (2026-Q2, 2026-Q3)` for the contracts a figure comes from, linked.
    static func contributors(_ figure: FulfilledFigure, _ r: AnnualReport) -> String {
        r.contracts.compactMap { k -> String? in
            guard let ids = k.sources[figure], !ids.isEmpty else { return nil }
            let returns = ids.map { returnLink(k, $0) }.joined(separator: ", ")
            return "\(link(k.contractID)) (\(returns))"
        }.joined(separator: "; ").prefixed("from ")
    }

    /// A period of a contract, linked to its return in the provenance table.
    static func returnLink(_ k: AnnualContractFigures, _ period: ReturnPeriod) -> String {
        "<a href=\"#return-\(HTML.escape(k.contractID))-\(period)\">\(period)</a>"
    }

    static func link(_ id: String) -> String { "<a href=\"#contract-\(HTML.escape(id))\">\(HTML.escape(id))</a>" }

    static func priorityChart(_ r: AnnualReport) -> String? {
        let figures: [FulfilledFigure] = [.jobsFilledByPriorityGroups, .apprenticeshipsFilledByPriorityGroups,
                                          .placementsForPriorityGroups, .qualificationsByPriorityGroups]
        let bars = r.contracts.map { k in
            BarChartSVG.Bar(label: "\(k.contractID)  \(BarChartSVG.truncated(k.supplierName, 20))", key: k.contractID,
                            values: figures.map { $0.value(in: k.fulfilled) },
                            tail: "total \(figures.reduce(0) { $0 + Int(clamping: $1.value(in: k.fulfilled).floor) })")
        }
        guard bars.contains(where: { $0.values.contains { ($0 ?? .zero) > .zero } }) else { return nil }
        return BarChartSVG.render(bars: bars, series: ["d) jobs", "e) apprenticeships", "f) work placements", "g) qualifications"],
                                  axisEnd: nil, unit: "people", id: "chart-priority",
                                  title: "Rows d) to g) by contract",
                                  description: "Stacked bars, one per contract; each segment is one of rows d) to g) for that contract.")
    }

    static func backgroundSection(_ r: AnnualReport) -> String {
        var out = "<section id=\"background\"><h2>\(HTML.escape(AnnualWords.background))</h2>\n"
        out += "<p class=\"note\">\(HTML.escape(AnnualWords.measure))</p>\n"
        out += backgroundTables(r.background)
        if let chart = groupChart(r.background) { out += "<h3>Background groups</h3>\n" + chart + "\n" }
        out += "<p class=\"note\"><em>\(HTML.escape(AnnualWords.withheldNote))</em></p>\n</section>\n"
        return out
    }

    static func count(_ c: PublishedCount) -> String {
        c.withheld ? "<td class=\"n withheld\">withheld</td>" : "<td class=\"n\">\(c.count!)</td>"
    }

    static func backgroundTables(_ b: BackgroundFigures) -> String {
        var out = "<p>People: <strong>\(HTML.escape(AnnualWords.count(b.people)))</strong>; in the three groups: "
            + "<strong>\(HTML.escape(AnnualWords.count(b.recorded)))</strong>.</p>\n"
        out += "<table class=\"figures\"><tr><th>background group</th><th class=\"n\">people</th><th class=\"n\">% of the three groups</th></tr>\n"
        for (i, g) in b.groups.enumerated() {
            out += "<tr><td>\(HTML.escape(AnnualWords.groupWords[i]))</td>\(count(g.figure))<td class=\"n\">\(AnnualWords.percent(g.figure))</td></tr>\n"
        }
        out += "</table>\n<table class=\"figures\"><tr><th>school attended from 11 to 16</th><th class=\"n\">people</th>"
            + "<th>eligible for free school meals</th><th class=\"n\">people</th></tr>\n"
        for i in b.school.indices {
            out += "<tr><td>\(HTML.escape(AnnualWords.schoolWords[i]))</td>\(count(b.school[i].figure))"
                + "<td>\(HTML.escape(AnnualWords.mealsWords[i]))</td>\(count(b.freeSchoolMeals[i].figure))</tr>\n"
        }
        return out + "</table>\n"
    }

    /// One bar per group; a withheld group has no bar, only the word.
    static func groupChart(_ b: BackgroundFigures) -> String? {
        guard b.groups.contains(where: { ($0.figure.count ?? 0) > 0 }) else { return nil }
        let bars = b.groups.enumerated().map { i, g in
            BarChartSVG.Bar(label: AnnualWords.groupWords[i], key: AnnualWords.groupWords[i],
                            values: [g.figure.count.map { Exact($0) }],
                            tail: g.figure.count.map { c in g.figure.percent.map { "\(c) (\($0.formatted(places: 1))%)" } ?? "\(c)" } ?? "withheld")
        }
        return BarChartSVG.render(bars: bars, series: ["people"], axisEnd: nil, unit: "people", id: "chart-background",
                                  title: "People hired or starting an apprenticeship in the period, by background group",
                                  description: "One bar per group; a withheld count has no bar.")
    }

    static func contractsSection(_ r: AnnualReport) -> String {
        var out = "<section id=\"contracts\"><h2>Per contract</h2>\n<p class=\"note\">Every contract awarded in the period or "
            + "with a return counted in it, so that each total above can be traced.</p>\n"
        out += "<table class=\"figures breakdown\"><tr><th>contract</th><th>supplier</th><th>awarded</th><th class=\"n\">value</th>"
            + "<th>requirements</th>" + FulfilledFigure.allCases.filter { $0.row != nil }
                .map { "<th class=\"n\">\($0.row!))\($0 == .volunteeringHours ? "<span class=\"sub\">hours</span>" : $0 == .localSpend ? "<span class=\"sub\">local</span>" : "")</th>" }
                .joined() + "</tr>\n"
        for k in r.contracts {
            out += "<tr><td class=\"id\">\(link(k.contractID))</td><td>\(HTML.escape(AnnualWords.supplier(k)))</td>"
                + "<td class=\"date\">\(k.awarded)\(k.awardedInPeriod ? "" : "<br><span class=\"badge\">before the period</span>")</td>"
                + "<td class=\"n\">\(HTML.escape(ReportFacts.money(k.facts.value)))</td><td>\(k.hasRequirements ? "yes" : "none")</td>"
                + FulfilledFigure.allCases.filter { $0.row != nil }
                    .map { "<td class=\"n\">\(HTML.escape(AnnualWords.figure($0, in: k.fulfilled)))</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n"
        for k in r.contracts {
            out += "<details class=\"bid\" open id=\"contract-\(HTML.escape(k.contractID))\"><summary>\(HTML.escape(k.contractID)) · "
                + "\(HTML.escape(AnnualWords.supplier(k)))</summary>\n"
            out += "<p>Awarded \(k.awarded)\(k.awardedInPeriod ? " (in the period)" : "") for "
                + "\(HTML.escape(ReportFacts.money(k.facts.value))) (\(HTML.escape(AnnualWords.threshold(k)))); "
                + "\(k.facts.sme ? "an SME" : "not an SME")\(k.facts.thirdSector ? ", third sector" : ""); community benefit "
                + "requirements: \(k.hasRequirements ? "yes" : "none"). Priority groups: "
                + HTML.escape(AnnualWords.priorityGroups(k.facts)) + ".</p>\n"
            out += "<table class=\"figures\"><tr><th>row</th><th>figure</th><th class=\"n\">value</th><th>from returns</th></tr>\n"
            for figure in FulfilledFigure.allCases {
                let from = (k.sources[figure] ?? []).map { returnLink(k, $0) }.joined(separator: ", ")
                out += "<tr><td>\(figure.row.map { "\($0))" } ?? "")</td><td>\(HTML.escape(figure.words))</td>"
                    + "<td class=\"n\">\(HTML.escape(AnnualWords.figure(figure, in: k.fulfilled)))</td><td class=\"from\">\(from)</td></tr>\n"
            }
            out += "</table>\n<h4>Background</h4>\n" + backgroundTables(k.background) + "</details>\n"
        }
        return out + "</section>\n"
    }

    /// Every counted return with its file and SHA-256 (what each figure's period links to) and
    /// each awarded bid; the store's location only when given (the service's page leaves it out).
    public static func provenanceSection(_ r: AnnualReport, _ provenance: AnnualReportProvenance?) -> String {
        var out = "<section id=\"provenance\"><h2>\(provenance == nil ? "Returns counted" : "Store and returns")</h2><table><tbody>"
        if let provenance { out += "<tr><th>Store</th><td><code>\(HTML.escape(provenance.store))</code></td></tr>" }
        out += "<tr><th>Period</th><td>\(r.from) to \(r.to)</td></tr></tbody></table>\n"
        out += "<table><thead><tr><th>contract</th><th>period</th><th>submitted</th><th>file</th><th>SHA-256</th></tr></thead><tbody>\n"
        for k in r.contracts {
            for ret in k.returns {
                out += "<tr id=\"return-\(HTML.escape(k.contractID))-\(ret.period)\"><td class=\"id\">\(HTML.escape(k.contractID))</td><td class=\"date\">\(ret.period)</td>"
                    + "<td class=\"date\">\(ret.submitted)</td><td><code>\(HTML.escape(ret.file))</code></td><td class=\"hash\">\(HTML.escape(ret.sha256))</td></tr>\n"
            }
        }
        out += "</tbody></table>\n<table><thead><tr><th>contract</th><th>awarded bid</th><th>SHA-256</th></tr></thead><tbody>\n"
        for k in r.contracts {
            out += "<tr><td class=\"id\">\(HTML.escape(k.contractID))</td><td><code>\(HTML.escape(k.bidFile))</code></td><td class=\"hash\">\(HTML.escape(k.bidSHA256))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }
}

extension String {
    /// `prefix + self`, or empty when self is.
    func prefixed(_ prefix: String) -> String { isEmpty ? "" : prefix + self }
}
