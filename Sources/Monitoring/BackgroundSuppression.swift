import Documents

/// Which background counts are published (annual-report.md): none of 1 to 4 people, and none
/// that can be worked out from the others, within a set of people or across contracts.
///
/// `units[0]` is everyone; `units[1...]` are the contracts, whose counts add up to it (cell by
/// cell). Two audits, both exact (`DisclosureAudit`):
/// - the answers (recorded, the groups, school, free school meals) are audited as if each
///   set's number of people were known, since a reader can tell it from the jobs and
///   apprenticeships filled that the report shows as they are (rows d and e);
/// - a number of people withheld (1 to 4) is audited against the published figures alone.
/// Counts of 1 to 4 are withheld first; then, while a withheld count can be worked out, one
/// more is withheld beside it (in its sum, preferring a contract's count to the overall one,
/// a count above 0, and the smallest), and a withheld count that is not 1 to 4 and can be
/// worked out all the same is published again, since withholding it protects nothing.
public enum BackgroundSuppression {
    /// The most contracts with people whose figures are audited together. The exact audit
    /// grows about as the cube of the contracts (measured: 20 in 2 s, 25 in 4 to 9 s, 50 in minutes, debug
    /// build, docs/annual-report.md), so beyond this every contract's figures are withheld and
    /// everyone's are withheld as one set, as the portfolio's: a fixed rule, not a clock, so
    /// the same counts give the same report.
    public static let contractsAuditedTogether = 20

    public static func publish(_ units: [BackgroundCounts]) -> [BackgroundFigures] {
        guard !units.isEmpty else { return [] }
        // A set of nobody is all zeros, shown as such; left out of the audit, where its cells
        // would only be constants 0 in the sums across contracts.
        let audited = units.indices.filter { $0 == 0 || units[$0].people > 0 }
        var published: [Int: BackgroundFigures] = [:]
        if audited.count - 1 > contractsAuditedTogether {
            let withheld = everyoneAlone(units[0])
            published[0] = figures(units[0], base: 0, withheld: withheld)
            // A contract's count is shown only when everyone's is a shown 0 (it is then 0 too).
            let zeros = Set((0..<BackgroundCounts.Cell.count).filter { !withheld.contains($0) && units[0].cells[$0] == 0 })
            for i in audited.dropFirst() {
                published[i] = figures(units[i], base: 0, withheld: Set(0..<BackgroundCounts.Cell.count).subtracting(zeros))
            }
        } else {
            for (i, f) in zip(audited, publishTogether(audited.map { units[$0] })) { published[i] = f }
        }
        return units.indices.map { published[$0] ?? figures(units[$0], base: 0, withheld: []) }
    }

    /// Everyone's withheld cells when no contract's figure is shown. Each answer's counts of
    /// the contracts form a table whose row sums are the contracts' numbers of people (a
    /// reader may know them, rows d and e) and whose column sums are everyone's counts; the
    /// bounds of such a table's cells (Fréchet) pin a contract's count only where everyone's is
    /// 0 (it is 0, and shown) or everyone (it is the contract's number of people, which may be
    /// 1 to 4). So beyond everyone audited as one set, a question that everyone answered alike
    /// (a count equal to the number of people, or "recorded" equal to it) is withheld whole.
    static func everyoneAlone(_ everyone: BackgroundCounts) -> Set<Int> {
        typealias Cell = BackgroundCounts.Cell
        var withheld = choose(linked([everyone]), units: 1)
        let people = everyone.people
        guard people > 0 else { return withheld }
        let questions = [[Cell.recorded] + Array(Cell.groupsStart..<Cell.schoolStart), Array(Cell.schoolStart..<Cell.mealsStart),
                         Array(Cell.mealsStart..<Cell.count)]
        for question in questions where question.contains(where: { !withheld.contains($0) && everyone.cells[$0] == people }) {
            withheld.formUnion(question)
        }
        return withheld
    }

    /// The exact audit over `units` (everyone first, then the contracts adding up to it).
    static func publishTogether(_ units: [BackgroundCounts]) -> [BackgroundFigures] {
        let counts = linked(units)
        let withheld = choose(counts, units: units.count)
        return units.indices.map { figures(units[$0], base: $0 * BackgroundCounts.Cell.count, withheld: withheld) }
    }

    /// Every cell of every unit, with the sums within each unit and across the contracts.
    package static func linked(_ units: [BackgroundCounts]) -> LinkedCounts {
        let size = BackgroundCounts.Cell.count
        var values: [Int] = []
        var equations: [[(cell: Int, coefficient: Int)]] = []
        for (u, unit) in units.enumerated() {
            values += unit.cells
            equations += BackgroundCounts.Cell.equations(base: u * size)
        }
        if units.count > 1 {
            for cell in 0..<size {
                equations.append([(cell, 1)] + (1..<units.count).map { ($0 * size + cell, -1) })
            }
        }
        return LinkedCounts(values: values, equations: equations)
    }

    static func isPeople(_ cell: Int) -> Bool { cell % BackgroundCounts.Cell.count == BackgroundCounts.Cell.people }

