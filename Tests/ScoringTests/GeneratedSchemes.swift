import Areas
import Diagnostics
import Documents
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring

// Random well-typed schemes that use every construct of the rules language, random bids for
// them, and the properties every evaluation must have. Shared by the test suite (a fixed
// seed) and the `generated-schemes` fuzz target (Fuzz/Sources/cbscore-fuzz links this file),
// so it uses public API only.

/// Draws from the bytes it is given, then from a SplitMix64 seeded by them: a fuzzer's
/// mutations of the bytes change the choices they stand for, and any input gives a whole
/// scheme.
struct ByteSource: RandomNumberGenerator {
    private var bytes: [UInt8]
    private var index = 0
    private var state: UInt64

    init(bytes: [UInt8]) {
        self.bytes = bytes
        state = bytes.reduce(0x9E37_79B9_7F4A_7C15) { ($0 &* 31) &+ UInt64($1) }
    }

    init(seed: UInt64) {
        bytes = []
        state = seed
    }

    mutating func next() -> UInt64 {
        if index + 8 <= bytes.count {
            defer { index += 8 }
            return bytes[index..<index + 8].reduce(0) { ($0 << 8) | UInt64($1) }
        }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random scheme, as text, and what the bids for it need.
struct GeneratedScheme {
    var text: String
    /// Inputs the scheme declares: each bid gets a value (or, rarely, none: a refusal).
    var inputs: [String]
}

struct SchemeGenerator {
    var rng: ByteSource

    init(_ rng: ByteSource) { self.rng = rng }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ oneIn: Int) -> Bool { int(1...oneIn) == 1 }
    mutating func pick<T>(_ options: [T]) -> T { options[int(0...(options.count - 1))] }

    static let kinds = ["job", "apprenticeship", "placement", "training", "supply_chain", "volunteering"]

    // MARK: Numbers

    /// A plain number: literal, decimal, a quotient of money, a count of commitments.
    mutating func plain(depth: Int = 0, item: String? = nil) -> String {
        switch depth > 1 ? int(0...1) : int(0...7) {
        case 0: return String(int(0...12))
        case 1: return pick(["0.5", "1.5", "2.25", "0.1", "3"])
        case 2: return "(\(plain(depth: depth + 1, item: item)) + \(plain(depth: depth + 1, item: item)))"
        case 3: return "\(plain(depth: depth + 1, item: item)) × \(plain(depth: depth + 1, item: item))"
        case 4: return "(\(plain(depth: depth + 1, item: item)) ÷ \(pick(["2", "3", "7", "0.5"])))"
        case 5: return "(\(plain(depth: depth + 1, item: item)) - \(plain(depth: depth + 1, item: item)))"
        case 6:
            let kind = pick(Self.kinds)
            return "(count for each \(kind)\(chance(2) ? " where (\(itemCondition(kind)))" : ""))"
        default:
            if item == "supply_chain" { return "supply_chain.amount ÷ £\(pick(["20,000", "40,000", "7,000"]))" }
            return "bid.price ÷ £\(pick(["1,000,000", "250,000"]))"
        }
    }

    /// A counted figure of commitment `kind`: its count, weeks, hours or fte.
    mutating func quantity(_ kind: String) -> String {
        switch kind {
        case "job": return pick(["job.count", "job.weeks", "job.count × job.fte", "job.count × job.fte × job.weeks", "job.fte"])
        case "apprenticeship": return pick(["apprenticeship.count", "apprenticeship.weeks", "apprenticeship.count × apprenticeship.weeks"])
        case "placement": return pick(["placement.count", "placement.weeks"])
        case "training": return pick(["training.count", "training.hours", "training.count × training.hours ÷ 35"])
        case "supply_chain": return "supply_chain.amount ÷ £\(pick(["20,000", "40,000"]))"
        default: return pick(["volunteering.hours", "volunteering.hours ÷ 50"])
        }
    }

    /// Points a commitment of `kind` gives.
    mutating func itemPoints(_ kind: String) -> String {
        switch int(0...3) {
        case 0: return plain(item: kind)
        case 1: return quantity(kind)
        case 2: return "\(plain(depth: 1, item: kind)) × \(quantity(kind))"
        default: return "\(quantity(kind)) + \(plain(depth: 1, item: kind))"
        }
    }

    // MARK: Conditions

    mutating func itemCondition(_ kind: String) -> String {
        var options: [String] = ["\(quantity(kind)) ≥ \(plain(depth: 2))", "\(kind).ref = \"C\(int(1...9))\"", bidCondition(depth: 2)]
        switch kind {
        case "job":
            options += ["job.hourly_rate < rlw", "job.hourly_rate ≥ £13.45 per hour", "deprived(job.area)", "job.area is deprived",
                        "job.target_groups includes any of priority", "job.target_groups includes young-person",
                        "job.weeks < 26", "deprived(job.area) and decile(job.area) ≤ 1", "job.fte ≥ 0.8",
                        "job.target_groups includes groups disabled, veteran"]
            if chance(4) { options.append("decile(job.area) ≤ 2") }
        case "apprenticeship":
            options += ["apprenticeship.level is modern", "apprenticeship.level is one of foundation, graduate",
                        "apprenticeship.weeks ≥ 52", "deprived(apprenticeship.area)",
                        "apprenticeship.target_groups includes any of priority"]
        case "placement":
            options += ["placement.weeks ≥ 4", "placement.target_groups includes school-pupil"]
        case "training":
            options += ["training.hours ≥ 35"]
        case "supply_chain":
            options += ["supply_chain.kind is one of sme, social-enterprise", "supply_chain.kind is not local",
                        "supply_chain.amount > £50,000", "supply_chain.kind is supported-business"]
        default:
            options += ["volunteering.hours > 100"]
        }
        let c = pick(options)
        switch int(0...7) {
        case 0: return "not (\(c))"
        case 1: return "(\(c)) and (\(pick(options)))"
        case 2: return "(\(c)) or (\(pick(options)))"
        default: return c
        }
    }

    var values: [String] = []
    var inputs: [String] = []
    var lines: [String] = []

    mutating func bidCondition(depth: Int = 0) -> String {
        var options = [
            "fair_work.lowest_hourly_rate ≥ rlw", "fair_work.lowest_hourly_rate < nlw", "bidder.living_wage_accredited",
            "not fair_work.zero_hours_contracts", "fair_work.workforce_voice", "fair_work.flexible_working",
            "bid.submitted ≥ 2026-03-\(10 + int(0...9))", "bid.submitted < tender.closing_date", "bidder.size is one of micro, small",
            "bidder.size is not large", "bid.price < £\(pick(["1,000,000", "2,000,000"]))", "bid.price ≤ tender.estimated_value",
            "tender.duration_weeks = 156", "bid.id ≠ \"B-1\"", "10% × bid.price > £100,000",
            "(count for each job) ≥ \(int(1...3))", "(sum of \(quantity("training")) for each training) > \(int(0...40))",
            "bidder.social_enterprise or bidder.supported_business",
        ]
        if chance(6) { options.append("fair_work.gender_pay_gap_percent < 10%") }
        if chance(4) { options.append("late ≥ 1") }
        for v in values { options.append("\(v) ≥ \(plain(depth: 2))") }
        for i in inputs { options.append("\(i) ≥ \(int(20...60))") }
        for l in lines { options.append("\(l) > \(int(0...10))") }
        let c = pick(options)
        guard depth < 2 else { return c }
        switch int(0...6) {
        case 0: return "not (\(c))"
        case 1: return "(\(c)) and (\(bidCondition(depth: depth + 1)))"
        case 2: return "((\(c)) or (\(bidCondition(depth: depth + 1))))"
        default: return c
        }
    }

    // MARK: The scheme

    mutating func scheme() -> GeneratedScheme {
        values = []
        inputs = []
        lines = []
        var out = "scheme \"Generated\"\nversion \"1\"\n\n"
        let rlwStart = chance(3) ? "2026-03-08" : "2025-10-22"
        out += """
            table rlw "Real Living Wage" short RLW in £ per hour
              £12.60 from 2024-10-24
              £13.45 from \(rlwStart)
            end
            table nlw "National Living Wage" in £ per hour
              £12.21 from 2025-04-01
            end
            table late "A table that starts late" in points
              1 from 2026-03-0\(int(2...9))
            end
            table bonus "Bonus points" in points
              2 from 2025-01-01
              3 from 2026-03-12
            end
            constant priority = \(pick(["all groups except school-pupil", "groups young-person, disabled, care-experienced", "all groups"]))
            constant factor = \(pick(["1.5", "2", "0.5 + 1"]))

            """
        if chance(3) {
            out += "input quality \"Panel quality\" maximum 100\n"
            inputs.append("quality")
        }
        var maxima: [(String, Int)] = []
        for i in 1...int(1...3) {
            let kind = pick(Self.kinds)
            let name = "v\(i)"
            switch int(0...3) {
            case 0: out += "value \(name) \"Value \(i)\" = sum of \(itemPoints(kind)) for each \(kind)\n"
            case 1: out += "value \(name) = sum of \(quantity(kind)) for each \(kind) where (\(itemCondition(kind)))\n"
            case 2: out += "value \(name) = count for each \(kind) where (\(itemCondition(kind)))\n"
            default: out += "value \(name) = \(plain()) + \(values.isEmpty ? "1" : values.last!)\n"
            }
            values.append(name)
        }
        for g in 1...int(1...2) {
            out += "gate g\(g) \"Gate \(g)\"\n  pass when \(bidCondition())\n"
            if chance(3) { out += "  explain \"offers {\(pick(values))} for {bid.price}, tables {rlw}\"\n" }
            out += "end\n"
            if chance(2), g == 1 {
                let kind = pick(Self.kinds)
                values.append("w")
                out += "value w = sum of \(quantity(kind)) for each \(kind)\n"
            }
        }
        for l in 1...int(2...5) {
            let id = "line-\(["a", "b", "c", "d", "e"][l - 1])"
            var body = ""
            if chance(4) {
                // A line across the bid: plus rows, or the sum of lines above.
                if !lines.isEmpty, chance(2) {
                    body += "  points \(lines.shuffled(using: &rng).prefix(int(1...lines.count)).joined(separator: " + "))\n"
                } else {
                    for _ in 0..<int(1...4) { body += "  plus \(pick(["1", "2", "bonus", "3 points", "0.5"])) when \(bidCondition())\n" }
                }
                out += "line \(id) \"Line \(l)\"\n\(body)"
            } else {
                let kind = pick(Self.kinds)
                out += "line \(id) \"Line \(l)\" for each \(kind)\n"
                for _ in 0..<int(0...2) {
                    body += "  skip when \(itemCondition(kind)) because \"\(pick(["not counted", "too short", "below the rate"]))\"\n"
                }
                let rows = int(0...3)
                for r in 0..<rows {
                    if r == rows - 1, chance(2) {
                        body += "  points \(itemPoints(kind))\(chance(2) ? " otherwise" : "")\n"
                    } else {
                        body += "  points \(itemPoints(kind)) when \(itemCondition(kind))\n"
                    }
                }
                for _ in 0..<int(rows == 0 ? 1...3 : 0...3) {
                    let because = chance(2) ? " because \"\(pick(["deprived area", "priority group", "bonus"]))\"" : ""
                    switch int(0...3) {
                    case 0: body += "  times \(pick(["1.5", "factor", "2", "50%", "0.5"])) when \(itemCondition(kind))\(because)\n"
                    case 1: body += "  plus \(itemPoints(kind)) when \(itemCondition(kind))\(because)\n"
                    case 2: body += "  minus \(pick(["1", "0.5", quantity(kind)]))\(chance(2) ? " when \(itemCondition(kind))" : "")\(because)\n"
                    default: body += "  plus \(pick(["1", "bonus", "2 points"]))\n"
                    }
                }
                out += body
            }
            let maximum = int(5...40)
            if chance(2) { out += "  cap \(maximum)\n" } else { out += "  maximum \(maximum)\n" }
            out += "end\n"
            maxima.append((id, maximum))
            lines.append(id)
        }
        // Scores across the bids.
        let best = pick(lines)
        let priceCapped = chance(2)
        out += """
            score relative "Relative" 
              points 80 × \(best) ÷ highest \(best) when highest \(best) > 0
              points 0 otherwise
              maximum 80
            end
            score price "Price"
              points 20 × lowest bid.price ÷ bid.price
              \(chance(2) ? "plus 1 when bid.price = lowest bid.price" : "times 1")
              \(priceCapped ? "cap 20" : "maximum 21")
            end

            """
        let priceMaximum = priceCapped ? 20 : 21
        maxima.append(("relative", 80))
        maxima.append(("price", priceMaximum))
        if inputs.contains("quality") { maxima.append(("quality", 100)) }
        // The total: plain maxima, or weights.
        let rows = maxima.shuffled(using: &rng).prefix(int(1...maxima.count))
        if chance(2) {
            let outOf = rows.reduce(0) { $0 + $1.1 }
            out += "total \"Total\" out of \(outOf)\n" + rows.map { "  \($0.0)\n" }.joined() + "end\n"
        } else {
            let weights = rows.map { _ in int(1...30) }
            let outOf = weights.reduce(0, +)
            out += "total \"Total\" out of \(outOf)\n" + zip(rows, weights).map { "  \($0.0) weighted \($1)\n" }.joined() + "end\n"
        }
        out += "ties broken by\n"
        for _ in 0..<int(0...2) { out += "  \(pick(["more", "less"])) \(pick(lines))\n" }
        if chance(2) { out += "  lower bid.price\n" }
        if !inputs.isEmpty, chance(2) { out += "  more quality\n" }
        out += "  \(pick(["earlier", "later"])) bid.submitted\n  bid.id\nend\n"
        return GeneratedScheme(text: out, inputs: inputs)
    }
}

// MARK: - Bids

enum GeneratedBids {
    static let tender = Tender(id: "T-GEN", title: "Generated tender", authority: "Test authority",
                               estimatedValue: Money(Exact(2_000_000)), durationWeeks: 156,
                               closingDate: CalendarDate(year: 2026, month: 3, day: 31)!,
                               location: SourceLocation(file: "tender.xml", line: 1, column: 1))

