import CLibXML2
import Diagnostics
import Foundation
import Testing
import XMLReading

/// Well-formedness errors whose wording libxml2 changed between releases are said in the
/// project's words, chosen by libxml2's error code: one line, the same on 2.9 and 2.13+.
@Suite struct ParserMessageTests {
    func findings(_ bytes: [UInt8]) throws -> [String] {
        let path = NSTemporaryDirectory() + "cbscore-parser-\(UUID().uuidString).xml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XMLStreamReader(path: path, displayPath: "p.xml", schema: nil)
        while reader.nextElement() != nil {}
        return reader.takeDiagnostics(rewriter: nil).map(\.description)
    }

    /// 2.9 says "Input is not proper UTF-8, indicate encoding !" with the bytes on a second
    /// line (kept on one), 2.13 "Invalid bytes in character encoding" (said in cbscore's words).
    @Test func bytesThatAreNotUTF8() throws {
        let found = try findings(Array("<?xml version=\"1.0\"?>\n<a>\n<b>".utf8) + [0xFF, 0xFE] + Array("</b></a>\n".utf8))
        let expected = cbscore_libxml2_version() >= 21300
            ? "bytes that are not valid in the document's encoding"
            : "input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0xFE 0x3C 0x2F"
        #expect(found == ["p.xml:3:4: malformed XML: " + expected])
    }

    /// 2.9 said "Unsupported encoding bogus", 2.13 "Unsupported encoding: bogus".
    @Test func anUnsupportedEncoding() throws {
        let found = try findings(Array("<?xml version=\"1.0\" encoding=\"bogus\"?>\n<a/>\n".utf8))
        #expect(found == ["p.xml:1:37: malformed XML: unsupported encoding bogus"])
    }

    /// libxml2's own text where it names what a person needs (tags and lines).
    @Test func aTagMismatchKeepsLibxml2sText() throws {
        let found = try findings(Array("<a>\n<b></c>\n</a>\n".utf8))
        #expect(found.first == "p.xml:2:8: malformed XML: opening and ending tag mismatch: b line 2 and c")
    }

    /// A PDF, JSON or plain text sent for an XML document: libxml2 says only "Document is
    /// empty"; cbscore says what it is, at the first character. UTF-16 text is left to libxml2.
    @Test func somethingThatIsNotXMLAtAll() throws {
        // The prologue scan refuses before the parser starts: the reader's init throws.
        func findings(_ bytes: [UInt8]) throws -> [String] {
            do { return try self.findings(bytes) } catch let error as XMLOpenError { return [error.diagnostic.description] }
        }
        let notXML = "p.xml:1:1: malformed XML: this is not an XML document (it does not start with '<'); "
            + "send the XML file itself, not a PDF, spreadsheet, JSON or scan"
        #expect(try findings(Array("%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj\n".utf8)) == [notXML])
        #expect(try findings(Array("{\"id\": \"GCR-2026-014\"}".utf8)) == [notXML])
        #expect(try findings([0xEF, 0xBB, 0xBF] + Array("bid,price\n".utf8)) == [notXML])
        #expect(try findings(Array("<?xml version=\"1.0\"?>\n  text<a/>".utf8))
            == ["p.xml:2:3: malformed XML: expected the root element ('<') here, found other text"])
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("<a/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(try findings(utf16) == [])
    }
}
