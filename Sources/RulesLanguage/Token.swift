import Diagnostics
import ExactNumbers
import Documents

/// One lexical unit of a scheme file. Keywords are not reserved by the lexer: the parser reads
/// them in context, so a field such as `job.count` never clashes with the word `count`.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A name or a word: `job`, `real_living_wage`, `young-person`, `fair-work`.
        case word(String)
        /// A plain number, thousands separators allowed: `2,310,000`, `1.5`.
        case number(Exact)
        /// `£13.45`.
        case money(Exact)
        /// `4.2%`.
        case percent(Exact)
        /// `2025-04-01`.
        case date(CalendarDateLiteral)
        /// `2026-03-31T23:30:00Z`, in examples.
        case dateTime(String)
        /// `"…"`, no escapes but `\"` and `\\`.
        case text(String)
        /// Operators and punctuation: `×`, `÷`, `+`, `-`, `(`, `)`, `≥`, `≤`, `<`, `>`, `=`, `≠`, `,`, `.`.
        case symbol(String)
        case end
    }

    public var kind: Kind
    public var span: SourceSpan

    public var line: Int { span.start.line }

    public func isWord(_ w: String) -> Bool {
        if case .word(let s) = kind { return s == w }
        return false
    }

    public func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    public var word: String? {
        if case .word(let s) = kind { return s }
        return nil
    }

    /// How the token reads in a message.
    public var shown: String {
        switch kind {
        case .word(let s): "`\(s)`"
        case .number(let v): "the number \(v.decimalString())"
        case .money(let v): "the amount £\(v.decimalString())"
        case .percent(let v): "\(v.decimalString())%"
        case .date(let d): "the date \(d)"
        case .dateTime(let s): "the time \(s)"
        case .text: "a quoted text"
        case .symbol(let s): "`\(s)`"
        case .end: "the end of the file"
        }
    }
}

/// A date as written in a scheme (kept apart from Documents' CalendarDate so the lexer has no
/// dependency on the bid model beyond it).
public typealias CalendarDateLiteral = CalendarDate