    /// Area codes with their deciles, on both sides of the deprived edge; one the tables do
    /// not know (a refusal).
    static let deciles: [String: Int] = ["S01000001": 1, "S01000002": 2, "S01000003": 3, "S01000004": 7, "E01000005": 10]
    static let unknownArea = "S01999999"

    struct Areas: AreaLookup {
        func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
            guard let decile = GeneratedBids.deciles[text] else {
                throw AreaLookupError(query: text, message: "unknown area '\(text)' (generated tables)")
            }
            let index: DeprivationIndex = text.hasPrefix("E") ? .imd2019 : .simd2020v2
            return AreaInfo(query: text, code: text, index: index, rank: decile * 600 - 1, decile: decile, quintile: (decile + 1) / 2)
        }
    }

    static func bids(_ g: inout SchemeGenerator, count: Int) -> [Bid] {
        (1...count).map { bid(&g, id: "B-\($0)") }
    }

    static func bid(_ g: inout SchemeGenerator, id: String) -> Bid {
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: "\(id).xml", line: line, column: 3) }
        func money(_ text: String) -> Money { Money(Exact(decimal: text)!) }
        func area() -> AreaReference? {
            if g.chance(8) { return AreaReference(unknownArea, at: at(90)) }
            return g.chance(3) ? nil : AreaReference(g.pick(Array(deciles.keys).sorted()), at: at(90))
        }
        func groups() -> [TargetGroup] { TargetGroup.allCases.filter { _ in g.chance(5) } }
        var commitments: [Commitment] = []
        for n in 0..<g.int(0...6) {
            let ref = "C\(n + 1)"
            switch g.int(0...5) {
            case 0:
                commitments.append(.job(Job(ref: ref, count: g.int(1...5), fte: Exact(decimal: g.pick(["1", "0.5", "0.8"]))!,
                                            weeks: g.int(10...104), hourlyRate: money(g.pick(["12.50", "13.45", "13.60", "15.00"])),
                                            area: area(), role: g.chance(2) ? "joiner" : nil, targetGroups: groups(), location: at(20 + n))))
            case 1:
                commitments.append(.apprenticeship(Apprenticeship(ref: ref, count: g.int(1...3), weeks: g.int(26...156),
                                                                  level: g.pick(ApprenticeshipLevel.allCases), area: area(),
                                                                  targetGroups: groups(), location: at(20 + n))))
            case 2:
                commitments.append(.workPlacement(WorkPlacement(ref: ref, count: g.int(1...12), weeks: g.int(1...12),
                                                                targetGroups: groups(), location: at(20 + n))))
            case 3:
                commitments.append(.training(Training(ref: ref, count: g.int(1...30), hours: g.int(1...70), location: at(20 + n))))
            case 4:
                commitments.append(.supplyChain(SupplyChain(ref: ref, kind: g.pick(SupplyChainKind.allCases),
                                                            amount: Money(Exact(g.int(0...500) * 1000)), location: at(20 + n))))
            default:
                commitments.append(.volunteering(Volunteering(ref: ref, hours: g.int(0...400), location: at(20 + n))))
            }
        }
        let day = g.int(1...20), hour = g.int(0...23)
        let submitted = Instant(iso: "2026-03-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):30:00Z")!
        return Bid(id: id, tenderID: tender.id, submitted: submitted,
                   bidder: Bidder(name: "Bidder \(id)", size: g.pick(BidderSize.allCases), socialEnterprise: g.chance(3),
                                  supportedBusiness: g.chance(5), livingWageAccredited: g.chance(2)),
                   price: Money(Exact(g.int(100...3000) * 1000)),
                   fairWork: FairWork(lowestHourlyRate: money(g.pick(["12.20", "12.71", "13.45", "14.00"])),
                                      zeroHoursContracts: g.chance(2), workforceVoice: g.chance(2), flexibleWorking: g.chance(2),
                                      genderPayGapPercent: g.chance(2) ? Exact(g.int(0...20)) : nil),
                   commitments: commitments, location: at(2))
    }

    /// Every input for every bid, but (rarely) one bid without a value.
    static func inputs(_ g: inout SchemeGenerator, names: [String], bids: [Bid]) -> [String: [String: Exact]] {
        var out: [String: [String: Exact]] = [:]
        for name in names {
            for bid in bids where !g.chance(30) { out[name, default: [:]][bid.id] = Exact(g.int(0...100)) }
        }
        return out
    }
}

