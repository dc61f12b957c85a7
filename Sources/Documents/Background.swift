/// A person's answers to the Social Mobility Commission's four questions on socio-economic
/// background (annual-report.md), given voluntarily on a `Hire` or `ApprenticeshipStart`.
/// Each answer is optional: anything not given is "not recorded". Personal data: cbscore
/// shows it only as suppressed totals, never per person.
public struct Background: Sendable, Hashable, Codable {
    public var parentalOccupation: ParentalOccupation?
    public var school: SchoolType?
    public var freeSchoolMeals: FreeSchoolMeals?
    public var parentalQualification: ParentalQualification?

    public init(parentalOccupation: ParentalOccupation? = nil, school: SchoolType? = nil,
                freeSchoolMeals: FreeSchoolMeals? = nil, parentalQualification: ParentalQualification? = nil) {
        self.parentalOccupation = parentalOccupation
        self.school = school
        self.freeSchoolMeals = freeSchoolMeals
        self.parentalQualification = parentalQualification
    }

    /// The Commission's headline measure, from the parental occupation.
    public var group: BackgroundGroup { parentalOccupation?.group ?? .notRecorded }
}

/// Occupation of the main household earner when the person was about 14.
public enum ParentalOccupation: String, Sendable, Hashable, Codable, CaseIterable {
    case professional, manager, clerical
    case smallBusiness = "small-business"
    case technical, routine
    case longTermUnemployed = "long-term-unemployed"
    case other, unknown
    case preferNotToSay = "prefer-not-to-say"

    public var group: BackgroundGroup {
        switch self {
        case .professional, .manager: .professional
        case .clerical, .smallBusiness: .intermediate
        case .technical, .routine, .longTermUnemployed: .lower
        case .other, .unknown, .preferNotToSay: .notRecorded
        }
    }
}

/// Type of school attended between 11 and 16.
public enum SchoolType: String, Sendable, Hashable, Codable, CaseIterable {
    case state, independent
    case outsideUK = "outside-uk"
    case unknown
    case preferNotToSay = "prefer-not-to-say"
}

/// Eligible for free school meals at school.
public enum FreeSchoolMeals: String, Sendable, Hashable, Codable, CaseIterable {
    case yes, no
    case notApplicable = "not-applicable"
    case unknown
    case preferNotToSay = "prefer-not-to-say"
}

/// Highest qualification of either parent by the time the person was 18.
public enum ParentalQualification: String, Sendable, Hashable, Codable, CaseIterable {
    case degree
    case belowDegree = "below-degree"
    case none, unknown
    case preferNotToSay = "prefer-not-to-say"
}

/// Socio-economic background group (annual-report.md): percentages are of the people in the
/// first three.
public enum BackgroundGroup: String, Sendable, Hashable, Codable, CaseIterable {
    case professional, intermediate, lower
    case notRecorded = "not-recorded"

    /// As a report names it.
    public var words: String {
        switch self {
        case .professional: "professional background"
        case .intermediate: "intermediate background"
        case .lower: "lower socio-economic background"
        case .notRecorded: "not recorded"
        }
    }
}
