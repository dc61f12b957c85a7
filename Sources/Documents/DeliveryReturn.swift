/// What a contractor reports it delivered in one period (`urn:cbscore:return:1`).
/// A return is identified by contract and period; a re-submission replaces the earlier one.
public struct DeliveryReturn: Sendable, Hashable, Codable {
    public var contractID: String
    public var period: ReturnPeriod
    public var submitted: CalendarDate
    /// In document order.
    public var items: [ReturnItem]
    public var location: SourceLocation

    public init(contractID: String, period: ReturnPeriod, submitted: CalendarDate,
                items: [ReturnItem], location: SourceLocation) {
        self.contractID = contractID
        self.period = period
        self.submitted = submitted
        self.items = items
        self.location = location
    }
}

/// `YYYY-Qn` or `YYYY-MM`.
public enum ReturnPeriod: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1 else {
            return nil
        }
        if parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()),
           (1...4).contains(q) {
            self = .quarter(year: year, quarter: q)
        } else if parts[1].count == 2, parts[1].allSatisfy(\.isNumber), let m = Int(parts[1]),
                  (1...12).contains(m) {
            self = .month(year: year, month: m)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .quarter(let y, let q): "\(y)-Q\(q)"
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        }
    }

    public var start: CalendarDate {
        switch self {
        case .quarter(let y, let q): CalendarDate(year: y, month: (q - 1) * 3 + 1, day: 1)!
        case .month(let y, let m): CalendarDate(year: y, month: m, day: 1)!
        }
    }

    /// The last day of the period.
    public var end: CalendarDate {
        switch self {
        case .quarter(let y, let q):
            CalendarDate(year: y, month: q * 3, day: CalendarDate.daysIn(month: q * 3, year: y))!
        case .month(let y, let m):
            CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))!
        }
    }

    public static func < (a: ReturnPeriod, b: ReturnPeriod) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }
}

public enum ReturnItem: Sendable, Hashable, Codable {
    case hire(Hire)
    case leaver(Leaver)
    case apprenticeshipStart(ApprenticeshipStart)
    case placementCompleted(PlacementCompleted)
    case trainingCompleted(TrainingCompleted)
    case supplyChainSpend(SupplyChainSpend)
    case volunteeringHours(VolunteeringHours)

    /// The commitment this item reports against; a leaver names a person, not a commitment.
    public var ref: String? {
        switch self {
        case .hire(let i): i.ref
        case .leaver(let i): i.ref
        case .apprenticeshipStart(let i): i.ref
        case .placementCompleted(let i): i.ref
        case .trainingCompleted(let i): i.ref
        case .supplyChainSpend(let i): i.ref
        case .volunteeringHours(let i): i.ref
        }
    }

    /// The background answers of a hire or apprenticeship start.
    public var background: Background? {
        switch self {
        case .hire(let i): i.background
        case .apprenticeshipStart(let i): i.background
        default: nil
        }
    }

    public var location: SourceLocation {
        switch self {
        case .hire(let i): i.location
        case .leaver(let i): i.location
        case .apprenticeshipStart(let i): i.location
        case .placementCompleted(let i): i.location
        case .trainingCompleted(let i): i.location
        case .supplyChainSpend(let i): i.location
        case .volunteeringHours(let i): i.location
        }
    }
}

/// A person hired into a Job commitment. `person` is a pseudonymous id, never a name.
public struct Hire: Sendable, Hashable, Codable {
    public var ref: String
    public var person: String
    public var start: CalendarDate
    public var fte: Exact
    public var hourlyRate: Money
    public var area: AreaReference?
    public var targetGroups: [TargetGroup]
    /// The person's own answers on socio-economic background, when given.
    public var background: Background?
    public var location: SourceLocation

    public init(ref: String, person: String, start: CalendarDate, fte: Exact, hourlyRate: Money,
                area: AreaReference? = nil, targetGroups: [TargetGroup] = [], background: Background? = nil,
                location: SourceLocation) {
        self.ref = ref
        self.person = person
        self.start = start
        self.fte = fte
        self.hourlyRate = hourlyRate
        self.area = area
        self.targetGroups = targetGroups
        self.background = background
        self.location = location
    }
}

public struct Leaver: Sendable, Hashable, Codable {
    /// Optional: the commitment the person was hired under, when the return says.
    public var ref: String?
    public var person: String
    public var date: CalendarDate
    public var location: SourceLocation

    public init(ref: String? = nil, person: String, date: CalendarDate, location: SourceLocation) {
        self.ref = ref
        self.person = person
        self.date = date
        self.location = location
    }
}

public struct ApprenticeshipStart: Sendable, Hashable, Codable {
    public var ref: String
    public var person: String
    public var start: CalendarDate
    public var area: AreaReference?
    public var targetGroups: [TargetGroup]
    /// The person's own answers on socio-economic background, when given.
    public var background: Background?
    public var location: SourceLocation

    public init(ref: String, person: String, start: CalendarDate, area: AreaReference? = nil,
                targetGroups: [TargetGroup] = [], background: Background? = nil, location: SourceLocation) {
        self.ref = ref
        self.person = person
        self.start = start
        self.area = area
        self.targetGroups = targetGroups
        self.background = background
        self.location = location
    }
}

public struct PlacementCompleted: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var weeks: Int
    /// The groups the people on this line belong to (one line per mix of groups).
    public var targetGroups: [TargetGroup]
    public var location: SourceLocation

    public init(ref: String, count: Int = 1, weeks: Int, targetGroups: [TargetGroup] = [],
                location: SourceLocation) {
        self.ref = ref
        self.count = count
        self.weeks = weeks
        self.targetGroups = targetGroups
        self.location = location
    }
}

public struct TrainingCompleted: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var hours: Int
    /// The qualification these people achieved, when the training led to one.
    public var qualification: String?
    /// The groups the people on this line belong to (one line per mix of groups).
    public var targetGroups: [TargetGroup]
    public var location: SourceLocation

    public init(ref: String, count: Int = 1, hours: Int, qualification: String? = nil,
                targetGroups: [TargetGroup] = [], location: SourceLocation) {
        self.ref = ref
        self.count = count
        self.hours = hours
        self.qualification = qualification
        self.targetGroups = targetGroups
        self.location = location
    }
}

public struct SupplyChainSpend: Sendable, Hashable, Codable {
    public var ref: String
    public var kind: SupplyChainKind
    public var amount: Money
    public var location: SourceLocation

    public init(ref: String, kind: SupplyChainKind, amount: Money, location: SourceLocation) {
        self.ref = ref
        self.kind = kind
        self.amount = amount
        self.location = location
    }
}

public struct VolunteeringHours: Sendable, Hashable, Codable {
    public var ref: String
    public var hours: Int
    public var location: SourceLocation

    public init(ref: String, hours: Int, location: SourceLocation) {
        self.ref = ref
        self.hours = hours
        self.location = location
    }
}
