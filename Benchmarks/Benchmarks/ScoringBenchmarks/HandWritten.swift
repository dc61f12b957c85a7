import Areas
import Documents
import ExactNumbers
import RulesLanguage

/// The reference scheme written directly in Swift, as a baseline for the executable form: the
/// same gates, lines, figures and steps, with the menu values in the code.
struct HandWrittenReferenceScheme {
    let areas: any AreaLookup

    struct Failure: Error {}

    static let nlw: [(CalendarDate, Exact)] = [
        (CalendarDate(year: 2024, month: 4, day: 1)!, Exact(1144) / Exact(100)),
        (CalendarDate(year: 2025, month: 4, day: 1)!, Exact(1221) / Exact(100)),
        (CalendarDate(year: 2026, month: 4, day: 1)!, Exact(1271) / Exact(100)),
    ]
    static let rlw: [(CalendarDate, Exact)] = [
        (CalendarDate(year: 2023, month: 10, day: 24)!, Exact(1200) / Exact(100)),
        (CalendarDate(year: 2024, month: 10, day: 24)!, Exact(1260) / Exact(100)),
        (CalendarDate(year: 2025, month: 10, day: 22)!, Exact(1345) / Exact(100)),
    ]

    static func rate(_ table: [(CalendarDate, Exact)], on date: CalendarDate) throws -> (CalendarDate, Exact) {
        guard let row = table.last(where: { $0.0 <= date }) else { throw Failure() }
        return row
    }

    func fig(_ name: String, _ v: Exact, _ unit: String, _ source: String) -> Figure {
        Figure(name: name, text: v.decimalString(), value: v, unit: unit, source: source)
    }

