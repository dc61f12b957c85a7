import Synchronization

/// The loaded deprivation tables and postcode lookups, answering `lookup` for data zones,
/// LSOAs and postcodes. Immutable once loaded; share it freely between tasks.
public final class AreaDirectory: AreaLookup, Sendable {
    /// What was loaded, in the order files were read (sorted by absolute path).
    public let tables: [LoadedTable]
    /// Files found in `--areas` folders whose first line is no known header, left alone.
    public let skippedFiles: [String]
    /// Parallel to `tables`.
    let data: [AreaTable]
    /// Answers already given, by the exact text asked: a batch names the same areas again
    /// and again, and building an `AreaInfo` (its explanation text) costs far more than the
    /// search. Bounded, so a million distinct postcodes cannot grow it without limit.
    private let answered = Mutex<[String: AreaInfo]>([:])
    static let answeredLimit = 1 << 16

    init(tables: [LoadedTable], data: [AreaTable], skippedFiles: [String]) {
        self.tables = tables
        self.data = data
        self.skippedFiles = skippedFiles
    }

    public var hasNoTables: Bool { tables.isEmpty }

    /// Nothing loaded: every lookup fails, telling the user how to load tables.
    public static let empty = AreaDirectory(tables: [], data: [], skippedFiles: [])

    public func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        if let known = answered.withLock({ $0[text] }) { return known }
        let info = try search(text)
        answered.withLock { memo in
            if memo.count < Self.answeredLimit { memo[text] = info }
        }
        return info
    }

    /// A data zone or LSOA code, or a postcode, is found by its key alone, with no `AreaInfo`
    /// built; anything unusual (an error to report) goes through `lookup`, which gives the
    /// same decile or the error.
    public func decile(of text: String) throws(AreaLookupError) -> Int {
        if let key = AreaKey.code(text.utf8), let index = AreaKey.index(ofCode: key) {
            if data.contains(where: { $0.kind.index == index }), let decile = decileOfCode(key) { return decile }
        } else if let decile = decileOfPostcode(text.trimmingSpaces()) {
            return decile
        }
        return try lookup(text).decile
    }

    /// `figures(for:query:)?.decile`.
    private func decileOfCode(_ key: UInt64) -> Int? {
        for table in data where table.kind.index != nil {
            if let row = table.find(key) { return Int(table.deciles[row]) }
        }
        return nil
    }

    /// The decile `lookupPostcode` gives, or nil where it would throw (or the query is not
    /// a postcode as `search` reads it).
    private func decileOfPostcode(_ query: String) -> Int? {
        guard AreaKey.code(query.uppercased()).flatMap(AreaKey.index(ofCode:)) == nil,
              let compact = Postcode.compact(query), let key = AreaKey.postcode(compact: compact) else { return nil }
        for table in data where table.kind == .nspl {
            guard let row = table.find(key) else { continue }
            let zone = table.zones[row]
            guard zone != 0, let index = AreaKey.index(ofCode: zone) else { return nil }
            if let decile = decileOfCode(zone) { return decile }
            let rank = Int(table.ranks[row])
            guard index == .simd2020v2, rank >= 1, rank <= index.areaCount else { return nil }
            return (rank * 10 + index.areaCount - 1) / index.areaCount
        }
        return nil
    }

    private func search(_ text: String) throws(AreaLookupError) -> AreaInfo {
        let query = text.trimmingSpaces()
        guard !tables.isEmpty else {
            throw AreaLookupError(query: text, message: "cannot resolve area '\(text)': no deprivation tables "
                + "are loaded; pass --areas PATH (a file or a folder) or set CBSCORE_AREAS")
        }
        if let key = AreaKey.code(query.uppercased()), let index = AreaKey.index(ofCode: key) {
            return try lookupCode(key, index: index, query: text)
        }
        guard let compact = Postcode.compact(query), let key = AreaKey.postcode(compact: compact) else {
            throw AreaLookupError(query: text, message: "'\(text)' is not a data zone (S01 and 6 digits), an LSOA "
                + "(E01 or W01 and 6 digits) or a UK postcode")
        }
        return try lookupPostcode(key, query: text)
    }

    /// `loaded: SIMD 2020v2 simd2020v2_datazones.csv (6976 rows), …`
    private var loadedList: String {
        "loaded: " + tables.sorted { ($0.kind, $0.path) < ($1.kind, $1.path) }.map(\.label).joined(separator: ", ")
    }

    private func lookupCode(_ key: UInt64, index: DeprivationIndex, query: String) throws(AreaLookupError)
        -> AreaInfo
    {
        let code = AreaKey.codeText(key)
        let noun = index == .simd2020v2 ? "data zone" : "LSOA"
        guard data.contains(where: { $0.kind.index == index }) else {
            throw AreaLookupError(query: query, message: "cannot resolve \(noun) \(code): no \(index.rawValue) "
                + "table is loaded (\(loadedList))")
        }
        guard let info = figures(for: key, query: query) else {
            throw AreaLookupError(query: query, message: "unknown \(noun) '\(code)' (\(loadedList))")
        }
        return info
    }

    /// The figures a loaded index table gives a code, or nil when none has it.
    private func figures(for key: UInt64, query: String) -> AreaInfo? {
        for position in data.indices where data[position].kind.index != nil {
            let table = data[position]
            guard let row = table.find(key), let index = table.kind.index else { continue }
            let code = AreaKey.codeText(key)
            let rank = Int(table.ranks[row]), decile = Int(table.deciles[row])
            let quintile = Int(table.quintiles[row])
            let derivation: String
            switch table.kind {
            case .wimd2019:
                derivation = "decile ceil(\(rank) × 10 / \(index.areaCount)) = \(decile), "
                    + "quintile ceil(\(decile) / 2) = \(quintile)"
            case .imd2019:
                derivation = "decile \(decile) as published, quintile ceil(\(decile) / 2) = \(quintile)"
            default:
                derivation = "decile \(decile) and quintile \(quintile) as published"
            }
            let noun = table.kind.keyNoun
            return AreaInfo(
                query: query, code: code, index: index, rank: rank, decile: decile, quintile: quintile,
                council: table.councilName(at: row), councilCode: table.councilCode(at: row),
                explanation: "\(noun) \(code): \(index.rawValue) rank \(rank) of \(index.areaCount), \(derivation) "
                    + "(\(tables[position].fileName):\(table.lines[row]))")
        }
        return nil
    }

    private func lookupPostcode(_ key: UInt64, query: String) throws(AreaLookupError) -> AreaInfo {
        let postcode = AreaKey.postcodeText(key)
        guard data.contains(where: { $0.kind == .nspl }) else {
            throw AreaLookupError(query: query, message: "cannot resolve postcode \(postcode): no postcode lookup "
                + "(ONS NSPL) is loaded (\(loadedList))")
        }
        for position in data.indices where data[position].kind == .nspl {
            let table = data[position]
            guard let row = table.find(key) else { continue }
            let terminatedMonth = Int(table.terminated[row])
            let terminated = terminatedMonth != 0
            let lookupFile = "\(tables[position].fileName):\(table.lines[row])"
            let status = terminated
                ? " (terminated \(terminatedMonth / 100)-\(terminatedMonth % 100 < 10 ? "0" : "")\(terminatedMonth % 100))"
                : ""
            let zone = table.zones[row]
            guard zone != 0, let index = AreaKey.index(ofCode: zone) else {
                throw AreaLookupError(query: query, message: "postcode \(postcode)\(status) has no data zone or "
                    + "LSOA in the postcode lookup (\(lookupFile))")
            }
            let zoneCode = AreaKey.codeText(zone)
            let noun = index == .simd2020v2 ? "data zone" : "LSOA"
            let lauaCode = table.councilCode(at: row)
            let prefix = "postcode \(postcode)\(status) is in \(noun) \(zoneCode) (\(lookupFile)); "
            if var info = figures(for: zone, query: query) {
                info.postcode = postcode
                info.postcodeTerminated = terminated
                info.councilCode = lauaCode ?? info.councilCode
                info.explanation = prefix + info.explanation
                return info
            }
            let rank = Int(table.ranks[row])
            guard index == .simd2020v2, rank >= 1, rank <= index.areaCount else {
                throw AreaLookupError(query: query, message: "postcode \(postcode)\(status) is in \(noun) "
                    + "\(zoneCode), which no loaded \(index.rawValue) table has (\(loadedList))")
            }
            // The NSPL's imd column is the SIMD 2020v2 rank of the data zone for Scottish rows.
            let decile = (rank * 10 + index.areaCount - 1) / index.areaCount
            let quintile = (decile + 1) / 2
            return AreaInfo(
                query: query, code: zoneCode, postcode: postcode, postcodeTerminated: terminated,
                index: index, rank: rank, decile: decile, quintile: quintile, council: lauaCode,
                councilCode: lauaCode,
                explanation: prefix + "no loaded SIMD 2020v2 table has it, so SIMD 2020v2 rank \(rank) of "
                    + "\(index.areaCount) from the postcode lookup's imd column, decile ceil(\(rank) × 10 / "
                    + "\(index.areaCount)) = \(decile), quintile ceil(\(decile) / 2) = \(quintile)")
        }
        throw AreaLookupError(query: query, message: "unknown postcode '\(postcode)' (\(loadedList))")
    }
}
