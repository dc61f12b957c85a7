import Documents

/// A submission counted by the annual report: the provenance of its figures.
public struct CountedReturn: Sendable, Hashable, Codable {
    public var id: Int64
    public var contractID: String
    public var period: ReturnPeriod
    public var submitted: CalendarDate
    public var file: String
    public var sha256: String

    public init(id: Int64, contractID: String, period: ReturnPeriod, submitted: CalendarDate, file: String, sha256: String) {
        self.id = id
        self.contractID = contractID
        self.period = period
        self.submitted = submitted
        self.file = file
        self.sha256 = sha256
    }
}

/// One item of a current return as the annual report reads it: the return it came from and,
/// for a hire or an apprenticeship start, the person's background answers (read only here,
/// to be counted).
public struct AnnualItem: Sendable, Hashable {
    public var item: DeliveredItem
    public var returnID: Int64
    public var background: Background?

    public init(item: DeliveredItem, returnID: Int64, background: Background? = nil) {
        self.item = item
        self.returnID = returnID
        self.background = background
    }
}

/// What the store gives the annual report for one contract.
public struct AnnualContractInput: Sendable {
    public var summary: ContractSummary
    public var terms: ContractTerms
    /// Items of every current return whose period starts on or before the report's end, in
    /// period order then document order.
    public var items: [AnnualItem]
    /// Those current returns.
    public var returns: [CountedReturn]

    public init(summary: ContractSummary, terms: ContractTerms, items: [AnnualItem], returns: [CountedReturn]) {
        self.summary = summary
        self.terms = terms
        self.items = items
        self.returns = returns
    }
}

/// Template section 2: procurements completed, over the contracts awarded in the period.
public struct ProcurementFigures: Sendable, Hashable, Codable {
    /// a) how many.
    public var contractsAwarded: Int
    /// b) their total value (GBP).
    public var valueAwarded: Exact
    /// c) distinct suppliers, i) of which SMEs, ii) third-sector bodies.
    public var suppliers: Int
    public var smeSuppliers: Int
    public var thirdSectorSuppliers: Int
    /// Contracts priced in another currency: counted in a), not added to b), not compared
    /// with £4,000,000.
    public var contractsInOtherCurrencies: [String]
}

/// What was fulfilled during the period (template section 4, rows d to k, and the totals
/// beside d to g), for one contract or all of them.
public struct FulfilledFigures: Sendable, Hashable, Codable {
    /// d) people hired into a job in the period who belong to a priority group, once per commitment.
    public var jobsFilledByPriorityGroups = 0
    /// e) the same for apprenticeship starts.
    public var apprenticeshipsFilledByPriorityGroups = 0
    /// f) Σ count of placement completions naming a priority group.
    public var placementsForPriorityGroups = 0
    /// g) Σ count of training completions with a qualification naming a priority group.
    public var qualificationsByPriorityGroups = 0
    /// h), i), j): Σ amount of spend by the spend's own kind.
    public var spendWithSMEs = Exact.zero
    public var spendWithSocialEnterprises = Exact.zero
    public var spendWithSupportedBusinesses = Exact.zero
    /// k) volunteering hours and local spend.
    public var volunteeringHours = 0
    public var localSpend = Exact.zero
    /// Beside d) to g), whatever the group.
    public var jobsFilled = 0
    /// Of `jobsFilled`, those that count toward their commitment under monitoring's rules
    /// (leavers included).
    public var jobsCountedTowardCommitments = 0
    public var apprenticeshipsFilled = 0
    public var placements = 0
    public var qualifications = 0

    public init() {}

    mutating func add(_ o: FulfilledFigures) throws(ArithmeticError) {
        jobsFilledByPriorityGroups += o.jobsFilledByPriorityGroups
        apprenticeshipsFilledByPriorityGroups += o.apprenticeshipsFilledByPriorityGroups
        placementsForPriorityGroups += o.placementsForPriorityGroups
        qualificationsByPriorityGroups += o.qualificationsByPriorityGroups
        spendWithSMEs = try spendWithSMEs.adding(o.spendWithSMEs)
        spendWithSocialEnterprises = try spendWithSocialEnterprises.adding(o.spendWithSocialEnterprises)
        spendWithSupportedBusinesses = try spendWithSupportedBusinesses.adding(o.spendWithSupportedBusinesses)
        volunteeringHours += o.volunteeringHours
        localSpend = try localSpend.adding(o.localSpend)
        jobsFilled += o.jobsFilled
        jobsCountedTowardCommitments += o.jobsCountedTowardCommitments
        apprenticeshipsFilled += o.apprenticeshipsFilled
        placements += o.placements
        qualifications += o.qualifications
    }
}

/// The figures of section 4, rows d) to k) and the totals, by name, in the template's order:
/// what renderers walk to print a row and its provenance.
public enum FulfilledFigure: String, Sendable, Hashable, Codable, CaseIterable {
    case jobsFilledByPriorityGroups, apprenticeshipsFilledByPriorityGroups, placementsForPriorityGroups
    case qualificationsByPriorityGroups, spendWithSMEs, spendWithSocialEnterprises, spendWithSupportedBusinesses
    case volunteeringHours, localSpend
    case jobsFilled, jobsCountedTowardCommitments, apprenticeshipsFilled, placements, qualifications

