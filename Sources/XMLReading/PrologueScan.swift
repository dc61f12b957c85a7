#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Refuses an empty file, and looks for a DOCTYPE in the prologue before libxml2 sees the file, so the refusal can
/// point at the `<!DOCTYPE` itself. (The reader's SAX hook stops the parser on any DOCTYPE
/// this scan cannot see, e.g. in a UTF-16 file.)
enum PrologueScan {
    static let scanLimit = 65_536

    static func doctypeDiagnostic(at location: SourceLocation) -> Diagnostic {
        Diagnostic(XMLDiagnostic.doctype, at: location,
                   message: "DOCTYPE declarations are not accepted (no DTD, entity or external "
                       + "reference is ever read); remove the <!DOCTYPE …> line",
                   hint: "cbscore documents are validated against the project's XSD; a DTD is never needed")
    }

    /// Text where the root element should start: a PDF, a spreadsheet, JSON or a scan sent
    /// for an XML document. libxml2 would only say "Document is empty".
    static func notXML(at location: SourceLocation, atStart: Bool) -> Diagnostic {
        Diagnostic(XMLDiagnostic.malformed, at: location,
                   message: atStart
                       ? "malformed XML: this is not an XML document (it does not start with '<'); send the XML file itself, not a PDF, spreadsheet, JSON or scan"
                       : "malformed XML: expected the root element ('<') here, found other text")
    }

    /// UTF-16 or UTF-32 text (a byte-order mark, or a zero byte among the first four):
    /// left to libxml2, which reads those encodings (and whose SAX hook refuses a DOCTYPE in them).
    static func mayBeWideText(_ bytes: ArraySlice<UInt8>) -> Bool {
        let head = bytes.prefix(4)
        return head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0)
    }

    static func problem(inFileAt path: String, displayPath: String) -> Diagnostic? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: scanLimit)
        let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, scanLimit, file) }
        return problem(inPrefix: bytes[0..<count], displayPath: displayPath)
    }

    /// The same checks on the first `scanLimit` bytes of a document (all of it when shorter).
    static func problem(inPrefix bytes: ArraySlice<UInt8>, displayPath: String) -> Diagnostic? {
        if bytes.isEmpty {
            return Diagnostic(XMLDiagnostic.malformed, at: SourceLocation(file: displayPath, line: 1, column: 1),
                              message: "malformed XML: the file is empty (expected an XML document)")
        }
        return problem(in: bytes, displayPath: displayPath)
    }

    /// Walks the prologue (BOM, XML declaration, comments, processing instructions, spaces)
    /// up to the root element.
    static func problem(in bytes: ArraySlice<UInt8>, displayPath: String) -> Diagnostic? {
        var i = bytes.startIndex
        var line = 1
        var column = 1
        // A line ends at LF, CR LF or a lone CR (XML 1.0 §2.11).
        func step() {
            let byte = bytes[i]
            if byte == 0x0A {
                if i == bytes.startIndex || bytes[i - 1] != 0x0D { line += 1; column = 1 }
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard bytes.endIndex - i >= pattern.count else { return false }
            return zip(bytes[i..<(i + pattern.count)], pattern).allSatisfy { $0 == $1 }
        }
        func skip(past terminator: String) -> Bool {
            while i < bytes.endIndex {
                if starts(with: terminator) {
                    for _ in 0..<terminator.utf8.count { step() }
                    return true
                }
                step()
            }
            return false
        }
        if starts(with: "\u{FEFF}") { i += 3 }
        var sawMarkup = false  // an XML declaration, processing instruction or comment
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                step()
            } else if starts(with: "<?") {
                sawMarkup = true
                guard skip(past: "?>") else { return nil }
            } else if starts(with: "<!--") {
                sawMarkup = true
                guard skip(past: "-->") else { return nil }
            } else if starts(with: "<!DOCTYPE") || starts(with: "<!doctype") {
                return doctypeDiagnostic(at: SourceLocation(file: displayPath, line: line, column: column))
            } else if b == UInt8(ascii: "<") || Self.mayBeWideText(bytes) {
                return nil  // the root element, or UTF-16/32 text that libxml2 reads itself
            } else {
                return notXML(at: SourceLocation(file: displayPath, line: line, column: column),
                              atStart: !sawMarkup)
            }
        }
        return nil
    }
}
