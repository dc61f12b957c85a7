import Documents
import Monitoring

/// The award notice's statement of the benefits the authority expects from a contract's
/// community benefit requirements (Procurement Reform (Scotland) Act 2014, s.25(4)), in plain
/// sentences from the awarded bid's commitments, and whether the contract is at or above the
/// £4,000,000 threshold (annual-report.md). Nothing internal: no file names, ids of scheme
/// lines or field names, so the sentences can be pasted into the notice.
public enum AwardStatement {
    public static func render(_ contract: StoredContract) -> String {
        let s = contract.summary
        let facts = s.facts
        var supplier = contract.bid.bidder.name
        if let number = contract.bid.bidder.companyNumber { supplier += " (company number \(number))" }
        var out = "Community benefits: statement for the award notice\n"
        out += "Procurement Reform (Scotland) Act 2014, section 25(4)\n\n"
        out += "Contract \(s.contractID), awarded on \(long(s.awarded)) to \(supplier) for \(ReportFacts.money(facts.value)).\n"
        out += threshold(facts) + "\n\n"
        let sentences = contract.bid.commitments.map { sentence($0, terms: contract.terms.commitment(ref: $0.ref)) }
        guard !sentences.isEmpty else {
            out += "The contract has no community benefit requirements: the winning bid made no community benefit "
                + "commitments, so there are no benefits to state.\n"
            return out
        }
        out += "The authority expects the following benefits from the contract's community benefit requirements: "
        out += sentences.joined(separator: "; ") + ".\n"
        return out
    }

    /// At or above, or below, £4,000,000; a value in another currency is not compared.
    static func threshold(_ facts: AwardFacts) -> String {
        switch facts.atOrAboveThreshold {
        case true?: "Its value is at or above the £4,000,000 threshold of section 25(1) of the Act (major contracts)."
        case false?: "Its value is below the £4,000,000 threshold of section 25(1) of the Act (major contracts)."
        case nil: "Its value is in \(facts.value.currency), so it is not compared with the £4,000,000 threshold of section 25(1) of the Act (major contracts)."
        }
    }

    /// One commitment as a clause: `4 new jobs lasting at least 26 weeks, paying at least
    /// £13.60 an hour, for people living in the 20% most deprived areas who are young people
    /// or care-experienced people`.
    static func sentence(_ commitment: Commitment, terms: CommitmentTerms?) -> String {
        switch commitment {
        case .job(let j):
            var text = "\(j.count) new \(j.count == 1 ? "job" : "jobs")"
            if let role = j.role { text += " (\(role))" }
            if j.fte < .one { text += " of \(j.fte.decimalString()) of full time" }
            text += " lasting at least \(weeks(j.weeks)), paying at least \(ReportFacts.money(j.hourlyRate)) an hour"
            return text + forWhom(area: j.area, deprived: terms?.areaDeprived ?? false, groups: j.targetGroups)
        case .apprenticeship(let a):
            let text = "\(a.count) \(a.level.rawValue) \(a.count == 1 ? "apprenticeship" : "apprenticeships") lasting at least \(weeks(a.weeks))"
            return text + forWhom(area: a.area, deprived: terms?.areaDeprived ?? false, groups: a.targetGroups)
        case .workPlacement(let p):
            let text = "\(p.count) work \(p.count == 1 ? "placement" : "placements") of \(weeks(p.weeks))"
            return text + forWhom(area: nil, deprived: false, groups: p.targetGroups)
        case .training(let t):
            var text = "training for \(t.count) \(t.count == 1 ? "person" : "people"), \(t.hours) \(t.hours == 1 ? "hour" : "hours") each"
            if let q = t.qualification { text += ", leading to \(q)" }
            return text
        case .supplyChain(let c):
            let whom = switch c.kind {
            case .sme: "small and medium-sized enterprises"
            case .socialEnterprise: "social enterprises"
            case .supportedBusiness: "supported businesses"
            case .local: "local suppliers"
            }
            return "\(ReportFacts.money(c.amount)) spent with \(whom) over the contract"
        case .volunteering(let v):
            return "\(v.hours) \(v.hours == 1 ? "hour" : "hours") of staff volunteering in the community"
        }
    }

    static func weeks(_ n: Int) -> String { n == 1 ? "1 week" : "\(n) weeks" }

    /// `, for people living in the 20% most deprived areas who are young people or disabled people`.
    static func forWhom(area: AreaReference?, deprived: Bool, groups: [TargetGroup]) -> String {
        let named = groups.sorted().map(words)
        var text = ""
        if deprived {
            text = ", for people living in the 20% most deprived areas"
            if !named.isEmpty { text += " who are " + alternatives(named) }
        } else if !named.isEmpty {
            text = ", for " + alternatives(named)
        }
        if let area, !deprived { text += (text.isEmpty ? ", " : " ") + "recruited from \(area.text)" }
        return text
    }

    static func alternatives(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    static func words(_ group: TargetGroup) -> String {
        switch group {
        case .youngPerson: "young people aged 16 to 24"
        case .primaryCarer: "people with primary caring responsibilities"
        case .disabled: "disabled people"
        case .ethnicMinority: "people from minority ethnic communities"
        case .lowIncome: "people experiencing poverty"
        case .careExperienced: "care-experienced people"
        case .longTermUnemployed: "people unemployed for 6 months or more"
        case .veteran: "veterans"
        case .justiceInvolved: "people with convictions"
        case .schoolPupil: "school pupils"
        }
    }

    /// `14 June 2026`.
    static func long(_ date: CalendarDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }
}
