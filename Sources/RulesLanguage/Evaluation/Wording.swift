import Documents
import ExactNumbers

/// The evaluator's words: every sentence and step text of an explanation is phrased here, so a
/// phrase reads the same wherever it appears (text, HTML, JSON, summaries) and a change of
/// wording is one change. The expressions themselves are quoted as the scheme writes them, so
/// an officer can find them in the scheme file; names the scheme gives a title (lines, scores,
/// values, inputs) and bid fields are put in words where a sentence speaks of them.
public enum Wording {
    // MARK: Names in words

    /// `community-benefit-points` → `community benefit points` (the line's title),
    /// `bid.price` → `price`, `quality` → the input's title; other expressions as written.
    static func words(of node: Node, in program: Program) -> String {
        switch node.op {
        case .slot(let slot):
            let title = program.lines.first { $0.slot == slot }?.title
                ?? program.scores.first { $0.slot == slot }?.title
                ?? program.values.first { $0.slot == slot }?.title
                ?? program.inputs.first { $0.slot == slot }?.title
            return title.map(lowercasedFirst) ?? node.text
        case .bidField, .carried:
            return fieldWords(node.label.isEmpty ? node.text : node.label)
        default:
            return node.text
        }
    }

    /// `bid.price` → `price`, `fair_work.lowest_hourly_rate` → `lowest hourly rate`,
    /// `bid.submitted` → `submission`.
    static func fieldWords(_ name: String) -> String {
        let field = name.split(separator: ".").last.map(String.init) ?? name
        if field == "submitted" { return "submission" }
        if field == "id" { return "bid id" }
        return field.replacingOccurrences(of: "_", with: " ")
    }

    /// `Community benefit points` → `community benefit points`; `NLW rate` stays.
    static func lowercasedFirst(_ title: String) -> String {
        guard let first = title.first, first.isUppercase else { return title }
        let second = title.dropFirst().first
        if let second, second.isUppercase { return title }
        return first.lowercased() + title.dropFirst()
    }

    // MARK: Across the bids

    /// The figure name of `highest X` / `lowest X`: `the lowest price`.
    static func aggregateName(highest: Bool, of words: String) -> String {
        "the \(highest ? "highest" : "lowest") \(words)"
    }

    /// Where the highest or lowest value comes from.
    static func aggregateSource(bid: String, of count: Int) -> String {
        "bid \(bid), of \(count) bid\(count == 1 ? "" : "s") that passed the gates"
    }

    /// A tie-break as the scheme states it, in words: `more community benefit points`,
    /// `lower price`, `earlier submission`.
    static func tieBreak(direction: String, words: String) -> String { "\(direction) \(words)" }

    /// The note on a bid ranked above another with the same total: `same total as B-014-08
    /// (60); ranked above it by more community benefit points (43 against 40)`. `values` are
    /// this bid's and the other's figures for the rule that decided, when it compares figures.
    /// The last tie-breaks, when the scheme's own did not decide.
    public static let bidIDRule = "bid id"
    public static let positionRule = "position in the input"

    public static func tieNote(other: String, total: Exact, rule: String, values: (String, String)?) -> String {
        "same total as \(other) (\(Format.number(total))); ranked above it by \(rule)"
            + (values.map { " (\($0.0) against \($0.1))" } ?? "")
    }

    // MARK: Lines and scores

    /// A line with no commitment of its kind: `no volunteering commitments`.
    static func noCommitments(_ noun: String) -> String { "no \(noun) commitments" }

    /// `3 of 4 job commitments counted: 51 points` (before any cap: the cap is its own step).
    static func counted(_ n: Int, of total: Int, noun: String, points: Exact) -> String {
        "\(n) of \(total) \(noun) commitment\(total == 1 ? "" : "s") counted: \(Format.number(points)) points"
    }

    /// A line without commitments: `20 points` (before any cap).
    static func points(_ points: Exact) -> String { "\(Format.number(points)) points" }

    /// The cap step: `capped at 15: 5 cut`. The only place a cap is stated.
    static func cap(_ cap: Exact, cut: Exact) -> String {
        "capped at \(Format.number(cap)): \(Format.number(cut)) cut"
    }

    /// The texts of a line's points rows, fixed by the scheme: for each row, what comes
    /// before its points (`12 × apprenticeship.count = `) and after them. Where the rows are
    /// alternatives (more than one, or one with a `when`), the text after the points says
    /// which row applied and why, and that the others did not:
    /// `12 × apprenticeship.count = 24: applies (met: apprenticeship.weeks ≥ 52 weeks);
    /// 6 × apprenticeship.count otherwise: not applied`.
    static func pointsRows(_ rows: [(value: Node, condition: Node?)]) -> [(prefix: String, suffix: String)] {
        let alternatives = rows.count > 1 || rows.first?.condition != nil
        func written(_ row: (value: Node, condition: Node?)) -> String {
            row.value.text + (row.condition.map { " when \($0.text)" } ?? " otherwise")
        }
        return rows.indices.map { k in
            let prefix = "\(rows[k].value.text) = "
            guard alternatives else { return (prefix, "") }
            var suffix = rows[k].condition.map { ": applies (met: \($0.text))" } ?? ": applies otherwise"
            for j in rows.indices where j != k {
                suffix += "; \(written(rows[j])): not applied" + (j < k ? " (not met)" : "")
            }
            return (prefix, suffix)
        }
    }

    /// Why a commitment got no points when no points row applied.
    static func noRowApplies(_ rows: [(value: Node, condition: Node?)]) -> String {
        let conditions = rows.compactMap { $0.condition?.text }
        return "no points row applies" + (conditions.isEmpty ? "" : " (not met: \(conditions.joined(separator: "; ")))")
    }

    /// `+ 2: not applied (not met: names a priority group)`: the reason is the scheme's own
    /// words, which may be a condition or a statement, so it is quoted rather than made a
    /// sentence of ("names a priority group is not met" read twice over).
    static func adjustmentNotApplied(symbol: String, value: String, reason: String?) -> String {
        "\(symbol) \(value): not applied (not met: \(reason ?? ""))"
    }

    /// `× 1.5: area is deprived`, `+ 2 × job.count = 6: names a priority group`.
    static func adjustmentApplied(symbol: String, value: String, shown: Exact, reason: String?) -> String {
        let number = Format.number(shown)
        let text = value == number ? value : "\(value) = \(number)"
        return "\(symbol) \(text)" + (reason.map { ": \($0)" } ?? "")
    }

    /// `+ fair-work 20`, `+ 60 × price-score 18 ÷ 20 = 54`: one row of the total.
    static func totalRow(name: String, points: Exact, weight: Exact?, maximum: Exact?, contribution: Exact) -> String {
        guard let weight, let maximum else { return "+ \(name) \(Format.number(points))" }
        return "+ \(Format.number(weight)) × \(name) \(Format.number(points)) ÷ \(Format.number(maximum)) = \(Format.number(contribution))"
    }

    /// `20 + 72 = 92`: the total's sentence, each row as it adds to the total.
    static func totalSentence(_ parts: [String], sum: Exact) -> String {
        parts.joined(separator: " + ") + " = \(Format.number(sum))"
    }

    /// `+ J1 51`: a commitment's points added to its line.
    static func itemSum(ref: String, points: Exact) -> String { "+ \(ref) \(Format.number(points))" }
}
