import Documents

/// How a scheme scored one bid: data for the report layer to render, never log text. Complete
/// enough that a reader with the scheme and the bid can recompute every number.
public struct Explanation: Sendable, Hashable, Codable {
    /// Every gate of the scheme, in scheme order, evaluated or not.
    public var gates: [GateResult]
    /// Every score line and cross-bid step, in scheme order (`fair-work`, `jobs`, …,
    /// `community-benefit-points`, `community-benefit-score`, and a scheme's totals).
    public var scores: [ScoreResult]

    public init(gates: [GateResult] = [], scores: [ScoreResult] = []) {
        self.gates = gates
        self.scores = scores
    }

    public func score(_ id: String) -> ScoreResult? { scores.first { $0.id == id } }
    public var passedAllGates: Bool { gates.allSatisfy(\.passed) }
}

/// A value the engine read or computed, with where it came from.
public struct Figure: Sendable, Hashable, Codable {
    /// What it is, in the scheme's words: `lowest hourly rate`, `National Living Wage`.
    public var name: String
    /// As shown to a reader: `13.45`, `true`, `young-person, care-experienced`.
    public var text: String
    /// The exact value when the figure is a number.
    public var value: Exact?
    /// `£`, `£/hour`, `weeks`, `points`, `person-weeks`, `decile`… empty when none.
    public var unit: String
    /// Where it came from: `B-014-03 FairWork/LowestHourlyRate`, `J1 hourlyRate`,
    /// `table national_living_wage row from 2025-04-01`, `SIMD 2020v2 S01010206 rank 523`.
    public var source: String

    public init(name: String, text: String, value: Exact? = nil, unit: String = "", source: String = "") {
        self.name = name
        self.text = text
        self.value = value
        self.unit = unit
        self.source = source
    }
}

public struct GateResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var passed: Bool
    /// One sentence with the figures compared: `13.45 ≥ 12.21 (NLW from 2025-04-01)`.
    public var explanation: String
    public var figures: [Figure]
    /// Where the gate is written in the scheme file.
    public var span: SourceSpan

    public init(id: String, title: String, passed: Bool, explanation: String, figures: [Figure], span: SourceSpan) {
        self.id = id
        self.title = title
        self.passed = passed
        self.explanation = explanation
        self.figures = figures
        self.span = span
    }
}

/// One step of a calculation, in order: base points, a multiplier, a bonus, a cap.
public struct CalculationStep: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case base, multiplier, bonus, cap, sum, relative, weight, value
    }

    public var kind: Kind
    /// `10 × count 3 × fte 1`, `× 1.5: area S01010206 is deprived (SIMD decile 1)`.
    public var description: String
    /// The running value after this step.
    public var result: Exact

    public init(kind: Kind, description: String, result: Exact) {
        self.kind = kind
        self.description = description
        self.result = result
    }
}

/// How one commitment fed a score line.
public struct ItemResult: Sendable, Hashable, Codable {
    public var ref: String
    /// Element name in the bid: `Job`, `Apprenticeship`, …
    public var kind: String
    public var counted: Bool
    /// Why it was not counted: `below the Real Living Wage: not counted`.
    public var skipReason: String?
    public var figures: [Figure]
    public var steps: [CalculationStep]
    public var points: Exact
    /// Where the commitment stands in the bid file.
    public var location: SourceLocation?

    public init(ref: String, kind: String, counted: Bool, skipReason: String? = nil, figures: [Figure],
                steps: [CalculationStep], points: Exact, location: SourceLocation? = nil) {
        self.ref = ref
        self.kind = kind
        self.counted = counted
        self.skipReason = skipReason
        self.figures = figures
        self.steps = steps
        self.points = points
        self.location = location
    }
}

public struct CapApplied: Sendable, Hashable, Codable {
    public var cap: Exact
    /// The value before the cap.
    public var uncapped: Exact
    /// How much the cap removed (uncapped − cap).
    public var cut: Exact

    public init(cap: Exact, uncapped: Exact, cut: Exact) {
        self.cap = cap
        self.uncapped = uncapped
        self.cut = cut
    }
}

/// A score line (per bid) or a step across the bids of a tender (relative, weighted, total).
public struct ScoreResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var points: Exact
    /// The most the line can give, when the scheme states one.
    public var maximum: Exact?
    /// One sentence: `3 jobs counted, 51 points`, `80 × 72 / 90 (best: B-014-05)`.
    public var explanation: String
    /// Figures read at line level (rate in force, best points and who holds them…).
    public var figures: [Figure]
    public var steps: [CalculationStep]
    /// Per-commitment breakdown; empty for lines that do not range over commitments.
    public var items: [ItemResult]
    public var cap: CapApplied?
    public var span: SourceSpan

    public init(id: String, title: String, points: Exact, maximum: Exact? = nil, explanation: String,
                figures: [Figure] = [], steps: [CalculationStep] = [], items: [ItemResult] = [],
                cap: CapApplied? = nil, span: SourceSpan) {
        self.id = id
        self.title = title
        self.points = points
        self.maximum = maximum
        self.explanation = explanation
        self.figures = figures
        self.steps = steps
        self.items = items
        self.cap = cap
        self.span = span
    }
}

/// How much of a bid's explanation an evaluation builds. Ranking needs only the numbers;
/// the figures, steps and items behind them cost most of the time and memory of scoring, so
/// reports that show them (JSON, HTML, `--explain`, summaries) ask for `.full`.
public enum ExplanationDetail: String, Sendable, Hashable, Codable {
    /// Every gate and line with its figures, steps, items and texts.
    case full
    /// Gates (passed or not) and each line's points, cap and maximum; no figures, steps,
    /// items or texts.
    case summary
    /// Gates as in `.full` (figures and reasons), lines before the last gate as in
    /// `.summary` and none after it: what a ranking shows of a bid that failed a gate.
    case gates
    /// As `.summary` for one bid. A ranking asked for `.table` keeps of a bid that failed a
    /// gate the gates it failed, each with its reason (the sentence) but not the figures
    /// behind it: what a text table and a CSV show, at a fraction of the memory of `.gates`
    /// (`Scorer.evaluate`).
    case table
}
