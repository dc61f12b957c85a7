/// The priority groups of the Glasgow City Region strategy plus the usual employability
/// categories (xml-formats.md, "Target groups").
public enum TargetGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case youngPerson = "young-person"
    case primaryCarer = "primary-carer"
    case disabled
    case ethnicMinority = "ethnic-minority"
    case lowIncome = "low-income"
    case careExperienced = "care-experienced"
    case longTermUnemployed = "long-term-unemployed"
    case veteran
    case justiceInvolved = "justice-involved"
    case schoolPupil = "school-pupil"

    public static func < (a: TargetGroup, b: TargetGroup) -> Bool { a.rawValue < b.rawValue }
}

public enum BidderSize: String, Sendable, Hashable, Codable, CaseIterable {
    case micro, small, medium, large
}

public enum ApprenticeshipLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case foundation, modern, graduate
}

public enum SupplyChainKind: String, Sendable, Hashable, Codable, CaseIterable {
    case sme
    case socialEnterprise = "social-enterprise"
    case supportedBusiness = "supported-business"
    case local
}

/// An amount of money in a currency (ISO 4217; GBP unless the document says otherwise).
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Exact
    public var currency: String

    public init(_ amount: Exact, currency: String = "GBP") {
        self.amount = amount
        self.currency = currency
    }

    public var description: String {
        currency == "GBP" ? "£\(amount.decimalString())" : "\(amount.decimalString()) \(currency)"
    }
}

/// An area as written in a document: a data zone, an LSOA or a postcode. The Areas module
/// resolves it; the document keeps the text and where it stood.
public struct AreaReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    public var description: String { text }
}

@_exported import ExactNumbers
@_exported import Diagnostics
