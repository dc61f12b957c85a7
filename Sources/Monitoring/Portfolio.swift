import Documents

/// Committed, expected and delivered for one kind of commitment, summed.
public struct KindTotals: Sendable, Hashable, Codable {
    public var kind: CommitmentKind
    public var commitments: Int
    public var committed: Exact
    public var expected: Exact
    public var delivered: Exact
    public var percent: Exact?
    public var status: RAGStatus
}

public struct SupplierTotals: Sendable, Hashable, Codable {
    public var supplier: String
    public var contracts: Int
    /// In the bid schema's kind order; only kinds the supplier committed to.
    public var kinds: [KindTotals]
}

/// Hires counted and not counted toward their commitments.
public struct HireTally: Sendable, Hashable, Codable {
    public var counted: Int = 0
    public var notCounted: Int = 0

    public init(counted: Int = 0, notCounted: Int = 0) {
        self.counted = counted
        self.notCounted = notCounted
    }

    public var total: Int { counted + notCounted }
}

public struct CouncilTally: Sendable, Hashable, Codable {
    /// The council of the hire's area; "(no area)" when the hire gives none, "(unknown)" when
    /// the table names no council.
    public var council: String
    public var hires: HireTally
}

public struct DecileTally: Sendable, Hashable, Codable {
    /// 1 = most deprived.
    public var decile: Int
    public var hires: HireTally
}

/// Delivery across every contract as of a date (monitoring.md, "Portfolio").
public struct Portfolio: Sendable, Hashable, Codable {
    public var asOf: CalendarDate
    public var contracts: Int
    /// By supplier name.
    public var suppliers: [SupplierTotals]
    /// By council name.
    public var councils: [CouncilTally]
    /// Deciles 1 to 10, every one present.
    public var deciles: [DecileTally]
    /// Hires that give no area.
    public var hiresWithoutArea: HireTally
    /// Per contract, by id: the worst status of its lines.
    public var contractStatuses: [ContractStatus]
    /// The status thresholds in force.
    public var thresholds: RAGThresholds = .schemeDefaults
    /// Socio-economic background of everyone hired or starting an apprenticeship by the date,
    /// withheld as in the annual report (annual-report.md); set by the store.
    public var background: BackgroundFigures?
}

public struct ContractStatus: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var status: RAGStatus
}

/// Hires of one contract (or many) by council, decile and without area, as the portfolio
/// counts them: each person once per commitment, counted or not.
package struct HireTallies: Sendable, Hashable {
    /// By council key: the hire's council, "(unknown)" when the table names none, "(no area)".
    package var councils: [String: HireTally] = [:]
    /// Deciles 1 to 10.
    package var deciles = Array(repeating: HireTally(), count: 10)
    package var withoutArea = HireTally()

    package init() {}

    package init(_ outcomes: some Sequence<HireOutcome>) {
        for hire in outcomes {
            let counted = hire.counted
            func bump(_ tally: inout HireTally) {
                if counted { tally.counted += 1 } else { tally.notCounted += 1 }
            }
            if hire.area == nil {
                bump(&withoutArea)
                bump(&councils["(no area)", default: HireTally()])
            } else {
                bump(&councils[hire.council ?? "(unknown)", default: HireTally()])
            }
            if let decile = hire.decile, (1...10).contains(decile) { bump(&deciles[decile - 1]) }
        }
    }

    package mutating func add(_ other: HireTallies) {
        func add(_ a: inout HireTally, _ b: HireTally) {
            a.counted += b.counted
            a.notCounted += b.notCounted
        }
        for (council, tally) in other.councils { add(&councils[council, default: HireTally()], tally) }
        for i in deciles.indices { add(&deciles[i], other.deciles[i]) }
        add(&withoutArea, other.withoutArea)
    }
}

/// Adds contracts one at a time so the whole portfolio never sits in memory.
public struct PortfolioBuilder: Sendable {
    let asOf: CalendarDate
    let thresholds: RAGThresholds
    private var suppliers: [String: (contracts: Int, kinds: [CommitmentKind: (n: Int, c: Exact, e: Exact, d: Exact)])] = [:]
    private var hires = HireTallies()
    private var statuses: [ContractStatus] = []

    public init(asOf: CalendarDate, thresholds: RAGThresholds = .schemeDefaults) {
        self.asOf = asOf
        self.thresholds = thresholds
    }

    public mutating func add(_ progress: ContractProgress) throws(ArithmeticError) {
        try add(contractID: progress.contractID, supplier: progress.supplier, lines: progress.commitments,
                hires: HireTallies(progress.commitments.lazy.flatMap(\.hireOutcomes)))
    }

    /// A contract whose hires are already tallied (the store's delivery summaries); the lines'
    /// hire outcomes are not read.
    mutating func add(contractID: String, supplier: String, lines: [CommitmentProgress],
                      hires contractHires: HireTallies) throws(ArithmeticError) {
        var entry = suppliers[supplier] ?? (0, [:])
        entry.contracts += 1
        for line in lines {
            var k = entry.kinds[line.kind] ?? (0, .zero, .zero, .zero)
            k.n += 1
            k.c = try k.c.adding(line.committed)
            k.e = try k.e.adding(line.expected)
            k.d = try k.d.adding(line.delivered)
            entry.kinds[line.kind] = k
        }
        suppliers[supplier] = entry
        hires.add(contractHires)
        statuses.append(ContractStatus(contractID: contractID, supplier: supplier,
                                       status: Self.worst(lines.map(\.status))))
    }

    /// Red over amber over green over not yet due.
    static func worst(_ statuses: [RAGStatus]) -> RAGStatus {
        for s in [RAGStatus.red, .amber, .green] where statuses.contains(s) { return s }
        return .notYetDue
    }

    public func build() throws(ArithmeticError) -> Portfolio {
        var totals: [SupplierTotals] = []
        for (name, entry) in suppliers.sorted(by: { $0.key < $1.key }) {
            var kinds: [KindTotals] = []
            for (kind, k) in entry.kinds.sorted(by: { $0.key < $1.key }) {
                let (percent, status) = try thresholds.status(delivered: k.d, expected: k.e)
                kinds.append(KindTotals(kind: kind, commitments: k.n, committed: k.c, expected: k.e, delivered: k.d,
                                        percent: percent, status: status))
            }
            totals.append(SupplierTotals(supplier: name, contracts: entry.contracts, kinds: kinds))
        }
        return Portfolio(
            asOf: asOf, contracts: statuses.count, suppliers: totals,
            councils: hires.councils.sorted { $0.key < $1.key }.map { CouncilTally(council: $0.key, hires: $0.value) },
            deciles: hires.deciles.enumerated().map { DecileTally(decile: $0.offset + 1, hires: $0.element) },
            hiresWithoutArea: hires.withoutArea,
            contractStatuses: statuses.sorted { $0.contractID < $1.contractID }, thresholds: thresholds)
    }
}
