import Areas
import Documents
import Foundation
import Monitoring
import Scoring
import Store
import StorePostgres
import Testing

/// The backends the store suite runs on: SQLite always; PostgreSQL when
/// CBSCORE_TEST_DATABASE_URL names a server (each test gets a new database there). With
/// CBSCORE_REQUIRE_POSTGRES=1 a missing URL fails the PostgreSQL cases instead of leaving them out.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

enum TestStores {
    static let environment = ProcessInfo.processInfo.environment
    static let databaseURL = environment["CBSCORE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["CBSCORE_REQUIRE_POSTGRES"] == "1"
    static let postgresRuns = databaseURL != nil || required
    static let skipReason: Comment = "PostgreSQL store tests skipped: set CBSCORE_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB (CI sets it and CBSCORE_REQUIRE_POSTGRES=1)"

    /// Every backend the suite runs on.
    static let kinds: [StoreKind] = postgresRuns ? [.sqlite, .postgres] : [.sqlite]

    static let fixedNow: @Sendable () -> String = { "2026-11-21T00:00:00Z" }

    /// A new, empty, migrated store.
    static func fresh(_ kind: StoreKind, now: @escaping @Sendable () -> String = fixedNow) throws -> EvaluationStore {
        EvaluationStore(backend: try freshBackend(kind), now: now)
    }

    static func freshBackend(_ kind: StoreKind) throws -> any StoreBackend {
        switch kind {
        case .sqlite:
            return try SQLiteBackend(path: try temporaryFile("store.sqlite"))
        case .postgres:
            return try PostgresBackend(url: try freshDatabaseURL())
        }
    }

    static func freshDatabaseURL() throws -> String {
        guard let url = databaseURL else {
            throw StoreError.unusable("CBSCORE_REQUIRE_POSTGRES=1 but CBSCORE_TEST_DATABASE_URL is not set")
        }
        let name = "cbscore_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        return try PostgresBackend.createDatabase(serverURL: url, name: String(name))
    }

    static func temporaryFile(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A built executable of this package (`cbscore`, `cbscore-server`).
    static func binary(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name)) }
        candidates.append(root.appendingPathComponent(".build/debug/\(name)"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }
}

/// A few areas with fixed deciles, standing in for the deprivation tables.
struct TestAreas: AreaLookup {
    static let known: [String: (decile: Int, council: String)] = [
        "S01010206": (1, "Glasgow City"), "S01008000": (5, "Fife"), "S01012000": (9, "East Renfrewshire"),
    ]

    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        guard let entry = Self.known[text] else {
            throw AreaLookupError(query: text, message: "unknown data zone '\(text)' (loaded: test table, 3 rows)")
        }
        return AreaInfo(query: text, code: text, index: .simd2020v2, rank: entry.decile * 600,
                        decile: entry.decile, quintile: (entry.decile + 1) / 2, council: entry.council)
    }
}

let here = SourceLocation(file: "t.xml", line: 1, column: 1)
func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

func sampleBid(bidder: String = "Clyde Build Ltd") -> Bid {
    Bid(id: "B-1", tenderID: "T-1", submitted: Instant(iso: "2026-03-14T11:02:00Z")!,
        bidder: Bidder(name: bidder, size: .small), price: Money(Exact(2_000_000)),
        fairWork: FairWork(lowestHourlyRate: Money(Exact(decimal: "13.45")!), zeroHoursContracts: false,
                           workforceVoice: true, flexibleWorking: true),
        commitments: [
            .job(Job(ref: "J1", count: 4, fte: 1, weeks: 26, hourlyRate: Money(Exact(decimal: "13.60")!),
                     area: AreaReference("S01010206", at: here), targetGroups: [.youngPerson], location: here)),
            .supplyChain(SupplyChain(ref: "S1", kind: .sme, amount: Money(Exact(decimal: "120000.50")!), location: here)),
        ],
        location: SourceLocation(file: "bid.xml", line: 2, column: 1))
}

func award(_ store: EvaluationStore, id: String = "C-1", start: String = "2026-07-01", end: String = "2027-06-30",
           bidder: String = "Clyde Build Ltd") async throws {
    let bid = sampleBid(bidder: bidder)
    _ = try await store.award(Award(
        contractID: id, bid: bid, start: date(start), end: date(end), bidFile: "bid.xml", bidSHA256: "b1d",
        scheme: SchemeReference(name: "test", file: "test.cbs", sha256: "5c4e"),
        committedPoints: ScoredPoints(lines: [PointsLine(id: "jobs", title: "Jobs", points: try Exact(numerator: 560, denominator: 9))],
                                      total: try Exact(numerator: 560, denominator: 9))), areas: TestAreas())
}

func hire(_ person: String, start: String, area: String? = "S01010206", fte: String = "1") -> ReturnItem {
    .hire(Hire(ref: "J1", person: person, start: date(start), fte: Exact(decimal: fte)!,
               hourlyRate: Money(Exact(decimal: "13.60")!), area: area.map { AreaReference($0, at: here) },
               targetGroups: [.youngPerson], location: here))
}

func spend(_ amount: String) -> ReturnItem {
    .supplyChainSpend(SupplyChainSpend(ref: "S1", kind: .sme, amount: Money(Exact(decimal: amount)!), location: here))
}

func deliveryReturn(_ period: String, contract: String = "C-1", submitted: String = "2026-10-14",
                    _ items: [ReturnItem]) -> DeliveryReturn {
    DeliveryReturn(contractID: contract, period: ReturnPeriod(period)!, submitted: date(submitted),
                   items: items, location: SourceLocation(file: "r.xml", line: 2, column: 1))
}

extension EvaluationStore {
    @discardableResult
    func importing(_ ret: DeliveryReturn, hash: String) async throws -> ImportOutcome {
        try await importReturn(ret, file: "\(ret.period)-\(hash).xml", sha256: hash, areas: TestAreas())
    }
}
