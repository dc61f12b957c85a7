import Areas
import Diagnostics
import DocumentReading
import Documents
import Engine
import Foundation
import Reports
import RulesLanguage
import Scoring
import Synchronization
import Testing

/// A ranking whose ranked bids are explained one at a time on a second reading
/// (`RankPipeline.rank(_:reader:explainingEachRanked:)`), as `rank --format json` writes it:
/// the same report as a ranking recorded in full on one reading, byte for byte.
@Suite struct ExplainedRankingTests {
    static let root = RankPipelineTests.root
    static let award = root + "/rules/award-price-quality-cb.cbs"
    static let panel = root + "/fixtures/gcr-2026-014/panel-quality.csv"

    /// `count` generated bids in one batch (as `LargeHTMLReportTests` makes them): odd ones
    /// pass, their points varying with their job's weeks (so many totals tie), even ones pay
    /// below the minimum wage and are excluded. A second file repeats B-1's id (refused as a
    /// duplicate: the first copy is ranked, on both readings).
    static func batch(_ count: Int) throws -> (folder: URL, files: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-explained-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func bid(_ number: Int, weeks: Int) -> String {
            let rate = number % 2 == 0 ? "5.00" : "13.45"
            return """
              <Bid id="B-\(number)" tender="GCR-2026-014"><Submitted>2026-03-14T11:02:00Z</Submitted>
                <Bidder><Name>Bidder \(number)</Name><Size>small</Size></Bidder><Price>\(1000 + number % 7).00</Price>
                <FairWork><LowestHourlyRate>\(rate)</LowestHourlyRate><ZeroHoursContracts>false</ZeroHoursContracts>
                <WorkforceVoice>true</WorkforceVoice><FlexibleWorking>true</FlexibleWorking></FairWork>
                <Commitments><Job ref="J1" fte="1.0" weeks="\(weeks)" hourlyRate="13.60"/></Commitments></Bid>

            """
        }
        let head = "<?xml version=\"1.0\"?>\n<Bids xmlns=\"urn:cbscore:bid:1\">\n"
        let bids = folder.appendingPathComponent("bids.xml")
        try Data((head + (1...count).map { bid($0, weeks: 1 + $0 % 97) }.joined() + "</Bids>\n").utf8).write(to: bids)
        let again = folder.appendingPathComponent("zz-again.xml")
        try Data((head + bid(1, weeks: 50) + "</Bids>\n").utf8).write(to: again)
        return (folder, [bids.path, again.path])
    }

    static func request(bids: [String], scheme: Scheme? = nil, inputs: PanelInputs = PanelInputs(),
                        detail: ExplanationDetail) throws -> RankRequest {
        var request = try RankPipelineTests.request(bids: bids, inputs: inputs, scheme: scheme)
        request.detail = detail
        return request
    }

    /// The JSON report written from a second reading's spool.
    static func spooledJSON(_ request: RankRequest) throws -> String {
        let spool = try JSONBidSpool()
        let ranking = try RankPipeline.rank(request, reader: DocumentReader(), explainingEachRanked: {
            (index, bid) throws(DiagnosticsError) in try spool.add(bid, at: index)
        })
        #expect(spool.count == ranking.ranked.count)
        var written: [UInt8] = []
        try RankingReport.writeJSON(ranking, bidsFrom: spool) { written.append(contentsOf: $0) }
        return String(decoding: written, as: UTF8.self)
    }

    /// The JSON report of the ranking recorded in full on one reading.
    static func recordedJSON(_ request: RankRequest) throws -> String {
        var full = request
        full.detail = .full
        return RankingReport.render(try RankPipeline.rank(full, reader: DocumentReader()), format: .json)
    }

    @Test func generatedBidsGiveTheSameReportAsOneRecordedReading() throws {
        let (folder, files) = try Self.batch(300)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bids = files + [Self.root + "/fixtures/invalid/wrong-tender.xml"]
        let request = try Self.request(bids: bids, detail: .summary)
        let recorded = try Self.recordedJSON(request)
        #expect(try Self.spooledJSON(request) == recorded)
        // What the comparison covered: ranked bids with steps, ties, excluded bids, refusals.
        #expect(recorded.contains("\"tieBreak\": \"same total as B-"))
        #expect(recorded.contains("\"status\": \"excluded\""))
        #expect(recorded.contains("xml.duplicate-bid"))
        #expect(recorded.contains("xml.wrong-tender"))
    }

    @Test(arguments: [false, true]) func theFixtureTenderGivesTheSameReportWithEitherBundledScheme(award: Bool) throws {
        let scheme = award ? try Scheme.load(path: Self.award) : try Scheme.bundledDefault()
        let inputs = award ? try PanelInputs.load(paths: [Self.panel]) : PanelInputs()
        let request = try Self.request(bids: try RankPipelineTests.fixtureBids, scheme: scheme, inputs: inputs, detail: .summary)
        let recorded = try Self.recordedJSON(request)
        #expect(try Self.spooledJSON(request) == recorded)
        #expect(recorded.contains("\"status\": \"ranked\""))
    }

