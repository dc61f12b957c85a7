import Areas
import Diagnostics
import DocumentReading
import Engine
import Foundation
import Scoring
import Testing

/// The rank pipeline as a library call, as an integrator or the service makes it: no CLI.
@Suite struct RankPipelineTests {
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/EngineTests/RankPipelineTests.swift
        return parts.joined(separator: "/")
    }()

    static func request(bids: [String], inputs: PanelInputs = PanelInputs(), scheme: Scheme? = nil) throws -> RankRequest {
        let areas = try AreaDirectory.load(paths: [root + "/fixtures/areas"], cacheDirectory: nil)
        return RankRequest(tender: root + "/fixtures/gcr-2026-014/tender.xml", bids: bids,
                           scheme: try scheme ?? Scheme.bundledDefault(), areas: areas, inputs: inputs)
    }

    static var fixtureBids: [String] {
        get throws { try DocumentFiles.collect([root + "/fixtures/gcr-2026-014/bids"]) }
    }

    @Test func ranksTheFixtureTender() throws {
        let ranking = try RankPipeline.rank(try Self.request(bids: try Self.fixtureBids), reader: DocumentReader())
        #expect(ranking.ranked.map(\.bidID) == ["B-014-01", "B-014-03", "B-014-02", "B-014-07", "B-014-08", "B-014-06"])
        #expect(ranking.excluded.map(\.bidID) == ["B-014-04", "B-014-05"])
        #expect(ranking.refused.isEmpty)
        // The tender and the eight bid files, each with its hash.
        #expect(ranking.inputs.count == 9)
        #expect(ranking.inputs.allSatisfy { $0.sha256.count == 64 })
    }

    @Test func theOrderOfTheFilesNeverMatters() throws {
        let files = try Self.fixtureBids
        let forward = try RankPipeline.rank(try Self.request(bids: files), reader: DocumentReader())
        let backward = try RankPipeline.rank(try Self.request(bids: files.reversed()), reader: DocumentReader())
        #expect(forward == backward)
    }

    @Test func refusedBidsAreKeptWithTheirDiagnosticsForTheCallerToJudge() throws {
        let files = try Self.fixtureBids + [Self.root + "/fixtures/invalid/wrong-tender.xml"]
        let ranking = try RankPipeline.rank(try Self.request(bids: files), reader: DocumentReader())
        #expect(ranking.ranked.count == 6)
        #expect(ranking.refused.map(\.bidID) == ["B-014-68"])
        #expect(ranking.refused.first?.diagnostics.map(\.id) == ["xml.wrong-tender"])
    }

    @Test func aPanelRowForABidTheTenderDoesNotHaveIsRefusedAtItsLine() throws {
        let csv = NSTemporaryDirectory() + "cbscore-panel-\(UUID().uuidString).csv"
        try Data("bid,quality\nB-014-01,70\nB-014-3,50\n".utf8).write(to: URL(fileURLWithPath: csv))
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let request = try Self.request(bids: try Self.fixtureBids, inputs: try PanelInputs.load(paths: [csv]))
        let error = #expect(throws: DiagnosticsError.self) { try RankPipeline.rank(request, reader: DocumentReader()) }
        #expect(error?.diagnostics.map(\.description) == [
            "\(csv):3:1: bid B-014-3 is not among the tender's bids (B-014-01, B-014-02, B-014-03, B-014-04, B-014-05, "
                + "B-014-06, B-014-07, B-014-08)",
        ])
    }

    @Test func anUnknownBidNamedByAUserListsTheBidIds() throws {
        let ranking = try RankPipeline.rank(try Self.request(bids: try Self.fixtureBids), reader: DocumentReader())
        #expect(ranking.whyNoExplanation(for: "B-9", namedIn: "--explain").description
            == "--explain: no bid B-9 among the tender's bids (B-014-01, B-014-02, B-014-03, B-014-04, B-014-05, "
            + "B-014-06, B-014-07, B-014-08)")
    }

    @Test func aTenderThatCannotBeReadThrows() throws {
        var request = try Self.request(bids: try Self.fixtureBids)
        request.tender = .file(Self.root + "/fixtures/invalid/doctype-xxe.xml")
        #expect(throws: DiagnosticsError.self) { try RankPipeline.rank(request, reader: DocumentReader()) }
    }
}
