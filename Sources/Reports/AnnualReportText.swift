import Documents
import Monitoring

/// Where an annual report's figures come from, beyond the returns each contract lists: the
/// store it was read from.
public struct AnnualReportProvenance: Sendable, Hashable {
    public var store: String

    public init(store: String) { self.store = store }
}

/// Renders the annual report (`cbscore report annual --format`). The same report gives the
/// same bytes.
public enum AnnualReportRender {
    public static func render(_ report: AnnualReport, format: ReportFormat, provenance: AnnualReportProvenance? = nil) -> String {
        switch format {
        case .text: AnnualReportText.render(report, provenance: provenance)
        case .json: AnnualReportJSON.render(report)
        case .csv: AnnualReportCSV.render(report)
        case .html: AnnualReportHTML.render(report, provenance: provenance)
        }
    }
}

/// Wording and number forms shared by the annual report's renderings.
enum AnnualWords {
    static let section2 = "2. Summary of Regulated Procurements Completed"
    static let section2Rows = [
        ("a", "Total number of regulated contracts awarded within the report period"),
        ("b", "Total value of regulated contracts awarded within the report period"),
        ("c", "Total number of unique suppliers awarded a place on a regulated contract awarded during the period"),
        ("  i", "how many of these unique suppliers are SMEs"),
        ("  ii", "how many of these unique suppliers are Third sector bodies"),
    ]
    static let section4 = "4. Community Benefit Requirements Summary"
    static let section4Use = "Use of Community Benefit Requirements in Procurement:"
    static let section4Rows = [
        ("a", "Total number of regulated contracts awarded with a value of £4 million or greater."),
        ("b", "Total number of regulated contracts awarded with a value of £4 million or greater that contain Community Benefit Requirements."),
        ("c", "Total number of regulated contracts awarded with a value of less than £4 million that contain a Community Benefit Requirements."),
    ]
    static let section4Fulfilled = "Key Contract Information on community benefit requirements imposed as part of a regulated procurement that were fulfilled during the period:"
    static let totals = "Beside d) to g), the same people and completions whatever the group:"
    static let background = "Socio-economic background of the people hired or starting an apprenticeship in the period"
    static let measure = "Background group from the occupation of the main household earner when the person was about 14 (Social Mobility Commission): professional (professional or manager), intermediate (clerical or small business owner), lower socio-economic (technical and craft, routine, long-term unemployed); anything else or no answer is not recorded. Percentages are of the people in the three groups. A person counts once per contract, with the answers of their first report."
    static let withheldNote = "withheld: fewer than 5 people, or a figure from which such a count could be worked out from the others (within a contract or across contracts); both read the same so that they cannot be told apart. Background is never shown per person."
    static let withheld = "withheld"

    static let groupWords = ["professional background", "intermediate background", "lower socio-economic background", "not recorded"]
    static let schoolWords = ["state school", "independent or fee-paying school", "school outside the UK", "don't know", "prefer not to say", "not recorded"]
    static let mealsWords = ["yes", "no", "not applicable (left school before 1980, or schooled abroad)", "don't know", "prefer not to say", "not recorded"]

    /// `£35,000`, `£1,200.50`.
    static func money(_ value: Exact) -> String {
        ReportFacts.money(Money(value.isInteger ? value : Exact(decimal: value.formatted(places: 2)) ?? value))
    }

    static func figure(_ figure: FulfilledFigure, in f: FulfilledFigures) -> String {
        let value = figure.value(in: f)
        return figure.isMoney ? money(value) : value.decimalString()
    }

    static func count(_ c: PublishedCount) -> String { c.count.map(String.init) ?? withheld }

    /// One decimal place, half away from zero; empty when not shown.
    static func percent(_ c: PublishedCount) -> String { c.percent.map { $0.formatted(places: 1) } ?? "" }

    /// `2026-Q2, 2026-Q3`.
    static func returns(_ periods: [ReturnPeriod]) -> String {
        periods.map(\.description).joined(separator: ", ")
    }

    static func supplier(_ c: AnnualContractFigures) -> String {
        c.facts.supplierID == c.supplierName ? c.supplierName : "\(c.supplierName) (\(c.facts.supplierID))"
    }

    static func threshold(_ c: AnnualContractFigures) -> String {
        switch c.facts.atOrAboveThreshold {
        case true?: "£4 million or more"
        case false?: "below £4 million"
        case nil: "in \(c.facts.value.currency), not compared with £4 million"
        }
    }

    /// `every group except school-pupil`, or the groups the scheme declares.
    static func priorityGroups(_ facts: AwardFacts) -> String {
        facts.priorityGroups == AwardFacts.defaultPriorityGroups ? "every group except school-pupil"
            : facts.priorityGroups.map(\.rawValue).joined(separator: ", ")
    }

    static func period(_ r: AnnualReport) -> String { "\(AwardStatement.long(r.from)) to \(AwardStatement.long(r.to))" }
}

