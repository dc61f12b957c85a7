import Diagnostics
import Foundation
import Testing
import XMLReading

/// One test per reader limit: a document just over it is refused with a diagnostic naming the
/// limit and its value; libxml2's own caps (no XML_PARSE_HUGE) hold too.
@Suite struct ReaderLimitsTests {
    /// Reads `xml` to its end (expanding the root) and returns every finding.
    func findings(_ xml: String, limits: ReaderLimits = .standard) throws -> [Diagnostic] {
        let path = NSTemporaryDirectory() + "cbscore-limits-\(UUID().uuidString).xml"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let reader = try XMLStreamReader(path: path, displayPath: "t.xml", schema: nil, limits: limits)
            if reader.nextElement() != nil { _ = reader.expandCurrent(keeping: "") }
            while reader.nextElement() != nil {}
            return reader.takeDiagnostics(rewriter: nil)
        } catch {
            return [error.diagnostic]
        }
    }

    func nested(_ depth: Int) -> String {
        String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    }

    @Test func theStandardLimits() {
        let s = ReaderLimits.standard
        #expect(s.documentBytes == 2_147_483_648 && s.elementDepth == 32 && s.attributeValueBytes == 4096)
        #expect(s.attributesPerElement == 64 && s.elementTextBytes == 1_048_576)
        #expect(s.elementsPerRecord == 100_000 && s.bidsPerFile == 1_000_000)
    }

    @Test func documentSize() throws {
        var limits = ReaderLimits()
        limits.documentBytes = 100
        let found = try findings("<a>" + String(repeating: "x", count: 100) + "</a>", limits: limits)
        #expect(found.map(\.description) == [
            "t.xml:1:1: the file holds 107 bytes, over the document-size limit of 100 bytes",
        ])
        #expect(found.first?.id == "xml.limit.document-size")
        limits.documentBytes = 107
        #expect(try findings("<a>" + String(repeating: "x", count: 100) + "</a>", limits: limits).isEmpty)
    }

    @Test func elementDepth() throws {
        #expect(try findings(nested(32)).isEmpty)
        let found = try findings(nested(33))
        #expect(found.map(\.id) == ["xml.limit.element-depth"])
        #expect(found.first?.description
            == "t.xml:1:97: an element nested 33 deep (the root is at depth 1), over the element-depth limit of 32")
        // Far deeper than libxml2's own cap: still one finding, no crash.
        #expect(try findings(nested(100_000)).map(\.id) == ["xml.limit.element-depth"])
    }

    /// A DOCTYPE the prologue scan cannot see (UTF-16 text) is stopped by the SAX
    /// internal-subset callback before any entity is declared: refused, nothing expanded.
    @Test func aDoctypeInUTF16IsStoppedByTheParser() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>"
        let path = NSTemporaryDirectory() + "cbscore-utf16-\(UUID().uuidString).xml"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XMLStreamReader(path: path, displayPath: "t.xml", schema: nil)
        #expect(reader.nextElement() == nil && reader.hadFatalError)
        let found = reader.takeDiagnostics(rewriter: nil)
        #expect(found.map(\.id) == ["xml.doctype"], "\(found)")
        #expect(found.first?.location.line == 2)
        #expect(!found.contains { $0.message.contains("root:") })
    }

    @Test func distinctNames() throws {
        var limits = ReaderLimits()
        limits.distinctNames = 3
        #expect(try findings("<a><b/><c/><b/></a>", limits: limits).isEmpty)
        let found = try findings("<a><b/><c/><d/><e/></a>", limits: limits)
        #expect(found.map(\.description) == [
            "t.xml:1:12: the document uses more than 3 distinct names, over the distinct-names limit of 3",
        ])
    }

    @Test func attributeLength() throws {
        #expect(try findings("<a v='\(String(repeating: "x", count: 4096))'/>").isEmpty)
        let found = try findings("<a v='\(String(repeating: "x", count: 4097))'/>")
        #expect(found.map(\.description) == [
            "t.xml:1:1: attribute v holds 4097 bytes, over the attribute-length limit of 4096 bytes",
        ])
        #expect(found.first?.id == "xml.limit.attribute-length")
    }

    @Test func attributesPerElement() throws {
        let attributes = (1...65).map { "a\($0)='1'" }.joined(separator: " ")
        let found = try findings("<a \(attributes)/>")
        #expect(found.map(\.description) == [
            "t.xml:1:1: the element has more than 64 attributes, over the attributes-per-element limit of 64",
        ])
    }

    @Test func elementText() throws {
        var limits = ReaderLimits()
        limits.elementTextBytes = 10
        // Pieces split by comments add up past the limit though each is short.
        let found = try findings("<a>\n  <b>12345<!-- -->67890<!-- -->1</b></a>", limits: limits)
        #expect(found.map(\.description) == [
            "t.xml:2:3: <b> holds more text than allowed, over the element-text limit of 10 bytes",
        ])
        #expect(try findings("<a><b>12345<!-- -->67890</b></a>", limits: limits).isEmpty)
    }

    @Test func elementsPerRecord() throws {
        var limits = ReaderLimits()
        limits.elementsPerRecord = 5
        let path = NSTemporaryDirectory() + "cbscore-limits-\(UUID().uuidString).xml"
        try Data(("<r>" + String(repeating: "<c><d/></c>", count: 10) + "</r>").utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XMLStreamReader(path: path, displayPath: "t.xml", schema: nil, limits: limits)
        _ = reader.nextElement()
        let root = try #require(reader.expandCurrent(keeping: ""))
        // What was kept is bounded; the reader stands at the record's end.
        #expect(root.children.count == 2)
        #expect(reader.nextElement() == nil && !reader.hadFatalError)
        #expect(reader.takeDiagnostics(rewriter: nil).map(\.description) == [
            "t.xml:1:26: more than 5 elements in one record, over the record-elements limit of 5",
        ])
    }

    // MARK: libxml2's own caps, kept by never passing XML_PARSE_HUGE

    @Test func libxml2RefusesANameOver50000Bytes() throws {
        let name = String(repeating: "n", count: 50_001)
        let found = try findings("<\(name)/>")
        #expect(found.first?.id == "xml.malformed")
        #expect(found.first?.message.contains("Name") == true)
    }

    /// libxml2 caps a text node at 10 MB only in its tree builder, which the reader does not
    /// use: the element text limit is what holds, and only that much is ever kept.
    @Test func aTextNodeOver10MBMeetsTheElementTextLimit() throws {
        let found = try findings("<a>" + String(repeating: "x", count: 10_000_001) + "</a>")
        #expect(found.map(\.id) == ["xml.limit.element-text"], "\(found)")
    }
}
