import Foundation
import TestSupport
import Testing

/// `cbscore envelope`, and envelopes given to `validate`, `rank` and `summary` (docs/interchange.md).
@Suite struct EnvelopeCommandTests {
    static let tender = "fixtures/gcr-2026-014/tender.xml"

    /// The committed fixture envelopes are what the command writes: same bytes, every time.
    @Test func theFixtureEnvelopesAreWhatTheCommandWrites() throws {
        for number in 1...8 {
            let id = "B-014-0\(number)"
            let run = try CLI.run(["envelope", "fixtures/gcr-2026-014/bids/\(id).xml", "--tender", Self.tender])
            #expect(run.status == 0, "\(run.stderr)")
            let committed = try String(contentsOfFile: CLI.root + "/fixtures/envelopes/gcr-2026-014/\(id).ubl.xml", encoding: .utf8)
            #expect(run.stdout == committed, "\(id)")
        }
    }

    @Test func validateAcceptsEnvelopes() throws {
        let run = try CLI.run(["validate", Self.tender, "fixtures/envelopes/gcr-2026-014"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout == "checked 9 files (1 tender, 8 bids): all valid\n")
    }

    @Test func aBidAndItsEnvelopeAreOneBidTwice() throws {
        let run = try CLI.run(["validate", Self.tender, "fixtures/gcr-2026-014/bids/B-014-03.xml",
                               "fixtures/envelopes/gcr-2026-014/B-014-03.ubl.xml"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("fixtures/gcr-2026-014/bids/B-014-03.xml:3:1: bid B-014-03: Bid/@id: 'B-014-03' is "
                                     + "already used by the bid at fixtures/envelopes/gcr-2026-014/B-014-03.ubl.xml:19:7: "
                                     + "embedded B-014-03.xml:3:1; bid ids must be unique within a tender\n"), "\(run.stderr)")
    }

    /// The JSON of a ranking from envelopes is the golden ranking from the bare bids, but for
    /// the inputs (the envelopes and their hashes) and the positions (inside each envelope).
    @Test(.needsSharedData) func rankingFromEnvelopesIsTheRankingFromTheBids() throws {
        let run = try CLI.run(["rank", Self.tender, "fixtures/envelopes/gcr-2026-014", "--areas", SharedData.path,
                               "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        var fromEnvelopes = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let golden = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Tests/CLITests/Golden/gcr-2026-014.json"))
        var fromBids = try #require(try JSONSerialization.jsonObject(with: golden) as? [String: Any])
        let inputs = (fromEnvelopes["inputs"] as? [[String: String]])?.map { $0["file"] ?? "" }
        #expect(inputs == ["fixtures/envelopes/gcr-2026-014/B-014-0\(1).ubl.xml"] + (2...8).map {
            "fixtures/envelopes/gcr-2026-014/B-014-0\($0).ubl.xml"
        } + [Self.tender])
        fromEnvelopes["inputs"] = nil
        fromBids["inputs"] = nil
        let renamed = try Self.text(fromEnvelopes).replacingOccurrences(
            of: #"fixtures/envelopes/gcr-2026-014/(B-014-0[1-8]).ubl.xml:19:7: embedded B-014-0[1-8].xml"#,
            with: "fixtures/gcr-2026-014/bids/$1.xml", options: .regularExpression)
        #expect(renamed == (try Self.text(fromBids)))
    }

    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]), as: UTF8.self)
    }

    @Test(.needsSharedData) func summaryReadsEnvelopes() throws {
        let run = try CLI.run(["summary", "B-014-03", "--tender", Self.tender, "fixtures/envelopes/gcr-2026-014",
                               "--areas", SharedData.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Assessment summary"))
        #expect(run.stdout.contains("**Your tender:** B-014-03, price £2,310,000"))
        #expect(run.stdout.contains("ranked **2nd of 6**"))
    }

    @Test func aRefusalInsideAnEnvelopeNamesBothPlaces() throws {
        let folder = NSTemporaryDirectory() + "cbscore-envelope-cli-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bid = try String(contentsOfFile: CLI.root + "/fixtures/gcr-2026-014/bids/B-014-03.xml", encoding: .utf8)
        try Data(bid.replacingOccurrences(of: "fte=\"1.0\"", with: "fte=\"1.5\"").utf8)
            .write(to: URL(fileURLWithPath: folder + "/B-014-03.xml"))
        // The envelope command refuses to wrap a bid that is not valid...
        let refused = try CLI.run(["envelope", folder + "/B-014-03.xml", "--tender", Self.tender])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix(folder + "/B-014-03.xml:23:29: Job/@fte: '1.5' is above the maximum of 1"))
        // ...so the envelope is made by hand: the valid one with the invalid bid's bytes.
        let envelope = try String(contentsOfFile: CLI.root + "/fixtures/envelopes/gcr-2026-014/B-014-03.ubl.xml", encoding: .utf8)
        let base64 = Data(bid.utf8).base64EncodedString()
        let broken = Data(bid.replacingOccurrences(of: "fte=\"1.0\"", with: "fte=\"1.5\"").utf8).base64EncodedString()
        let start = envelope.range(of: "filename=\"B-014-03.xml\">\n")!.upperBound
        let end = envelope.range(of: "      </cbc:EmbeddedDocumentBinaryObject>")!.lowerBound
        #expect(envelope[start..<end].filter { !$0.isWhitespace } == base64)
        let text = envelope.replacingCharacters(in: start..<end, with: broken + "\n")
            .replacingOccurrences(of: #"<cbc:DocumentHash>[0-9a-f]+</cbc:DocumentHash>\n"#, with: "", options: .regularExpression)
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/B-014-03.ubl.xml"))
        let run = try CLI.run(["validate", folder + "/B-014-03.ubl.xml"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(folder + "/B-014-03.ubl.xml:19:7: embedded B-014-03.xml:23:29: "
                                     + "Job/@fte: '1.5' is above the maximum of 1\n"), "\(run.stderr)")
    }

    @Test func aBatchIsNotPutInAnEnvelope() throws {
        let run = try CLI.run(["envelope", "fixtures/batches/gcr-2026-014-portal-export.xml", "--tender", Self.tender])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("fixtures/batches/gcr-2026-014-portal-export.xml:1:1: this is a bid batch, "
                                     + "not a file holding one <Bid>: an envelope carries exactly one bid"))
    }

    @Test func anEnvelopeIsNotPutInAnEnvelope() throws {
        let run = try CLI.run(["envelope", "fixtures/envelopes/gcr-2026-014/B-014-03.ubl.xml", "--tender", Self.tender])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("fixtures/envelopes/gcr-2026-014/B-014-03.ubl.xml:1:1: this is a UBL tender envelope, "
                                     + "not a file holding one <Bid>"))
    }

    @Test func aBidOfAnotherTenderIsNotPutInAnEnvelope() throws {
        let run = try CLI.run(["envelope", "fixtures/invalid/wrong-tender.xml", "--tender", Self.tender])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Bid/@tender: the bid names tender"))
    }
}