// MARK: - Properties

/// What every evaluation must satisfy, whatever the scheme: a silent run and a recording run
/// give the same numbers and the same refusals, and every recorded explanation adds up (each
/// step's figures give its result).
struct SchemeProperties {
    var problems: [String] = []
    var bids = 0
    var refused = 0
    var excluded = 0
    var steps = 0

    mutating func problem(_ text: String) { problems.append(text) }

    /// Runs `program` on `bids`, per bid and across them, in every detail.
    mutating func check(_ program: Program, bids list: [Bid], inputs: [String: [String: Exact]]) {
        let areas = GeneratedBids.Areas()
        let tender = GeneratedBids.tender
        var ids: [String] = [], quiet: [BidResult] = [], told: [BidResult] = [], mixed: [BidResult] = []
        for (n, bid) in list.enumerated() {
            bids += 1
            var given: [String: Exact] = [:]
            for name in program.inputNames { given[name] = inputs[name]?[bid.id] }
            let summary = program.evaluate(bid: bid, tender: tender, areas: areas, inputs: given, detail: .summary)
            let full = program.evaluate(bid: bid, tender: tender, areas: areas, inputs: given, detail: .full)
            let gates = program.evaluate(bid: bid, tender: tender, areas: areas, inputs: given, detail: .gates)
            let table = program.evaluate(bid: bid, tender: tender, areas: areas, inputs: given, detail: .table)
            switch (summary, full) {
            case (.failure(let a), .failure(let b)):
                refused += 1
                if a.diagnostics != b.diagnostics { problem("\(bid.id): silent and recorded refusals differ: \(a) / \(b)") }
                if case .failure(let c) = table, c.diagnostics == b.diagnostics {} else { problem("\(bid.id): the table run does not refuse alike") }
                if case .success = gates {} else if case .failure(let c) = gates, c.diagnostics != b.diagnostics {
                    problem("\(bid.id): the gates-only refusal differs: \(c)")
                }
            case (.success(let a), .success(let b)):
                sameNumbers(a, b, program, bid.id)
                recompute(b.explanation, bid.id)
                switch gates {
                case .success(let c):
                    if c.explanation.gates != b.explanation.gates { problem("\(bid.id): gates-only gates differ from the full ones") }
                case .failure(let e): problem("\(bid.id): gates-only refused what full evaluates: \(e)")
                }
                // A table keeps, of a bid that failed, the failed gates with their reasons and
                // no figures; of one that passed, the silent run.
                let failedReasons = b.explanation.gates.filter { !$0.passed }.map { gate in
                    var reason = gate
                    reason.figures = []
                    return reason
                }
                switch table {
                case .success(let t):
                    if t.passedGates != b.passedGates { problem("\(bid.id): the table run passes the gates differently") }
                    if !b.passedGates, t.explanation.gates != failedReasons { problem("\(bid.id): the table's failed gates differ") }
                    if b.passedGates, t.explanation != a.explanation { problem("\(bid.id): the table run differs from the silent one") }
                case .failure(let e): problem("\(bid.id): the table run refused what full evaluates: \(e)")
                }
                if a.passedGates {
                    ids.append(bid.id)
                    quiet.append(a)
                    told.append(b)
                    mixed.append(n % 2 == 0 ? a : b)
                } else {
                    excluded += 1
                }
            case (.success, .failure(let e)), (.failure(let e), .success):
                problem("\(bid.id): one run refuses, the other does not: \(e)")
            }
        }
        guard !ids.isEmpty else { return }
        let runs = [quiet, told, mixed].map { results in
            Result { () throws(DiagnosticsError) in try program.evaluateScores(ids: ids, results: results) }
        }
        switch (runs[0], runs[1], runs[2]) {
        case (.success(let a), .success(let b), .success(let c)):
            for i in ids.indices {
                for (x, label) in [(b[i], "recorded"), (c[i], "mixed")] where !Self.sameNumbers(x, a[i]) {
                    problem("\(ids[i]): cross-bid numbers of the \(label) run differ from the silent run")
                }
                var explanation = told[i].explanation
                explanation.scores += b[i].scores
                recompute(explanation, ids[i], crossBid: true)
            }
        case (.failure(let a), .failure(let b), .failure(let c)):
            if a.diagnostics != b.diagnostics || a.diagnostics != c.diagnostics { problem("cross-bid refusals differ") }
        default:
            problem("cross-bid: one run refuses, another does not")
        }
    }

