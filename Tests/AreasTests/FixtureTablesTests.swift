import Foundation
import TestSupport
import Testing
@testable import Areas

/// The sample tables in fixtures/areas, with the official headers, load like the real ones.
@Test func fixtureSamplesLoad() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/areas").path
    let directory = try AreaDirectory.load(paths: [fixtures], cacheDirectory: nil)
    #expect(directory.tables.map(\.kind).sorted() == [.simd2020v2, .imd2019, .wimd2019, .nspl])
    #expect(directory.skippedFiles == [fixtures + "/README.md"])
    let tied = try [directory.lookup("E01000941"), directory.lookup("E01013836")]
    #expect(tied.map(\.rank) == [4860, 4860])
    #expect(try directory.lookup("dg1 1ad").postcodeTerminated)
}

/// Each sample row says what the full table says.
@Test(.needsSharedData) func fixtureSamplesAgreeWithTheRealTables() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/areas").path
    let directory = try AreaDirectory.load(paths: [fixtures], cacheDirectory: nil)
    let real = try realTables()
    for query in ["S01007612", "E01000001", "W01000001", "DG1 1AA"] {
        #expect(try directory.lookup(query).rank == real.lookup(query).rank)
    }
}
