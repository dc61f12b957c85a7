import Documents
import XMLReading

extension DeliveryReturn {
    static func map(_ element: XMLElement, _ m: inout ElementMapper) -> DeliveryReturn? {
        let contract = m.attribute(element, "contract", required: true, expected: "an identifier",
                                   ValueText.nonEmpty)
        let period = m.attribute(element, "period", required: true, expected: "a period (YYYY-Qn or YYYY-MM)",
                                 { ReturnPeriod($0) })
        let submitted = m.value(element, "Submitted", required: true, expected: ValueText.date,
                                ValueText.date)
        var items: [ReturnItem] = []
        var failed = false
        for child in element.children where child.namespace == element.namespace
            && child.localName != "Submitted" {
            if let item = ReturnItem.map(child, &m) { items.append(item) } else { failed = true }
        }
        guard let contract, let period, let submitted, !failed else { return nil }
        return DeliveryReturn(contractID: contract, period: period, submitted: submitted,
                              items: items, location: element.location)
    }
}

extension ReturnItem {
    static func map(_ e: XMLElement, _ m: inout ElementMapper) -> ReturnItem? {
        let ref = m.attribute(e, "ref", required: e.localName != "Leaver", expected: "a reference",
                              ValueText.nonEmpty)
        let count = m.attribute(e, "count", required: false, expected: ValueText.count,
                                ValueText.positive) ?? 1
        switch e.localName {
        case "Hire":
            let person = m.attribute(e, "person", required: true, expected: "a person id", ValueText.nonEmpty)
            let start = m.attribute(e, "start", required: true, expected: ValueText.date, ValueText.date)
            let fte = m.attribute(e, "fte", required: true, expected: "a full-time equivalent", ValueText.exact)
            let rate = m.attribute(e, "hourlyRate", required: true, expected: ValueText.money, ValueText.exact)
            let groups = m.targetGroups(e)
            let background = m.background(e)
            guard let ref, let person, let start, let fte, let rate else { return nil }
            return .hire(Hire(ref: ref, person: person, start: start, fte: fte, hourlyRate: Money(rate),
                              area: m.area(e), targetGroups: groups, background: background, location: e.location))
        case "Leaver":
            let person = m.attribute(e, "person", required: true, expected: "a person id", ValueText.nonEmpty)
            let date = m.attribute(e, "date", required: true, expected: ValueText.date, ValueText.date)
            guard let person, let date else { return nil }
            return .leaver(Leaver(ref: ref, person: person, date: date, location: e.location))
        case "ApprenticeshipStart":
            let person = m.attribute(e, "person", required: true, expected: "a person id", ValueText.nonEmpty)
            let start = m.attribute(e, "start", required: true, expected: ValueText.date, ValueText.date)
            let groups = m.targetGroups(e)
            let background = m.background(e)
            guard let ref, let person, let start else { return nil }
            return .apprenticeshipStart(ApprenticeshipStart(ref: ref, person: person, start: start,
                                                            area: m.area(e), targetGroups: groups,
                                                            background: background, location: e.location))
        case "PlacementCompleted":
            let weeks = m.attribute(e, "weeks", required: true, expected: ValueText.count, ValueText.positive)
            let groups = m.targetGroups(e)
            guard let ref, let weeks else { return nil }
            return .placementCompleted(PlacementCompleted(ref: ref, count: count, weeks: weeks,
                                                          targetGroups: groups, location: e.location))
        case "TrainingCompleted":
            let hours = m.attribute(e, "hours", required: true, expected: ValueText.count, ValueText.positive)
            let qualification = m.attribute(e, "qualification", required: false, expected: "a qualification",
                                            ValueText.nonEmpty)
            let groups = m.targetGroups(e)
            guard let ref, let hours else { return nil }
            return .trainingCompleted(TrainingCompleted(ref: ref, count: count, hours: hours,
                                                        qualification: qualification, targetGroups: groups,
                                                        location: e.location))
        case "SupplyChainSpend":
            let kind = m.attribute(e, "kind", required: true, expected: "a supplier kind",
                                   SupplyChainKind.init(rawValue:))
            let amount = m.attribute(e, "amount", required: true, expected: ValueText.money, ValueText.exact)
            guard let ref, let kind, let amount else { return nil }
            return .supplyChainSpend(SupplyChainSpend(ref: ref, kind: kind, amount: Money(amount),
                                                      location: e.location))
        case "VolunteeringHours":
            let hours = m.attribute(e, "hours", required: true, expected: ValueText.count, ValueText.positive)
            guard let ref, let hours else { return nil }
            return .volunteeringHours(VolunteeringHours(ref: ref, hours: hours, location: e.location))
        default:
            m.valueFailures.append(Diagnostic(XMLDiagnostic.schema, at: e.location,
                                              message: "\(e.localName): unexpected element"))
            return nil
        }
    }
}

extension ElementMapper {
    /// The one optional `<Background>` of a hire or apprenticeship start; each answer is
    /// optional (the schema has checked the words).
    mutating func background(_ element: XMLElement) -> Background? {
        guard let b = single(element, "Background", required: false) else { return nil }
        return Background(
            parentalOccupation: attribute(b, "parentalOccupation", required: false, expected: "an occupation group",
                                          ParentalOccupation.init(rawValue:)),
            school: attribute(b, "school", required: false, expected: "a school type", SchoolType.init(rawValue:)),
            freeSchoolMeals: attribute(b, "freeSchoolMeals", required: false, expected: "yes, no or another answer",
                                       FreeSchoolMeals.init(rawValue:)),
            parentalQualification: attribute(b, "parentalQualification", required: false,
                                             expected: "a qualification level", ParentalQualification.init(rawValue:)))
    }
}