    static func sameNumbers(_ x: CrossBidResult, _ y: CrossBidResult) -> Bool {
        let points: [Exact] = x.scores.map(\.points), others: [Exact] = y.scores.map(\.points)
        let caps: [CapApplied?] = x.scores.map(\.cap), otherCaps: [CapApplied?] = y.scores.map(\.cap)
        return x.total == y.total && x.tieValues == y.tieValues && points == others && caps == otherCaps
    }

    mutating func sameNumbers(_ a: BidResult, _ b: BidResult, _ program: Program, _ id: String) {
        if a.passedGates != b.passedGates { problem("\(id): passedGates differs") }
        if a.explanation.gates.map(\.passed) != b.explanation.gates.map(\.passed) { problem("\(id): a gate differs") }
        let x = a.explanation.scores, y = b.explanation.scores
        if x.map(\.id) != y.map(\.id) || x.map(\.points) != y.map(\.points) || x.map(\.cap) != y.map(\.cap)
            || x.map(\.maximum) != y.map(\.maximum) {
            problem("\(id): line results differ between the silent and recorded runs")
        }
        for line in program.lineIDs where a.number(line, in: program) != b.number(line, in: program) {
            problem("\(id): slot \(line) differs")
        }
    }

    // MARK: Recomputing explanations

