import Foundation
import TestSupport
import Testing
@testable import Areas

/// The official files in ../shared/data, read as published.
@Suite(.needsSharedData) struct RealTablesTests {
    let directory: AreaDirectory

    init() throws { directory = try realTables() }

    @Test func rowCounts() {
        let rows = Dictionary(uniqueKeysWithValues: directory.tables.map { ($0.kind, $0.rows) })
        #expect(rows == [.simd2020v2: 6976, .imd2019: 32844, .wimd2019: 1909, .nspl: 33306])
        #expect(directory.tables.allSatisfy { $0.isComplete })
        #expect(directory.tables.first { $0.kind == .nspl }?.terminatedPostcodes == 33306 - 28090)
        #expect(directory.tables.allSatisfy { $0.sha256.count == 64 && !$0.readFromCache })
    }

    @Test(arguments: [("S01012080", 697, 1), ("S01009432", 698, 2), ("S01012435", 1395, 2), ("S01011179", 1396, 3)])
    func simdDecileEdges(code: String, rank: Int, decile: Int) throws {
        let info = try directory.lookup(code)
        #expect(info.index == .simd2020v2)
        #expect(info.rank == rank)
        #expect(info.decile == decile)
        #expect(info.quintile == (decile + 1) / 2)
        #expect(info.isDeprived == (decile <= 2))
    }

    @Test func simdCouncilNameAndCode() throws {
        let info = try directory.lookup("S01012080")
        #expect(info.council == "Renfrewshire")
        #expect(info.councilCode == "S12000038")
        #expect(info.explanation == "data zone S01012080: SIMD 2020v2 rank 697 of 6976, decile 1 and quintile 1 "
            + "as published (simd2020v2_datazones.csv:5576)")
    }

    @Test func englishTiedRank() throws {
        let barnet = try directory.lookup("E01000186")
        let bromley = try directory.lookup("e01000827")
        #expect(barnet.rank == 30326 && bromley.rank == 30326)
        #expect(barnet.decile == 10 && bromley.decile == 10)
        #expect(barnet.quintile == 5)
        #expect(barnet.council == "Barnet" && barnet.councilCode == "E09000003")
        #expect(bromley.council == "Bromley")
        let london = try directory.lookup("E01000001")
        #expect(london.rank == 29199 && london.decile == 9 && london.quintile == 5)
    }

    @Test func welshDecileIsDerivedFromTheRank() throws {
        // The file's IMD_decile says 4; ceil(764 × 10 / 1909) = ceil(4.002) = 5.
        let info = try directory.lookup("W01000038")
        #expect(info.index == .wimd2019)
        #expect(info.rank == 764)
        #expect(info.decile == 5)
        #expect(info.quintile == 3)
        #expect(info.council == nil)
        #expect(info.explanation.contains("decile ceil(764 × 10 / 1909) = 5"))
    }

    @Test(arguments: ["dg1 1aa", "DG11AA", " Dg1  1aA ", "DG1 1AA"])
    func postcodesInOddSpellings(written: String) throws {
        let info = try directory.lookup(written)
        #expect(info.query == written)
        #expect(info.postcode == "DG1 1AA")
        #expect(info.code == "S01007612")
        #expect(info.index == .simd2020v2)
        #expect(info.rank == 392)
        #expect(info.decile == 1)
        #expect(!info.postcodeTerminated)
        #expect(info.council == "Dumfries and Galloway")
        #expect(info.councilCode == "S12000006")
    }

    @Test func terminatedPostcodesAreKeptAndMarked() throws {
        let info = try directory.lookup("dg1 1ad")
        #expect(info.postcode == "DG1 1AD")
        #expect(info.postcodeTerminated)
        #expect(info.code == "S01007612")
        #expect(info.decile == 1)
        #expect(info.explanation.hasPrefix("postcode DG1 1AD (terminated 1995-12) is in data zone S01007612 "
            + "(nspl_nov2021_scotland_subset.csv:3); data zone S01007612: SIMD 2020v2 rank 392"))
    }

    @Test(arguments: ["S01999999", "E01999999", "W01999999"])
    func unknownCodesSayWhatIsLoaded(code: String) {
        #expect(throws: AreaLookupError.self) { try directory.lookup(code) }
        do {
            _ = try directory.lookup(code)
        } catch {
            #expect(error.message.hasPrefix("unknown "))
            #expect(error.message.contains("'\(code)'"))
            #expect(error.message.contains("SIMD 2020v2 simd2020v2_datazones.csv (6976 rows)"))
            #expect(error.message.contains("NSPL postcodes nspl_nov2021_scotland_subset.csv (33306 rows)"))
        }
    }

    @Test func unknownPostcode() {
        do {
            _ = try directory.lookup("g31 2xt")
            Issue.record("a Glasgow postcode is not in the subset")
        } catch {
            #expect(error.message.hasPrefix("unknown postcode 'G31 2XT' (loaded: SIMD 2020v2"))
        }
    }

    @Test(arguments: ["", "hello", "S0100650", "X01006506", "DG1-1AA"])
    func textThatIsNeitherCodeNorPostcode(text: String) {
        do {
            _ = try directory.lookup(text)
            Issue.record("'\(text)' resolved")
        } catch {
            #expect(error.message.contains("is not a data zone"))
        }
    }

    @Test func postcodeFallsBackToTheLookupsRankWithoutSIMD() throws {
        let postcodesOnly = try AreaDirectory.load(paths: [nsplPath], cacheDirectory: nil)
        let viaLookup = try postcodesOnly.lookup("DG10 9AA")
        let viaTable = try directory.lookup("DG10 9AA")
        #expect(viaLookup.rank == 4150 && viaTable.rank == 4150)
        #expect(viaLookup.decile == viaTable.decile)
        #expect(viaLookup.quintile == viaTable.quintile)
        #expect(viaLookup.council == "S12000006")
        #expect(viaLookup.explanation.contains("from the postcode lookup's imd column, decile ceil(4150 × 10 / 6976) = 6"))
        // A data zone needs the SIMD table itself.
        do {
            _ = try postcodesOnly.lookup("S01007642")
            Issue.record("resolved without SIMD")
        } catch {
            #expect(error.message.contains("no SIMD 2020v2 table is loaded"))
        }
    }

    /// The README's checked fact, through the loader: NSPL imd equals the SIMD rank on every row.
    @Test func postcodeRanksAgreeWithTheirDataZones() throws {
        let nspl = try #require(directory.data.first { $0.kind == .nspl })
        let simd = try #require(directory.data.first { $0.kind == .simd2020v2 })
        let disagreeing = (0..<nspl.count).filter { row in
            simd.find(nspl.zones[row]).map { simd.ranks[$0] } != nspl.ranks[row]
        }
        #expect(disagreeing.isEmpty)
    }
}

/// A real file cut short in the middle of a row, as an interrupted download leaves it. (Cut at a
/// line end, a file is a valid partial table: `areas summary` marks it partial.)
@Test(.needsSharedData, arguments: [(imdPath, 1_000_003), (simdPath, 1_500_000), (nsplPath, 2_000_000)])
func truncatedRealTableIsRefused(source: String, keep: Int) throws {
    let bytes = try #require(FileManager.default.contents(atPath: source)).prefix(keep)
    let folder = temporaryFolder()
    let path = folder + "/" + (source as NSString).lastPathComponent
    _ = FileManager.default.createFile(atPath: path, contents: bytes)
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
    let found = diagnostics { _ = try AreaDirectory.load(paths: [path], cacheDirectory: nil) }
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("\(path):\(lines):") == true)
    #expect(found.first?.hasSuffix("the file looks truncated") == true)
}