    /// `Program.explainScores` explains a bid's cross-bid scores and total from its own
    /// evaluation and the tender's `CrossBidContext` as the whole cross-bid step explained
    /// them among the tender's bids (the award scheme's price score compares with the lowest
    /// price of all).
    @Test(arguments: [false, true]) func explainingOneBidGivesTheExplanationOfTheWholeStep(award: Bool) throws {
        let scheme = award ? try Scheme.load(path: Self.award) : try Scheme.bundledDefault()
        let inputs = award ? try PanelInputs.load(paths: [Self.panel]) : PanelInputs()
        let files = try RankPipelineTests.fixtureBids
        let full = try RankPipeline.rank(try Self.request(bids: files, scheme: scheme, inputs: inputs, detail: .full),
                                         reader: DocumentReader())
        let silent = try RankPipeline.rank(try Self.request(bids: files, scheme: scheme, inputs: inputs, detail: .summary),
                                           reader: DocumentReader())
        let context = try #require(silent.crossBid)
        let request = try Self.request(bids: files, scheme: scheme, inputs: inputs, detail: .full)
        let scorer = Scorer(scheme: scheme, areas: request.areas, externalInputs: inputs.values)
        var explained = 0
        for file in files {
            try DocumentReader().readBids(at: file, tenderIDs: [full.tender.id]) { read in
                guard case .bid(let bid) = read, let recorded = full.bid(bid.id), recorded.status == .ranked else { return }
                var evaluation = try scorer.evaluate(bid, tender: full.tender, detail: .full).get()
                try scheme.program.explainScores(&evaluation.result, in: context)
                #expect(evaluation.result.explanation == recorded.explanation, "bid \(bid.id)")
                #expect(evaluation.result.total == recorded.total)
                explained += 1
            }
        }
        #expect(explained == full.ranked.count)
        #expect(explained >= 5)
    }

    /// A file changed between the two readings: nothing is reported, and the diagnostic names
    /// the file (the explanations might not be of the bids ranked).
    @Test func aBidFileChangedDuringTheSecondReadingIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-changed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for file in try RankPipelineTests.fixtureBids {
            let copy = folder.appendingPathComponent((file as NSString).lastPathComponent)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: file), to: copy)
            files.append(copy.path)
        }
        let changed = files[2]
        let calls = Mutex(0)
        let request = try Self.request(bids: files, detail: .summary)
        let error = #expect(throws: DiagnosticsError.self) {
            try RankPipeline.rank(request, reader: DocumentReader(), explainingEachRanked: { (_, _) throws(DiagnosticsError) in
                // The first bid explained: the file is changed while the tender is read again.
                guard calls.withLock({ $0 += 1; return $0 }) == 1 else { return }
                do {
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: changed))
                    _ = try handle.seekToEnd()
                    try handle.write(contentsOf: Data("<!-- changed -->\n".utf8))
                    try handle.close()
                } catch {
                    Issue.record("the bid file could not be changed: \(error)")
                }
            })
        }
        #expect(error?.diagnostics.map(\.id) == ["cli.input-changed"])
        #expect(error?.diagnostics.first?.description
            == "\(changed): this file changed while it was read; nothing is reported (run the command again)")
    }

    /// A caller that will not use a ranking with refusals gets the first reading's, nothing
    /// explained; without that, the others are explained.
    @Test func refusalsEndTheCallBeforeTheSecondReadingWhenTheCallerSaysSo() throws {
        let bids = try RankPipelineTests.fixtureBids + [Self.root + "/fixtures/invalid/wrong-tender.xml"]
        let request = try Self.request(bids: bids, detail: .summary)
        let calls = Mutex(0)
        let count: @Sendable (Int, BidOutcome) throws(DiagnosticsError) -> Void = { _, _ in calls.withLock { $0 += 1 } }
        let refused = try RankPipeline.rank(request, reader: DocumentReader(), explainingEachRanked: count, unlessRefused: true)
        #expect(refused.refused.map { $0.bidID } == ["B-014-68"])
        #expect(calls.withLock { $0 } == 0)
        let ranking = try RankPipeline.rank(request, reader: DocumentReader(), explainingEachRanked: count)
        #expect(calls.withLock { $0 } == ranking.ranked.count)
        #expect(ranking.ranked.count == 6)
    }

    /// A failure of the caller's (its spool cannot be written) ends the reading and is thrown.
    @Test func aFailureOfTheCallersIsThrown() throws {
        let failure = Diagnostic(CLIDiagnostic.spoolFailed, at: SourceLocation(commandLine: "/tmp"), message: "full")
        let calls = Mutex(0)
        let request = try Self.request(bids: try RankPipelineTests.fixtureBids, detail: .summary)
        let error = #expect(throws: DiagnosticsError.self) {
            try RankPipeline.rank(request, reader: DocumentReader(), explainingEachRanked: { (_, _) throws(DiagnosticsError) in
                calls.withLock { $0 += 1 }
                throw DiagnosticsError([failure])
            })
        }
        #expect(error?.diagnostics == [failure])
        #expect(calls.withLock { $0 } >= 1)
    }
}
