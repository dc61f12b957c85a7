/// One community-benefit commitment of a bid. Each kind is its own struct so a field that
/// one kind lacks cannot be read by mistake; `ref` is unique within a bid.
public enum Commitment: Sendable, Hashable, Codable {
    case job(Job)
    case apprenticeship(Apprenticeship)
    case workPlacement(WorkPlacement)
    case training(Training)
    case supplyChain(SupplyChain)
    case volunteering(Volunteering)

    public var ref: String {
        switch self {
        case .job(let c): c.ref
        case .apprenticeship(let c): c.ref
        case .workPlacement(let c): c.ref
        case .training(let c): c.ref
        case .supplyChain(let c): c.ref
        case .volunteering(let c): c.ref
        }
    }

    public var location: SourceLocation {
        switch self {
        case .job(let c): c.location
        case .apprenticeship(let c): c.location
        case .workPlacement(let c): c.location
        case .training(let c): c.location
        case .supplyChain(let c): c.location
        case .volunteering(let c): c.location
        }
    }

    /// The element name in the bid schema (`Job`, `Apprenticeship`, …).
    public var kindName: String {
        switch self {
        case .job: "Job"
        case .apprenticeship: "Apprenticeship"
        case .workPlacement: "WorkPlacement"
        case .training: "Training"
        case .supplyChain: "SupplyChain"
        case .volunteering: "Volunteering"
        }
    }
}

/// `count` new posts, each of `fte`, lasting at least `weeks`, paying `hourlyRate`.
public struct Job: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var fte: Exact
    public var weeks: Int
    public var hourlyRate: Money
    /// Where the people will be recruited from.
    public var area: AreaReference?
    public var role: String?
    public var targetGroups: [TargetGroup]
    public var location: SourceLocation

    public init(ref: String, count: Int = 1, fte: Exact, weeks: Int, hourlyRate: Money,
                area: AreaReference? = nil, role: String? = nil, targetGroups: [TargetGroup] = [],
                location: SourceLocation) {
        self.ref = ref
        self.count = count
        self.fte = fte
        self.weeks = weeks
        self.hourlyRate = hourlyRate
        self.area = area
        self.role = role
        self.targetGroups = targetGroups
        self.location = location
    }
}

public struct Apprenticeship: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var weeks: Int
    public var level: ApprenticeshipLevel
    public var area: AreaReference?
    public var targetGroups: [TargetGroup]
    public var location: SourceLocation

    public init(ref: String, count: Int = 1, weeks: Int, level: ApprenticeshipLevel,
                area: AreaReference? = nil, targetGroups: [TargetGroup] = [],
                location: SourceLocation) {
        self.ref = ref
        self.count = count
        self.weeks = weeks
        self.level = level
        self.area = area
        self.targetGroups = targetGroups
        self.location = location
    }
}

/// `count` placements of `weeks` each, paid or unpaid.
public struct WorkPlacement: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var weeks: Int
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

/// `count` people trained for `hours` each.
public struct Training: Sendable, Hashable, Codable {
    public var ref: String
    public var count: Int
    public var hours: Int
    public var qualification: String?
    public var location: SourceLocation

    public init(ref: String, count: Int = 1, hours: Int, qualification: String? = nil,
                location: SourceLocation) {
        self.ref = ref
        self.count = count
        self.hours = hours
        self.qualification = qualification
        self.location = location
    }
}

/// Money committed to a kind of supplier over the contract.
public struct SupplyChain: Sendable, Hashable, Codable {
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

/// Staff volunteering hours in the community.
public struct Volunteering: Sendable, Hashable, Codable {
    public var ref: String
    public var hours: Int
    public var location: SourceLocation

    public init(ref: String, hours: Int, location: SourceLocation) {
        self.ref = ref
        self.hours = hours
        self.location = location
    }
}
