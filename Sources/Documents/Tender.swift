/// What is being bought (`urn:cbscore:tender:1`).
public struct Tender: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var authority: String
    public var estimatedValue: Money
    public var durationWeeks: Int
    public var closingDate: CalendarDate
    /// Council area codes that count as "local"; empty when the tender names none.
    public var region: [String]
    public var location: SourceLocation

    public init(id: String, title: String, authority: String, estimatedValue: Money,
                durationWeeks: Int, closingDate: CalendarDate, region: [String] = [],
                location: SourceLocation) {
        self.id = id
        self.title = title
        self.authority = authority
        self.estimatedValue = estimatedValue
        self.durationWeeks = durationWeeks
        self.closingDate = closingDate
        self.region = region
        self.location = location
    }
}
