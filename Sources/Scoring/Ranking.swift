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
    /// Who bid, the price, the rank, the total… packed (`PackedFacts`), so a ranking of
    /// 100,000 bids holds about 120 bytes of them per bid rather than 350 and several
    /// allocations; each property reads its fact where it stands.
    var facts: PackedFacts
    /// The file of `location`: every bid of a file shares the one string.
    public internal(set) var file: String
    var held: HeldExplanation
    public var status: BidStatus
    /// The rank, 0 for none: beside `status`, where the outcome has room for it, so reports
    /// read it without unpacking the facts.
    private var storedRank: Int32 = 0

    public var bidID: String {
        get { facts.bidID }
        set { facts.bidID = newValue }
    }
    public var bidder: String {
        get { facts.bidder }
        set { facts.bidder = newValue }
    }
    public var price: Money {
        get { facts.price }
        set { facts.price = newValue }
    }
    public var submitted: Instant {
        get { facts.submitted }
        set { facts.submitted = newValue }
    }
    /// The file the bid was read from and where it starts.
    public var location: SourceLocation {
        get { facts.location(in: file) }
        set {
            file = newValue.file
            facts.setPlace(newValue)
        }
    }
    public var rank: Int? {
        get { storedRank == 0 ? nil : Int(storedRank) }
        set {
            precondition(newValue.map { $0 > 0 && $0 <= Int(Int32.max) } ?? true, "a rank is 1 or more")
            storedRank = Int32(newValue ?? 0)
        }
    }
    public var total: Exact? {
        get { facts.read(.total, absent: nil) { $0.optionalExact() } }
        set { facts.update { $0.total = newValue } }
    }
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
    /// When this bid's total equals the next bid's, which tie-break decided and how.
    public var tieBreak: String? {
        get { facts.optionalString(.tieBreak) }
        set { facts.update { $0.tieBreak = newValue } }
    }
    /// What each component of the total (`Ranking.outline`, in its order) adds to this bid's
    /// total, as weighted; empty for a bid that is not ranked. They add up to `total`.
    public var components: [Exact] {
        get { facts.read(.components, absent: []) { $0.exacts() } }
        set { facts.update { $0.components = newValue } }
    }
    /// The values the scheme's `input`s took for this bid (a panel's scores), by input name.
    public var inputs: [String: Exact] {
        get { facts.read(.inputs, absent: [:]) { $0.inputs() } }
        set { facts.update { $0.inputs = newValue } }
    }
    /// The bidder's Companies House number and size, as its bid gives them: what open-data
    /// publication (OCDS) says of it. Not in `cbscore.result/1`.
    public var companyNumber: String? {
        get { facts.companyNumber }
        set { facts.companyNumber = newValue }
    }
    public var bidderSize: BidderSize? {
        get { facts.bidderSize }
        set { facts.bidderSize = newValue }
    }

    public init(bidID: String, bidder: String, price: Money, submitted: Instant, location: SourceLocation,
                status: BidStatus, rank: Int? = nil, total: Exact? = nil, explanation: Explanation,
                tieBreak: String? = nil, components: [Exact] = [], inputs: [String: Exact] = [:],
                companyNumber: String? = nil, bidderSize: BidderSize? = nil) {
        facts = PackedFacts(BidFacts(bidID: bidID, bidder: bidder, price: price, submitted: submitted, line: location.line,
                                     column: location.column, companyNumber: companyNumber, bidderSize: bidderSize,
                                     total: total, tieBreak: tieBreak, components: components, inputs: inputs),
                            outcome: true)
        file = location.file
        self.status = status
        held = .explanation(explanation)
        self.rank = rank
    }
}

extension BidOutcome {
    /// A bid as ranked or excluded, from its packed facts (`PackedFacts(identity:rank:…)`).
    init(facts: PackedFacts, file: String, status: BidStatus, rank: Int?, held: HeldExplanation) {
        self.facts = facts
        self.file = file
        self.status = status
        self.held = held
        self.rank = rank
    }

    /// The points of a line, score or the total (`total`), as `explanation.score(id)` gives
    /// them, without building the explanation of a silent run.
    public func points(_ id: String) -> Exact? {
        switch held {
        case .explanation(let e): e.score(id)?.points
        case .result(let r): r.points(id)
        }
    }

