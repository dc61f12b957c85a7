import Documents

/// The annual report's figures (annual-report.md), counted with monitoring's rules. Pure: the
/// same contracts and returns give the same report whatever order they come in.
public enum AnnualReportBuilder {
    public static func build(from: CalendarDate, to: CalendarDate, contracts: [AnnualContractInput])
        throws(ArithmeticError) -> AnnualReport {
        let period = from...to
        var breakdown: [(figures: AnnualContractFigures, background: BackgroundCounts)] = []
        var overall = FulfilledFigures()
        for input in contracts.sorted(by: { $0.summary.contractID < $1.summary.contractID }) {
            let summary = input.summary
            let counted = input.returns.filter { period.contains($0.period.start) }.sorted { $0.period < $1.period }
            let awardedInPeriod = period.contains(summary.awarded)
            guard awardedInPeriod || !counted.isEmpty else { continue }
            let (fulfilled, sources, background, backgroundSources) = try fulfilment(of: input, in: period)
            try overall.add(fulfilled)
            breakdown.append((AnnualContractFigures(
                contractID: summary.contractID, bidFile: summary.bidFile, bidSHA256: summary.bidSHA256, supplierName: summary.supplier, awarded: summary.awarded,
                awardedInPeriod: awardedInPeriod, facts: summary.facts, hasRequirements: summary.hasRequirements,
                fulfilled: fulfilled, returns: counted, sources: sources,
                background: BackgroundFigures.placeholder, backgroundSources: backgroundSources), background))
        }
        // Background: everyone, then each contract, withheld together (the contracts add up
        // to everyone, so a count withheld in one place must not be worked out from another).
        var everyone = BackgroundCounts()
        for entry in breakdown { everyone.add(entry.background) }
        let published = BackgroundSuppression.publish([everyone] + breakdown.map(\.background))
        var contractFigures = breakdown.map(\.figures)
        for i in contractFigures.indices { contractFigures[i].background = published[i + 1] }

        let awarded = contractFigures.filter(\.awardedInPeriod)
        return AnnualReport(
            from: from, to: to, procurements: try procurements(awarded),
            communityBenefits: CommunityBenefitFigures(
                contractsAtOrAbove4m: awarded.filter { $0.facts.atOrAboveThreshold == true }.count,
                contractsAtOrAbove4mWithRequirements: awarded.filter { $0.facts.atOrAboveThreshold == true && $0.hasRequirements }.count,
                contractsBelow4mWithRequirements: awarded.filter { $0.facts.atOrAboveThreshold == false && $0.hasRequirements }.count,
                fulfilled: overall),
            background: published[0], contracts: contractFigures)
    }

    /// Section 2. A supplier is counted once; whether it is an SME or third-sector body is
    /// what its latest award in the period says (latest award date, then contract id).
    static func procurements(_ awarded: [AnnualContractFigures]) throws(ArithmeticError) -> ProcurementFigures {
        var value = Exact.zero
        var other: [String] = []
        var suppliers: [String: AnnualContractFigures] = [:]
        for c in awarded {
            if c.facts.value.currency == "GBP" {
                value = try value.adding(c.facts.value.amount)
            } else {
                other.append(c.contractID)
            }
            if let seen = suppliers[c.facts.supplierID], (seen.awarded, seen.contractID) > (c.awarded, c.contractID) { continue }
            suppliers[c.facts.supplierID] = c
        }
        return ProcurementFigures(
            contractsAwarded: awarded.count, valueAwarded: value, suppliers: suppliers.count,
            smeSuppliers: suppliers.values.filter(\.facts.sme).count,
            thirdSectorSuppliers: suppliers.values.filter(\.facts.thirdSector).count,
            contractsInOtherCurrencies: other.sorted())
    }

