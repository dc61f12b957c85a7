import Documents
import RulesLanguage

/// The result of applying a scheme to a tender's bids: what every report renders. Reports
/// never recompute a score; everything they show is here.
public struct Ranking: Sendable, Hashable, Codable {
    public var tender: Tender
    public var scheme: SchemeReference
    /// Every input file, sorted by path, with its hash.
    public var inputs: [InputFile]
    /// Ranked bids in rank order, then excluded bids by id (result-json.md).
    public var bids: [BidOutcome]
    /// Bids that could not be read or scored (only with `--exclude-invalid`), by file then id.
    public var refused: [RefusedBid]
    /// How the scheme's total is made (components, weights, the figures behind them); nil
    /// when the scheme has no total. Each ranked bid's `components` follow its order.
    public var outline: TotalOutline?
    /// What the cross-bid step fixed for this tender (the aggregates its scores compared
    /// with), so one ranked bid evaluated again in full can have its scores explained as they
    /// were scored (`Program.explainScores`). Not part of the result document; nil for a
    /// ranking read back from JSON or a store.
    public var crossBid: CrossBidContext?

    public init(tender: Tender, scheme: SchemeReference, inputs: [InputFile], bids: [BidOutcome],
                refused: [RefusedBid] = [], outline: TotalOutline? = nil, crossBid: CrossBidContext? = nil) {
        self.tender = tender
        self.scheme = scheme
        self.inputs = inputs
        self.bids = bids
        self.refused = refused
        self.outline = outline
        self.crossBid = crossBid
    }

    enum CodingKeys: String, CodingKey {
        case tender, scheme, inputs, bids, refused, outline
    }

    /// Equal when they report alike: the cross-bid context is how, not what.
    public static func == (a: Ranking, b: Ranking) -> Bool {
        a.tender == b.tender && a.scheme == b.scheme && a.inputs == b.inputs && a.bids == b.bids && a.refused == b.refused
            && a.outline == b.outline
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tender)
        hasher.combine(scheme)
        hasher.combine(inputs)
        hasher.combine(bids)
        hasher.combine(refused)
        hasher.combine(outline)
    }

    public var ranked: [BidOutcome] { bids.filter { $0.status == .ranked } }
    public var excluded: [BidOutcome] { bids.filter { $0.status == .excluded } }
    public func bid(_ id: String) -> BidOutcome? { bids.first { $0.bidID == id } }
}

public struct SchemeReference: Sendable, Hashable, Codable {
    public var name: String
    public var version: String?
    /// As named on the command line, or `rules/gcr-2026.cbs` for the bundled default.
    public var file: String
    public var sha256: String
    /// What the scheme's lines award points for (nil when not known: a reference rebuilt from
    /// a store): the sustainability goals an OCDS release declares.
    public var subjects: ScoredSubjects? = nil

    public init(name: String, version: String? = nil, file: String, sha256: String) {
        self.name = name
        self.version = version
        self.file = file
        self.sha256 = sha256
    }
}

public struct InputFile: Sendable, Hashable, Codable, Comparable {
    public var file: String
    public var sha256: String

    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }

    public static func < (a: InputFile, b: InputFile) -> Bool { (a.file, a.sha256) < (b.file, b.sha256) }
}

public enum BidStatus: String, Sendable, Hashable, Codable {
    /// Passed every gate; has a rank and a total.
    case ranked
    /// Failed a gate: listed with the reason, no rank, no score.
    case excluded
}

public struct BidOutcome: Sendable, Hashable, Codable {
    public var bidID: String
    public var bidder: String
    public var price: Money
    public var submitted: Instant
    /// The file the bid was read from and where it starts.
    public var location: SourceLocation
    public var status: BidStatus
    public var rank: Int?
    public var total: Exact?
    /// Gates and lines, then the cross-bid scores and the total: as recorded, or made from a
    /// silent run's numbers when read (`BidResult.explanation`), so a ranking of many bids
    /// shown as a table or CSV keeps numbers, not a tree of results per bid.
    public var explanation: Explanation {
        get {
            switch held {
            case .explanation(let e): e
            case .result(let r): r.explanation
            }
        }
        set { held = .explanation(newValue) }
    }
    var held: HeldExplanation
    /// When this bid's total equals the next bid's, which tie-break decided and how.
    public var tieBreak: String?
    /// What each component of the total (`Ranking.outline`, in its order) adds to this bid's
    /// total, as weighted; empty for a bid that is not ranked. They add up to `total`.
    public var components: [Exact]
    /// The values the scheme's `input`s took for this bid (a panel's scores), by input name.
    public var inputs: [String: Exact]
    /// The bidder's Companies House number and size, as its bid gives them: what open-data
    /// publication (OCDS) says of it. Not in `cbscore.result/1`.
    public var companyNumber: String?
    public var bidderSize: BidderSize?

