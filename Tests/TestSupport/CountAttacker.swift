/// An attempt to work out withheld counts from published ones, written independently of the
/// suppression it tests: a search over whole numbers of 0 or more with bounds propagation on
/// the sums, no linear programming. A withheld cell is recovered when every solution gives it
/// the same value.
public struct CountAttacker {
    /// Each cell: its published value, or nil when withheld.
    public var published: [Int?]
    /// Each is Σ coefficient × cell = 0.
    public var equations: [[(cell: Int, coefficient: Int)]]
    /// No cell is larger (the overall number of people, say).
    public var bound: Int

    public init(published: [Int?], equations: [[(cell: Int, coefficient: Int)]], bound: Int) {
        self.published = published
        self.equations = equations
        self.bound = bound
    }

    /// Every value `cell` takes in some solution.
    public func possibleValues(of cell: Int) -> Set<Int> {
        if let v = published[cell] { return [v] }
        guard var domains = initialDomains(), propagate(&domains) else { return [] }
        var values = Set<Int>()
        for v in domains[cell]!.lo...domains[cell]!.hi {
            var trial = domains
            trial[cell] = (v, v)
            if solvable(trial) { values.insert(v) }
        }
        return values
    }

    /// Withheld cells whose value every solution fixes, with that value. Knowing one solution
    /// (the truth, when given), a cell is fixed when no solution has it below or above that.
    public func recovered(truth: [Int]? = nil) -> [Int: Int] {
        var result: [Int: Int] = [:]
        guard var domains = initialDomains(), propagate(&domains) else { return [:] }
        for cell in published.indices where published[cell] == nil {
            guard let value = truth?[cell] else {
                let values = possibleValues(of: cell)
                if values.count == 1 { result[cell] = values.first! }
                continue
            }
            let range = domains[cell]!
            var below = domains, above = domains
            below[cell] = (range.lo, value - 1)
            above[cell] = (value + 1, range.hi)
            let other = (value > range.lo && solvable(below)) || (value < range.hi && solvable(above))
            if !other { result[cell] = value }
        }
        return result
    }

    typealias Domains = [Int: (lo: Int, hi: Int)]

    func initialDomains() -> Domains? {
        var d: Domains = [:]
        for cell in published.indices where published[cell] == nil { d[cell] = (0, bound) }
        return d
    }

    /// Tightens each withheld cell's range from every sum until nothing changes; false when
    /// some sum cannot be met.
    func propagate(_ d: inout Domains) -> Bool {
        var changed = true
        while changed {
            changed = false
            for equation in equations {
                var constant = 0
                var unknown: [(cell: Int, coefficient: Int)] = []
                for term in equation {
                    if let v = published[term.cell] { constant += term.coefficient * v } else { unknown.append(term) }
                }
                // Σ c·x = −constant; each term's range, then each cell's from the others'.
                var lo = 0, hi = 0
                for t in unknown {
                    let r = d[t.cell]!
                    lo += min(t.coefficient * r.lo, t.coefficient * r.hi)
                    hi += max(t.coefficient * r.lo, t.coefficient * r.hi)
                }
                if -constant < lo || -constant > hi { return false }
                for t in unknown {
                    let r = d[t.cell]!
                    let own = (min(t.coefficient * r.lo, t.coefficient * r.hi), max(t.coefficient * r.lo, t.coefficient * r.hi))
                    let restLo = lo - own.0, restHi = hi - own.1
                    // c·x ∈ [−constant − restHi, −constant − restLo]
                    let a = -constant - restHi, b = -constant - restLo
                    var newLo: Int, newHi: Int
                    if t.coefficient > 0 {
                        newLo = ceilDiv(a, t.coefficient)
                        newHi = floorDiv(b, t.coefficient)
                    } else {
                        newLo = ceilDiv(b, t.coefficient)
                        newHi = floorDiv(a, t.coefficient)
                    }
                    newLo = max(newLo, r.lo)
                    newHi = min(newHi, r.hi)
                    if newLo > newHi { return false }
                    if newLo != r.lo || newHi != r.hi {
                        d[t.cell] = (newLo, newHi)
                        changed = true
                    }
                }
            }
        }
        return true
    }

    /// Is there a whole solution within `d`? Branches on the narrowest open range.
    func solvable(_ start: Domains) -> Bool {
        var d = start
        guard propagate(&d) else { return false }
        guard let open = d.filter({ $0.value.lo < $0.value.hi }).min(by: { a, b in
            (a.value.hi - a.value.lo, a.key) < (b.value.hi - b.value.lo, b.key)
        }) else {
            // Every cell fixed: check the sums exactly.
            return equations.allSatisfy { eq in
                eq.reduce(0) { $0 + $1.coefficient * (published[$1.cell] ?? d[$1.cell]!.lo) } == 0
            }
        }
        for v in open.value.lo...open.value.hi {
            var next = d
            next[open.key] = (v, v)
            if solvable(next) { return true }
        }
        return false
    }

    func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
}
