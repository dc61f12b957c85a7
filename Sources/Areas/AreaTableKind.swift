/// The official files cbscore reads, each recognised by its header whatever the file is called.
public enum AreaTableKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case simd2020v2 = "SIMD 2020v2"
    case imd2019 = "IMD 2019"
    case wimd2019 = "WIMD 2019"
    /// The ONS National Statistics Postcode Lookup: postcode → data zone / LSOA.
    case nspl = "NSPL postcodes"

    /// The deprivation index whose ranks the table holds; nil for the postcode lookup.
    public var index: DeprivationIndex? {
        switch self {
        case .simd2020v2: .simd2020v2
        case .imd2019: .imd2019
        case .wimd2019: .wimd2019
        case .nspl: nil
        }
    }

    /// The columns read, key column first; a file that has the key column but lacks another is
    /// a wrongly-headed table, not some other file.
    var requiredColumns: [String] {
        switch self {
        case .simd2020v2:
            ["Data_Zone", "SIMD2020v2_Rank", "SIMD2020v2_Decile", "SIMD2020v2_Quintile", "Council_area"]
        case .imd2019:
            ["LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank",
             "Index of Multiple Deprivation (IMD) Decile", "Local Authority District name (2019)",
             "Local Authority District code (2019)"]
        case .wimd2019:
            ["lsoa_code", "IMD_rank"]
        case .nspl:
            ["pcds", "lsoa11", "imd", "laua", "doterm"]
        }
    }

    /// What a row's key is called in messages.
    var keyNoun: String {
        switch self {
        case .simd2020v2: "data zone"
        case .imd2019, .wimd2019: "LSOA"
        case .nspl: "postcode"
        }
    }

    /// Order for summaries and for which table answers first.
    private var order: Int {
        switch self {
        case .simd2020v2: 0
        case .imd2019: 1
        case .wimd2019: 2
        case .nspl: 3
        }
    }

    public static func < (a: AreaTableKind, b: AreaTableKind) -> Bool { a.order < b.order }
}

/// What a file's first line says it is.
enum HeaderMatch: Equatable {
    /// A known table; the positions of `kind.requiredColumns` in the header.
    case table(AreaTableKind, columns: [Int], fieldCount: Int)
    /// The key column of a known table is there but others are not.
    case incomplete(AreaTableKind, missing: [String])
    case unknown

    init(header: [String]) {
        let names = header.map { $0.trimmingSpaces() }
        for kind in AreaTableKind.allCases where names.contains(kind.requiredColumns[0]) {
            var columns: [Int] = []
            var missing: [String] = []
            for required in kind.requiredColumns {
                if let position = names.firstIndex(of: required) {
                    columns.append(position)
                } else {
                    missing.append(required)
                }
            }
            self = missing.isEmpty ? .table(kind, columns: columns, fieldCount: names.count)
                : .incomplete(kind, missing: missing)
            return
        }
        self = .unknown
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