    /// `points(id)` for each of `ids`, without building the explanation of a silent run and
    /// reading its numbers once.
    public func points(_ ids: [String]) -> [Exact?] {
        switch held {
        case .explanation(let e): ids.map { e.score($0)?.points }
        case .result(let r): r.points(ids)
        }
    }

    /// `ids` as columns for `points(_ columns:)`, found from this bid's scheme.
    public func scoreColumns(_ ids: [String]) -> ScoreColumns {
        guard case .result(let r) = held else { return ScoreColumns(ids) }
        return r.scoreColumns(ids)
    }

    /// `points(columns.ids)`, the ids found once for many bids (`scoreColumns(_:)`).
    public func points(_ columns: ScoreColumns) -> [Exact?] { held.points(columns) }

    /// What a report row shows of the bid at `bid` (`withRow`, `points(columns)` when ranked,
    /// `file`), read where it stands: on all cores, calling a copy's accessors counts a
    /// reference to what every outcome shares (the scheme, the file), once per call.
    public static func withRow<R>(at bid: UnsafePointer<BidOutcome>, columns: ScoreColumns,
                                  _ body: (FactRow, _ points: [Exact?], _ file: String) -> R) -> R {
        let points = bid.pointee.status == .ranked ? bid.pointee.held.points(columns) : []
        return bid.pointee.facts.withRow { body($0, points, bid.pointee.file) }
    }

    /// `a.sharesScoreHeadings(with: b)`, both read where they stand.
    public static func shareScoreHeadings(_ a: UnsafePointer<BidOutcome>, _ b: UnsafePointer<BidOutcome>) -> Bool {
        guard case .result(let x) = a.pointee.held, case .result(let y) = b.pointee.held else { return false }
        return x.sharesScoreHeadings(with: y)
    }

    /// True when `scoreHeadings` is the same as `other`'s without comparing them: two silent
    /// results of one scheme, both scored across the bids or neither.
    public func sharesScoreHeadings(with other: BidOutcome) -> Bool {
        guard case .result(let a) = held, case .result(let b) = other.held else { return false }
        return a.sharesScoreHeadings(with: b)
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

    // Coded as the fields were before they were packed: the same keys, in the same order.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(bidID: try c.decode(String.self, forKey: .bidID), bidder: try c.decode(String.self, forKey: .bidder),
                  price: try c.decode(Money.self, forKey: .price), submitted: try c.decode(Instant.self, forKey: .submitted),
                  location: try c.decode(SourceLocation.self, forKey: .location),
                  status: try c.decode(BidStatus.self, forKey: .status), rank: try c.decodeIfPresent(Int.self, forKey: .rank),
                  total: try c.decodeIfPresent(Exact.self, forKey: .total), explanation: Explanation(),
                  tieBreak: try c.decodeIfPresent(String.self, forKey: .tieBreak),
                  components: try c.decode([Exact].self, forKey: .components),
                  inputs: try c.decode([String: Exact].self, forKey: .inputs),
                  companyNumber: try c.decodeIfPresent(String.self, forKey: .companyNumber),
                  bidderSize: try c.decodeIfPresent(BidderSize.self, forKey: .bidderSize))
        held = try c.decode(HeldExplanation.self, forKey: .held)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let f = facts.unpacked
        try c.encode(f.bidID, forKey: .bidID)
        try c.encode(f.bidder, forKey: .bidder)
        try c.encode(f.price, forKey: .price)
        try c.encode(f.submitted, forKey: .submitted)
        try c.encode(location, forKey: .location)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(rank, forKey: .rank)
        try c.encodeIfPresent(f.total, forKey: .total)
        try c.encode(held, forKey: .held)
        try c.encodeIfPresent(f.tieBreak, forKey: .tieBreak)
        try c.encode(f.components, forKey: .components)
        try c.encode(f.inputs, forKey: .inputs)
        try c.encodeIfPresent(f.companyNumber, forKey: .companyNumber)
        try c.encodeIfPresent(f.bidderSize, forKey: .bidderSize)
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

    /// `points(columns.ids)` of the explanation, without building it from a result.
    func points(_ columns: ScoreColumns) -> [Exact?] {
        switch self {
        case .explanation(let e): columns.ids.map { e.score($0)?.points }
        case .result(let r): r.points(columns)
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
