import Documents
import RulesLanguage
import Scoring

/// A hand-built ranking for tender GCR-2026-014 that mirrors reference-scheme.md's worked
/// example: B-014-03 is the example bid (jobs 51 with a deprived-area multiplier and a
/// priority-group bonus, training capped 20 → 15, supply chain 6, 72 points, 80 × 72 / 90 =
/// 64). B-014-05 holds the best points (90). B-014-08 and B-014-04 tie on total and points
/// with a non-terminating score (80 × 70 / 90); the lower price ranks B-014-08 first.
/// B-014-04 has a job below the Real Living Wage. B-014-07 fails minimum-trt. One file is
/// refused for an unknown area.
enum SampleRanking {
    static let schemeFile = "rules/gcr-2026.cbs"

    static func span(_ line: Int, _ length: Int = 1) -> SourceSpan {
        SourceSpan(start: SourceLocation(file: schemeFile, line: line, column: 1), length: length)
    }

    static func n(_ text: String) -> Exact { Exact(decimal: text)! }

    static func fig(_ name: String, _ text: String, _ unit: String = "", _ source: String, value: Bool = true) -> Figure {
        Figure(name: name, text: text, value: value ? Exact(decimal: text) : nil, unit: unit, source: source)
    }

    static var ranking: Ranking {
        let tender = Tender(
            id: "GCR-2026-014", title: "Housing repairs and planned maintenance 2026–2030",
            authority: "Glasgow City Council", estimatedValue: Money(2_500_000), durationWeeks: 208,
            closingDate: CalendarDate(iso: "2026-03-20")!, region: ["S12000049"],
            location: SourceLocation(file: "tender.xml", line: 2, column: 1))
        return Ranking(
            tender: tender,
            scheme: SchemeReference(name: "GCR community benefits 2026", version: "1", file: schemeFile,
                                    sha256: "5f1d0c6a2b3e4f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"),
            inputs: [
                InputFile(file: "bids/B-014-03.xml", sha256: "03" + String(repeating: "a", count: 62)),
                InputFile(file: "bids/B-014-04.xml", sha256: "04" + String(repeating: "b", count: 62)),
                InputFile(file: "bids/B-014-05.xml", sha256: "05" + String(repeating: "c", count: 62)),
                InputFile(file: "bids/B-014-07.xml", sha256: "07" + String(repeating: "d", count: 62)),
                InputFile(file: "bids/B-014-08.xml", sha256: "08" + String(repeating: "e", count: 62)),
                InputFile(file: "bids/B-014-09.xml", sha256: "09" + String(repeating: "f", count: 62)),
                InputFile(file: "tender.xml", sha256: "7e" + String(repeating: "0", count: 62)),
            ],
            bids: [best, example, tiedFirst, tiedSecond, excluded].map(withComponents),
            refused: [
                RefusedBid(bidID: "B-014-09", file: "bids/B-014-09.xml", diagnostics: [
                    Diagnostic(RulesDiagnostic.unknownArea, at: SourceLocation(file: "bids/B-014-09.xml", line: 31, column: 9),
                               message: "area \"S01999999\" is in no loaded table (SIMD 2020v2, IMD 2019, WIMD 2019, postcodes)",
                               hint: "check the data zone code", subject: "B-014-09"),
                ]),
            ],
            outline: outline)
    }

    /// The reference scheme's total: fair work plus the community benefit score, unweighted.
    static let outline = TotalOutline(
        title: "Total", outOf: 100,
        components: [
            .init(id: "fair-work", title: "Fair work points", maximum: 20),
            .init(id: "community-benefit-score", title: "Community benefit score", maximum: 80,
                  figures: [.line(.init(id: "community-benefit-points", title: "Community benefit points"))]),
        ],
        commitmentLines: [("jobs", "Jobs"), ("apprenticeships", "Apprenticeships"), ("placements", "Work placements"),
                          ("training", "Training"), ("supply-chain", "Supply chain"), ("volunteering", "Volunteering")]
            .map { TotalOutline.Named(id: $0.0, title: $0.1) })

    /// What each component adds to a ranked bid's total (unweighted here: its points), as the
    /// engine records it.
    static func withComponents(_ bid: BidOutcome) -> BidOutcome {
        guard bid.status == .ranked else { return bid }
        var bid = bid
        bid.components = outline.components.map { bid.explanation.score($0.id)?.points ?? .zero }
        return bid
    }

