#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders diagnostics for a person, as swift-syntax's formatter does: the one-line
/// `FILE:LINE:COLUMN: message`, then the source line with a caret under the span, then the
/// hint. Every command prints its diagnostics through this one formatter.
///
/// Source lines come from texts the caller already holds (a scheme it has read) or else from
/// the file at the diagnostic's path, read once, forward, only as far as the last line asked
/// for. A diagnostic whose file cannot be read (a stored upload, a file since removed) is
/// shown without its source line rather than not at all.
public struct DiagnosticFormatter {
    /// Texts by file name, used instead of reading the file.
    private var texts: [String: String]
    /// The widest part of a line shown; a caret further right moves the window along.
    static let window = 160

    public init(texts: [String: String] = [:]) {
        self.texts = texts
    }

    /// Each diagnostic in the order given, separated by newlines, with no trailing newline.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        let sorted = diagnostics
        var wanted: [String: Set<Int>] = [:]
        for d in sorted where d.span.start.line >= 1 {
            wanted[d.span.start.file, default: []].insert(d.span.start.line)
        }
        var lines: [String: [Int: String]] = [:]
        for (file, numbers) in wanted {
            if let text = texts[file] {
                lines[file] = Self.lines(numbers, of: Array(text.utf8))
            } else {
                lines[file] = Self.lines(numbers, ofFileAt: file)
            }
        }
        return sorted.map { d in
            render(d, sourceLine: lines[d.span.start.file]?[d.span.start.line])
        }.joined(separator: "\n")
    }

    /// One diagnostic with the given source line (nil: none shown).
    public func render(_ d: Diagnostic, sourceLine: String?) -> String {
        var text = d.description
        if let sourceLine {
            var shown = Array(sourceLine.map { $0 == "\t" ? " " : $0 })
            var column = max(d.span.start.column, 1)
            var prefix = ""
            if column > Self.window {
                let drop = column - Self.window / 2
                shown.removeFirst(min(drop, shown.count))
                column -= drop
                prefix = "…"
                column += 1
            }
            if shown.count > Self.window { shown = Array(shown.prefix(Self.window)) + ["…"] }
            let line = prefix + String(shown)
            let carets = max(1, min(d.span.length, max(1, line.count - column + 1)))
            text += "\n  \(line)\n  " + String(repeating: " ", count: column - 1) + String(repeating: "^", count: carets)
        }
        if let hint = d.hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// The lines numbered `numbers` (1-based). A line ends at LF, CR LF or a lone CR, as
    /// XML 1.0 §2.11 and editors count them.
    static func lines(_ numbers: Set<Int>, of bytes: [UInt8]) -> [Int: String] {
        var scanner = LineScanner(numbers)
        scanner.feed(bytes[...])
        return scanner.finish()
    }

    static func lines(_ numbers: Set<Int>, ofFileAt path: String) -> [Int: String] {
        guard let file = fopen(path, "rb") else { return [:] }
        defer { fclose(file) }
        var scanner = LineScanner(numbers)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !scanner.done {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            scanner.feed(buffer[..<count])
        }
        return scanner.finish()
    }
}

/// Collects chosen lines from bytes fed in pieces, keeping at most a few kilobytes of each.
private struct LineScanner {
    let numbers: Set<Int>
    let last: Int
    var line = 1
    var current: [UInt8] = []
    var afterCR = false
    var found: [Int: String] = [:]
    var done: Bool { line > last }
    /// Enough for the window around any caret in a long (minified) line.
    static let keep = 1 << 16

    init(_ numbers: Set<Int>) {
        self.numbers = numbers
        last = numbers.max() ?? 0
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if done { return }
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0A || byte == 0x0D {
                endLine()
                afterCR = byte == 0x0D
            } else if numbers.contains(line), current.count < Self.keep {
                current.append(byte)
            }
        }
    }

    private mutating func endLine() {
        if numbers.contains(line) {
            var bytes = current
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            found[line] = String(decoding: bytes, as: UTF8.self)
        }
        current.removeAll(keepingCapacity: true)
        line += 1
    }

    mutating func finish() -> [Int: String] {
        if !done, !current.isEmpty || numbers.contains(line) { endLine() }
        return found
    }
}
