import Documents
import XMLReading

extension Bid {
    /// Maps an expanded, schema-checked `<Bid>`; nil when any part cannot be read (a bid
    /// is never half-read: a missing commitment would score as if nothing were committed).
    static func map(_ element: XMLElement, _ m: inout ElementMapper) -> Bid? {
        let id = m.attribute(element, "id", required: true, expected: "an identifier", ValueText.nonEmpty)
        let tender = m.attribute(element, "tender", required: true, expected: "an identifier",
                                 ValueText.nonEmpty)
        let submitted = m.value(element, "Submitted", required: true, expected: ValueText.instant,
                                ValueText.instant)
        let bidder = m.single(element, "Bidder", required: true).flatMap { Bidder.map($0, &m) }
        let price = m.money(element, "Price", required: true)
        let fairWork = m.single(element, "FairWork", required: true).flatMap { FairWork.map($0, &m) }
        let commitments = m.single(element, "Commitments", required: true)
            .flatMap { Commitment.mapAll($0, &m) }
        guard let id, let tender, let submitted, let bidder, let price, let fairWork,
              let commitments, m.structural.isEmpty, m.valueFailures.isEmpty else { return nil }
        return Bid(id: id, tenderID: tender, submitted: submitted, bidder: bidder, price: price,
                   fairWork: fairWork, commitments: commitments, location: element.location)
    }
}

extension Bidder {
    static func map(_ element: XMLElement, _ m: inout ElementMapper) -> Bidder? {
        let name = m.value(element, "Name", required: true, expected: "a name", ValueText.nonEmpty)
        let number = m.value(element, "CompanyNumber", required: false, expected: "a company number",
                             ValueText.nonEmpty)
        let size = m.value(element, "Size", required: true, expected: "micro, small, medium or large",
                           BidderSize.init(rawValue:))
        let social = m.value(element, "SocialEnterprise", required: false,
                             expected: ValueText.boolean, ValueText.boolean)
        let supported = m.value(element, "SupportedBusiness", required: false,
                                expected: ValueText.boolean, ValueText.boolean)
        let accredited = m.value(element, "LivingWageAccredited", required: false,
                                 expected: ValueText.boolean, ValueText.boolean)
        guard let name, let size else { return nil }
        return Bidder(name: name, companyNumber: number, size: size,
                      socialEnterprise: social ?? false, supportedBusiness: supported ?? false,
                      livingWageAccredited: accredited ?? false)
    }
}

extension FairWork {
    static func map(_ element: XMLElement, _ m: inout ElementMapper) -> FairWork? {
        let rate = m.money(element, "LowestHourlyRate", required: true)
        let zeroHours = m.value(element, "ZeroHoursContracts", required: true,
                                expected: ValueText.boolean, ValueText.boolean)
        let voice = m.value(element, "WorkforceVoice", required: true,
                            expected: ValueText.boolean, ValueText.boolean)
        let flexible = m.value(element, "FlexibleWorking", required: true,
                               expected: ValueText.boolean, ValueText.boolean)
        let gap = m.value(element, "GenderPayGapPercent", required: false,
                          expected: "a percentage", ValueText.exact)
        guard let rate, let zeroHours, let voice, let flexible else { return nil }
        return FairWork(lowestHourlyRate: rate, zeroHoursContracts: zeroHours,
                        workforceVoice: voice, flexibleWorking: flexible, genderPayGapPercent: gap)
    }
}

extension Commitment {
    /// Every commitment in document order; a `ref` used twice in the bid is refused.
    static func mapAll(_ element: XMLElement, _ m: inout ElementMapper) -> [Commitment]? {
        var result: [Commitment] = []
        var failed = false
        // A bid holds a handful of commitments: a list beats hashing.
        var firstUse: [(ref: String, location: SourceLocation)] = []
        for child in element.children where child.namespace == element.namespace {
            if let ref = child.attribute("ref")?.trimmedXML {
                if let first = firstUse.first(where: { $0.ref == ref })?.location {
                    m.structural.append(Diagnostic(
                        XMLDiagnostic.duplicateRef, at: child.location,
                        message: "\(child.localName)/@ref: '\(ref)' is already used by the "
                            + "commitment at line \(first.line); each ref must be unique within its bid"))
                } else {
                    firstUse.append((ref, child.location))
                }
            }
            if let commitment = map(child, &m) {
                result.append(commitment)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }

    static func map(_ e: XMLElement, _ m: inout ElementMapper) -> Commitment? {
        let ref = m.attribute(e, "ref", required: true, expected: "a reference", ValueText.nonEmpty)
        let count = m.attribute(e, "count", required: false, expected: ValueText.count,
                                ValueText.positive) ?? 1
        switch e.localName {
        case "Job":
            let fte = m.attribute(e, "fte", required: true, expected: "a full-time equivalent",
                                  ValueText.exact)
            let weeks = m.attribute(e, "weeks", required: true, expected: ValueText.count, ValueText.positive)
            let rate = m.attribute(e, "hourlyRate", required: true, expected: ValueText.money,
                                   ValueText.exact)
            let role = m.value(e, "Role", required: false, expected: "a role", ValueText.nonEmpty)
            let groups = m.targetGroups(e)
            guard let ref, let fte, let weeks, let rate else { return nil }
            return .job(Job(ref: ref, count: count, fte: fte, weeks: weeks, hourlyRate: Money(rate),
                            area: m.area(e), role: role, targetGroups: groups, location: e.location))
        case "Apprenticeship":
            let weeks = m.attribute(e, "weeks", required: true, expected: ValueText.count, ValueText.positive)
            let level = m.attribute(e, "level", required: true, expected: "foundation, modern or graduate",
                                    ApprenticeshipLevel.init(rawValue:))
            let groups = m.targetGroups(e)
            guard let ref, let weeks, let level else { return nil }
            return .apprenticeship(Apprenticeship(ref: ref, count: count, weeks: weeks, level: level,
                                                  area: m.area(e), targetGroups: groups,
                                                  location: e.location))
        case "WorkPlacement":
            let weeks = m.attribute(e, "weeks", required: true, expected: ValueText.count, ValueText.positive)
            let groups = m.targetGroups(e)
            guard let ref, let weeks else { return nil }
            return .workPlacement(WorkPlacement(ref: ref, count: count, weeks: weeks,
                                                targetGroups: groups, location: e.location))
        case "Training":
            let hours = m.attribute(e, "hours", required: true, expected: ValueText.count, ValueText.positive)
            let qualification = e.attribute("qualification")?.trimmedXML
            guard let ref, let hours else { return nil }
            return .training(Training(ref: ref, count: count, hours: hours,
                                      qualification: qualification, location: e.location))
        case "SupplyChain":
            let kind = m.attribute(e, "kind", required: true, expected: "a supplier kind",
                                   SupplyChainKind.init(rawValue:))
            let amount = m.attribute(e, "amount", required: true, expected: ValueText.money, ValueText.exact)
            guard let ref, let kind, let amount else { return nil }
            return .supplyChain(SupplyChain(ref: ref, kind: kind, amount: Money(amount),
                                            location: e.location))
        case "Volunteering":
            let hours = m.attribute(e, "hours", required: true, expected: ValueText.count, ValueText.positive)
            guard let ref, let hours else { return nil }
            return .volunteering(Volunteering(ref: ref, hours: hours, location: e.location))
        default:
            // The schema has refused it already; say so again only if it did not.
            m.valueFailures.append(Diagnostic(XMLDiagnostic.schema, at: e.location,
                                              message: "\(e.localName): unexpected element"))
            return nil
        }
    }
}