    public init(bidID: String, bidder: String, price: Money, submitted: Instant, location: SourceLocation,
                status: BidStatus, rank: Int? = nil, total: Exact? = nil, explanation: Explanation,
                tieBreak: String? = nil, components: [Exact] = [], inputs: [String: Exact] = [:],
                companyNumber: String? = nil, bidderSize: BidderSize? = nil) {
        self.components = components
        self.inputs = inputs
        self.bidID = bidID
        self.bidder = bidder
        self.price = price
        self.submitted = submitted
        self.location = location
        self.status = status
        self.rank = rank
        self.total = total
        self.held = .explanation(explanation)
        self.tieBreak = tieBreak
        self.companyNumber = companyNumber
        self.bidderSize = bidderSize
    }
}

extension BidOutcome {
    /// A bid as ranked, its explanation held as the result of its evaluation.
    init(bidID: String, bidder: String, price: Money, submitted: Instant, location: SourceLocation,
         status: BidStatus, rank: Int?, total: Exact?, result: BidResult, tieBreak: String?, components: [Exact],
         inputs: [String: Exact], companyNumber: String?, bidderSize: BidderSize?) {
        self.init(bidID: bidID, bidder: bidder, price: price, submitted: submitted, location: location, status: status,
                  rank: rank, total: total, explanation: Explanation(), tieBreak: tieBreak, components: components,
                  inputs: inputs, companyNumber: companyNumber, bidderSize: bidderSize)
        held = .result(result)
    }

    /// The points of a line, score or the total (`total`), as `explanation.score(id)` gives
    /// them, without building the explanation of a silent run.
    public func points(_ id: String) -> Exact? {
        switch held {
        case .explanation(let e): e.score(id)?.points
        case .result(let r): r.points(id)
        }
    }

    /// The id and title of each score of `explanation`, in order, without building it.
    public var scoreHeadings: [(id: String, title: String)] {
        switch held {
        case .explanation(let e): e.scores.map { ($0.id, $0.title) }
        case .result(let r): r.scoreHeadings
        }
    }

    /// The gates `explanation` shows as failed.
    public var failedGates: [GateResult] {
        switch held {
        case .explanation(let e): e.gates.filter { !$0.passed }
        case .result(let r): r.failedGateResults
        }
    }

    enum CodingKeys: String, CodingKey {
        case bidID, bidder, price, submitted, location, status, rank, total, held = "explanation", tieBreak, components,
             inputs, companyNumber, bidderSize
    }
}

/// How a `BidOutcome` holds its explanation: whole, or as the result it is made from. Equal,
/// hashed and coded as the explanation.
enum HeldExplanation: Sendable, Hashable, Codable {
    case explanation(Explanation)
    case result(BidResult)

    var explanation: Explanation {
        switch self {
        case .explanation(let e): e
        case .result(let r): r.explanation
        }
    }

    static func == (a: HeldExplanation, b: HeldExplanation) -> Bool { a.explanation == b.explanation }
    func hash(into hasher: inout Hasher) { hasher.combine(explanation) }
    init(from decoder: any Decoder) throws { self = .explanation(try Explanation(from: decoder)) }
    func encode(to encoder: any Encoder) throws { try explanation.encode(to: encoder) }
}

/// A bid left out because it could not be read, named an unknown area, or failed to evaluate.
public struct RefusedBid: Sendable, Hashable, Codable {
    /// Nil when the file was too broken to find the bid's id.
    public var bidID: String?
    public var file: String
    public var diagnostics: [Diagnostic]

    public init(bidID: String?, file: String, diagnostics: [Diagnostic]) {
        self.bidID = bidID
        self.file = file
        self.diagnostics = diagnostics
    }
}