    func evaluate(_ bid: Bid, explain: Bool) throws -> (Explanation, Exact) {
        let date = bid.submitted.londonDate
        let (nlwFrom, nlw) = try Self.rate(Self.nlw, on: date)
        let (rlwFrom, rlw) = try Self.rate(Self.rlw, on: date)
        let span = SourceSpan(start: SourceLocation(file: "hand", line: 1, column: 1))
        var gates: [GateResult] = []
        var scores: [ScoreResult] = []
        let rate = bid.fairWork.lowestHourlyRate.amount

        // Gates.
        var pw = Exact.zero
        var pwFigures: [Figure] = []
        for c in bid.commitments {
            switch c {
            case .job(let j):
                pw = try pw.adding(try Exact(j.count).multiplied(by: j.fte).multiplied(by: Exact(j.weeks)))
                if explain { pwFigures += [fig("count", Exact(j.count), "count", "\(j.ref) count"), fig("fte", j.fte, "fte", "\(j.ref) fte"),
                                           fig("weeks", Exact(j.weeks), "weeks", "\(j.ref) weeks")] }
            case .apprenticeship(let a):
                pw = try pw.adding(try Exact(a.count).multiplied(by: Exact(a.weeks)))
                if explain { pwFigures += [fig("count", Exact(a.count), "count", "\(a.ref) count"), fig("weeks", Exact(a.weeks), "weeks", "\(a.ref) weeks")] }
            case .workPlacement(let p):
                pw = try pw.adding(try Exact(p.count).multiplied(by: Exact(p.weeks)))
                if explain { pwFigures += [fig("count", Exact(p.count), "count", "\(p.ref) count"), fig("weeks", Exact(p.weeks), "weeks", "\(p.ref) weeks")] }
            case .training(let t):
                pw = try pw.adding(try Exact(t.count).multiplied(by: Exact(t.hours)).divided(by: 35))
                if explain { pwFigures += [fig("count", Exact(t.count), "count", "\(t.ref) count"), fig("hours", Exact(t.hours), "hours", "\(t.ref) hours")] }
            default: break
            }
        }
        let required = try Exact(52).multiplied(by: bid.price.amount).divided(by: 1_000_000)
        if explain {
            gates.append(GateResult(id: "statutory-minimum-wage", title: "Statutory minimum wage", passed: rate >= nlw,
                                    explanation: "\(rate.formatted(places: 2)) \(rate >= nlw ? "≥" : "<") \(nlw.formatted(places: 2)) (NLW from \(nlwFrom))",
                                    figures: [fig("fair_work.lowest_hourly_rate", rate, "£/hour", "\(bid.id) FairWork/LowestHourlyRate"),
                                              fig("National Living Wage (21+)", nlw, "£/hour", "table national_living_wage from \(nlwFrom)")],
                                    span: span))
            gates.append(GateResult(id: "minimum-trt", title: "Minimum targeted recruitment and training", passed: pw >= required,
                                    explanation: "offers \(pw.decimalString()) person-weeks; \(required.decimalString()) required for a £\(bid.price.amount.decimalString()) bid",
                                    figures: pwFigures + [fig("bid.price", bid.price.amount, "£", "\(bid.id) Price")], span: span))
        } else {
            gates.append(GateResult(id: "statutory-minimum-wage", title: "", passed: rate >= nlw, explanation: "", figures: [], span: span))
            gates.append(GateResult(id: "minimum-trt", title: "", passed: pw >= required, explanation: "", figures: [], span: span))
        }

        // Fair work.
        var fw = Exact.zero
        var fwSteps: [CalculationStep] = []
        for (ok, points, text) in [(rate >= rlw, 8, "lowest rate ≥ RLW"), (bid.bidder.livingWageAccredited, 2, "accredited"),
                                   (bid.fairWork.workforceVoice, 4, "voice"), (!bid.fairWork.zeroHoursContracts, 3, "no zero hours"),
                                   (bid.fairWork.flexibleWorking, 3, "flexible")] {
            if ok { fw = try fw.adding(Exact(points)) }
            if explain { fwSteps.append(CalculationStep(kind: .bonus, description: "+ \(points): \(text)", result: fw)) }
        }
        scores.append(ScoreResult(id: "fair-work", title: "Fair work", points: fw, maximum: 20, explanation: "\(fw) points",
                                  steps: fwSteps, span: span))

        // Per-commitment lines.
        var jobs = Exact.zero, apprenticeships = Exact.zero, placements = Exact.zero, training = Exact.zero
        var supply = Exact.zero, volunteering = Exact.zero
        var jobItems: [ItemResult] = [], apprenticeshipItems: [ItemResult] = [], otherItems: [[ItemResult]] = [[], [], [], []]
        func priority(_ g: [TargetGroup]) -> Bool { g.contains { $0 != .schoolPupil } }
        func deprived(_ a: AreaReference?, _ ref: String, _ figures: inout [Figure]) throws -> Bool {
            guard let a else { return false }
            let info = try areas.lookup(a.text)
            if explain { figures.append(fig("decile of \(ref) area", Exact(info.decile), "decile", "\(info.code) \(info.index.rawValue) rank \(info.rank) decile \(info.decile)")) }
            return info.isDeprived
        }
        for c in bid.commitments {
            switch c {
            case .job(let j):
                var figures: [Figure] = []
                if explain { figures = [fig("hourly_rate", j.hourlyRate.amount, "£/hour", "\(j.ref) hourlyRate"),
                                        fig("Real Living Wage (UK)", rlw, "£/hour", "table real_living_wage from \(rlwFrom)")] }
                if j.hourlyRate.amount < rlw || j.weeks < 26 {
                    if explain { jobItems.append(ItemResult(ref: j.ref, kind: "Job", counted: false, skipReason: j.hourlyRate.amount < rlw
                        ? "below the Real Living Wage: not counted" : "shorter than 26 weeks: not counted", figures: figures, steps: [], points: 0)) }
                    continue
                }
                var steps: [CalculationStep] = []
                let posts = try Exact(j.count).multiplied(by: j.fte)
                var p = try posts.multiplied(by: 10)
                if explain { steps.append(CalculationStep(kind: .base, description: "10 × count × fte", result: p)) }
                if try deprived(j.area, j.ref, &figures) {
                    p = try p.multiplied(by: Exact(3) / Exact(2))
                    if explain { steps.append(CalculationStep(kind: .multiplier, description: "× 1.5", result: p)) }
                }
                if priority(j.targetGroups) {
                    p = try p.adding(try posts.multiplied(by: 2))
                    if explain { steps.append(CalculationStep(kind: .bonus, description: "+ 2 × count × fte", result: p)) }
                }
                jobs = try jobs.adding(p)
                if explain { jobItems.append(ItemResult(ref: j.ref, kind: "Job", counted: true, figures: figures, steps: steps, points: p)) }
            case .apprenticeship(let a):
                var figures: [Figure] = []
                var steps: [CalculationStep] = []
                var p = try Exact(a.weeks >= 52 ? 12 : 6).multiplied(by: Exact(a.count))
                if explain { steps.append(CalculationStep(kind: .base, description: "per apprentice", result: p)) }
                if try deprived(a.area, a.ref, &figures) { p = try p.multiplied(by: Exact(3) / Exact(2)) }
                if priority(a.targetGroups) { p = try p.adding(try Exact(2).multiplied(by: Exact(a.count))) }
                apprenticeships = try apprenticeships.adding(p)
                if explain { apprenticeshipItems.append(ItemResult(ref: a.ref, kind: "Apprenticeship", counted: true, figures: figures, steps: steps, points: p)) }
            case .workPlacement(let w):
                placements = try placements.adding(Exact(w.count))
                if explain { otherItems[0].append(ItemResult(ref: w.ref, kind: "WorkPlacement", counted: true,
                                                             figures: [fig("count", Exact(w.count), "count", "\(w.ref) count")], steps: [], points: Exact(w.count))) }
            case .training(let t):
                let p = try Exact(t.count).multiplied(by: Exact(t.hours)).divided(by: 35)
                training = try training.adding(p)
                if explain { otherItems[1].append(ItemResult(ref: t.ref, kind: "Training", counted: true,
                                                             figures: [fig("count", Exact(t.count), "count", "\(t.ref) count")], steps: [], points: p)) }
            case .supplyChain(let s):
                let p = try s.amount.amount.divided(by: s.kind == .local ? 40_000 : 20_000)
                supply = try supply.adding(p)
                if explain { otherItems[2].append(ItemResult(ref: s.ref, kind: "SupplyChain", counted: true,
                                                             figures: [fig("amount", s.amount.amount, "£", "\(s.ref) amount")], steps: [], points: p)) }
            case .volunteering(let v):
                let p = try Exact(v.hours).divided(by: 50)
                volunteering = try volunteering.adding(p)
                if explain { otherItems[3].append(ItemResult(ref: v.ref, kind: "Volunteering", counted: true,
                                                             figures: [fig("hours", Exact(v.hours), "hours", "\(v.ref) hours")], steps: [], points: p)) }
            }
        }
        func capped(_ id: String, _ v: Exact, _ cap: Exact?, _ items: [ItemResult]) -> ScoreResult {
            let points = cap.map { min(v, $0) } ?? v
            let applied = cap.flatMap { v > $0 ? CapApplied(cap: $0, uncapped: v, cut: v - $0) : nil }
            return ScoreResult(id: id, title: id, points: points, maximum: cap, explanation: explain ? "\(points) points" : "",
                               items: items, cap: applied, span: span)
        }
        scores.append(capped("jobs", jobs, nil, jobItems))
        scores.append(capped("apprenticeships", apprenticeships, nil, apprenticeshipItems))
        scores.append(capped("placements", placements, 10, otherItems[0]))
        scores.append(capped("training", training, 15, otherItems[1]))
        scores.append(capped("supply-chain", supply, 20, otherItems[2]))
        scores.append(capped("volunteering", volunteering, 5, otherItems[3]))
        var cbp = Exact.zero
        for s in scores.dropFirst() { cbp = try cbp.adding(s.points) }
        scores.append(ScoreResult(id: "community-benefit-points", title: "Community benefit points", points: cbp,
                                  explanation: explain ? "\(cbp) points" : "", span: span))
        return (Explanation(gates: gates, scores: scores), cbp)
    }
}
