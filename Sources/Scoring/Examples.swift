import Areas
import Diagnostics
import Documents
import ExactNumbers
import RulesLanguage

/// The outcome of one `example` of a scheme file, as `cbscore test` prints it.
public struct ExampleOutcome: Sendable, Hashable {
    public var title: String
    public var location: SourceLocation
    /// One line per expectation that did not hold: `jobs: expected 51, got 45`.
    public var failures: [String]
    public var checked: Int
    public var passed: Bool { failures.isEmpty }
}

/// Areas declared inside an example (`area S01012220 is SIMD 2020v2 rank 523`), consulted
/// before any loaded tables, so examples run with no tables at all.
struct InlineAreas: AreaLookup {
    var areas: [String: AreaInfo]
    var fallback: (any AreaLookup)?

    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        let key = text.uppercased()
        if var info = areas[key] {
            info.query = text
            return info
        }
        if let fallback { return try fallback.lookup(text) }
        throw AreaLookupError(query: text, message: "unknown area '\(text)' (the example declares no such area and no tables are loaded)")
    }
}

extension Scheme {
    /// Runs every example of the scheme. `areas` backs up the examples' inline areas.
    public func runExamples(areas: (any AreaLookup)? = nil) -> [ExampleOutcome] {
        program.examples.map { runExample($0, areas: areas) }
    }

    static let exampleTender = Tender(
        id: "EXAMPLE-TENDER", title: "Example tender", authority: "Example authority",
        estimatedValue: Money(Exact(1_000_000)), durationWeeks: 156,
        closingDate: CalendarDate(year: 2026, month: 3, day: 31)!,
        location: SourceLocation(file: "example", line: 1, column: 1))