    // MARK: Gates

    static func wageGate(_ bid: String, rate: String) -> GateResult {
        GateResult(
            id: "statutory-minimum-wage", title: "Statutory minimum wage", passed: true,
            explanation: "\(rate) ≥ 12.21 (NLW from 2025-04-01)",
            figures: [
                fig("lowest hourly rate", rate, "£/hour", "\(bid) FairWork/LowestHourlyRate"),
                fig("National Living Wage", "12.21", "£/hour", "table national_living_wage row from 2025-04-01"),
            ],
            span: span(12, 22))
    }

    static func trtGate(_ bid: String, price: String, priceText: String, offered: String, required: String,
                        parts: String, passed: Bool = true) -> GateResult {
        GateResult(
            id: "minimum-trt", title: "Minimum targeted recruitment and training", passed: passed,
            explanation: passed ? "offers \(offered) person-weeks ≥ \(required) required for a \(priceText) bid"
                : "offers \(offered) person-weeks; \(required) required for a \(priceText) bid",
            figures: [
                fig("person-weeks offered", offered, "person-weeks", parts),
                fig("price", price, "£", "\(bid) Price"),
                fig("required person-weeks", required, "person-weeks", "52 × \(price) / 1000000"),
            ],
            span: span(16, 11))
    }

    // MARK: Lines

    static func fairWork(_ bid: String, rate: String, accredited: Bool, voice: Bool, zeroHours: Bool,
                         flexible: Bool) -> ScoreResult {
        var steps: [CalculationStep] = []
        var running = Exact.zero
        func add(_ condition: Bool, _ points: Int, _ yes: String, _ no: String) {
            if condition { running = running + Exact(points) }
            steps.append(CalculationStep(kind: .value, description: condition ? "\(yes): + \(points)" : "\(no): + 0",
                                         result: running))
        }
        let rlw = n(rate) >= n("13.45")
        add(rlw, 8, "lowest hourly rate \(rate) ≥ Real Living Wage 13.45", "lowest hourly rate \(rate) < Real Living Wage 13.45")
        add(accredited, 2, "Living Wage accredited", "not Living Wage accredited")
        add(voice, 4, "workforce voice", "no workforce voice")
        add(!zeroHours, 3, "no inappropriate zero-hours contracts", "uses zero-hours contracts")
        add(flexible, 3, "flexible working", "no flexible working")
        return ScoreResult(
            id: "fair-work", title: "Fair work points", points: running, maximum: 20,
            explanation: "\(running.decimalString()) of 20 fair work points",
            figures: [
                fig("lowest hourly rate", rate, "£/hour", "\(bid) FairWork/LowestHourlyRate"),
                fig("Real Living Wage", "13.45", "£/hour", "table real_living_wage row from 2025-10-22"),
                fig("LivingWageAccredited", "\(accredited)", "", "\(bid) Bidder/LivingWageAccredited", value: false),
                fig("WorkforceVoice", "\(voice)", "", "\(bid) FairWork/WorkforceVoice", value: false),
                fig("ZeroHoursContracts", "\(zeroHours)", "", "\(bid) FairWork/ZeroHoursContracts", value: false),
                fig("FlexibleWorking", "\(flexible)", "", "\(bid) FairWork/FlexibleWorking", value: false),
            ],
            steps: steps, span: span(24, 9))
    }

    static func line(_ id: String, _ title: String, _ points: String, _ explanation: String, max: Int? = nil,
                     steps: [CalculationStep] = [], items: [ItemResult] = [], cap: CapApplied? = nil,
                     line: Int) -> ScoreResult {
        ScoreResult(id: id, title: title, points: n(points), maximum: max.map { Exact($0) }, explanation: explanation,
                    steps: steps, items: items, cap: cap, span: span(line, id.count))
    }

    static func empty(_ id: String, _ title: String, _ what: String, max: Int? = nil, line: Int) -> ScoreResult {
        self.line(id, title, "0", "no \(what) commitments", max: max, line: line)
    }

    static func cbPoints(_ parts: [String], total: String) -> ScoreResult {
        line("community-benefit-points", "Community benefit points", total,
             "jobs + apprenticeships + placements + training + supply chain + volunteering",
             steps: [CalculationStep(kind: .sum, description: parts.joined(separator: " + "), result: n(total))],
             line: 70)
    }

