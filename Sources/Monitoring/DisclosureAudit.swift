import ExactNumbers

/// Counts tied together by sums (a total is the sum of its cells, the overall figure the sum of
/// the contracts'), some published and some withheld. The audit answers the question an
/// attacker asks: which withheld counts can be worked out exactly from the published ones,
/// knowing that every count is a whole number of 0 or more?
package struct LinkedCounts: Sendable {
    /// The true count of each cell.
    package var values: [Int]
    /// Each is Σ coefficient × cell = 0.
    package var equations: [[(cell: Int, coefficient: Int)]]

    package init(values: [Int], equations: [[(cell: Int, coefficient: Int)]]) {
        self.values = values
        self.equations = equations
    }
}

/// Exact, whole-table disclosure audit. A withheld cell X can be worked out iff every
/// non-negative solution agreeing with the published cells gives X its true value. The set of
/// solutions is convex and holds the truth, so X can be worked out iff no direction of change
/// keeps every equation and every cell that is 0 from going negative while moving X. That is:
/// X has no entry in the null space of the equations restricted to the withheld cells (linear
/// algebra, exact), or every such direction would take a withheld 0 below 0 (a small linear
/// programme over the null space, exact). Whole numbers add nothing: the sums have 0/±1
/// coefficients, so the extremes of each cell are whole numbers and a cell that can move can
/// take two whole values. When an exact step would overflow, the cell counts as worked out,
/// so the answer errs towards withholding more.
package enum DisclosureAudit {
    /// The cells of `checked` (each in `withheld`) that the published cells give away.
    package static func workedOut(_ counts: LinkedCounts, withheld: Set<Int>, checked: some Sequence<Int>) -> Set<Int> {
        // Equations restricted to withheld cells: published terms are constants, which shift a
        // solution but never the directions it can move in.
        var rows: [[(cell: Int, coefficient: Int)]] = []
        for equation in counts.equations {
            let unknown = equation.filter { withheld.contains($0.cell) && $0.coefficient != 0 }
            if !unknown.isEmpty { rows.append(unknown) }
        }
        // Components: cells linked through some equation.
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for cell in withheld { parent[cell] = cell }
        for row in rows {
            let first = find(row[0].cell)
            for term in row.dropFirst() {
                let other = find(term.cell)
                if other != first { parent[other] = first }
            }
        }
        var componentCells: [Int: [Int]] = [:]
        for cell in withheld.sorted() { componentCells[find(cell), default: []].append(cell) }
        var componentRows: [Int: [[(cell: Int, coefficient: Int)]]] = [:]
        for row in rows { componentRows[find(row[0].cell), default: []].append(row) }

        var result = Set<Int>()
        var nullSpaces: [Int: (index: [Int: Int], basis: [[Exact]])?] = [:]
        for x in checked where withheld.contains(x) {
            let root = find(x)
            let cells = componentCells[root] ?? [x]
            if nullSpaces[root] == nil {
                nullSpaces[root] = .some(nullSpace(cells: cells, rows: componentRows[root] ?? []))
            }
            guard case .some(.some(let space)) = nullSpaces[root], let column = space.index[x] else {
                result.insert(x)  // overflow: treat as worked out
                continue
            }
            if space.basis.allSatisfy({ $0[column].isZero }) {
                result.insert(x)
                continue
            }
            let zeros = cells.filter { counts.values[$0] == 0 }.compactMap { space.index[$0] }
            if zeros.isEmpty { continue }
            // X may rise (or fall, when it is above 0) along a direction that keeps the zeros
            // at 0 or above.
            let up = canMove(basis: space.basis, column: column, sign: 1, zeros: zeros)
            let down = counts.values[x] > 0 ? canMove(basis: space.basis, column: column, sign: -1, zeros: zeros) : false
            if !up && !down { result.insert(x) }
        }
        return result
    }

    /// A basis of the null space of the equations over `cells` (in that order), and each
    /// cell's column; nil when an exact step overflows.
    static func nullSpace(cells: [Int], rows: [[(cell: Int, coefficient: Int)]]) -> (index: [Int: Int], basis: [[Exact]])? {
        let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($0.element, $0.offset) })
        let n = cells.count
        var matrix: [[Exact]] = rows.map { row in
            var r = Array(repeating: Exact.zero, count: n)
            for term in row { r[index[term.cell]!] = r[index[term.cell]!] + Exact(term.coefficient) }
            return r
        }
        do {
            let pivots = try reduce(&matrix, columns: n)
            var basis: [[Exact]] = []
            let pivotColumns = Set(pivots.map(\.column))
            for free in 0..<n where !pivotColumns.contains(free) {
                var v = Array(repeating: Exact.zero, count: n)
                v[free] = .one
                for (row, column) in pivots {
                    v[column] = try matrix[row][free].negated()
                }
                basis.append(v)
            }
            return (index, basis)
        } catch {
            return nil
        }
    }

    /// Reduced row echelon form in place; the (row, column) of each pivot.
    static func reduce(_ m: inout [[Exact]], columns: Int) throws(ArithmeticError) -> [(row: Int, column: Int)] {
        var pivots: [(row: Int, column: Int)] = []
        var row = 0
        for column in 0..<columns where row < m.count {
            guard let p = (row..<m.count).first(where: { !m[$0][column].isZero }) else { continue }
            m.swapAt(row, p)
            let pivot = m[row][column]
            for j in 0..<columns where !m[row][j].isZero { m[row][j] = try m[row][j].divided(by: pivot) }
            for i in 0..<m.count where i != row && !m[i][column].isZero {
                let factor = m[i][column]
                for j in 0..<columns where !m[row][j].isZero {
                    m[i][j] = try m[i][j].subtracting(factor.multiplied(by: m[row][j]))
                }
            }
            pivots.append((row, column))
            row += 1
        }
        return pivots
    }

    /// Is there y with (B y)[column] = sign and (B y)[z] ≥ 0 for every z in `zeros`, B the
    /// basis as columns? An exact phase-one simplex; false when an exact step overflows.
    static func canMove(basis: [[Exact]], column: Int, sign: Int, zeros: [Int]) -> Bool {
        let k = basis.count
        // Variables: y⁺ (k), y⁻ (k), one surplus per zero. Rows: the zeros, then the cell.
        var a: [[Exact]] = []
        var b: [Exact] = []
        for (i, z) in zeros.enumerated() {
            var row = Array(repeating: Exact.zero, count: 2 * k + zeros.count)
            for j in 0..<k {
                row[j] = basis[j][z]
                row[k + j] = (try? basis[j][z].negated()) ?? .zero
            }
            row[2 * k + i] = Exact(-1)
            a.append(row)
            b.append(.zero)
        }
        var last = Array(repeating: Exact.zero, count: 2 * k + zeros.count)
        for j in 0..<k {
            let v = sign > 0 ? basis[j][column] : ((try? basis[j][column].negated()) ?? .zero)
            last[j] = v
            last[k + j] = (try? v.negated()) ?? .zero
        }
        a.append(last)
        b.append(.one)
        return (try? ExactSimplex.feasible(a, b)) ?? false
    }
}

