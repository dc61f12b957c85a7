import Diagnostics
@testable import RulesLanguage
import Testing

/// The rules-language limits: one test per refusal, each naming the limit and its value, and
/// hostile nesting far past the limit refused without exhausting the stack.
@Suite struct LimitsTests {
    func limitFindings(_ body: String) -> [Diagnostic] {
        Support.diagnostics(body).filter { $0.id.hasPrefix("rules.limit.") }
    }

    func value(_ expression: String) -> String { "value v \"v\" = \(expression)\n" }

    @Test func fileSize() {
        let source = String(repeating: "# padding\n", count: RulesLimits.fileBytes / 10 + 1)
        let (_, diagnostics) = Parser.parse(source, file: "big.cbs")
        #expect(diagnostics.map(\.description) == [
            "big.cbs:1:1: the scheme file holds 1048580 bytes, over the file-size limit of 1048576 bytes",
        ])
        #expect(diagnostics.first?.id == "rules.limit.file-size")
        let (_, fits) = Parser.parse(String(source.prefix(RulesLimits.fileBytes)), file: "big.cbs")
        #expect(!fits.contains { $0.id == "rules.limit.file-size" })
    }

    @Test func bracketsNestingPastTheLimit() {
        let depth = RulesLimits.expressionDepth
        #expect(limitFindings(value(String(repeating: "(", count: depth - 1) + "1" + String(repeating: ")", count: depth - 1))).isEmpty)
        let found = limitFindings(value(String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)))
        #expect(found.map(\.message) == [
            "the expression nests more than 64 levels deep, over the expression-depth limit of 64",
        ])
        #expect(found.first?.id == "rules.limit.expression-depth")
    }

    @Test func aLongChainOfOperatorsIsDeepToo() {
        #expect(limitFindings(value(Array(repeating: "1", count: 64).joined(separator: " + "))).isEmpty)
        let found = limitFindings(value(Array(repeating: "1", count: 65).joined(separator: " + ")))
        #expect(found.map(\.id) == ["rules.limit.expression-depth"])
        #expect(limitFindings(value(Array(repeating: "true", count: 70).joined(separator: " and "))).count == 1)
        #expect(limitFindings(value(Array(repeating: "1", count: 70).joined(separator: " × "))).count == 1)
    }

    @Test func prefixOperatorsNestingPastTheLimit() {
        #expect(limitFindings(value(String(repeating: "not ", count: 70) + "true")).count == 1)
        #expect(limitFindings(value(String(repeating: "- ", count: 70) + "1")).count == 1)
    }

    /// Nesting far past the limit (enough to overflow the stack without it): one finding.
    @Test func hostileNestingIsRefusedOnce() {
        let n = 20_000
        let found = limitFindings(value(String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)))
        #expect(found.count == 1)
        let chain = limitFindings(value(Array(repeating: "1", count: n).joined(separator: "+")))
        #expect(chain.count == 1)
    }
}