    static func cbScore(points: String, score: Exact) -> ScoreResult {
        ScoreResult(
            id: "community-benefit-score", title: "Community benefit score", points: score, maximum: 80,
            explanation: "80 × \(points) / 90 (best: B-014-05)",
            figures: [
                fig("community benefit points", points, "points", "community-benefit-points"),
                fig("best community benefit points", "90", "points", "B-014-05 community-benefit-points"),
            ],
            steps: [CalculationStep(kind: .relative, description: "80 × \(points) / 90", result: score)],
            span: span(74, 23))
    }

    static func job(_ bid: String, ref: String, count: String, fte: String, weeks: String, rate: String,
                    area: String, decile: String, rank: String, groups: String, line: Int,
                    steps: [CalculationStep], points: String, skip: String? = nil) -> ItemResult {
        ItemResult(
            ref: ref, kind: "Job", counted: skip == nil, skipReason: skip,
            figures: [
                fig("count", count, "", "\(ref) count"),
                fig("fte", fte, "", "\(ref) fte"),
                fig("weeks", weeks, "weeks", "\(ref) weeks"),
                fig("hourly rate", rate, "£/hour", "\(ref) hourlyRate"),
                fig("Real Living Wage", "13.45", "£/hour", "table real_living_wage row from 2025-10-22"),
                fig("area", area, "", "\(ref) area", value: false),
                fig("decile", decile, "decile", "SIMD 2020v2 \(area) rank \(rank)"),
                fig("target groups", groups, "", "\(ref) targetGroups", value: false),
            ],
            steps: steps, points: n(points),
            location: SourceLocation(file: "bids/\(bid).xml", line: line, column: 5))
    }

    static func step(_ kind: CalculationStep.Kind, _ description: String, _ result: Int) -> CalculationStep {
        CalculationStep(kind: kind, description: description, result: Exact(result))
    }

    // MARK: Bids

    /// The worked example of reference-scheme.md.
    static var example: BidOutcome {
        let id = "B-014-03"
        let j1 = job(id, ref: "J1", count: "3", fte: "1", weeks: "52", rate: "13.60", area: "S01010206", decile: "1",
                     rank: "523", groups: "young-person", line: 24, steps: [
                        step(.base, "10 × count 3 × fte 1", 30),
                        step(.multiplier, "× 1.5: area S01010206 is deprived (SIMD decile 1)", 45),
                        step(.bonus, "+ 2 × count 3 × fte 1: names a priority group (young-person)", 51),
                     ], points: "51")
        let t1 = ItemResult(
            ref: "T1", kind: "Training", counted: true,
            figures: [fig("count", "20", "", "T1 count"), fig("hours", "35", "hours", "T1 hours")],
            steps: [step(.base, "count 20 × hours 35 / 35", 20)],
            points: 20, location: SourceLocation(file: "bids/\(id).xml", line: 33, column: 5))
        let s1 = ItemResult(
            ref: "S1", kind: "SupplyChain", counted: true,
            figures: [fig("kind", "sme", "", "S1 kind", value: false), fig("amount", "120000", "£", "S1 amount")],
            steps: [step(.base, "sme £120,000 / 20,000", 6)],
            points: 6, location: SourceLocation(file: "bids/\(id).xml", line: 37, column: 5))
        return BidOutcome(
            bidID: id, bidder: "Clyde Build Ltd", price: Money(2_310_000),
            submitted: Instant(iso: "2026-03-14T11:20:00Z")!,
            location: SourceLocation(file: "bids/\(id).xml", line: 2, column: 1),
            status: .ranked, rank: 2, total: 84,
            explanation: Explanation(
                gates: [
                    wageGate(id, rate: "13.45"),
                    trtGate(id, price: "2310000", priceText: "£2,310,000", offered: "176", required: "120.12",
                            parts: "J1 3 × 1 × 52 = 156; T1 20 × 35 / 35 = 20"),
                ],
                scores: [
                    fairWork(id, rate: "13.45", accredited: true, voice: true, zeroHours: false, flexible: true),
                    line("jobs", "Jobs", "51", "1 job commitment counted: 51 points",
                         steps: [step(.sum, "J1 51", 51)], items: [j1], line: 30),
                    empty("apprenticeships", "Apprenticeships", "apprenticeship", line: 40),
                    empty("placements", "Work placements", "work placement", max: 10, line: 48),
                    line("training", "Training", "15", "20 training points, capped at 15", max: 15,
                         steps: [step(.sum, "T1 20", 20), step(.cap, "capped at 15 (cut 5)", 15)],
                         items: [t1], cap: CapApplied(cap: 15, uncapped: 20, cut: 5), line: 52),
                    line("supply-chain", "Supply chain", "6",
                         "£120,000 with SMEs, social enterprises and supported businesses: 6 points",
                         max: 20, steps: [step(.sum, "S1 6", 6)], items: [s1], line: 57),
                    empty("volunteering", "Volunteering", "volunteering", max: 5, line: 64),
                    cbPoints(["51", "0", "0", "15", "6", "0"], total: "72"),
                    cbScore(points: "72", score: 64),
                ]))
    }