    func runExample(_ example: ExampleDecl, areas fallback: (any AreaLookup)?) -> ExampleOutcome {
        let file = reference.file
        var failures: [String] = []
        var inlineAreas: [String: AreaInfo] = [:]
        var bids: [Bid] = []
        var tender = Scheme.exampleTender
        var inputs: [String: [String: Exact]] = [:]
        func defaultBid(_ id: String, at span: SourceSpan) -> Bid {
            Bid(id: id, tenderID: tender.id, submitted: Instant(iso: "2026-03-14T12:00:00Z")!,
                bidder: Bidder(name: "Bidder \(id)", size: .small), price: Money(Exact(1_000_000)),
                fairWork: FairWork(lowestHourlyRate: Money(Exact(1345) / Exact(100)), zeroHoursContracts: false,
                                   workforceVoice: false, flexibleWorking: false),
                commitments: [], location: span.start)
        }
        func problem(_ message: String, _ span: SourceSpan) { failures.append("\(span.start): \(message)") }

        for item in example.items {
            if case .bid(let id, let span) = item {
                bids.append(defaultBid(id, at: span))
                continue
            }
            if bids.isEmpty, !isExpectOrArea(item) { bids.append(defaultBid("EXAMPLE", at: example.span)) }
            switch item {
            case .area(let code, let indexName, let rank, let decile, let span):
                guard let index = DeprivationIndex.allCases.first(where: { $0.rawValue.lowercased() == indexName.lowercased() }) else {
                    problem("unknown index `\(indexName)`: use SIMD 2020v2, IMD 2019 or WIMD 2019", span)
                    continue
                }
                guard (1...index.areaCount).contains(rank) else {
                    problem("rank \(rank) is outside 1…\(index.areaCount) for \(index.rawValue)", span)
                    continue
                }
                let derived = Int((Exact(rank * 10) / Exact(index.areaCount)).ceiling)
                let d = decile ?? derived
                inlineAreas[code.uppercased()] = AreaInfo(query: code, code: code.uppercased(), index: index, rank: rank, decile: d,
                                                          quintile: (d + 1) / 2)
            case .set(let object, let field, let value, let span):
                guard !bids.isEmpty else { continue }
                if object == "tender" {
                    setTender(&tender, field, value, span, &failures)
                } else {
                    setBid(&bids[bids.count - 1], "\(object).\(field)", value, span, &failures)
                }
            case .commitment(let kind, let ref, let fields, let span):
                guard !bids.isEmpty else { continue }
                if let c = makeCommitment(kind, ref, fields, span, &failures) { bids[bids.count - 1].commitments.append(c) }
            case .input(let name, let value, let span):
                guard let last = bids.last else { continue }
                if let v = Scheme.constant(value) { inputs[name, default: [:]][last.id] = v } else { problem("`\(name)` needs a number", span) }
            default:
                break
            }
        }
        if bids.isEmpty { bids.append(defaultBid("EXAMPLE", at: example.span)) }
        for i in bids.indices { bids[i].tenderID = tender.id }

        let scorer = Scorer(scheme: self, areas: InlineAreas(areas: inlineAreas, fallback: fallback), externalInputs: inputs)
        var evaluations: [BidEvaluation] = []
        var refused: [String: DiagnosticsError] = [:]
        for bid in bids {
            switch scorer.evaluate(bid, tender: tender) {
            case .success(let e): evaluations.append(e)
            case .failure(let e): refused[bid.id] = e
            }
        }
        let refusedBids = refused.map { RefusedBid(bidID: $0.key, file: file, diagnostics: $0.value.diagnostics) }
        var ranking: Ranking?
        do {
            ranking = try scorer.rank(tender: tender, evaluations: evaluations, inputs: [], refused: refusedBids)
        } catch {
            failures.append("ranking failed: \(error)")
        }

        var checked = 0
        for item in example.items {
            guard case .expect(let e) = item else { continue }
            checked += 1
            let bidID = e.bid ?? bids.first?.id ?? "EXAMPLE"
            let at = "\(e.span.start)"
            if case .refused(let text) = e.what {
                if let r = refused[bidID] {
                    if !r.diagnostics.contains(where: { $0.message.contains(text) }) {
                        failures.append("\(at): expected a refusal saying \"\(text)\", got: \(r.diagnostics.map(\.message).joined(separator: "; "))")
                    }
                } else {
                    failures.append("\(at): expected bid \(bidID) to be refused (\"\(text)\"), but it was evaluated")
                }
                continue
            }
            if let r = refused[bidID] {
                failures.append("\(at): bid \(bidID) was refused: \(r.diagnostics.map(\.message).joined(separator: "; "))")
                continue
            }
            guard let evaluation = evaluations.first(where: { $0.bidID == bidID }) else {
                failures.append("\(at): no bid \(bidID) in this example")
                continue
            }
            let outcome = ranking?.bid(bidID)
            switch e.what {
            case .gate(let id, let passes):
                guard let g = evaluation.explanation.gates.first(where: { $0.id == id }) else {
                    failures.append("\(at): no gate \(id)")
                    continue
                }
                if g.passed != passes {
                    failures.append("\(at): gate \(id): expected \(passes ? "passes" : "fails"), got \(g.passed ? "passes" : "fails") (\(g.explanation))")
                }
            case .excluded:
                if evaluation.passedGates { failures.append("\(at): expected bid \(bidID) to be excluded, but it passed every gate") }
            case .rank(let expected):
                let got = outcome?.rank
                if got != expected { failures.append("\(at): rank: expected \(expected), got \(got.map(String.init) ?? "none (excluded)")") }
            case .points(let id, let valueExpr):
                guard let expected = Scheme.constant(valueExpr) else {
                    failures.append("\(at): the expected value must be a number")
                    continue
                }
                let got: Exact?
                if id == "total" {
                    got = outcome?.total
                } else {
                    got = evaluation.explanation.score(id)?.points ?? outcome?.explanation.score(id)?.points
                }
                if got != expected {
                    failures.append("\(at): \(id): expected \(expected.decimalString()), got \(got?.decimalString() ?? "nothing (the bid is excluded)")")
                }
            case .skips(let line, let ref, let reason):
                let item = evaluation.explanation.score(line)?.items.first { $0.ref == ref }
                if item?.skipReason != reason {
                    failures.append("\(at): \(line) \(ref): expected skip \"\(reason)\", got \(item?.skipReason.map { "\"\($0)\"" } ?? "counted")")
                }
            case .refused:
                break
            }
        }
        return ExampleOutcome(title: example.title, location: example.span.start, failures: failures, checked: checked)
    }

    private func isExpectOrArea(_ item: ExampleDecl.Item) -> Bool {
        switch item {
        case .expect, .area: true
        default: false
        }
    }

    /// A number written in an example: a literal, possibly with `×`, `÷`, `+`, `-`.
    static func constant(_ e: Expr) -> Exact? {
        switch e.kind {
        case .number(let v, _), .money(let v, _): return v
        case .percent(let v): return v / Exact(100)
        case .negate(let a): return constant(a).flatMap { try? $0.negated() }
        case .arithmetic(let op, let a, let b):
            guard let x = constant(a), let y = constant(b) else { return nil }
            switch op {
            case "+": return try? x.adding(y)
            case "-": return try? x.subtracting(y)
            case "×": return try? x.multiplied(by: y)
            default: return try? x.divided(by: y)
            }
        default: return nil
        }
    }

    static func word(_ e: Expr) -> String? {
        if case .name(let w) = e.kind { return w }
        return nil
    }

    static func bool(_ e: Expr) -> Bool? {
        switch e.kind {
        case .bool(let b): return b
        case .name("yes"), .name("true"): return true
        case .name("no"), .name("false"): return false
        default: return nil
        }
    }

    static func groups(_ e: Expr) -> [TargetGroup]? {
        switch e.kind {
        case .name(let w): return TargetGroup(rawValue: w).map { [$0] }
        case .groupSet(_, let items):
            var out: [TargetGroup] = []
            for i in items {
                guard let w = word(i), let g = TargetGroup(rawValue: w) else { return nil }
                out.append(g)
            }
            return out
        default: return nil
        }
    }

    static func instant(_ e: Expr) -> Instant? {
        switch e.kind {
        case .text(let s): return Instant(iso: s)
        case .date(let d): return Instant(iso: "\(d)T12:00:00")
        default: return nil
        }
    }

    private func setTender(_ t: inout Tender, _ field: String, _ value: Expr, _ span: SourceSpan, _ failures: inout [String]) {
        switch field {
        case "id": if let w = Scheme.word(value) { t.id = w }
        case "estimated_value": if let v = Scheme.constant(value) { t.estimatedValue = Money(v) }
        case "duration_weeks": if let v = Scheme.constant(value), v.isInteger, let n = Int(exactly: v.numerator) { t.durationWeeks = n }
        case "closing_date": if case .date(let d) = value.kind { t.closingDate = d }
        default: failures.append("\(span.start): cannot set tender.\(field) in an example")
        }
    }

    private func setBid(_ b: inout Bid, _ field: String, _ value: Expr, _ span: SourceSpan, _ failures: inout [String]) {
        func bad() { failures.append("\(span.start): `\(value.text)` is not a valid value for \(field)") }
        switch field {
        case "bid.submitted": if let i = Scheme.instant(value) { b.submitted = i } else { bad() }
        case "bid.price": if let v = Scheme.constant(value) { b.price = Money(v) } else { bad() }
        case "bid.id": if let w = Scheme.word(value) { b.id = w } else { bad() }
        case "bidder.name": if case .text(let s) = value.kind { b.bidder.name = s } else { bad() }
        case "bidder.size": if let w = Scheme.word(value), let s = BidderSize(rawValue: w) { b.bidder.size = s } else { bad() }
        case "bidder.social_enterprise": if let v = Scheme.bool(value) { b.bidder.socialEnterprise = v } else { bad() }
        case "bidder.supported_business": if let v = Scheme.bool(value) { b.bidder.supportedBusiness = v } else { bad() }
        case "bidder.living_wage_accredited": if let v = Scheme.bool(value) { b.bidder.livingWageAccredited = v } else { bad() }
        case "fair_work.lowest_hourly_rate": if let v = Scheme.constant(value) { b.fairWork.lowestHourlyRate = Money(v) } else { bad() }
        case "fair_work.zero_hours_contracts": if let v = Scheme.bool(value) { b.fairWork.zeroHoursContracts = v } else { bad() }
        case "fair_work.workforce_voice": if let v = Scheme.bool(value) { b.fairWork.workforceVoice = v } else { bad() }
        case "fair_work.flexible_working": if let v = Scheme.bool(value) { b.fairWork.flexibleWorking = v } else { bad() }
        case "fair_work.gender_pay_gap_percent":
            if case .percent(let v) = value.kind { b.fairWork.genderPayGapPercent = v } else if let v = Scheme.constant(value) {
                b.fairWork.genderPayGapPercent = v
            } else { bad() }
        default: failures.append("\(span.start): cannot set \(field) in an example")
        }
    }

    private func makeCommitment(_ kind: String, _ ref: String, _ fields: [(String, Expr, SourceSpan)], _ span: SourceSpan,
                                _ failures: inout [String]) -> Commitment? {
        var values: [String: Expr] = [:]
        for (f, v, _) in fields { values[f] = v }
        let location = span.start
        func int(_ f: String, _ d: Int) -> Int {
            guard let e = values[f] else { return d }
            guard let v = Scheme.constant(e), v.isInteger, let n = Int(exactly: v.numerator) else {
                failures.append("\(location): \(kind) \(ref) \(f) must be a whole number")
                return d
            }
            return n
        }
        func exact(_ f: String, _ d: Exact) -> Exact { values[f].flatMap(Scheme.constant) ?? d }
        func area() -> AreaReference? { values["area"].flatMap(Scheme.word).map { AreaReference($0, at: location) } }
        func groups() -> [TargetGroup] {
            guard let e = values["target_groups"] else { return [] }
            guard let g = Scheme.groups(e) else {
                failures.append("\(location): \(kind) \(ref) has an unknown target group in `\(e.text)`")
                return []
            }
            return g
        }
        switch kind {
        case "job":
            return .job(Job(ref: ref, count: int("count", 1), fte: exact("fte", 1), weeks: int("weeks", 52),
                            hourlyRate: Money(exact("hourly_rate", Exact(1345) / Exact(100))), area: area(),
                            role: nil, targetGroups: groups(), location: location))
        case "apprenticeship":
            let level = values["level"].flatMap(Scheme.word).flatMap(ApprenticeshipLevel.init(rawValue:)) ?? .modern
            return .apprenticeship(Apprenticeship(ref: ref, count: int("count", 1), weeks: int("weeks", 52), level: level,
                                                  area: area(), targetGroups: groups(), location: location))
        case "placement":
            return .workPlacement(WorkPlacement(ref: ref, count: int("count", 1), weeks: int("weeks", 1), targetGroups: groups(),
                                                location: location))
        case "training":
            return .training(Training(ref: ref, count: int("count", 1), hours: int("hours", 1), location: location))
        case "supply_chain":
            guard let k = values["kind"].flatMap(Scheme.word).flatMap(SupplyChainKind.init(rawValue:)) else {
                failures.append("\(location): supply_chain \(ref) needs `kind` sme, social-enterprise, supported-business or local")
                return nil
            }
            return .supplyChain(SupplyChain(ref: ref, kind: k, amount: Money(exact("amount", .zero)), location: location))
        case "volunteering":
            return .volunteering(Volunteering(ref: ref, hours: int("hours", 1), location: location))
        default:
            return nil
        }
    }
}
