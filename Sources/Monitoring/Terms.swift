import Documents
import Areas

/// The six kinds of commitment, as monitoring counts them.
public enum CommitmentKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case job = "Job"
    case apprenticeship = "Apprenticeship"
    case workPlacement = "WorkPlacement"
    case training = "Training"
    case supplyChain = "SupplyChain"
    case volunteering = "Volunteering"

    /// Order of the bid schema, for stable sorting of totals.
    public static func < (a: CommitmentKind, b: CommitmentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What the committed quantity counts (monitoring.md, "Expected by a date").
    public var unit: String {
        switch self {
        case .job, .apprenticeship: "posts"
        case .workPlacement, .training: "people"
        case .supplyChain: "£"
        case .volunteering: "hours"
        }
    }

    /// In words, plural, as a report names the kind: `work placements`, `supply chain spend`.
    public var words: String {
        switch self {
        case .job: "jobs"
        case .apprenticeship: "apprenticeships"
        case .workPlacement: "work placements"
        case .training: "training"
        case .supplyChain: "supply chain spend"
        case .volunteering: "volunteering"
        }
    }

    /// Jobs and apprenticeships are counted per person, with sustainment.
    public var countsHires: Bool { self == .job || self == .apprenticeship }
}

/// One commitment of an awarded contract, reduced to what delivery is measured against. The
/// commitment's area is resolved at award so that monitoring never needs the area tables.
public struct CommitmentTerms: Sendable, Hashable, Codable {
    public var ref: String
    public var kind: CommitmentKind
    /// Posts, people, pounds or hours (monitoring.md, "Expected by a date").
    public var committed: Exact
    /// Weeks a post must last to be sustained; 0 for kinds that have none.
    public var weeks: Int
    /// The commitment's area as written, when it names one.
    public var area: String?
    /// The commitment's area is in decile 1 or 2.
    public var areaDeprived: Bool
    /// The target groups the commitment names, sorted; a hire must be in one of them.
    public var targetGroups: [TargetGroup]
    /// Supply-chain kind, for spend commitments.
    public var supplyChainKind: SupplyChainKind?

    public init(ref: String, kind: CommitmentKind, committed: Exact, weeks: Int = 0, area: String? = nil,
                areaDeprived: Bool = false, targetGroups: [TargetGroup] = [],
                supplyChainKind: SupplyChainKind? = nil) {
        self.ref = ref
        self.kind = kind
        self.committed = committed
        self.weeks = weeks
        self.area = area
        self.areaDeprived = areaDeprived
        self.targetGroups = targetGroups.sorted()
        self.supplyChainKind = supplyChainKind
    }
}

/// What delivery of one contract is measured against.
public struct ContractTerms: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var start: CalendarDate
    public var end: CalendarDate
    /// In bid order.
    public var commitments: [CommitmentTerms]

    public init(contractID: String, supplier: String, start: CalendarDate, end: CalendarDate,
                commitments: [CommitmentTerms]) {
        self.contractID = contractID
        self.supplier = supplier
        self.start = start
        self.end = end
        self.commitments = commitments
    }

    public func commitment(ref: String) -> CommitmentTerms? {
        commitments.first { $0.ref == ref }
    }
}

extension CommitmentTerms {
    /// The terms of a bid's commitment; `areas` resolves the commitment's area.
    public init(_ commitment: Commitment, areas: any AreaLookup) throws(AreaLookupError) {
        func deprived(_ area: AreaReference?) throws(AreaLookupError) -> Bool {
            guard let area else { return false }
            return try areas.lookup(area.text).isDeprived
        }
        switch commitment {
        case .job(let c):
            self.init(ref: c.ref, kind: .job, committed: Exact(c.count), weeks: c.weeks, area: c.area?.text,
                      areaDeprived: try deprived(c.area), targetGroups: c.targetGroups)
        case .apprenticeship(let c):
            self.init(ref: c.ref, kind: .apprenticeship, committed: Exact(c.count), weeks: c.weeks,
                      area: c.area?.text, areaDeprived: try deprived(c.area), targetGroups: c.targetGroups)
        case .workPlacement(let c):
            self.init(ref: c.ref, kind: .workPlacement, committed: Exact(c.count), weeks: c.weeks,
                      targetGroups: c.targetGroups)
        case .training(let c):
            self.init(ref: c.ref, kind: .training, committed: Exact(c.count))
        case .supplyChain(let c):
            self.init(ref: c.ref, kind: .supplyChain, committed: c.amount.amount, supplyChainKind: c.kind)
        case .volunteering(let c):
            self.init(ref: c.ref, kind: .volunteering, committed: Exact(c.hours))
        }
    }
}