    /// The best points in the tender (90), so its community benefit score is the full 80.
    static var best: BidOutcome {
        let id = "B-014-05"
        let j1 = job(id, ref: "J1", count: "4", fte: "1", weeks: "52", rate: "14.00", area: "S01010300", decile: "2",
                     rank: "1260", groups: "care-experienced, long-term-unemployed", line: 22, steps: [
                        step(.base, "10 × count 4 × fte 1", 40),
                        step(.multiplier, "× 1.5: area S01010300 is deprived (SIMD decile 2)", 60),
                        step(.bonus, "+ 2 × count 4 × fte 1: names a priority group (care-experienced)", 68),
                     ], points: "68")
        let s1 = ItemResult(
            ref: "S1", kind: "SupplyChain", counted: true,
            figures: [fig("kind", "social-enterprise", "", "S1 kind", value: false), fig("amount", "440000", "£", "S1 amount")],
            steps: [step(.base, "social-enterprise £440,000 / 20,000", 22)],
            points: 22, location: SourceLocation(file: "bids/\(id).xml", line: 31, column: 5))
        return BidOutcome(
            bidID: id, bidder: "Thistle Homes Ltd", price: Money(2_420_000),
            submitted: Instant(iso: "2026-03-19T16:05:00Z")!,
            location: SourceLocation(file: "bids/\(id).xml", line: 2, column: 1),
            status: .ranked, rank: 1, total: 100,
            explanation: Explanation(
                gates: [
                    wageGate(id, rate: "13.80"),
                    trtGate(id, price: "2420000", priceText: "£2,420,000", offered: "208", required: "125.84",
                            parts: "J1 4 × 1 × 52 = 208"),
                ],
                scores: [
                    fairWork(id, rate: "13.80", accredited: true, voice: true, zeroHours: false, flexible: true),
                    line("jobs", "Jobs", "68", "1 job commitment counted: 68 points",
                         steps: [step(.sum, "J1 68", 68)], items: [j1], line: 30),
                    empty("apprenticeships", "Apprenticeships", "apprenticeship", line: 40),
                    empty("placements", "Work placements", "work placement", max: 10, line: 48),
                    empty("training", "Training", "training", max: 15, line: 52),
                    line("supply-chain", "Supply chain", "20",
                         "£440,000 with SMEs, social enterprises and supported businesses: 22 points, capped at 20",
                         max: 20, steps: [step(.sum, "S1 22", 22), step(.cap, "capped at 20 (cut 2)", 20)],
                         items: [s1], cap: CapApplied(cap: 20, uncapped: 22, cut: 2), line: 57),
                    line("volunteering", "Volunteering", "2", "100 hours / 50: 2 points", max: 5,
                         steps: [step(.base, "hours 100 / 50", 2)], line: 64),
                    cbPoints(["68", "0", "0", "0", "20", "2"], total: "90"),
                    cbScore(points: "90", score: 80),
                ]))
    }

