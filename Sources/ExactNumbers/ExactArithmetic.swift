extension Exact {
    public func adding(_ other: Exact) throws(ArithmeticError) -> Exact {
        // Whole numbers take this branch too: the initialiser returns at once for them.
        if denominator == other.denominator {
            let (n, o) = numerator.addingReportingOverflow(other.numerator)
            guard !o else { throw .overflow }
            return try Exact(numerator: n, denominator: denominator)
        }
        let g = Int128(Exact.gcd(denominator.magnitude, other.denominator.magnitude))
        let (left, o1) = numerator.multipliedReportingOverflow(by: other.denominator / g)
        let (right, o2) = other.numerator.multipliedReportingOverflow(by: denominator / g)
        let (sum, o3) = left.addingReportingOverflow(right)
        let (d, o4) = denominator.multipliedReportingOverflow(by: other.denominator / g)
        guard !(o1 || o2 || o3 || o4) else { throw .overflow }
        return try Exact(numerator: sum, denominator: d)
    }

    public func subtracting(_ other: Exact) throws(ArithmeticError) -> Exact {
        try adding(other.negated())
    }

    public func negated() throws(ArithmeticError) -> Exact {
        guard numerator != .min else { throw .overflow }
        return try Exact(numerator: -numerator, denominator: denominator)
    }

    public func multiplied(by other: Exact) throws(ArithmeticError) -> Exact {
        if denominator == 1 && other.denominator == 1 {
            let (n, o) = numerator.multipliedReportingOverflow(by: other.numerator)
            guard !o else { throw .overflow }
            return Exact(reduced: n, 1)
        }
        // Cross-reduce first so intermediate products stay small.
        let g1 = Int128(Exact.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Exact.gcd(other.numerator.magnitude, denominator.magnitude))
        let a = g1 == 0 ? numerator : numerator / g1
        let d2 = g1 == 0 ? other.denominator : other.denominator / g1
        let b = g2 == 0 ? other.numerator : other.numerator / g2
        let d1 = g2 == 0 ? denominator : denominator / g2
        let (n, o1) = a.multipliedReportingOverflow(by: b)
        let (d, o2) = d1.multipliedReportingOverflow(by: d2)
        guard !(o1 || o2) else { throw .overflow }
        return try Exact(numerator: n, denominator: d)
    }

    public func divided(by other: Exact) throws(ArithmeticError) -> Exact {
        guard !other.isZero else { throw .divisionByZero }
        return try multiplied(by: Exact(numerator: other.denominator, denominator: other.numerator))
    }

    public static func sum(_ values: some Sequence<Exact>) throws(ArithmeticError) -> Exact {
        var total = Exact.zero
        for value in values { total = try total.adding(value) }
        return total
    }

    public func clamped(to range: ClosedRange<Exact>) -> Exact {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }

    /// The greatest integer not above this value.
    public var floor: Int128 {
        let q = numerator / denominator
        return (numerator % denominator < 0) ? q - 1 : q
    }

    /// The least integer not below this value.
    public var ceiling: Int128 {
        let q = numerator / denominator
        return (numerator % denominator > 0) ? q + 1 : q
    }
}

// Trapping operators, for literals and figures known to be small (tests, fixed constants).
// Code that computes on input figures uses the throwing forms above.
extension Exact {
    public static func + (a: Exact, b: Exact) -> Exact { try! a.adding(b) }
    public static func - (a: Exact, b: Exact) -> Exact { try! a.subtracting(b) }
    public static func * (a: Exact, b: Exact) -> Exact { try! a.multiplied(by: b) }
    public static func / (a: Exact, b: Exact) -> Exact { try! a.divided(by: b) }
    public static prefix func - (a: Exact) -> Exact { try! a.negated() }
}

extension Exact: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
