import Areas
import Diagnostics
import DocumentReading
import Engine
import Foundation
import Scoring
import TestSupport
import Testing

/// Bids that arrive in UBL envelopes rank exactly as the same bids given as files
/// (interchange.md: only the inputs list and the positions, which name the envelope and the
/// embedded file, differ).
@Suite struct EnvelopePipelineTests {
    static let root = RankPipelineTests.root
    static let tender = root + "/fixtures/gcr-2026-014/tender.xml"

    static func rank(_ files: [String]) throws -> Ranking {
        try RankPipeline.rank(try RankPipelineTests.request(bids: files), reader: DocumentReader())
    }

    /// The ranking as JSON with the inputs left out and every position's file replaced as
    /// `rename` says.
    static func comparable(_ ranking: Ranking, rename: [(String, String)] = []) throws -> String {
        var ranking = ranking
        ranking.inputs = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var text = String(decoding: try encoder.encode(ranking), as: UTF8.self)
        for (from, to) in rename { text = text.replacingOccurrences(of: "\"\(from)\"", with: "\"\(to)\"") }
        return text
    }

    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "cbscore-envelope-pipeline-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theFixtureEnvelopesRankAsTheBareBids() throws {
        let envelopes = try DocumentFiles.collect([Self.root + "/fixtures/envelopes/gcr-2026-014"])
        #expect(envelopes.count == 8)
        let fromEnvelopes = try Self.rank(envelopes)
        let fromBids = try Self.rank(try RankPipelineTests.fixtureBids)
        #expect(fromEnvelopes.refused.isEmpty)
        let rename = (1...8).map { n in
            ("\(Self.root)/fixtures/envelopes/gcr-2026-014/B-014-0\(n).ubl.xml:19:7: embedded B-014-0\(n).xml",
             "\(Self.root)/fixtures/gcr-2026-014/bids/B-014-0\(n).xml")
        }
        #expect(try Self.comparable(fromEnvelopes, rename: rename) == (try Self.comparable(fromBids)))
        // The inputs are the envelopes, with their own hashes.
        #expect(fromEnvelopes.inputs.map(\.file) == ([Self.tender] + envelopes).sorted())
    }

    /// A real Peppol tender response (../shared/data/ubl-tender) carrying fixture bid B-014-03:
    /// the procurement id set to the tender's, the bidder added to the tenderers as a
    /// consortium partner, the bid's document reference put among the sample's own.
    static func peppolSample(_ file: String, carrying envelope: String) throws -> String {
        let sample = try String(contentsOfFile: SharedData.path + "/ubl-tender/" + file, encoding: .utf8)
        let reference = String(envelope[envelope.range(of: "  <cac:DocumentReference>")!.lowerBound
                                        ..< envelope.range(of: "  <cac:TendererParty>")!.lowerBound])
        let partyStart = sample.range(of: "<cac:TendererParty>")!.lowerBound
        let partyEnd = sample.range(of: "</cac:TendererParty>")!.upperBound
        var text = sample
        text.replaceSubrange(partyEnd..<partyEnd, with: "\n    <cac:TendererParty><cac:PartyName><cbc:Name>Clyde Build Ltd</cbc:Name></cac:PartyName></cac:TendererParty>")
        text.replaceSubrange(partyStart..<partyStart, with: reference + "    ")
        return text.replacingOccurrences(of: "<cbc:ContractFolderID>765a9937-16d5-4513-92b4-cc9800925951</cbc:ContractFolderID>",
                                         with: "<cbc:ContractFolderID>GCR-2026-014</cbc:ContractFolderID>")
    }

    @Test(.needsSharedData, arguments: ["tender-instance.xml", "tender-instance-download.xml"])
    func aPeppolSampleCarryingAFixtureBidRanksAsTheBareBid(_ file: String) throws {
        let envelope = try DocumentReader().makeEnvelope(bidAt: Self.root + "/fixtures/gcr-2026-014/bids/B-014-03.xml",
                                                         tenderAt: Self.tender)
        let folder = try Self.temporaryFolder("peppol-\(file)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + file
        try Data(try Self.peppolSample(file, carrying: envelope).utf8).write(to: URL(fileURLWithPath: path))
        let others = try RankPipelineTests.fixtureBids.filter { !$0.hasSuffix("B-014-03.xml") }
        let fromSample = try Self.rank(others + [path])
        #expect(fromSample.refused.isEmpty, "\(fromSample.refused.flatMap(\.diagnostics).map(\.description))")
        let fromBids = try Self.rank(try RankPipelineTests.fixtureBids)
        let line = try #require(fromSample.bid("B-014-03")?.location)
        #expect(line.file.hasPrefix(path + ":") && line.file.hasSuffix(": embedded B-014-03.xml"))
        #expect(try Self.comparable(fromSample, rename: [(line.file, Self.root + "/fixtures/gcr-2026-014/bids/B-014-03.xml")])
                == (try Self.comparable(fromBids)))
    }

    @Test func aBidRefusedByScoringNamesItsEnvelope() throws {
        let folder = try Self.temporaryFolder("unknown-area")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bare = try String(contentsOfFile: Self.root + "/fixtures/gcr-2026-014/bids/B-014-03.xml", encoding: .utf8)
        try Data(bare.replacingOccurrences(of: "area=\"S01010049\"", with: "area=\"S01999999\"")
            .replacingOccurrences(of: "id=\"B-014-03\"", with: "id=\"B-014-90\"").utf8)
            .write(to: URL(fileURLWithPath: folder + "/B-014-90.xml"))
        let envelope = try DocumentReader().makeEnvelope(bidAt: folder + "/B-014-90.xml", tenderAt: Self.tender)
        try FileManager.default.removeItem(atPath: folder + "/B-014-90.xml")
        try Data(envelope.utf8).write(to: URL(fileURLWithPath: folder + "/B-014-90.ubl.xml"))
        let ranking = try Self.rank(try RankPipelineTests.fixtureBids + [folder + "/B-014-90.ubl.xml"])
        #expect(ranking.refused.map(\.file) == [folder + "/B-014-90.ubl.xml"])
        #expect(ranking.refused.first?.diagnostics.map(\.location.description)
                == ["\(folder)/B-014-90.ubl.xml:19:7: embedded B-014-90.xml:23:5"])
    }
}
