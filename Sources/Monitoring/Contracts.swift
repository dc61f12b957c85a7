import Areas
import Documents
import Scoring

/// A winning bid turned into a contract.
public struct Award: Sendable {
    public var contractID: String
    public var bid: Bid
    /// The tender the bid answered, kept so deliveries are scored against the same tender.
    public var tender: Tender?
    public var start: CalendarDate
    public var end: CalendarDate
    /// The bid file as named and its SHA-256.
    public var bidFile: String
    public var bidSHA256: String
    /// The scheme the bid was scored with; delivered points must come from the same one.
    public var scheme: SchemeReference
    public var committedPoints: ScoredPoints
    /// What the service records beside the award (service.md); the CLI leaves the defaults.
    public var details: AwardDetails
    /// The groups the scheme declares as `priority_groups`; nil when it declares none (then
    /// every group except `school-pupil`, `AwardFacts.defaultPriorityGroups`).
    public var priorityGroups: [TargetGroup]?

    public init(contractID: String, bid: Bid, tender: Tender? = nil, start: CalendarDate, end: CalendarDate,
                bidFile: String, bidSHA256: String, scheme: SchemeReference, committedPoints: ScoredPoints,
                details: AwardDetails = AwardDetails(), priorityGroups: [TargetGroup]? = nil) {
        self.details = details
        self.priorityGroups = priorityGroups
        self.contractID = contractID
        self.bid = bid
        self.tender = tender
        self.start = start
        self.end = end
        self.bidFile = bidFile
        self.bidSHA256 = bidSHA256
        self.scheme = scheme
        self.committedPoints = committedPoints
    }

    /// Value, supplier, size and priority groups as the store keeps them.
    public var facts: AwardFacts { AwardFacts(bid: bid, priorityGroups: priorityGroups) }
}

/// How often a contract reports (service.md, "Returns due").
public enum Reporting: String, Sendable, Hashable, Codable, CaseIterable {
    case quarterly, monthly
}

/// The award's record beyond the bid: when, how often returns are due, from which ranking, and
/// the reason when a bid excluded at a gate was awarded all the same.
public struct AwardDetails: Sendable, Hashable, Codable {
    /// The award date; the contract's start when nil.
    public var awarded: CalendarDate?
    public var reporting: Reporting
    /// Days after a period's due day before its return is overdue.
    public var graceDays: Int
    public var rankingID: String?
    public var overrideReason: String?
    /// Who awarded it (a user's email); nil from the CLI.
    public var awardedBy: String?

    public init(awarded: CalendarDate? = nil, reporting: Reporting = .quarterly, graceDays: Int = 30,
                rankingID: String? = nil, overrideReason: String? = nil, awardedBy: String? = nil) {
        self.awarded = awarded
        self.reporting = reporting
        self.graceDays = graceDays
        self.rankingID = rankingID
        self.overrideReason = overrideReason
        self.awardedBy = awardedBy
    }
}

/// A contract as `contracts list` shows it.
/// A contract withdrawn after award (awarded by mistake, say): who withdrew it, when, why.
/// Kept in the store's history; the contract's award, commitments and returns stay as they were.
public struct ContractWithdrawal: Sendable, Hashable, Codable {
    public var reason: String
    /// The person who withdrew it, as they gave their name.
    public var by: String
    /// When the store recorded it, a UTC instant (`YYYY-MM-DDThh:mm:ssZ`).
    public var at: String

    public init(reason: String, by: String, at: String) {
        self.reason = reason
        self.by = by
        self.at = at
    }

    /// `withdrawn 2026-11-21T00:00:00Z by Ann Officer: awarded to the wrong bid`.
    public var sentence: String { "withdrawn \(at) by \(by): \(reason)" }
}

public struct ContractSummary: Sendable, Hashable, Codable {
    public var contractID: String
    public var supplier: String
    public var bidID: String
    public var tenderID: String
    public var start: CalendarDate
    public var end: CalendarDate
    public var scheme: SchemeReference
    public var bidFile: String
    public var bidSHA256: String
    public var committedPoints: ScoredPoints
    public var commitments: Int
    /// Periods with a current return.
    public var returns: Int
    public var details: AwardDetails
    /// Value, supplier, size, priority groups (annual-report.md, "Contracts").
    public var facts: AwardFacts
    /// Set when the contract was withdrawn after award (`contracts withdraw`).
    public var withdrawal: ContractWithdrawal?

