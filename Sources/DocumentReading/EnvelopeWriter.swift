import Documents
import Foundation
import Hashing

extension DocumentReader {
    /// The UBL 2.2 `Tender` a portal would send for the bid file at `bidPath` (interchange.md,
    /// "In"; `cbscore envelope`): the procurement id, the tenderer and buyer parties, the bid's
    /// bytes embedded unchanged in base64 and their SHA-256. Nothing comes from the clock: the
    /// envelope's date and time are the bid's `Submitted`, in UTC, so the same files always
    /// give the same bytes. What is written is read back before it is returned and must give
    /// the same bid, so an envelope this makes is always one cbscore accepts.
    public func makeEnvelope(bidAt bidPath: String, tenderAt tenderPath: String) throws(DiagnosticsError) -> String {
        let tender = try readTender(at: tenderPath)
        switch classify(bidPath) {
        case .success(.bid): break
        case .success(let kind):
            throw DiagnosticsError([Diagnostic(
                EnvelopeDiagnostic.notOneBid, at: SourceLocation(file: bidPath, line: 1, column: 1),
                message: "this is a \(kind), not a file holding one <Bid>: an envelope carries exactly one bid")])
        case .failure(let error):
            throw error
        }
        let bid = try readOneBid(.file(bidPath, shown: nil), tenderID: tender.id)
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bidPath)))
        } catch {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.unreadable, at: SourceLocation(file: bidPath, line: 1, column: 1),
                                               message: "cannot read the file")])
        }
        let name = URL(fileURLWithPath: bidPath).lastPathComponent
        let text = EnvelopeWriter(tender: tender, bid: bid, bytes: bytes, fileName: name).text
        // The read-back: the envelope must carry this very bid.
        let again = try readOneBid(.bytes(Array(text.utf8), name: "envelope of \(bidPath)"), tenderID: tender.id)
        guard again.id == bid.id, again.bidder == bid.bidder, again.commitments.count == bid.commitments.count else {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.error, at: SourceLocation(file: bidPath, line: 1, column: 1),
                                               message: "the envelope written does not read back as this bid")])
        }
        return text
    }

    /// The one bid of a file, or its refusal as the error.
    private func readOneBid(_ source: DocumentSource, tenderID: String) throws(DiagnosticsError) -> Bid {
        var results: [BidReadResult] = []
        do {
            try readBids(from: source, tenderIDs: [tenderID]) { results.append($0) }
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.unreadable, at: SourceLocation(file: source.displayPath, line: 1, column: 1),
                                               message: "cannot read the file: \(error)")])
        }
        switch results.first {
        case .bid(let bid): return bid
        case .refused(_, let diagnostics): throw DiagnosticsError(diagnostics)
        case nil: throw DiagnosticsError([])
        }
    }
}

/// Writes the envelope's text. Element order follows the UBL 2.2 `TenderType` and
/// `DocumentReferenceType` sequences; every text taken from a document is escaped.
struct EnvelopeWriter {
    var tender: Tender
    var bid: Bid
    var bytes: [UInt8]
    var fileName: String

    var text: String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- A UBL 2.2 Tender (Peppol pre-award tender response, T005) carrying cbscore bid \(comment(bid.id)),
             written by `cbscore envelope`: the bid file is embedded unchanged, base64, with its SHA-256. -->
        <Tender xmlns="urn:oasis:names:specification:ubl:schema:xsd:Tender-2"
                xmlns:cac="\(Envelope.cac)"
                xmlns:cbc="\(Envelope.cbc)">
          <cbc:UBLVersionID>2.2</cbc:UBLVersionID>
          <cbc:CustomizationID>urn:fdc:peppol.eu:prac:trns:t005:1.2</cbc:CustomizationID>
          <cbc:ProfileID>urn:fdc:peppol.eu:prac:bis:p003:1.2</cbc:ProfileID>
          <cbc:ID>\(escape(bid.id))</cbc:ID>
          <cbc:ContractFolderID>\(escape(tender.id))</cbc:ContractFolderID>
          <cbc:IssueDate>\(bid.submitted.utcDate)</cbc:IssueDate>
          <cbc:IssueTime>\(bid.submitted.utcTime)</cbc:IssueTime>
          <cac:DocumentReference>
            <cbc:ID>\(Envelope.bidReferenceID)</cbc:ID>
            <cbc:DocumentTypeCode listID="UNCL1001">310</cbc:DocumentTypeCode>
            <cbc:DocumentDescription>cbscore bid \(escape(bid.id)) (urn:cbscore:bid:1)</cbc:DocumentDescription>
            <cac:Attachment>
              <cbc:EmbeddedDocumentBinaryObject mimeCode="application/xml" filename="\(escape(fileName))">

        """
        out += Self.base64Lines(bytes, indent: "        ")
        out += """
              </cbc:EmbeddedDocumentBinaryObject>
              <cac:ExternalReference>
                <cbc:DocumentHash>\(SHA256.hex(bytes))</cbc:DocumentHash>
                <cbc:HashAlgorithmMethod>\(Envelope.sha256Method)</cbc:HashAlgorithmMethod>
              </cac:ExternalReference>
            </cac:Attachment>
          </cac:DocumentReference>
          <cac:TendererParty>

        """
        if let number = bid.bidder.companyNumber {
            out += """
                <cac:PartyIdentification>
                  <cbc:ID schemeID="GB-COH">\(escape(number))</cbc:ID>
                </cac:PartyIdentification>

            """
        }
        out += """
            <cac:PartyName>
              <cbc:Name>\(escape(bid.bidder.name))</cbc:Name>
            </cac:PartyName>
          </cac:TendererParty>
          <cac:ContractingParty>
            <cac:Party>
              <cac:PartyName>
                <cbc:Name>\(escape(tender.authority))</cbc:Name>
              </cac:PartyName>
            </cac:Party>
          </cac:ContractingParty>
          <cac:TenderedProject>
            <cac:ProcurementProjectLot>
              <cbc:ID>NA</cbc:ID>
            </cac:ProcurementProjectLot>
          </cac:TenderedProject>
        </Tender>

        """
        return out
    }

    /// RFC 4648 base64 in lines of 76 characters (as MIME wraps it), each indented.
    static func base64Lines(_ bytes: [UInt8], indent: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                encoded.append(position <= count ? alphabet[Int(group >> (18 - 6 * UInt32(position)) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        var out = ""
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += indent + String(decoding: encoded[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return out
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A comment may not hold `--`.
    private func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "--", with: "- -")
    }
}
