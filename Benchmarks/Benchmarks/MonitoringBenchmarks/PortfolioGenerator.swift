import Areas
import Documents
import Foundation
import Monitoring
import Scoring
import Store

/// Writes a seeded portfolio into a store through the same calls the CLI makes
/// (`award`, `importReturn`): `contracts` three-year contracts with 12 quarterly returns each.
enum PortfolioGenerator {
    static let periods = (0..<12).map { q in ReturnPeriod.quarter(year: 2026 + (q + 2) / 4, quarter: (q + 2) % 4 + 1) }
    static let at = SourceLocation(file: "generated", line: 1, column: 1)

    /// Ten areas, one per decile, in four councils; stands in for the deprivation tables.
    struct Areas: AreaLookup {
        static let councils = ["Glasgow City", "North Lanarkshire", "Renfrewshire", "West Dunbartonshire"]
        func lookup(_ text: String) throws(AreaLookupError) -> AreaInfo {
            guard text.hasPrefix("S0101000"), let n = Int(text.dropFirst(8)), (0...9).contains(n) else {
                throw AreaLookupError(query: text, message: "unknown data zone '\(text)'")
            }
            return AreaInfo(query: text, code: text, index: .simd2020v2, rank: n * 697 + 1, decile: n + 1,
                            quintile: n / 2 + 1, council: Self.councils[n % 4])
        }
    }

    static func area(_ n: Int) -> AreaReference { AreaReference("S0101000\(n % 10)", at: at) }

    static func bid(_ i: Int) -> Bid {
        Bid(id: "B-\(i)", tenderID: "T-\(i)", submitted: Instant(lexical: "2026-03-14T11:00:00Z", epochSeconds: 1_773_486_000),
            bidder: Bidder(name: "Supplier \(i % 200) Ltd", size: .small), price: Money(Exact(2_000_000)),
            fairWork: FairWork(lowestHourlyRate: Money(14), zeroHoursContracts: false, workforceVoice: true,
                               flexibleWorking: true),
            commitments: [
                .job(Job(ref: "J1", count: 6, fte: 1, weeks: 26, hourlyRate: Money(14), area: area(i % 2),
                         targetGroups: [.youngPerson, .longTermUnemployed], location: at)),
                .apprenticeship(Apprenticeship(ref: "A1", count: 3, weeks: 52, level: .modern, location: at)),
                .training(Training(ref: "T1", count: 40, hours: 35, location: at)),
                .supplyChain(SupplyChain(ref: "S1", kind: .sme, amount: Money(Exact(240_000)), location: at)),
                .volunteering(Volunteering(ref: "V1", hours: 600, location: at)),
            ],
            location: at)
    }

    static func deliveryReturn(contract i: Int, quarter q: Int) -> DeliveryReturn {
        let period = periods[q]
        var items: [ReturnItem] = [
            .hire(Hire(ref: "J1", person: "P-\(i)-\(q)", start: period.start.adding(days: (i + q) % 60), fte: 1,
                       hourlyRate: Money(14), area: area(i + q),
                       targetGroups: (i + q) % 5 == 0 ? [] : [.youngPerson], location: at)),
            .trainingCompleted(TrainingCompleted(ref: "T1", count: 1 + (i + q) % 5, hours: 35, location: at)),
            .supplyChainSpend(SupplyChainSpend(ref: "S1", kind: .sme, amount: Money(Exact(15_000 + (i * 37 + q * 101) % 10_000)),
                                               location: at)),
            .volunteeringHours(VolunteeringHours(ref: "V1", hours: 30 + (i + q) % 40, location: at)),
        ]
        if q % 4 == 1 {
            items.append(.apprenticeshipStart(ApprenticeshipStart(ref: "A1", person: "A-\(i)-\(q)", start: period.start,
                                                                  area: area(i), targetGroups: [.youngPerson], location: at)))
        }
        if q > 0, (i + q) % 7 == 0 {
            items.append(.leaver(Leaver(person: "P-\(i)-\(q - 1)", date: period.start.adding(days: 10), location: at)))
        }
        return DeliveryReturn(contractID: "C-\(i)", period: period, submitted: period.end.adding(days: 14),
                              items: items, location: at)
    }

    /// Awards `contracts` contracts and imports their 12 returns each.
    static func populate(_ store: EvaluationStore, contracts: Int) async throws {
        let areas = Areas()
        let scheme = SchemeReference(name: "generated", file: "generated.cbs", sha256: "0")
        let points = ScoredPoints(lines: [PointsLine(id: "jobs", title: "Jobs", points: 90)], total: 90)
        for i in 0..<contracts {
            let bid = bid(i)
            _ = try await store.award(Award(contractID: "C-\(i)", bid: bid, start: CalendarDate(year: 2026, month: 7, day: 1)!,
                                      end: CalendarDate(year: 2029, month: 6, day: 30)!, bidFile: "bid-\(i).xml",
                                      bidSHA256: "b\(i)", scheme: scheme, committedPoints: points), areas: areas)
        }
        for q in 0..<12 {
            for i in 0..<contracts {
                let outcome = try await store.importReturn(deliveryReturn(contract: i, quarter: q), file: "r-\(i)-\(q).xml",
                                                     sha256: "r\(i)-\(q)", areas: areas)
                guard outcome.result == .stored else { throw GeneratorError(message: outcome.message) }
            }
        }
    }

    struct GeneratorError: Error { var message: String }

    /// The report benchmarks' store: reused from an earlier run when it already holds the whole
    /// portfolio (generating 120,000 returns takes minutes), else generated afresh.
    static func portfolioStore(contracts: Int) async throws -> EvaluationStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-bench-report-\(contracts).sqlite").path
        if FileManager.default.fileExists(atPath: path), let store = try? EvaluationStore.sqlite(path: path),
           let list = try? await store.contracts(), list.count == contracts, list.allSatisfy({ $0.returns == 12 }) {
            return store
        }
        let store = try freshStore("report-\(contracts)")
        try await populate(store, contracts: contracts)
        return store
    }

    /// A store in the temporary folder, fresh.
    static func freshStore(_ name: String) throws -> EvaluationStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-bench-\(name).sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return try EvaluationStore.sqlite(path: path)
    }
}
