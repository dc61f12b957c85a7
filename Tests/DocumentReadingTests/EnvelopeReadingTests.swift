import Foundation
import Testing
@testable import DocumentReading
import Documents
import TestSupport

/// What a UBL envelope may be (interchange.md, "In"), one test per permission, and the real
/// Peppol samples of ../shared/data/ubl-tender.
@Suite struct EnvelopeReadingTests {
    func fixture() throws -> String { try EnvelopeCases.text(EnvelopeCases.fixture) }

    /// The one bid read, or a recorded issue with the lines that refused it.
    func accepted(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Bid? {
        let (results, lines) = try EnvelopeCases.read(text, name)
        guard results.count == 1, case .bid(let bid) = results[0] else {
            Issue.record("refused: \(lines)", sourceLocation: sourceLocation)
            return nil
        }
        return bid
    }

    /// A bid as read from its file, with every position moved to `file`.
    func bare(_ id: String, placedIn file: String) throws -> Bid {
        let results = try Fixtures.bids("gcr-2026-014/bids/\(id).xml")
        guard case .bid(var bid) = results.first else { throw DiagnosticsError([]) }
        bid.location.file = file
        bid.commitments = bid.commitments.map { $0.placed(in: file) }
        return bid
    }

    @Test func everyFixtureEnvelopeReadsAsItsBareBid() throws {
        for number in 1...8 {
            let id = "B-014-0\(number)"
            let path = Fixtures.path("envelopes/gcr-2026-014/\(id).ubl.xml")
            var results: [BidReadResult] = []
            try Fixtures.reader().readBids(at: path, tenderIDs: ["GCR-2026-014"]) { results.append($0) }
            let inside = "\(path):19:7: embedded \(id).xml"
            #expect(results == [.bid(try bare(id, placedIn: inside))], "\(id)")
        }
    }

    @Test func bytesReadAsTheFileDoes() throws {
        let path = Fixtures.path(EnvelopeCases.fixture)
        var fromFile: [BidReadResult] = []
        try Fixtures.reader().readBids(at: path, tenderIDs: nil) { fromFile.append($0) }
        var fromBytes: [BidReadResult] = []
        let bytes = Array(try fixture().utf8)
        try Fixtures.reader().readBids(bytes: bytes, name: path, tenderIDs: nil) { fromBytes.append($0) }
        #expect(fromBytes == fromFile)
        #expect(fromBytes.count == 1)
    }

    @Test func anUpperCaseHash() throws {
        let hash = "a89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5"
        #expect(try accepted(fixture().replacingOccurrences(of: hash, with: hash.uppercased()), "upper") != nil)
    }

    @Test func noHash() throws {
        let text = try fixture().replacingOccurrences(
            of: "        <cbc:DocumentHash>a89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5</cbc:DocumentHash>\n", with: "")
        #expect(!text.contains("DocumentHash"))
        #expect(try accepted(text, "no-hash") != nil)
    }

    @Test func aHashWithoutItsAlgorithmIsSHA256() throws {
        let text = try fixture().replacingOccurrences(
            of: "        <cbc:HashAlgorithmMethod>http://www.w3.org/2001/04/xmlenc#sha256</cbc:HashAlgorithmMethod>\n", with: "")
        #expect(!text.contains("HashAlgorithmMethod"))
        #expect(try accepted(text, "no-algorithm") != nil)
    }

    @Test func textXMLAndParametersInTheMediaType() throws {
        for (index, mime) in ["text/xml", "Application/XML; charset=UTF-8"].enumerated() {
            let text = try fixture().replacingOccurrences(of: "mimeCode=\"application/xml\"", with: "mimeCode=\"\(mime)\"")
            #expect(try accepted(text, "mime-\(index)") != nil, "\(mime)")
        }
    }

    @Test func aBidUnderAnotherMediaTypeIsNotTheBid() throws {
        let text = try fixture().replacingOccurrences(of: "mimeCode=\"application/xml\"", with: "mimeCode=\"application/pdf\"")
        #expect(try EnvelopeCases.read(text, "pdf").lines.first?.hasPrefix("env.xml:4:1: the UBL Tender embeds no cbscore bid") == true)
    }

    @Test func aConsortiumNamesTheBidderAmongItsTenderers() throws {
        let text = try fixture().replacingOccurrences(
            of: "  <cac:TendererParty>\n",
            with: "  <cac:TendererParty>\n    <cac:PartyName>\n      <cbc:Name>Partner One Ltd</cbc:Name>\n    </cac:PartyName>\n  </cac:TendererParty>\n  <cac:TendererParty>\n")
            .replacingOccurrences(of: "<cbc:Name>Clyde Build Ltd</cbc:Name>", with: "<cbc:Name>  Clyde\n   Build  Ltd </cbc:Name>")
        #expect(try accepted(text, "consortium") != nil)
    }

    @Test func otherDocumentsAreIgnored() throws {
        let espd = "<?xml version=\"1.0\"?>\n<QualificationApplicationResponse xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2\"/>\n"
        let others = """
          <cac:DocumentReference>
            <cbc:ID>E-12345</cbc:ID>
            <cbc:DocumentTypeCode listID="UNCL1001">916</cbc:DocumentTypeCode>
            <cac:Attachment>
              <cbc:EmbeddedDocumentBinaryObject mimeCode="application/xml" filename="ESPD_response.xml">\(EnvelopeWriter.base64Lines(Array(espd.utf8), indent: ""))</cbc:EmbeddedDocumentBinaryObject>
            </cac:Attachment>
          </cac:DocumentReference>
          <cac:DocumentReference>
            <cbc:ID>507</cbc:ID>
            <cbc:DocumentTypeCode listID="UNCL1001">310</cbc:DocumentTypeCode>
            <cac:Attachment>
              <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="offer.pdf">JVBERi0xLjQK</cbc:EmbeddedDocumentBinaryObject>
            </cac:Attachment>
          </cac:DocumentReference>

        """
        let text = try fixture().replacingOccurrences(of: "  <cac:TendererParty>\n", with: others + "  <cac:TendererParty>\n")
        #expect(try accepted(text, "others") != nil)
    }

    // MARK: The Peppol samples

    static let samples = SharedData.path + "/ubl-tender/"

    @Test(.needsSharedData) func thePeppolSamplesWithoutABidAreRefusedSayingSo() throws {
        for (file, others) in [("tender-instance.xml", 4), ("tender-instance-download.xml", 3)] {
            var results: [BidReadResult] = []
            try Fixtures.reader().readBids(at: Self.samples + file, tenderIDs: nil) { results.append($0) }
            let lines = results.flatMap { result -> [String] in
                guard case .refused(_, let diagnostics) = result else { return ["accepted"] }
                return diagnostics.map { "\($0.id) \($0.location.line):\($0.location.column) \($0.message)" }
            }
            #expect(lines == [
                "envelope.no-bid 2:1 the UBL Tender embeds no cbscore bid: no cac:DocumentReference holds a "
                    + "cbc:EmbeddedDocumentBinaryObject (application/xml or text/xml) whose root is <Bid> in urn:cbscore:bid:1 "
                    + "(\(others) document references of other documents)",
            ], "\(file)")
        }
    }

    @Test(.needsSharedData) func thePeppolSamplesAreValidUBL() throws {
        // validate reads them as envelopes: the UBL schema accepts them; only the missing bid refuses them.
        let summary = try Fixtures.reader().validate(paths: [Self.samples + "tender-instance.xml",
                                                      Self.samples + "tender-instance-download.xml"])
        #expect(summary.diagnostics.map(\.id) == ["envelope.no-bid", "envelope.no-bid"])
        #expect(summary.refusedBids == 2)
    }

    @Test(.needsSharedData) func aCallForTendersIsNotABid() throws {
        let summary = try Fixtures.reader().validate(paths: [Self.samples + "call-for-tenders-instance.xml"])
        #expect(summary.diagnostics.map(\.id) == ["xml.wrong-root"])
    }
}

extension Commitment {
    /// The commitment with its position moved to `file` (same line and column).
    func placed(in file: String) -> Commitment {
        switch self {
        case .job(var c): c.location.file = file; c.area?.location.file = file; return .job(c)
        case .apprenticeship(var c): c.location.file = file; c.area?.location.file = file; return .apprenticeship(c)
        case .workPlacement(var c): c.location.file = file; return .workPlacement(c)
        case .training(var c): c.location.file = file; return .training(c)
        case .supplyChain(var c): c.location.file = file; return .supplyChain(c)
        case .volunteering(var c): c.location.file = file; return .volunteering(c)
        }
    }
}
