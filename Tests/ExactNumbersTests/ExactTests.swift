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

/// The whole-number and 64-bit fast paths of Exact give what the general algorithm gives.
@Suite struct ExactFastPathTests {
    /// The general algorithm, written out: reduce by the 128-bit gcd.
    static func reference(_ n: Int128, _ d: Int128) -> (Int128, Int128) {
        var (a, b) = (n.magnitude, d.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        var (p, q) = (n / Int128(a), d / Int128(a))
        if q < 0 { (p, q) = (-p, -q) }
        return (p, q)
    }

    static let samples: [Int128] = [
        0, 1, -1, 2, 3, 7, 10, 12, 35, 100, 1000, -250, 1 << 40, -(1 << 40), Int128(Int64.max), Int128(Int64.min),
        Int128(UInt64.max), Int128(UInt64.max) + 1, Int128(UInt64.max) * 3, -(Int128(UInt64.max) * 5), 1 << 100, 123_456_789_012,
    ]

    @Test func reducedFractionsMatchTheGeneralAlgorithm() throws {
        for n in Self.samples {
            for d in Self.samples where d != 0 {
                let e = try Exact(numerator: n, denominator: d)
                let (p, q) = n == 0 ? (0, 1) : Self.reference(n, d)
                #expect(e.numerator == p && e.denominator == q, "\(n)/\(d)")
            }
        }
    }

    @Test func arithmeticMatchesTheGeneralForm() throws {
        let values = try Self.samples.flatMap { n in try [1, 2, 100, 7].map { try Exact(numerator: n, denominator: $0) } }
        for a in values {
            for b in values {
                // a + b and a × b from the definitions, reduced by the reference.
                let (sn, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator)
                let (tn, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator)
                let (num, o3) = sn.addingReportingOverflow(tn)
                let (den, o4) = a.denominator.multipliedReportingOverflow(by: b.denominator)
                if !(o1 || o2 || o3 || o4), let sum = try? a.adding(b) {
                    let (p, q) = num == 0 ? (0, 1) : Self.reference(num, den)
                    #expect(sum.numerator == p && sum.denominator == q, "\(a) + \(b)")
                }
                let (pn, o5) = a.numerator.multipliedReportingOverflow(by: b.numerator)
                if !(o4 || o5), let product = try? a.multiplied(by: b) {
                    let (p, q) = pn == 0 ? (0, 1) : Self.reference(pn, den)
                    #expect(product.numerator == p && product.denominator == q, "\(a) × \(b)")
                }
            }
        }
        #expect(throws: ArithmeticError.overflow) { try Exact(Int128.max).adding(Exact(1)) }
        #expect(throws: ArithmeticError.overflow) { try Exact(Int128.max).multiplied(by: Exact(2)) }
    }

    /// Rendering in one scaled division gives the digits of the long division.
    @Test func renderingMatchesLongDivision() throws {
        func longDivision(_ v: Exact, places: Int) -> String {
            let negative = v.numerator < 0
            let d = v.denominator.magnitude
            var integer = v.numerator.magnitude / d
            var r = v.numerator.magnitude % d
            var digits: [Int] = []
            for _ in 0..<places {
                digits.append(Int((r * 10) / d))
                r = (r * 10) % d
            }
            if r * 2 >= d && r != 0 {
                var i = digits.count - 1
                while i >= 0 && digits[i] == 9 { digits[i] = 0; i -= 1 }
                if i >= 0 { digits[i] += 1 } else { integer += 1 }
            }
            let nonZero = integer != 0 || digits.contains { $0 != 0 }
            return (negative && nonZero ? "-" : "") + String(integer) + (places > 0 ? "." + digits.map(String.init).joined() : "")
        }
        let values = try [(1, 3), (2, 3), (-1, 3), (1, 200), (-1, 200), (-1, 1000), (999_999, 1000), (5, 1), (-5, 2),
                          (80 * 72, 90), (1, 7), (-22, 7), (123_456_789, 8)].map { try Exact(numerator: $0, denominator: $1) }
        for v in values {
            for places in [0, 1, 2, 3, 20] {
                #expect(v.formatted(places: places) == longDivision(v, places: places), "\(v.numerator)/\(v.denominator) to \(places)")
            }
        }
        // Values past 64 bits once scaled, integer parts either side of 2^64, and a seeded
        // spread of fractions: the digits come in 19-digit steps there.
        var large = try [(Int128(UInt64.max) * 7 + 3, Int128(7)), (Int128(10_000_000_000_000_000_000) * 3 + 1, Int128(3)),
                         (-Int128(UInt64.max) - 2, Int128(1)), (Int128(1) << 100, Int128(999_983))]
            .map { try Exact(numerator: $0.0, denominator: $0.1) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> Int128 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int128((state >> 11) % bound)
        }
        for _ in 0..<2000 {
            let n: Int128 = next(1 << 52) * next(10_000_000) - next(1 << 40)
            large.append(try Exact(numerator: n, denominator: next(1_000_000) + 1))
        }
        for v in large {
            for places in [0, 2, 19, 20] {
                #expect(v.formatted(places: places) == longDivision(v, places: places), "\(v.numerator)/\(v.denominator) to \(places)")
            }
            var expected = longDivision(v, places: v.isTerminatingDecimal ? 36 : 20)
            while expected.hasSuffix("0"), expected.contains(".") { expected.removeLast() }
            if expected.hasSuffix(".") { expected.removeLast() }
            if expected == "-0" { expected = "0" }
            #expect(v.decimalString() == expected, "\(v.numerator)/\(v.denominator)")
        }
        #expect(Exact(decimal: "-0.001")!.formatted(places: 2) == "0.00")
        #expect(Exact(decimal: "64.5")!.decimalString() == "64.5")
        #expect(Exact(decimal: "-12.340")!.decimalString() == "-12.34")
        #expect(Exact(decimal: "72")!.decimalString() == "72")
    }
}