/// The annual report as text, numbered like the template so that an officer can copy the
/// figures across.
public enum AnnualReportText {
    public static func render(_ r: AnnualReport, provenance: AnnualReportProvenance? = nil) -> String {
        var out = "Annual procurement report: community benefits\n"
        out += "Report period: \(AnnualWords.period(r)) (\(r.from) to \(r.to), both included)\n"
        out += "Numbered as sections 2 and 4 of the Scottish Government's annual procurement report template.\n\n"

        out += AnnualWords.section2 + "\n"
        let p = r.procurements
        var t = MonitoringTextTable(rows: [], rightAligned: [2])
        let s2 = [String(p.contractsAwarded), AnnualWords.money(p.valueAwarded), String(p.suppliers), String(p.smeSuppliers),
                  String(p.thirdSectorSuppliers)]
        for (i, (row, words)) in AnnualWords.section2Rows.enumerated() { t.rows.append(["\(row))", words, s2[i]]) }
        out += rendered(t) + "\n"
        if !p.contractsInOtherCurrencies.isEmpty {
            out += "  Priced in another currency, counted in a) but not added to b): "
                + p.contractsInOtherCurrencies.joined(separator: ", ") + "\n"
        }

        out += "\n" + AnnualWords.section4 + "\n  " + AnnualWords.section4Use + "\n"
        let c = r.communityBenefits
        t = MonitoringTextTable(rows: [], rightAligned: [2])
        let s4 = [c.contractsAtOrAbove4m, c.contractsAtOrAbove4mWithRequirements, c.contractsBelow4mWithRequirements]
        for (i, (row, words)) in AnnualWords.section4Rows.enumerated() { t.rows.append(["\(row))", words, String(s4[i])]) }
        out += rendered(t) + "\n  " + AnnualWords.section4Fulfilled + "\n"
        out += fulfilledTable(c.fulfilled) + "\n"

        out += "\n" + AnnualWords.background + "\n"
        out += backgroundText(r.background, indent: "  ")
        out += "\n" + wrapped(AnnualWords.measure, indent: "  ") + wrapped(AnnualWords.withheldNote, indent: "  ")

        out += "\nPer contract (awarded in the period, or with a return counted in it)\n"
        if r.contracts.isEmpty { out += "  none\n" }
        for k in r.contracts {
            out += "\n\(k.contractID)  \(AnnualWords.supplier(k))\n"
            out += "  awarded \(k.awarded)\(k.awardedInPeriod ? " (in the period)" : "")  value \(ReportFacts.money(k.facts.value)) "
                + "(\(AnnualWords.threshold(k)))  \(k.facts.sme ? "SME" : "not an SME")"
                + "\(k.facts.thirdSector ? ", third sector" : "")  community benefit requirements: \(k.hasRequirements ? "yes" : "none")\n"
            out += "  priority groups: " + AnnualWords.priorityGroups(k.facts) + "\n"
            out += "  returns counted: " + (k.returns.isEmpty ? "none" : k.returns.map {
                "\($0.period) (submitted \($0.submitted))"
            }.joined(separator: ", ")) + "\n"
            var f = MonitoringTextTable(rows: [], rightAligned: [2])
            for figure in FulfilledFigure.allCases {
                let from = AnnualWords.returns(k.sources[figure] ?? [])
                f.rows.append([figure.row.map { "\($0))" } ?? "", figure.words, AnnualWords.figure(figure, in: k.fulfilled),
                               from.isEmpty ? "" : "from " + from])
            }
            out += rendered(f, indent: "  ") + "\n"
            out += "\n  Background" + (k.backgroundSources.isEmpty ? "" : " (from \(AnnualWords.returns(k.backgroundSources)))") + "\n"
            out += backgroundText(k.background, indent: "  ")
        }
        if let provenance { out += "\nStore: \(provenance.store)\n" }
        return out
    }

    static func fulfilledTable(_ f: FulfilledFigures) -> String {
        var t = MonitoringTextTable(rows: [], rightAligned: [2])
        for figure in FulfilledFigure.allCases where figure.row != nil {
            t.rows.append(["\(figure.row!))", figure.words, AnnualWords.figure(figure, in: f)])
        }
        var out = rendered(t) + "\n  " + AnnualWords.totals + "\n"
        var totals = MonitoringTextTable(rows: [], rightAligned: [1])
        for figure in FulfilledFigure.allCases where figure.row == nil {
            totals.rows.append([(figure == .jobsCountedTowardCommitments ? "  " : "") + figure.words, AnnualWords.figure(figure, in: f)])
        }
        out += rendered(totals, indent: "  ")
        return out
    }

    /// The three tables of a background section, one column of words wide enough for all.
    static func backgroundText(_ b: BackgroundFigures, indent: String) -> String {
        let out = "\(indent)People: \(AnnualWords.count(b.people)); in the three groups: \(AnnualWords.count(b.recorded))\n"
        var t = MonitoringTextTable(rows: [["background group", "people", "% of the three groups"]], rightAligned: [1, 2])
        for (i, g) in b.groups.enumerated() { t.rows.append([AnnualWords.groupWords[i], AnnualWords.count(g.figure), AnnualWords.percent(g.figure)]) }
        t.rows.append(["", "", ""])
        t.rows.append(["school attended from 11 to 16", "", ""])
        for (i, a) in b.school.enumerated() { t.rows.append(["  " + AnnualWords.schoolWords[i], AnnualWords.count(a.figure), ""]) }
        t.rows.append(["", "", ""])
        t.rows.append(["eligible for free school meals", "", ""])
        for (i, a) in b.freeSchoolMeals.enumerated() { t.rows.append(["  " + AnnualWords.mealsWords[i], AnnualWords.count(a.figure), ""]) }
        // Blank separating rows carry no indent.
        let table = t.rendered(indent: indent).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.allSatisfy { $0 == " " } ? "" : String($0) }.joined(separator: "\n")
        return out + table + "\n"
    }

    /// `text` in lines of at most 100 characters, each after `indent`.
    static func wrapped(_ text: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 + "\n" }.joined()
    }

    /// A table without a header row: `RankingText.table` rules off the first row, so the
    /// rows are laid out and the rule dropped.
    static func rendered(_ t: MonitoringTextTable, indent: String = "") -> String {
        let lines = RankingText.table([Array(repeating: "", count: t.rows.first?.count ?? 0)] + t.rows,
                                      rightAligned: t.rightAligned)
        return lines.dropFirst(2).map { indent + $0 }.joined(separator: "\n")
    }
}
