import Diagnostics
import Documents
import ExactNumbers

/// Turns a scheme's text into tokens. Never fails: a character it cannot read becomes a
/// diagnostic and is skipped, so every error of a file is reported in one pass.
public struct Lexer {
    public private(set) var tokens: [Token] = []
    public private(set) var diagnostics: [Diagnostic] = []

    private let file: String
    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var column = 1

    public static func tokenize(_ source: String, file: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source, file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    init(source: String, file: String) {
        self.file = file
        // Normalise CRLF so columns are counted as an editor shows them.
        self.chars = Array(source.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func advance() {
        if chars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func emit(_ kind: Token.Kind, from start: SourceLocation, length: Int) {
        tokens.append(Token(kind: kind, span: SourceSpan(start: start, length: length)))
    }

    private static func isWordStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
    private static func isWordPart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    private static func isDigit(_ c: Character?) -> Bool { c.map { $0.isASCII && $0.isNumber } ?? false }

    mutating func run() {
        while let c = peek() {
            let start = here
            if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            } else if c.isWhitespace {
                advance()
            } else if c == "\"" {
                lexText(start)
            } else if c == "£" {
                advance()
                if Lexer.isDigit(peek()) {
                    let (value, length) = lexNumber(start)
                    emit(.money(value), from: start, length: length + 1)
                } else {
                    // A bare `£` names the unit: `table … in £ per hour`.
                    emit(.symbol("£"), from: start, length: 1)
                }
            } else if Lexer.isDigit(c) {
                lexNumberOrDate(start)
            } else if Lexer.isWordStart(c) {
                var text = ""
                while let d = peek() {
                    if Lexer.isWordPart(d) {
                        text.append(d)
                        advance()
                    } else if d == "-", let e = peek(1), !text.isEmpty,
                              Lexer.isWordStart(e) || (e.isASCII && e.isNumber && text.first!.isUppercase) {
                        // `young-person`, `fair-work`, and ids such as `B-014-03` (capitalised).
                        // `young-person`, `fair-work`: a hyphen between letters joins a word.
                        // Subtraction is written with spaces: `a - b`.
                        text.append(d)
                        advance()
                    } else {
                        break
                    }
                }
                emit(.word(text), from: start, length: text.count)
            } else {
                lexSymbol(start, c)
            }
        }
        tokens.append(Token(kind: .end, span: SourceSpan(start: here, length: 1)))
    }

    private mutating func lexText(_ start: SourceLocation) {
        advance()
        var text = ""
        var length = 1
        while let c = peek(), c != "\"" {
            if c == "\n" {
                diagnostics.append(Diagnostic(RulesDiagnostic.lexUnterminatedText, at: SourceSpan(start: start, length: length),
                                              message: "this text has no closing `\"` on its line",
                                              hint: "close the text with `\"` before the end of the line"))
                emit(.text(text), from: start, length: length)
                return
            }
            if c == "\\", let n = peek(1), n == "\"" || n == "\\" {
                advance()
                length += 1
            }
            text.append(peek()!)
            advance()
            length += 1
        }
        if peek() == nil {
            diagnostics.append(Diagnostic(RulesDiagnostic.lexUnterminatedText, at: SourceSpan(start: start, length: length),
                                          message: "this text has no closing `\"`",
                                          hint: "close the text with `\"`"))
        } else {
            advance()
            length += 1
        }
        emit(.text(text), from: start, length: length)
    }

    /// Digits with optional `,` thousands groups (`2,310,000`) and a fraction.
    private mutating func lexNumber(_ start: SourceLocation) -> (Exact, Int) {
        var text = ""
        var length = 0
        while let c = peek() {
            if Lexer.isDigit(c) {
                text.append(c)
            } else if c == ",", Lexer.isDigit(peek(1)), Lexer.isDigit(peek(2)), Lexer.isDigit(peek(3)),
                      !Lexer.isDigit(peek(4)), !text.contains(".") {
                // A thousands separator, not a list comma: exactly three digits follow.
            } else if c == ".", Lexer.isDigit(peek(1)), !text.contains(".") {
                text.append(c)
            } else {
                break
            }
            advance()
            length += 1
        }
        if let value = Exact(decimal: text) { return (value, length) }
        diagnostics.append(Diagnostic(RulesDiagnostic.lexNumber, at: SourceSpan(start: start, length: length),
                                      message: "the number `\(text)` is too long to compute exactly",
                                      hint: "use at most 30 digits"))
        return (.zero, length)
    }

    private mutating func lexNumberOrDate(_ start: SourceLocation) {
        // `YYYY-MM-DD`, optionally `THH:MM:SS…` for example bids.
        if index + 10 <= chars.count, chars[index + 4] == "-", chars[index + 7] == "-",
           (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || Lexer.isDigit(chars[index + $0]) }) {
            var text = String(chars[index..<index + 10])
            if index + 10 < chars.count, chars[index + 10] == "T" {
                var end = index + 11
                while end < chars.count, !chars[end].isWhitespace, chars[end] != "#" { end += 1 }
                text = String(chars[index..<end])
                for _ in 0..<text.count { advance() }
                if Instant(iso: text) != nil {
                    emit(.dateTime(text), from: start, length: text.count)
                } else {
                    diagnostics.append(Diagnostic(RulesDiagnostic.lexDate, at: SourceSpan(start: start, length: text.count),
                                                  message: "`\(text)` is not a valid date and time",
                                                  hint: "write it as `2026-03-14T11:02:00Z`"))
                }
                return
            }
            for _ in 0..<10 { advance() }
            if let date = CalendarDate(iso: text) {
                emit(.date(date), from: start, length: 10)
            } else {
                diagnostics.append(Diagnostic(RulesDiagnostic.lexDate, at: SourceSpan(start: start, length: 10),
                                              message: "`\(text)` is not a real date",
                                              hint: "write dates as YYYY-MM-DD, e.g. `2025-04-01`"))
            }
            return
        }
        let (value, length) = lexNumber(start)
        if peek() == "%" {
            advance()
            emit(.percent(value), from: start, length: length + 1)
        } else {
            emit(.number(value), from: start, length: length)
        }
    }

    private static let symbols: [String: String] = [
        "×": "×", "*": "×", "÷": "÷", "/": "÷", "+": "+", "-": "-", "−": "-", "(": "(", ")": ")",
        "≥": "≥", "≤": "≤", "<": "<", ">": ">", "=": "=", "≠": "≠", ",": ",", ".": ".",
    ]

    private mutating func lexSymbol(_ start: SourceLocation, _ c: Character) {
        let two = peek(1).map { String(c) + String($0) }
        let pairs = [">=": "≥", "<=": "≤", "!=": "≠", "==": "="]
        if let two, let s = pairs[two] {
            advance()
            advance()
            emit(.symbol(s), from: start, length: 2)
            return
        }
        advance()
        if let s = Lexer.symbols[String(c)] {
            emit(.symbol(s), from: start, length: 1)
        } else {
            diagnostics.append(Diagnostic(RulesDiagnostic.lexCharacter, at: SourceSpan(start: start, length: 1),
                                          message: "unexpected character `\(c)`",
                                          hint: c == "{" || c == "[" ? "lists are written with commas: `sme, local`" : nil))
        }
    }
}
