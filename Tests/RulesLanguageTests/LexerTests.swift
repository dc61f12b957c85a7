import Documents
import ExactNumbers
@testable import RulesLanguage
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) -> [Token.Kind] {
        Lexer.tokenize(text, file: "t.cbs").tokens.map(\.kind)
    }

    @Test func wordsJoinHyphensBetweenLettersAndCapitalisedIds() {
        #expect(kinds("young-person fair-work B-014-03 a - b weeks-1") == [
            .word("young-person"), .word("fair-work"), .word("B-014-03"), .word("a"), .symbol("-"), .word("b"),
            .word("weeks"), .symbol("-"), .number(1), .end,
        ])
    }

    @Test func numbersMoneyPercentAndDates() {
        #expect(kinds("2,310,000 1.5 £13.45 £1,000,000 4.2% 2025-04-01 2026-03-31T23:30:00Z") == [
            .number(2_310_000), .number(Exact(3) / Exact(2)), .money(Exact(1345) / Exact(100)), .money(1_000_000),
            .percent(Exact(42) / Exact(10)), .date(CalendarDate(year: 2025, month: 4, day: 1)!), .dateTime("2026-03-31T23:30:00Z"), .end,
        ])
    }

    @Test func aListCommaIsNotAThousandsSeparator() {
        #expect(kinds("1, 2 12,34") == [.number(1), .symbol(","), .number(2), .number(12), .symbol(","), .number(34), .end])
    }

    @Test func asciiAndMathematicalOperatorsAreTheSame() {
        #expect(kinds("* × / ÷ >= ≥ <= ≤ != ≠ −") == [
            .symbol("×"), .symbol("×"), .symbol("÷"), .symbol("÷"), .symbol("≥"), .symbol("≥"), .symbol("≤"), .symbol("≤"),
            .symbol("≠"), .symbol("≠"), .symbol("-"), .end,
        ])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("cap 10 # illustrative default\nend") == [.word("cap"), .number(10), .word("end"), .end])
    }

    @Test func positionsAreLineAndColumn() {
        let tokens = Lexer.tokenize("scheme \"x\"\n  cap 10", file: "t.cbs").tokens
        #expect(tokens[2].span.start == SourceLocation(file: "t.cbs", line: 2, column: 3))
        #expect(tokens[3].span == SourceSpan(start: SourceLocation(file: "t.cbs", line: 2, column: 7), length: 2))
    }

    @Test func textAllowsEscapedQuotes() {
        #expect(kinds(#""say \"hi\"""#) == [.text("say \"hi\""), .end])
    }

    @Test(arguments: [
        ("\"no end", "rules.lex.unterminated-text"),
        ("2025-02-30", "rules.lex.date"),
        ("2026-03-31T25:00:00Z", "rules.lex.date"),
        ("1234567890123456789012345678901", "rules.lex.number"),
        ("cap 10 {", "rules.lex.character"),
    ])
    func lexicalErrors(text: String, id: String) {
        let diagnostics = Lexer.tokenize(text, file: "t.cbs").diagnostics
        #expect(diagnostics.map(\.id) == [id])
    }
}
