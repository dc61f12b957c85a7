import CLibXML2
import Diagnostics
import Foundation
import Testing
@testable import XMLReading

/// XML 1.0 §2.11: CR LF and a lone CR end a line as LF does, in every position reported.
@Suite struct LineEndTests {
    func normalized(_ chunks: [String]) -> [String] {
        var pending: Int32 = 0
        return chunks.map { chunk in
            var bytes = Array(chunk.utf8)
            let count = bytes.withUnsafeMutableBufferPointer {
                cbscore_normalize_line_ends($0.baseAddress, $0.count, &pending)
            }
            return String(decoding: bytes[..<count], as: UTF8.self)
        }
    }

    @Test func crLFAndALoneCRBecomeLF() {
        #expect(normalized(["a\r\nb\rc\n\r\r\nd"]) == ["a\nb\nc\n\n\nd"])
        #expect(normalized(["no line ends"]) == ["no line ends"])
        // A CR that ends a chunk: the LF that may start the next belongs to it.
        #expect(normalized(["a\r", "\nb\r", "c\r", "", "\n"]) == ["a\n", "b\n", "c\n", "", ""])
    }

    /// Reads `bytes` and returns each element's name and position.
    func places(_ bytes: [UInt8]) throws -> [String] {
        let path = NSTemporaryDirectory() + "cbscore-lines-\(UUID().uuidString).xml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XMLStreamReader(path: path, displayPath: "l.xml", schema: nil)
        var found: [String] = []
        while let start = reader.nextElement() {
            found.append("\(start.localName)@\(start.location.line):\(start.location.column)")
        }
        #expect(reader.takeDiagnostics(rewriter: nil).isEmpty)
        return found
    }

    @Test func positionsCountEveryKindOfLineEnd() throws {
        let lines = ["<a>", "  <b x=\"1\"", "     y=\"2\"/>", "<c/></a>", ""]
        for end in ["\n", "\r", "\r\n"] {
            #expect(try places(Array(lines.joined(separator: end).utf8)) == ["a@1:1", "b@2:3", "c@4:1"])
        }
    }

    /// The reader feeds 4 bytes, then 64 KB at a time: a CR LF split across that boundary is
    /// one line end.
    @Test func aCRLFSplitBetweenChunks() throws {
        let head = "<a><!--"
        let padding = String(repeating: "x", count: 4 + 65_536 - head.utf8.count - 1 - 3)
        let text = head + padding + "-->\r\n<b/>\r<c/></a>"
        #expect(Array(text.utf8)[4 + 65_536 - 1] == 0x0D)
        #expect(try places(Array(text.utf8)) == ["a@1:1", "b@2:1", "c@3:1"])
    }

    /// In UTF-16 a 0x0D byte can be half of another character: nothing is rewritten there.
    @Test func utf16IsLeftAsItIs() throws {
        let text = "<a>\u{0D41}\u{0A0D}</a>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = NSTemporaryDirectory() + "cbscore-lines-\(UUID().uuidString).xml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XMLStreamReader(path: path, displayPath: "u.xml", schema: nil)
        _ = reader.nextElement()
        #expect(reader.expandCurrent(keeping: "")?.text == "\u{0D41}\u{0A0D}")
    }
}