    /// The number a step or sentence shows, when it is exact (not `≈`): `£2,310,000`,
    /// `13.45`, `-1.5`, `50%`.
    static func shown(_ text: Substring) -> Exact? {
        var t = text.trimmingCharacters(in: .whitespaces)
        guard !t.hasPrefix("≈") else { return nil }
        var scale = Exact(1)
        if t.hasSuffix("%") {
            t.removeLast()
            scale = Exact(1) / Exact(100)
        }
        t = t.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
        return Exact(decimal: t).map { $0 * scale }
    }

    /// Each step's result from the one before and the figure the step shows; the line's
    /// points from its steps, items and cap.
    mutating func recompute(_ explanation: Explanation, _ id: String, crossBid: Bool = false) {
        for gate in explanation.gates { recompute(gate, id) }
        for score in explanation.scores {
            let at = "\(id) \(score.id)"
            if score.id == "total" {
                recomputeTotal(score, explanation, at)
                continue
            }
            var uncapped: Exact
            if score.items.isEmpty {
                uncapped = chain(score.steps.filter { $0.kind != .cap }, at) ?? .zero
            } else {
                var sum = Exact.zero
                var counted = 0
                var sums = score.steps.filter { $0.kind == .sum }.makeIterator()
                for item in score.items {
                    let points = chain(item.steps, "\(at) \(item.ref)") ?? .zero
                    if item.counted {
                        counted += 1
                        if item.points != points { problem("\(at) \(item.ref): points \(item.points) are not its steps' \(points)") }
                        guard let next = try? sum.adding(item.points) else { return }
                        sum = next
                        guard let step = sums.next(), step.result == sum, step.description.hasPrefix("+ \(item.ref) ") else {
                            problem("\(at): the running sum after \(item.ref) is not \(sum)")
                            continue
                        }
                    } else if item.skipReason == nil || item.points != .zero {
                        problem("\(at) \(item.ref): not counted, yet no reason or some points")
                    }
                }
                uncapped = sum
                let sentence = "\(counted) of \(score.items.count) "
                if !score.explanation.hasPrefix(sentence) { problem("\(at): the sentence does not count \(sentence)") }
            }
            if let cap = score.cap {
                if cap.uncapped != uncapped || score.points != cap.cap || cap.cut != (try? cap.uncapped.subtracting(cap.cap))
                    || uncapped <= cap.cap {
                    problem("\(at): the cap does not add up")
                }
                if let last = score.steps.last, last.kind != .cap || last.result != cap.cap { problem("\(at): no cap step") }
            } else if score.points != uncapped {
                problem("\(at): points \(score.points) are not the steps' \(uncapped)")
            }
            _ = crossBid
        }
    }

