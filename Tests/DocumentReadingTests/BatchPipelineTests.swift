import Foundation
import Testing
@testable import DocumentReading
import Documents

/// Batches larger than the hand-off between the parsing and the mapping thread.
@Suite struct BatchPipelineTests {
    static func batch(bids: Int, badEvery: Int = 0) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-batch-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("batch-\(bids)-\(badEvery).xml").path
        var text = "<?xml version=\"1.0\"?>\n<Bids xmlns=\"urn:cbscore:bid:1\">\n"
        for number in 1...bids {
            let fte = badEvery > 0 && number % badEvery == 0 ? "1.5" : "1.0"
            text += """
              <Bid id="B-\(number)" tender="GCR-2026-014"><Submitted>2026-03-14T11:02:00Z</Submitted>
                <Bidder><Name>Bidder \(number)</Name><Size>small</Size></Bidder><Price>1000.00</Price>
                <FairWork><LowestHourlyRate>13.45</LowestHourlyRate><ZeroHoursContracts>false</ZeroHoursContracts>
                <WorkforceVoice>true</WorkforceVoice><FlexibleWorking>true</FlexibleWorking></FairWork>
                <Commitments><Job ref="J1" fte="\(fte)" weeks="52" hourlyRate="13.60"/></Commitments></Bid>

            """
        }
        text += "</Bids>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyBidArrivesInFileOrder() throws {
        let path = try Self.batch(bids: 700, badEvery: 97)
        var ids: [String] = []
        var refused: [String] = []
        try Fixtures.reader().readBids(at: path) { result in
            switch result {
            case .bid(let bid): ids.append(bid.id)
            case .refused(let id, let diagnostics):
                refused.append(id ?? "?")
                #expect(diagnostics.map(\.message) == ["Job/@fte: '1.5' is above the maximum of 1"])
                #expect(diagnostics.first?.location.line == 7 + 5 * ((Int(id?.dropFirst(2) ?? "") ?? 0) - 1))
            }
        }
        #expect(refused == (1...7).map { "B-\($0 * 97)" })
        #expect(ids.count == 693)
        #expect(ids.first == "B-1" && ids.last == "B-700")
    }

    @Test func aThrowingConsumerStopsTheReader() throws {
        struct Stop: Error {}
        let path = try Self.batch(bids: 500)
        var seen = 0
        #expect(throws: Stop.self) {
            try Fixtures.reader().readBids(at: path) { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    /// Namespace declarations on inner elements are freed with them, and libxml2 may put the
    /// next declaration at the same address. A bid that declares the bid namespace itself,
    /// after a foreign extension that declared another one of the same length, must still be
    /// read as a bid: never taken for a foreign element and skipped.
    @Test func aNamespaceRedeclaredAtAReusedAddressIsReadAfresh() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-ns-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("redeclared.xml").path
        var text = "<?xml version=\"1.0\"?>\n<Bids xmlns=\"urn:cbscore:bid:1\">\n"
        for number in 1...200 {
            text += """
              <Bid xmlns="urn:cbscore:bid:1" id="B-\(number)" tender="GCR-2026-014"><Submitted>2026-03-14T11:02:00Z</Submitted>
                <Bidder><Name>Bidder \(number)</Name><Size>small</Size></Bidder><Price>1000.00</Price>
                <FairWork><LowestHourlyRate>13.45</LowestHourlyRate><ZeroHoursContracts>false</ZeroHoursContracts>
                <WorkforceVoice>true</WorkforceVoice><FlexibleWorking>true</FlexibleWorking></FairWork>
                <x:Portal xmlns:x="urn:portalxx:bid:1"><x:Ref>P-\(number)</x:Ref></x:Portal>
                <Commitments><Job ref="J1" fte="1.0" weeks="52" hourlyRate="13.60"/></Commitments></Bid>

            """
        }
        text += "</Bids>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var ids: [String] = []
        var refused: [String] = []
        try Fixtures.reader().readBids(at: path) { result in
            switch result {
            case .bid(let bid):
                ids.append(bid.id)
                #expect(bid.commitments.count == 1, "\(bid.id)")
            case .refused(let id, let diagnostics): refused.append("\(id ?? "?"): \(diagnostics)")
            }
        }
        #expect(refused.isEmpty)
        #expect(ids == (1...200).map { "B-\($0)" })
    }
}
