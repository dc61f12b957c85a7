import Foundation
import TestSupport
import Testing
@testable import Reports
import Scoring

@Suite struct RankingHTMLTests {
    @Test func matchesGolden() {
        Golden.check(RankingReport.render(SampleRanking.ranking, format: .html), "ranking.html")
    }

    @Test func isSelfContainedAndEscaped() {
        let html = RankingReport.render(SampleRanking.ranking, format: .html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<plc>"))
        #expect(html.contains("Forth &amp; Clyde Facilities &lt;plc&gt;"))
    }

    @Test func escapesMarkup() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    /// Renders the report with headless Chromium, as a reader's browser would. Skipped, with a
    /// message, on machines without Chromium; CI requires it (.ci/run installs it), so there
    /// a missing Chromium fails the test.
    @Test func rendersInHeadlessChromium() throws {
        guard let chromium = Browser.chromiumOrSkip("rendering the HTML report") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-html-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(RankingReport.render(SampleRanking.ranking, format: .html).utf8).write(to: page)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--user-data-dir=\(directory.path)/profile", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The DOM Chromium built holds the table rows and the chart's segments.
        #expect(dom.contains("B-014-03"))
        #expect(dom.contains("<svg"))
        #expect(dom.contains("Total by component"))
        #expect(dom.contains("Points by line"))
    }
}
