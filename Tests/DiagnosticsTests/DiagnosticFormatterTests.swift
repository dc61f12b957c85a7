import Foundation
import Testing
import Diagnostics

/// The one formatter every command prints through: line ends counted as XML and editors count
/// them, long lines windowed around the caret, files read from disk when no text is given.
@Suite struct DiagnosticFormatterTests {
    func at(_ file: String, _ line: Int, _ column: Int, length: Int = 1) -> Diagnostic {
        Diagnostic(XMLDiagnostic.schema, at: SourceSpan(start: SourceLocation(file: file, line: line, column: column), length: length),
                   message: "m")
    }

    @Test func loneCarriageReturnsEndLinesToo() {
        let text = "<a>\r<b/>\r\n<c x='1'/>\n<d/>"
        let out = DiagnosticFormatter(texts: ["f.xml": text]).format([at("f.xml", 3, 4), at("f.xml", 4, 2)])
        #expect(out == """
            f.xml:3:4: m
              <c x='1'/>
                 ^
            f.xml:4:2: m
              <d/>
               ^
            """)
    }

    @Test func aCaretFarRightMovesTheWindow() {
        let line = String(repeating: "a", count: 300) + "<Job fte='1.5'/>" + String(repeating: "b", count: 300)
        let out = DiagnosticFormatter(texts: ["f.xml": line]).format([at("f.xml", 1, 301, length: 4)])
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let shown = lines[1].dropFirst(2), caret = lines[2].dropFirst(2)
        #expect(shown.hasPrefix("…"))
        #expect(shown.hasSuffix("…"))
        let caretColumn = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
        #expect(String(Array(shown)[caretColumn..<caretColumn + 4]) == "<Job")
        #expect(caret.hasSuffix("^^^^"))
    }

    @Test func readsTheFileWhenNoTextIsGiven() throws {
        let path = NSTemporaryDirectory() + "cbscore-formatter-\(UUID().uuidString).xml"
        try Data("\u{FEFF}<Bid>\n  <Price>x</Price>\n</Bid>\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(DiagnosticFormatter().format([at(path, 2, 10)]) == "\(path):2:10: m\n    <Price>x</Price>\n           ^")
        #expect(DiagnosticFormatter().format([at(path, 1, 1)]) == "\(path):1:1: m\n  <Bid>\n  ^")
    }

    @Test func aFileThatCannotBeReadIsShownWithoutItsLine() {
        #expect(DiagnosticFormatter().format([at("/nonexistent/x.xml", 2, 1)]) == "/nonexistent/x.xml:2:1: m")
    }
}

/// Every id is declared once, in its domain's catalogue, and documented.
@Suite struct DiagnosticCatalogueTests {
    @Test func idsAreUnique() {
        let ids = DiagnosticCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyIdIsInTheDocumentation() throws {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        let docs = try String(contentsOfFile: parts.joined(separator: "/") + "/docs/diagnostics.md", encoding: .utf8)
        let missing = DiagnosticCatalogue.all.filter { !docs.contains("`\($0.id)`") }.map(\.id)
        #expect(missing == [])
    }
}
