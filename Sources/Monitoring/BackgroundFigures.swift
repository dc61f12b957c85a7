import Documents

/// The socio-economic background of a set of people (everyone in a report, or one contract's
/// people), as counts before anything is withheld. Built by counting people, never shown as is.
public struct BackgroundCounts: Sendable, Hashable {
    /// The cells in a fixed order (`BackgroundCounts.Cell`).
    package private(set) var cells: [Int]

    public init() { cells = Array(repeating: 0, count: Cell.count) }

    /// One person, with the answers of their first report (nil: none given).
    public mutating func add(_ background: Background?) {
        cells[Cell.people] += 1
        let group = background?.group ?? .notRecorded
        cells[Cell.group(group)] += 1
        if group != .notRecorded { cells[Cell.recorded] += 1 }
        cells[Cell.school(background?.school)] += 1
        cells[Cell.freeSchoolMeals(background?.freeSchoolMeals)] += 1
    }

    public mutating func add(_ other: BackgroundCounts) {
        for i in cells.indices { cells[i] += other.cells[i] }
    }

    public var people: Int { cells[Cell.people] }

    /// Where each figure sits. Per set of people: people, recorded (in the three groups), the
    /// four groups, the five school answers and "not recorded", the five free school meals
    /// answers and "not recorded".
    package enum Cell {
        static let people = 0
        static let recorded = 1
        static let groupsStart = 2
        static let schoolStart = 6
        static let mealsStart = 12
        static let count = 18

        static func group(_ g: BackgroundGroup) -> Int { groupsStart + BackgroundGroup.allCases.firstIndex(of: g)! }
        static func school(_ s: SchoolType?) -> Int {
            schoolStart + (s.flatMap { SchoolType.allCases.firstIndex(of: $0) } ?? SchoolType.allCases.count)
        }
        static func freeSchoolMeals(_ f: FreeSchoolMeals?) -> Int {
            mealsStart + (f.flatMap { FreeSchoolMeals.allCases.firstIndex(of: $0) } ?? FreeSchoolMeals.allCases.count)
        }

        /// The sums that tie a set's cells together: recorded = the three groups; people =
        /// recorded + not recorded = every school answer = every free school meals answer.
        static func equations(base b: Int) -> [[(cell: Int, coefficient: Int)]] {
            [
                [(b + recorded, 1), (b + groupsStart, -1), (b + groupsStart + 1, -1), (b + groupsStart + 2, -1)],
                [(b + people, 1), (b + recorded, -1), (b + groupsStart + 3, -1)],
                [(b + people, 1)] + (schoolStart..<mealsStart).map { (b + $0, -1) },
                [(b + people, 1)] + (mealsStart..<count).map { (b + $0, -1) },
            ]
        }
    }
}

/// One background count as published: the count, or withheld (`nil`).
public struct PublishedCount: Sendable, Hashable, Codable {
    /// Nil when withheld: fewer than 5 people, or a figure from which such a count could be
    /// worked out. Both read the same so that they cannot be told apart.
    public var count: Int?
    /// Of the people in the three groups, exact (groups only; shown to one place); nil when
    /// not shown (a withheld count or total, or nobody in the three groups).
    public var percent: Exact?

    public init(count: Int?, percent: Exact? = nil) {
        self.count = count
        self.percent = percent
    }

    public var withheld: Bool { count == nil }
}

/// One answer's published count (`state`, `prefer-not-to-say`, `notRecorded`…).
public struct PublishedAnswer: Sendable, Hashable, Codable {
    public var answer: String
    public var figure: PublishedCount
}

/// The background section of one set of people as published (annual-report.md): counts per
/// group and not recorded, percentages, counts per answer of `school` and `freeSchoolMeals`,
/// with every count of 1 to 4 withheld and every count from which one could be worked out.
public struct BackgroundFigures: Sendable, Hashable, Codable {
    public var people: PublishedCount
    /// People in the three groups.
    public var recorded: PublishedCount
    /// professional, intermediate, lower, notRecorded.
    public var groups: [PublishedAnswer]
    /// state, independent, outside-uk, unknown, prefer-not-to-say, notRecorded.
    public var school: [PublishedAnswer]
    /// yes, no, not-applicable, unknown, prefer-not-to-say, notRecorded.
    public var freeSchoolMeals: [PublishedAnswer]

    /// True when any count is withheld.
    public var anyWithheld: Bool {
        ([people, recorded] + (groups + school + freeSchoolMeals).map(\.figure)).contains(where: \.withheld)
    }

    /// The answer keys, in order, as the JSON writes them.
    public static let groupKeys = ["professional", "intermediate", "lower", "notRecorded"]
    public static let schoolKeys = SchoolType.allCases.map(\.rawValue) + ["notRecorded"]
    public static let mealsKeys = FreeSchoolMeals.allCases.map(\.rawValue) + ["notRecorded"]
}
