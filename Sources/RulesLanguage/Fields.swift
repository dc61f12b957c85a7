import Documents
import ExactNumbers

/// The kinds of commitment a line can range over, as a scheme names them.
public enum CommitmentKind: Int, Sendable, Hashable, CaseIterable {
    case job, apprenticeship, placement, training, supplyChain, volunteering

    public var word: String {
        switch self {
        case .job: "job"
        case .apprenticeship: "apprenticeship"
        case .placement: "placement"
        case .training: "training"
        case .supplyChain: "supply_chain"
        case .volunteering: "volunteering"
        }
    }

    public init?(word: String) {
        guard let k = CommitmentKind.allCases.first(where: { $0.word == word }) else { return nil }
        self = k
    }

    public func matches(_ c: Commitment) -> Bool {
        switch (self, c) {
        case (.job, .job), (.apprenticeship, .apprenticeship), (.placement, .workPlacement), (.training, .training),
             (.supplyChain, .supplyChain), (.volunteering, .volunteering): true
        default: false
        }
    }

    /// The fields a scheme can read from a commitment of this kind, with their types.
    public var fields: [(String, ValueType)] {
        switch self {
        case .job:
            [("ref", .text), ("count", .quantity(.count)), ("fte", .quantity(.fte)), ("weeks", .quantity(.weeks)),
             ("hourly_rate", .rate), ("area", .area), ("role", .text), ("target_groups", .groups)]
        case .apprenticeship:
            [("ref", .text), ("count", .quantity(.count)), ("weeks", .quantity(.weeks)),
             ("level", .choice(.apprenticeshipLevel)), ("area", .area), ("target_groups", .groups)]
        case .placement:
            [("ref", .text), ("count", .quantity(.count)), ("weeks", .quantity(.weeks)), ("target_groups", .groups)]
        case .training:
            [("ref", .text), ("count", .quantity(.count)), ("hours", .quantity(.hours)), ("qualification", .text)]
        case .supplyChain:
            [("ref", .text), ("kind", .choice(.supplyChainKind)), ("amount", .money)]
        case .volunteering:
            [("ref", .text), ("hours", .quantity(.hours))]
        }
    }

    /// The attribute name in the bid XML, for figure sources: `hourly_rate` → `hourlyRate`.
    static func xmlName(_ field: String) -> String {
        switch field {
        case "hourly_rate": "hourlyRate"
        case "target_groups": "TargetGroup"
        case "role": "Role"
        default: field
        }
    }
}

/// A field of a commitment, resolved once by the checker.
enum ItemField: Sendable, Hashable {
    case ref, count, fte, weeks, hourlyRate, area, role, targetGroups, level, hours, qualification, kind, amount

    init?(_ name: String) {
        switch name {
        case "ref": self = .ref
        case "count": self = .count
        case "fte": self = .fte
        case "weeks": self = .weeks
        case "hourly_rate": self = .hourlyRate
        case "area": self = .area
        case "role": self = .role
        case "target_groups": self = .targetGroups
        case "level": self = .level
        case "hours": self = .hours
        case "qualification": self = .qualification
        case "kind": self = .kind
        case "amount": self = .amount
        default: return nil
        }
    }

    func read(_ c: Commitment) -> Value {
        switch (self, c) {
        case (.ref, _): .text(c.ref)
        case (.count, .job(let j)): .number(Exact(j.count))
        case (.count, .apprenticeship(let a)): .number(Exact(a.count))
        case (.count, .workPlacement(let p)): .number(Exact(p.count))
        case (.count, .training(let t)): .number(Exact(t.count))
        case (.fte, .job(let j)): .number(j.fte)
        case (.weeks, .job(let j)): .number(Exact(j.weeks))
        case (.weeks, .apprenticeship(let a)): .number(Exact(a.weeks))
        case (.weeks, .workPlacement(let p)): .number(Exact(p.weeks))
        case (.hourlyRate, .job(let j)): .number(j.hourlyRate.amount)
        case (.area, .job(let j)): .area(j.area)
        case (.area, .apprenticeship(let a)): .area(a.area)
        case (.role, .job(let j)): .text(j.role ?? "")
        case (.targetGroups, .job(let j)): .groups(GroupSet(j.targetGroups))
        case (.targetGroups, .apprenticeship(let a)): .groups(GroupSet(a.targetGroups))
        case (.targetGroups, .workPlacement(let p)): .groups(GroupSet(p.targetGroups))
        case (.level, .apprenticeship(let a)): .choice(UInt8(ApprenticeshipLevel.allCases.firstIndex(of: a.level) ?? 0))
        case (.hours, .training(let t)): .number(Exact(t.hours))
        case (.hours, .volunteering(let v)): .number(Exact(v.hours))
        case (.qualification, .training(let t)): .text(t.qualification ?? "")
        case (.kind, .supplyChain(let s)): .choice(UInt8(SupplyChainKind.allCases.firstIndex(of: s.kind) ?? 0))
        case (.amount, .supplyChain(let s)): .number(s.amount.amount)
        default: .text("")
        }
    }
}