    /// The template's row letter, for d) to k).
    public var row: String? {
        switch self {
        case .jobsFilledByPriorityGroups: "d"
        case .apprenticeshipsFilledByPriorityGroups: "e"
        case .placementsForPriorityGroups: "f"
        case .qualificationsByPriorityGroups: "g"
        case .spendWithSMEs: "h"
        case .spendWithSocialEnterprises: "i"
        case .spendWithSupportedBusinesses: "j"
        case .volunteeringHours, .localSpend: "k"
        default: nil
        }
    }

    public var isMoney: Bool {
        self == .spendWithSMEs || self == .spendWithSocialEnterprises || self == .spendWithSupportedBusinesses
            || self == .localSpend
    }

    /// As the Scottish Government's template words the row (or the report words a total).
    public var words: String {
        switch self {
        case .jobsFilledByPriorityGroups: "Number of Jobs Filled by Priority Groups (Each contracting authority sets its own priority groups)"
        case .apprenticeshipsFilledByPriorityGroups: "Number of Apprenticeships Filled by Priority Groups"
        case .placementsForPriorityGroups: "Number of Work Placements for Priority Groups"
        case .qualificationsByPriorityGroups: "Number of Qualifications Achieved Through Training by Priority Groups"
        case .spendWithSMEs: "Total Value of contracts sub-contracted to SMEs"
        case .spendWithSocialEnterprises: "Total Value of contracts sub-contracted to Social Enterprises"
        case .spendWithSupportedBusinesses: "Total Value of contracts sub-contracted to Supported Businesses"
        case .volunteeringHours: "Other community benefit(s) fulfilled: hours of staff volunteering"
        case .localSpend: "Other community benefit(s) fulfilled: spend with local suppliers"
        case .jobsFilled: "Jobs filled, whatever the group"
        case .jobsCountedTowardCommitments: "of which counted toward their commitment"
        case .apprenticeshipsFilled: "Apprenticeships filled, whatever the group"
        case .placements: "Work placements completed, whatever the group"
        case .qualifications: "Qualifications achieved through training, whatever the group"
        }
    }

    public func value(in f: FulfilledFigures) -> Exact {
        switch self {
        case .jobsFilledByPriorityGroups: Exact(f.jobsFilledByPriorityGroups)
        case .apprenticeshipsFilledByPriorityGroups: Exact(f.apprenticeshipsFilledByPriorityGroups)
        case .placementsForPriorityGroups: Exact(f.placementsForPriorityGroups)
        case .qualificationsByPriorityGroups: Exact(f.qualificationsByPriorityGroups)
        case .spendWithSMEs: f.spendWithSMEs
        case .spendWithSocialEnterprises: f.spendWithSocialEnterprises
        case .spendWithSupportedBusinesses: f.spendWithSupportedBusinesses
        case .volunteeringHours: Exact(f.volunteeringHours)
        case .localSpend: f.localSpend
        case .jobsFilled: Exact(f.jobsFilled)
        case .jobsCountedTowardCommitments: Exact(f.jobsCountedTowardCommitments)
        case .apprenticeshipsFilled: Exact(f.apprenticeshipsFilled)
        case .placements: Exact(f.placements)
        case .qualifications: Exact(f.qualifications)
        }
    }
}

/// Template section 4.
public struct CommunityBenefitFigures: Sendable, Hashable, Codable {
    /// a) contracts awarded in the period at £4,000,000 or more; b) of those, with community
    /// benefit requirements; c) below £4,000,000 with requirements.
    public var contractsAtOrAbove4m: Int
    public var contractsAtOrAbove4mWithRequirements: Int
    public var contractsBelow4mWithRequirements: Int
    /// d) to k) and the totals, over every contract.
    public var fulfilled: FulfilledFigures
}

/// One contract in the breakdown: awarded in the period, or with a counted return in it.
public struct AnnualContractFigures: Sendable, Hashable, Codable {
    public var contractID: String
    public var bidFile: String
    public var bidSHA256: String
    /// The supplier's name, as `contracts list` shows it.
    public var supplierName: String
    public var awarded: CalendarDate
    public var awardedInPeriod: Bool
    public var facts: AwardFacts
    public var hasRequirements: Bool
    public var fulfilled: FulfilledFigures
    /// The current returns of the contract whose period starts in the period, in period order.
    public var returns: [CountedReturn]
    /// Per figure of `fulfilled` that is not 0, the periods of the returns it comes from, in
    /// order (a period has one current return; periods, not store ids, so the report does not
    /// depend on the order returns were imported in).
    public var sources: [FulfilledFigure: [ReturnPeriod]]
    public var background: BackgroundFigures
    /// The periods of the returns whose hires and apprenticeship starts the background counts.
    public var backgroundSources: [ReturnPeriod]
}

/// The annual procurement report's community benefit figures for FROM…TO (annual-report.md).
public struct AnnualReport: Sendable, Hashable, Codable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var procurements: ProcurementFigures
    public var communityBenefits: CommunityBenefitFigures
    /// Everyone hired or starting an apprenticeship in the period, withheld where needed.
    public var background: BackgroundFigures
    /// By contract id.
    public var contracts: [AnnualContractFigures]
}
