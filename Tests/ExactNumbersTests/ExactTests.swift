import Testing
@testable import ExactNumbers

@Suite struct ExactTests {
    @Test func parsesDecimalLexicalForms() throws {
        #expect(Exact(decimal: "13.45")?.decimalString() == "13.45")
        #expect(Exact(decimal: "-4.20")?.decimalString() == "-4.2")
        #expect(Exact(decimal: ".5")?.decimalString() == "0.5")
        #expect(Exact(decimal: "2310000.00")?.decimalString() == "2310000")
        #expect(Exact(decimal: "") == nil)
        #expect(Exact(decimal: "1.2.3") == nil)
        #expect(Exact(decimal: "1e3") == nil)
        #expect(Exact(decimal: "١٢") == nil)
        #expect(Exact(decimal: String(repeating: "9", count: 31)) == nil)
    }

    @Test func workedExampleArithmeticIsExact() throws {
        // 52 × 2,310,000 / 1,000,000 = 120.12 person-weeks required.
        let required = Exact(52) * Exact(decimal: "2310000.00")! / Exact(1_000_000)
        #expect(required.decimalString() == "120.12")
        // 80 × 72 / 90 = 64.
        #expect((Exact(80) * Exact(72) / Exact(90)).decimalString() == "64")
        // A tenth of a penny three times is three tenths, not 0.30000000000000004.
        let tenth = Exact(decimal: "0.1")!
        #expect(tenth + tenth + tenth == Exact(decimal: "0.3")!)
    }

    @Test func nonTerminatingQuotientsStayExactInComparison() throws {
        let a = Exact(80) * Exact(70) / Exact(90)   // 62.222…
        #expect(a.decimalString(maximumFractionDigits: 4) == "62.2222")
        #expect(a.formatted(places: 2) == "62.22")
        #expect(a * Exact(9) == Exact(560))
        #expect(a > Exact(decimal: "62.2222222222222222222222")!)
    }

    @Test func roundsHalfAwayFromZeroForDisplay() {
        #expect(Exact(decimal: "2.345")!.formatted(places: 2) == "2.35")
        #expect(Exact(decimal: "-2.345")!.formatted(places: 2) == "-2.35")
        #expect(Exact(decimal: "2.344")!.formatted(places: 2) == "2.34")
        #expect(Exact(decimal: "9.995")!.formatted(places: 2) == "10.00")
        #expect(Exact(decimal: "-0.001")!.formatted(places: 2) == "0.00")
        #expect(Exact(64).formatted(places: 2) == "64.00")
    }

    @Test func overflowAndDivisionByZeroThrowInsteadOfTrapping() {
        let huge = try! Exact(numerator: Int128.max / 2, denominator: 1)
        #expect(throws: ArithmeticError.overflow) { try huge.multiplied(by: Exact(3)) }
        #expect(throws: ArithmeticError.overflow) { try huge.adding(huge).adding(huge) }
        #expect(throws: ArithmeticError.divisionByZero) { try Exact(1).divided(by: .zero) }
    }

    @Test func comparesWithoutOverflowForLargeFractions() throws {
        let a = try Exact(numerator: Int128.max - 1, denominator: Int128.max - 2)
        let b = try Exact(numerator: Int128.max - 2, denominator: Int128.max - 3)
        // (m-1)/(m-2) < (m-2)/(m-3): both just above one, the second by more.
        #expect(a < b)
        #expect(!(b < a))
    }

    @Test func floorAndCeiling() {
        #expect(Exact(decimal: "2.5")!.ceiling == 3)
        #expect(Exact(decimal: "-2.5")!.floor == -3)
        #expect(Exact(7).ceiling == 7)
    }

    @Test func codableRoundTripKeepsFractions() throws {
        let value = Exact(80) * Exact(70) / Exact(90)
        let encoder = JSONEncoderLike()
        let text = encoder.encode(value)
        #expect(text == "560/9")
    }
}

/// Avoids a Foundation dependency in this module's tests: encode through a tiny encoder.
private struct JSONEncoderLike {
    func encode(_ value: Exact) -> String {
        value.isTerminatingDecimal ? value.decimalString() : "\(value.numerator)/\(value.denominator)"
    }
}
