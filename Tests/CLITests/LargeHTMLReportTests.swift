import Foundation
import TestSupport
import Testing

/// The HTML report of a tender above `HTMLBreakdowns.wholeUpTo` bids: the whole ranking table,
/// the breakdowns of the 20 highest-ranked and the first 200 excluded bids only, and a pointer
/// to the JSON and `--explain` for the rest (docs/reports.md).
@Suite(.needsSharedData) struct LargeHTMLReportTests {
    /// 420 bids, B-1…B-420: odd ones pass (their job's weeks, hence their points, vary), even
    /// ones pay below the statutory minimum wage and are excluded (210 ranked, 210 excluded).
    static func batch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-large-html-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "<?xml version=\"1.0\"?>\n<Bids xmlns=\"urn:cbscore:bid:1\">\n"
        for number in 1...420 {
            let rate = number % 2 == 0 ? "5.00" : "13.45"
            text += """
              <Bid id="B-\(number)" tender="GCR-2026-014"><Submitted>2026-03-14T11:02:00Z</Submitted>
                <Bidder><Name>Bidder \(number)</Name><Size>small</Size></Bidder><Price>1000.00</Price>
                <FairWork><LowestHourlyRate>\(rate)</LowestHourlyRate><ZeroHoursContracts>false</ZeroHoursContracts>
                <WorkforceVoice>true</WorkforceVoice><FlexibleWorking>true</FlexibleWorking></FairWork>
                <Commitments><Job ref="J1" fte="1.0" weeks="\(1 + number % 97)" hourlyRate="13.60"/></Commitments></Bid>

            """
        }
        text += "</Bids>\n"
        let file = folder.appendingPathComponent("bids.xml")
        try Data(text.utf8).write(to: file)
        return file
    }

    /// The ids of the bids given a breakdown (`<details … id="bid-ID">`), in report order.
    static func brokenDown(_ html: String) -> [String] {
        html.components(separatedBy: "<details class=\"bid\" open id=\"bid-").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    @Test func breaksDownTheLeadingAndFirstExcludedBidsAndPointsToTheJSON() throws {
        let file = try Self.batch()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let arguments = ["rank", "fixtures/gcr-2026-014/tender.xml", file.path] + RankCommandTests.areas
        let run = try RankCommandTests.cbscore(arguments + ["--format", "html"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let html = run.stdout

        // The leading bids are the first 20 of the CSV's ranking; the excluded ones follow in
        // id order (code points: B-10 before B-100 before B-12).
        let csv = try RankCommandTests.cbscore(arguments + ["--format", "csv"])
        // CRLF line ends: "\r\n" is one Character, so the split is on the string.
        let rows = csv.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let leading = rows.filter { !$0[0].isEmpty }.prefix(20).map { String($0[1]) }
        #expect(leading.count == 20)
        let excluded = (1...210).map { "B-\($0 * 2)" }.sorted()
        #expect(Self.brokenDown(html) == leading + excluded.prefix(200))

        #expect(html.contains("This tender has 210 ranked bids: the breakdowns below are those of the 20 highest-ranked"))
        #expect(html.contains("The breakdown of every bid is in the JSON report (cbscore rank --format json), and that of one bid is shown by cbscore rank --explain BID."))
        #expect(html.contains("The breakdowns below are those of the first 200 of the 210 excluded bids in the table&#39;s order; the other 10 are in the JSON report"))

        // Every bid is in the ranking table; a link always leads to a breakdown in the page.
        for number in 1...420 { #expect(html.contains("<td class=\"id\">B-\(number)</td>") || html.contains(">B-\(number)</a>")) }
        let targets = Set(Self.brokenDown(html))
        let links = html.components(separatedBy: "href=\"#bid-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy(targets.contains))

        // The breakdowns are recorded ones, the same as --explain gives: the job's figures
        // with where they came from.
        let top = try #require(leading.first)
        let explained = try RankCommandTests.cbscore(arguments + ["--explain", top])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("J1"))
        let block = html.components(separatedBy: "id=\"bid-\(top)\"")[1].components(separatedBy: "</details>")[0]
        #expect(block.contains("J1"))
    }
}