    /// The result of a chain of base, multiplier and bonus steps, each checked against the
    /// one before; nil when there are none.
    mutating func chain(_ list: [CalculationStep], _ at: String) -> Exact? {
        var value: Exact?
        for step in list {
            steps += 1
            let previous = value ?? .zero
            defer { value = step.result }
            let d = step.description
            switch step.kind {
            case .base:
                // `V = N`, then which row applied and why (`: applies (met: C); …`); a points
                // expression has no `: ` of its own.
                let shownPart = d.range(of: ": ").map { d[..<$0.lowerBound] } ?? d[...]
                guard let r = shownPart.range(of: "= ", options: .backwards), let v = Self.shown(shownPart[r.upperBound...]) else { continue }
                if v != step.result { problem("\(at): base step \(d) gives \(step.result)") }
            case .multiplier, .bonus:
                if d.contains(": not applied") {
                    if step.result != previous { problem("\(at): a step not applied changed the points: \(d)") }
                    continue
                }
                guard let symbol = d.first else { continue }
                var shownPart = d.dropFirst(2)
                if let colon = shownPart.range(of: ": ") { shownPart = shownPart[..<colon.lowerBound] }
                if let eq = shownPart.range(of: " = ", options: .backwards) { shownPart = shownPart[eq.upperBound...] }
                guard let v = Self.shown(shownPart) else { continue }
                let expected: Exact? = switch symbol {
                case "×": try? previous.multiplied(by: v)
                case "+": try? previous.adding(v)
                case "-": try? previous.subtracting(v)
                default: nil
                }
                if expected != step.result { problem("\(at): \(previous) then \(d) does not give \(step.result)") }
            case .cap:
                guard let r = d.range(of: "capped at "), let colon = d.range(of: ": "),
                      let cap = Self.shown(d[r.upperBound..<colon.lowerBound]) else { continue }
                if step.result != cap { problem("\(at): \(d) gives \(step.result)") }
                return previous
            default:
                problem("\(at): unexpected step \(d)")
            }
        }
        return value
    }