    /// 70 points each, so 80 × 70 / 90 = 560/9, which does not terminate; fair work 10, so
    /// the total is 650/9 for both and the price decides.
    static func tied(_ id: String, bidder: String, price: Int, priceText: String, rank: Int, submitted: String,
                     skippedJob: Bool, tieBreak: String?) -> BidOutcome {
        var jobs: [ItemResult] = [
            job(id, ref: "J1", count: "4", fte: "1", weeks: "52", rate: "13.50", area: "S01010206", decile: "1",
                rank: "523", groups: "school-pupil", line: 20, steps: [
                    step(.base, "10 × count 4 × fte 1", 40),
                    step(.multiplier, "× 1.5: area S01010206 is deprived (SIMD decile 1)", 60),
                ], points: "60"),
        ]
        if skippedJob {
            jobs.append(job(id, ref: "J2", count: "2", fte: "0.5", weeks: "52", rate: "12.80", area: "S01011000",
                            decile: "6", rank: "4100", groups: "young-person", line: 29, steps: [], points: "0",
                            skip: "below the Real Living Wage: not counted"))
        }
        let w1 = ItemResult(
            ref: "W1", kind: "WorkPlacement", counted: true,
            figures: [fig("count", "5", "", "W1 count"), fig("weeks", "2", "weeks", "W1 weeks")],
            steps: [step(.base, "count 5", 5)], points: 5,
            location: SourceLocation(file: "bids/\(id).xml", line: skippedJob ? 38 : 29, column: 5))
        let score = n("560") / n("9")
        let required = (n("52") * Exact(price) / n("1000000")).decimalString()
        return BidOutcome(
            bidID: id, bidder: bidder, price: Money(Exact(price)),
            submitted: Instant(iso: submitted)!,
            location: SourceLocation(file: "bids/\(id).xml", line: 2, column: 1),
            status: .ranked, rank: rank, total: n("10") + score,
            explanation: Explanation(
                gates: [
                    wageGate(id, rate: "12.80"),
                    trtGate(id, price: String(price), priceText: priceText, offered: skippedJob ? "270" : "218",
                            required: required,
                            parts: skippedJob ? "J1 4 × 1 × 52 = 208; J2 2 × 0.5 × 52 = 52; W1 5 × 2 = 10"
                                : "J1 4 × 1 × 52 = 208; W1 5 × 2 = 10"),
                ],
                scores: [
                    fairWork(id, rate: "12.80", accredited: false, voice: true, zeroHours: false, flexible: true),
                    line("jobs", "Jobs", "60",
                         skippedJob ? "1 of 2 job commitments counted: 60 points" : "1 job commitment counted: 60 points",
                         steps: [step(.sum, skippedJob ? "J1 60 + J2 0" : "J1 60", 60)], items: jobs, line: 30),
                    empty("apprenticeships", "Apprenticeships", "apprenticeship", line: 40),
                    line("placements", "Work placements", "5", "5 placements: 5 points", max: 10,
                         steps: [step(.sum, "W1 5", 5)], items: [w1], line: 48),
                    empty("training", "Training", "training", max: 15, line: 52),
                    empty("supply-chain", "Supply chain", "supply-chain", max: 20, line: 57),
                    line("volunteering", "Volunteering", "5", "400 hours / 50: 8 points, capped at 5", max: 5,
                         steps: [step(.base, "hours 400 / 50", 8), step(.cap, "capped at 5 (cut 3)", 5)],
                         cap: CapApplied(cap: 5, uncapped: 8, cut: 3), line: 64),
                    cbPoints(["60", "0", "5", "0", "0", "5"], total: "70"),
                    cbScore(points: "70", score: score),
                ]),
            tieBreak: tieBreak)
    }

    static var tiedFirst: BidOutcome {
        tied("B-014-08", bidder: "Kelvin Maintenance Co-operative", price: 1_950_000, priceText: "£1,950,000", rank: 3,
             submitted: "2026-03-18T09:00:00Z", skippedJob: false,
             tieBreak: "ties with B-014-04 on total and on community benefit points (70); ranked higher on lower price: £1,950,000 < £2,050,000")
    }

    static var tiedSecond: BidOutcome {
        tied("B-014-04", bidder: "Merchant City Contractors Ltd", price: 2_050_000, priceText: "£2,050,000", rank: 4,
             submitted: "2026-03-12T14:45:00Z", skippedJob: true, tieBreak: nil)
    }

    /// Fails minimum-trt: 80 person-weeks against 120.12 required. The name holds `&` and `<>`
    /// so every format's escaping is exercised.
    static var excluded: BidOutcome {
        let id = "B-014-07"
        return BidOutcome(
            bidID: id, bidder: "Forth & Clyde Facilities <plc>", price: Money(2_310_000),
            submitted: Instant(iso: "2026-03-20T11:59:00Z")!,
            location: SourceLocation(file: "bids/\(id).xml", line: 2, column: 1),
            status: .excluded,
            explanation: Explanation(gates: [
                wageGate(id, rate: "12.50"),
                trtGate(id, price: "2310000", priceText: "£2,310,000", offered: "80", required: "120.12",
                        parts: "J1 2 × 0.5 × 52 = 52; W1 4 × 7 = 28", passed: false),
            ]))
    }
}
