import Foundation
import TestSupport
import Testing

/// The price-quality award scheme, end to end on the fixture tender: what decided the ranking
/// (price 60, quality 30, community benefits 10) is in every table, weighted as it entered
/// the total, beside the price and the panel's score; the chart stacks the weighted
/// components on the total's scale; the letter to a bidder gives weights and the winner's
/// scores with nothing internal. Golden files read by a person (issue 14).
@Suite struct AwardSchemeReportTests {
    static let arguments = ["fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids", "--areas", "fixtures/areas",
                            "--scheme", "rules/award-price-quality-cb.cbs", "--inputs", "fixtures/gcr-2026-014/panel-quality.csv"]

    static func rank(_ format: String) throws -> String {
        let run = try RankCommandTests.cbscore(["rank"] + arguments + ["--format", format])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return run.stdout
    }

    @Test(arguments: ["text", "csv", "html"])
    func rankingMatchesGolden(format: String) throws {
        try RankCommandTests.checkGolden(try Self.rank(format), "award-ranking.\(format == "text" ? "txt" : format)")
    }

    @Test func everyTableShowsTheWeightedComponentsAndTheFiguresBehindThem() throws {
        let text = try Self.rank("text")
        #expect(text.contains("Price  Price (60)  Quality  Quality (30)  CB points  CB score (10)  Total"))
        // B-014-06: price 100 × 60% = 60, quality 58 × 30% = 17.4, community benefits 37.5 × 10% = 3.75.
        #expect(text.contains("1  B-014-06  Possilpark Community Builders CIC  £1,200,000       60.00    58.00         17.40      15.00           3.75  81.15"))
        let csv = try Self.rank("csv")
        #expect(csv.contains("price-score_weighted,quality-score_weighted,community-benefit-score_weighted,total"))
        #expect(csv.contains(",58,58,13,2,15,100,37.5,60,17.4,3.75,81.15,"))
        let html = try Self.rank("html")
        #expect(html.contains("Price<span class=\"sub\">weighted 60</span>"))
        #expect(html.contains("<td class=\"num\">17.40</td>"))
    }

    @Test func theChartStacksWeightedComponentsOnTheTotalsScale() throws {
        let html = try Self.rank("html")
        let chart = try #require(html.components(separatedBy: "<svg").dropFirst().first)
        // The axis ends at 100 (the total's scale), not at the sum of unweighted figures.
        #expect(chart.contains(">100</text>"))
        #expect(!chart.contains(">180</text>"))
        #expect(chart.contains("B-014-06 Price (weighted 60): 60"))
        #expect(chart.contains("total 81.15"))
        // The relative price score (100) is not stacked as if it were points.
        #expect(!chart.contains("B-014-06 Price: 100"))
    }

    @Test func excludedBidsAreInTheSummaryCardsAndTheTopTable() throws {
        let html = try Self.rank("html")
        let top = try #require(html.components(separatedBy: "<section id=\"chart\"").first)
        #expect(top.contains("B-014-04: Statutory minimum wage"))
        #expect(top.contains("<span class=\"badge fail\">Excluded</span> Statutory minimum wage: 12.00 &lt; 12.21"))
    }

    @Test func htmlIDsAreUnique() throws {
        for html in [try Self.rank("html")] {
            var seen = Set<String>()
            for part in html.components(separatedBy: " id=\"").dropFirst() {
                let id = String(part.prefix { $0 != "\"" })
                #expect(seen.insert(id).inserted, "duplicate id \(id)")
            }
        }
    }

    @Test func theAssessmentSummaryIsALetterWithWeightsAndNothingInternal() throws {
        let run = try RankCommandTests.cbscore(["summary", "B-014-08", "--tender"] + Self.arguments)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        try RankCommandTests.checkGolden(run.stdout, "award-summary-B-014-08.md")
        let letter = run.stdout
        #expect(letter.contains("| Price | 60 | 61.54 of 100 | 36.92 | 100.00 | 60.00 |"))
        #expect(letter.contains("Dear Shettleston Building Services Ltd,"))
        for word in ["fixtures/", ".xml", ".cbs", "sha256", "SHA-256", "fair_work.", "lowest_hourly_rate", "\\<", "\\_", "`"] {
            #expect(!letter.contains(word), "the letter shows \(word)")
        }
    }

    @Test func theReferenceSchemeLetterHasNothingInternalEither() throws {
        let run = try RankCommandTests.cbscore(["summary", "B-014-03", "--tender", "fixtures/gcr-2026-014/tender.xml",
                                                "fixtures/gcr-2026-014/bids", "--areas", "fixtures/areas"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        try RankCommandTests.checkGolden(run.stdout, "summary-B-014-03.md")
        for word in ["fixtures/", ".xml", ".cbs", "SHA-256", "fair_work.", "job.count", "\\<", "\\_", "`"] {
            #expect(!run.stdout.contains(word), "the letter shows \(word)")
        }
        #expect(run.stdout.contains("8 points added: lowest hourly rate ≥ Real Living Wage (UK)."))
    }
}

/// The award scheme's page as a browser builds it: headless Chromium (installed by .ci/run)
/// loads the report and the DOM holds the weighted table and the chart on the total's scale.
@Suite struct AwardSchemeBrowserTests {
    @Test func theAwardReportRendersInHeadlessChromium() throws {
        guard let chromium = Browser.chromiumOrSkip("rendering the award report") else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-award-html-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("award.html")
        try Data(try AwardSchemeReportTests.rank("html").utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--user-data-dir=\(folder.path)/profile", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(dom.contains("Total by component"))
        #expect(dom.contains("weighted 60"))
        #expect(dom.contains("total 81.15"))
        #expect(dom.contains("Excluded"))
    }
}
