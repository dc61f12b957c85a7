import Areas
import Documents
import ExactNumbers
import Foundation
import Scoring
import TestSupport
import Testing

/// The reference scheme on the real published tables in ../shared/data (never copied here).
@Suite(.needsSharedData) struct RealAreaTablesTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    static func directory() throws -> AreaDirectory {
        try AreaDirectory.load(paths: ["simd2020v2", "wimd2019"].map { data.appendingPathComponent($0).path }, cacheDirectory: nil)
    }

    func jobsPoints(area: String, scorer: Scorer) throws -> Exact? {
        var bid = Fixtures.workedExample()
        bid.commitments = [.job(Job(ref: "J1", count: 1, fte: 1, weeks: 52, hourlyRate: Money(Fixtures.d("13.45")),
                                    area: AreaReference(area, at: Fixtures.at(20, 60)), location: Fixtures.at(20)))]
        return try scorer.evaluate(bid, tender: Fixtures.tender).get().points("jobs")
    }

    @Test func deprivedEdgeAndWelshDecilesFromTheRealTables() throws {
        let scorer = Scorer(scheme: try Scheme.bundledDefault(), areas: try RealAreaTablesTests.directory())
        #expect(try jobsPoints(area: "S01012435", scorer: scorer) == 15)   // SIMD rank 1395: decile 2
        #expect(try jobsPoints(area: "S01011179", scorer: scorer) == 10)   // SIMD rank 1396: decile 3
        #expect(try jobsPoints(area: "W01001529", scorer: scorer) == 15)   // WIMD rank 381: ceil(3810/1909) = 2
        #expect(try jobsPoints(area: "W01000856", scorer: scorer) == 10)   // WIMD rank 382: decile 3 (the file's column says 2)
    }

    @Test func examplesAgreeWithTheRealTables() throws {
        // Every area an example declares inline must match the published table.
        let directory = try RealAreaTablesTests.directory()
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules/gcr-2026.cbs"), encoding: .utf8)
        let declared = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("area ") }
        #expect(!declared.isEmpty)
        for line in declared {
            let words = line.split(separator: " ")
            let code = String(words[1])
            let rank = Int(words[words.firstIndex(of: "rank")! + 1])!
            let info = try directory.lookup(code)
            #expect(info.rank == rank, "\(code)")
        }
    }
}