    /// The withheld cells. Deterministic: the same counts give the same choice.
    package static func choose(_ counts: LinkedCounts, units: Int) -> Set<Int> {
        let all = Array(counts.values.indices)
        let primary = Set(all.filter { (1...4).contains(counts.values[$0]) })
        var withheld = primary
        let peopleCells = Set(all.filter(isPeople))
        // The answers, with every number of people known.
        protect(counts, withheld: &withheld, checked: primary.subtracting(peopleCells), known: peopleCells)
        // The numbers of people, from the published figures alone.
        protect(counts, withheld: &withheld, checked: primary.intersection(peopleCells), known: [])
        // A withheld count that is not 1 to 4 and can be worked out all the same protects
        // nothing: publish it (the figures published then allow exactly what they did).
        let known = DisclosureAudit.workedOut(counts, withheld: withheld, checked: withheld.subtracting(primary).sorted())
        withheld.subtract(known)
        // Were the search to fail (an exact step overflowing), withhold everything: a withheld
        // count above 0 can then always move with everything else.
        if !violations(counts, withheld: withheld).isEmpty { return Set(all) }
        return withheld
    }

    /// What an attacker could work out: a withheld count of 1 to 4 in the answers, knowing
    /// every number of people; any withheld count, from the published figures alone.
    package static func violations(_ counts: LinkedCounts, withheld: Set<Int>) -> Set<Int> {
        let peopleCells = Set(counts.values.indices.filter(isPeople))
        let answers = withheld.subtracting(peopleCells)
        let level1 = DisclosureAudit.workedOut(counts, withheld: answers,
                                               checked: answers.filter { (1...4).contains(counts.values[$0]) }.sorted())
        let level2 = DisclosureAudit.workedOut(counts, withheld: withheld, checked: withheld.sorted())
        return level1.union(level2)
    }

    /// Withholds more until no cell of `checked` can be worked out. `known` cells count as
    /// published whatever their state (and are never chosen).
    static func protect(_ counts: LinkedCounts, withheld: inout Set<Int>, checked: Set<Int>, known: Set<Int>) {
        // Each round withholds at least one more cell, so this ends.
        for _ in 0...counts.values.count {
            let given = DisclosureAudit.workedOut(counts, withheld: withheld.subtracting(known), checked: checked.sorted())
            guard let x = given.min() else { return }
            let unknown = withheld.subtracting(known)
            let candidates = complements(of: x, counts: counts, unknown: unknown, known: known)
            guard !candidates.near.isEmpty || !candidates.linked.isEmpty else {
                withheld.formUnion(counts.values.indices.filter { !known.contains($0) })
                return
            }
            // The cheapest cell that alone stops X being worked out; else the cheapest beside it.
            var chosen = candidates.near.first ?? candidates.linked[0]
            for c in (candidates.near + candidates.linked).prefix(400)
                where !DisclosureAudit.workedOut(counts, withheld: unknown.union([c]), checked: [x]).contains(x) {
                chosen = c
                break
            }
            withheld.insert(chosen)
        }
    }

    /// Published cells that could be withheld beside `x`, cheapest first (a contract's cell
    /// before the overall one, a count above 0 before a 0, the smaller count, the earlier
    /// cell): `near` share a sum with X; `linked` share one with a withheld cell linked to X.
    static func complements(of x: Int, counts: LinkedCounts, unknown: Set<Int>, known: Set<Int>)
        -> (near: [Int], linked: [Int]) {
        let size = BackgroundCounts.Cell.count
        func cost(_ a: Int) -> (Int, Int, Int, Int) { (a < size ? 1 : 0, counts.values[a] == 0 ? 1 : 0, counts.values[a], a) }
        var component: Set<Int> = [x]
        var frontier: Set<Int> = [x]
        var near = Set<Int>(), linked = Set<Int>()
        var first = true
        while !frontier.isEmpty {
            var next = Set<Int>()
            for equation in counts.equations where equation.contains(where: { frontier.contains($0.cell) }) {
                for term in equation where !known.contains(term.cell) {
                    if unknown.contains(term.cell) {
                        if component.insert(term.cell).inserted { next.insert(term.cell) }
                    } else if first {
                        near.insert(term.cell)
                    } else {
                        linked.insert(term.cell)
                    }
                }
            }
            first = false
            frontier = next
        }
        linked.subtract(near)
        return (near.sorted { cost($0) < cost($1) }, linked.sorted { cost($0) < cost($1) })
    }

    static func figures(_ unit: BackgroundCounts, base: Int, withheld: Set<Int>) -> BackgroundFigures {
        typealias Cell = BackgroundCounts.Cell
        func published(_ cell: Int) -> PublishedCount {
            PublishedCount(count: withheld.contains(base + cell) ? nil : unit.cells[cell])
        }
        let recorded = published(Cell.recorded)
        let groups = BackgroundGroup.allCases.enumerated().map { i, group in
            var figure = published(Cell.groupsStart + i)
            // A percentage of a withheld count, or of a withheld total, would give it away.
            if group != .notRecorded, let count = figure.count, let total = recorded.count, total > 0 {
                figure.percent = (try? Exact(numerator: Int128(count * 100), denominator: Int128(total)))
            }
            return PublishedAnswer(answer: BackgroundFigures.groupKeys[i], figure: figure)
        }
        return BackgroundFigures(
            people: published(Cell.people), recorded: recorded, groups: groups,
            school: BackgroundFigures.schoolKeys.enumerated().map {
                PublishedAnswer(answer: $0.element, figure: published(Cell.schoolStart + $0.offset))
            },
            freeSchoolMeals: BackgroundFigures.mealsKeys.enumerated().map {
                PublishedAnswer(answer: $0.element, figure: published(Cell.mealsStart + $0.offset))
            })
    }
}
