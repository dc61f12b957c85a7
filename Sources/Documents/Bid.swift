/// What one bidder offers (`urn:cbscore:bid:1`), including its community-benefit commitments.
public struct Bid: Sendable, Hashable, Codable {
    public var id: String
    public var tenderID: String
    public var submitted: Instant
    public var bidder: Bidder
    public var price: Money
    public var fairWork: FairWork
    /// In document order.
    public var commitments: [Commitment]
    /// Where the `<Bid>` element starts.
    public var location: SourceLocation

    public init(id: String, tenderID: String, submitted: Instant, bidder: Bidder, price: Money,
                fairWork: FairWork, commitments: [Commitment], location: SourceLocation) {
        self.id = id
        self.tenderID = tenderID
        self.submitted = submitted
        self.bidder = bidder
        self.price = price
        self.fairWork = fairWork
        self.commitments = commitments
        self.location = location
    }

    public func commitment(ref: String) -> Commitment? {
        commitments.first { $0.ref == ref }
    }
}

public struct Bidder: Sendable, Hashable, Codable {
    public var name: String
    public var companyNumber: String?
    public var size: BidderSize
    public var socialEnterprise: Bool
    public var supportedBusiness: Bool
    public var livingWageAccredited: Bool

    public init(name: String, companyNumber: String? = nil, size: BidderSize,
                socialEnterprise: Bool = false, supportedBusiness: Bool = false,
                livingWageAccredited: Bool = false) {
        self.name = name
        self.companyNumber = companyNumber
        self.size = size
        self.socialEnterprise = socialEnterprise
        self.supportedBusiness = supportedBusiness
        self.livingWageAccredited = livingWageAccredited
    }
}

public struct FairWork: Sendable, Hashable, Codable {
    /// Lowest rate paid to anyone working on the contract, subcontractors included.
    public var lowestHourlyRate: Money
    /// "Inappropriate" use of zero-hours contracts.
    public var zeroHoursContracts: Bool
    /// A recognised union or staff forum.
    public var workforceVoice: Bool
    public var flexibleWorking: Bool
    /// May be negative; nil when not given.
    public var genderPayGapPercent: Exact?

    public init(lowestHourlyRate: Money, zeroHoursContracts: Bool, workforceVoice: Bool,
                flexibleWorking: Bool, genderPayGapPercent: Exact? = nil) {
        self.lowestHourlyRate = lowestHourlyRate
        self.zeroHoursContracts = zeroHoursContracts
        self.workforceVoice = workforceVoice
        self.flexibleWorking = flexibleWorking
        self.genderPayGapPercent = genderPayGapPercent
    }
}
