import RulesLanguage
import Scoring

/// Turns the engine's wording (scheme expressions, field names, line ids, table names) into
/// words a bidder reads: `fair_work.lowest_hourly_rate ≥ real_living_wage` becomes
/// `lowest hourly rate ≥ Real Living Wage (UK)`. Used where a text leaves the authority
/// (the assessment summary); the officer's reports keep the scheme's own names, which the
/// scheme file can be searched for.
struct PlainWords {
    /// Line and score ids to their titles, table names to their titles.
    var names: [String: String] = [:]

    /// The names a ranking's explanations use, from the bids' lines and the figures' sources.
    init(_ ranking: Ranking, bids: [BidOutcome]) {
        for bid in bids {
            for gate in bid.explanation.gates { learn(gate.figures) }
            for line in bid.explanation.scores {
                if names[line.id] == nil, !line.title.isEmpty { names[line.id] = line.title.lowercasedFirst }
                learn(line.figures)
                for item in line.items { learn(item.figures) }
            }
        }
        for component in ranking.outline?.components ?? [] where names[component.id] == nil {
            names[component.id] = component.title.lowercasedFirst
        }
    }

    /// `table real_living_wage from 2025-10-22` names the table the figure is.
    private mutating func learn(_ figures: [Figure]) {
        for figure in figures where figure.source.hasPrefix("table ") {
            let name = figure.source.dropFirst(6).prefix { $0 != " " }
            if !name.isEmpty, names[String(name)] == nil { names[String(name)] = figure.name }
        }
    }

    /// Field words a bidder knows from the tender form; others lose their object and
    /// underscores (`job.weeks` → `weeks`).
    static let fields: [String: String] = [
        "lowest_hourly_rate": "lowest hourly rate",
        "living_wage_accredited": "Living Wage accreditation",
        "workforce_voice": "workforce voice",
        "zero_hours_contracts": "zero-hours contracts",
        "flexible_working": "flexible working",
        "gender_pay_gap_percent": "gender pay gap (%)",
        "social_enterprise": "social enterprise",
        "supported_business": "supported business",
        "hourly_rate": "hourly rate",
        "count": "number",
        "fte": "FTE",
        "target_groups": "priority groups",
        "estimated_value": "estimated contract value",
        "duration_weeks": "contract length in weeks",
        "closing_date": "closing date",
        "submitted": "time of submission",
        "size": "size",
        "name": "name",
    ]

    /// The text with every `object.field`, `deprived(…)`, id and table name in words.
    func text(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            guard c.isLetter || c == "_" else {
                out.append(c)
                index = text.index(after: index)
                continue
            }
            // A word: letters, digits, `_`, `-`, `.` (a field), as far as it goes.
            var end = index
            while end < text.endIndex, text[end].isLetter || text[end].isNumber || "_-.".contains(text[end]) { end = text.index(after: end) }
            var word = String(text[index..<end])
            var trailing = ""
            while let last = word.last, last == "." || last == "-" { trailing = String(last) + trailing; word.removeLast() }
            out += self.word(word) + trailing
            index = end
        }
        return Self.deprivedCalls(out)
    }

    func word(_ word: String) -> String {
        if let title = names[word] { return title }
        if let dot = word.firstIndex(of: "."), word[word.index(after: dot)...].allSatisfy({ $0.isLetter || $0 == "_" }) {
            let field = String(word[word.index(after: dot)...])
            let object = word[..<dot]
            if object == "bid" && field == "price" { return "price" }
            return Self.fields[field] ?? field.replacingOccurrences(of: "_", with: " ")
        }
        if word.contains("_") { return word.replacingOccurrences(of: "_", with: " ") }
        return word
    }

    /// `deprived(area)` → `area is deprived`.
    static func deprivedCalls(_ text: String) -> String {
        var out = text
        while let open = out.range(of: "deprived("), let close = out[open.upperBound...].firstIndex(of: ")") {
            let inner = out[open.upperBound..<close]
            out.replaceSubrange(open.lowerBound...close, with: "\(inner) is deprived")
        }
        return out
    }

    /// `SupplyChain` → `supply chain`, `WorkPlacement` → `work placement`.
    static func kind(_ element: String) -> String {
        var out = ""
        for (i, c) in element.enumerated() {
            if c.isUppercase, i > 0 { out += " " }
            out += c.lowercased()
        }
        return out
    }
}

extension String {
    /// `Community benefit points` → `community benefit points`; `NLW` and `Real Living Wage` keep their capitals.
    var lowercasedFirst: String {
        guard let first, first.isUppercase else { return self }
        let second = dropFirst().first
        if second?.isUppercase == true { return self }
        let words = split(separator: " ")
        if words.count > 1, words.dropFirst().allSatisfy({ $0.first?.isUppercase == true }) { return self }
        return first.lowercased() + dropFirst()
    }
}
