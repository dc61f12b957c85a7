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
}
