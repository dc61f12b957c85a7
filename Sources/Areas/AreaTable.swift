/// One loaded file as parallel columns sorted by key: what the parser builds, the cache stores
/// and lookups binary-search.
struct AreaTable: Sendable, Equatable {
    var kind: AreaTableKind
    /// Packed codes (`AreaKey.code`) or, for the postcode lookup, packed postcodes; strictly increasing.
    var keys: [UInt64] = []
    /// The line each row came from, for diagnostics about conflicts between files.
    var lines: [Int32] = []
    /// Index rank (1 = most deprived); for the postcode lookup the `imd` column, 0 when empty.
    var ranks: [Int32] = []
    /// Published (SIMD, IMD) or rank-derived (WIMD) decile and quintile; empty for the postcode lookup.
    var deciles: [UInt8] = []
    var quintiles: [UInt8] = []
    /// Position in `councilNames`/`councilCodes`, or `noCouncil`.
    var councils: [UInt16] = []
    var councilNames: [String] = []
    var councilCodes: [String] = []
    /// Postcode lookup only: the `lsoa11` data zone / LSOA (0 when the row has none) and the
    /// termination month as `yyyymm` (0 = live).
    var zones: [UInt64] = []
    var terminated: [Int32] = []

    static let noCouncil = UInt16.max

    var count: Int { keys.count }

    func find(_ key: UInt64) -> Int? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? low : nil
    }

    func councilName(at row: Int) -> String? {
        let position = Int(councils[row])
        guard position < councilNames.count, !councilNames[position].isEmpty else { return nil }
        return councilNames[position]
    }

    func councilCode(at row: Int) -> String? {
        let position = Int(councils[row])
        guard position < councilCodes.count, !councilCodes[position].isEmpty else { return nil }
        return councilCodes[position]
    }

    /// Whether two files say the same about one key.
    func sameRow(_ row: Int, as other: AreaTable, row otherRow: Int) -> Bool {
        ranks[row] == other.ranks[otherRow]
            && (deciles.isEmpty || deciles[row] == other.deciles[otherRow])
            && (quintiles.isEmpty || quintiles[row] == other.quintiles[otherRow])
            && councilName(at: row) == other.councilName(at: otherRow)
            && councilCode(at: row) == other.councilCode(at: otherRow)
            && (zones.isEmpty || zones[row] == other.zones[otherRow])
            && (terminated.isEmpty || terminated[row] == other.terminated[otherRow])
    }

    /// Checks every invariant lookups rely on, so a damaged cache is rebuilt rather than believed.
    var isConsistent: Bool {
        let n = keys.count
        guard lines.count == n, ranks.count == n, councils.count == n,
              councilNames.count == councilCodes.count, councilNames.count < Int(AreaTable.noCouncil)
        else { return false }
        let isPostcodes = kind == .nspl
        guard deciles.count == (isPostcodes ? 0 : n), quintiles.count == (isPostcodes ? 0 : n),
              zones.count == (isPostcodes ? n : 0), terminated.count == (isPostcodes ? n : 0)
        else { return false }
        let maximumRank = Int32(kind.index?.areaCount ?? DeprivationIndex.imd2019.areaCount)
        for row in 0..<n {
            if row > 0, keys[row - 1] >= keys[row] { return false }
            let rank = ranks[row]
            if isPostcodes {
                // A postcode starts with a letter, packed into the top of the 7 bytes.
                let first = (keys[row] >> 48) & 0xFF
                guard rank >= 0, rank <= maximumRank, first >= 65, first <= 90, keys[row] >> 56 == 0,
                      terminated[row] >= 0
                else { return false }
                if zones[row] != 0, !AreaKey.isValidCode(zones[row]) { return false }
            } else {
                guard rank >= 1, rank <= maximumRank, (1...10).contains(deciles[row]),
                      (1...5).contains(quintiles[row]),
                      AreaKey.index(ofCode: keys[row]) == kind.index
                else { return false }
            }
            guard councils[row] == AreaTable.noCouncil || Int(councils[row]) < councilNames.count
            else { return false }
        }
        return true
    }
}
