import Areas
import Foundation
import Testing
@testable import cbscore

@Suite struct AreasCommandTests {
    let folder: String = {
        let folder = NSTemporaryDirectory() + "cbscore-cli-areas/" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder + "/nested", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/simd.csv", contents: Data((
            "\"Data_Zone\",\"Council_area\",\"SIMD2020v2_Rank\",\"SIMD2020v2_Decile\",\"SIMD2020v2_Quintile\"\n"
                + "\"S01012080\",\"Renfrewshire\",697,1,1\n").utf8))
        _ = FileManager.default.createFile(atPath: folder + "/nested/nspl.csv", contents: Data((
            "pcds,doterm,laua,lsoa11,imd\nDG1 1AD,199512,S12000006,S01007612,392\n").utf8))
        _ = FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data("notes\n".utf8))
        return folder
    }()

    @Test func lookupParsesRepeatedAreasOptions() throws {
        let command = try CBScore.parseAsRoot(["areas", "lookup", "--areas", "a.csv", "--areas", "b", "S01012080",
                                               "dg1 1ad"])
        let lookup = try #require(command as? AreasLookupCommand)
        #expect(lookup.areaOptions.areas == ["a.csv", "b"])
        #expect(lookup.queries == ["S01012080", "dg1 1ad"])
    }

    @Test func lookupLines() throws {
        let directory = try AreaDirectory.load(paths: [folder], cacheDirectory: nil)
        #expect(AreasLookupCommand.line(for: try directory.lookup("S01012080"))
            == "S01012080: data zone S01012080, SIMD 2020v2 rank 697, decile 1, quintile 1, "
            + "council Renfrewshire (S12000038) [20% most deprived]")
        // Not in the sample SIMD file: figures from the postcode lookup's rank, council as its code.
        #expect(AreasLookupCommand.line(for: try directory.lookup("dg11ad"))
            == "dg11ad: postcode DG1 1AD (terminated) → data zone S01007612, SIMD 2020v2 rank 392, decile 1, "
            + "quintile 1, council S12000006 [20% most deprived]")
    }

    @Test func summary() throws {
        let directory = try AreaDirectory.load(paths: [folder], cacheDirectory: nil)
        let simd = directory.tables.first { $0.kind == .simd2020v2 }?.sha256 ?? ""
        let nspl = directory.tables.first { $0.kind == .nspl }?.sha256 ?? ""
        #expect(AreasSummaryCommand.text(for: directory) == """
            SIMD 2020v2     1 rows  sha256 \(simd)  \(folder)/simd.csv  (partial: 6976 areas ranked)
            NSPL postcodes  1 rows  sha256 \(nspl)  \(folder)/nested/nspl.csv  (1 terminated)
            skipped 1 file that is not an area table (--verbose lists them)

            """)
        #expect(AreasSummaryCommand.text(for: .empty)
            == "no area tables loaded: pass --areas PATH (a file or a folder) or set CBSCORE_AREAS\n")
    }
}