    public init(contractID: String, supplier: String, bidID: String, tenderID: String, start: CalendarDate,
                end: CalendarDate, scheme: SchemeReference, bidFile: String, bidSHA256: String,
                committedPoints: ScoredPoints, commitments: Int, returns: Int, details: AwardDetails,
                facts: AwardFacts, withdrawal: ContractWithdrawal? = nil) {
        self.facts = facts
        self.withdrawal = withdrawal
        self.contractID = contractID
        self.supplier = supplier
        self.bidID = bidID
        self.tenderID = tenderID
        self.start = start
        self.end = end
        self.scheme = scheme
        self.bidFile = bidFile
        self.bidSHA256 = bidSHA256
        self.committedPoints = committedPoints
        self.commitments = commitments
        self.returns = returns
        self.details = details
    }

    /// The award date: as recorded, else the start (stores written before award dates were kept).
    public var awarded: CalendarDate { details.awarded ?? start }

    /// A contract has community benefit requirements when its bid committed to at least one
    /// commitment (annual-report.md).
    public var hasRequirements: Bool { commitments > 0 }
}

/// What the annual report reads of an award (annual-report.md, "Contracts"), fixed at award
/// from the winning bid and the scheme.
public struct AwardFacts: Sendable, Hashable, Codable {
    /// The awarded bid's `Price`.
    public var value: Money
    /// The bidder's `CompanyNumber` when given, else its name.
    public var supplierID: String
    /// `Size` micro, small or medium.
    public var sme: Bool
    /// `SocialEnterprise` or `SupportedBusiness`.
    public var thirdSector: Bool
    /// The scheme's `priority_groups`, or every group except `school-pupil`; sorted.
    public var priorityGroups: [TargetGroup]

    public init(value: Money, supplierID: String, sme: Bool, thirdSector: Bool, priorityGroups: [TargetGroup]) {
        self.value = value
        self.supplierID = supplierID
        self.sme = sme
        self.thirdSector = thirdSector
        self.priorityGroups = priorityGroups.sorted()
    }

    public init(bid: Bid, priorityGroups: [TargetGroup]?) {
        let bidder = bid.bidder
        self.init(value: bid.price, supplierID: bidder.companyNumber ?? bidder.name,
                  sme: bidder.size != .large, thirdSector: bidder.socialEnterprise || bidder.supportedBusiness,
                  priorityGroups: priorityGroups ?? Self.defaultPriorityGroups)
    }

    /// A scheme that declares no `priority_groups`: every group except `school-pupil`.
    public static let defaultPriorityGroups = TargetGroup.allCases.filter { $0 != .schoolPupil }.sorted()

    /// £4,000,000: the s.25 threshold for community benefit requirements (2014 Act).
    public static let threshold = Money(Exact(4_000_000))

    /// At or above £4,000,000; nil when the value is in another currency (not compared).
    public var atOrAboveThreshold: Bool? {
        value.currency == "GBP" ? value.amount >= Self.threshold.amount : nil
    }
}

/// A stored contract with everything monitoring needs.
public struct StoredContract: Sendable, Hashable {
    public var summary: ContractSummary
    public var bid: Bid
    public var tender: Tender?
    public var terms: ContractTerms

    public init(summary: ContractSummary, bid: Bid, tender: Tender?, terms: ContractTerms) {
        self.summary = summary
        self.bid = bid
        self.tender = tender
        self.terms = terms
    }
}

extension Award {
    /// The winning bid's commitments as terms to measure delivery against; every reason to
    /// refuse the award otherwise (an empty term, an unknown area). A bid with no commitments
    /// is awarded: the contract simply has no community benefit requirements.
    public func commitmentTerms(areas: any AreaLookup) throws(DiagnosticsError) -> [CommitmentTerms] {
        var diagnostics: [Diagnostic] = []
        let at = bid.location
        if end <= start {
            diagnostics.append(Diagnostic(MonitoringDiagnostic.emptyTerm, at: at,
                message: "contract \(contractID): end \(end) is not after start \(start)"))
        }
        var terms: [CommitmentTerms] = []
        for commitment in bid.commitments {
            do {
                terms.append(try CommitmentTerms(commitment, areas: areas))
            } catch {
                diagnostics.append(Diagnostic(MonitoringDiagnostic.unknownArea, at: commitment.location,
                    message: "\(commitment.kindName) \(commitment.ref): \(error.message)"))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return terms
    }

    /// The refusal when the contract id is taken.
    public var alreadyAwarded: DiagnosticsError {
        DiagnosticsError([Diagnostic(MonitoringDiagnostic.contractExists, at: bid.location,
            message: "contract \(contractID) is already awarded; nothing changed")])
    }
}

