import Areas
import Documents

/// One item of a return that counts, as the store keeps it: areas already resolved, so
/// progress is computed without the area tables.
public struct DeliveredItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case hire, leaver, apprenticeshipStart = "apprenticeship-start", placementCompleted = "placement-completed"
        case trainingCompleted = "training-completed", supplyChainSpend = "supply-chain-spend"
        case volunteeringHours = "volunteering-hours"
    }

    public var period: ReturnPeriod
    public var kind: Kind
    /// The commitment; nil only for a leaver that does not name one.
    public var ref: String?
    public var person: String?
    /// A hire's or apprenticeship's start, a leaver's date.
    public var date: CalendarDate?
    /// A completion's `count`, a spend's `amount`, volunteering `hours`; 1 for a hire.
    public var quantity: Exact
    /// A placement's `weeks`, a training completion's `hours`.
    public var size: Int?
    public var fte: Exact?
    public var hourlyRate: Exact?
    public var supplyChainKind: SupplyChainKind?
    /// The hire's area as written, and what the tables said of it.
    public var area: String?
    public var decile: Int?
    public var council: String?
    /// A hire's or apprentice's groups, and since the annual report those of the people on a
    /// placement or training completion line.
    public var targetGroups: [TargetGroup]
    /// The qualification a training completion line achieved.
    public var qualification: String?

    public init(period: ReturnPeriod, kind: Kind, ref: String?, person: String? = nil, date: CalendarDate? = nil,
                quantity: Exact = .one, size: Int? = nil, fte: Exact? = nil, hourlyRate: Exact? = nil,
                supplyChainKind: SupplyChainKind? = nil, area: String? = nil, decile: Int? = nil,
                council: String? = nil, targetGroups: [TargetGroup] = [], qualification: String? = nil) {
        self.qualification = qualification
        self.period = period
        self.kind = kind
        self.ref = ref
        self.person = person
        self.date = date
        self.quantity = quantity
        self.size = size
        self.fte = fte
        self.hourlyRate = hourlyRate
        self.supplyChainKind = supplyChainKind
        self.area = area
        self.decile = decile
        self.council = council
        // Already sorted when read back from the store: skip the copy a sort would make.
        self.targetGroups = zip(targetGroups, targetGroups.dropFirst()).allSatisfy { $0 <= $1 }
            ? targetGroups : targetGroups.sorted()
    }

    /// The stored form of a return item; `area` is what the tables said of its area.
    public init(_ item: ReturnItem, period: ReturnPeriod, area: AreaInfo?) {
        switch item {
        case .hire(let h):
            self.init(period: period, kind: .hire, ref: h.ref, person: h.person, date: h.start, fte: h.fte,
                      hourlyRate: h.hourlyRate.amount, area: h.area?.text, decile: area?.decile,
                      council: area?.council, targetGroups: h.targetGroups)
        case .leaver(let l):
            self.init(period: period, kind: .leaver, ref: l.ref, person: l.person, date: l.date)
        case .apprenticeshipStart(let a):
            self.init(period: period, kind: .apprenticeshipStart, ref: a.ref, person: a.person, date: a.start,
                      area: a.area?.text, decile: area?.decile, council: area?.council,
                      targetGroups: a.targetGroups)
        case .placementCompleted(let p):
            self.init(period: period, kind: .placementCompleted, ref: p.ref, quantity: Exact(p.count), size: p.weeks,
                      targetGroups: p.targetGroups)
        case .trainingCompleted(let t):
            self.init(period: period, kind: .trainingCompleted, ref: t.ref, quantity: Exact(t.count), size: t.hours,
                      targetGroups: t.targetGroups, qualification: t.qualification)
        case .supplyChainSpend(let s):
            self.init(period: period, kind: .supplyChainSpend, ref: s.ref, quantity: s.amount.amount,
                      supplyChainKind: s.kind)
        case .volunteeringHours(let v):
            self.init(period: period, kind: .volunteeringHours, ref: v.ref, quantity: Exact(v.hours))
        }
    }

    /// The commitment kind an item of this kind must point at; nil for a leaver.
    public var commitmentKind: CommitmentKind? {
        switch kind {
        case .hire: .job
        case .leaver: nil
        case .apprenticeshipStart: .apprenticeship
        case .placementCompleted: .workPlacement
        case .trainingCompleted: .training
        case .supplyChainSpend: .supplyChain
        case .volunteeringHours: .volunteering
        }
    }
}
