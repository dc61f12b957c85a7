import Diagnostics
import Foundation
import Testing
import XMLReading

/// A document held in memory (an upload, a decoded attachment) is read exactly as the same
/// bytes in a file: the same elements, the same refusals at the same places, the same limits.
@Suite struct MemorySourceTests {
    /// Every element's name and place, then every finding, reading `bytes` one way or the other.
    func read(_ bytes: [UInt8], fromFile: Bool, limits: ReaderLimits = .standard) throws -> [String] {
        let path = NSTemporaryDirectory() + "cbscore-memory-\(UUID().uuidString).xml"
        if fromFile { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader: XMLStreamReader
        do {
            reader = fromFile ? try XMLStreamReader(path: path, displayPath: "t.xml", schema: nil, limits: limits)
                : try XMLStreamReader(bytes: bytes, displayPath: "t.xml", schema: nil, limits: limits)
        } catch {
            return ["refused: " + error.diagnostic.description]
        }
        var seen: [String] = []
        while let start = reader.nextElement() {
            seen.append("\(start.localName) \(start.location)")
        }
        return seen + reader.takeDiagnostics(rewriter: nil).map { "\($0.id) \($0.description)" }
    }

    static let cases: [(String, String)] = [
        ("plain", "<a x=\"1\">\n  <b>text</b>\n  <c/>\n</a>\n"),
        ("doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>"),
        ("xinclude", "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n  <xi:include href=\"/etc/passwd\"/>\n</a>"),
        ("empty", ""),
        ("malformed", "<a>\n  <b>\n</a>"),
        ("utf16-doctype", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>"),
        ("many-chunks", "<a>\n" + String(repeating: "  <b n=\"1\">some text</b>\n", count: 20_000) + "</a>\n"),
    ]

    @Test(arguments: cases.map(\.0))
    func bytesReadAsTheFileDoes(_ name: String) throws {
        let text = Self.cases.first { $0.0 == name }!.1
        let bytes = name == "utf16-doctype" ? Array(text.data(using: .utf16LittleEndian)!) : Array(text.utf8)
        let fromBytes = try read(bytes, fromFile: false)
        #expect(fromBytes == (try read(bytes, fromFile: true)))
        #expect(!fromBytes.isEmpty)
    }

    @Test func hostileContentInMemoryIsRefused() throws {
        #expect(try read(Array(Self.cases[1].1.utf8), fromFile: false) == [
            "refused: t.xml:2:1: DOCTYPE declarations are not accepted (no DTD, entity or external reference is ever read); "
                + "remove the <!DOCTYPE …> line",
        ])
        #expect(try read(Array(Self.cases[2].1.utf8), fromFile: false).last
            == "xml.xinclude t.xml:2:3: XInclude is not accepted: include in http://www.w3.org/2001/XInclude "
                + "(documents must be self-contained; nothing is fetched on their behalf)")
        #expect(try read([], fromFile: false) == ["refused: t.xml:1:1: malformed XML: the file is empty (expected an XML document)"])
    }

    @Test func theSizeLimitHoldsInMemory() throws {
        var limits = ReaderLimits()
        limits.documentBytes = 100
        let bytes = Array(("<a>" + String(repeating: "x", count: 100) + "</a>").utf8)
        #expect(try read(bytes, fromFile: false, limits: limits)
            == ["refused: t.xml:1:1: the file holds 107 bytes, over the document-size limit of 100 bytes"])
        #expect(try read(bytes, fromFile: true, limits: limits) == (try read(bytes, fromFile: false, limits: limits)))
    }
}
