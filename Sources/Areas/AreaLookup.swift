/// The deprivation index a figure comes from.
public enum DeprivationIndex: String, Sendable, Hashable, Codable, CaseIterable {
    case simd2020v2 = "SIMD 2020v2"
    case imd2019 = "IMD 2019"
    case wimd2019 = "WIMD 2019"

    /// Number of ranked areas, for rank-derived deciles.
    public var areaCount: Int {
        switch self {
        case .simd2020v2: 6976
        case .imd2019: 32844
        case .wimd2019: 1909
        }
    }
}

/// What a lookup tells about one area (a data zone, an LSOA, or a postcode resolved to one).
public struct AreaInfo: Sendable, Hashable, Codable {
    /// The text that was looked up, as written.
    public var query: String
    /// The data zone or LSOA code the figures belong to.
    public var code: String
    /// The postcode in its standard spelling (`DG1 1AD`) when the query was a postcode.
    public var postcode: String?
    /// True when that postcode has been terminated (kept: a bid may quote an old address).
    public var postcodeTerminated: Bool
    public var index: DeprivationIndex
    /// 1 = most deprived.
    public var rank: Int
    /// 1 = most deprived tenth.
    public var decile: Int
    public var quintile: Int
    /// Council name or code as the table gives it, when it gives one.
    public var council: String?
    /// The council's GSS code (`S12000049`) when known: the postcode lookup's `laua`, the IMD
    /// file's district code, or the code of the SIMD council name. For matching `Tender/Region`.
    public var councilCode: String? = nil
    /// How the figures were found, in words, for explanations and officers: which file, which
    /// column, and any derivation (`decile ceil(885 × 10 / 1909) = 5`).
    public var explanation: String = ""

    public init(query: String, code: String, postcode: String? = nil, postcodeTerminated: Bool = false,
                index: DeprivationIndex, rank: Int, decile: Int, quintile: Int, council: String? = nil,
                councilCode: String? = nil, explanation: String = "") {
        self.query = query
        self.code = code
        self.postcode = postcode
        self.postcodeTerminated = postcodeTerminated
        self.index = index
        self.rank = rank
        self.decile = decile
        self.quintile = quintile
        self.council = council
        self.councilCode = councilCode
        self.explanation = explanation
    }

    /// "20% most deprived", as the reference scheme and monitoring count it.
    public var isDeprived: Bool { decile <= 2 }
}

public struct AreaLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var query: String
    /// Says what is wrong and which tables were loaded, e.g. "unknown data zone 'S01999999'
    /// (loaded: SIMD 2020v2, 6976 rows)".
    public var message: String

    public init(query: String, message: String) {
        self.query = query
        self.message = message
    }

    public var description: String { message }
}

/// Resolves an area as written in a document. An area no loaded table knows is an error,
/// never silently "not deprived".
public protocol AreaLookup: Sendable {
    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo
    /// `lookup(text).decile`, for callers that need nothing else (scoring a ranking): a lookup
    /// may answer it without building the rest of an `AreaInfo`. Same answer, same errors.
    func decile(of text: String) throws(AreaLookupError) -> Int
    /// True when no table is loaded, so every lookup fails: a caller then says so once
    /// rather than once per area.
    var hasNoTables: Bool { get }
}

extension AreaLookup {
    public func decile(of text: String) throws(AreaLookupError) -> Int {
        try lookup(text).decile
    }

    public var hasNoTables: Bool { false }
}