/// Phase one of the simplex method in exact arithmetic with Bland's rule (so it cannot
/// cycle): is there x ≥ 0 with A x = b?
enum ExactSimplex {
    static func feasible(_ a: [[Exact]], _ b: [Exact]) throws(ArithmeticError) -> Bool {
        let m = a.count
        guard m > 0 else { return true }
        let n = a[0].count
        // Tableau: n variables, m artificials, then the right-hand side; rows with b ≥ 0.
        var t: [[Exact]] = []
        for i in 0..<m {
            var row = a[i]
            var rhs = b[i]
            if rhs.isNegative {
                row = try row.map { v throws(ArithmeticError) in try v.negated() }
                rhs = try rhs.negated()
            }
            var artificial = Array(repeating: Exact.zero, count: m)
            artificial[i] = .one
            t.append(row + artificial + [rhs])
        }
        var basis = Array(n..<(n + m))
        let width = n + m + 1
        // Objective: minimise the sum of artificials; reduced costs = −(sum of rows) on the
        // original columns.
        var cost = Array(repeating: Exact.zero, count: width)
        for i in 0..<m {
            for j in 0..<n { cost[j] = try cost[j].subtracting(t[i][j]) }
            cost[width - 1] = try cost[width - 1].subtracting(t[i][width - 1])
        }
        while true {
            // Bland: the lowest-numbered column with a negative reduced cost enters.
            guard let enter = (0..<(n + m)).first(where: { cost[$0].isNegative }) else { break }
            var leave: Int?
            var best = Exact.zero
            for i in 0..<m where t[i][enter] > .zero {
                let ratio = try t[i][width - 1].divided(by: t[i][enter])
                if leave == nil || ratio < best || (ratio == best && basis[i] < basis[leave!]) {
                    leave = i
                    best = ratio
                }
            }
            guard let r = leave else { return true }  // unbounded below cannot happen (costs ≥ 0); be safe
            let pivot = t[r][enter]
            for j in 0..<width where !t[r][j].isZero { t[r][j] = try t[r][j].divided(by: pivot) }
            for i in 0..<m where i != r && !t[i][enter].isZero {
                let f = t[i][enter]
                for j in 0..<width where !t[r][j].isZero { t[i][j] = try t[i][j].subtracting(f.multiplied(by: t[r][j])) }
            }
            if !cost[enter].isZero {
                let f = cost[enter]
                for j in 0..<width where !t[r][j].isZero { cost[j] = try cost[j].subtracting(f.multiplied(by: t[r][j])) }
            }
            basis[r] = enter
        }
        // Optimum of the artificials' sum is −cost[rhs]; feasible iff it is 0.
        return cost[width - 1].isZero
    }
}