    /// Rows d) to k) and the totals for one contract, where each figure comes from, and the
    /// background of its people hired in the period.
    static func fulfilment(of input: AnnualContractInput, in period: ClosedRange<CalendarDate>) throws(ArithmeticError)
        -> (FulfilledFigures, [FulfilledFigure: [ReturnPeriod]], BackgroundCounts, [ReturnPeriod]) {
        var f = FulfilledFigures()
        var sources: [FulfilledFigure: Set<Int64>] = [:]
        let priority = Set(input.summary.facts.priorityGroups)
        func inPriority(_ groups: [TargetGroup]) -> Bool { groups.contains(where: priority.contains) }
        let countedIDs = Set(input.returns.filter { period.contains($0.period.start) }.map(\.id))

        // Quantities: the items of the returns counted for the period.
        for a in input.items where countedIDs.contains(a.returnID) {
            let item = a.item
            func note(_ figure: FulfilledFigure) { sources[figure, default: []].insert(a.returnID) }
            switch item.kind {
            case .placementCompleted:
                let n = Int(clamping: item.quantity.floor)
                f.placements += n
                note(.placements)
                if inPriority(item.targetGroups) {
                    f.placementsForPriorityGroups += n
                    note(.placementsForPriorityGroups)
                }
            case .trainingCompleted where item.qualification != nil:
                let n = Int(clamping: item.quantity.floor)
                f.qualifications += n
                note(.qualifications)
                if inPriority(item.targetGroups) {
                    f.qualificationsByPriorityGroups += n
                    note(.qualificationsByPriorityGroups)
                }
            case .supplyChainSpend:
                switch item.supplyChainKind {
                case .sme?:
                    f.spendWithSMEs = try f.spendWithSMEs.adding(item.quantity)
                    note(.spendWithSMEs)
                case .socialEnterprise?:
                    f.spendWithSocialEnterprises = try f.spendWithSocialEnterprises.adding(item.quantity)
                    note(.spendWithSocialEnterprises)
                case .supportedBusiness?:
                    f.spendWithSupportedBusinesses = try f.spendWithSupportedBusinesses.adding(item.quantity)
                    note(.spendWithSupportedBusinesses)
                case .local?:
                    f.localSpend = try f.localSpend.adding(item.quantity)
                    note(.localSpend)
                case nil: break
                }
            case .volunteeringHours:
                f.volunteeringHours += Int(clamping: item.quantity.floor)
                note(.volunteeringHours)
            default: break
            }
        }

        // People: monitoring's hires as of the period's end (the first report of each person
        // under each commitment gives the start and groups; counted or not by its rules), kept
        // when the start is in the period and a return counted for the period reports them.
        let progress = try ProgressCalculator.progress(of: input.terms, items: input.items.map(\.item), asOf: period.upperBound)
        var reportedIn: [String: Set<Int64>] = [:]  // "ref person" → counted returns reporting it
        for a in input.items where countedIDs.contains(a.returnID)
            && (a.item.kind == .hire || a.item.kind == .apprenticeshipStart) {
            reportedIn["\(a.item.ref ?? "") \(a.item.person ?? "")", default: []].insert(a.returnID)
        }
        var people = Set<String>()
        for line in progress.commitments where line.kind.countsHires {
            for hire in line.hireOutcomes where period.contains(hire.start) {
                guard let returns = reportedIn["\(hire.ref) \(hire.person)"] else { continue }
                people.insert(hire.person)
                let priorityHire = inPriority(hire.targetGroups)
                if line.kind == .job {
                    f.jobsFilled += 1
                    sources[.jobsFilled, default: []].formUnion(returns)
                    if hire.counted {
                        f.jobsCountedTowardCommitments += 1
                        sources[.jobsCountedTowardCommitments, default: []].formUnion(returns)
                    }
                    if priorityHire {
                        f.jobsFilledByPriorityGroups += 1
                        sources[.jobsFilledByPriorityGroups, default: []].formUnion(returns)
                    }
                } else {
                    f.apprenticeshipsFilled += 1
                    sources[.apprenticeshipsFilled, default: []].formUnion(returns)
                    if priorityHire {
                        f.apprenticeshipsFilledByPriorityGroups += 1
                        sources[.apprenticeshipsFilledByPriorityGroups, default: []].formUnion(returns)
                    }
                }
            }
        }

        // Background: each of those people once, with the answers of their first report in
        // the contract (earliest period, then document order).
        var background = BackgroundCounts()
        var seen = Set<String>()
        var backgroundSources = Set<Int64>()
        for a in input.items where a.item.kind == .hire || a.item.kind == .apprenticeshipStart {
            guard let person = a.item.person, people.contains(person), seen.insert(person).inserted else { continue }
            background.add(a.background)
        }
        for (key, returns) in reportedIn where people.contains(String(key.split(separator: " ").last ?? "")) {
            backgroundSources.formUnion(returns)
        }
        let periods = Dictionary(input.returns.map { ($0.id, $0.period) }, uniquingKeysWith: { a, _ in a })
        func named(_ ids: Set<Int64>) -> [ReturnPeriod] { ids.compactMap { periods[$0] }.sorted() }
        return (f, sources.filter { !$0.value.isEmpty }.mapValues(named), background, named(backgroundSources))
    }
}

extension BackgroundFigures {
    /// Replaced once every contract has been counted.
    static let placeholder = BackgroundFigures(people: PublishedCount(count: nil), recorded: PublishedCount(count: nil),
                                               groups: [], school: [], freeSchoolMeals: [])
}
