import Foundation
import Testing
@testable import DocumentReading
import Documents

/// One test per refusal of a UBL envelope (interchange.md, "In"), each with its exact line
/// and column: the envelope's own, or within the decoded bid after `embedded NAME:`.
@Suite struct EnvelopeRefusalTests {
    func fixture() throws -> String { try EnvelopeCases.text(EnvelopeCases.fixture) }

    func refused(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        let (results, lines) = try EnvelopeCases.read(text, name)
        #expect(results.allSatisfy { if case .refused = $0 { true } else { false } }, sourceLocation: sourceLocation)
        return lines
    }

    @Test func aContractFolderIDOtherThanTheBidsTender() throws {
        let text = try fixture().replacingOccurrences(
            of: "<cbc:ContractFolderID>GCR-2026-014<", with: "<cbc:ContractFolderID>GCR-2026-099<")
        #expect(try refused(text, "folder") == [
            "env.xml:11:3: cbc:ContractFolderID 'GCR-2026-099' is not the tender the embedded bid names ('GCR-2026-014')",
        ])
    }

    @Test func aTendererOtherThanTheBidder() throws {
        let text = try fixture().replacingOccurrences(of: "<cbc:Name>Clyde Build Ltd</cbc:Name>",
                                                      with: "<cbc:Name>Clyde Builders Ltd</cbc:Name>")
        #expect(try refused(text, "tenderer") == [
            "env.xml:55:7: no cac:TendererParty has the embedded bid's bidder name 'Clyde Build Ltd': "
                + "the tenderers are named 'Clyde Builders Ltd'",
        ])
    }

    @Test func aHashOfOtherBytes() throws {
        let text = try fixture().replacingOccurrences(of: "a89d1ff5cdc723fa", with: "b89d1ff5cdc723fa")
        #expect(try refused(text, "hash") == [
            "env.xml:45:9: cbc:DocumentHash: 'b89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5' is not "
                + "the SHA-256 of the embedded bid (the decoded bid's is a89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5)",
        ])
    }

    @Test func aHashThatIsNotHex() throws {
        let text = try fixture().replacingOccurrences(of: "a89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5",
                                                      with: "not-a-hash")
        #expect(try refused(text, "hash-text") == [
            "env.xml:45:9: cbc:DocumentHash: 'not-a-hash' is not a SHA-256 in hex (64 digits) "
                + "(the decoded bid's is a89d1ff5cdc723fadb91c0e27b2bb6f84da233f9779adccc38b3ac9d7a2505d5)",
        ])
    }

    @Test func anUnsupportedHashAlgorithm() throws {
        let text = try fixture().replacingOccurrences(of: "http://www.w3.org/2001/04/xmlenc#sha256",
                                                      with: "http://www.w3.org/2000/09/xmldsig#sha1")
        #expect(try refused(text, "algorithm") == [
            "env.xml:46:9: unsupported hash algorithm 'http://www.w3.org/2000/09/xmldsig#sha1': cbc:DocumentHash must be "
                + "the SHA-256 (http://www.w3.org/2001/04/xmlenc#sha256) of the embedded bid",
        ])
    }

    @Test func base64WithACharacterOutsideTheAlphabet() throws {
        let text = try fixture().replacingOccurrences(of: "YW1wbGUgb2YgcmVm", with: "YW1wbGUgb2Y!cmVm")
        #expect(try refused(text, "base64") == [
            "env.xml:19:7: cbc:EmbeddedDocumentBinaryObject: not base64: '!' at line 3, column 20 of the content "
                + "is not a base64 character (A-Z, a-z, 0-9, + and / with = padding)",
        ])
    }

    @Test func base64WithoutItsPadding() throws {
        let text = try fixture().replacingOccurrences(of: "MC4wMCIvPgogIDwvQ29tbWl0bWVudHM+CjwvQmlkPgo=",
                                                      with: "MC4wMCIvPgogIDwvQ29tbWl0bWVudHM+CjwvQmlkPgo")
        #expect(try refused(text, "padding").first?.hasPrefix(
            "env.xml:19:7: cbc:EmbeddedDocumentBinaryObject: not base64: the content ends inside a group of four characters") == true)
    }

    @Test func twoEmbeddedBids() throws {
        let envelope = try fixture()
        let reference = String(envelope[envelope.range(of: "  <cac:DocumentReference>\n")!.lowerBound
                                         ..< envelope.range(of: "  <cac:TendererParty>")!.lowerBound])
        let text = envelope.replacingOccurrences(of: reference, with: reference + reference)
        #expect(try refused(text, "two") == [
            "env.xml:55:7: a second embedded cbscore bid (DocumentReference 'cbscore-bid', bid B-014-03); "
                + "the one at line 19 is the first: an envelope carries exactly one bid",
        ])
    }

    @Test func noEmbeddedBid() throws {
        let envelope = try fixture()
        let reference = String(envelope[envelope.range(of: "  <cac:DocumentReference>\n")!.lowerBound
                                         ..< envelope.range(of: "  <cac:TendererParty>")!.lowerBound])
        #expect(try refused(envelope.replacingOccurrences(of: reference, with: ""), "none") == [
            "env.xml:4:1: the UBL Tender embeds no cbscore bid: no cac:DocumentReference holds a "
                + "cbc:EmbeddedDocumentBinaryObject (application/xml or text/xml) whose root is <Bid> in urn:cbscore:bid:1",
        ])
    }

    @Test func aBidGivenOnlyByAnExternalReference() throws {
        let envelope = try fixture()
        let embedded = String(envelope[envelope.range(of: "      <cbc:EmbeddedDocumentBinaryObject")!.lowerBound
                                        ..< envelope.range(of: "      <cac:ExternalReference>")!.lowerBound])
        let text = envelope.replacingOccurrences(of: embedded, with: "")
            .replacingOccurrences(of: "<cac:ExternalReference>\n", with: "<cac:ExternalReference>\n        <cbc:URI>https://portal.example/bids/B-014-03.xml</cbc:URI>\n")
        #expect(try refused(text, "external") == [
            "env.xml:19:7: DocumentReference 'cbscore-bid' refers to the bid (https://portal.example/bids/B-014-03.xml) "
                + "without embedding it; cbscore reads only a bid embedded as cbc:EmbeddedDocumentBinaryObject and never fetches documents",
        ])
    }

    @Test func anEmbeddedBatch() throws {
        let batch = try String(contentsOfFile: Fixtures.path("batches/gcr-2026-014-portal-export.xml"), encoding: .utf8)
        #expect(try refused(EnvelopeCases.envelope(embedding: batch), "batch") == [
            "env.xml:19:7: the embedded document is a <Bids> batch; an envelope carries exactly one <Bid>",
        ])
    }

    @Test func anErrorInsideTheEmbeddedBidIsPlacedWithinIt() throws {
        let bid = try EnvelopeCases.text(EnvelopeCases.bareBid).replacingOccurrences(of: "fte=\"1.0\"", with: "fte=\"1.5\"")
        #expect(try refused(EnvelopeCases.envelope(embedding: bid), "fte") == [
            "env.xml:19:7: embedded B-014-03.xml:23:29: Job/@fte: '1.5' is above the maximum of 1",
        ])
    }

    @Test func aDoctypeInsideTheBase64() throws {
        let bid = try EnvelopeCases.text(EnvelopeCases.bareBid).replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Bid [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
        #expect(try refused(EnvelopeCases.envelope(embedding: bid), "doctype") == [
            "env.xml:19:7: embedded B-014-03.xml:2:1: DOCTYPE declarations are not accepted (no DTD, entity or external "
                + "reference is ever read); remove the <!DOCTYPE …> line",
        ])
    }

    @Test func anXIncludeInsideTheBase64() throws {
        let bid = try EnvelopeCases.text(EnvelopeCases.bareBid).replacingOccurrences(
            of: "  <Commitments>\n",
            with: "  <Commitments>\n    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>\n")
        #expect(try refused(EnvelopeCases.envelope(embedding: bid), "xinclude") == [
            "env.xml:19:7: embedded B-014-03.xml:22:5: XInclude is not accepted: include in http://www.w3.org/2001/XInclude "
                + "(documents must be self-contained; nothing is fetched on their behalf)",
        ])
    }

    @Test func aDoctypeInTheEnvelope() throws {
        let text = try fixture().replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Tender [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
        #expect(try refused(text, "envelope-doctype") == [
            "env.xml:2:1: DOCTYPE declarations are not accepted (no DTD, entity or external reference is ever read); "
                + "remove the <!DOCTYPE …> line",
        ])
    }

    @Test func anXIncludeInTheEnvelope() throws {
        let text = try fixture().replacingOccurrences(
            of: "  <cac:TenderedProject>\n",
            with: "  <cac:TenderedProject>\n    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>\n")
        let lines = try refused(text, "envelope-xinclude")
        #expect(lines.contains("env.xml:66:5: XInclude is not accepted: include in http://www.w3.org/2001/XInclude "
                               + "(documents must be self-contained; nothing is fetched on their behalf)"))
    }

    @Test func anEnvelopeBreakingTheUBLSchema() throws {
        let text = try fixture().replacingOccurrences(of: "  <cbc:IssueDate>2026-03-14</cbc:IssueDate>\n", with: "")
        #expect(try refused(text, "schema") == [
            "env.xml:12:3: IssueTime: unexpected element; expected IssueDate",
        ])
    }

    @Test func anEmbeddedBidOfAnotherTender() throws {
        let (_, lines) = try EnvelopeCases.read(try fixture(), "other-tender", tenderID: "GCR-2026-099")
        #expect(lines == [
            "env.xml:19:7: embedded B-014-03.xml:3:1: Bid/@tender: the bid names tender 'GCR-2026-014', "
                + "but the tender being read is 'GCR-2026-099'",
        ])
    }

    @Test func anEmbeddedTextOverTheEnvelopeLimit() throws {
        var reader = try Fixtures.reader()
        reader.envelopeTextBytes = 1000
        let (results, lines) = try EnvelopeCases.read(try fixture(), "limit", reader: reader)
        #expect(results.count == 1)
        #expect(lines.first?.hasPrefix("env.xml:19:7: <EmbeddedDocumentBinaryObject> holds more text than allowed") == true)
    }
}
