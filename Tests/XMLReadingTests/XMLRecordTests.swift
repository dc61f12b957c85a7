import Diagnostics
import Foundation
import Testing
import XMLReading

/// The parsing thread captures batch records flat (`captureCurrent`) and the mapping thread
/// builds their trees (`XMLRecord.element()`); `expandCurrent`, for whole documents, is the
/// two at once. These tests pin the trees and findings down: text, CDATA, character
/// references, foreign elements and attributes, positions, every reader limit, XInclude and
/// a record cut off by the end of the file.
@Suite struct XMLRecordTests {
    /// Reads the root's children one record at a time, both ways, on two readers.
    func bothWays(_ xml: String, limits: ReaderLimits = .standard) throws
        -> (expanded: [XMLElement?], captured: [XMLElement?], expandedFindings: [String], capturedFindings: [String])
    {
        let path = NSTemporaryDirectory() + "cbscore-record-\(UUID().uuidString).xml"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        func read(_ capture: Bool) throws -> ([XMLElement?], [String]) {
            let reader = try XMLStreamReader(path: path, displayPath: "t.xml", schema: nil, limits: limits)
            var records: [XMLElement?] = []
            while let start = reader.nextElement() {
                guard start.depth == 1 else { continue }
                records.append(capture ? reader.captureCurrent(keeping: "urn:r")?.element()
                                       : reader.expandCurrent(keeping: "urn:r"))
            }
            return (records, reader.takeDiagnostics(rewriter: nil).map(\.description))
        }
        let (expanded, expandedFindings) = try read(false)
        let (captured, capturedFindings) = try read(true)
        return (expanded, captured, expandedFindings, capturedFindings)
    }

    @Test func aRecordBuildsTheTreeExpandingBuilds() throws {
        let xml = """
            <Batch xmlns="urn:r" xmlns:x="urn:other">
              <Rec id="R-1" note="a &amp; b &#233;">
                <Name>Café <![CDATA[& <Co>]]> Ltd</Name>
                <x:Extension><Name>ignored</Name></x:Extension>
                <Item ref="1" x:flag="yes"/>
                <Item ref="2">text<Sub/>more</Item>
              </Rec>
              <Rec id="R-2"/>
            </Batch>
            """
        let result = try bothWays(xml)
        #expect(result.captured == result.expanded)
        #expect(result.capturedFindings == result.expandedFindings)
        let first = try #require(result.captured.first ?? nil)
        #expect(first.attribute("note") == "a & b é")
        #expect(first.firstChild(named: "Name")?.first.text == "Café & <Co> Ltd")
        #expect(first.children.map(\.localName) == ["Name", "Item", "Item"])
        #expect(first.children[1].attributes.map(\.namespace) == [nil, "urn:other"])
        #expect(first.location == SourceLocation(file: "t.xml", line: 2, column: 3))
        #expect(first.children[2].text == "textmore" && first.children[2].children.map(\.localName) == ["Sub"])
        #expect(result.captured.count == 2 && result.captured[1]?.children.isEmpty == true)
    }

    @Test func limitsAreFoundTheSameWay() throws {
        var limits = ReaderLimits()
        limits.attributeValueBytes = 4
        limits.elementTextBytes = 5
        limits.elementsPerRecord = 3
        limits.attributesPerElement = 2
        let xml = """
            <Batch xmlns="urn:r">
              <Rec id="toolong" a="1" b="2"><T>123456</T></Rec>
              <Rec><A/><B/><C/><D/></Rec>
            </Batch>
            """
        let result = try bothWays(xml, limits: limits)
        #expect(result.captured == result.expanded)
        #expect(result.capturedFindings == result.expandedFindings)
        #expect(result.capturedFindings.count == 4)
    }

    @Test func anXIncludeInsideARecordIsRefusedTheSameWay() throws {
        let xml = """
            <Batch xmlns="urn:r"><Rec><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/></Rec></Batch>
            """
        let result = try bothWays(xml)
        #expect(result.captured == result.expanded)
        #expect(result.capturedFindings == result.expandedFindings)
        #expect(result.capturedFindings.first?.contains("XInclude is not accepted") == true)
    }

    /// Whitespace alone between tags is layout and never kept; whitespace that is part of text
    /// (around an entity, a character reference or other text) is kept as written.
    @Test func whitespaceIsKeptOnlyAsPartOfText() throws {
        let xml = """
            <Batch xmlns="urn:r">
              <Rec>
                <Blank>  \t </Blank>
                <Spaced>  &amp;  </Spaced>
                <Ref>&#32;&#32;</Ref>
                <Split>a <!-- note --> b</Split>
                <Data> <![CDATA[ ]]> </Data>
              </Rec>
            </Batch>
            """
        let result = try bothWays(xml)
        #expect(result.captured == result.expanded)
        let record = try #require(result.captured.first ?? nil)
        #expect(record.text == "")
        #expect(record.children.map(\.text) == ["", "  &  ", "", "a  b", " "])
    }

    /// Text that a 64 KB chunk boundary splits just before trailing whitespace keeps the
    /// whitespace: only whitespace between markup is dropped, never the end of a text.
    @Test func whitespaceAfterAChunkBoundaryStaysPartOfTheText() throws {
        for split in [65_530, 65_534, 65_536, 65_538, 65_540, 65_542] {
            let head = "<Batch xmlns=\"urn:r\"><Rec><Name>"
            let xml = head + String(repeating: "x", count: split - head.utf8.count) + "   </Name></Rec></Batch>"
            let result = try bothWays(xml)
            let text = try #require(result.captured.first??.children.first?.text)
            #expect(String(text.suffix(4)) == "x   ", "split at \(split)")
            #expect(text.utf8.count == split - head.utf8.count + 3, "split at \(split)")
            #expect(result.captured == result.expanded)
        }
    }

    @Test func aRecordCutOffByTheEndOfTheFileIsNil() throws {
        let result = try bothWays("<Batch xmlns=\"urn:r\"><Rec><A>")
        #expect(result.captured.count == 1 && result.captured[0] == nil && result.expanded[0] == nil)
    }
}
