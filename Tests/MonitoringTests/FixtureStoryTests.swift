import Areas
import DocumentReading
import Documents
import Foundation
import Hashing
import Monitoring
import Store
import TestSupport
import Testing

/// The story in fixtures/monitoring, read from the real files with the real area tables.
@Suite(.needsSharedData) struct FixtureStoryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func fixture(_ name: String) -> String { root.appendingPathComponent("fixtures/monitoring/\(name)").path }

    func loadStory() async throws -> EvaluationStore {
        let areas = try AreaDirectory.load(paths: [Self.root.appendingPathComponent("../shared/data/simd2020v2").standardized.path],
                                           cacheDirectory: nil)
        let reader = try DocumentReader()
        let store = try temporaryStore()
        var bids: [Bid] = []
        try reader.readBids(at: Self.fixture("bid-B-031-02-awarded.xml")) { result in
            if case .bid(let bid) = result { bids.append(bid) }
        }
        let bid = try #require(bids.first)
        _ = try await store.award(Award(contractID: "C-2026-0311", bid: bid, start: date("2026-07-01"), end: date("2027-06-30"),
                                  bidFile: "bid.xml", bidSHA256: "b", scheme: .init(name: "t", file: "t", sha256: "t"),
                                  committedPoints: ScoredPoints(lines: [], total: 0)), areas: areas)
        for name in ["return-2026-Q3.xml", "return-2026-Q4.xml", "return-2026-Q4-resubmitted.xml",
                     "return-2027-Q1.xml", "return-2027-Q2.xml"] {
            let path = Self.fixture(name)
            let outcome = try await store.importReturn(try reader.readReturn(at: path), file: name,
                                                 sha256: try SHA256.hexOfFile(atPath: path), areas: areas)
            #expect(outcome.result != .refused, "\(outcome.diagnostics)")
        }
        return store
    }

    @Test func theStoryAtTheEndOfTheContract() async throws {
        let store = try await loadStory()
        #expect(try await store.history(contract: "C-2026-0311").count == 5)
        let p = try #require(try await store.progress(contract: "C-2026-0311", asOf: date("2027-06-30")))
        let byRef = Dictionary(uniqueKeysWithValues: p.commitments.map { ($0.ref, $0) })
        #expect(byRef["J1"]?.hires == HireCounts(filled: 3, sustained: 1, inPost: 1, leftEarly: 1, notCounted: 3))
        #expect(byRef["J1"]?.delivered == 2)
        #expect(byRef["J1"]?.status == .red)
        #expect(byRef["A1"]?.delivered == 2)
        #expect(byRef["A1"]?.status == .green)
        #expect(byRef["P1"]?.percent == 90)
        #expect(byRef["P1"]?.status == .green)
        #expect(byRef["T1"]?.delivered == 20)
        #expect(byRef["S1"]?.delivered == 104_000)
        #expect(byRef["S1"]?.status == .amber)
        #expect(byRef["V1"]?.delivered == 174)
        let reasons = byRef["J1"]?.hireOutcomes.filter { !$0.counted }.map(\.person)
        #expect(reasons == ["P-0003", "P-0004", "P-0005"])
    }
}