/// A field of the bid or tender, resolved once by the checker.
enum BidField: String, Sendable, Hashable, CaseIterable {
    case bidID = "bid.id"
    case price = "bid.price"
    case submitted = "bid.submitted"
    case bidderName = "bidder.name"
    case bidderSize = "bidder.size"
    case socialEnterprise = "bidder.social_enterprise"
    case supportedBusiness = "bidder.supported_business"
    case livingWageAccredited = "bidder.living_wage_accredited"
    case lowestHourlyRate = "fair_work.lowest_hourly_rate"
    case zeroHoursContracts = "fair_work.zero_hours_contracts"
    case workforceVoice = "fair_work.workforce_voice"
    case flexibleWorking = "fair_work.flexible_working"
    case genderPayGap = "fair_work.gender_pay_gap_percent"
    case tenderID = "tender.id"
    case estimatedValue = "tender.estimated_value"
    case durationWeeks = "tender.duration_weeks"
    case closingDate = "tender.closing_date"

    static let objects: Set<String> = ["bid", "bidder", "fair_work", "tender"]

    var type: ValueType {
        switch self {
        case .bidID, .bidderName, .tenderID: .text
        case .price, .estimatedValue: .money
        case .submitted, .closingDate: .date
        case .bidderSize: .choice(.bidderSize)
        case .socialEnterprise, .supportedBusiness, .livingWageAccredited, .zeroHoursContracts, .workforceVoice,
             .flexibleWorking: .bool
        case .lowestHourlyRate: .rate
        case .genderPayGap: .percent
        case .durationWeeks: .quantity(.weeks)
        }
    }

    /// Where the figure stands in the bid or tender document.
    var documentPath: String {
        switch self {
        case .bidID: "@id"
        case .price: "Price"
        case .submitted: "Submitted"
        case .bidderName: "Bidder/Name"
        case .bidderSize: "Bidder/Size"
        case .socialEnterprise: "Bidder/SocialEnterprise"
        case .supportedBusiness: "Bidder/SupportedBusiness"
        case .livingWageAccredited: "Bidder/LivingWageAccredited"
        case .lowestHourlyRate: "FairWork/LowestHourlyRate"
        case .zeroHoursContracts: "FairWork/ZeroHoursContracts"
        case .workforceVoice: "FairWork/WorkforceVoice"
        case .flexibleWorking: "FairWork/FlexibleWorking"
        case .genderPayGap: "FairWork/GenderPayGapPercent"
        case .tenderID: "tender @id"
        case .estimatedValue: "tender EstimatedValue"
        case .durationWeeks: "tender DurationWeeks"
        case .closingDate: "tender ClosingDate"
        }
    }

    /// Nil when the bid leaves an optional field out.
    func read(_ bid: Bid, _ tender: Tender) -> Value? {
        switch self {
        case .bidID: .text(bid.id)
        case .price: .number(bid.price.amount)
        case .submitted: .date(bid.submitted.londonDate)
        case .bidderName: .text(bid.bidder.name)
        case .bidderSize: .choice(UInt8(BidderSize.allCases.firstIndex(of: bid.bidder.size) ?? 0))
        case .socialEnterprise: .bool(bid.bidder.socialEnterprise)
        case .supportedBusiness: .bool(bid.bidder.supportedBusiness)
        case .livingWageAccredited: .bool(bid.bidder.livingWageAccredited)
        case .lowestHourlyRate: .number(bid.fairWork.lowestHourlyRate.amount)
        case .zeroHoursContracts: .bool(bid.fairWork.zeroHoursContracts)
        case .workforceVoice: .bool(bid.fairWork.workforceVoice)
        case .flexibleWorking: .bool(bid.fairWork.flexibleWorking)
        case .genderPayGap: bid.fairWork.genderPayGapPercent.map { .number($0 / Exact(100)) }
        case .tenderID: .text(tender.id)
        case .estimatedValue: .number(tender.estimatedValue.amount)
        case .durationWeeks: .number(Exact(tender.durationWeeks))
        case .closingDate: .date(tender.closingDate)
        }
    }
}

/// Target groups as a bit set: `includes any of` is one AND.
public struct GroupSet: Sendable, Hashable {
    public var bits: UInt16

    public init(bits: UInt16) { self.bits = bits }

    public init(_ groups: [TargetGroup]) {
        var b: UInt16 = 0
        for g in groups { b |= GroupSet.bit(g) }
        bits = b
    }

    static func bit(_ g: TargetGroup) -> UInt16 {
        UInt16(1) << UInt16(position(g))
    }

    /// `TargetGroup.allCases.firstIndex(of: g)`, without building `allCases` on every call
    /// (a bid names target groups on most commitments).
    static func position(_ g: TargetGroup) -> Int {
        switch g {
        case .youngPerson: 0
        case .primaryCarer: 1
        case .disabled: 2
        case .ethnicMinority: 3
        case .lowIncome: 4
        case .careExperienced: 5
        case .longTermUnemployed: 6
        case .veteran: 7
        case .justiceInvolved: 8
        case .schoolPupil: 9
        }
    }

    public var groups: [TargetGroup] {
        TargetGroup.allCases.filter { bits & GroupSet.bit($0) != 0 }
    }

    public var text: String {
        let g = groups
        return g.isEmpty ? "none" : g.map(\.rawValue).joined(separator: ", ")
    }

    static let all = GroupSet(TargetGroup.allCases)
}

/// A value while a bid is evaluated.
enum Value: Sendable, Hashable {
    case number(Exact)
    case bool(Bool)
    case date(CalendarDate)
    case text(String)
    case groups(GroupSet)
    case area(AreaReference?)
    case choice(UInt8)

    var number: Exact {
        if case .number(let v) = self { return v }
        return .zero
    }

    var bool: Bool {
        if case .bool(let b) = self { return b }
        return false
    }
}
