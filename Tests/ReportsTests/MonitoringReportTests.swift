import Documents
import Foundation
import Monitoring
import Reports
import TestSupport
import Testing

/// Golden files for the monitoring renderers (see `GoldenFile`).
@Suite struct MonitoringReportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/monitoring")

    func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        GoldenFile.check(text, at: Self.folder.appendingPathComponent(name), sourceLocation: sourceLocation)
    }

    static func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    static func sampleProgress() throws -> ContractProgress {
        let terms = ContractTerms(
            contractID: "C-2026-0142", supplier: "Clyde Build <Ltd> & Sons", start: date("2026-07-01"), end: date("2027-06-30"),
            commitments: [
                CommitmentTerms(ref: "J1", kind: .job, committed: 4, weeks: 26, area: "S01009759", areaDeprived: true,
                                targetGroups: [.youngPerson, .careExperienced]),
                CommitmentTerms(ref: "S1", kind: .supplyChain, committed: 120_000, supplyChainKind: .sme),
                CommitmentTerms(ref: "V1", kind: .volunteering, committed: 200),
            ])
        func hire(_ person: String, _ start: String, _ period: String, decile: Int, council: String,
                  groups: [TargetGroup] = [.youngPerson]) -> DeliveredItem {
            DeliveredItem(period: ReturnPeriod(period)!, kind: .hire, ref: "J1", person: person, date: date(start), fte: 1,
                          hourlyRate: Exact(decimal: "13.60")!, area: "S0100\(decile)", decile: decile, council: council,
                          targetGroups: groups)
        }
        let items = [
            hire("P-0001", "2026-07-20", "2026-Q3", decile: 1, council: "Glasgow City"),
            DeliveredItem(period: ReturnPeriod("2026-Q3")!, kind: .supplyChainSpend, ref: "S1", quantity: 8000, supplyChainKind: .sme),
            hire("P-0002", "2026-10-05", "2026-Q4", decile: 1, council: "Glasgow City", groups: [.careExperienced]),
            hire("P-0003", "2026-11-02", "2026-Q4", decile: 5, council: "Glasgow City"),
            hire("P-0004", "2026-12-01", "2026-Q4", decile: 2, council: "Glasgow City", groups: []),
            DeliveredItem(period: ReturnPeriod("2026-Q4")!, kind: .supplyChainSpend, ref: "S1", quantity: 26000, supplyChainKind: .sme),
            DeliveredItem(period: ReturnPeriod("2027-Q1")!, kind: .leaver, ref: nil, person: "P-0002", date: date("2027-02-15")),
            hire("P-0005", "2027-01-11", "2027-Q1", decile: 9, council: "East Renfrewshire"),
            DeliveredItem(period: ReturnPeriod("2027-Q1")!, kind: .volunteeringHours, ref: "V1", quantity: 60),
        ]
        var progress = try ProgressCalculator.progress(of: terms, items: items, asOf: date("2027-03-31"), timeline: true)
        progress.points = PointsComparison(
            committed: ScoredPoints(lines: [PointsLine(id: "jobs", title: "Jobs", points: 68),
                                            PointsLine(id: "supply-chain", title: "Supply chain", points: 6)], total: 74),
            delivered: ScoredPoints(lines: [PointsLine(id: "jobs", title: "Jobs", points: 17),
                                            PointsLine(id: "supply-chain", title: "Supply chain", points: Exact(decimal: "1.7")!)],
                                    total: Exact(decimal: "18.7")!))
        return progress
    }

    static func samplePortfolio() throws -> Portfolio {
        var builder = PortfolioBuilder(asOf: date("2027-03-31"))
        let progress = try sampleProgress()
        try builder.add(progress)
        var other = progress
        other.contractID = "C-2026-0007"
        other.supplier = "Almond Works"
        try builder.add(other)
        return try builder.build()
    }

    @Test func contractText() throws {
        try expectGolden(MonitoringReport.render(try Self.sampleProgress(), format: .text), "contract.txt")
    }

    /// What a contract manager reads (issue 14): each hire's council and groups, the status
    /// thresholds in force, kinds in words, a leaver without a "sustained from" beside it,
    /// and what each return brought for placements, training, spend and hours.
    @Test func contractTextReadsAsAManagerExpects() throws {
        let text = MonitoringReport.render(try Self.sampleProgress(), format: .text)
        #expect(text.contains("Status: green at 90% of expected or more, amber from 70%, red below"))
        #expect(!text.contains("SupplyChain") && !text.contains("WorkPlacement"))
        #expect(text.contains("supply chain spend"))
        for line in text.split(separator: "\n") where line.contains("left early") && !line.contains("hires:") {
            #expect(!line.contains("sustained from"), "\(line)")
        }
        #expect(text.contains("groups: "))
        #expect(text.contains("by return (delivered to date / expected to date"))
    }

    @Test func contractJSON() throws {
        try expectGolden(MonitoringReport.render(try Self.sampleProgress(), format: .json), "contract.json")
    }

    @Test func contractCSV() throws {
        try expectGolden(MonitoringReport.render(try Self.sampleProgress(), format: .csv), "contract.csv")
    }

    @Test func contractHTML() throws {
        let html = MonitoringReport.render(try Self.sampleProgress(), format: .html)
        #expect(!html.contains("<script"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Clyde Build &lt;Ltd&gt; &amp; Sons"))
        try expectGolden(html, "contract.html")
    }

    @Test func portfolioText() throws {
        try expectGolden(MonitoringReport.render(try Self.samplePortfolio(), format: .text), "portfolio.txt")
    }

    @Test func portfolioJSON() throws {
        try expectGolden(MonitoringReport.render(try Self.samplePortfolio(), format: .json), "portfolio.json")
    }

    @Test func portfolioCSV() throws {
        try expectGolden(MonitoringReport.render(try Self.samplePortfolio(), format: .csv), "portfolio.csv")
    }

    @Test func portfolioHTML() throws {
        let html = MonitoringReport.render(try Self.samplePortfolio(), format: .html)
        #expect(!html.contains("<script"))
        try expectGolden(html, "portfolio.html")
    }
}
