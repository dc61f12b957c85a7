/// One file an `AreaDirectory` read: for `areas summary` and for the provenance results cite.
public struct LoadedTable: Sendable, Hashable, Codable {
    public var kind: AreaTableKind
    /// The path as named (an `--areas` value, or a folder joined with the file's place in it).
    public var path: String
    public var rows: Int
    /// SHA-256 of the file's bytes, as read when the cache entry was built.
    public var sha256: String
    public var byteCount: Int
    /// Postcode lookup only: rows with a termination date (kept and marked).
    public var terminatedPostcodes: Int
    /// True when the figures came from the on-disk cache rather than parsing the file. Not
    /// provenance: leave it out of results, which must not depend on the cache.
    public var readFromCache: Bool

    public init(kind: AreaTableKind, path: String, rows: Int, sha256: String, byteCount: Int,
                terminatedPostcodes: Int = 0, readFromCache: Bool = false) {
        self.kind = kind
        self.path = path
        self.rows = rows
        self.sha256 = sha256
        self.byteCount = byteCount
        self.terminatedPostcodes = terminatedPostcodes
        self.readFromCache = readFromCache
    }

    public var index: DeprivationIndex? { kind.index }

    /// The file's name, which messages and explanations cite so they read the same on every machine.
    public var fileName: String {
        // UTF-8 search: splitting by Character walks grapheme clusters, and this is asked
        // on every look-up's explanation.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// False for a sample or partial index table (fewer rows than the index ranks).
    public var isComplete: Bool {
        guard let index else { return true }
        return rows == index.areaCount
    }

    /// `SIMD 2020v2 simd2020v2_datazones.csv (6976 rows)`.
    var label: String { "\(kind.rawValue) \(fileName) (\(rows) rows)" }
}
