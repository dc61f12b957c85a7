import Areas
import Documents
import Foundation
import Monitoring
import Store
import Scoring

/// A few areas with fixed deciles, standing in for the deprivation tables.
struct TestAreas: AreaLookup {
    static let known: [String: (decile: Int, council: String)] = [
        "S01010206": (1, "Glasgow City"),
        "S01010207": (2, "Glasgow City"),
        "S01008000": (5, "Fife"),
        "S01012000": (9, "East Renfrewshire"),
    ]

    func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
        guard let entry = Self.known[text] else {
            throw AreaLookupError(query: text, message: "unknown data zone '\(text)' (loaded: test table, 4 rows)")
        }
        return AreaInfo(query: text, code: text, index: .simd2020v2, rank: entry.decile * 600,
                        decile: entry.decile, quintile: (entry.decile + 1) / 2, council: entry.council)
    }
}

/// Scores like a tiny menu: 10 per job × fte (× 1.5 deprived), 1 per £20,000 of spend, 1 per
/// training completion; enough to check what is handed to the scheme.
struct TestScorer: PointsScorer {
    func points(for commitments: [Commitment], like bid: Bid) throws -> ScoredPoints {
        var jobs = Exact.zero, spend = Exact.zero, training = Exact.zero
        for c in commitments {
            switch c {
            case .job(let j):
                var p = Exact(10 * j.count) * j.fte
                if let area = j.area, (try? TestAreas().lookup(area.text))?.isDeprived == true { p = p * Exact(3) / Exact(2) }
                jobs = jobs + p
            case .apprenticeship(let a): jobs = jobs + Exact(12 * a.count)
            case .supplyChain(let s): spend = spend + s.amount.amount / 20_000
            case .training(let t): training = training + Exact(t.count)
            default: break
            }
        }
        return ScoredPoints(lines: [PointsLine(id: "jobs", title: "Jobs", points: jobs),
                                    PointsLine(id: "training", title: "Training", points: training),
                                    PointsLine(id: "supply-chain", title: "Supply chain", points: spend)],
                            total: jobs + spend + training)
    }
}

let here = SourceLocation(file: "t.xml", line: 1, column: 1)

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
func area(_ text: String) -> AreaReference { AreaReference(text, at: here) }

/// Two jobs for young people from a deprived area, an apprenticeship, training, spend.
func sampleBid() -> Bid {
    Bid(id: "B-1", tenderID: "T-1", submitted: Instant(iso: "2026-03-14T11:02:00Z")!,
        bidder: Bidder(name: "Clyde Build Ltd", size: .small),
        price: Money(Exact(2_000_000)),
        fairWork: FairWork(lowestHourlyRate: Money(Exact(decimal: "13.45")!), zeroHoursContracts: false,
                           workforceVoice: true, flexibleWorking: true),
        commitments: [
            .job(Job(ref: "J1", count: 4, fte: 1, weeks: 26, hourlyRate: Money(Exact(decimal: "13.60")!),
                     area: area("S01010206"), targetGroups: [.youngPerson, .careExperienced], location: here)),
            .apprenticeship(Apprenticeship(ref: "A1", count: 2, weeks: 52, level: .modern, location: here)),
            .training(Training(ref: "T1", count: 20, hours: 35, location: here)),
            .supplyChain(SupplyChain(ref: "S1", kind: .sme, amount: Money(Exact(100_000)), location: here)),
        ],
        location: SourceLocation(file: "bid.xml", line: 2, column: 1))
}

func award(_ store: EvaluationStore, id: String = "C-1", bid: Bid = sampleBid(),
           start: String = "2026-07-01", end: String = "2027-06-30") async throws {
    _ = try await store.award(Award(
        contractID: id, bid: bid, start: date(start), end: date(end), bidFile: "bid.xml", bidSHA256: "b1d",
        scheme: SchemeReference(name: "test", file: "test.cbs", sha256: "5c4e"),
        committedPoints: try TestScorer().points(for: bid.commitments, like: bid)), areas: TestAreas())
}

func hire(_ person: String, ref: String = "J1", start: String, area a: String? = "S01010206",
          groups: [TargetGroup] = [.youngPerson], fte: Exact = 1) -> ReturnItem {
    .hire(Hire(ref: ref, person: person, start: date(start), fte: fte, hourlyRate: Money(Exact(decimal: "13.60")!),
               area: a.map(area), targetGroups: groups, location: here))
}

func leaver(_ person: String, on day: String, ref: String? = nil) -> ReturnItem {
    .leaver(Leaver(ref: ref, person: person, date: date(day), location: here))
}

func spend(_ amount: Int, ref: String = "S1") -> ReturnItem {
    .supplyChainSpend(SupplyChainSpend(ref: ref, kind: .sme, amount: Money(Exact(amount)), location: here))
}

func deliveryReturn(_ period: String, contract: String = "C-1", submitted: String = "2026-10-14",
                    _ items: [ReturnItem]) -> DeliveryReturn {
    DeliveryReturn(contractID: contract, period: ReturnPeriod(period)!, submitted: date(submitted),
                   items: items, location: SourceLocation(file: "r.xml", line: 2, column: 1))
}

/// A fresh store in a temporary folder.
func temporaryStore() throws -> EvaluationStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-mon-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try EvaluationStore.sqlite(path: folder.appendingPathComponent("m.sqlite").path, now: { "2026-11-21T00:00:00Z" })
}

extension EvaluationStore {
    /// The SQLite file of a store opened by `temporaryStore`.
    var path: String { (backend as! SQLiteBackend).path }
    var sqlite: SQLiteBackend { backend as! SQLiteBackend }
}

extension EvaluationStore {
    @discardableResult
    func importing(_ ret: DeliveryReturn, hash: String) async throws -> ImportOutcome {
        try await importReturn(ret, file: "\(ret.period).xml", sha256: hash, areas: TestAreas())
    }
}
