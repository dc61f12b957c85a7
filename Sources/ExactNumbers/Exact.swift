/// An exact rational number: money, rates, points and scores never touch binary floating
/// point. Values are kept as a reduced fraction of two 128-bit integers, so any division a
/// scheme performs (80 × points / best) is exact and ranking compares unrounded values.
/// Every operation that could overflow has a throwing form; the trapping operators are
/// kept for literals and bounded figures in tests.
public struct Exact: Sendable, Hashable, Comparable {
    public let numerator: Int128
    /// Always positive; the fraction is always reduced.
    public let denominator: Int128

    public static let zero = Exact(0)
    public static let one = Exact(1)

    public init(_ integer: Int) {
        numerator = Int128(integer)
        denominator = 1
    }

    public init(_ integer: Int128) {
        numerator = integer
        denominator = 1
    }

    /// A fraction; reduced and normalised. Throws on a zero denominator.
    public init(numerator: Int128, denominator: Int128) throws(ArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero }
        // Whole numbers are already reduced: most figures a scheme computes are.
        if denominator == 1 {
            self.numerator = numerator
            self.denominator = 1
            return
        }
        if numerator == 0 {
            self.numerator = 0
            self.denominator = 1
            return
        }
        let divisor = Exact.gcd(numerator.magnitude, denominator.magnitude)
        var n = numerator / Int128(divisor)
        var d = denominator / Int128(divisor)
        if d < 0 {
            guard n != .min, d != .min else { throw .overflow }
            n = -n
            d = -d
        }
        self.numerator = n
        self.denominator = d
    }

    /// A fraction already reduced with a positive denominator (the caller guarantees it).
    init(reduced numerator: Int128, _ denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }
    public var isInteger: Bool { denominator == 1 }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        // Figures from documents fit in 64 bits; a 64-bit remainder is one instruction, a
        // 128-bit one a library call.
        while b != 0 {
            if (a | b) >> 64 == 0 {
                return UInt128(gcd64(UInt64(truncatingIfNeeded: a), UInt64(truncatingIfNeeded: b)))
            }
            (a, b) = (b, a % b)
        }
        return a
    }

    @inline(__always)
    static func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    public static func < (a: Exact, b: Exact) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        // Compare a.n * b.d with b.n * a.d without overflow, by continued-fraction steps.
        return compare(a, b) < 0
    }

    private static func compare(_ a: Exact, _ b: Exact) -> Int {
        let (l, lo) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (r, ro) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        if !lo && !ro { return l < r ? -1 : (l > r ? 1 : 0) }
        // Slow path: compare integer parts, then the reciprocals of the remainders.
        let (aq, ar) = a.floorDivision
        let (bq, br) = b.floorDivision
        if aq != bq { return aq < bq ? -1 : 1 }
        // Both remainders are in [0, 1): compare ar/a.d with br/b.d.
        if ar == 0 || br == 0 { return ar == br ? 0 : (ar == 0 ? -1 : 1) }
        // x < y  ⟺  1/x > 1/y for positive x, y.
        let inverseA = Exact(reduced: a.denominator, ar)
        let inverseB = Exact(reduced: b.denominator, br)
        return -compare(inverseA, inverseB)
    }

    /// floor(n / d) and the non-negative remainder.
    private var floorDivision: (Int128, Int128) {
        var q = numerator / denominator
        var r = numerator % denominator
        if r < 0 {
            q -= 1
            r += denominator
        }
        return (q, r)
    }
}

public enum ArithmeticError: Error, Sendable, Hashable, CustomStringConvertible {
    case overflow
    case divisionByZero

    public var description: String {
        switch self {
        case .overflow: "arithmetic overflow: a figure is too large to compute exactly"
        case .divisionByZero: "division by zero"
        }
    }
}