    /// `+ price-score 80 × …`, `+ 60 × price 18 ÷ 20 = 54`: each row's points are the row's
    /// result in the explanation, and the rows add up to the total.
    mutating func recomputeTotal(_ total: ScoreResult, _ explanation: Explanation, _ at: String) {
        var sum = Exact.zero
        for step in total.steps {
            steps += 1
            let words = step.description.split(separator: " ")
            guard words.count >= 3, words[0] == "+" else {
                problem("\(at): unexpected step \(step.description)")
                continue
            }
            let contribution: Exact?
            if step.kind == .weight, words.count >= 9, let w = Self.shown(words[1]), let p = Self.shown(words[4]),
               let m = Self.shown(words[6]) {
                contribution = Self.shown(words[8])
                if let row = explanation.score(String(words[3])), row.points != p { problem("\(at): \(words[3]) is not \(p)") }
                if let c = contribution, c != (try? w.multiplied(by: p).divided(by: m)) { problem("\(at): \(step.description) does not add up") }
            } else {
                contribution = Self.shown(words[2])
                if let c = contribution, let row = explanation.score(String(words[1])), row.points != c {
                    problem("\(at): \(words[1]) is not \(c)")
                }
            }
            guard let contribution, let next = try? sum.adding(contribution) else { sum = step.result; continue }
            sum = next
            if step.result != sum { problem("\(at): the total after \(step.description) is not \(sum)") }
        }
        if total.points != sum { problem("\(at): \(total.points) is not the rows' sum \(sum)") }
    }

    /// `13.45 ≥ 12.21 (NLW from 2025-04-01)`: the operator shown holds between the figures.
    mutating func recompute(_ gate: GateResult, _ id: String) {
        let words = gate.explanation.split(separator: " ")
        guard words.count >= 3, ["<", "≤", ">", "≥"].contains(words[1]), let a = Self.shown(words[0]), let b = Self.shown(words[2]),
              words.count == 3 || words[3].hasPrefix("(") else { return }
        steps += 1
        let holds = switch words[1] {
        case "<": a < b
        case "≤": a <= b
        case ">": a > b
        default: a >= b
        }
        if !holds { problem("\(id) gate \(gate.id): \(gate.explanation) does not hold") }
    }
}
